"""JSON inputs: one object or a list (``.json``), one object per line (``.jsonl``), and the
multi-document records of ``../shared/data`` (``{"id", "documents": [...], "summaries"}``).

Keys ``text``, ``title``, ``url``, ``outlet``, ``published`` and common aliases are read
(:data:`TEXT_KEYS` and the other ``*_KEYS``); other scalar keys land in ``Article.meta``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any

from newsweave.decode import decode_bytes, json_loads, normalise_date
from newsweave.errors import NotTextError
from newsweave.ingest.common import MAX_LINE_SKIPS, Sink
from newsweave.model import Article

TEXT_KEYS = ("text", "body", "content", "article", "article_text", "maintext", "full_text")
TITLE_KEYS = ("title", "headline", "name")
URL_KEYS = ("url", "link", "canonical_url", "permalink")
OUTLET_KEYS = ("outlet", "source", "site_name", "sitename", "publisher", "site", "source_name")
DATE_KEYS = (
    "published",
    "date",
    "published_at",
    "publish_date",
    "pubdate",
    "date_published",
    "datepublished",
    "timestamp",
    "timestamp_ms",
    "time",
)
AUTHOR_KEYS = ("author", "authors", "byline", "creator")
LANG_KEYS = ("language", "lang")
GROUP_KEYS = ("group", "story", "story_id", "cluster_id", "cluster")
# Keys used above: not copied again into meta.
_KNOWN_KEYS = set(
    TEXT_KEYS
    + TITLE_KEYS
    + URL_KEYS
    + OUTLET_KEYS
    + DATE_KEYS
    + AUTHOR_KEYS
    + LANG_KEYS
    + GROUP_KEYS
)


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for k in keys:
        v = lowered.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        parts = [as_str(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return as_str(_first(value, ("name", "title", "text", "value")))
    s = str(value).strip()
    return s or None


def _text_value(value: Any) -> str | None:
    """An article text from a JSON value: a string, or a list of paragraphs."""
    if isinstance(value, list):
        parts = [p.strip() for p in value if isinstance(p, str) and p.strip()]
        return "\n\n".join(parts) or None
    return as_str(value)


def load_json(sink: Sink, text: str, source: str, group: str | None, truncated: bool) -> None:
    try:
        data = json_loads(text)
    except ValueError as exc:
        hint = (
            f" (the file is larger than ingest.max_file_bytes="
            f"{sink.config.max_file_bytes} and was cut; use .jsonl for big collections)"
            if truncated
            else ""
        )
        # A .json file holding JSON Lines is common: try that before giving up.
        if not truncated and "\n" in text.strip():
            lines = [ln for ln in text.split("\n") if ln.strip()]
            try:
                json_loads(lines[0])
                load_jsonl(sink, text, source, group, truncated)
                return
            except ValueError:
                pass
        sink.errors.skip(
            source,
            f"invalid JSON: {exc}{hint}; fix the file or export one JSON object per line as .jsonl",
        )
        return
    if isinstance(data, dict) and not _looks_like_article(data) and not _is_multidoc(data):
        for key in ("articles", "items", "data", "records", "results", "documents"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    records = data if isinstance(data, list) else [data]
    single = not isinstance(data, list)
    if not records:  # "[]" or {"articles": []}: say so, never vanish
        sink.errors.skip(
            source,
            "no records in this JSON file (an empty list); give "
            "one object per article with a 'text' key",
        )
        return
    for n, rec in enumerate(records, 1):
        load_record(sink, rec, source if single else f"{source}#{n}", group)


def load_jsonl(sink: Sink, text: str, source: str, group: str | None, truncated: bool) -> None:
    lines = text.split("\n")
    last = max((i for i, ln in enumerate(lines) if ln.strip()), default=-1)
    load_lines(sink, enumerate(lines, 1), source, group, cut_line=last + 1 if truncated else None)


def load_lines(
    sink: Sink,
    numbered: Iterable[tuple[int, str | bytes]],
    source: str,
    group: str | None,
    cut_line: int | None = None,
) -> None:
    """Records of JSON Lines, one per numbered line (text, or bytes decoded here); a bad
    line is skipped with its number, ``cut_line`` is the line cut at the size limit."""
    bad = 0
    for n, line in numbered:
        if not line.strip():
            continue
        src = f"{source}#{n}"
        if isinstance(line, bytes):
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text, _ = decode_bytes(line)
                except NotTextError as exc:
                    sink.errors.skip(src, f"line {n} is not text ({exc}); fix or remove it")
                    continue
        else:
            text = line
        try:
            rec = json_loads(text)
        except ValueError as exc:
            if n == cut_line:
                sink.errors.skip(
                    src,
                    "last line cut off at ingest.max_file_bytes="
                    f"{sink.config.max_file_bytes}; raise the limit or split "
                    "the file",
                )
                continue
            bad += 1
            if bad <= MAX_LINE_SKIPS:
                where = (
                    f"{exc.msg} at column {exc.colno}"
                    if isinstance(exc, json.JSONDecodeError)
                    else str(exc)
                )
                sink.errors.skip(
                    src, f"line {n} is not valid JSON ({where}); fix or remove that line"
                )
            continue
        load_record(sink, rec, src, group)
    if bad > MAX_LINE_SKIPS:  # one skip per bad line would flood the report (and store)
        sink.errors.skip(
            source,
            f"{bad - MAX_LINE_SKIPS:,} more lines are not valid JSON "
            f"(only the first {MAX_LINE_SKIPS} are listed); is this really a "
            "JSON Lines file?",
        )


def load_record(sink: Sink, rec: Any, source: str, group: str | None) -> None:
    if not isinstance(rec, dict):
        sink.errors.skip(
            source,
            f"expected a JSON object, got {type(rec).__name__}; "
            "give one object per article with a 'text' key",
        )
        return
    if _is_multidoc(rec):
        load_multidoc(sink, rec, source)
        return
    text = _text_value(_first(rec, TEXT_KEYS))
    if text is None:
        sink.errors.skip(
            source,
            "record has no article text (expected a 'text' key, or 'body'/'content'); add the text",
        )
        return
    rec_group = as_str(_first(rec, GROUP_KEYS))
    sink.emit(record_article(rec, text, source, rec_group or group, "json"))


def load_multidoc(sink: Sink, rec: dict[str, Any], source: str) -> None:
    docs: list[Any] = rec.get("documents") or []
    rid = as_str(rec.get("id")) or source
    n_docs = len(docs)
    if not n_docs:  # never vanish without a reason
        sink.errors.skip(
            source,
            f"record {rid} has an empty 'documents' list; give "
            'its articles as {"title", "text"} objects',
        )
        return
    per_doc = {
        k: v
        for k, v in rec.items()
        if k not in ("documents", "summaries", "id") and isinstance(v, list) and len(v) == n_docs
    }
    shared = tuple(
        (f"record_{k}", str(v))
        for k, v in rec.items()
        if k in ("split", "source") and isinstance(v, (str, int, float))
    )
    for k, doc in enumerate(docs, 1):
        src = f"{source}/{k}"
        if isinstance(doc, str):
            doc = {"text": doc}
        if not isinstance(doc, dict):
            sink.errors.skip(src, 'document is not a JSON object; expected {"title", "text"}')
            continue
        text = _text_value(_first(doc, TEXT_KEYS))
        if text is None:
            sink.errors.skip(
                src, f"document {k} of record {rid} has no text; nothing to summarize from it"
            )
            continue
        extra = tuple(
            (key, json.dumps(v[k - 1]) if not isinstance(v[k - 1], str) else v[k - 1])
            for key, v in per_doc.items()
        )
        extra += (("record_id", rid), ("document_index", str(k - 1))) + shared
        art = record_article(doc, text, src, rid, "multi-doc")
        sink.emit(dataclasses.replace(art, meta=art.meta + extra))


def _is_multidoc(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and isinstance(rec.get("documents"), list)
        and not any(isinstance(rec.get(k), str) for k in ("text", "body", "content"))
    )


def _looks_like_article(rec: dict[str, Any]) -> bool:
    return _first(rec, TEXT_KEYS) is not None


def record_article(
    rec: dict[str, Any], text: str, source: str, group: str | None, extraction: str
) -> Article:
    meta = []
    for k, v in rec.items():
        if str(k).lower() in _KNOWN_KEYS or v is None:
            continue
        if isinstance(v, (str, int, float, bool)):
            meta.append((str(k), v if isinstance(v, str) else json.dumps(v)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article(
        id="",
        text=text,
        title=as_str(_first(rec, TITLE_KEYS)),
        outlet=as_str(_first(rec, OUTLET_KEYS)),
        published=normalise_date(_first(rec, DATE_KEYS)),
        url=as_str(_first(rec, URL_KEYS)),
        author=as_str(_first(rec, AUTHOR_KEYS)),
        language=as_str(_first(rec, LANG_KEYS)),
        source=source,
        group=group,
        extraction=extraction,
        meta=tuple(meta),
    )
