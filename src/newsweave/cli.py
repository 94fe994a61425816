"""The ``newsweave`` command: a thin argparse layer over the library.

Exit codes (documented in the README):

- 0: success, nothing skipped
- 1: a fatal error (the message says which input and the fix)
- 2: wrong usage: an unknown flag, a bad flag or config value (:class:`ConfigError`), no input,
  an ``--out``/``--db`` folder that is missing or not writable, a port that is busy or out of
  range; all checked before any work
- 3: partial failure: the run finished but some inputs were skipped (their count is printed)

Every error reaches the user as one line (``newsweave: error: ...``), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsweave import config
from newsweave.errors import ConfigError, InputError, NewsweaveError

if TYPE_CHECKING:
    from newsweave.config import Config
    from newsweave.fetch import FetchConfig, FetchResult

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3

DEFAULT_DB = config.DEFAULT_DB
# The bundled example corpus: inside the package when installed from a wheel, else the
# repository's examples/ (editable install, source checkout).
EXAMPLES_DIR = next(
    (
        p
        for p in (
            Path(__file__).resolve().parent / "examples",
            Path(__file__).resolve().parents[2] / "examples",
        )
        if p.is_dir()
    ),
    Path(__file__).resolve().parent / "examples",
)

# `newsweave eval NAME`: each benchmark is a module newsweave.evaluate.NAME with
# add_arguments(parser) and run(args) -> int.
EVALUATIONS = {
    "summarize": "Score summaries with ROUGE against reference summaries, beside baselines.",
    "facts": "Score quotes, speakers, figures and disagreement flags against a gold file.",
    "cluster": "Score story clustering with B-cubed precision/recall/F1 beside a baseline.",
    "extract": "Score HTML article extraction against gold text, beside trafilatura alone.",
    "timex": "Score time expressions (TimeML / MEANTIME) with TempEval-3 measures.",
    "entities": "Score entity merging across documents and entity types on MEANTIME.",
}

# What each stage's count means, for the progress display: (label, unit).
STAGE_LABELS = {
    "fetch": ("fetched", "page"),
    "read": ("read", "article"),
    "clean": ("cleaned", "article"),
    "cluster": ("stories", "story"),
    "summarize": ("summarized", "story"),
}


class StageProgress:
    """Per-stage progress of a CLI run: a tqdm bar per stage on a terminal, one plain line per
    stage otherwise (``newsweave: cleaned 12 articles``), on stderr.

    Called as ``progress(stage, done, total)`` by the pipeline; a stage is finished when
    ``done >= total``.
    """

    def __init__(self, bars: bool, stream: Any = None):
        self.bars = bars
        self.stream = stream if stream is not None else sys.stderr
        self._open: dict[str, Any] = {}
        self._done: set[str] = set()

    def __call__(self, stage: str, done: int, total: int) -> None:
        label, unit = STAGE_LABELS.get(stage, (stage, "item"))
        if self.bars:
            from tqdm import tqdm

            bar = self._open.get(stage)
            if bar is None:
                if stage in self._done:
                    return
                bar = self._open[stage] = tqdm(
                    total=total, desc=label, unit=unit, file=self.stream, leave=True, disable=False
                )
            bar.total = total
            bar.n = done
            bar.refresh()
            if done >= total:
                bar.close()
                del self._open[stage]
                self._done.add(stage)
            return
        if done >= total and stage not in self._done:
            self._done.add(stage)
            print(
                f"newsweave: {label} {done} {unit if done == 1 else _plural(unit)}",
                file=self.stream,
                flush=True,
            )


def _plural(unit: str) -> str:
    return unit[:-1] + "ies" if unit.endswith("y") else unit + "s"


def _progress_printer(enabled: bool) -> StageProgress | None:
    """The progress display of a run: None with -q, bars on a terminal, lines otherwise."""
    if not enabled:
        return None
    return StageProgress(bars=sys.stderr.isatty())


def quiet_model_libraries() -> None:
    """Silence the model libraries' own progress bars and info logs ("Loading weights"):
    newsweave shows its own progress per stage."""
    import logging
    import os

    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    for name in ("transformers", "sentence_transformers", "huggingface_hub"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if "huggingface_hub" in sys.modules:  # already imported: its env check has happened
        from huggingface_hub.utils import disable_progress_bars

        disable_progress_bars()
    if "transformers" in sys.modules:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()


def _add_weave_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--one-story", action="store_true", help="treat every input article as one story"
    )
    p.add_argument(
        "--format",
        choices=["md", "json", "html"],
        default="md",
        help="report format (default: md, Markdown)",
    )
    p.add_argument("--out", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument(
        "--db",
        metavar="FILE",
        help="SQLite store to save the run in (default: none for weave, newsweave.db for demo)",
    )
    p.add_argument("--config", metavar="FILE", help="TOML config file layered over the defaults")
    p.add_argument("--words", type=int, help="word budget of each summary (default 250)")
    p.add_argument(
        "--method", help="summarizer to use (default: newsweave; see newsweave.summarize)"
    )
    p.add_argument("--no-facts", action="store_true", help="skip entities, quotes and figures")
    cluster = p.add_mutually_exclusive_group()
    cluster.add_argument(
        "--cluster",
        action="store_true",
        help="cluster every article into stories, ignoring the groups the input implies "
        "(default: keep explicit groups - sub-folders of a folder you name, multi-document "
        "records, a story/story_id key - and cluster the rest)",
    )
    cluster.add_argument(
        "--no-cluster",
        action="store_true",
        help="do not cluster: each article without an explicit group is its own story",
    )
    p.add_argument(
        "--no-dedupe", action="store_true", help="keep near-duplicate articles (wire copies) apart"
    )
    p.add_argument(
        "--strict", action="store_true", help="stop at the first bad input instead of skipping it"
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or skip summary")
    dask = p.add_mutually_exclusive_group()
    dask.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="run on a local Dask cluster of N worker processes (default: one process, no "
        "Dask); see docs/scaling.md",
    )
    dask.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (its workers need "
        "newsweave installed and the input paths readable)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="newsweave",
        description="Weave many outlets' articles on one story into a cited report.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "weave",
        help="weave articles (files, directories, - for stdin) into stories and print a report",
        description="Ingest articles, clean them, group them into stories and report each "
        "story with a cited summary.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="file, directory, or - for stdin")
    p.add_argument(
        "--feed",
        metavar="URL",
        help="also fetch the pages of this RSS/Atom/JSON "
        "feed (shortcut for `newsweave fetch --feed URL`; pages kept in --db)",
    )
    _add_weave_options(p)
    p.set_defaults(func=cmd_weave)

    p = sub.add_parser("demo", help="weave the bundled example corpus and print the report")
    _add_weave_options(p)
    p.add_argument(
        "--serve",
        action="store_true",
        help="then serve the store as a local web app (see `newsweave serve`)",
    )
    p.add_argument(
        "--host", default="127.0.0.1", help="with --serve: address (default %(default)s)"
    )
    p.add_argument(
        "--port", type=int, default=8000, help="with --serve: port (default %(default)s)"
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("stories", help="list the stories in a store")
    p.add_argument(
        "--db", metavar="FILE", default=DEFAULT_DB, help="SQLite store (default %(default)s)"
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("show", help="print the report of one stored story")
    p.add_argument("story_id", metavar="STORY_ID", help="id as listed by `newsweave stories`")
    p.add_argument(
        "--db", metavar="FILE", default=DEFAULT_DB, help="SQLite store (default %(default)s)"
    )
    p.add_argument("--format", choices=["md", "json", "html"], default="md", help="report format")
    p.add_argument("--out", metavar="FILE", help="write the report to FILE instead of stdout")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("eval", help="run a benchmark (summarize, facts, cluster, extract)")
    esub = p.add_subparsers(dest="evaluation", metavar="BENCHMARK", required=True)
    for name, help_text in EVALUATIONS.items():
        ep = esub.add_parser(name, help=help_text, description=help_text)
        try:
            module = importlib.import_module(f"newsweave.evaluate.{name}")
        except ImportError:
            ep.set_defaults(func=_missing_evaluation(name))
            continue
        module.add_arguments(ep)
        ep.set_defaults(func=module.run)

    help_text = "serve a store as a local web app (127.0.0.1:8000, read-only)"
    p = sub.add_parser("serve", help=help_text, description=help_text)
    _add_serve_arguments(p)
    p.set_defaults(func=cmd_serve)

    help_text = (
        "fetch articles from a feed (--feed URL) or a list of URLs (--urls FILE), keep "
        "the pages in the store, then weave them"
    )
    p = sub.add_parser("fetch", help=help_text, description=help_text)
    _add_fetch_arguments(p)
    p.set_defaults(func=cmd_fetch)
    return parser


def _missing_evaluation(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        raise NewsweaveError(f"the '{name}' benchmark is not available in this build", stage="eval")

    return run


def config_from_args(args: argparse.Namespace):
    """Map CLI arguments to a :class:`~newsweave.config.Config` (file first, flags override)."""
    from newsweave.config import load_config

    overrides = {
        "one_story": True if getattr(args, "one_story", False) else None,
        "facts": False if getattr(args, "no_facts", False) else None,
        "on_error": "raise" if getattr(args, "strict", False) else None,
        "summarize.words": getattr(args, "words", None),
        "summarize.method": getattr(args, "method", None),
        "store.path": getattr(args, "db", None),
        "cluster.mode": "always"
        if getattr(args, "cluster", False)
        else ("never" if getattr(args, "no_cluster", False) else None),
        "cluster.dedupe": False if getattr(args, "no_dedupe", False) else None,
        "dask.workers": getattr(args, "workers", None),
        "dask.scheduler": getattr(args, "scheduler", None),
    }
    return load_config(getattr(args, "config", None), **overrides)


# ------------------------------------------------------------------ checks before work

# Longest message line shown to a user; a reason carrying a dump of binary data is cut here.
MAX_MESSAGE_CHARS = 300


def one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` as one printable line: control and other unprintable characters (binary
    garbage from a broken file) escaped, runs of whitespace collapsed, cut at ``limit``."""
    out = []
    for ch in " ".join(str(text).split()):
        if ch.isprintable() and ch != "\ufffd":
            out.append(ch)
        else:
            out.append(ascii(ch)[1:-1])
    line = "".join(out)
    return line if len(line) <= limit else line[: limit - 3].rstrip() + "..."


def check_out(out: str | None, flag: str = "--out") -> None:
    """Fail before any work when ``out`` cannot be written: a folder, a missing or read-only
    parent folder (ConfigError naming ``flag`` and the fix)."""
    import os

    if not out:
        return
    path = Path(out)
    if path.is_dir():
        raise ConfigError(
            f"{flag} {out} is a folder; give a file name, e.g. {path / 'report.md'}", stage="cli"
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ConfigError(
            f"{flag} {out}: the folder {parent} does not exist; create it "
            "first or choose another path",
            stage="cli",
        )
    if not os.access(parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ConfigError(
            f"{flag} {out} is not writable; choose a path in a folder you can write to", stage="cli"
        )


def check_port(host: str, port: int, flag: str = "--port") -> None:
    """Fail before any work when ``port`` is out of range or already in use on ``host``."""
    import socket

    if not 1 <= port <= 65535:
        raise ConfigError(
            f"{flag} {port} is out of range; give a port from 1 to 65535 (default 8000)",
            stage="cli",
        )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}); another "
            f"server may be using it: stop it or choose another {flag}",
            stage="cli",
        ) from None


def check_method(config: Config) -> None:
    """Fail before any work when the summarizer is not a registered name."""
    from newsweave.pipeline import check_config

    check_config(config)


def check_weave_settings(args: argparse.Namespace, config: Config) -> None:
    """Everything a weave can check before reading its first input."""
    check_method(config)
    check_out(getattr(args, "out", None))
    if config.store.path:
        check_out(config.store.path, "--db")


def _write(text: str, out: str | None) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")


def _render(result, fmt: str) -> str:
    from newsweave import report

    return {"md": report.to_markdown, "json": report.to_json, "html": report.to_html}[fmt](result)


def _print_skipped(skipped) -> None:
    print(f"newsweave: skipped {len(skipped)} input(s):", file=sys.stderr)
    for s in skipped:
        print(f"  {one_line(s.source, 120)} [{s.stage}]: {one_line(s.reason)}", file=sys.stderr)


def _finish(result, args: argparse.Namespace) -> int:
    if not result.stories and result.skipped:
        # nothing could be woven: a fatal input error, not a partial success with an empty
        # report (README, exit codes)
        _print_skipped(result.skipped)
        print(
            "newsweave: error: no story could be made: every input was skipped (reasons "
            "above); fix the inputs or give other ones",
            file=sys.stderr,
        )
        return EXIT_ERROR
    _write(_render(result, args.format), args.out)
    if result.skipped:
        if not getattr(args, "quiet", False):
            _print_skipped(result.skipped)
        return EXIT_PARTIAL
    return EXIT_OK


def _check_inputs(paths: Sequence[str]) -> None:
    """Before any work: an input list in which no path exists is a fatal input error."""
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing and len(missing) == len(paths):
        shown = ", ".join(missing[:3]) + (" ..." if len(missing) > 3 else "")
        raise InputError(f"no such file or directory: {shown}; check the path", stage="ingest")


def cmd_weave(args: argparse.Namespace) -> int:
    from newsweave.pipeline import weave_result

    if getattr(args, "feed", None):
        return _weave_feed(args)
    if not args.paths:
        raise ConfigError(
            "give at least one PATH (file, directory or -) or --feed URL, e.g. "
            "`newsweave weave articles/`",
            stage="cli",
        )
    config = config_from_args(args)
    check_weave_settings(args, config)
    _check_inputs(args.paths)
    stdin_text = None
    if "-" in args.paths:
        stdin_text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    progress = _progress_printer(not args.quiet)
    result = weave_result(args.paths, config, stdin_text=stdin_text, progress=progress)
    return _finish(result, args)


def _weave_feed(args: argparse.Namespace) -> int:
    """`newsweave weave --feed URL [PATH ...]`: the feed's pages plus any local inputs."""
    from newsweave.ingest import load_articles
    from newsweave.pipeline import weave_articles

    config = config_from_args(args)
    check_weave_settings(args, config)
    fetch_config_from_args(args)
    fetched = fetch_from_args(args, config)
    articles, skipped = list(fetched.articles), list(fetched.skipped)
    if args.paths:
        more, more_skipped = load_articles(
            list(args.paths), config.ingest, on_error=config.on_error
        )
        articles += more
        skipped += more_skipped
    progress = _progress_printer(not args.quiet)
    return _finish(weave_articles(articles, config, skipped, progress), args)


def cmd_demo(args: argparse.Namespace) -> int:
    from newsweave.pipeline import weave_result

    if args.db is None:
        args.db = DEFAULT_DB
    config = config_from_args(args)
    check_weave_settings(args, config)
    if getattr(args, "serve", False):
        check_port(args.host, args.port)
    progress = _progress_printer(not args.quiet)
    result = weave_result([EXAMPLES_DIR], config, progress=progress)
    if getattr(args, "serve", False):
        from newsweave import web

        if args.out:
            _write(_render(result, args.format), args.out)
        print(
            f"newsweave: wove {len(result.stories)} example stories into {Path(args.db).resolve()}"
        )
        _serve(web, args.db, args.host, args.port)
        return EXIT_OK
    code = _finish(result, args)
    if not args.quiet and code in (EXIT_OK, EXIT_PARTIAL):
        print(
            f"newsweave: wove {len(result.stories)} example stories into the store "
            f"{Path(args.db).resolve()} (browse it: newsweave serve --db {args.db})",
            file=sys.stderr,
        )
    return code


# ------------------------------------------------------------------ `newsweave serve`


def _add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``newsweave serve``."""
    from newsweave.web import DEFAULT_HOST, DEFAULT_PORT

    parser.add_argument(
        "--db",
        metavar="FILE",
        default=DEFAULT_DB,
        help="SQLite store to serve (default %(default)s)",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="address to bind (default %(default)s: this machine only)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port to listen on (default %(default)s)"
    )
    parser.add_argument(
        "--allow-add",
        action="store_true",
        help="enable POST /api/articles to add articles (default: read-only)",
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """``newsweave serve``: serve a store until interrupted; returns the exit code."""
    from newsweave import web

    check_port(args.host, args.port)
    if not Path(args.db).is_file():
        raise InputError(
            f"no store at {args.db}; weave articles into it first (`newsweave "
            f"weave PATH --db {args.db}`) or give --db",
            source=args.db,
            stage="serve",
        )
    if args.host not in web.LOOPBACK_HOSTS:
        print(
            f"newsweave: warning: binding {args.host} exposes the store to the network", flush=True
        )
    _serve(web, args.db, args.host, args.port, allow_add=args.allow_add)
    return EXIT_OK


def _serve(web, db: str, host: str, port: int, allow_add: bool = False) -> None:
    """:func:`newsweave.web.serve`; a server that fails to start (uvicorn exits) is an error."""
    try:
        web.serve(db, host, port, allow_add=allow_add)
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise NewsweaveError(
                f"the web server could not start on {host}:{port} (see the "
                "message above); choose another --port",
                stage="serve",
            ) from None


# ------------------------------------------------------------------ `newsweave fetch`


def _add_fetch_options(parser: argparse.ArgumentParser) -> None:
    """The fetcher's flags (shared by ``newsweave fetch`` and ``newsweave weave --feed``)."""
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="total time allowed per page, retries included (default 60)",
    )
    parser.add_argument(
        "--max-bytes", type=int, metavar="N", help="largest page body downloaded (default 10 MB)"
    )
    parser.add_argument(
        "--per-host", type=int, metavar="N", help="simultaneous requests to one host (default 2)"
    )
    parser.add_argument(
        "--delay",
        type=float,
        metavar="SECONDS",
        help="seconds between two requests to one host (default 0.5)",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="no network at all: use the pages already in the store (others are "
        "skipped with the reason)",
    )
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="download every page again, even when the store has it",
    )
    parser.add_argument(
        "--ignore-robots",
        action="store_true",
        help="do not read robots.txt (only for sites you run yourself)",
    )


def fetch_config_from_args(args: argparse.Namespace) -> FetchConfig:
    """Map the flags of :func:`_add_fetch_options` to a :class:`~newsweave.fetch.FetchConfig`."""
    import dataclasses

    from newsweave.fetch import FetchConfig

    changes: dict[str, Any] = {}
    for flag, key, low in (
        ("timeout", "total_timeout", 0.001),
        ("max_bytes", "max_bytes", 1),
        ("per_host", "per_host", 1),
        ("delay", "host_delay", 0),
    ):
        value = getattr(args, flag, None)
        if value is not None:
            if value < low:
                name = "--" + flag.replace("_", "-")
                bound = "above 0" if 0 < low < 1 else f"at least {low}"
                raise ConfigError(
                    f"{name} must be {bound}, got {value}; see `newsweave fetch "
                    "--help` for the default",
                    stage="cli",
                )
            changes[key] = value
    if getattr(args, "offline", False):
        changes["offline"] = True
    if getattr(args, "refresh", False):
        changes["refresh"] = True
    if getattr(args, "ignore_robots", False):
        changes["robots"] = False
    return dataclasses.replace(FetchConfig(), **changes)


def _add_fetch_arguments(parser: argparse.ArgumentParser) -> None:
    """``newsweave fetch (--feed URL | --urls FILE) [weave options]``."""
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument(
        "--feed", metavar="URL", help="RSS, Atom or JSON Feed URL: fetch the pages of its entries"
    )
    src.add_argument("--urls", metavar="FILE", help="text file with one article URL per line")
    _add_fetch_options(parser)
    parser.add_argument(
        "--no-weave",
        action="store_true",
        help="only fetch and store the articles (needs --db; default "
        "newsweave.db), do not weave a report",
    )
    _add_weave_options(parser)


def fetch_from_args(args: argparse.Namespace, config: Config) -> FetchResult:
    """Run the fetch the flags ask for (``--feed`` or ``--urls``), storing raw pages in the
    store of ``config`` (when it has one)."""
    from newsweave.errors import FetchError
    from newsweave.fetch import fetch_feed, fetch_urls, read_url_list
    from newsweave.store import Store

    fcfg = fetch_config_from_args(args)
    store = Store(config.store.path) if config.store.path else None
    progress = _progress_printer(not getattr(args, "quiet", False))
    try:
        if getattr(args, "feed", None):
            if progress and not progress.bars:
                print(f"newsweave: fetching the feed {args.feed}", file=sys.stderr, flush=True)
            result = fetch_feed(
                args.feed,
                fcfg,
                store,
                min_text_chars=config.ingest.min_text_chars,
                progress=progress,
            )
        else:
            result = fetch_urls(
                read_url_list(args.urls),
                fcfg,
                store,
                min_text_chars=config.ingest.min_text_chars,
                progress=progress,
            )
    finally:
        if store is not None:
            store.close()
    if result.skipped and config.on_error == "raise":  # --strict: the first failure is fatal
        first = result.skipped[0]
        raise FetchError(first.reason, source=first.source, stage=first.stage)
    return result


def cmd_fetch(args: argparse.Namespace) -> int:
    """``newsweave fetch``: fetch, then weave as ``newsweave weave`` does."""
    if args.db is None:
        args.db = DEFAULT_DB
    config = config_from_args(args)
    check_weave_settings(args, config)
    fetch_config_from_args(args)
    result = fetch_from_args(args, config)
    if not args.quiet:
        print(
            f"newsweave: fetched {len(result.articles)} article(s); downloaded "
            f"{result.downloads} page(s), {result.reused} unchanged page(s) reused from "
            f"{args.db}",
            file=sys.stderr,
        )
    if args.no_weave:
        from newsweave.store import Store

        with Store(config.store.path) as store:
            new = store.add_articles(result.articles)
        print(
            f"stored {len(new)} new article(s) in {args.db} "
            f"({len(result.articles) - len(new)} already there)"
        )
        if result.skipped:
            _print_skipped(result.skipped)
            return EXIT_PARTIAL
        return EXIT_OK
    from newsweave.pipeline import weave_articles

    progress = _progress_printer(not args.quiet)
    woven = weave_articles(result.articles, config, result.skipped, progress)
    return _finish(woven, args)


def cmd_stories(args: argparse.Namespace) -> int:
    from newsweave.store import Store

    with Store(args.db, create=False) as store:
        rows = store.list_stories()
    if args.json:
        print(json.dumps({"stories": rows}, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print(f"no stories in {args.db}")
        return EXIT_OK
    for r in rows:
        outlets = ", ".join(r.get("outlets") or []) or "-"
        # dates in one form (the day): "2025-03-05 to 2025-03-07", never mixed with times
        days = [x[:10] for x in (r.get("first_published"), r.get("last_published")) if x]
        span = " to ".join(dict.fromkeys(days))
        print(f"{r['id']}  {r['size']:>3} art.  {span or 'undated':<24}  {r['headline']}")
        print(f"{'':14}outlets: {outlets}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from newsweave.model import WeaveResult
    from newsweave.store import Store

    check_out(args.out)
    with Store(args.db, create=False) as store:
        story = store.load_story(args.story_id)
    _write(_render(WeaveResult(stories=[story]), args.format), args.out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsweave`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    quiet_model_libraries()
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:  # a flag, config key or value: wrong usage
        print(f"newsweave: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except NewsweaveError as exc:
        print(f"newsweave: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newsweave: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `newsweave ... | head`: the reader left, which is not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a file or socket the OS refused: one line, never a traceback
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        print(
            f"newsweave: error: {one_line(exc.strerror or str(exc))}{where}; check the path "
            "and its permissions",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except Exception as exc:  # a bug: still one line, with what to report
        print(
            f"newsweave: error: internal error ({type(exc).__name__}: {one_line(str(exc))}); "
            "please report it with the command you ran",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
