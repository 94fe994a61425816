"""Shared fixtures for the newsweave tests.

Tests that need ``../shared/data`` (beside the repository) use the ``shared_data`` or
``seed_cluster`` fixtures, which skip cleanly when it is absent. Other developers may add
fixtures here with small edits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_cluster(shared_data: Path) -> Path:
    """The seed-cluster directory (four real, noisy articles on one story)."""
    path = shared_data / "seed-cluster"
    if not path.is_dir():
        pytest.skip("../shared/data/seed-cluster is absent")
    return path


@pytest.fixture(scope="session")
def multi_news_dev(shared_data: Path) -> Path:
    """``multi_news/dev.jsonl`` (multi-document jsonl, real article texts)."""
    path = shared_data / "multi_news" / "dev.jsonl"
    if not path.is_file():
        pytest.skip("../shared/data/multi_news/dev.jsonl is absent")
    return path


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The bundled example corpus (``examples/``, one directory per story)."""
    return EXAMPLES


@pytest.fixture
def figure_rule(monkeypatch, request):
    """``figure_rule(NAME, on)``: set a rule switch of :mod:`newsweave.facts.figures` for one
    test (the figure-round tests check each rule with its switch on and off)."""
    from newsweave.facts import figures

    def set_(name: str, on: bool) -> None:
        if name in figures.RULE_SWITCHES:
            # through set_rule_switch: a switch may rebuild a pattern (CAPITALISED_PLURAL)
            old = getattr(figures, name)
            figures.set_rule_switch(name, on)
            request.addfinalizer(lambda: figures.set_rule_switch(name, old))
        else:
            monkeypatch.setattr(figures, name, on)

    return set_


@pytest.fixture
def make_article():
    """Build an :class:`~newsweave.model.Article` from text with a content id."""
    from newsweave.ingest import article_id
    from newsweave.model import Article

    def make(text: str, title: str | None = None, **fields) -> Article:
        return Article(id=article_id(text, title), text=text, title=title, **fields)

    return make


# ------------------------------------------------------------------ network guard
# No test may touch the network beyond this machine: every socket connect() to an address
# other than the loopback (127.0.0.0/8, ::1) or a Unix socket fails the test. Tests that need
# HTTP start their own server on 127.0.0.1 (see tests/test_fetch.py).


def _is_loopback(address: object) -> bool:
    import ipaddress

    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX path (str/bytes) or something exotic: not the network
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode("ascii", "ignore")
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name: would need DNS, i.e. the network


@pytest.fixture(autouse=True)
def network_guard(monkeypatch):
    """Fail any test that connects a socket anywhere but 127.0.0.1 / ::1."""
    import socket

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def check(address: object) -> None:
        if not _is_loopback(address):
            raise AssertionError(
                f"test tried to connect to {address!r}: tests may only use "
                "servers they start on 127.0.0.1"
            )

    def connect(self, address):
        check(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        check(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    yield
