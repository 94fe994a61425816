"""Crash safety: SIGKILL an ingest while it writes to the store, many times (issue 9).

A driver process (this file run as a script) ingests a generated corpus directory with the
real ingest and cleaning stages, splits sentences with a plain rule (no model load, so the
process spends its time in ingest and in store writes), groups articles into stories by
directory and saves the run in batches, one :meth:`Store.save_result` transaction per batch;
every batch re-saves the stories that grew (as incremental clustering does).

The test kills the driver with SIGKILL at a random moment (from process start, so kills land
in imports, in the store's creation and migrations, in ingest and inside write transactions),
then checks the database exactly as the kill left it:

- ``PRAGMA integrity_check`` is ``ok`` and ``PRAGMA foreign_key_check`` is empty;
- the schema is all-or-nothing per migration;
- every stored article is one of the corpus's articles with exactly its cleaned text and all
  its sentences; the full-text index holds exactly the stored articles;
- every stored story is one whole version of that story: all its members in order, its
  summary with every citation, its facts; every run row is finished;
- the articles stored form a prefix of the batches (nothing committed out of order).

It then restarts the driver (which re-ingests from scratch, as a user would) and kills it
again. At the end one uninterrupted re-run must leave exactly the content of one clean run in
a fresh database. ``bench/hostile.py`` runs 50 kills.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve()

WORDS = (
    "harbour council ferry terminal minister budget tariff strike pilots airline court "
    "trial vaccine bridge river engineers contract union talks deadline report inquiry "
    "mayor port director euros million billion percent agency officials residents said "
    "on Tuesday Wednesday would could after before during delay cost plan vote"
).split()


# ------------------------------------------------------------------ the corpus


def write_corpus(root: Path, stories: int = 6, per_story: int = 60, seed: int = 7) -> Path:
    """A directory per story; articles as .txt, .json and .jsonl, plus a few bad files."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for s in range(stories):
        d = root / f"story-{s:02d}"
        d.mkdir(exist_ok=True)
        lines = []
        for a in range(per_story):
            sents = []
            for _ in range(rng.randint(12, 30)):
                words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
                words[0] = words[0].capitalize()
                sents.append(" ".join(words) + rng.choice([".", ".", ".", "?", "!"]))
            paras = [" ".join(sents[i : i + 4]) for i in range(0, len(sents), 4)]
            title = f"Story {s} report {a}: " + " ".join(rng.choice(WORDS) for _ in range(5))
            body = "\n\n".join(paras)
            kind = a % 3
            if kind == 0:
                (d / f"a{a:03d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
            elif kind == 1:
                (d / f"a{a:03d}.json").write_text(
                    json.dumps(
                        {
                            "title": title,
                            "text": body,
                            "outlet": f"Outlet {a % 5}",
                            "published": f"2026-03-{1 + a % 28:02d}",
                        }
                    ),
                    encoding="utf-8",
                )
            else:
                lines.append(json.dumps({"title": title, "text": body, "outlet": "Wire"}))
        (d / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (d / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
        (d / "empty.txt").write_text("", encoding="utf-8")
    return root


# ------------------------------------------------------------------ the run (driver + checker)

_SENT = re.compile(r"[^.!?\n]+[.!?]")


def split(article):
    """Sentences by a plain rule (the store only needs consistent spans)."""
    from newsweave.model import Sentence

    sents = tuple(
        Sentence(
            index=i,
            text=m.group(0).strip(),
            start=m.start() + (len(m.group(0)) - len(m.group(0).lstrip())),
            end=m.end(),
        )
        for i, m in enumerate(_SENT.finditer(article.text))
    )
    return sents


def plan(corpus: Path, batch: int):
    """The batches of the run: a list of (stories, skipped) per batch, deterministic.

    Articles are read, cleaned and split in input order; batch ``k`` holds articles
    ``[k*batch, (k+1)*batch)`` and saves every story that got a new member, with all its
    members so far (its next version).
    """
    import dataclasses

    from newsweave.clean import clean_article
    from newsweave.ingest import load_articles
    from newsweave.model import Citation, Entity, Story, Summary, SummarySentence

    articles, skipped = load_articles([corpus])
    prepared = []
    for a in articles:
        c = clean_article(a)
        prepared.append(dataclasses.replace(c, sentences=split(c)))
    members: dict[str, list] = {}
    batches = []
    for k in range(0, len(prepared), batch):
        chunk = prepared[k : k + batch]
        touched = []
        for a in chunk:
            if a.group not in members:
                members[a.group] = []
                touched.append(a.group)
            elif a.group not in touched:
                touched.append(a.group)
            members[a.group].append(a)
        stories = []
        for g in touched:
            arts = tuple(members[g])
            sid = "s-" + Path(g).name
            summary = Summary(
                sentences=tuple(
                    SummarySentence(
                        text=a.sentences[0].text,
                        citations=(
                            Citation(a.id, 0, a.sentences[0].start, a.sentences[0].end),
                            Citation(
                                a.id,
                                len(a.sentences) - 1,
                                a.sentences[-1].start,
                                a.sentences[-1].end,
                            ),
                        ),
                    )
                    for a in arts[:25]
                    if a.sentences
                ),
                method="crash-test",
            )
            entities = tuple(Entity(f"e{i}", w, "ORG") for i, w in enumerate(WORDS[: len(arts)]))
            stories.append(
                Story(
                    id=sid,
                    headline=arts[0].title or sid,
                    articles=arts,
                    summary=summary,
                    entities=entities,
                )
            )
        batches.append((stories, list(skipped) if k == 0 else []))
    return batches


def drive(corpus: Path, db: Path, batch: int, pause: float = 0.0) -> None:
    """The driver process: ingest and save batch after batch, saying when it commits.

    ``pause`` seconds between batches stand for the model work of a real run between its
    writes (the concurrency test uses it to keep readers busy during a long ingest)."""
    from newsweave.model import WeaveResult
    from newsweave.store import Store

    print("start", flush=True)
    with Store(db) as store:
        print("opened", flush=True)
        for k, (stories, skipped) in enumerate(plan(corpus, batch)):
            print(f"begin {k}", flush=True)
            store.save_result(WeaveResult(stories=stories, skipped=skipped))
            print(f"commit {k}", flush=True)
            if pause:
                time.sleep(pause)
    print("done", flush=True)


def expected_state(corpus: Path, batch: int) -> dict:
    """Per article its text and sentences; per story its versions; per batch the ids."""
    batches = plan(corpus, batch)
    articles: dict[str, dict] = {}
    versions: dict[str, list[dict]] = {}
    prefix_ids: list[set[str]] = []
    seen: set[str] = set()
    for stories, _ in batches:
        for s in stories:
            for a in s.articles:
                articles[a.id] = {
                    "text": a.text,
                    "raw_text": a.raw_text,
                    "title": a.title,
                    "sentences": [(x.index, x.start, x.end, x.text) for x in a.sentences],
                }
                seen.add(a.id)
            versions.setdefault(s.id, []).append(story_signature_from_model(s))
        prefix_ids.append(set(seen))
    return {
        "articles": articles,
        "versions": versions,
        "prefix_ids": prefix_ids,
        "batches": len(batches),
    }


def story_signature_from_model(s) -> dict:
    return {
        "headline": s.headline,
        "members": [a.id for a in s.articles],
        "summary": [
            (x.text, [(c.article_id, c.sentence_index, c.start, c.end) for c in x.citations])
            for x in s.summary.sentences
        ],
        "facts": len(s.entities),
    }


def story_signature_from_db(conn: sqlite3.Connection, sid: str) -> dict:
    head = conn.execute("SELECT headline FROM stories WHERE id=?", (sid,)).fetchone()[0]
    members = [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id=? ORDER BY position", (sid,)
        )
    ]
    summary = []
    for idx, text in conn.execute(
        "SELECT idx, text FROM summary_sentences WHERE story_id=? ORDER BY idx", (sid,)
    ):
        cites = [
            tuple(r)
            for r in conn.execute(
                'SELECT article_id, sentence_index, start, "end" FROM citations '
                "WHERE story_id=? AND sentence_idx=? ORDER BY idx",
                (sid, idx),
            )
        ]
        summary.append((text, [list(c) for c in cites]))
    facts = conn.execute("SELECT count(*) FROM story_facts WHERE story_id=?", (sid,)).fetchone()[0]
    return {
        "headline": head,
        "members": members,
        "summary": [(t, [tuple(c) for c in cs]) for t, cs in summary],
        "facts": facts,
    }


def _norm(sig: dict) -> str:
    return json.dumps(
        {**sig, "summary": [[t, [list(c) for c in cs]] for t, cs in sig["summary"]]}, sort_keys=True
    )


def check_db(db: Path, expected: dict, fresh_prefix: bool) -> dict:
    """Check the database as a kill left it; return what it holds. Raises AssertionError."""
    from newsweave.store import MIGRATIONS

    if not db.exists():
        return {"version": -1, "articles": 0, "stories": 0}
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
        assert integrity == [("ok",)], integrity
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert 0 <= version <= len(MIGRATIONS)
        # migrations are all-or-nothing
        assert ("articles" in tables) == (version >= 1), (version, tables)
        assert ("cluster_stories" in tables) == (version >= 2), (version, tables)
        if version < 1:
            return {"version": version, "articles": 0, "stories": 0}
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        assert fk == [], fk
        ids = set()
        for aid, text, raw, title in conn.execute("SELECT id, text, raw_text, title FROM articles"):
            exp = expected["articles"].get(aid)
            assert exp is not None, f"unknown article {aid}"
            assert (text, raw, title) == (exp["text"], exp["raw_text"], exp["title"]), aid
            sents = [
                tuple(r)
                for r in conn.execute(
                    'SELECT idx, start, "end", text FROM sentences WHERE article_id=? ORDER BY idx',
                    (aid,),
                )
            ]
            assert sents == [tuple(s) for s in exp["sentences"]], f"half-written article {aid}"
            ids.add(aid)
        fts = [r[0] for r in conn.execute("SELECT article_id FROM articles_fts")]
        assert sorted(fts) == sorted(ids), "full-text index out of step with articles"
        n_sent = conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        assert n_sent == sum(len(expected["articles"][a]["sentences"]) for a in ids)
        stories = [r[0] for r in conn.execute("SELECT id FROM stories")]
        for sid in stories:
            sig = _norm(story_signature_from_db(conn, sid))
            allowed = {_norm(v) for v in expected["versions"].get(sid, [])}
            assert sig in allowed, f"story {sid} is not one whole version (half-written?)"
        orphans = conn.execute(
            "SELECT count(*) FROM summaries WHERE story_id NOT IN (SELECT id FROM stories)"
        ).fetchone()[0]
        assert orphans == 0
        unfinished = conn.execute("SELECT count(*) FROM runs WHERE finished IS NULL").fetchone()[0]
        assert unfinished == 0, "a run row without its end: a half-committed run"
        if fresh_prefix:
            assert ids in [set()] + expected["prefix_ids"], "articles are not a batch prefix"
        return {"version": version, "articles": len(ids), "stories": len(stories)}
    finally:
        conn.close()


def dump_content(db: Path) -> dict:
    """What a run leaves in the store, without times and run ids (to compare two stores)."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        out["articles"] = sorted(
            conn.execute(
                "SELECT id, source, url, title, outlet, author, published, language, text, "
                "raw_text,"
                " removed, extraction, meta, grp FROM articles"
            ).fetchall()
        )
        out["sentences"] = sorted(
            conn.execute('SELECT article_id, idx, start, "end", text FROM sentences').fetchall()
        )
        out["stories"] = sorted(conn.execute("SELECT id, headline FROM stories").fetchall())
        out["members"] = sorted(
            conn.execute("SELECT story_id, article_id, position FROM story_articles").fetchall()
        )
        out["summary"] = sorted(
            conn.execute("SELECT story_id, idx, text FROM summary_sentences").fetchall()
        )
        out["citations"] = sorted(
            conn.execute(
                'SELECT story_id, sentence_idx, idx, article_id, sentence_index, start, "end" '
                "FROM citations"
            ).fetchall()
        )
        out["facts"] = sorted(
            conn.execute("SELECT story_id, kind, idx, json FROM story_facts").fetchall()
        )
        out["fts"] = sorted(
            conn.execute("SELECT article_id, title, text FROM articles_fts").fetchall()
        )
        return out
    finally:
        conn.close()


def start_driver(corpus: Path, db: Path, batch: int, pause: float = 0.0) -> subprocess.Popen:
    env = dict(os.environ, PYTHONHASHSEED="0")
    return subprocess.Popen(
        [sys.executable, str(HERE), str(corpus), str(db), str(batch), str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )


def clean_run(corpus: Path, db: Path, batch: int) -> tuple[float, float]:
    """Run the driver to the end; return (seconds, seconds until its first write)."""
    t0 = time.perf_counter()
    proc = start_driver(corpus, db, batch)
    marks: dict[str, float] = {}
    lines = []
    for line in proc.stdout:
        lines.append(line.strip())
        marks.setdefault(line.split()[0] if line.strip() else "", time.perf_counter() - t0)
    err = proc.stderr.read()
    proc.wait()
    assert proc.returncode == 0, err[-3000:]
    assert lines and lines[-1] == "done", lines[-5:]
    return time.perf_counter() - t0, marks.get("begin", 0.0)


def kill_campaign(corpus: Path, db: Path, batch: int, kills: int, seed: int, log=None) -> dict:
    """Kill the driver ``kills`` times at random moments; check the store after each kill.

    Returns figures: kills, kills inside a write transaction, states seen.
    """
    rng = random.Random(seed)
    expected = expected_state(corpus, batch)
    ref = db.with_name("reference.sqlite")
    duration, first_write = clean_run(corpus, ref, batch)
    stats = {
        "kills": 0,
        "in_transaction": 0,
        "before_open": 0,
        "after_done": 0,
        "clean_run_seconds": round(duration, 2),
        "max_articles_seen": 0,
        "first_write_seconds": round(first_write, 2),
        "batches": expected["batches"],
        "articles": len(expected["articles"]),
    }
    first = True
    i = 0
    while stats["kills"] < kills and i < 3 * kills:  # a run that ended first is no kill
        i += 1
        proc = start_driver(corpus, db, batch)
        seen = []
        if rng.random() < 0.75:
            # three kills in four aim at a write: a random batch's transaction, killed a
            # random 0-100 ms after the driver says it began (timing-independent)
            target = f"begin {rng.randrange(expected['batches'])}"
            delay = rng.uniform(0.0, 0.1)
            for line in proc.stdout:
                seen.append(line)
                if line.strip() == target:
                    time.sleep(delay)
                    break
        else:  # the others anywhere: imports, the store's creation and migrations, ingest
            delay = rng.uniform(0.05, 0.9 * duration)
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                pass
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        out = "".join(seen) + out
        lines = out.split()
        text = out.strip().splitlines()
        last = text[-1] if text else ""
        if proc.returncode != -signal.SIGKILL:
            stats["after_done"] += 1
        else:
            stats["kills"] += 1
            if last.startswith("begin"):
                stats["in_transaction"] += 1
            if "opened" not in lines:
                stats["before_open"] += 1
        state = check_db(db, expected, fresh_prefix=first)
        stats["max_articles_seen"] = max(stats["max_articles_seen"], state["articles"])
        if log:
            log(
                f"attempt {i}, kill {stats['kills']}/{kills} at {delay:.2f}s after "
                f"'{last}': {state}"
            )
        if proc.returncode == -signal.SIGKILL and state["articles"]:
            first = False  # a resumed run re-saves stories from their first version
    clean_run(corpus, db, batch)  # the final uninterrupted re-run
    check_db(db, expected, fresh_prefix=False)
    assert dump_content(db) == dump_content(ref), "re-run after kills differs from a clean run"
    conn = sqlite3.connect(db)
    stats["final_articles"] = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    assert stats["final_articles"] == len(expected["articles"])
    return stats


# ------------------------------------------------------------------ tests


def test_checker_detects_a_half_written_store(tmp_path):
    """The checker must be able to fail: damage a clean store in the ways a bad write would."""
    corpus = write_corpus(tmp_path / "corpus", stories=2, per_story=9)
    db = tmp_path / "db.sqlite"
    clean_run(corpus, db, batch=5)
    expected = expected_state(corpus, 5)
    state = check_db(db, expected, fresh_prefix=True)
    assert state["articles"] == len(expected["articles"]) and state["stories"] == 2
    damages = [
        "DELETE FROM sentences WHERE rowid IN (SELECT rowid FROM sentences LIMIT 1)",
        "DELETE FROM story_articles WHERE position = 0",
        "DELETE FROM citations WHERE idx = 1",
        "UPDATE runs SET finished = NULL",
        "DELETE FROM articles_fts WHERE rowid = 1",
    ]
    for sql in damages:
        copy = tmp_path / "copy.sqlite"
        copy.write_bytes(db.read_bytes())
        conn = sqlite3.connect(copy)
        try:
            conn.execute(
                sql.replace(
                    "rowid IN (SELECT rowid FROM sentences LIMIT 1)",
                    "article_id = (SELECT article_id FROM sentences LIMIT 1) AND idx = 0",
                )
            )
        except sqlite3.OperationalError:
            conn.execute(sql)
        conn.commit()
        conn.close()
        with pytest.raises(AssertionError):
            check_db(copy, expected, fresh_prefix=True)


def test_sigkill_during_ingest_leaves_a_whole_store(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", stories=3, per_story=30)
    stats = kill_campaign(corpus, tmp_path / "db.sqlite", batch=5, kills=5, seed=1)
    assert stats["kills"] >= 3, stats
    assert stats["final_articles"] == stats["articles"]


@pytest.mark.slow
def test_fifty_sigkills(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    stats = kill_campaign(corpus, tmp_path / "db.sqlite", batch=20, kills=50, seed=2)
    assert stats["kills"] >= 40 and stats["in_transaction"] >= 10, stats


if __name__ == "__main__":  # the driver
    drive(
        Path(sys.argv[1]),
        Path(sys.argv[2]),
        int(sys.argv[3]),
        float(sys.argv[4]) if len(sys.argv) > 4 else 0.0,
    )
