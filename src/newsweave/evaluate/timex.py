"""``newsweave eval timex PATH [PATH ...] [--json]``: time expressions against TIMEX3 gold.

Reads TimeML files (``*.tml``, the TempEval-3 format: the document creation time in
``<DCT><TIMEX3 value=..>``, gold ``<TIMEX3 tid type value>`` inside ``<TEXT>``; the plain text
is the content of ``<TEXT>`` with its tags removed and entities decoded) and MEANTIME XML
files (``<token>`` elements and ``TIMEX3`` markables over them; the one with
``functionInDocument="CREATION_TIME"`` is the anchor, and a markable with tokens is gold;
MEANTIME annotates the title and the first five sentences of an article, so the text scored is
those sentences, or up to the last sentence holding a TIMEX3 markable when that is later). The
creation time is the anchor the system is given, not a gold expression: TempEval-3 never scores
the DCT (its toolkit skips ``t0``), and MEANTIME's creation-time markable sits on the dateline
tokens inside the text, so it is left out of the gold and a system expression overlapping it is
left out of the predictions (:func:`scored_preds`; ``Document.anchors``). A
PATH may be a file or a folder (searched recursively). Unreadable files are skipped, counted
and named on stderr.

Scores, as TempEval-3 Task A does, micro-averaged over all documents, for newsweave
(:func:`newsweave.timex.find_timexes_many`) and a baseline run on the same texts (dateparser's
``search_dates`` with ``RELATIVE_BASE`` the creation time and ``PREFER_DATES_FROM="past"``;
its dates become values at day granularity, or month / year when the matched text names no
day):

- extent P/R/F1: a prediction matches a gold expression one-to-one (greedy, in text order)
  when the spans overlap (relaxed) or are equal (strict); ``extent_p``/``extent_r`` are the
  relaxed figures;
- ``type_acc``: share of relaxed matches with the same type;
- value P/R/F1: relaxed matches with the same value, over predictions / gold;
- ``date_value_f1``: value F1 counting only gold and predicted expressions of type DATE.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsweave.errors import EvalError
from newsweave.evaluate import collect_files, meantime, print_methods, read_files
from newsweave.evaluate.meantime import MEANTIME_SENTENCES

KEYS = (
    "extent_p",
    "extent_r",
    "extent_f1_strict",
    "extent_f1_relaxed",
    "type_acc",
    "value_p",
    "value_r",
    "value_f1",
    "date_value_f1",
)


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Document:
    name: str
    text: str
    dct: str | None
    gold: list[Gold] = field(default_factory=list)
    anchors: list[tuple[int, int]] = field(default_factory=list)  # creation time in the text


@dataclass
class Pred:
    start: int
    end: int
    type: str
    value: str


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="TimeML .tml or MEANTIME .xml file, or a folder of them",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="skip the dateparser baseline (its figures are then zero)",
    )


# --------------------------------------------------------------------------- readers
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'([A-Za-z_]+)\s*=\s*"([^"]*)"')


def read_timeml(path: Path) -> Document:
    """A TimeML document: plain text of ``<TEXT>``, its DCT and gold TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw, re.S)
    if m:
        attrs = dict(_ATTR.findall(m.group(1)))
        dct = attrs.get("value")
    tm = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if not tm:
        raise EvalError("no <TEXT> element", source=str(path), stage="eval")
    body = tm.group(1)
    out: list[str] = []
    pos = 0
    open_timex: list[tuple[int, dict]] = []
    gold: list[Gold] = []
    cursor = 0
    for t in _TAG.finditer(body):
        chunk = html.unescape(body[cursor : t.start()])
        out.append(chunk)
        pos += len(chunk)
        cursor = t.end()
        closing, name = t.group(1), t.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((pos, dict(_ATTR.findall(t.group(3)))))
            if t.group(4):  # self-closing: no text
                open_timex.pop()
        elif open_timex:
            start, attrs = open_timex.pop()
            gold.append(Gold(start, pos, attrs.get("type", ""), attrs.get("value", "")))
    out.append(html.unescape(body[cursor:]))
    text = "".join(out)
    gold = [_strip(text, g) for g in gold]
    return Document(path.name, text, dct, [g for g in gold if g.end > g.start])


def _strip(text: str, g: Gold) -> Gold:
    s, e = g.start, g.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Gold(s, e, g.type, g.value)


def read_meantime(path: Path) -> Document:
    """A MEANTIME document: tokens joined into text (a line per sentence), gold TIMEX3."""
    root = meantime.parse_xml(path)
    markables = root.find("Markables")
    sent_of = meantime.sentence_numbers(root)
    last = MEANTIME_SENTENCES - 1
    for tx in markables.iter("TIMEX3") if markables is not None else []:
        for a in tx.iter("token_anchor"):
            last = max(last, sent_of.get(a.get("t_id", ""), 0))
    tokens = meantime.join_tokens(root, last)
    dct = None
    gold = []
    anchors = []
    for tx in markables.iter("TIMEX3") if markables is not None else []:
        span = tokens.span_of(tx)
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = tx.get("value")
            if span is not None:  # the dateline: given to the system, not scored
                anchors.append((span[0], span[1]))
            continue
        if span is None:
            continue
        gold.append(Gold(span[0], span[1], tx.get("type", ""), tx.get("value", "")))
    return Document(path.name, tokens.text, dct, gold, anchors)


def read_document(path: Path) -> Document:
    if path.suffix.lower() == ".tml":
        return read_timeml(path)
    head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    if "<TimeML" in head or "<TEXT>" in head:
        return read_timeml(path)
    return read_meantime(path)


collect = collect_files  # the name bench/ and tests use


# --------------------------------------------------------------------------- systems
def scored_preds(doc: Document, preds: list[Pred]) -> list[Pred]:
    """``preds`` without those overlapping the document's creation time (the given anchor)."""
    return [p for p in preds if not any(p.start < e and s < p.end for s, e in doc.anchors)]


def predict_newsweave(docs: list[Document]) -> list[list[Pred]]:
    from newsweave.timex import find_timexes_many

    found = find_timexes_many([d.text for d in docs], [d.dct for d in docs])
    return [
        scored_preds(d, [Pred(t.start, t.end, t.type, t.value) for t in ts])
        for d, ts in zip(docs, found, strict=True)
    ]


_DAYWORD = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\b|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|today|yesterday|tomorrow|day|days|ago|tonight|"
    r"night|morning|now)",
    re.I,
)
_MONTHWORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|month", re.I
)


def predict_dateparser(docs: list[Document]) -> list[list[Pred]]:
    """The baseline: dateparser's ``search_dates`` anchored on the creation time."""
    from dateparser.search import search_dates

    out = []
    for d in docs:
        base = _dct_datetime(d.dct)
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if base is not None:
            settings["RELATIVE_BASE"] = base
        preds: list[Pred] = []
        try:
            found = search_dates(d.text, languages=["en"], settings=settings) or []
        except Exception:  # noqa: BLE001 - a baseline failing on one text scores nothing there
            found = []
        cursor = 0
        for matched, when in found:
            i = d.text.find(matched, cursor)
            if i < 0:
                i = d.text.find(matched)
                if i < 0:
                    continue
            cursor = i + len(matched)
            if _DAYWORD.search(matched):
                value = when.strftime("%Y-%m-%d")
            elif _MONTHWORD.search(matched):
                value = when.strftime("%Y-%m")
            else:
                value = when.strftime("%Y")
            preds.append(Pred(i, i + len(matched), "DATE", value))
        out.append(scored_preds(d, preds))
    return out


def _dct_datetime(dct: str | None) -> datetime | None:
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", dct or "")
    if not m:
        return None
    try:
        return datetime.combine(
            date(int(m.group(1)), int(m.group(2)), int(m.group(3))),
            datetime.min.time().replace(hour=12),
        )
    except ValueError:
        return None


# --------------------------------------------------------------------------- scoring
def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def match(gold: list[Gold], pred: list[Pred], strict: bool) -> list[tuple[Gold, Pred]]:
    """One-to-one pairs, greedy in gold order: equal spans (strict) or overlapping spans."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        best = None
        for i, p in enumerate(pred):
            if i in used:
                continue
            ok = (
                (p.start == g.start and p.end == g.end)
                if strict
                else (p.start < g.end and g.start < p.end)
            )
            if ok:
                best = i
                break
        if best is not None:
            used.add(best)
            pairs.append((g, pred[best]))
    return pairs


def score(golds: list[list[Gold]], preds: list[list[Pred]]) -> dict[str, float]:
    n_gold = sum(len(g) for g in golds)
    n_pred = sum(len(p) for p in preds)
    relaxed = strict = typed = valued = 0
    d_gold = d_pred = d_val = 0
    for gold, pred in zip(golds, preds, strict=True):
        pairs = match(gold, pred, strict=False)
        relaxed += len(pairs)
        strict += len(match(gold, pred, strict=True))
        typed += sum(g.type == p.type for g, p in pairs)
        valued += sum(g.value == p.value for g, p in pairs)
        dg = [g for g in gold if g.type == "DATE"]
        dp = [p for p in pred if p.type == "DATE"]
        d_gold += len(dg)
        d_pred += len(dp)
        d_val += sum(g.value == p.value for g, p in match(dg, dp, strict=False))
    p_r = relaxed / n_pred if n_pred else 0.0
    r_r = relaxed / n_gold if n_gold else 0.0
    p_s = strict / n_pred if n_pred else 0.0
    r_s = strict / n_gold if n_gold else 0.0
    vp = valued / n_pred if n_pred else 0.0
    vr = valued / n_gold if n_gold else 0.0
    dvp = d_val / d_pred if d_pred else 0.0
    dvr = d_val / d_gold if d_gold else 0.0
    figures = {
        "extent_p": p_r,
        "extent_r": r_r,
        "extent_f1_strict": _f1(p_s, r_s),
        "extent_f1_relaxed": _f1(p_r, r_r),
        "type_acc": typed / relaxed if relaxed else 0.0,
        "value_p": vp,
        "value_r": vr,
        "value_f1": _f1(vp, vr),
        "date_value_f1": _f1(dvp, dvr),
    }
    return {k: round(figures[k], 4) for k in KEYS}


def evaluate(docs: list[Document], baseline: bool = True) -> dict:
    golds = [d.gold for d in docs]
    t0 = time.perf_counter()
    ours = predict_newsweave(docs)
    t1 = time.perf_counter()
    theirs = predict_dateparser(docs) if baseline else [[] for _ in docs]
    t2 = time.perf_counter()
    return {
        "documents": len(docs),
        "timexes_gold": sum(len(g) for g in golds),
        "methods": {"newsweave": score(golds, ours), "dateparser": score(golds, theirs)},
        "_seconds": {"newsweave": round(t1 - t0, 1), "dateparser": round(t2 - t1, 1)},
        "_pred": ours,
    }


def run(args: argparse.Namespace) -> int:
    docs = read_files(args.paths, read_document, "TimeML or MEANTIME documents")
    result = evaluate(docs, baseline=not getattr(args, "no_baseline", False))
    seconds = result.pop("_seconds")
    result.pop("_pred")
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"documents {result['documents']}, gold time expressions {result['timexes_gold']}")
    print_methods(result["methods"], KEYS, 19)
    print(
        f"seconds: newsweave {seconds['newsweave']}, dateparser {seconds['dateparser']}",
        file=sys.stderr,
    )
    return 0
