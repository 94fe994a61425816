"""Gold quote and figure text that the text cleaning removes: for every gold file given, each
gold quote's words and each gold figure's text found in a source article's raw text but no
longer in its cleaned text, counted per removal reason (the reason of the removed piece that
holds it). A new cleaning rule must not add to these counts; ``--reason`` limits the listing
to one reason.

    PYTHONPATH=src .venv/bin/python bench/clean_gold_text.py bench/gold/*.json [--show]

No model runs: only ingest and :func:`newsweave.clean.clean_text`.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from newsweave.clean import clean_text
from newsweave.evaluate.facts import load_cluster_articles


def _norm(s: str) -> str:
    return " ".join(s.split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--show", action="store_true", help="print every lost gold text")
    ap.add_argument("--reason", help="count and list only this removal reason")
    args = ap.parse_args(argv)
    lost: Counter[tuple[str, str]] = Counter()
    checked: Counter[str] = Counter()
    for path in args.gold:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for cluster in data.get("clusters", []):
            articles = load_cluster_articles(cluster.get("input") or {})
            cleaned = []
            for art in articles:
                text, removed = clean_text(art.text, art.title)
                cleaned.append((_norm(art.text), _norm(text), removed))
            for kind in ("quotes", "figures"):
                for item in cluster.get(kind, []):
                    needle = _norm(item.get("text") or "")
                    if not needle:
                        continue
                    checked[kind] += 1
                    for raw, text, removed in cleaned:
                        if needle not in raw or needle in text:
                            continue
                        reason = next(
                            (r.reason for r in removed if needle in _norm(r.text)), "(spans pieces)"
                        )
                        if args.reason and reason != args.reason:
                            continue
                        lost[(kind, reason)] += 1
                        if args.show:
                            print(
                                f"{Path(path).name}:{cluster.get('id')} {kind} {reason}: "
                                f"{needle[:100]!r}"
                            )
                        break
    print(f"checked: {checked['quotes']} gold quotes, {checked['figures']} gold figures")
    print(f"{'kind':8} {'reason':22} {'lost':>5}")
    for (kind, reason), n in sorted(lost.items()):
        print(f"{kind:8} {reason:22} {n:>5}")
    print(f"{'total':31} {sum(lost.values()):>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
