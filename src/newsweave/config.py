"""Configuration: one frozen dataclass per stage, a TOML file layered on top, CLI flags last.

Every field has a documented default. :func:`load_config` reads a TOML file whose tables are
named after the stages (``[ingest]``, ``[clean]``, ``[summarize]``, ...) and validates each
value; a wrong key or type raises :class:`~newsweave.errors.ConfigError` naming the key, the
expected type, the value it got and a hint.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.errors import ConfigError

# Values several modules share, defined once here (the modules import them from here).
# The store `newsweave demo`, `serve` and `fetch` use when no --db is given.
DEFAULT_DB = "newsweave.db"
# Articles (and stories) further apart in time than this are never put in one story: used by
# the clusterer (newsweave.cluster, where its calibration is written), the link model
# (newsweave.cluster_links) and the Dask blocking (newsweave.distributed.blocking).
TIME_WINDOW_DAYS = 14.0
# Rows per matrix product in the clustering's nearest-neighbour searches (newsweave.cluster,
# newsweave.cluster_links); a speed setting, no effect on the result.
CHUNK = 256


@dataclass(frozen=True)
class IngestConfig:
    # Files larger than this are read only up to the limit (the rest is dropped and the
    # article marked truncated); 64 MB keeps a 50 MB text file whole while bounding memory.
    max_file_bytes: int = 64 * 1024 * 1024
    # Texts shorter than this many characters after extraction are skipped as empty.
    min_text_chars: int = 40
    # Maximum characters of one article's text passed on to the later stages (spaCy has a
    # 1,000,000-character limit per doc); longer texts are truncated and marked.
    max_article_chars: int = 900_000


@dataclass(frozen=True)
class CleanConfig:
    enabled: bool = True


@dataclass(frozen=True)
class SummarizeConfig:
    # Registered name of the summarizer (see newsweave.summarize.SUMMARIZERS).
    method: str = "newsweave"
    # Word budget of a summary; the last sentence may not cross it.
    words: int = 250


@dataclass(frozen=True)
class ClusterConfig:
    # How input groups and clustering interact:
    #   "auto"   (default) articles the input explicitly groups (a sub-folder of a folder
    #            you name, a multi-document record, a ``story``/``story_id`` key in JSON)
    #            keep that story; everything else (files named one by one, a flat folder,
    #            JSONL of single articles, feeds, WARC, stdin) is a pile, clustered into
    #            stories;
    #   "always" (CLI --cluster) every article is clustered, input groups are ignored (use it
    #            for a directory holding a day's feed);
    #   "never"  (CLI --no-cluster) no clustering: each ungrouped article is its own story.
    # --one-story overrides all three.
    mode: str = "auto"
    # Use spaCy named entities of titles and leads as a clustering signal (a lead's come from
    # the run's parse; titles, and leads of articles not parsed in the process, cost one NER
    # pass: cluster.head_entities).
    entities: bool = True
    # Fold exact and near-duplicate articles (wire copies) into one article with all sources.
    dedupe: bool = True


@dataclass(frozen=True)
class StoreConfig:
    # Path of the SQLite store; None means no store (the run is not persisted).
    path: str | None = None


@dataclass(frozen=True)
class DaskConfig:
    # Local Dask workers to start for the run (CLI --workers N); 0 runs everything in this
    # process, without Dask. See newsweave.distributed and docs/scaling.md.
    workers: int = 0
    # Address of a running Dask scheduler (CLI --scheduler tcp://host:8786); when set, no local
    # cluster is started and ``workers`` is ignored. Its workers need newsweave installed and
    # the input paths readable.
    scheduler: str | None = None
    # Threads per local worker. 1: the models are CPU-bound and not thread-parallel in Python,
    # so one single-threaded worker per core is fastest (bench/bench_distributed.py).
    threads_per_worker: int = 1
    # Memory limit of each local worker (Dask syntax). Measured peak ~1.2 GB per worker with
    # the spaCy and MiniLM models loaded (bench/RESULTS.md, issue 8); 3 GB leaves room.
    memory_limit: str = "3GB"
    # Input bytes per partition (one per-article task): ~2 MB is ~400 news articles, enough to
    # batch the model calls and small enough to balance 2 to 100 workers.
    partition_bytes: int = 2 * 1024 * 1024
    # Files per partition when the input is a directory of one-article files.
    partition_files: int = 200
    # Articles per clustering block. Inputs up to this size are clustered as one block (same
    # stories as one process); larger ones are split by time window and nearest-neighbour
    # buckets, clustered block by block in parallel, then merged across block borders.
    block_articles: int = 20_000
    # Stories per summary/facts task.
    stories_per_task: int = 8


@dataclass(frozen=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    summarize: SummarizeConfig = field(default_factory=SummarizeConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    # Running on a Dask cluster (CLI --workers / --scheduler); off by default.
    dask: DaskConfig = field(default_factory=DaskConfig)
    # Put every input article into one story (CLI --one-story).
    one_story: bool = False
    # Extract facts (entities, quotes, figures, timeline, coverage) when the facts stage exists.
    facts: bool = True
    # "skip" records a Skipped for a bad input and goes on; "raise" raises its NewsweaveError.
    on_error: str = "skip"


def _check(section: str, cls: type, values: dict[str, Any]) -> dict[str, Any]:
    """Validate ``values`` against the fields of ``cls``; return them (ints widened to float)."""
    defaults = cls()
    names = [f.name for f in dataclasses.fields(cls)]
    out: dict[str, Any] = {}
    for key, value in values.items():
        dotted = f"{section}.{key}" if section else key
        if key not in names:
            raise ConfigError(f"unknown key '{dotted}'; expected one of {names}", stage="config")
        default = getattr(defaults, key)
        if dataclasses.is_dataclass(default) and not isinstance(default, type):
            if not isinstance(value, dict):
                raise ConfigError(f"'{dotted}' must be a table like [{dotted}]", stage="config")
            out[key] = dataclasses.replace(default, **_check(dotted, type(default), value))
            continue
        expected = type(default) if default is not None else str
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(
                f"'{dotted}' expects {expected.__name__}, got {value!r} "
                f"({type(value).__name__}); hint: the default is {default!r}",
                stage="config",
            )
        out[key] = value
    return out


def config_from_dict(data: dict[str, Any]) -> Config:
    """Build a :class:`Config` from nested dicts (as read from TOML) over the defaults."""
    return Config(**_check("", Config, data))


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Read a TOML config file (if given) and apply ``overrides`` (dotted keys allowed).

    ``load_config("nw.toml", **{"summarize.words": 100, "one_story": True})``
    """
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(
                f"config file not found: {path}", source=str(path), stage="config"
            ) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(
                f"config file is not valid TOML: {exc}", source=str(path), stage="config"
            ) from exc
    for key, value in overrides.items():
        if value is None:
            continue
        parts = key.split(".")
        node = data
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = value
    cfg = config_from_dict(data)
    if cfg.cluster.mode not in ("auto", "always", "never"):
        raise ConfigError(
            f"'cluster.mode' expects 'auto', 'always' or 'never', got {cfg.cluster.mode!r}",
            stage="config",
        )
    if cfg.dask.workers < 0:
        raise ConfigError(
            f"'dask.workers' (--workers) expects 0 or more, got {cfg.dask.workers}; "
            "hint: 0 runs in one process, N >= 1 starts N local Dask workers",
            stage="config",
        )
    if cfg.on_error not in ("skip", "raise"):
        raise ConfigError(
            f"'on_error' expects 'skip' or 'raise', got {cfg.on_error!r}", stage="config"
        )
    check_ranges(cfg)
    return cfg


# The smallest value each numeric setting accepts, with the CLI flag that sets it (if any).
# Checked when the config is loaded, so a bad value stops the run before any work.
MINIMUMS: dict[str, tuple[int, str | None]] = {
    "summarize.words": (1, "--words"),
    "ingest.max_file_bytes": (1, None),
    "ingest.min_text_chars": (0, None),
    "ingest.max_article_chars": (1, None),
    "dask.threads_per_worker": (1, None),
    "dask.partition_bytes": (1, None),
    "dask.partition_files": (1, None),
    "dask.block_articles": (1, None),
    "dask.stories_per_task": (1, None),
}


def check_ranges(cfg: Config) -> None:
    """Raise :class:`ConfigError` for a numeric setting below its minimum (:data:`MINIMUMS`),
    naming the key, the flag that sets it and the fix."""
    for dotted, (low, flag) in MINIMUMS.items():
        node: Any = cfg
        for part in dotted.split("."):
            node = getattr(node, part)
        if node < low:
            section, key = dotted.split(".")
            default = getattr(type(getattr(cfg, section))(), key)
            where = f"'{dotted}'" + (f" ({flag})" if flag else "")
            raise ConfigError(
                f"{where} must be at least {low}, got {node}; hint: the default is {default}"
                f" (in a config file: [{section}] {key} = {default})",
                stage="config",
            )
