"""The view model of the web app's HTML pages: links, the story list row, the story page
(facts from report.py's views, the coverage matrix, the timeline chart geometry and its
outlier split) and the article page's text and noise segments."""

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from newsweave import report
from newsweave.model import Article, SentenceRef, Story
from newsweave.web.guard import SAFE_ID

# Rows of the coverage matrix and events drawn in the timeline chart (the rest are listed).
MAX_MATRIX_ROWS = 80
MAX_CHART_EVENTS = 60


def article_href(article_id: str, sentence_index: int | None = None) -> str:
    """URL of an article page, at the anchor of one sentence when given."""
    href = "/articles/" + (article_id if SAFE_ID.match(article_id) else quote(article_id, safe=""))
    return href if sentence_index is None else f"{href}#s{int(sentence_index)}"


def story_href(story_id: str) -> str:
    """URL of a story page."""
    return "/stories/" + quote(story_id, safe="")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def web_link(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None: a stored URL comes from the
    input, and a ``javascript:`` or ``data:`` one must never become a clickable link."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return u
    return None


def format_number(value: Any) -> str:
    """A figure's value for display: ``2100000000.0`` -> ``2,100,000,000``; ``7.5`` -> ``7.5``."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def parse_date(value: Any) -> _dt.date | None:
    """The date at the start of an ISO-like string (``2030``, ``2030-06``, ``2030-06-03``,
    ``2030-06-03T10:00Z``), else None."""
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value or ""))
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _span(rows: Iterable[dict]) -> str:
    dates = sorted(
        str(d)[:10] for r in rows for d in (r.get("first_published"), r.get("last_published")) if d
    )
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


def story_list_row(row: dict) -> dict:
    """A row of :meth:`Store.list_stories` with its link and date span for the list page."""
    return dict(row, href=story_href(row["id"]), span=_span([row]))


class _Refs:
    """Turns the ``refs`` of report.py's fact views into links to cited sentences."""

    def __init__(self, story: Story, numbers: dict[str, int]):
        self.by_number = {n: aid for aid, n in numbers.items()}
        sources = report.story_sources(story)
        self.articles = {a.id: a for a in sources}
        self.sentences = {a.id: {s.index: s.text for s in a.sentences} for a in sources}
        self._html: dict[tuple[int, Any], str] = {}

    def valid(self, aid: str, sentence_index: Any) -> bool:
        return sentence_index in self.sentences.get(aid, ())

    def links(self, refs: list[dict]) -> list[dict]:
        """``[{n, href, title}]`` for the refs; the title names the outlet."""
        out = []
        for r in refs:
            aid = self.by_number.get(r["n"])
            if aid is None:
                continue
            si = r.get("sentence_index")
            if not self.valid(aid, si):
                si = None
            out.append({"n": r["n"], "href": article_href(aid, si), "title": self.title(aid)})
        return out

    def html(self, refs: list[dict]) -> Markup:
        """The links as HTML (``[n]`` anchors), every value escaped with markupsafe.escape.

        Built here rather than by a Jinja macro: a big story has hundreds of them.
        """
        parts = []
        for r in refs:
            key = (r["n"], r.get("sentence_index"))
            link = self._html.get(key)
            if link is None:
                found = self.links([r])
                link = "".join(
                    f'<a class="cite" href="{escape(x["href"])}" title="{escape(x["title"])}">'
                    f"[{int(x['n'])}]</a>"
                    for x in found
                )
                self._html[key] = link
            parts.append(link)
        return Markup("".join(parts))  # noqa: S704 - every piece escaped above

    def title(self, aid: str, sentence_index: int | None = None) -> str:
        a = self.articles.get(aid)
        if a is None:
            return ""
        head = a.outlet or a.title or aid
        if sentence_index is not None:
            text = self.sentences.get(aid, {}).get(sentence_index)
            if text is not None:
                return f"{head}: {_shorten(text, 300)}"
        return head


def _outlet_columns(
    story: Story, numbers: dict[str, int]
) -> tuple[list[str], Callable[[int, Any], set[int]]]:
    """Column labels (one per outlet: the sources' in source order, then the other folded
    copies') and the columns a reference ``(source number, sentence index)`` sets: every
    outlet that printed that sentence, the cited source's and those of its folded copies
    that printed it too (:meth:`Story.carriers`; a copy that cut it is not marked)."""
    labels: list[str] = []
    own: dict[int, int] = {}
    by_number: dict[int, str] = {}
    for a in report.story_sources(story):  # a folded copy cited for its own sentences too
        label = a.outlet or f"source {numbers[a.id]}"
        if label not in labels:
            labels.append(label)
        own[numbers[a.id]] = labels.index(label)
        by_number[numbers[a.id]] = a.id
    for a in story.articles:
        for d in a.duplicates:
            if d.outlet and d.outlet not in labels:
                labels.append(d.outlet)

    def columns_of(n: int, sentence_index: Any) -> set[int]:
        if n not in own:
            return set()
        cols = {own[n]}
        if isinstance(sentence_index, int):
            ref = SentenceRef(by_number[n], sentence_index)
            cols |= {labels.index(d.outlet) for d in story.carriers(ref)[1:] if d.outlet}
        return cols

    return labels, columns_of


def coverage_matrix(story: Story, numbers: dict[str, int], views: dict[str, list]) -> dict:
    """Outlet-by-fact matrix: one row per fact (figure, quote, event, exclusive item, entity),
    one column per outlet, a cell set when one of the outlet's articles reports the fact.
    Rows reported by more outlets come first (stable otherwise).

    Built from the fact views (their ``refs``), so it fills in as the facts stage lands.
    """
    columns, columns_of = _outlet_columns(story, numbers)
    candidates: list[tuple[str, str, list[dict]]] = []
    for g in views["figures"]:
        values = ", ".join(
            dict.fromkeys(
                m["text"] or f"{format_number(m['value'])} {m['unit']}".strip()
                for m in g["members"]
            )
        )
        refs = [r for m in g["members"] for r in m["refs"]]
        candidates.append(("figure", f"{g['label']}: {values}", refs))
    for g in views["quotes"]:
        for q in g["quotes"]:
            # a row per quote, set for every outlet carrying it in any version
            candidates.append(
                ("quote", f"{g['speaker']}: “{_shorten(q['text'], 120)}”", q["all_refs"])
            )
    for t in views["timeline"]:
        candidates.append(
            ("event", f"{t['date'] or 'undated'}: {_shorten(t['text'], 120)}", t["refs"])
        )
    for c in views["coverage"]:
        for it in c["facts"]:
            candidates.append((it["kind"] or "only here", _shorten(it["text"], 140), it["refs"]))
    ents = sorted(
        views["entities"],
        key=lambda e: -(e["mentions"] or 0) if isinstance(e["mentions"], (int, float)) else 0,
    )
    for e in ents:
        candidates.append(
            ("entity", f"{e['name']}" + (f" ({e['type']})" if e["type"] else ""), e["refs"])
        )
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for kind, text, refs in candidates:
        cols = {c for r in refs for c in columns_of(r["n"], r.get("sentence_index"))}
        if not cols or (kind, text) in seen:
            continue
        seen.add((kind, text))
        rows.append(
            {
                "kind": kind,
                "text": text,
                "cells": [i in cols for i in range(len(columns))],
                "count": len(cols),
            }
        )
    rows.sort(key=lambda r: -r["count"])  # shared facts first, then each outlet's own
    total = len(rows)
    shown = rows[:MAX_MATRIX_ROWS]
    return {"columns": columns, "rows": shown, "omitted": total - len(shown)}


# The chart shows the story's main run of events on a readable axis; events far from it (a 2022
# precedent, a "founded in 2006", "last year" in a story of three days) are listed beside the
# chart instead of squeezing the run into one point. The run grows from the busiest date
# towards the nearer neighbour while the next gap is at most OUTLIER_GAP_DAYS or
# OUTLIER_GAP_RATIO times the run's span so far; it stops at a larger gap once it holds at
# least 1 - OUTLIER_SHARE of the events. Hand-set display constants, checked on the charts of
# the bundled examples (tests/test_browser.py, tests/test_web.py); fewer than 4 events are
# always drawn together.
OUTLIER_SHARE = 0.5
OUTLIER_GAP_DAYS = 7
OUTLIER_GAP_RATIO = 4


def split_outliers(dated: list[tuple[_dt.date, Any]]) -> tuple[list, list]:
    """``(kept, outliers)`` of date-sorted ``(date, event)`` pairs (see OUTLIER_SHARE)."""
    if len(dated) < 4:
        return list(dated), []
    counts: dict[_dt.date, int] = {}
    for d, _ in dated:
        counts[d] = counts.get(d, 0) + 1
    core = max(counts, key=lambda d: (counts[d], d))  # the busiest date; the later on ties
    lo = min(i for i, (d, _) in enumerate(dated) if d == core)
    hi = max(i for i, (d, _) in enumerate(dated) if d == core)
    while lo > 0 or hi < len(dated) - 1:
        left = (dated[lo][0] - dated[lo - 1][0]).days if lo > 0 else None
        right = (dated[hi + 1][0] - dated[hi][0]).days if hi < len(dated) - 1 else None
        take_left = right is None or (left is not None and left <= right)
        gap = left if take_left else right
        assert gap is not None
        span = (dated[hi][0] - dated[lo][0]).days
        kept_share = (hi - lo + 1) / len(dated)
        if (
            gap > max(OUTLIER_GAP_DAYS, OUTLIER_GAP_RATIO * span)
            and kept_share >= 1 - OUTLIER_SHARE
        ):
            break
        if take_left:
            lo -= 1
        else:
            hi += 1
    return dated[lo : hi + 1], dated[:lo] + dated[hi + 1 :]


# average width of a label character at the chart's 12px sans-serif (for cutting labels)
LABEL_CHAR_PX = 6.6


def timeline_chart(
    story: Story, timeline: list[dict], refs: _Refs, numbers: dict[str, int], width: int = 860
) -> dict:
    """Geometry of the timeline chart (an inline SVG drawn by the template).

    Dated events become dots on a time axis, one row each, labelled with their date and text;
    the articles' publication dates are ticks on the axis. Relative or undated events are
    returned in ``undated`` to be listed under the chart.
    """
    dated: list[tuple[_dt.date, dict]] = []
    undated: list[tuple[_dt.date | None, dict]] = []
    for t in timeline:
        d = parse_date(t["date"])
        if d is not None and not t["relative"]:
            dated.append((d, t))
        else:
            undated.append((d, t))
    pubs = [
        (d, a) for d, a in ((parse_date(a.published), a) for a in story.articles) if d is not None
    ]
    dated.sort(key=lambda x: x[0])
    dated, outliers = split_outliers(dated)
    shown, extra = dated[:MAX_CHART_EVENTS], dated[MAX_CHART_EVENTS:]
    if outliers:  # publication dates far from the events would squeeze them again
        lo_d, hi_d = shown[0][0], shown[-1][0]
        pubs = [
            (d, a)
            for d, a in pubs
            if lo_d - _dt.timedelta(days=OUTLIER_GAP_DAYS)
            <= d
            <= hi_d + _dt.timedelta(days=OUTLIER_GAP_DAYS)
        ]
    all_dates = [d for d, _ in shown] + [d for d, _ in pubs]
    if not shown:
        return {
            "events": [],
            "outliers": [],
            "undated": [t for _, t in dated + undated],
            "ticks": [],
            "pubs": [],
            "width": width,
            "height": 0,
        }
    lo, hi = min(all_dates), max(all_dates)
    left, right, top, row_h = 20, width - 20, 34, 24
    span = (hi - lo).days

    def x_of(d: _dt.date) -> float:
        if span == 0:
            return (left + right) / 2
        return left + (d - lo).days / span * (right - left)

    ticks: list[dict[str, Any]] = []
    n_ticks = 1 if span == 0 else min(6, span + 1)
    for i in range(n_ticks):
        d = lo + _dt.timedelta(days=round(span * i / max(1, n_ticks - 1)))
        label = d.isoformat() if span < 3 * 365 else str(d.year)
        if ticks and ticks[-1]["label"] == label:
            continue
        ticks.append(
            {
                "x": round(x_of(d), 1),
                "label": label,
                "anchor": "start"
                if i == 0 and n_ticks > 1
                else ("end" if i == n_ticks - 1 and n_ticks > 1 else "middle"),
            }
        )
    events = []
    for i, (d, t) in enumerate(shown):
        x = round(x_of(d), 1)
        y = top + 14 + i * row_h
        links = refs.links(t["refs"])
        # the label goes on the side with more room and is cut to fit it (a dot in the middle
        # of the axis must not push its label off the chart)
        room_right, room_left = width - x - 10, x - 10
        right_side = room_right >= room_left
        fit = int(max(room_right, room_left) / LABEL_CHAR_PX)
        events.append(
            {
                "x": x,
                "y": y,
                "date": t["date"],
                "text": t["text"],
                "label": _shorten(f"{t['date']}: {t['text']}", max(20, min(90, fit))),
                "label_x": x + 8 if right_side else x - 8,
                "anchor": "start" if right_side else "end",
                "href": links[0]["href"] if links else None,
                "links": links,
            }
        )
    pub_marks = [
        {
            "x": round(x_of(d), 1),
            "title": f"[{numbers[a.id]}] {a.outlet or a.title or a.id} published {a.published}",
        }
        for d, a in pubs
    ]
    return {
        "events": events,
        "outliers": [t for _, t in outliers],
        "undated": [t for _, t in extra + undated],
        "ticks": ticks,
        "pubs": pub_marks,
        "axis_y": top,
        "left": left,
        "right": right,
        "width": width,
        "height": top + 14 + len(events) * row_h + 6,
    }


def story_page(story: Story) -> dict:
    """Everything the story template needs (plain strings; the template escapes them)."""
    numbers = report.source_numbers(story)
    refs = _Refs(story, numbers)
    copies = report.copy_of(story)
    sources = [
        {
            "n": numbers[a.id],
            "id": a.id,
            "href": article_href(a.id),
            "outlet": a.outlet,
            "title": a.title,
            "published": a.published,
            "url": a.url,
            "sentences": len(a.sentences),
            "copy_of": numbers[copies[a.id]] if a.id in copies else None,
            # the other outlets that carried it (folded copies)
            "carriers": [o for o in report.carriers(a) if o != a.outlet],
        }
        for a in report.story_sources(story)
    ]
    summary, previews = [], {}
    for s in story.summary.sentences if story.summary else ():
        cites, seen = [], set()
        for c in s.citations:
            n = numbers.get(c.article_id)
            if n is None or n in seen:
                continue
            seen.add(n)
            si = c.sentence_index if refs.valid(c.article_id, c.sentence_index) else None
            key = f"{c.article_id}:{si}"
            title = refs.title(c.article_id, si)
            previews[key] = {"n": n, "text": title}
            cites.append(
                {
                    "n": n,
                    "href": article_href(c.article_id, si),
                    "title": title,
                    "key": key,
                    "article_id": c.article_id,
                    "sentence_index": si,
                }
            )
        summary.append({"text": s.text, "citations": cites})
    ignored = [
        {"n": numbers.get(i.article_id), "href": article_href(i.article_id), "reason": i.reason}
        for i in (story.summary.ignored if story.summary else ())
    ]
    views = {
        "entities": report.entities_view(story, numbers),
        "quotes": report.quotes_view(story, numbers),
        "figures": report.figures_view(story, numbers),
        "timeline": report.timeline_view(story, numbers),
        "coverage": report.coverage_view(story, numbers),
    }
    entities = [dict(e, links=refs.html(e["refs"])) for e in views["entities"]]
    quotes = [
        {
            "speaker": g["speaker"],
            "quotes": [
                dict(
                    q,
                    links=refs.html(q["refs"]),
                    others=[dict(o, links=refs.html(o["refs"])) for o in q["others"]],
                )
                for q in g["quotes"]
            ],
        }
        for g in views["quotes"]
    ]
    figures = [
        dict(g, members=[dict(m, links=refs.html(m["refs"])) for m in g["members"]])
        for g in views["figures"]
    ]
    timeline = [dict(t, links=refs.html(t["refs"])) for t in views["timeline"]]
    coverage = [
        {"outlet": c["outlet"], "facts": [dict(i, links=refs.html(i["refs"])) for i in c["facts"]]}
        for c in views["coverage"]
    ]
    dates = sorted(a.published[:10] for a in story.articles if a.published)
    return {
        "story": story,
        # every outlet that carried the story, the folded copies' included (issue 19)
        "outlets": sorted({o for a in story.articles for o in report.carriers(a)}),
        "span": ""
        if not dates
        else (dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"),
        "sources": sources,
        "summary": summary,
        "previews": previews,
        "ignored": ignored,
        "entities": entities,
        "quotes": quotes,
        "figures": figures,
        "disagreements": sum(1 for g in figures if g["disagreement"]),
        "timeline": timeline,
        "chart": timeline_chart(story, timeline, refs, numbers),
        "coverage": coverage,
        "matrix": coverage_matrix(story, numbers, views),
    }


def text_segments(article: Article) -> list[dict]:
    """The clean text cut into gaps and sentences; a sentence's ``anchor`` is ``s<index>``."""
    out = []
    for seg in report.article_segments(article, "a"):
        anchor = seg["anchor"]
        out.append({"text": seg["text"], "anchor": anchor.rsplit("-", 1)[1] if anchor else None})
    return out


def noise_segments(article: Article) -> tuple[list[dict], list[dict]]:
    """The text before cleaning with the removed pieces marked: ``([{text, reason}], unplaced)``.

    ``reason`` is None for kept text. Removed pieces not found verbatim in ``raw_text`` (or
    when there is none) are returned in ``unplaced``.
    """
    raw = article.raw_text or ""
    spans: list[tuple[int, int, str]] = []
    unplaced: list[dict] = []
    cursor = 0
    for r in article.removed:
        piece = r.text
        pos = raw.find(piece, cursor) if piece else -1
        if pos < 0 and piece:
            pos = raw.find(piece)
            while pos >= 0 and any(
                s <= pos < e or pos <= s < pos + len(piece) for s, e, _ in spans
            ):
                pos = raw.find(piece, pos + 1)
        if pos < 0 or not piece:
            unplaced.append({"text": r.text, "reason": r.reason})
            continue
        spans.append((pos, pos + len(piece), r.reason))
        cursor = pos + len(piece)
    if not raw:
        return [], unplaced
    spans.sort()
    out, pos = [], 0
    for s, e, reason in spans:
        if s < pos:  # overlaps the previous piece
            s = pos
        if s >= e:
            continue
        if s > pos:
            out.append({"text": raw[pos:s], "reason": None})
        out.append({"text": raw[s:e], "reason": reason})
        pos = e
    if pos < len(raw):
        out.append({"text": raw[pos:], "reason": None})
    return out, unplaced
