"""What the figures in the text cleaning removed would add: for every gold file given, the
figures :func:`newsweave.facts.figures.find_figures` reads in each removed piece of each source
article (captions, promo lines, related headlines, ...), matched against the gold figures the
pipeline missed (the ``newsweave eval facts`` matching rules). Per removal reason: how many
missed gold figures they would recover and how many extra predictions they would add.

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 .venv/bin/python bench/removed_figures.py \
        bench/gold/facts_heldout10a.json bench/gold/facts_heldout11a.json [--show]

A measurement only: figures are extracted from the cleaned text, and a figure's reference is a
span of that text, so the pipeline cannot carry a figure of removed text without a model change.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figure_errors import figure_clusters  # noqa: E402  (bench script beside this one)

from newsweave.clean import clean_text  # noqa: E402
from newsweave.evaluate.facts import figure_match, greedy_pairs, predicted_figures  # noqa: E402
from newsweave.facts.figures import find_figures  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--show", action="store_true", help="print every recovered and extra figure")
    args = ap.parse_args(argv)
    gained: Counter[str] = Counter()
    added: Counter[str] = Counter()
    for path, cluster, articles, index, story, gold in figure_clusters(args.gold):
        if story is None:
            continue
        _, missed, _ = greedy_pairs(gold, predicted_figures(story, index), figure_match)
        for art in articles:
            _, removed = clean_text(art.text, art.title)
            for r in removed:
                cands = [
                    dict(value=f["value"], unit=f["unit"], text=f["text"], source=index[art.id])
                    for f in find_figures(r.text)
                ]
                if not cands:
                    continue
                _, missed, extra = greedy_pairs(missed, cands, figure_match)
                hit = len(cands) - len(extra)
                gained[r.reason] += hit
                added[r.reason] += len(extra)
                if args.show:
                    for c in cands:
                        tag = "EXTRA" if c in extra else "GAIN "
                        print(
                            f"{Path(path).name}:{cluster['id']}:{c['source']} {tag} "
                            f"{r.reason}: {c['value']:g} {c['unit']} {c['text']!r} "
                            f"| {r.text[:90]!r}"
                        )
    print(f"{'reason':22} {'gold recovered':>15} {'extra predictions':>18}")
    for reason in sorted(set(gained) | set(added)):
        print(f"{reason:22} {gained[reason]:>15} {added[reason]:>18}")
    print(f"{'total':22} {sum(gained.values()):>15} {sum(added.values()):>18}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
