"""Choose the on/off switches of newsweave.facts.entities by cross-validation on MEANTIME.

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 nice -n 19 .venv/bin/python \
        bench/cv_entity_rules.py [--cache DIR] [--switch NAME ...] PATH [PATH ...]

The documents are split into folds by topic, so that no fold's test documents share a story
with its training documents: a document's topic is the first of the patterns below its file
name matches (Apple Corps lawsuits, the Mac line, the iPhone, the iPod and iTunes, else the
company itself); with other corpora, ``--folds K`` splits document i into fold i mod K. For
each fold, each named switch is chosen on the other folds (the training documents scored as
one story, as ``eval entities`` scores a corpus: objective merge F1 + type accuracy), with the
other switches on; a tie keeps the rule on (no evidence against a rule written for a reason).
The held-out fold (its documents as one story) is then scored with the choices made without
it. Out-of-fold figures are the held-out folds pooled (weighted by gold mentions); in-sample
figures are the same folds scored with the choices made on all documents; "before" is every
named switch off. Prints JSON. ``--cache DIR`` keeps the spaCy parses
(:func:`entity_errors.parse_cached`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from entity_errors import parse_cached  # noqa: E402

from newsweave.evaluate import entities as ev  # noqa: E402
from newsweave.facts import entities as ents_mod  # noqa: E402

# Switches of the tenth session (issue 19), the default set.
SWITCHES = (
    "SPLIT_AT_SPACED_DASHES",
    "COORDINATION_AFTER_AN_ARTICLE",
    "SPLIT_POSSESSORS",
    "LOWER_CASE_TAILS",
    "DESCRIBED_PRODUCT_NOUNS",
    "PRODUCT_SHORT_NAMES",
    "HYPHEN_COMPOUNDS_HAVE_NO_CUES",
    "BRACKETED_ACRONYMS",
    "HONORIFICS_BEFORE_ONE_WORD",
    "TITLES_ONLY_BEFORE_PERSONS",
    "TWO_WORD_ACRONYMS",
    "MORE_COMPANY_FORMS",
    "ADJACENT_NAMES",
    "PLURAL_PRODUCT_CUES",
)
# Topic of a MEANTIME corpus_apple document by its file name (first match; else "company").
TOPICS = (
    ("corps", r"Corps|Beatles"),
    ("mac", r"Mac|Intel|OS_X|Reactions"),
    ("iphone", r"iPhone|3G|Cisco|cases|swamped"),
    ("ipod", r"iPod|iTunes|program|special_event"),
)


def topic_folds(docs: list[ev.Document], k: int) -> list[list[int]]:
    if k:
        return [[i for i in range(len(docs)) if i % k == f] for f in range(k)]
    by: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        t = next((n for n, p in TOPICS if re.search(p, d.name)), "company")
        by.setdefault(t, []).append(i)
    return [by[t] for t in sorted(by)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--cache", default=None)
    ap.add_argument("--switch", action="append", default=None)
    ap.add_argument("--folds", type=int, default=0, help="K folds by index (0: by topic)")
    args = ap.parse_args()
    names = args.switch or list(SWITCHES)
    docs = ev.read_documents(args.paths)
    parsed = parse_cached(docs, args.cache)
    shipped = {n: getattr(ents_mod, n) for n in names}

    def run(idx, setting: dict[str, bool]) -> dict[str, float]:
        for n, v in setting.items():
            setattr(ents_mod, n, v)
        d = [docs[i] for i in idx]
        try:
            return ev.score(d, ev.predict_newsweave(d, [parsed[i] for i in idx]))
        finally:
            for n, v in shipped.items():
                setattr(ents_mod, n, v)

    def objective(r):
        return r["merge_f1"] + r["type_acc"]

    def choose(idx) -> tuple[dict[str, bool], dict[str, list[float]]]:
        on = dict.fromkeys(names, True)
        with_all = objective(run(idx, on))
        choice, gains = {}, {}
        for n in names:
            without = objective(run(idx, {**on, n: False}))
            choice[n] = with_all >= without
            gains[n] = round(with_all - without, 4)
        return choice, gains

    def pooled(results, sizes):
        return {
            k: round(sum(r[k] * s for r, s in zip(results, sizes, strict=True)) / sum(sizes), 4)
            for k in ev.KEYS
        }

    folds = topic_folds(docs, args.folds)
    sizes = [sum(len(docs[i].gold) for i in f) for f in folds]
    everything = range(len(docs))
    on_all, gains_all = choose(everything)
    off = dict.fromkeys(names, False)
    chosen, oof, ins, before, base = [], [], [], [], []
    for test in folds:
        train = [i for i in everything if i not in test]
        choice, _ = choose(train)
        chosen.append([n for n in names if choice[n]])
        oof.append(run(test, choice))
        ins.append(run(test, on_all))
        before.append(run(test, off))
        d = [docs[i] for i in test]
        base.append(ev.score(d, ev.predict_spacy(d, [parsed[i] for i in test])))
    print(
        json.dumps(
            {
                "documents": len(docs),
                "folds": [[docs[i].name[:24] for i in f] for f in folds],
                "switches": names,
                "chosen_per_fold (on)": chosen,
                "chosen_on_all (on)": [n for n in names if on_all[n]],
                "objective_gain_on_all (on minus off, others on)": gains_all,
                "before_folds (switches off)": pooled(before, sizes),
                "out_of_fold": pooled(oof, sizes),
                "in_sample": pooled(ins, sizes),
                "spacy_baseline_folds": pooled(base, sizes),
                "before_one_story": run(everything, off),
                "after_one_story (chosen on all)": run(everything, on_all),
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
