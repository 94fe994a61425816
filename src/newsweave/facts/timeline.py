"""Timeline: dated events of a story, resolved with :mod:`newsweave.timex`.

Every article's time expressions are found once over its whole text (with the facts stage's
spaCy parse, for the tense of each expression's verb) and resolved against the article's
publication date to TIMEX3 values. Each sentence is one candidate event, dated by the
expression that dates its main verb: in "X said on Monday that the plant will open in 2028"
the sentence is the Monday announcement (2028 hangs off a verb below "said"). An event keeps
the granularity it was written with: a day ``2025-03-04``, a week ``2025-W10``, a month
``2025-04``, a quarter ``2025-Q2``, a season ``2025-SU`` or a year ``2025``; durations, sets
and vague references ("now", "recently") date nothing.

Not events: wire datelines ("VELMORA, June 10 (Nordic Wire Service) -"), bylines and
photo credits, photo captions ("FILE - In this Jan. 28, 2014, file photo, ...", "... (AP
Photo/Jane Doe)": the date of a picture, often years old and cut off with "..."), and
expressions inside quotation marks, including the half of a quote the sentence splitter cut
off ('Today I sold 45," said cafe owner Jonas Ekdahl.').

Without a publication date, expressions that need one are kept as written and marked
``relative``; a malformed date counts as missing. The same event told by several outlets
(same date, similar sentence by embedding cosine) is one event with all of them as sources;
when near-identical sentences from different outlets give different dates (a stricter cosine,
and neither sentence names the other's date), both events are kept and each lists the other's
date in ``other_dates``. Events are in date order; relative ones
follow, in the order first seen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from newsweave.model import Article, Citation, TimelineEvent
from newsweave.nlp import DATELINE, dateline_end
from newsweave.timex import COMPARED_NUMBER_BEFORE, Timex, find_timexes, year_in_name

# Hand-set, not calibrated (no timeline benchmark yet); re-check with
# `pytest tests/test_facts_timeline.py tests/test_facts.py` and the timelines of
# `newsweave weave examples`. Dated events kept per article (bounds huge articles).
MAX_EVENTS_PER_ARTICLE = 60
# Characters of the dating sentence shown as the event text.
MAX_TEXT = 300
# Cosine of two sentences' all-MiniLM-L6-v2 vectors at or above which two outlets tell the same
# event (tests/test_facts_timeline.py; two outlets' accounts of one event score ~0.65-0.8).
SAME_EVENT_COSINE = 0.7
# Cosine at or above which two outlets' sentences of different dates are one event dated
# differently (both kept, each marked with the other's date in ``other_dates``). Stricter than
# SAME_EVENT_COSINE: two similar sentences of one story with different dates are mostly two
# events (a year's passenger count and a Wednesday schedule score 0.74 in
# examples/kestrel-air-pilot-strike), and a date disagreement shown where there is none costs
# more than one missed. Hand-set on the bundled examples, whose cross-date pairs above 0.7 are
# none of them a disagreement (tests/test_facts_timeline.py); no timeline benchmark yet.
DATE_CONFLICT_COSINE = 0.8

# a calendar value an event can be placed at (TIMEX3 granularities kept as written)
_CALENDAR = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d(?:-WE)?|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?")
# Switch (issue 19, eighth session): a period named by the day after it ("the weekend of May
# 19-20", "the week of June 3") is dated by that day, the more exact of the two (a part of a
# longer period, "the first half of the year", keeps its own date); off, the longer expression
# ("the weekend") may win. No timeline benchmark; tests/test_facts_timeline.py.
PERIOD_OF_A_DATE = True
_OF_BETWEEN = re.compile(r"\s+of\s+")
# Switches (issue 19, ninth session; bench/RESULTS.md "the times of figures"): a time that is
# only a reference point of the sentence does not date its event.
# - SINCE_CLAUSE_NOT_EVENT: a time inside a clause opened by "since" ("It is the first walkout
#   since the airline was founded in 2006") is where a comparison starts; off, the sentence
#   was listed under 2006. A time right after "since" ("closed since Monday", "since the start
#   of 2020") still dates the state it starts: only a clause (a verb after "since") is skipped.
SINCE_CLAUSE_NOT_EVENT = True
_SINCE_CLAUSE_BEFORE = re.compile(
    r"(?i)\bsince\s+[^,;.:]*\b(?:was|were|is|are|been|had|has|have|did|[a-z]{2,}ed|went|began|"
    r"took|came|became|won|lost|left|made|said|got|sold|bought|rose|fell)\b[^,;.:]*\s$"
)
# - COMPARED_NOT_EVENT: a time after the number a figure is compared with ("closed at 18.40
#   dollars, down from 26.70 dollars on Monday") dates that number, not the sentence's event.
COMPARED_NOT_EVENT = True
# Switch (issue 19, tenth session; bench/RESULTS.md "the times of figures, with the parse"): a
# time inside a relative clause or a participle clause on a noun after the main verb ("... a
# temporary restraining order related to the nondisclosure agreement signed in October 2016",
# "her patrol mission, which commenced in September", "have not confirmed that they received
# the video posted Tuesday") dates that noun, not the sentence's event: with the parse, it does
# not date the sentence (another time of the sentence may). Before the main verb, on the
# subject or a fronted phrase ("In a study published in 2023, people taking the drug ..."),
# such a clause frames the sentence and still dates it; so does an infinitive or a present
# participle on a noun ("the 20th person to be killed in Chicago this year", "with a playoff
# game looming Saturday"), mostly the sentence's own event. Off, such a time dated the
# sentence when its main verb had none.
CLAUSE_ON_A_NOUN_NOT_EVENT = True
_DAY = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d")  # a day ("the first half of the year" is no day)
_BYLINE = re.compile(r"^\s*(?:By|Updated|Published|Posted|Photo|Image|Credit)\b[: ]", re.I)
# a photo caption: AP's "[FILE -] In this <date>[,] [file] photo, ..." opening, a photo credit in
# brackets, or a caption cut off with "... (Associated Press)" as pages reprint them
_CAPTION = re.compile(
    r"^\s*(?:FILE\s*[-\u2013\u2014]+\s*)?In this\b[^;]{0,80}?\b(?:file )?(?:photo|image|picture)"
    r"\b|\((?:AP|AFP|Reuters|Getty Images?)\s+Photo\b|\((?:Photo|Image):|"
    r"(?:\.\.\.|\u2026)\s*\((?:Associated Press|AP|Reuters|AFP)\)\s*$",
    re.I,
)
_QUOTES = '"\u201c\u201d'


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` inside quotation marks; a closing quote with no opening one (a quote
    the sentence splitter cut) quotes everything before it."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch not in _QUOTES:
            continue
        opening = ch == "\u201c" or (
            ch == '"'
            and open_at is None
            and (i == 0 or not text[i - 1].isalnum() and text[i - 1] not in ".,!?")
        )
        if open_at is None and opening:
            open_at = i
        elif open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
        else:  # a closing quote first: the sentence starts inside a quote
            spans.append((0, i + 1))
    if open_at is not None:
        spans.append((open_at, len(text)))
    return spans


def _starts_inside_quote(text: str) -> bool:
    """Whether ``text`` is the tail of a quote the sentence splitter cut ('Today I sold 45,"
    said ...'): its first quotation mark closes a quote."""
    spans = _quoted(text)
    return bool(spans) and spans[0][0] == 0 and text[:1] not in _QUOTES


def _dateline_date(article: Article) -> str | None:
    """The day of a wire dateline opening a line at the top of the article ("VELMORA, June 10
    (Nordic Wire Service) -", :data:`newsweave.nlp.DATELINE`'s ``day``): the day the story was
    filed, the anchor for "Tuesday" and "6 a.m." in it."""
    for line in article.text[:600].splitlines():
        m = DATELINE.match(line, len(line) - len(line.lstrip()))
        if m is None or m.group("day") is None:
            continue
        for t in find_timexes(m.group("day"), article.published):
            if t.anchored and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value):
                return t.value
    return None


def _calendar(t: Timex) -> str | None:
    if t.type not in ("DATE", "TIME") or not t.anchored:
        return None
    v = t.value.split("T")[0]
    return v if _CALENDAR.fullmatch(v) else None


def _depth(doc: Any, t: Timex) -> int:
    """How far below its sentence's root the verb governing ``t`` is (0: the main verb)."""
    if doc is None:
        return 0
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return 99
    tok = span.root
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _on_a_noun(doc: Any, t: Timex, start: int, end: int) -> bool:
    """Whether ``t`` stands in a relative clause or a past participle (the parse's ``relcl``, or
    an ``acl`` past participle with no auxiliary; not an infinitive, "the 20th person to be
    killed") on a noun after the sentence's main verb, within the sentence at ``start:end`` of
    the text (a parse that leaves it cannot tell)."""
    if doc is None:
        return False
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok, clause = span.root, None
    for _ in range(60):
        if not start <= tok.idx < end:
            return False
        infinitive = tok.tag_ == "VB" or any(c.tag_ == "TO" for c in tok.children)
        if (
            clause is None
            and not infinitive
            and (
                tok.dep_ == "relcl"
                or (
                    tok.dep_ == "acl"
                    and tok.tag_ == "VBN"
                    and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
                )
            )
        ):
            clause = tok
        if tok.head.i == tok.i:
            break
        tok = tok.head
    # a clause after the main verb describes one of its objects; one before it (on the subject
    # or a fronted phrase: "In a study published in 2023, people ...") frames the sentence
    return clause is not None and clause.i > tok.i


def find_dates(sentence: str, published: str | None) -> list[tuple[str, bool, str]]:
    """Every dating expression of ``sentence``: ``(date, relative, expression)``."""
    out = []
    for t in find_timexes(sentence, published):
        d = _calendar(t)
        if d is not None:
            out.append((d, False, t.text))
        elif not t.anchored and t.type in ("DATE", "TIME"):
            out.append((t.text, True, t.text))
    return out


def _dates_in(sentence: str, published: str | None) -> set[str]:
    """The calendar dates ``sentence`` names (any verb's)."""
    return {d for d, rel, _ in find_dates(sentence, published) if not rel}


_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _sort_key(value: str) -> tuple[str, int]:
    """Where a calendar value starts (``YYYY-MM-DD``) and how coarse it is (year first), so
    that "2025-Q1", "2025-H1", "2025-W10" and "2025-SU" sort among the days and months of 2025
    rather than after them."""
    y = value[:4]
    rest = value[5:]
    if not rest:
        return (f"{y}-01-01", 0)
    m = re.fullmatch(r"H([12])", rest)
    if m:
        return (f"{y}-{1 if m.group(1) == '1' else 7:02d}-01", 1)
    m = re.fullmatch(r"Q([1-4])", rest)
    if m:
        return (f"{y}-{(int(m.group(1)) - 1) * 3 + 1:02d}-01", 2)
    if rest in _SEASON_MONTH:
        return (f"{y}-{_SEASON_MONTH[rest]:02d}-01", 2)
    m = re.fullmatch(r"W(\d\d)(-WE)?", rest)
    if m:
        try:
            monday = date.fromisocalendar(int(y), int(m.group(1)), 6 if m.group(2) else 1)
        except ValueError:
            return (f"{y}-01-01", 4)
        return (monday.isoformat(), 4)
    if re.fullmatch(r"\d\d", rest):
        return (f"{y}-{rest}-01", 3)
    return (value[:10], 5)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 3].rstrip() + "..."


def _article_dates(article: Article, doc: Any) -> list[tuple[str, bool, str, int]]:
    """``(date, relative, expression, sentence index)``: at most one per sentence."""
    if not article.sentences:
        return []
    if doc is not None and doc.text != article.text:
        doc = None
    anchor = _dateline_date(article) or article.published
    try:
        timexes = find_timexes(article.text, anchor, doc)
    except Exception:  # noqa: BLE001 - odd text must not stop the timeline
        timexes = []
    out: list[tuple[str, bool, str, int]] = []
    ti = 0
    for s in article.sentences:
        if len(out) >= MAX_EVENTS_PER_ARTICLE:
            break
        mine = []
        while ti < len(timexes) and timexes[ti].start < s.end:
            if timexes[ti].start >= s.start:
                mine.append(timexes[ti])
            ti += 1
        if (
            not mine
            or _BYLINE.match(s.text)
            or _CAPTION.search(s.text)
            or _starts_inside_quote(s.text)
        ):
            continue
        skip_to = dateline_end(article.text, s.start)  # not the dateline's day
        quoted = [(s.start + a, s.start + b) for a, b in _quoted(s.text)]
        cands = []
        for k, t in enumerate(mine):
            if t.start < skip_to or any(a <= t.start and t.end <= b for a, b in quoted):
                continue
            if (
                PERIOD_OF_A_DATE
                and k + 1 < len(mine)
                and _OF_BETWEEN.fullmatch(article.text, t.end, mine[k + 1].start)
                and _DAY.match(mine[k + 1].value)
            ):
                continue  # "the weekend of May 19-20": the date after "of" dates it
            if year_in_name(article.text, t.start, t.end):
                continue  # "Made in China 2025", "Vision 2030": a name, not a date
            before = article.text[max(s.start, t.start - 80) : t.start]
            if SINCE_CLAUSE_NOT_EVENT and _SINCE_CLAUSE_BEFORE.search(before):
                continue  # "since the airline was founded in 2006": a starting point
            if COMPARED_NOT_EVENT and COMPARED_NUMBER_BEFORE.search(before):
                continue  # "down from 26.70 dollars on Monday": the compared number's time
            if CLAUSE_ON_A_NOUN_NOT_EVENT and _on_a_noun(doc, t, s.start, s.end):
                continue  # "the agreement signed in October 2016": the noun's time
            d = _calendar(t)
            if d is not None:
                cands.append((d, False, t))
            elif not t.anchored and t.type in ("DATE", "TIME"):
                cands.append((t.text, True, t))
        if not cands:
            continue
        # the expression that dates the main verb; then the most specific; then the first
        cands.sort(key=lambda c: (_depth(doc, c[2]), c[1], -len(c[0]), c[2].start))
        d, rel, t = cands[0]
        out.append((d, rel, t.text, s.index))
    return out


DatedSentence = tuple[str, bool, str, Article, int, str]


def dated_sentences(
    articles: Sequence[Article], docs: Sequence[Any] | None = None
) -> list[DatedSentence]:
    """``(date, relative, expression, article, sentence index, sentence text)`` of every
    sentence :func:`extract_timeline` dates (at most one date per sentence); the text leaves
    out a wire dateline opening it (:func:`newsweave.nlp.dateline_end`)."""
    raw: list[DatedSentence] = []
    for i, a in enumerate(articles):
        doc = docs[i] if docs is not None and i < len(docs) else None
        by_index = {s.index: s for s in a.sentences}
        for d, rel, expr, si in _article_dates(a, doc):
            s = by_index[si]
            # the event, not a wire's dateline before it (nlp's sentences start after one)
            text = s.text[dateline_end(a.text, s.start) - s.start :].strip()
            raw.append((d, rel, expr, a, si, text))
    return raw


def extract_timeline(
    articles: Sequence[Article],
    embeddings: dict[tuple[str, int], Any] | None = None,
    docs: Sequence[Any] | None = None,
    dated: Sequence[DatedSentence] | None = None,
) -> list[TimelineEvent]:
    """The dated events of ``articles`` in date order (see the module docstring).

    ``embeddings`` maps ``(article_id, sentence_index)`` to a unit vector; sentences of the
    same date whose vectors are closer than :data:`SAME_EVENT_COSINE` become one event. Without
    embeddings, identical normalised sentences are merged. ``docs`` are spaCy parses of the
    articles' texts (the facts stage's); without them the tense comes from the nearby words.
    ``dated`` is :func:`dated_sentences` of the same articles when the caller has it already.
    """
    raw = list(dated) if dated is not None else dated_sentences(articles, docs)
    events: list[dict] = []
    for d, rel, expr, a, si, text in raw:
        vec = embeddings.get((a.id, si)) if embeddings else None
        norm = " ".join(text.lower().split())
        target = None
        conflicts: set[str] = set()  # dates other outlets give this same event
        named: set[str] | None = None  # every date this sentence names (found when needed)
        for ev in events:
            if any(src.article_id == a.id for src in ev["sources"]):
                continue
            if vec is not None and ev["vec"] is not None:
                cosine = float(np.dot(vec, ev["vec"]))
                same, conflict = cosine >= SAME_EVENT_COSINE, cosine >= DATE_CONFLICT_COSINE
            else:
                same = conflict = norm == ev["norm"]
            if not same:
                continue
            if ev["date"] == d and ev["relative"] == rel:
                target = ev
                break
            if not conflict or rel or ev["relative"]:
                continue
            if named is None:
                named = _dates_in(text, a.published)
            if ev["named"] is None:
                ev["named"] = _dates_in(ev["full"], ev["published"])
            if ev["date"] not in named and d not in ev["named"]:
                # the same event dated differently by two outlets: keep both, mark them (not
                # when either sentence also names the other's date: "the pause on Tuesday is a
                # setback, researchers said on Wednesday" agrees on Tuesday)
                ev["others"].add(d)
                conflicts.add(ev["date"])
        cite = Citation(article_id=a.id, sentence_index=si)
        if target is not None:
            target["sources"].append(cite)
            target["others"] |= conflicts
            continue
        # only the events this sentence tells differently are marked: another event of the
        # same date is not (it may be told once, by one outlet)
        events.append(
            {
                "date": d,
                "relative": rel,
                "text": _clip(text),
                "expr": expr,
                "sources": [cite],
                "vec": vec,
                "norm": norm,
                "order": len(events),
                "others": conflicts,
                "full": text,
                "published": a.published,
                "named": named,
            }
        )
    events.sort(
        key=lambda e: (
            e["relative"],
            _sort_key(e["date"]) if not e["relative"] else ("", 0),
            e["order"],
        )
    )
    return [
        TimelineEvent(
            date=e["date"],
            text=e["text"],
            sources=tuple(e["sources"]),
            relative=e["relative"],
            expression=e["expr"],
            other_dates=tuple(sorted(e["others"] - {e["date"]})),
        )
        for e in events
    ]
