"""The value-F1 loss of ``newsweave.timex`` split by kind, per corpus (tenth pass, issue 18).

    python bench/timex_values.py [--list KIND] [--refs] PATH [PATH ...]

Value F1 (TempEval-3 Task A) counts an output right when its extent overlaps a gold expression
and the values are the same. Its loss has three parts, counted per corpus (the first folder
below each PATH):

1. matched extent, wrong value;
2. gold missed (no output overlaps it);
3. spurious output (overlaps no gold).

For each part the figure "F1 if none" is value F1 with that part made right (1: each wrong
value right; 2: each missed gold found with the right value; 3: each spurious output dropped).

Part 1 is split by kind of error:

- ``type``: the value's type differs (DATE vs DURATION, DATE vs TIME, SET ...);
- ``form``: the gold value is not an ISO/TIMEX3 calendar form the system writes
  (``1968-XX``, ``199X``, ``2000-W7``, ``XXXX-...``);
- ``granularity``: both calendar values, of different units (day vs week vs month ...; or
  durations of different units, P1W vs P7D);
- ``direction``: the same unit, the gold and the system value on opposite sides of the
  creation time (or PAST_REF against FUTURE_REF);
- ``anchor``: the same unit, the same side, another value (a weekday a week off, another
  quarter, another year); with ``ref`` when the gold lies within six days of the reference
  time, the last absolute day the text named before the expression, and further than that
  from the creation time (TimeML: a relative expression is anchored on the narrative's
  reference time);
- ``amount``: durations of one unit, another count.

``--list KIND`` prints each error of that kind with its context (``missed``: each gold
expression no output overlaps; ``spurious``: each output that overlaps no gold; eleventh
pass); ``--refs`` lists every gold expression (matched or not) whose value is a day the
reference time explains and the creation time does not. Parsing is cached in
``$TIMEX_CACHE`` as in bench/timex_errors.py.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import timex_errors as te  # noqa: E402

from newsweave import timex as tx  # noqa: E402
from newsweave.evaluate import timex as ev  # noqa: E402

_ABSOLUTE = re.compile(
    r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
    r"Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|"
    r"Aug|Sep|Oct|Nov|Dec)"
)


def unit(value: str) -> str:
    """The calendar unit of a TIMEX3 value, ``form`` for a non-ISO gold form."""
    v = value
    if v in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return "ref"
    if "X" in v.replace("PX", "P9").replace("TX", "T9"):
        return "form"
    if re.fullmatch(r"\d{4}-\d\d-\d\dT.*", v):
        return "time"
    for name, rx in (
        ("day", r"\d{4}-\d\d-\d\d"),
        ("week", r"\d{4}-W\d\d"),
        ("weekend", r"\d{4}-W\d\d-WE"),
        ("month", r"\d{4}-\d\d"),
        ("quarter", r"\d{4}-Q\d"),
        ("half", r"\d{4}-H\d"),
        ("season", r"\d{4}-(?:SP|SU|FA|WI)"),
        ("year", r"\d{4}"),
        ("decade", r"\d{3}"),
        ("century", r"\d\d"),
    ):
        if re.fullmatch(rx, v):
            return name
    if v.startswith("P"):
        return re.sub(r"[\d.X]", "", v)
    return "form"


def day(value: str) -> date | None:
    """The day a TIMEX3 value names (``1998-10-12``), else None."""
    return tx.parse_anchor(value)


def dct_in(unit_: str, dct: date) -> str | None:
    """The creation time written in ``unit_``, to compare values of that unit as strings."""
    return {
        "day": dct.isoformat(),
        "month": dct.isoformat()[:7],
        "year": f"{dct.year:04d}",
        "quarter": f"{dct.year:04d}-Q{(dct.month - 1) // 3 + 1}",
        "week": f"{dct.isocalendar()[0]:04d}-W{dct.isocalendar()[1]:02d}",
        "time": dct.isoformat(),
    }.get(unit_)


def side(value: str, ref: str) -> int:
    v = value[: len(ref)]
    return (v > ref) - (v < ref)


def ref_day(timexes: list[tx.Timex], start: int) -> date | None:
    """The reference time at ``start``: the last absolute day (with a month and a day written)
    the system found before it."""
    ref = None
    for t in timexes:
        if t.start >= start:
            break
        if t.type == "DATE" and day(t.value) and _ABSOLUTE.search(t.text):
            ref = day(t.value)
    return ref


def ref_explains(gold_value: str, ref: date | None, dct: date | None) -> bool:
    g = day(gold_value)
    if g is None or ref is None or dct is None:
        return False
    return abs((g - ref).days) <= 6 and abs((g - dct).days) > 6


def kind(g: ev.Gold, p: ev.Pred, dct: date | None) -> str:
    if g.type != p.type:
        return "type"
    ug, up = unit(g.value), unit(p.value)
    if ug == "form":
        return "form"
    if ug != up:
        return "granularity"
    if ug == "ref":
        return "direction"
    if ug.startswith("P"):
        return "amount"
    ref = dct_in(ug, dct) if dct else None
    if ref is not None:
        sg, sp = side(g.value, ref), side(p.value, ref)
        if sg and sp and sg != sp:
            return "direction"
    return "anchor"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--list", default=None)
    ap.add_argument("--refs", action="store_true")
    ap.add_argument("--context", type=int, default=90)
    ap.add_argument(
        "--switch",
        default=None,
        help="NAME[=VALUE]: list each value the switch (a timex constant) changes",
    )
    args = ap.parse_args()
    items = te.load(args.paths)
    if args.switch:
        diff(items, args.switch, args.context)
        return
    counts: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, Counter] = defaultdict(Counter)
    subs: dict[str, Counter] = defaultdict(Counter)
    corpora: list[str] = []
    for corpus, d, parsed in items:
        if corpus not in corpora:
            corpora.append(corpus)
        timexes = tx.find_timexes(d.text, d.dct, parsed)
        preds = te.preds_of(d, parsed)
        pairs = ev.match(d.gold, preds, strict=False)
        dct = tx.parse_anchor(d.dct)
        c = counts[corpus]
        c["gold"] += len(d.gold)
        c["out"] += len(preds)
        c["right"] += sum(g.value == p.value for g, p in pairs)
        c["wrong"] += sum(g.value != p.value for g, p in pairs)
        c["missed"] += len(d.gold) - len(pairs)
        c["spurious"] += len(preds) - len(pairs)
        matched = {id(g): p for g, p in pairs}

        def ctx(s: int, e: int, d: ev.Document = d) -> str:
            n = args.context
            return (
                d.text[max(0, s - n) : s] + "[[" + d.text[s:e] + "]]" + d.text[e : e + n]
            ).replace("\n", " ")

        for g in d.gold:
            p = matched.get(id(g))
            ref = ref_day(timexes, g.start)
            explained = ref_explains(g.value, ref, dct)
            if args.refs and explained:
                sysv = f"{p.type} {p.value}" if p else "missed"
                print(
                    f"{corpus}/{d.name} dct={dct} ref={ref} gold {g.type} {g.value} sys "
                    f"{sysv}: {ctx(g.start, g.end)}"
                )
            if p is None:
                if explained:
                    subs[corpus]["missed, reference time explains"] += 1
                if args.list == "missed":
                    print(
                        f"{corpus}/{d.name} dct={dct} gold {g.type} {g.value}: "
                        f"{ctx(g.start, g.end)}"
                    )
                continue
            if g.value == p.value:
                if explained:
                    subs[corpus]["right, reference time explains"] += 1
                continue
            k = kind(g, p, dct)
            kinds[corpus][k] += 1
            if k == "type":
                subs[corpus][f"type {g.type}->{p.type}"] += 1
            if k == "granularity":
                subs[corpus][f"granularity {unit(g.value)}->{unit(p.value)}"] += 1
            if k in ("anchor", "direction", "form"):
                subs[corpus][f"{k} {re.sub(r'[0-9]', '9', g.value)}"] += 1
            if k == "anchor" and explained:
                subs[corpus]["anchor, reference time explains"] += 1
            if args.list and k == args.list:
                print(
                    f"{corpus}/{d.name} dct={dct} ref={ref} gold {g.type} {g.value} sys "
                    f"{p.type} {p.value}: {ctx(g.start, g.end)}"
                )
        if args.list == "spurious":
            hit = {id(p) for _, p in pairs}
            for p in preds:
                if id(p) not in hit:
                    print(
                        f"{corpus}/{d.name} dct={dct} sys {p.type} {p.value}: {ctx(p.start, p.end)}"
                    )
    if args.list or args.refs:
        return

    def f1(right: int, gold: int, out: int) -> float:
        return 2 * right / (gold + out) if gold + out else 0.0

    print(
        "| corpus | gold | outputs | right | value P | value R | value F1 | (1) wrong value "
        "(F1 if none) | (2) missed (F1 if none) | (3) spurious (F1 if none) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    total: Counter = Counter()
    for corpus in [*corpora, "all"]:
        c = counts[corpus] if corpus != "all" else total
        if corpus != "all":
            total.update(c)
        r, g, o = c["right"], c["gold"], c["out"]
        print(
            f"| {corpus} | {g} | {o} | {r} | {r / o:.4f} | {r / g:.4f} | {f1(r, g, o):.4f} | "
            f"{c['wrong']} ({f1(r + c['wrong'], g, o):.4f}) | {c['missed']} "
            f"({f1(r + c['missed'], g, o + c['missed']):.4f}) | {c['spurious']} "
            f"({f1(r, g, o - c['spurious']):.4f}) |"
        )
    names = ["type", "form", "granularity", "direction", "anchor", "amount"]
    print("\n| corpus | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for corpus in corpora:
        print(f"| {corpus} | " + " | ".join(str(kinds[corpus][n]) for n in names) + " |")
    for corpus in corpora:
        print(f"\n{corpus}: " + ", ".join(f"{k} {v}" for k, v in subs[corpus].most_common()))


def diff(items: list, switch: str, context: int) -> None:
    """Each output whose value (or presence) the switch changes, with the gold there:
    ``+`` a value made right, ``-`` made wrong, ``~`` wrong either way."""
    name, _, raw = switch.partition("=")
    old = getattr(tx, name)
    new: object = (
        (not old)
        if not raw
        else type(old)(raw)
        if not isinstance(old, bool)
        else raw.lower() in ("1", "true", "on")
    )
    tally: dict[str, Counter] = defaultdict(Counter)
    for corpus, d, parsed in items:
        before = {(p.start, p.end): p for p in te.preds_of(d, parsed)}
        setattr(tx, name, new)
        try:
            after = {(p.start, p.end): p for p in te.preds_of(d, parsed)}
        finally:
            setattr(tx, name, old)
        for span in sorted(set(before) | set(after)):
            b, a = before.get(span), after.get(span)
            if b is not None and a is not None and (b.type, b.value) == (a.type, a.value):
                continue
            s, e = span
            gold = [g for g in d.gold if g.start < e and s < g.end]
            gv = gold[0].value if gold else None
            was, now = b is not None and b.value == gv, a is not None and a.value == gv
            mark = "+" if now and not was else "-" if was and not now else "~"
            tally[corpus][mark] += 1
            c = (
                d.text[max(0, s - context) : s]
                + "[["
                + d.text[s:e]
                + "]]"
                + d.text[e : e + context]
            ).replace("\n", " ")
            print(
                f"{mark} {corpus}/{d.name} dct={d.dct} gold {gv} | "
                f"{b.value if b else '-'} -> {a.value if a else '-'} | {c}"
            )
    for corpus, t in tally.items():
        print(corpus, dict(t))


if __name__ == "__main__":
    main()
