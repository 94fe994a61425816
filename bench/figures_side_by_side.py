"""Figures side by side on stories the figure rules were not written on (issue 19, item 3).

    .venv/bin/python bench/figures_side_by_side.py [--jsonl ../shared/data/multi_news/dev.jsonl]
        [--stories 15] [--show]

Takes the first ``--stories`` multi-document records of the JSONL that no gold file in
bench/gold names (so none was read while writing the rules), weaves each as one story through
the real pipeline, and prints per story: figures, rows (figure groups), rows with two or more
outlets, disagreement flags, key figures, and labels a reader cannot use (empty, joined with
" · ", or spelt as a bare verb lemma of the story). ``--show`` prints every flagged row and
every multi-outlet row with its label and members, for reading by hand (whether a flag is a
real disagreement needs a person: the Multi-News gold has no disagreement labels).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def gold_records() -> set[str]:
    out = set()
    for path in (REPO / "bench" / "gold").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for c in data.get("clusters", []):
            rec = (c.get("input") or {}).get("record")
            if rec:
                out.add(rec)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--jsonl", default=str(REPO.parent / "shared" / "data" / "multi_news" / "dev.jsonl")
    )
    ap.add_argument("--stories", type=int, default=15)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)

    from newsweave import nlp
    from newsweave.evaluate.facts import load_cluster_articles, run_cluster

    skip = gold_records()
    records = []
    with open(args.jsonl, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in skip or len(rec.get("documents", [])) < 2:
                continue
            records.append(rec["id"])
            if len(records) >= args.stories:
                break
    totals = dict(figures=0, rows=0, shared=0, flags=0, key=0, bad_labels=0)
    print(
        f"{'story':<28} {'figures':>7} {'rows':>5} {'shared':>6} {'flags':>5} {'key':>4} "
        f"{'bad labels':>10}"
    )
    for rid in records:
        arts = load_cluster_articles({"jsonl": args.jsonl, "record": rid})
        story = run_cluster(arts)
        if story is None:
            continue
        outlet = {a.id: a.outlet or a.id for a in story.articles}
        verbs = {
            t.lemma_.lower()
            for d in nlp.parse([a.text for a in story.articles])
            for t in d
            if t.pos_ in ("VERB", "AUX")
        }
        rows = story.figures
        shared = [g for g in rows if len({outlet[m.ref.article_id] for m in g.members}) > 1]
        flags = [g for g in rows if g.disagreement]
        bad = [g for g in rows if not g.label or "·" in g.label or g.label in verbs]
        n = dict(
            figures=sum(len(g.members) for g in rows),
            rows=len(rows),
            shared=len(shared),
            flags=len(flags),
            key=sum(1 for g in rows if g.key),
            bad_labels=len(bad),
        )
        for k, v in n.items():
            totals[k] += v
        print(
            f"{rid:<28} {n['figures']:>7} {n['rows']:>5} {n['shared']:>6} {n['flags']:>5} "
            f"{n['key']:>4} {n['bad_labels']:>10}"
        )
        if args.show:
            for g in [*flags, *[g for g in shared if not g.disagreement], *bad]:
                mark = "FLAG " if g.disagreement else "BAD " if g in bad else "     "
                vals = "; ".join(f"{m.text} [{outlet[m.ref.article_id][:12]}]" for m in g.members)
                print(f"    {mark}{g.label!r}: {vals}  {g.reason}")
    print(
        f"{'total':<28} {totals['figures']:>7} {totals['rows']:>5} {totals['shared']:>6} "
        f"{totals['flags']:>5} {totals['key']:>4} {totals['bad_labels']:>10}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
