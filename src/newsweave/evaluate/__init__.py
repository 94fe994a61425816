"""Benchmarks behind ``newsweave eval NAME``: one module per benchmark.

Each module has ``add_arguments(parser)`` and ``run(args) -> int`` and reads its data from a
path the user gives (the development sets live in ``../shared/data``; nothing is bundled).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newsweave.errors import EvalError


def read_jsonl(
    path: str | Path, bad: list[tuple[int, str]] | None = None
) -> Iterator[tuple[int, str, dict]]:
    """Yield ``(line number, line, record)`` for each non-blank line of a dataset file.

    A missing file raises :class:`EvalError`. A line that is not a JSON object raises
    :class:`EvalError` naming the file and the line, unless ``bad`` is given: then the line is
    skipped and ``(line number, reason)`` appended to ``bad``.
    """
    path = Path(path)
    if not path.is_file():
        raise EvalError(f"dataset not found: {path}", source=str(path), stage="eval")
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                if bad is not None:
                    bad.append((n, f"not JSON ({exc})"))
                    continue
                raise EvalError(
                    f"line {n} is not JSON ({exc})", source=str(path), stage="eval"
                ) from exc
            if not isinstance(rec, dict):
                if bad is not None:
                    bad.append((n, "not a JSON object"))
                    continue
                raise EvalError(f"line {n} is not a JSON object", source=str(path), stage="eval")
            yield n, line, rec
