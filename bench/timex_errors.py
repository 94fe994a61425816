"""Error dump of ``newsweave.timex`` against TIMEX3 gold, grouped into classes.

    python bench/timex_errors.py [--top 30] [--list CLASS] PATH [PATH ...]

For every gold expression: the system's extent / type / value or "missed"; every false alarm.
Errors are grouped into classes (missed extents and false alarms by their lower-cased words with
digits as 9; value errors by the shapes of the gold and system values, e.g. ``9999-W99`` vs
``9999-WXX``) and the top classes are printed with counts per corpus (the first folder below
each PATH). ``--list CLASS`` prints every error of the classes whose name contains CLASS, with
its context. Parsing is cached in ``$TIMEX_CACHE`` (a folder) when set, keyed by the files.

The first lines split the errors per corpus into (a) missed gold expressions (extent recall),
(b) spurious system expressions (extent precision), (c) matched extent, right type, wrong value,
(d) matched extent, wrong type (value wrong too, or by chance right).

``--grep REGEX`` counts a candidate pattern instead (case-insensitive, on the plain text): per
corpus, each occurrence as gold-tagged (with the gold value) or untagged, and what the system
outputs there; with the value F1 of a corpus at F, a new expression pays off when its value is
right in more than F/2 of its occurrences (each output adds one to the predictions).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import re
from collections import Counter, defaultdict
from pathlib import Path

from newsweave import nlp
from newsweave import timex as tx
from newsweave.evaluate import timex as ev


def shape(value: str) -> str:
    """``1989-10-23`` -> ``9999-99-99``; keeps letters (W, Q, XX, REF names, P/T units)."""
    return re.sub(r"\d", "9", value)


def words(text: str) -> str:
    return re.sub(r"\d+", "9", re.sub(r"\s+", " ", text.lower().strip()))


def preds_of(d: ev.Document, parsed: object) -> list[ev.Pred]:
    """The system's expressions in ``d`` as scored (none on the creation time; see ev)."""
    return ev.scored_preds(
        d,
        [ev.Pred(t.start, t.end, t.type, t.value) for t in tx.find_timexes(d.text, d.dct, parsed)],
    )


def load(paths: list[str]) -> list[tuple[str, ev.Document, object]]:
    out = []
    for path in paths:
        files = ev.collect([path])
        docs = [ev.read_document(f) for f in files]
        corpus = Path(path).name or path
        cache = os.environ.get("TIMEX_CACHE")
        parsed = None
        if cache:
            key = hashlib.sha1("\n".join(d.text for d in docs).encode()).hexdigest()[:16]
            cfile = Path(cache) / f"{corpus}-{key}.pkl"
            if cfile.exists():
                parsed = pickle.loads(cfile.read_bytes())
        if parsed is None:
            parsed = nlp.parse([d.text for d in docs], full=False)
            if cache:
                cfile.write_bytes(pickle.dumps(parsed))
        out.extend((corpus, d, p) for d, p in zip(docs, parsed, strict=True))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--list", default=None)
    ap.add_argument("--context", type=int, default=60)
    ap.add_argument("--grep", default=None)
    ap.add_argument(
        "--words",
        action="store_true",
        help="per system expression text: right value / wrong value / false alarm",
    )
    args = ap.parse_args()
    items = load(args.paths)
    if args.grep:
        grep(items, args.grep, args.context)
        return
    kinds4: Counter = Counter()
    classes: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    totals: Counter = Counter()
    by_word: dict[str, Counter] = defaultdict(Counter)
    for corpus, d, parsed in items:
        preds = preds_of(d, parsed)
        pairs = ev.match(d.gold, preds, strict=False)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        totals[corpus, "gold"] += len(d.gold)
        totals[corpus, "pred"] += len(preds)

        def ctx(s: int, e: int, d: ev.Document = d) -> str:
            c = args.context
            return (
                d.text[max(0, s - c) : s] + "[[" + d.text[s:e] + "]]" + d.text[e : e + c]
            ).replace("\n", " ")

        def add(cls: str, line: str, corpus: str = corpus, d: ev.Document = d) -> None:
            classes[cls][corpus] += 1
            examples[cls].append(f"{corpus}/{d.name} dct={d.dct}: {line}")

        for g in d.gold:
            if id(g) not in matched_g:
                add(
                    f"MISS {g.type} '{words(d.text[g.start : g.end])}'",
                    f"gold {g.type} {g.value}: {ctx(g.start, g.end)}",
                )
        for p in preds:
            if id(p) not in matched_p:
                add(
                    f"FA {p.type} '{words(d.text[p.start : p.end])}'",
                    f"sys {p.type} {p.value}: {ctx(p.start, p.end)}",
                )
        for p in preds:
            if id(p) not in matched_p:
                by_word[words(d.text[p.start : p.end])][corpus + " FA"] += 1
        kinds4[corpus, "a missed"] += len(d.gold) - len(pairs)
        kinds4[corpus, "b spurious"] += len(preds) - len(pairs)
        kinds4[corpus, "c value"] += sum(g.type == p.type and g.value != p.value for g, p in pairs)
        kinds4[corpus, "d type"] += sum(g.type != p.type for g, p in pairs)
        kinds4[corpus, "right"] += sum(g.value == p.value for g, p in pairs)
        for g, p in pairs:
            w = words(d.text[p.start : p.end])
            by_word[w][corpus + (" ok" if g.value == p.value else " wrong")] += 1
            if g.value != p.value:
                add(
                    f"VAL {g.type} gold {shape(g.value)} sys {shape(p.value)}",
                    f"gold {g.value} sys {p.value} ({p.type}) "
                    f"'{d.text[p.start : p.end]}': {ctx(g.start, g.end)}",
                )
    corpora = sorted({c for c, _, _ in items})
    print("totals:", {k: v for k, v in totals.items()})
    for c in corpora:
        print(
            f"{c}: "
            + ", ".join(
                f"{k} {kinds4[c, k]}"
                for k in ("a missed", "b spurious", "c value", "d type", "right")
            )
        )
    if args.words:
        for w in sorted(by_word, key=lambda w: -sum(by_word[w].values()))[: args.top]:
            print(f"{sum(by_word[w].values()):4d} {w!r:30} {dict(sorted(by_word[w].items()))}")
        return
    if args.list:
        for cls in sorted(classes, key=lambda c: -sum(classes[c].values())):
            if args.list.lower() in cls.lower():
                print(f"== {cls} {dict(classes[cls])}")
                for line in examples[cls]:
                    print("   ", line)
        return
    ranked = sorted(classes, key=lambda c: -sum(classes[c].values()))
    kinds = Counter()
    for c in classes:
        kinds[c.split()[0]] += sum(classes[c].values())
    print("errors by kind:", dict(kinds))
    for cls in ranked[: args.top]:
        per = " ".join(f"{c}={classes[cls][c]}" for c in corpora)
        print(f"{sum(classes[cls].values()):4d}  {cls}   ({per})")


def grep(items: list, pattern: str, context: int) -> None:
    rx = re.compile(pattern, re.I)
    count: dict[str, Counter] = defaultdict(Counter)
    for corpus, d, parsed in items:
        preds = preds_of(d, parsed)
        for m in rx.finditer(d.text):
            s, e = m.span()
            gold = [g for g in d.gold if g.start < e and s < g.end]
            sys_ = [p for p in preds if p.start < e and s < p.end]
            g = f"gold {gold[0].type} {gold[0].value}" if gold else "untagged"
            p = f"sys {sys_[0].type} {sys_[0].value}" if sys_ else "sys -"
            count[corpus][g.split()[0] if not gold else "tagged"] += 1
            c = (
                d.text[max(0, s - context) : s]
                + "[["
                + d.text[s:e]
                + "]]"
                + d.text[e : e + context]
            )
            print(f"  {corpus}/{d.name} {d.dct} | {g} | {p} | " + c.replace("\n", " "))
    for corpus, c in count.items():
        print(corpus, dict(c))


if __name__ == "__main__":
    main()
