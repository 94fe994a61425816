"""Each rule of the 2026-12-06/07 third to seventh passes of ``newsweave.timex`` switched off
on its own, value F1 per corpus (a rule kept must not cost the corpus it was not counted on).

    python bench/timex_ablate.py ../shared/data/timex/TimeBank ../shared/data/timex/AQUAINT \
        ../shared/data/meantime/corpus_apple

``--loco`` first: leave-one-corpus-out over the fifth pass's rules instead (see :func:`loco`);
``--loco6``: the same over the sixth pass's rules. ``--loco7``: three-way leave-one-corpus-out
over the seventh pass's rules (see :func:`loco3`): each corpus held out in turn, the rules
chosen on the other two pooled. ``--loco8``: the same over the eighth pass's rules.
``--loco9``: the ninth pass's extent rules, chosen on strict extent F1 (then the same run on
value F1, which they must hold). ``--loco10``: the tenth pass's value rules, off in timex.py,
each switched on alone (see :func:`loco10`). ``--loco11``: the eleventh pass's switches
(spurious and missed expressions), the same way against all of them off (see :func:`loco11`).

Parses each corpus once (cached in ``$TIMEX_CACHE`` when set, see bench/timex_errors.py).
Figures: bench/RESULTS.md.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import timex_errors as te  # noqa: E402

from newsweave import timex as tx  # noqa: E402
from newsweave.evaluate import timex as ev  # noqa: E402


@contextmanager
def patched(name: str, value: object) -> Iterator[None]:
    old = getattr(tx, name)
    setattr(tx, name, value)
    try:
        yield
    finally:
        setattr(tx, name, old)


def without_rules(*names: str) -> Callable[[], object]:
    return lambda: patched("_RX", [(n, rx) for n, rx in tx._RX if n not in names])


def without_refs() -> object:
    keep = {
        k: v
        for k, v in tx._REF_VALUES.items()
        if not k.startswith(("the near", "the short", "the immediate"))
    }
    return patched("_REF_VALUES", keep)


def with_discourse_now() -> object:
    base = tx._not_a_timex

    def f(text: str, s: int, e: int, kind: str) -> bool:
        if text[s:e].lower() == "now":
            return bool(re.search(r"\bfrom\s+$", text[max(0, s - 12) : s].lower()))
        return base(text, s, e, kind)

    return patched("_not_a_timex", f)


def without_inflected_heads() -> object:
    base = {
        "due",
        "set",
        "expect",
        "expected",
        "schedule",
        "scheduled",
        "plan",
        "planned",
        "poise",
        "poised",
        "slate",
        "slated",
        "intend",
        "aim",
        "go",
        "prepare",
        "hope",
        "want",
        "likely",
        "propose",
        "vow",
        "pledge",
        "promise",
        "threaten",
        "seek",
        "agree",
        "decide",
        "will",
    }
    return patched("_FORWARD_HEADS", base)


def without_part(names: tuple[str, ...], *parts: str | tuple[str, str]) -> Callable[[], object]:
    """The rules ``names`` recompiled with each of ``parts`` cut out of their pattern (or, for
    a pair, its first string replaced by the second)."""

    def make() -> object:
        pats = dict(tx._RULES)
        new = []
        for n, rx in tx._RX:
            if n in names:
                pat = pats[n]
                for part in parts:
                    old, repl = part if isinstance(part, tuple) else (part, "")
                    assert old in pat, (n, old)
                    pat = pat.replace(old, repl, 1)
                rx = re.compile(pat, rx.flags)
            new.append((n, rx))
        return patched("_RX", new)

    return make


@contextmanager
def both(a: Callable[[], object], b: Callable[[], object]) -> Iterator[None]:
    with a(), b():  # type: ignore[attr-defined]
        yield


def without_titles() -> object:
    import re as _re

    return patched("_TITLE_BEFORE", _re.compile(r"(?!)"))


ABLATIONS: dict[str, Callable[[], object]] = {
    # ninth pass (2026-12-07): extent
    "possessive 's out of the extent": lambda: patched("POSSESSIVE_OUT", False),
    "determiner of the modified noun out ('a third-quarter loss')": lambda: patched(
        "MODIFIER_DETERMINER_OUT", False
    ),
    "signal 'later', 'before' out of a DURATION": lambda: patched("DURATION_SIGNAL_OUT", False),
    # eighth pass (2026-12-07)
    "'the quarter' = the quarter under discussion": lambda: patched("QUARTER_ANAPHORA", False),
    "'a quarter of the market' no time (fraction)": lambda: patched("QUARTER_FRACTION", False),
    "'will one day', 'a day when' (FUTURE_REF)": lambda: patched("INDEFINITE_DAY", False),
    "spoken day 'March eighth'": without_rules("mdyw"),
    "'the then current price' (PAST_REF)": lambda: patched("THEN_PRESENT_IS_PAST", False),
    # seventh pass (2026-12-07)
    "'30 days before <event>' a DURATION": lambda: patched("BEFORE_EVENT_AS_DURATION", False),
    "'three days later' a DURATION": lambda: patched("NARRATIVE_STEPS_AS_DURATION", False),
    "'the same period last year' one expression": without_rules("periodago"),
    "'decades-long', 'day-long' (DURATION)": without_rules("long"),
    "vague decades in years (PXY, not PXE)": lambda: patched("VAGUE_DECADES_IN_YEARS", False),
    # the two above act together: only "decades-long" gives a vague count of decades here
    "'-long' with vague decades in years (both)": lambda: both(
        without_rules("long"), lambda: patched("VAGUE_DECADES_IN_YEARS", False)
    ),
    # sixth pass
    "counted decades in years (P20Y, not P2E)": lambda: patched("DECADES_IN_YEARS", False),
    "season of a spoken year ('the winter of nineteen ninety-four')": without_part(
        ("season",),
        "|" + tx._SPELLED_YEAR,
        (
            r"(?:(?P<y>" + tx._YEAR + r")|(?P<ssp>" + tx._SPELLED_YEAR + r")\b)",
            r"(?P<y>" + tx._YEAR + r")",
        ),
    ),
    # fifth pass
    "month + spoken year ('January nineteen ninety-seven')": without_part(
        ("my",),
        (
            r"(?:(?P<y>" + tx._YEAR + r")|(?P<msp>" + tx._SPELLED_YEAR + r"))",
            r"(?P<y>" + tx._YEAR + r")",
        ),
    ),
    "decade in words ('the nineties')": without_rules("decade3"),
    "'Easter week'": without_part(("holiday",), (r"Easter\s+(?:Sunday|week)", r"Easter\s+Sunday")),
    'quoted programme title (ABC\'s "This Week")': without_titles,
    "base-form past with a singular subject ('hurt')": lambda: patched("_SAME_PAST_FORM", set()),
    # fourth pass
    "'in May' (May after a preposition)": without_part(
        ("month",),
        r"|(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bby\s)|"
        r"(?<=\bduring\s)|(?<=\bthrough\s))May",
    ),
    "'the last half of' / 'first two quarters of' YEAR": without_part(
        ("half",),
        ("second|last)", "second)"),
        r"|(?P<ord2>first|last)\s+two\s+quarters\s+of\s+(?:fiscal\s+)?(?P<y2>" + tx._YEAR + r")\b",
    ),
    "'the week of' DATE": without_rules("weekof"),
    "mid-afternoon / midday": without_rules("midpart"),
    "clock '(0735 GMT) Friday'": without_part(("clock",), r"|\([^()\n]{1,20}\)"),
    "'thousand years' (P2L)": without_part(("dur", "ago"), r"(?:\s+thousand)?"),
    "'the first time in years'": without_part(("bare_for",), r"|(?<=\btime\sin\s)"),
    "'the weeks ahead', 'the years that followed'": without_rules("ahead"),
    "'for a while'": without_rules("awhile"),
    "'has scheduled ... Thursday' ahead": lambda: patched("_PLAN_PERFECT_AUX", ()),
    "second day of 'April 24 and 25'": lambda: patched("_second_day", lambda *a: None),
    "'a minute and a half'": without_part(("dur",), r"(?P<dhalf>\s+and\s+a\s+half\b)?"),
    # third pass
    "'the week' -> YYYY-WXX": without_rules("theweek"),
    "the near future / near term / short term": without_refs,
    "no discourse 'Now,'": with_discourse_now,
    "planned weekdays ahead": lambda: patched("_PLAN_VERBS", set()),
    "inflected forward heads": without_inflected_heads,
}


FIFTH_PASS = (
    "month + spoken",
    "decade in words",
    "'Easter week'",
    "quoted programme",
    "base-form past",
)
SIXTH_PASS = ("counted decades", "season of a spoken year")
SEVENTH_PASS = (
    "'30 days before",
    "'three days later'",
    "'the same period last year'",
    "'-long' with vague decades",
)
EIGHTH_PASS = (
    "'the quarter' =",
    "'a quarter of the market'",
    "'will one day'",
    "spoken day",
    "'the then current",
)
NINTH_PASS = ("possessive 's out", "determiner of the modified noun", "signal 'later'")


def loco3(
    sets: dict[str, list], prefixes: tuple[str, ...] = SEVENTH_PASS, metric: str = "value_f1"
) -> None:
    """Three-way leave-one-corpus-out: hold each corpus out in turn; on the other corpora
    pooled (their gold and output summed) keep each rule that raises ``metric`` (value F1;
    strict extent F1 for the ninth pass's extent rules) alone against none of the new rules
    (ties dropped); score the kept set on the held-out corpus."""
    from contextlib import ExitStack

    new = [k for k in ABLATIONS if k.startswith(prefixes)]

    def f1(off: list[str], names: list[str]) -> float:
        with ExitStack() as stack:
            for k in off:
                stack.enter_context(ABLATIONS[k]())  # type: ignore[arg-type]
            items = [it for n in names for it in sets[n]]
            return ev.score(
                [d.gold for _, d, _ in items], [te.preds_of(d, p) for _, d, p in items]
            )[metric]

    for held in sets:
        tune = [n for n in sets if n != held]
        base = f1(new, tune)
        keep = [k for k in new if f1([x for x in new if x != k], tune) > base + 1e-9]
        off = [x for x in new if x not in keep]
        print(
            f"held out {held}: tuned on {'+'.join(tune)} keep {keep}; in-sample "
            f"{f1(off, tune):.4f} (none {base:.4f}); held-out {f1(off, [held]):.4f} "
            f"(none {f1(new, [held]):.4f}, all {f1([], [held]):.4f})"
        )
        for k in new:  # each rule alone on the held-out corpus (it must raise or hold it)
            print(
                f"    {k}: tuning {f1([x for x in new if x != k], tune):.4f}, held-out "
                f"{f1([x for x in new if x != k], [held]):.4f}"
            )


# tenth pass (2026-12-07): value side. These are off in timex.py, so each is switched ON
# alone; the three weekday scopes exclude one another (at most the best of them is kept)
TENTH_PASS: dict[str, Callable[[], object]] = {
    "weekday on the reference time (same sentence)": lambda: both(
        lambda: patched("REFERENCE_TIME_WEEKDAYS", True),
        lambda: patched("REFERENCE_TIME_SCOPE", "sentence"),
    ),
    "weekday on the reference time (same paragraph)": lambda: both(
        lambda: patched("REFERENCE_TIME_WEEKDAYS", True),
        lambda: patched("REFERENCE_TIME_SCOPE", "paragraph"),
    ),
    "weekday on the reference time (anywhere before)": lambda: both(
        lambda: patched("REFERENCE_TIME_WEEKDAYS", True),
        lambda: patched("REFERENCE_TIME_SCOPE", "text"),
    ),
    "'the next day', 'that day', 'that week' from the last day": lambda: patched(
        "ANAPHORIC_DAYS", True
    ),
}


def loco10(sets: dict[str, list]) -> None:
    """Three-way leave-one-corpus-out over the tenth pass's rules, which are off in timex.py:
    with each corpus held out, a rule is kept when switching it on alone raises value F1 on
    the other two pooled (ties dropped; of the weekday scopes only the best); the kept set is
    scored on the held-out corpus. Also each rule alone, per corpus."""
    from contextlib import ExitStack

    def f1(on: list[str], names: list[str]) -> float:
        with ExitStack() as stack:
            for k in on:
                stack.enter_context(TENTH_PASS[k]())  # type: ignore[arg-type]
            items = [it for n in names for it in sets[n]]
            return ev.score(
                [d.gold for _, d, _ in items], [te.preds_of(d, p) for _, d, p in items]
            )["value_f1"]

    for k in TENTH_PASS:
        print(f"{k}: " + "  ".join(f"{n} {f1([k], [n]):.4f}" for n in sets))
    print("none: " + "  ".join(f"{n} {f1([], [n]):.4f}" for n in sets))
    for held in sets:
        tune = [n for n in sets if n != held]
        base = f1([], tune)
        gain = {k: f1([k], tune) for k in TENTH_PASS}
        keep = [k for k in TENTH_PASS if gain[k] > base + 1e-9]
        weekday = [k for k in keep if k.startswith("weekday")]
        if len(weekday) > 1:
            best = max(weekday, key=lambda k: gain[k])
            keep = [k for k in keep if not k.startswith("weekday") or k == best]
        print(
            f"held out {held}: tuned on {'+'.join(tune)} (none {base:.4f}; "
            + ", ".join(f"{k[:40]} {v:.4f}" for k, v in gain.items())
            + f") keep {keep}; in-sample {f1(keep, tune):.4f}; held-out {f1(keep, [held]):.4f}"
            f" (none {f1([], [held]):.4f})"
        )


# eleventh pass (2026-12-07): spurious and missed expressions; each is a module switch
ELEVENTH_PASS = (
    "GENERIC_TODAY_OUT",
    "NAME_TIME_WORD_OUT",
    "DAILY_NEWSPAPER_OUT",
    "FUTURE_AS_THING_OUT",
    "COPULA_DAY",
)


def loco11(sets: dict[str, list]) -> None:
    """Three-way leave-one-corpus-out over the eleventh pass's switches: against all of them
    off, a switch is kept for a fold when switching it on alone raises value F1 on the two
    tuning corpora pooled (ties dropped); the kept set is scored on the held-out corpus. Also
    each switch alone, per corpus (in-sample)."""
    from contextlib import ExitStack

    def f1(on: list[str], names: list[str]) -> float:
        with ExitStack() as stack:
            for k in ELEVENTH_PASS:
                stack.enter_context(patched(k, k in on))
            items = [it for n in names for it in sets[n]]
            return ev.score(
                [d.gold for _, d, _ in items], [te.preds_of(d, p) for _, d, p in items]
            )["value_f1"]

    print("none: " + "  ".join(f"{n} {f1([], [n]):.4f}" for n in sets))
    for k in ELEVENTH_PASS:
        print(f"{k} alone: " + "  ".join(f"{n} {f1([k], [n]):.4f}" for n in sets))
    for held in sets:
        tune = [n for n in sets if n != held]
        base = f1([], tune)
        gain = {k: f1([k], tune) for k in ELEVENTH_PASS}
        keep = [k for k in ELEVENTH_PASS if gain[k] > base + 1e-9]
        print(
            f"held out {held}: tuned on {'+'.join(tune)} (none {base:.4f}; "
            + ", ".join(f"{k} {v:.4f}" for k, v in gain.items())
            + f") keep {keep}; tuning with kept {f1(keep, tune):.4f}; held-out "
            f"{f1(keep, [held]):.4f} (none {f1([], [held]):.4f}, all "
            f"{f1(list(ELEVENTH_PASS), [held]):.4f})"
        )


def loco(sets: dict[str, list], prefixes: tuple[str, ...] = FIFTH_PASS) -> None:
    """Leave-one-corpus-out over the fifth-pass rules: on each of the first two corpora keep
    the rules that raise it (alone against none of them), score the kept set on the other."""
    from contextlib import ExitStack

    new = [k for k in ABLATIONS if k.startswith(prefixes)]

    def f1(off: list[str]) -> dict[str, float]:
        with ExitStack() as stack:
            for k in off:
                stack.enter_context(ABLATIONS[k]())  # type: ignore[arg-type]
            return {
                n: ev.score(
                    [d.gold for _, d, _ in items], [te.preds_of(d, p) for _, d, p in items]
                )["value_f1"]
                for n, items in sets.items()
            }

    base = f1(new)
    names = list(sets)
    for tune, other in ((names[0], names[1]), (names[1], names[0])):
        keep = [k for k in new if f1([x for x in new if x != k])[tune] > base[tune] + 1e-9]
        r = f1([x for x in new if x not in keep])
        rest = "  ".join(f"{n} {r[n]:.4f}" for n in names[2:])
        print(
            f"tuned on {tune}: keep {keep}; in-sample {r[tune]:.4f}, held-out {other} "
            f"{r[other]:.4f} (none of them: {base[other]:.4f})  {rest}"
        )


def main(paths: list[str]) -> None:
    if paths and paths[0] == "--loco11":
        loco11({Path(p).name: te.load([p]) for p in paths[1:]})
        return
    if paths and paths[0] == "--loco10":
        loco10({Path(p).name: te.load([p]) for p in paths[1:]})
        return
    if paths and paths[0] == "--loco9":
        sets = {Path(p).name: te.load([p]) for p in paths[1:]}
        for metric in ("extent_f1_strict", "value_f1"):
            print(f"== {metric}")
            loco3(sets, NINTH_PASS, metric)
        return
    if paths and paths[0] in ("--loco7", "--loco8"):
        loco3(
            {Path(p).name: te.load([p]) for p in paths[1:]},
            SEVENTH_PASS if paths[0] == "--loco7" else EIGHTH_PASS,
        )
        return
    if paths and paths[0] in ("--loco", "--loco6"):
        loco(
            {Path(p).name: te.load([p]) for p in paths[1:]},
            SIXTH_PASS if paths[0] == "--loco6" else FIFTH_PASS,
        )
        return
    sets = {Path(p).name: te.load([p]) for p in paths}

    def f1() -> str:
        out = []
        for name, items in sets.items():
            preds = [te.preds_of(d, p) for _, d, p in items]
            out.append(f"{name} {ev.score([d.gold for _, d, _ in items], preds)['value_f1']:.4f}")
        return "  ".join(out)

    print(f"{'shipped':45} {f1()}")
    for label, make in ABLATIONS.items():
        with make():  # type: ignore[attr-defined]
            print(f"{'without ' + label:45} {f1()}")


if __name__ == "__main__":
    main(sys.argv[1:])
