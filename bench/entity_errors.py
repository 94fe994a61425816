"""Errors of ``newsweave eval entities`` on MEANTIME, by kind, for reading by hand.

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 nice -n 19 .venv/bin/python \
        bench/entity_errors.py [--cache DIR] PATH [PATH ...]

Lists, over the documents given scored as one story (as ``eval entities`` scores them):

- missed gold mentions (no system mention overlaps the gold head);
- merge-recall losses: each gold instance split over several system entities (the system
  entities and the gold mentions in each);
- merge-precision losses: each system entity holding gold mentions of several instances;
- type errors: matched gold mentions whose system type maps to another class.

``--cache DIR`` keeps the spaCy parses (DocBin) so later runs skip the parse.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsweave.evaluate import entities as ev  # noqa: E402


def parse_cached(docs: list[ev.Document], cache: str | None) -> list:
    """One full parse per document, read from ``cache`` when it holds them."""
    if not cache:
        return ev.parse_documents(docs)
    from spacy.tokens import DocBin

    from newsweave import nlp

    digest = hashlib.sha256("\0".join(d.text for d in docs).encode()).hexdigest()[:16]
    path = Path(cache) / f"meantime-{digest}.spacy"
    model = nlp.get_nlp(True)
    if path.exists():
        return list(DocBin().from_bytes(path.read_bytes()).get_docs(model.vocab))
    parsed = ev.parse_documents(docs)
    Path(cache).mkdir(parents=True, exist_ok=True)
    path.write_bytes(DocBin(store_user_data=True, docs=parsed).to_bytes())
    return parsed


def errors(docs: list[ev.Document], preds: list[list[ev.SysMention]]) -> None:
    rows = []  # (doc, gold mention, system mention or None)
    for doc, pred in zip(docs, preds, strict=True):
        pairs = ev.match(doc.gold, pred)
        for gi, g in enumerate(doc.gold):
            pi = pairs.get(gi)
            rows.append((doc, g, pred[pi] if pi is not None else None))
    print("== missed gold mentions")
    for doc, g, s in rows:
        if s is None:
            i = g.start
            ctx = doc.text[max(0, i - 40) : g.end + 30].replace("\n", " | ")
            print(f"  {g.type} {g.text!r} [{g.instance}] {doc.name[:30]} :: {ctx}")
    by_gold: dict[str, list] = defaultdict(list)
    by_sys: dict[str, list] = defaultdict(list)
    for doc, g, s in rows:
        if s is not None:
            by_gold[g.instance].append((doc, g, s))
            by_sys[s.cluster].append((doc, g, s))
    print("== merge-recall losses (gold instance split over system entities)")
    for inst, items in sorted(by_gold.items(), key=lambda kv: -len(kv[1])):
        clusters = Counter(s.cluster for _, _, s in items)
        if len(clusters) < 2:
            continue
        print(f"  {inst} ({len(items)} matched)")
        for c, n in clusters.most_common():
            texts = Counter(g.text for _, g, s in items if s.cluster == c)
            print(f"     sys {c[:14]} x{n}: {dict(texts)}")
    print("== merge-precision losses (system entity over several gold instances)")
    for c, items in sorted(by_sys.items(), key=lambda kv: -len(kv[1])):
        insts = Counter(g.instance for _, g, _ in items)
        if len(insts) < 2:
            continue
        print(f"  sys {c[:14]} ({len(items)} matched)")
        for inst, n in insts.most_common():
            texts = Counter(g.text for _, g, _ in items if g.instance == inst)
            print(f"     {inst} x{n}: {dict(texts)}")
    print("== type errors")
    bad: Counter = Counter()
    for _doc, g, s in rows:
        if s is not None and ev.TYPE_MAP.get(s.type) != g.type:
            bad[(g.type, s.type, g.text, g.instance)] += 1
    for (gt, st, text, inst), n in sorted(bad.items(), key=lambda kv: -kv[1]):
        print(f"  gold {gt} sys {st} x{n}: {text!r} [{inst}]")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--cache", default=None)
    args = ap.parse_args()
    docs = ev.read_documents(args.paths)
    parsed = parse_cached(docs, args.cache)
    preds = ev.predict_newsweave(docs, parsed)
    print(ev.score(docs, preds), "spacy", ev.score(docs, ev.predict_spacy(docs, parsed)))
    errors(docs, preds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
