"""Exceptions raised by newsweave.

Every error newsweave raises on purpose derives from :class:`NewsweaveError`::

    NewsweaveError
    ├── ConfigError      a configuration key, file or CLI flag is wrong
    ├── InputError       an input (file, URL, record) cannot be read or makes no sense
    │   ├── FetchError   a URL or feed could not be fetched
    │   ├── NotTextError bytes that are binary data, not text (newsweave.decode)
    │   └── RequestTooLarge  a request body over the web app's size limit (answered 413)
    ├── ModelError       a bundled model package is missing or failed to load
    ├── StoreError       the SQLite store cannot be opened, migrated or written
    │   └── StoryNotFound  a story or article id that is not in the store (also a KeyError)
    ├── DistributedError the Dask cluster could not be reached or kept failing a task
    └── EvalError        an evaluation dataset is missing or malformed

Each exception carries the ``source`` it concerns (file, URL, article id) and the ``stage``
where it happened, and its message says what happened, the likely cause and the fix.
The library never calls ``sys.exit``; :mod:`newsweave.cli` maps errors to exit codes.
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Root of all newsweave errors."""

    def __init__(self, message: str, *, source: str | None = None, stage: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.stage = stage

    def __str__(self) -> str:
        where = []
        if self.stage:
            where.append(self.stage)
        if self.source:
            where.append(self.source)
        return f"[{': '.join(where)}] {self.message}" if where else self.message


class ConfigError(NewsweaveError):
    """A configuration value, file or flag is invalid."""


class InputError(NewsweaveError):
    """An input cannot be read or parsed."""


class FetchError(InputError):
    """A URL or feed could not be fetched."""


class NotTextError(InputError):
    """Raised by :func:`newsweave.decode.decode_bytes` with the reason the bytes are not text."""


class RequestTooLarge(InputError):
    """A request body over the web app's limit (its guard middleware answers 413)."""


class ModelError(NewsweaveError):
    """A model package is missing or failed to load."""


class StoreError(NewsweaveError):
    """The store cannot be opened, migrated or written."""


class StoryNotFound(StoreError, KeyError):
    """A story or article id that is not in the store (the web app answers 404)."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return StoreError.__str__(self)


class DistributedError(NewsweaveError):
    """The Dask cluster could not be reached or kept failing a task."""


class EvalError(NewsweaveError):
    """An evaluation dataset is missing or malformed."""
