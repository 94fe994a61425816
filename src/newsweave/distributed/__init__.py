"""newsweave on Dask: the same pipeline, with the per-article and per-story work spread over
a Dask cluster (``newsweave weave --workers N`` or ``--scheduler ADDRESS``).

- :mod:`~newsweave.distributed.inputs`: input partitions (directories, JSON Lines byte ranges,
  ``.jsonl.gz`` streams, WARC files, Parquet row groups), read partition by partition;
- :mod:`~newsweave.distributed.tasks`: the pure functions the workers run;
- :mod:`~newsweave.distributed.blocking`: story clustering at scale (time windows,
  nearest-neighbour buckets, per-block clustering, merge across block borders);
- :mod:`~newsweave.distributed.runner`: the client: submits the tasks, merges in input order,
  and is the one writer of the store (in batches, resumable).

Sizing for large corpora: ``docs/scaling.md``; measurements: ``bench/bench_distributed.py``.
"""

from __future__ import annotations

from newsweave.distributed.runner import (
    DistributedError,
    open_client,
    run_on_client,
    weave_result_distributed,
)

__all__ = ["DistributedError", "open_client", "run_on_client", "weave_result_distributed"]
