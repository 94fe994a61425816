"""Benchmarks behind ``newsweave eval NAME``: one module per benchmark.

Each module has ``add_arguments(parser)`` and ``run(args) -> int`` and reads its data from a
path the user gives (the development sets live in ``../shared/data``; nothing is bundled).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from newsweave.errors import EvalError

T = TypeVar("T")


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


def collect_files(paths: Sequence[str], suffixes: tuple[str, ...] = (".tml", ".xml")) -> list[Path]:
    """The files named by ``paths``: a file as given, a folder's files with one of ``suffixes``
    (recursively, sorted; XML schemas left out). A path that does not exist is an EvalError."""
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(
                sorted(
                    f
                    for f in path.rglob("*")
                    if f.is_file() and f.suffix.lower() in suffixes and not f.name.endswith(".xsd")
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            raise EvalError(f"no such file or folder: {p}", source=p, stage="eval")
    return files


def read_files(paths: Sequence[str], read: Callable[[Path], T], what: str) -> list[T]:
    """``read`` over every file of ``paths`` (:func:`collect_files`); an unreadable file is
    skipped and named on stderr, as the pipeline skips a bad article. None readable is an
    EvalError naming ``what`` was looked for."""
    docs: list[T] = []
    skipped = 0
    for f in collect_files(paths):
        try:
            docs.append(read(f))
        except (OSError, UnicodeError, EvalError, ET.ParseError, ValueError) as exc:
            skipped += 1
            print(f"skipped {f}: {exc}", file=sys.stderr)
    if skipped:
        print(f"{skipped} file(s) skipped", file=sys.stderr)
    if not docs:
        raise EvalError(f"no readable {what}", source=" ".join(paths), stage="eval")
    return docs


def print_methods(
    methods: Mapping[str, Mapping[str, float]], keys: Sequence[str], width: int
) -> None:
    """The methods' figures as a table: one row per method, one column per key."""
    print(f"{'':12}" + "".join(f"{k:>{width}}" for k in keys))
    for name, figs in methods.items():
        print(f"{name:12}" + "".join(f"{figs[k]:>{width}.3f}" for k in keys))
