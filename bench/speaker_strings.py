"""Wrong speaker strings: every predicted quote whose text matches a gold quote of the same
source but whose speaker does not (``newsweave eval facts``'s matching rules), sorted into
three kinds, for the gold files given.

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 .venv/bin/python bench/speaker_strings.py \
        --cache DIR bench/gold/facts*.json [--json]

- ``scorer``: the two strings name the same person once the title abbreviations listed in
  ``EXTRA_TITLES`` are dropped too (a spelling the scorer's normalisation does not know);
- ``malformed``: the strings share a word of a name (capitalised, not a title) but do not
  match: the right person, a malformed string (a cut name, a job noun kept, a joint speaker
  given as one);
- ``wrong``: no name word shared: another speaker.

The sort is a first pass, to be read: it proposes, the reader decides (bench/RESULTS.md).
``--cache`` is bench/quote_errors.py's (each cluster's story pickled; only quote extraction
is rerun).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quote_errors as QE  # noqa: E402  (bench script beside this one)

from newsweave.evaluate import facts as ev  # noqa: E402

# title abbreviations looked for beyond the scorer's own list (same person, two spellings)
EXTRA_TITLES = frozenset(
    "const constable atty attorney dist district supt superintendent det cmdr sgt insp "
    "chief officer deputy asst assistant lt pc".split()
)


def context(text: str, quote: str, width: int = 160) -> str:
    """The words around ``quote`` in ``text``, the quote in [[ ]]."""
    probe = " ".join(quote.split()[:4])
    i = text.find(probe) if probe else -1
    if i < 0:
        return "?"
    j = i + len(quote)
    a, b = max(0, i - width), min(len(text), j + width)
    return (text[a:i] + "[[" + text[i:j] + "]]" + text[j:b]).replace("\n", " / ")


def kind(gold: str, pred: str) -> str:
    g, p = ev.speaker_tokens(gold), ev.speaker_tokens(pred)
    g2, p2 = g - EXTRA_TITLES, p - EXTRA_TITLES
    if g2 and p2 and (g2 <= p2 or p2 <= g2):
        return "scorer"
    if g & p:
        return "malformed"
    return "wrong"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--cache", required=True)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    cache = Path(args.cache)
    rows = []
    for path, cluster in QE.quote_clusters(args.gold):
        story, articles, index, docs = QE.prepare(cluster, cache)
        _hits, _gq, _pq, missed, extra, _found = QE.score(cluster, story, articles, index, docs)
        text_of = {index[a.id]: a.text for a in articles}
        used: set[int] = set()
        for g in missed:
            for j, p in enumerate(extra):
                if j in used or p["source"] != g["source"]:
                    continue
                if not ev.texts_match(g["text"], p["text"]):
                    continue
                used.add(j)
                rows.append(
                    {
                        "file": Path(path).name,
                        "cluster": cluster["id"],
                        "source": g["source"],
                        "gold": g.get("speaker") or "",
                        "pred": p["speaker"],
                        "kind": kind(g.get("speaker") or "", p["speaker"]),
                        "context": context(text_of.get(g["source"], ""), g["text"]),
                    }
                )
                break
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    for r in rows:
        print(
            f"{r['kind']:9} {r['file']} {r['cluster']} [{r['source']}] "
            f"gold={r['gold']!r} pred={r['pred']!r}"
        )
        print(f"     {r['context'][:400]}")
    print(dict(Counter(r["kind"] for r in rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
