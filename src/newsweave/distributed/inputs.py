"""Input at scale: cut the inputs into partitions and read one partition at a time.

The client only *plans* partitions (it lists directories, scans big JSON Lines files for line
boundaries and reads Parquet footers); the reading itself happens in the worker that runs the
partition, so no process ever holds the whole corpus as raw input.

Partition kinds (:class:`Partition`):

- ``paths``: explicit paths (and ``-`` for stdin) read exactly as one process reads them
  (:class:`newsweave.ingest` loader): small files, ``.json``, ``.html``, WARC files (through
  :mod:`newsweave.warc` when it is installed), small ``.jsonl(.gz)``.
- ``dirfiles``: up to ``dask.partition_files`` files found under an input directory (their
  sub-folder of a named folder is their story group, as in one process).
- ``jsonl``: a byte range of a big plain ``.jsonl``/``.ndjson`` file, cut at line boundaries;
  sources keep the file's global line numbers (``path#N``), so ids, sources and skip records
  are the same as one process would give (one process stops at ``ingest.max_file_bytes``; a
  partitioned read has no such cap).
- ``jsonl_stream``: a big ``.jsonl.gz`` (gzip cannot seek): one partition that streams the
  file line by line.
- ``parquet``: row groups of a Parquet shard (needs ``pyarrow``); each row is a record with
  the usual keys (``text``, ``title``, ``url``, ``published``, ...), source ``path#row``.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsweave import ingest
from newsweave.config import IngestConfig
from newsweave.errors import InputError
from newsweave.model import Article, Skipped

JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSONL_GZ_SUFFIXES = (".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".parq")
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Partition:
    """One unit of per-article work: what to read, and its position in the input order."""

    index: int
    kind: str  # "paths", "dirfiles", "jsonl", "jsonl_stream", "parquet"
    paths: tuple[str, ...] = ()
    start: int = 0  # jsonl: byte range [start, end); parquet: row offset of the first group
    end: int = 0
    first_line: int = 1  # jsonl: global 1-based line number of the byte at ``start``
    row_groups: tuple[int, ...] = ()
    stdin_text: str | None = field(default=None, repr=False)
    size: int = 0  # bytes (or rows) it covers: for progress and balancing
    root: str | None = None  # the folder the user named these files in (None: named directly)

    def group_of(self, path: str | Path) -> str | None:
        """The story group of a file of this partition (:func:`newsweave.ingest.input_group`)."""
        return ingest.input_group(Path(path), Path(self.root) if self.root else None)

    @property
    def label(self) -> str:
        """A short human name for messages: the first path and the range."""
        first = self.paths[0] if self.paths else "stdin"
        if self.kind == "jsonl":
            return f"{first} (bytes {self.start}-{self.end})"
        if self.kind == "parquet":
            return f"{first} (row groups {self.row_groups[0]}-{self.row_groups[-1]})"
        if len(self.paths) > 1:
            return f"{first} and {len(self.paths) - 1} more"
        return first


def _lower(path: Path) -> str:
    return path.name.lower()


def jsonl_chunks(path: Path, target_bytes: int) -> list[tuple[int, int, int]]:
    """Cut a JSON Lines file into ``(start, end, first_line)`` byte ranges of about
    ``target_bytes``, each ending at a line boundary (one sequential read, no parsing)."""
    chunks: list[tuple[int, int, int]] = []
    start, pos, line, first = 0, 0, 1, 1
    with open(path, "rb") as fh:
        for raw in fh:
            pos += len(raw)
            line += 1
            if pos - start >= target_bytes:
                chunks.append((start, pos, first))
                start, first = pos, line
    if pos > start:
        chunks.append((start, pos, first))
    return chunks


def parquet_row_groups(path: Path) -> list[tuple[int, int]]:
    """``(row group index, rows)`` of a Parquet file (reads only the footer)."""
    pq = _pyarrow_parquet(str(path))
    meta = pq.ParquetFile(str(path)).metadata
    return [(i, meta.row_group(i).num_rows) for i in range(meta.num_row_groups)]


def _pyarrow_parquet(source: str):
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError(
            "reading Parquet needs pyarrow, which is not installed; install it with "
            "`pip install pyarrow` or convert the shard to .jsonl",
            source=source,
            stage="ingest",
        ) from exc
    return pq


def plan_partitions(
    paths: Iterable[str | Path],
    *,
    partition_bytes: int,
    partition_files: int,
    stdin_text: str | None = None,
) -> list[Partition]:
    """Cut the inputs into partitions in input order (the order one process reads them)."""
    parts: list[Partition] = []
    pending: list[str] = []  # consecutive explicit small inputs
    pending_kind = "paths"
    pending_bytes = 0
    pending_root: str | None = None

    def flush() -> None:
        nonlocal pending, pending_bytes
        if pending:
            parts.append(
                Partition(
                    index=len(parts),
                    kind=pending_kind,
                    paths=tuple(pending),
                    stdin_text=stdin_text if "-" in pending else None,
                    size=pending_bytes,
                    root=pending_root,
                )
            )
        pending, pending_bytes = [], 0

    def add_small(p: str, kind: str, size: int, root: str | None = None) -> None:
        nonlocal pending_kind, pending_bytes, pending_root
        if pending and (
            pending_kind != kind
            or len(pending) >= partition_files
            or pending_bytes + size > partition_bytes
            or pending_root != root
        ):
            flush()
        pending_kind = kind
        pending_root = root
        pending.append(p)
        pending_bytes += size

    def add_file(path: Path, kind: str, root: str | None = None) -> None:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        name = _lower(path)
        if name.endswith(PARQUET_SUFFIXES):
            flush()
            groups = parquet_row_groups(path)
            rows_per_part = max(1, partition_bytes // 5000)  # ~5 KB per news article row
            offset, batch_rows = 0, 0
            batch: list[int] = []
            batch_offset = 0
            for gi, rows in groups:
                if batch and batch_rows + rows > rows_per_part:
                    parts.append(
                        Partition(
                            index=len(parts),
                            kind="parquet",
                            paths=(str(path),),
                            row_groups=tuple(batch),
                            start=batch_offset,
                            size=batch_rows,
                            root=root,
                        )
                    )
                    batch, batch_rows, batch_offset = [], 0, offset
                batch.append(gi)
                batch_rows += rows
                offset += rows
            if batch:
                parts.append(
                    Partition(
                        index=len(parts),
                        kind="parquet",
                        paths=(str(path),),
                        row_groups=tuple(batch),
                        start=batch_offset,
                        size=batch_rows,
                        root=root,
                    )
                )
            return
        if size > partition_bytes and name.endswith(JSONL_SUFFIXES):
            flush()
            for start, end, first in jsonl_chunks(path, partition_bytes):
                parts.append(
                    Partition(
                        index=len(parts),
                        kind="jsonl",
                        paths=(str(path),),
                        start=start,
                        end=end,
                        first_line=first,
                        size=end - start,
                        root=root,
                    )
                )
            return
        if size > partition_bytes and name.endswith(JSONL_GZ_SUFFIXES):
            flush()
            parts.append(
                Partition(
                    index=len(parts), kind="jsonl_stream", paths=(str(path),), size=size, root=root
                )
            )
            return
        if size > partition_bytes or name.endswith(ingest.WARC_SUFFIXES):
            flush()
            parts.append(
                Partition(index=len(parts), kind=kind, paths=(str(path),), size=size, root=root)
            )
            return
        add_small(str(path), kind, size, root)

    for p in paths:
        if str(p) == "-":
            add_small("-", "paths", len(stdin_text or ""))
            continue
        path = Path(p)
        if path.is_dir():
            for f in _dir_files(path):
                add_file(f, "dirfiles", str(path))
        elif path.is_file():
            add_file(path, "paths")
        else:  # missing or special: the loader records the skip, as in one process
            add_small(str(p), "paths", 0)
    flush()
    return parts


def _dir_files(root: Path) -> Iterator[Path]:
    """Files under ``root`` in the order one process reads them."""
    for f in ingest.iter_files(root):
        if f.is_file():
            yield f


def read_partition(
    part: Partition, config: IngestConfig, on_error: str = "skip"
) -> tuple[list[Article], list[Skipped]]:
    """Read the articles of one partition (in a worker): ``(articles, skipped)`` with the
    same ids, sources, groups and skip records one process would give for these inputs."""
    loader = ingest.Loader(config, on_error)
    if part.kind == "paths":
        loader.load(list(part.paths), part.stdin_text)
    elif part.kind == "dirfiles":
        for p in part.paths:
            path = Path(p)
            loader.load_file_safely(path, group=part.group_of(path))
    elif part.kind == "jsonl":
        path = Path(part.paths[0])
        with open(path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
        if part.start == 0 and data.startswith(UTF8_BOM):
            data = data[len(UTF8_BOM) :]
        loader.load_lines(
            enumerate(data.split(b"\n"), part.first_line), str(path), part.group_of(path)
        )
    elif part.kind == "jsonl_stream":
        path = Path(part.paths[0])
        try:
            with gzip.open(path, "rb") as fh:
                loader.load_lines(enumerate(fh, 1), str(path), part.group_of(path))
        except (OSError, EOFError) as exc:
            loader.errors.skip(
                str(path),
                f"cannot read gzip file past a point ({exc}); the "
                "lines before it were read; check that the file is complete",
            )
    elif part.kind == "parquet":
        _load_parquet(loader, part)
    else:  # pragma: no cover - plan_partitions makes only the kinds above
        raise ValueError(f"unknown partition kind {part.kind!r}")
    return loader.articles, loader.errors.skipped


def _load_parquet(loader, part: Partition) -> None:
    path = part.paths[0]
    pq = _pyarrow_parquet(path)
    group = part.group_of(path)
    row = part.start
    pf = pq.ParquetFile(path)
    for gi in part.row_groups:
        for rec in pf.read_row_group(gi).to_pylist():
            row += 1
            rec = {k: v for k, v in rec.items() if v is not None}
            loader.load_record(rec, f"{path}#{row}", group)


def input_fingerprint(paths: Iterable[str | Path]) -> list[tuple[str, int, int]]:
    """``(resolved path, size, mtime_ns)`` of every input file: what a resumed run must see
    unchanged to reuse the stories an interrupted run saved."""
    out: list[tuple[str, int, int]] = []
    for p in paths:
        if str(p) == "-":
            out.append(("-", 0, 0))
            continue
        path = Path(p)
        files = list(ingest.iter_files(path)) if path.is_dir() else [path]
        for f in files:
            try:
                st = os.stat(f)
                out.append((str(f.resolve()), st.st_size, st.st_mtime_ns))
            except OSError:
                out.append((str(f), -1, 0))
    return out
