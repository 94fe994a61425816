"""``newsweave eval extract DATASET_DIR [--json]``: HTML article extraction beside trafilatura.

Two dataset layouts are recognised (the two extraction sets of ``../shared/data``):

- **Zyte / Scrapinghub article-extraction-benchmark** (``dev.jsonl`` with ``{"id", "url",
  "html_file", "article_body"}``, or ``ground-truth.json`` + ``html/<id>.html.gz``). Scored as
  in that benchmark: tokens are ``\\w+`` matches, shingles are word 4-grams (a text of fewer
  than four tokens is one shorter shingle); per page TP = sum over shingles of min(gold count,
  predicted count), FP and FN the excesses, the three normalised to sum to 1; precision is the
  mean of TP/(TP+FP) over pages with TP+FP > 0, recall the mean of TP/(TP+FN) over pages with
  TP+FN > 0 (a page with FP = FN = 0 scores 1 on both), F1 = 2PR/(P+R) of the two means.
  Accuracy is the share of pages whose token lists equal the gold ones.
- **trafilatura evaluation set** (``evaldata.json``: ``{url: {"file", "with", "without",
  "title", "author", "date", ...}}``). Scored as in trafilatura's evaluation: output and
  segments are whitespace-normalised; TP = "with" segments found as substrings, FN = missing
  ones, FP = "without" segments found, TN = missing ones; counts summed over pages;
  precision = TP/(TP+FP), recall = TP/(TP+FN), accuracy = (TP+TN)/all, F1 = 2TP/(2TP+FP+FN).
  A crash counts as empty output. Metadata: title, author and date accuracy over the pages
  whose gold value is non-empty (title and author compared ignoring case, whitespace, quote
  and dash styles,
  authors as sets of names split on ``;``/``,``/``and``; dates as YYYY-MM-DD).

Both methods run in the same process on the same pages: ``newsweave``
(:func:`newsweave.extract.html_to_article`: trafilatura with newsweave's HTML pruning, fallback
and news cleanup) and ``trafilatura`` alone (``trafilatura.bare_extraction`` with metadata,
comments excluded, default settings otherwise).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.errors import EvalError, NewsweaveError
from newsweave.evaluate import read_jsonl

STAGE = "eval"
SHINGLE_N = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)
_WS = re.compile(r"\s+")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dataset",
        metavar="DATASET_DIR",
        help="article_extraction_zyte or article_extraction_trafilatura folder",
    )
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--per-page",
        metavar="FILE",
        help="also write per-page scores of both methods to FILE (jsonl)",
    )


# ------------------------------------------------------------------------------ data


@dataclass
class Page:
    """One page of a dataset: its HTML bytes and gold annotations."""

    key: str
    url: str | None
    html: bytes
    body: str | None = None  # Zyte: gold article text
    with_: list[str] = field(default_factory=list)  # trafilatura set: must appear
    without: list[str] = field(default_factory=list)  # trafilatura set: must not appear
    meta: dict[str, str] = field(default_factory=dict)  # gold title/author/date


def _read_html(path: Path) -> bytes:
    if not path.is_file():
        raise EvalError(
            f"HTML file missing: {path}; is the dataset folder complete?",
            source=str(path),
            stage=STAGE,
        )
    if path.name.endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()


def detect_kind(root: Path) -> str:
    """``"zyte"`` or ``"trafilatura"`` from the files in ``root``."""
    if (root / "evaldata.json").is_file():
        return "trafilatura"
    if (root / "dev.jsonl").is_file() or (root / "ground-truth.json").is_file():
        return "zyte"
    raise EvalError(
        f"{root} holds neither evaldata.json (trafilatura set) nor dev.jsonl / "
        "ground-truth.json (Zyte set); give ../shared/data/article_extraction_zyte or "
        "../shared/data/article_extraction_trafilatura",
        source=str(root),
        stage=STAGE,
    )


def load_pages(root: str | Path, limit: int | None = None) -> tuple[str, list[Page]]:
    """Read a dataset folder; returns ``(kind, pages)``."""
    root = Path(root)
    if not root.is_dir():
        raise EvalError(f"dataset folder not found: {root}", source=str(root), stage=STAGE)
    kind = detect_kind(root)
    pages: list[Page] = []
    if kind == "trafilatura":
        data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
        for url, rec in data.items():
            if limit is not None and len(pages) >= limit:
                break
            meta = {
                k: rec[k]
                for k in ("title", "author", "date")
                if isinstance(rec.get(k), str) and rec[k].strip()
            }
            pages.append(
                Page(
                    key=url,
                    url=url.split("::", 1)[-1] if "://" in url else None,
                    html=_read_html(root / rec["file"]),
                    with_=list(rec.get("with") or []),
                    without=list(rec.get("without") or []),
                    meta=meta,
                )
            )
        return kind, pages
    if (root / "dev.jsonl").is_file():
        for _, _, rec in read_jsonl(root / "dev.jsonl"):
            if limit is not None and len(pages) >= limit:
                break
            pages.append(
                Page(
                    key=rec["id"],
                    url=rec.get("url"),
                    html=_read_html(root / rec["html_file"]),
                    body=rec.get("article_body") or "",
                )
            )
    else:
        truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        for key, rec in truth.items():
            if limit is not None and len(pages) >= limit:
                break
            pages.append(
                Page(
                    key=key,
                    url=rec.get("url"),
                    html=_read_html(root / "html" / f"{key}.html.gz"),
                    body=rec.get("articleBody") or "",
                )
            )
    return kind, pages


# ------------------------------------------------------------------------------ metrics


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_N) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if len(toks) < n:
        return Counter([tuple(toks)] if toks else [])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def shingle_counts(gold: str, pred: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of word 4-gram shingles of one page."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if total:
        return tp / total, fp / total, fn / total
    return 0.0, 0.0, 0.0


def zyte_scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision, recall, F1 of per-page shingle counts (means over pages, as the benchmark)."""

    def prec(tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return tp / (tp + fp) if tp + fp else 0.0

    def rec(tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return tp / (tp + fn) if tp + fn else 0.0

    ps = [prec(*c) for c in counts if c[0] + c[1] > 0]
    rs = [rec(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": f1, "precision": p, "recall": r}


def normalise_ws(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def segment_counts(page: Page, text: str) -> dict[str, int]:
    """TP/FN/FP/TN of one page of the trafilatura set."""
    out = normalise_ws(text)
    found_with = [normalise_ws(s) in out for s in page.with_]
    found_without = [normalise_ws(s) in out for s in page.without]
    return {
        "tp": sum(found_with),
        "fn": len(found_with) - sum(found_with),
        "fp": sum(found_without),
        "tn": len(found_without) - sum(found_without),
    }


def segment_scores(counts: list[dict[str, int]]) -> dict[str, float]:
    tp = sum(c["tp"] for c in counts)
    fp = sum(c["fp"] for c in counts)
    fn = sum(c["fn"] for c in counts)
    tn = sum(c["tn"] for c in counts)
    total = tp + fp + fn + tn
    return {
        "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
    }


def _norm_meta(value: str | None) -> str:
    """Case, whitespace, quote-style and dash-style insensitive form of a title or name."""
    value = unicodedata.normalize("NFKC", value or "").casefold()
    value = re.sub(r"[‐‑‒–—―]", "-", value)
    return normalise_ws(re.sub(r"[\"'“”‘’„‚«»]", "", value)).strip(" .,:;|-")


def _authors(value: str | None) -> set[str]:
    parts = re.split(r"\s*(?:;|,|\band\b|\bund\b|&|/)\s*", _norm_meta(value))
    return {p for p in parts if p}


def meta_correct(kind: str, gold: str, pred: str | None) -> bool:
    """Whether a predicted title/author/date matches the gold value."""
    if not pred:
        return False
    if kind == "date":
        return pred.strip()[:10] == gold.strip()[:10]
    if kind == "author":
        return _authors(pred) == _authors(gold)
    return _norm_meta(pred) == _norm_meta(gold)


# ------------------------------------------------------------------------------ methods


@dataclass
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    error: str | None = None


def run_newsweave(page: Page) -> Extracted:
    from newsweave.extract import html_to_article

    art = html_to_article(page.html, page.key, url=page.url)
    return Extracted(art.text, art.title, art.author, art.published)


def run_trafilatura(page: Page) -> Extracted:
    """trafilatura alone: ``bare_extraction`` with metadata, comments excluded."""
    import trafilatura

    from newsweave.extract import decode_html

    html, _ = decode_html(page.html)
    doc = trafilatura.bare_extraction(
        html, url=page.url, with_metadata=True, include_comments=False
    )
    if doc is None:
        return Extracted("")
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    return Extracted(get("text") or "", get("title"), get("author"), get("date"))


METHODS: dict[str, Callable[[Page], Extracted]] = {
    "newsweave": run_newsweave,
    "trafilatura": run_trafilatura,
}


def _safe(method: Callable[[Page], Extracted], page: Page) -> Extracted:
    try:
        return method(page)
    except NewsweaveError as exc:  # nothing extracted: counts as empty output
        return Extracted("", error=str(exc))
    except Exception as exc:  # a crash counts as no output, as in both benchmarks
        return Extracted("", error=f"{type(exc).__name__}: {exc}")


def iter_results(
    pages: list[Page],
) -> Iterator[tuple[Page, dict[str, Extracted], dict[str, float]]]:
    for page in pages:
        results: dict[str, Extracted] = {}
        times: dict[str, float] = {}
        for name, method in METHODS.items():
            t0 = time.perf_counter()
            results[name] = _safe(method, page)
            times[name] = time.perf_counter() - t0
        yield page, results, times


def evaluate(
    root: str | Path, limit: int | None = None, per_page: str | None = None
) -> dict[str, Any]:
    """Score both methods on the dataset at ``root``; returns the JSON report."""
    kind, pages = load_pages(root, limit)
    if not pages:
        raise EvalError(f"no pages in {root}", source=str(root), stage=STAGE)
    zyte: dict[str, list[tuple[float, float, float]]] = {m: [] for m in METHODS}
    exact: dict[str, list[bool]] = {m: [] for m in METHODS}
    segs: dict[str, list[dict[str, int]]] = {m: [] for m in METHODS}
    meta_hits: dict[str, dict[str, list[bool]]] = {
        m: {"title": [], "author": [], "date": []} for m in METHODS
    }
    seconds: dict[str, float] = dict.fromkeys(METHODS, 0.0)
    errors: dict[str, int] = dict.fromkeys(METHODS, 0)
    out = open(per_page, "w", encoding="utf-8") if per_page else None  # noqa: SIM115
    try:
        for page, results, times in iter_results(pages):
            row: dict[str, Any] = {"key": page.key}
            for name, res in results.items():
                seconds[name] += times[name]
                errors[name] += res.error is not None
                if kind == "zyte":
                    c = shingle_counts(page.body or "", res.text)
                    zyte[name].append(c)
                    exact[name].append(tokens(page.body) == tokens(res.text))
                    row[name] = {"tp": c[0], "fp": c[1], "fn": c[2]}
                else:
                    c2 = segment_counts(page, res.text)
                    segs[name].append(c2)
                    row[name] = dict(c2)
                    for k, gold in page.meta.items():
                        ok = meta_correct(k, gold, getattr(res, k))
                        meta_hits[name][k].append(ok)
                        row[name][k] = ok
                if res.error:
                    row[name]["error"] = res.error
            if out:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out:
            out.close()
    report: dict[str, Any] = {
        "dataset": str(root),
        "kind": kind,
        "pages": len(pages),
        "methods": {},
    }
    for name in METHODS:
        if kind == "zyte":
            scores = zyte_scores(zyte[name])
            scores["accuracy"] = statistics.mean(exact[name])
        else:
            scores = segment_scores(segs[name])
            for k, hits in meta_hits[name].items():
                scores[f"{k}_accuracy"] = sum(hits) / len(hits) if hits else 0.0
                scores[f"{k}_pages"] = len(hits)
        scores["errors"] = errors[name]
        scores["seconds"] = seconds[name]
        report["methods"][name] = scores
    if kind == "zyte":
        report["metric"] = "word 4-gram shingle F1 (Zyte article-extraction-benchmark)"
    else:
        report["metric"] = "with/without segment F1 (trafilatura evaluation)"
    return report


def run(args: argparse.Namespace) -> int:
    report = evaluate(args.dataset, args.limit, getattr(args, "per_page", None))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{report['kind']} set {report['dataset']}: {report['pages']} pages ({report['metric']})")
    cols = ["f1", "precision", "recall", "accuracy"]
    if report["kind"] == "trafilatura":
        cols += ["title_accuracy", "author_accuracy", "date_accuracy"]
    print(f"{'method':<12}" + "".join(f"{c:>17}" for c in cols) + f"{'seconds':>10}")
    for name, s in report["methods"].items():
        print(f"{name:<12}" + "".join(f"{s[c]:>17.3f}" for c in cols) + f"{s['seconds']:>10.1f}")
    sys.stdout.flush()
    return 0
