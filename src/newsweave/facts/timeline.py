"""Timeline: dated events of a story, resolved against each article's publication date.

Date expressions are found with regular expressions over each sentence:

- full dates (``May 3, 2018``, ``3 May 2018``, ``2018-05-03``, ``Jan. 14, 2013``), day and
  month without a year (``November 11``, ``May 19-20``: the year of the article's date),
  month and year (``March 2017``), a month alone (``in March``), years (``in 2015``);
- weekdays (``on Thursday``): the last such day on or before the article's date, or the next
  one when the sentence speaks of the future ("will", "is poised to", "next");
- relative dates (``yesterday``, ``today``, ``last week``, ``last year``, ``three years ago``,
  ``earlier this month``).

With a publication date every expression is resolved to an ISO date (``2018-05-03``), month
(``2018-05``) or year (``2018``); without one, expressions that need it are kept as written
and marked ``relative``. The same event told by several outlets (same date, similar sentence by
embedding cosine) is one event with all of them as sources. Events are in date order; relative
ones follow, in the order first seen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np

from newsweave.model import Article, Citation, TimelineEvent

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
_NUMWORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}

_M = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|" \
     r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_M2 = _M.replace("?P<mon>", "?P<mon2>")
_PATTERNS = [
    ("iso", r"\b(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b"),
    ("mdy", rf"\b{_M}\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d)?"
            rf"(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b"),
    ("dmy", rf"\b(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_M2}"
            rf"(?:,?\s+(?P<y3>(?:19|20)\d\d))?\b"),
    ("my", rf"\b{_M.replace('?P<mon>', '?P<mon3>')}\s+(?:of\s+)?(?P<y4>(?:19|20)\d\d)\b"),
    ("month", rf"\b(?:in|since|by|until|early|late|mid-?|last|this|next|during)\s+"
              rf"{_M.replace('?P<mon>', '?P<mon4>')}(?![.\w]*[\s-]*\d)(?!\w)"),
    ("weekday", r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"),
    ("ago", r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+"
            r"(?P<u>day|week|month|year|decade)s?\s+ago\b"),
    ("rel", r"\b(?P<relx>yesterday|today|tonight|tomorrow|last night|this morning|"
            r"(?:earlier|later)\s+this\s+(?:week|month|year)|"
            r"(?:last|this|next|past|previous)\s+(?:week|month|year|weekend))\b"),
    ("year", r"\b(?:in|since|during|by|until|from|of|early|late|mid-?|before|after)\s+"
             r"(?P<yy>(?:19|20)\d\d)\b(?!\s*(?:plan|program|programme|scheme|strategy|"
             r"initiative|vision|agenda))(?![-\d])"),
]
_DATE_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _PATTERNS), re.I)
_FUTURE = re.compile(r"\b(?:will|would|is poised to|are poised to|is set to|are set to|"
                     r"plans? to|is expected to|are expected to|next|upcoming|is due to|"
                     r"are due to|scheduled)\b", re.I)
_ISO_PUB = re.compile(r"(\d{4})-(\d\d)-(\d\d)")

# Hand-set, not calibrated (no timeline benchmark yet); re-check with
# `pytest tests/test_facts_timeline.py tests/test_facts.py` and the timelines of
# `newsweave weave examples`. Dated events kept per article (bounds huge articles).
MAX_EVENTS_PER_ARTICLE = 60
# Characters of the dating sentence shown as the event text.
MAX_TEXT = 300
# Two outlets' sentences with the same date are one event at or above this cosine.
SAME_EVENT_COSINE = 0.7


def _pub_date(published: str | None) -> date | None:
    if not published:
        return None
    m = _ISO_PUB.match(published)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _month(name: str | None) -> int | None:
    if not name:
        return None
    return MONTHS.get(name.lower().rstrip("."))


def _shift_months(d: date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


def resolve(match: re.Match, sentence: str, pub: date | None) -> tuple[str, bool] | None:
    """``(date, relative)`` for one date expression; None when it is not a usable date."""
    kind = match.lastgroup
    g = match.groupdict()
    for name, _ in _PATTERNS:
        if g.get(name) is not None:
            kind = name
            break
    text = match.group(0)
    future = bool(_FUTURE.search(sentence))
    if kind == "iso":
        return f"{g['y1']}-{g['m1']}-{g['d1']}", False
    if kind in ("mdy", "dmy"):
        mon = _month(g.get("mon") or g.get("mon2"))
        day = int(g.get("d2") or g.get("d3") or 0)
        if not mon or not 1 <= day <= 31:
            return None
        year = g.get("y2") or g.get("y3")
        if year:
            return f"{int(year):04d}-{mon:02d}-{day:02d}", False
        if pub is None:
            return text, True
        y = pub.year
        # a month well after the article's date without a year is last year's (news past)
        if mon > pub.month + 1 and not future:
            y -= 1
        return f"{y:04d}-{mon:02d}-{day:02d}", False
    if kind == "my":
        mon = _month(g.get("mon3"))
        return (f"{int(g['y4']):04d}-{mon:02d}", False) if mon else None
    if kind == "month":
        mon = _month(g.get("mon4"))
        if not mon:
            return None
        if pub is None:
            return text, True
        y = pub.year
        low = text.lower()
        if low.startswith("last") or (mon > pub.month and not future and not low.startswith(
                ("next", "this"))):
            y -= 1 if mon >= pub.month or low.startswith("last") else 0
        if low.startswith("next") and mon <= pub.month:
            y += 1
        return f"{y:04d}-{mon:02d}", False
    if kind == "weekday":
        if pub is None:
            return text, True
        wd = WEEKDAYS[g["wd"].lower()]
        if future:
            delta = (wd - pub.weekday()) % 7
            return (pub + timedelta(days=delta)).isoformat(), False
        delta = (pub.weekday() - wd) % 7
        return (pub - timedelta(days=delta)).isoformat(), False
    if kind == "ago":
        n = _NUMWORDS.get(g["n"].lower()) if not g["n"].isdigit() else int(g["n"])
        unit = g["u"].lower()
        if n is None or pub is None:
            return text, True
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat(), False
        if unit == "week":
            return (pub - timedelta(weeks=n)).isoformat(), False
        if unit == "month":
            y, m = _shift_months(pub, -n)
            return f"{y:04d}-{m:02d}", False
        years = n * (10 if unit == "decade" else 1)
        return f"{pub.year - years:04d}", False
    if kind == "rel":
        rel = " ".join(g["relx"].lower().split())
        if pub is None:
            return text, True
        if rel in ("today", "tonight", "this morning"):
            return pub.isoformat(), False
        if rel in ("yesterday", "last night"):
            return (pub - timedelta(days=1)).isoformat(), False
        if rel == "tomorrow":
            return (pub + timedelta(days=1)).isoformat(), False
        unit = rel.split()[-1]
        which = rel.split()[0]
        delta = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1,
                 "earlier": 0, "later": 0}.get(which, 0)
        if unit in ("week", "weekend"):
            # the Monday of that week (an ISO date sorts with the others)
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=delta)
            return monday.isoformat(), False
        if unit == "month":
            y, m = _shift_months(pub, delta)
            return f"{y:04d}-{m:02d}", False
        return f"{pub.year + delta:04d}", False
    if kind == "year":
        return g["yy"], False
    return None


def find_dates(sentence: str, published: str | None) -> list[tuple[str, bool, str]]:
    """Every date expression of ``sentence``: ``(date, relative, expression)``."""
    pub = _pub_date(published)
    out = []
    for m in _DATE_RE.finditer(sentence):
        r = resolve(m, sentence, pub)
        if r is not None:
            out.append((r[0], r[1], m.group(0)))
    return out


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 3].rstrip() + "..."


def extract_timeline(
    articles: Sequence[Article], embeddings: dict[tuple[str, int], Any] | None = None
) -> list[TimelineEvent]:
    """The dated events of ``articles`` in date order (see the module docstring).

    ``embeddings`` maps ``(article_id, sentence_index)`` to a unit vector; sentences of the
    same date whose vectors are closer than :data:`SAME_EVENT_COSINE` become one event. Without
    embeddings, identical normalised sentences are merged.
    """
    raw: list[tuple[str, bool, str, Article, int, str]] = []
    for a in articles:
        n = 0
        for s in a.sentences:
            if n >= MAX_EVENTS_PER_ARTICLE:
                break
            found = find_dates(s.text, a.published)
            if not found:
                continue
            # the most specific date of the sentence (a full date beats a year)
            found.sort(key=lambda x: (x[1], -len(x[0]) if not x[1] else 0))
            d, rel, expr = found[0]
            raw.append((d, rel, expr, a, s.index, s.text))
            n += 1
    events: list[dict] = []
    for d, rel, expr, a, si, text in raw:
        vec = embeddings.get((a.id, si)) if embeddings else None
        norm = " ".join(text.lower().split())
        target = None
        for ev in events:
            if ev["date"] != d or ev["relative"] != rel:
                continue
            if any(src.article_id == a.id for src in ev["sources"]):
                continue
            if vec is not None and ev["vec"] is not None:
                if float(np.dot(vec, ev["vec"])) >= SAME_EVENT_COSINE:
                    target = ev
                    break
            elif norm == ev["norm"]:
                target = ev
                break
        cite = Citation(article_id=a.id, sentence_index=si)
        if target is not None:
            target["sources"].append(cite)
            continue
        events.append({"date": d, "relative": rel, "text": _clip(text), "expr": expr,
                       "sources": [cite], "vec": vec, "norm": norm, "order": len(events)})
    events.sort(key=lambda e: (e["relative"], e["date"] if not e["relative"] else "",
                               e["order"]))
    return [
        TimelineEvent(date=e["date"], text=e["text"], sources=tuple(e["sources"]),
                      relative=e["relative"], expression=e["expr"])
        for e in events
    ]
