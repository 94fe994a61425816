"""Reports of a run: JSON (the public contract), Markdown and one self-contained HTML file.

- :func:`report_dict` / :func:`to_json`: the JSON report, schema in ``docs/json-report.md``.
  Keys may be added; existing keys are never renamed or removed.
- :func:`story_dict`: the story object of the JSON report (``/api/stories/{id}`` of the web app).
- :func:`to_markdown`: per story the headline, the summary with citations shown as ``[1][3]``,
  the numbered source list, then entities, quotes by speaker, figures, timeline and coverage.
- :func:`to_html`: one HTML file with inline CSS and no external assets; all article text is
  escaped (Jinja2 autoescape); each citation links to the cited sentence in an appendix that
  holds every source article.

Sources are numbered 1..n in the order of the story's articles; the same numbers are used in
every format. Each fact section has a ``*_view`` function that turns a story's facts (the
typed classes of :mod:`newsweave.model`) into display rows, shared by the Markdown and HTML
renderers and the web app.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsweave.model import (
    Article,
    Duplicate,
    SentenceRef,
    Story,
    Summary,
    WeaveResult,
    to_dict,
)

# Version of the JSON report schema (docs/json-report.md); bumped only when keys are added.
SCHEMA_VERSION = 1

FACT_KINDS = ("entities", "quotes", "figures", "timeline", "coverage")

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


# ------------------------------------------------------------------------------ JSON


def story_sources(story: Story) -> list[Article]:
    """Every source a summary or fact of the story may cite: its articles, then the folded
    copies that say something their kept article does not (:meth:`Story.copies`, holding
    only those sentences)."""
    return [*story.articles, *story.copies()]


def copy_of(story: Story) -> dict[str, str]:
    """For each folded copy among the story's sources, the id of the article it was folded
    into."""
    own = {a.id for a in story.articles}
    out: dict[str, str] = {}
    for a in story.articles:
        for d in a.duplicates:
            if d.sentences and d.article_id not in own:
                out.setdefault(d.article_id, a.id)  # the one Story.copies() gives
    return out


def source_numbers(story: Story) -> dict[str, int]:
    """The source number (1-based) of each article id of the story, in article order; the
    folded copies cited for what only they say come after the articles."""
    numbers: dict[str, int] = {}
    for a in story_sources(story):
        numbers.setdefault(a.id, len(numbers) + 1)
    return numbers


def article_dict(article: Article, number: int | None = None, include_text: bool = True) -> dict:
    """The JSON object of one article (see docs/json-report.md)."""
    d: dict[str, Any] = {
        "id": article.id,
        "number": number,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "author": article.author,
        "language": article.language,
        "extraction": article.extraction,
        "confidence": article.confidence,
        "sentence_count": len(article.sentences),
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        # other outlets' copies of this article that dedupe folded into it (wire copies)
        "duplicates": [_duplicate_dict(d, include_text) for d in article.duplicates],
        "outlets": carriers(article),
    }
    if include_text:
        d["text"] = article.text
        d["sentences"] = [
            {"index": s.index, "start": s.start, "end": s.end} for s in article.sentences
        ]
    return d


def _duplicate_dict(d: Duplicate, include_text: bool) -> dict:
    out: dict[str, Any] = {
        "article_id": d.article_id,
        "outlet": d.outlet,
        "title": d.title,
        "url": d.url,
        "source": d.source,
        "published": d.published,
        "kind": d.kind,
        "similarity": d.similarity,
        "own_sentence_count": len(d.sentences),
        # the kept article's sentences this copy does not print (issue 19)
        "missing": list(d.missing),
    }
    if include_text and d.sentences:  # what only this copy says (issue 19)
        out["text"] = d.text
        out["sentences"] = [{"index": s.index, "start": s.start, "end": s.end} for s in d.sentences]
    return out


def carriers(article: Article) -> list[str]:
    """Distinct outlets that carried the article: its own first, then its duplicates'."""
    out: list[str] = []
    for name in [article.outlet, *(d.outlet for d in article.duplicates)]:
        if name and name not in out:
            out.append(name)
    return out


def summary_dict(summary: Summary | None, numbers: dict[str, int]) -> dict:
    """The JSON object of a summary; an empty one (no sentences) when there is none."""
    if summary is None:
        return {"method": None, "text": "", "sentences": [], "ignored": []}
    sentences = []
    for s in summary.sentences:
        cites = [
            {
                "article_id": c.article_id,
                "sentence_index": c.sentence_index,
                "source_number": numbers.get(c.article_id),
                "start": c.start,
                "end": c.end,
            }
            for c in s.citations
        ]
        sources = []
        for c in cites:
            if c["source_number"] is not None and c["source_number"] not in sources:
                sources.append(c["source_number"])
        sentences.append({"text": s.text, "citations": cites, "sources": sources})
    return {
        "method": summary.method,
        "text": summary.text,
        "sentences": sentences,
        "ignored": [
            {
                "article_id": i.article_id,
                "source_number": numbers.get(i.article_id),
                "reason": i.reason,
            }
            for i in summary.ignored
        ],
    }


def fact_dicts(story: Story, kind: str) -> list[Any]:
    """The facts of one kind as plain JSON values (``[]`` when the story has none)."""
    return [to_dict(f) for f in (getattr(story, kind, ()) or ())]


def story_dict(story: Story, include_text: bool = True) -> dict:
    """The story object of the JSON report (also served at ``/api/stories/{id}``).

    ``include_text=False`` leaves out each article's text and sentence spans (smaller, for
    listings); the JSON report always includes them. A quote stored before quotes recorded
    each source's words gets them found again (:func:`quote_words`).
    """
    story = quote_words(story)
    numbers = source_numbers(story)
    copies = copy_of(story)
    d: dict[str, Any] = {
        "id": story.id,
        "headline": story.headline,
        "articles": [article_dict(a, numbers[a.id], include_text) for a in story.articles],
        "sources": [
            {
                "number": numbers[a.id],
                "article_id": a.id,
                "outlet": a.outlet,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "published": a.published,
                "outlets": carriers(a),
                # a folded copy cited for what only it says: the article it was folded into
                "copy_of": copies.get(a.id),
            }
            for a in story_sources(story)
        ],
        "outlets": sorted({o for a in story.articles for o in carriers(a)}),
        "summary": summary_dict(story.summary, numbers),
    }
    for kind in FACT_KINDS:
        d[kind] = fact_dicts(story, kind)
    for f in dataclasses.fields(story):  # fields added to Story later appear as they are
        if f.name not in d and f.name != "summary":
            d[f.name] = to_dict(getattr(story, f.name))
    return d


def report_dict(result: WeaveResult) -> dict:
    """The JSON report of a run: ``{"stories": [...], "skipped": [...]}`` and a schema version.

    The schema is documented in ``docs/json-report.md``.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "stories": [story_dict(s) for s in result.stories],
        "skipped": [
            {"source": s.source, "stage": s.stage, "reason": s.reason} for s in result.skipped
        ],
    }


def to_json(result: WeaveResult, indent: int | None = 2) -> str:
    """The JSON report as a string (UTF-8 text, not ASCII-escaped)."""
    return json.dumps(report_dict(result), indent=indent, ensure_ascii=False)


# ------------------------------------------------------------------------------ fact views
#
# Each view turns one kind of fact into display rows shared by Markdown and HTML (and the web
# app). A "refs" entry is a list of {"n": source number, "sentence_index": int}: the articles
# the fact points at (its ``refs()``), in source-number order.


def fact_refs(refs: Iterable[SentenceRef], numbers: dict[str, int]) -> list[dict]:
    """The source numbers of the articles ``refs`` point at, each with the sentence index of
    its first reference there, in number order (references to other stories' articles are
    left out)."""
    found: dict[int, int] = {}
    for ref in refs:
        n = numbers.get(ref.article_id)
        if n is not None and n not in found:
            found[n] = ref.sentence_index
    return [{"n": n, "sentence_index": si} for n, si in sorted(found.items())]


def fact_outlets(story: Story, refs: Iterable[SentenceRef]) -> list[str]:
    """Distinct outlets that printed the sentences ``refs`` point at, in order: each cited
    article's, then those of its folded copies that printed the sentence too
    (:meth:`Story.carriers`; a copy that cut or rewrote it is not named)."""
    out: list[str] = []
    for ref in refs:
        for d in story.carriers(ref):
            name = d.outlet or d.title or ""
            if name and name not in out:
                out.append(name)
    return out


def also_printed(story: Story, refs: Iterable[SentenceRef]) -> list[str]:
    """The outlets of the folded copies that printed the sentences ``refs`` point at, other
    than the cited articles' own outlets (what a report adds as "also printed by")."""
    refs = list(refs)
    own = {d.outlet or d.title or "" for r in refs for d in story.carriers(r)[:1]}
    return [o for o in fact_outlets(story, refs) if o not in own]


def entities_view(story: Story, numbers: dict[str, int]) -> list[dict]:
    """Rows ``{name, type, mentions, refs}`` for the entities of a story."""
    return [
        {
            "name": e.name,
            "type": e.type,
            "mentions": len(e.mentions) or None,
            "refs": fact_refs(e.refs(), numbers),
        }
        for e in story.entities
    ]


def quote_words(story: Story) -> Story:
    """``story`` with every quote's ``source_words`` filled in: a quote stored before they
    were recorded gets the words each source printed as found again in its article
    (:func:`newsweave.facts.quotes.words_printed`); ``story`` itself when none is missing."""
    if all(len(q.source_words) == len(q.sources) for q in story.quotes):
        return story
    from newsweave.facts.quotes import words_printed  # lazy: only for old stored stories

    return dataclasses.replace(
        story,
        quotes=tuple(
            dataclasses.replace(q, source_words=words_printed(q, story)) for q in story.quotes
        ),
    )


def quotes_view(story: Story, numbers: dict[str, int]) -> list[dict]:
    """Quotes grouped by speaker: ``[{speaker, quotes: [{text, partial, refs, all_refs,
    others}]}]``.

    Every outlet is cited only for words it printed (issue 19): ``refs`` are the sources
    that printed ``text`` (the fullest version) word for word, ``outlets`` the outlets that
    printed it (theirs and their folded copies' that printed that sentence too:
    :func:`fact_outlets`); ``others`` lists the sources that printed fewer or other words,
    one row per version: ``{text, part, outlets, refs}``
    (``part``: its words are a stretch of ``text``; ``text`` empty when a source's words
    could not be found again, in a quote stored before they were recorded). ``all_refs``
    cites every source carrying the quote in any version.
    """
    if not story.quotes:
        return []
    # lazy: the facts stage's notion of "the same words" (importing it costs ~0.3 s)
    from newsweave.facts.quotes import part_of, same_words

    story = quote_words(story)
    groups: dict[str, list[dict]] = {}
    for q in story.quotes:
        versions: dict[str, list[SentenceRef]] = {}  # words as printed -> where
        for src, w in zip(q.sources, q.source_words, strict=True):
            key = next((k for k in versions if same_words(k, w.text)), w.text)
            versions.setdefault(key, []).append(src)
        text = q.text
        if not any(same_words(k, text) for k in versions):
            # (a stored quote whose fullest version was not found again: the longest found)
            text = max(versions, key=len, default="") or text
        main = [r for k, rs in versions.items() if same_words(k, text) for r in rs]
        if not main:  # no source's words known: cite them all, as before they were recorded
            main = list(q.sources) or [q.ref]
        others = [
            {
                "text": k,
                "part": bool(k) and part_of(k, text),
                "outlets": ", ".join(fact_outlets(story, rs)),
                "refs": fact_refs(rs, numbers),
            }
            for k, rs in versions.items()
            if not same_words(k, text) and rs[0] not in main
        ]
        groups.setdefault(q.speaker or "(unknown)", []).append(
            {
                "text": text,
                "partial": q.partial,
                "refs": fact_refs(main, numbers),
                "outlets": ", ".join(fact_outlets(story, main)),
                "also": also_printed(story, main),
                "all_refs": fact_refs(q.refs(), numbers),
                "others": others,
            }
        )
    return [{"speaker": k, "quotes": v} for k, v in groups.items()]


def figures_view(story: Story, numbers: dict[str, int]) -> list[dict]:
    """Figure groups, key figures first: ``[{label, key, rank, disagreement, reason, members:
    [{value, unit, text, outlet, refs}]}]``.

    The label is what the group measures as a noun phrase ("jars recalled", "recall cost"),
    with the named subject and the time in brackets when known; ``key`` marks the few figures
    that matter most (reported by several outlets, in a lead, in the summary), listed first.
    A member's ``outlet`` names every outlet that printed its sentence: its article's, then
    its folded copies' that printed it too (:func:`fact_outlets`).
    """
    groups = []
    for g in story.figures:
        rows = [
            {
                "value": m.value,
                "unit": m.unit,
                "text": m.text,
                "outlet": ", ".join(fact_outlets(story, m.refs())),
                "refs": fact_refs(m.refs(), numbers),
            }
            for m in g.members
        ]
        if g.label:
            # a subject the label names already is not repeated ("fall in Caldera Renal")
            about = [x for x in (_named(g.subject), g.time) if x and x not in g.label]
            label = g.label + (f" ({', '.join(about)})" if about else "")
        else:  # stored by an older version: what it measures, whom and when
            label = (
                " · ".join(p for p in (g.measure or g.kind, g.subject or "", g.time or "") if p)
                or "figure"
            )
        groups.append(
            {
                "label": label,
                "key": g.key,
                "rank": g.rank,
                "disagreement": g.disagreement,
                "reason": g.reason,
                "members": rows,
            }
        )
    order = sorted(range(len(groups)), key=lambda i: (not groups[i]["key"], i))
    return [groups[i] for i in order]


def _named(subject: str | None) -> str:
    """A subject worth showing beside a label: a name ("Brightfield Foods"), not a description
    ("the company", "officials")."""
    if (
        not subject
        or subject.islower()
        or subject.split(" ", 1)[0].lower() in ("the", "a", "an", "its", "their", "this", "that")
    ):
        return ""
    return subject


def timeline_view(story: Story, numbers: dict[str, int]) -> list[dict]:
    """Timeline rows ``{date, text, relative, refs}`` in the order the facts stage gives."""
    return [
        {
            "date": e.date,
            "text": e.text,
            "relative": e.relative,
            "other_dates": list(e.other_dates),
            "refs": fact_refs(e.refs(), numbers),
        }
        for e in story.timeline
    ]


def coverage_view(story: Story, numbers: dict[str, int]) -> list[dict]:
    """Per outlet, what only it reports: ``[{outlet, facts: [{text, kind, refs}]}]``."""
    return [
        {
            "outlet": c.outlet or "(unknown outlet)",
            "facts": [
                {"text": f.text, "kind": f.kind, "refs": fact_refs(f.refs(), numbers)}
                for f in c.facts
            ],
        }
        for c in story.coverage
    ]


# ------------------------------------------------------------------------------ Markdown


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def _cell(text: Any) -> str:
    return _one_line(text).replace("|", "\\|")


def _md_refs(refs: list[dict]) -> str:
    return "".join(f"[{r['n']}]" for r in refs)


def _md_summary(story: Story, numbers: dict[str, int]) -> list[str]:
    lines = ["## Summary", ""]
    if story.summary is None or not story.summary.sentences:
        return lines + ["_No summary._", ""]
    parts = []
    for s in story.summary.sentences:
        marks = []
        for c in s.citations:
            n = numbers.get(c.article_id)
            mark = f"[{n}]" if n is not None else f"[{c.article_id}]"
            if mark not in marks:
                marks.append(mark)
        parts.append(_one_line(s.text) + " " + "".join(marks))
    lines += [" ".join(parts), ""]
    if story.summary.ignored:
        lines.append("Not summarized from:")
        for i in story.summary.ignored:
            lines.append(f"- [{numbers.get(i.article_id, i.article_id)}] {_one_line(i.reason)}")
        lines.append("")
    return lines


def _md_sources(story: Story, numbers: dict[str, int]) -> list[str]:
    lines = ["## Sources", ""]
    copies = copy_of(story)
    for a in story_sources(story):
        bits = [f"**{_one_line(a.outlet)}**" if a.outlet else "(unknown outlet)"]
        if a.id in copies:
            bits.append(f"copy of [{numbers[copies[a.id]]}], cited for what only it says")
        bits.append(_one_line(a.title) or "(untitled)")
        if a.published:
            bits.append(a.published)
        bits.append(f"`{a.source}`" if a.source else "")
        if a.url and a.url != a.source:
            bits.append(f"<{a.url}>")
        lines.append(f"{numbers[a.id]}. " + " — ".join(b for b in bits if b))
    lines.append("")
    return lines


def _md_entities(story: Story, numbers: dict[str, int]) -> list[str]:
    rows = entities_view(story, numbers)
    if not rows:
        return []
    lines = ["## Entities", ""]
    for r in rows:
        extra = f" ({r['type']})" if r["type"] else ""
        if r["mentions"] not in (None, ""):
            extra += f", {r['mentions']} mentions"
        lines.append(f"- **{_one_line(r['name'])}**{extra} {_md_refs(r['refs'])}".rstrip())
    return lines + [""]


def _md_quotes(story: Story, numbers: dict[str, int]) -> list[str]:
    groups = quotes_view(story, numbers)
    if not groups:
        return []
    lines = ["## Quotes", ""]
    for g in groups:
        lines += [f"### {_one_line(g['speaker'])}", ""]
        for q in g["quotes"]:
            partial = " _(partial)_" if q["partial"] else ""
            also = f" _(also printed by {_one_line(', '.join(q['also']))})_" if q["also"] else ""
            lines.append(
                f"- “{_one_line(q['text'])}”{partial} {_md_refs(q['refs'])}{also}".rstrip()
            )
            for o in q["others"]:
                lines.append(f"  - {_md_refs(o['refs'])} {_printed(o)}")
        lines.append("")
    return lines


def _printed(version: dict) -> str:
    """What an outlet printed of a quote, for Markdown: ``Outlet B printed only part:
    “...”`` (a row of ``quotes_view``'s ``others``)."""
    who = _one_line(version["outlets"]) or "this source"
    if not version["text"]:
        return f"{who} carried it (its words were not found again)"
    how = "only part" if version["part"] else "other words"
    return f"{who} printed {how}: “{_one_line(version['text'])}”"


def _number(value: Any) -> Any:
    """A figure value for display: ``1000000000.0`` -> ``1,000,000,000``, ``7.50`` -> ``7.5``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _md_figure_rows(groups: list[dict]) -> list[str]:
    lines = ["| what | value | unit | as written | source | |", "|---|---|---|---|---|---|"]
    for g in groups:
        flag = "**disagreement**" if g["disagreement"] else ""
        for i, m in enumerate(g["members"]):
            label = _cell(g["label"]) if i == 0 else ""
            lines.append(
                f"| {label} | {_cell(_number(m['value']))} | {_cell(m['unit'])} "
                f"| {_cell(m['text'])} "
                f"| {_md_refs(m['refs'])} {_cell(m['outlet'])} | {flag if i == 0 else ''} |"
            )
    return lines


def _md_figures(story: Story, numbers: dict[str, int]) -> list[str]:
    groups = figures_view(story, numbers)
    if not groups:
        return []
    key = [g for g in groups if g["key"]]
    rest = [g for g in groups if not g["key"]]
    if not key:
        return ["## Figures", "", *_md_figure_rows(groups), ""]
    lines = ["## Figures", "", "### Key figures", "", *_md_figure_rows(key), ""]
    if rest:
        lines += [
            "<details><summary>Other figures (" + str(len(rest)) + ")</summary>",
            "",
            *_md_figure_rows(rest),
            "",
            "</details>",
            "",
        ]
    return lines


def _md_timeline(story: Story, numbers: dict[str, int]) -> list[str]:
    rows = timeline_view(story, numbers)
    if not rows:
        return []
    lines = ["## Timeline", ""]
    for r in rows:
        rel = " _(relative date)_" if r["relative"] else ""
        if r["other_dates"]:
            rel += f" _(other outlets: {_one_line(', '.join(r['other_dates']))})_"
        lines.append(
            f"- **{_one_line(r['date']) or 'undated'}**{rel}: {_one_line(r['text'])} "
            f"{_md_refs(r['refs'])}".rstrip()
        )
    return lines + [""]


def _md_coverage(story: Story, numbers: dict[str, int]) -> list[str]:
    rows = coverage_view(story, numbers)
    if not rows:
        return []
    lines = ["## Only in one outlet", ""]
    for r in rows:
        lines.append(f"- **{_one_line(r['outlet'])}**")
        for it in r["facts"]:
            kind = f"{it['kind']}: " if it["kind"] else ""
            lines.append(f"  - {kind}{_one_line(it['text'])} {_md_refs(it['refs'])}".rstrip())
    return lines + [""]


def story_markdown(story: Story) -> str:
    """The Markdown report of one story."""
    numbers = source_numbers(story)
    # every outlet that carried the story, the duplicates' outlets included (issue 20)
    outlets = sorted({o for a in story.articles for o in carriers(a)})
    lines = [f"# {_one_line(story.headline)}", ""]
    meta = f"{len(story.articles)} article(s)"
    if outlets:
        meta += " from " + ", ".join(outlets)
    lines += [f"_{meta} · story `{story.id}`_", ""]
    lines += _md_summary(story, numbers)
    lines += _md_sources(story, numbers)
    for section in (_md_entities, _md_quotes, _md_figures, _md_timeline, _md_coverage):
        lines += section(story, numbers)
    return "\n".join(lines).rstrip() + "\n"


def to_markdown(result: WeaveResult) -> str:
    """The Markdown report of a run: every story, then the skipped inputs."""
    parts = [story_markdown(s) for s in result.stories]
    if not result.stories:
        parts.append("_No stories._\n")
    if result.skipped:
        lines = ["## Skipped inputs", ""]
        for s in result.skipped:
            lines.append(f"- `{s.source}` ({s.stage}): {_one_line(s.reason)}")
        parts.append("\n".join(lines) + "\n")
    return "\n---\n\n".join(parts)


# ------------------------------------------------------------------------------ HTML


def article_segments(article: Article, prefix: str) -> list[dict]:
    """The article text cut into plain gaps and anchored sentences, in order."""
    text = article.text
    sents = sorted(article.sentences, key=lambda s: s.start)
    ok = all(0 <= s.start <= s.end <= len(text) for s in sents) and all(
        a.end <= b.start for a, b in zip(sents, sents[1:], strict=False)
    )
    if not ok:  # offsets do not fit the text: show the sentences one after another
        return [
            {"text": s.text + " ", "anchor": f"{prefix}-s{s.index}"} for s in article.sentences
        ] or [{"text": text, "anchor": None}]
    out: list[dict] = []
    pos = 0
    for s in sents:
        if s.start > pos:
            out.append({"text": text[pos : s.start], "anchor": None})
        out.append({"text": text[s.start : s.end], "anchor": f"{prefix}-s{s.index}"})
        pos = s.end
    if pos < len(text):
        out.append({"text": text[pos:], "anchor": None})
    return out


def _html_story(story: Story, index: int) -> dict:
    """Everything the HTML template needs for one story (strings unescaped; Jinja escapes)."""
    numbers = source_numbers(story)
    sp = f"st{index}"
    sources = story_sources(story)
    copies = copy_of(story)
    by_id = {a.id: a for a in sources}
    valid = {a.id: {s.index for s in a.sentences} for a in sources}

    def anchor(article_id: str, sentence_index: int | None = None) -> str | None:
        n = numbers.get(article_id)
        if n is None:
            return None
        if sentence_index is not None and sentence_index in valid.get(article_id, ()):
            return f"{sp}-a{n}-s{sentence_index}"
        return f"{sp}-a{n}"

    def links(refs: list[dict]) -> list[dict]:
        aid = {n: a for a, n in numbers.items()}
        return [{"n": r["n"], "href": anchor(aid[r["n"]], r["sentence_index"])} for r in refs]

    summary = []
    if story.summary is not None:
        for s in story.summary.sentences:
            cites, seen = [], set()
            for c in s.citations:
                n = numbers.get(c.article_id)
                if n is None or n in seen:
                    continue
                seen.add(n)
                a = by_id[c.article_id]
                cites.append(
                    {
                        "n": n,
                        "href": anchor(c.article_id, c.sentence_index),
                        "title": f"{a.outlet or ''} {a.title or ''}".strip(),
                    }
                )
            summary.append({"text": s.text, "citations": cites})
    ignored = [
        {"n": numbers.get(i.article_id), "reason": i.reason}
        for i in (story.summary.ignored if story.summary else ())
    ]
    articles = [
        {
            "n": numbers[a.id],
            "anchor": f"{sp}-a{numbers[a.id]}",
            "article": a,
            "segments": article_segments(a, f"{sp}-a{numbers[a.id]}"),
            "copy_of": numbers[copies[a.id]] if a.id in copies else None,
        }
        for a in sources
    ]
    entities = [dict(r, links=links(r["refs"])) for r in entities_view(story, numbers)]
    quotes = [
        {
            "speaker": g["speaker"],
            "quotes": [
                dict(
                    q,
                    links=links(q["refs"]),
                    others=[dict(o, links=links(o["refs"])) for o in q["others"]],
                )
                for q in g["quotes"]
            ],
        }
        for g in quotes_view(story, numbers)
    ]
    figures = [
        dict(g, members=[dict(m, links=links(m["refs"])) for m in g["members"]])
        for g in figures_view(story, numbers)
    ]
    timeline = [dict(r, links=links(r["refs"])) for r in timeline_view(story, numbers)]
    coverage = [
        {"outlet": c["outlet"], "facts": [dict(i, links=links(i["refs"])) for i in c["facts"]]}
        for c in coverage_view(story, numbers)
    ]
    return {
        "story": story,
        "prefix": sp,
        "outlets": sorted({o for a in story.articles for o in carriers(a)}),
        "summary": summary,
        "ignored": ignored,
        "articles": articles,
        "entities": entities,
        "quotes": quotes,
        "figures": figures,
        "timeline": timeline,
        "coverage": coverage,
    }


_ENV = None


def _environment():
    global _ENV
    if _ENV is None:
        from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

        _ENV = Environment(
            loader=FileSystemLoader(str(TEMPLATES_DIR)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _ENV


def to_html(result: WeaveResult, title: str | None = None) -> str:
    """One self-contained HTML page (inline CSS, no external assets) for the whole run.

    Every piece of article text is escaped. Each citation ``[n]`` links to the cited sentence
    in the appendix of source articles, which is highlighted when targeted.
    """
    from newsweave._version import __version__

    stories = [_html_story(s, i) for i, s in enumerate(result.stories, 1)]
    if title is None:
        title = result.stories[0].headline if len(result.stories) == 1 else "newsweave report"
    template = _environment().get_template("report.html")
    return template.render(
        title=title, stories=stories, skipped=result.skipped, version=__version__
    )


__all__ = [
    "SCHEMA_VERSION",
    "article_dict",
    "report_dict",
    "carriers",
    "fact_outlets",
    "copy_of",
    "source_numbers",
    "story_dict",
    "story_sources",
    "story_markdown",
    "summary_dict",
    "to_html",
    "to_json",
    "to_markdown",
]
