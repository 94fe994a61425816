#!/usr/bin/env bash
# Install newsweave with its test tools into .venv and run the test suite.
# This is the README's test command and what CI runs (.ci/run); keep them the same.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
# an up-to-date pip: the pip 23.x bundled with Python 3.11 trips over lxml[html-clean] extras
.venv/bin/pip install -q -U pip
# torch first and pinned: 2.13.0 is a CPU wheel; an unpinned torch pulls a multi-GB CUDA build.
.venv/bin/pip install -q torch==2.13.0
.venv/bin/pip install -q -e ".[dev]"

# Browser tests drive Debian's chromium (never a downloaded browser). Install it when we can;
# without it the browser tests skip with a reason.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
        || echo "test.sh: could not install chromium; browser tests will skip"
fi

# The layer rule of docs/ARCHITECTURE.md ([tool.importlinter] in pyproject.toml).
.venv/bin/lint-imports
# Type checks ([tool.mypy] in pyproject.toml): no error on src/newsweave.
.venv/bin/mypy src/newsweave

# Everything but benchmark-style tests (marked slow; run them with -m slow).
.venv/bin/python -m pytest -m "not slow" "$@"
