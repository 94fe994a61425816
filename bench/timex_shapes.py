"""Missed and spurious time expressions counted by shape, per corpus and per document.

    TIMEX_CACHE=/tmp/x python bench/timex_shapes.py PATH [PATH ...]  # TimeBank AQUAINT corpus_apple
    TIMEX_CACHE=/tmp/x python bench/timex_shapes.py --show SHAPE PATH ...  # every occurrence

Each shape is a case-insensitive pattern over the plain text (the ninth pass's list, issue 18).
For every occurrence: tagged in the gold or not, and what the system outputs there. Columns
per corpus, as ``occurrences/documents``: ``ok`` tagged, value right; ``val`` tagged, wrong value
(or type); ``miss`` tagged, no output; ``fa`` untagged, output (a false alarm); ``quiet``
untagged, no output (right). A shape the system does not output pays off when more than F/2
of its outputs would be right (F the value F1 of the corpus, about 0.42 here), and dropping an
output shape pays off when fewer than F/2 of them are right. Parsing is cached as in
bench/timex_errors.py.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict

import timex_errors as te

_U = r"(?:years|months|weeks|days|decades|hours|quarters)"
SHAPES: dict[str, str] = {
    "adjective 'recent' (a recent filing)": r"\brecent\b(?!\s+" + _U + r")",
    "'recent/past/coming N-units' (in recent years)": r"\b(?:recent|coming|past\s+several|"
    r"last\s+few)\s+" + _U,
    "adjective 'future' (future losses)": r"(?<!the\s)\bfuture\b",
    "'the future'": r"\bthe\s+future\b",
    "'soon'": r"\bsoon\b(?!\s+as\s+possible)",
    "'previously', 'once', 'earlier' (adverb)": r"\b(?:previously|once|formerly)\b",
    "'currently', 'current'": r"\bcurrent(?:ly)?\b",
    "'recently'": r"\brecently\b",
    "'now'": r"\bnow\b",
    "'today's' (possessive)": r"\btoday's\b",
    "set adverb 'daily/weekly/monthly/annually/quarterly'": r"\b(?:daily|weekly|monthly|"
    r"annually|quarterly|yearly)\b",
    "adjective 'annual'": r"\bannual\b",
    "'every/each day/week/month/year'": r"\b(?:every|each)\s+(?:day|week|month|year)\b",
    "rate 'N a year' ($2 million a year)": r"\b(?:million|billion|thousand|\d[\d,.]*|[a-z]+s)"
    r"\s+(?:a|per)\s+(?:day|week|month|year)\b"
    r"(?!\s+(?:ago|earlier|later|before|after|or)\b)",
    "bare plural 'for years', 'for months'": r"\bfor\s+" + _U + r"\b(?!\s+(?:ago|later))",
    "'N units of <noun>' (75 hours of video)": r"\b(?:\d[\d,.]*|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|twelve)\s+" + _U + r"\s+of\s+(?!the\b|this\b|that\b|his\b|her\b|"
    r"its\b|their\b)[a-z]+",
    "age 'N-year-old'": r"\b[\w]+-(?:year|month|week|day)-old\b",
    "'over the weekend', 'the weekend'": r"\bthe\s+weekend\b",
    "weekday + morning/evening/night": r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+"
    r"(?:morning|afternoon|evening|night)\b",
    "'this morning', 'tonight'": r"\b(?:this\s+(?:morning|afternoon|evening)|tonight)\b",
    "'about/almost N units ago'": r"\b(?:about|almost|nearly|more\s+than|some)\s+\w+\s+"
    + _U
    + r"\s+ago\b",
    "'a year ago/earlier' after quarter talk": r"\ba\s+year\s+(?:ago|earlier)\b",
    "'year-end', 'year's end'": r"\byear(?:-end|\s+end|'s\s+end)\b",
    "anaphoric 'the following/next month/day/morning'": r"\bthe\s+(?:following|next|previous)"
    r"\s+(?:month|week|day|morning)\b",
    "anaphoric 'that day', 'the day before/after'": r"\b(?:(?:that|the\s+same|that\s+same)\s+"
    r"day|the\s+day\s+(?:before|after))\b",
    "'earlier/later in the day', 'later that year'": r"\b(?:earlier|later)\s+(?:that|in\s+the)"
    r"\s+(?:day|week|month|year)\b",
    "'a later date/time'": r"\ba\s+later\s+(?:date|time)\b",
    "dateline 'CITY, Month D (Agency) --'": r"(?m)^\s*[A-Z][A-Za-z .]+,\s+(?:Jan|Feb|Mar|Apr|"
    r"May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"\s*\(",
}
KINDS = ("ok", "val", "miss", "fa", "quiet")


def main(argv: list[str]) -> None:
    show = None
    if argv and argv[0] == "--show":
        show, argv = argv[1], argv[2:]
    items = te.load(argv)
    preds = [(c, d, te.preds_of(d, p)) for c, d, p in items]
    corpora = list(dict.fromkeys(c for c, _, _ in items))
    for name, pat in SHAPES.items():
        if show and show.lower() not in name.lower():
            continue
        rx = re.compile(pat, re.I)
        n: Counter = Counter()
        docs: dict[tuple[str, str], set] = defaultdict(set)
        for corpus, d, ps in preds:
            for m in rx.finditer(d.text):
                s, e = m.span()
                g = [x for x in d.gold if x.start < e and s < x.end]
                p = [x for x in ps if x.start < e and s < x.end]
                k = (
                    ("ok" if g[0].value == p[0].value else "val")
                    if g and p
                    else ("miss" if g else "fa" if p else "quiet")
                )
                n[corpus, k] += 1
                docs[corpus, k].add(d.name)
                if show:
                    gv = f"{g[0].type} {g[0].value}" if g else "-"
                    pv = f"{p[0].type} {p[0].value}" if p else "-"
                    ctx = (
                        d.text[max(0, s - 60) : s] + "[[" + d.text[s:e] + "]]" + d.text[e : e + 30]
                    ).replace("\n", " ")
                    print(f"  {k:5} {corpus}/{d.name} gold {gv} | sys {pv} | {ctx}")
        cells = []
        for c in corpora:
            cells.append(
                c[:8] + " " + " ".join(f"{k} {n[c, k]}/{len(docs[c, k])}" for k in KINDS if n[c, k])
            )
        print(f"{name}\n    " + "\n    ".join(cells))


if __name__ == "__main__":
    main(sys.argv[1:])
