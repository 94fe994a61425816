"""WARC input: moved to :mod:`newsweave.ingest.warc` (kept here for scripts that import
``newsweave.warc.read_warc``)."""

from newsweave.ingest.warc import MAX_RECORD_BYTES, read_warc

__all__ = ["MAX_RECORD_BYTES", "read_warc"]
