"""``newsweave eval entities PATH [PATH ...] [--json]``: entities against MEANTIME gold.

Reads MEANTIME XML files (:mod:`newsweave.evaluate.meantime`; a PATH may be a file or a
folder searched recursively; unreadable files are skipped, counted and named on stderr). The
text of a document is all its tokens, a line per sentence (sentence 0 is the title). Gold
mentions are the *named* entity mentions (``ENTITY_MENTION`` with ``syntactic_type`` ``NAM``
or ``PRE.NAM``, "Apple" in "Apple engineers" included) linked by ``REFERS_TO`` to a
cross-document ``ENTITY`` instance: its ``instance_id`` is the gold referent (the same id in
two documents is the same real-world entity) and its ``ent_type`` the gold type (PER, ORG,
LOC, PRO, ...). MEANTIME annotates mentions in the title and the first five sentences only,
so system mentions elsewhere are never scored, but every sentence is given to the systems
(the rest of an article is evidence for merging and typing).

All documents given are treated as **one story** (the corpus is a set of articles about one
company), so merging is cross-document. Two methods run on the same texts:

- ``newsweave``: the story pipeline's entity extraction,
  :func:`newsweave.facts.entities.extract_entities` over a Story made of the documents
  (sentences split from the same spaCy parse);
- ``spacy``: the baseline, spaCy's own entities (the same parse, the same labels kept) merged
  by exact name (the same text is the same entity), each mention typed by its own label.

A system mention matches a gold mention of the same document when it overlaps the gold
mention's head (MEANTIME's ``head`` attribute, "iPod nano" in "the iPod nano"; the whole
mention when no head is given), so "Apple Computer's" matches the gold "Apple Computer" and
not the enclosing "Apple Computer's iTunes Music Store". Pairs are one-to-one: the same span
first, then by largest overlap with the whole mention (Jaccard of characters).

- ``merge_p`` / ``merge_r`` / ``merge_f1``: B-cubed over the gold named mentions. A matched
  gold mention's system cluster is the gold mentions matched by the same system entity; a
  gold mention no system mention matches is a singleton. Precision of a mention is the share
  of its system cluster in its gold cluster, recall the share of its gold cluster in its
  system cluster; both averaged over gold mentions.
- ``type_acc``: share of matched gold mentions whose system type, mapped by ``TYPE_MAP``, is
  the gold type. spaCy's labels map to MEANTIME's classes as PERSON -> PER; ORG and NORP
  (groups of people: parties, nationalities used as names of institutions) -> ORG; GPE, LOC,
  FAC (cities, countries, regions, buildings) -> LOC; PRODUCT and WORK_OF_ART (products,
  software, services, titled works) -> PRO. EVENT and LAW have no MEANTIME class and count as
  wrong.
- ``mention_recall``: share of gold named mentions matched by a system mention.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.errors import EvalError
from newsweave.evaluate import meantime, print_methods, read_files

KEYS = ("merge_p", "merge_r", "merge_f1", "type_acc", "mention_recall")
NAMED = frozenset({"NAM", "PRE.NAM"})
# spaCy label -> MEANTIME entity class (see the module docstring).
TYPE_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "NORP": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "PRODUCT": "PRO",
    "WORK_OF_ART": "PRO",
}


@dataclass
class GoldMention:
    start: int
    end: int
    instance: str
    type: str
    text: str
    head: tuple[int, int] = (0, 0)  # span of the annotated head ("iPod nano" in "the iPod nano")


@dataclass
class Document:
    name: str
    text: str
    gold: list[GoldMention] = field(default_factory=list)


@dataclass
class SysMention:
    start: int
    end: int
    cluster: str
    type: str  # spaCy-style label (PERSON, ORG, GPE, ...)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", metavar="PATH", nargs="+", help="MEANTIME .xml file, or a folder of them"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


# --------------------------------------------------------------------------- reader
def read_document(path: Path) -> Document:
    """A MEANTIME document: its whole text and its gold named mentions."""
    root = meantime.parse_xml(path)
    if root.find("Markables") is None or not any(True for _ in root.iter("token")):
        raise EvalError(
            "not a MEANTIME document (no tokens or no Markables)", source=str(path), stage="eval"
        )
    tokens = meantime.join_tokens(root)
    markables = root.find("Markables")
    instances: dict[str, ET.Element] = {}
    named: dict[str, ET.Element] = {}
    if markables is not None:
        for el in markables:
            if el.tag == "ENTITY" and el.get("instance_id"):
                instances[el.get("m_id", "")] = el
            elif el.tag == "ENTITY_MENTION" and el.get("syntactic_type") in NAMED:
                named[el.get("m_id", "")] = el
    target: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations.iter("REFERS_TO") if relations is not None else []:
        tgt = rel.find("target")
        if tgt is None:
            continue
        for src in rel.findall("source"):
            target[src.get("m_id", "")] = tgt.get("m_id", "")
    gold = []
    for mid, el in named.items():
        inst = instances.get(target.get(mid, ""))
        span = tokens.span_of(el)
        if inst is None or span is None:
            continue
        text = tokens.text[span[0] : span[1]]
        head = (el.get("head") or "").strip()
        at = text.find(head) if head else -1
        head_span = (span[0] + at, span[0] + at + len(head)) if at >= 0 else span
        gold.append(
            GoldMention(
                span[0],
                span[1],
                inst.get("instance_id", ""),
                inst.get("ent_type", ""),
                text,
                head_span,
            )
        )
    gold.sort(key=lambda g: (g.start, g.end))
    name = root.get("doc_name") or path.stem
    return Document(name, tokens.text, gold)


def read_documents(paths: list[str]) -> list[Document]:
    """Every readable MEANTIME document under ``paths`` (the rest named on stderr)."""
    return read_files(paths, read_document, "MEANTIME documents")


# --------------------------------------------------------------------------- systems
def parse_documents(docs: list[Document]) -> list:
    """One full spaCy parse per document (shared by both methods)."""
    from newsweave import nlp

    return nlp.parse([d.text for d in docs], full=True)


def predict_newsweave(
    docs: list[Document], parsed: list, weights: Any = None
) -> list[list[SysMention]]:
    """Mentions of the story's canonical entities, per document (``weights``: the type
    evidence weights, :class:`newsweave.facts.entities.Weights`; the shipped ones when None)."""
    from newsweave import nlp
    from newsweave.facts.entities import extract_entities
    from newsweave.model import Article, Story

    articles = [
        Article(id=f"d{i}", text=d.text, title=None, source=d.name) for i, d in enumerate(docs)
    ]
    articles = nlp.split_sentences(articles, parsed)
    story = Story(id="meantime", headline="", articles=tuple(articles))
    index = {a.id: i for i, a in enumerate(articles)}
    out: list[list[SysMention]] = [[] for _ in docs]
    for ent in extract_entities(story, parsed, weights):
        for m in ent.mentions:
            out[index[m.ref.article_id]].append(
                SysMention(m.ref.start, m.ref.end, ent.id, ent.type)
            )
    return out


def predict_spacy(docs: list[Document], parsed: list) -> list[list[SysMention]]:
    """The baseline: spaCy's entities, one entity per exact name, typed per mention."""
    from newsweave.facts.entities import ENTITY_LABELS

    out = []
    for doc in parsed:
        out.append(
            [
                SysMention(e.start_char, e.end_char, e.text, e.label_)
                for e in doc.ents
                if e.label_ in ENTITY_LABELS
            ]
        )
    return out


# --------------------------------------------------------------------------- scoring
def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def match(gold: list[GoldMention], pred: list[SysMention]) -> dict[int, int]:
    """One-to-one pairs gold index -> prediction index: predictions overlapping the gold head,
    the same span first, then the largest character Jaccard with the whole gold mention."""
    cands = []
    for gi, g in enumerate(gold):
        hs, he = g.head
        for pi, p in enumerate(pred):
            if min(he, p.end) - max(hs, p.start) <= 0:
                continue
            inter = min(g.end, p.end) - max(g.start, p.start)
            union = max(g.end, p.end) - min(g.start, p.start)
            exact = p.start == g.start and p.end == g.end
            cands.append((not exact, -inter / union, gi, pi))
    cands.sort()
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, _, gi, pi in cands:
        if gi in pairs or pi in used:
            continue
        pairs[gi] = pi
        used.add(pi)
    return pairs


def score(docs: list[Document], preds: list[list[SysMention]]) -> dict[str, float]:
    """B-cubed merge P/R/F1, type accuracy and mention recall over the gold named mentions."""
    gold_of: list[str] = []
    sys_of: list[str] = []
    matched = typed = 0
    for di, (doc, pred) in enumerate(zip(docs, preds, strict=True)):
        pairs = match(doc.gold, pred)
        for gi, gm in enumerate(doc.gold):
            gold_of.append(gm.instance)
            pi = pairs.get(gi)
            if pi is None:
                sys_of.append(f"\0missed:{di}:{gi}")  # a singleton
                continue
            sm = pred[pi]
            sys_of.append(sm.cluster)
            matched += 1
            typed += TYPE_MAP.get(sm.type) == gm.type
    n = len(gold_of)
    gold_size: dict[str, int] = defaultdict(int)
    sys_size: dict[str, int] = defaultdict(int)
    both: dict[tuple[str, str], int] = defaultdict(int)
    pairs_all = list(zip(gold_of, sys_of, strict=True))
    for gk, sk in pairs_all:
        gold_size[gk] += 1
        sys_size[sk] += 1
        both[(gk, sk)] += 1
    prec = sum(both[(gk, sk)] / sys_size[sk] for gk, sk in pairs_all)
    rec = sum(both[(gk, sk)] / gold_size[gk] for gk, sk in pairs_all)
    p = prec / n if n else 0.0
    r = rec / n if n else 0.0
    figures = {
        "merge_p": p,
        "merge_r": r,
        "merge_f1": _f1(p, r),
        "type_acc": typed / matched if matched else 0.0,
        "mention_recall": matched / n if n else 0.0,
    }
    return {k: round(figures[k], 4) for k in KEYS}


def evaluate(docs: list[Document], parsed: list | None = None) -> dict:
    """Both methods on ``docs`` as one story; ``parsed`` reuses spaCy parses when given."""
    t0 = time.perf_counter()
    if parsed is None:
        parsed = parse_documents(docs)
    t1 = time.perf_counter()
    ours = predict_newsweave(docs, parsed)
    t2 = time.perf_counter()
    theirs = predict_spacy(docs, parsed)
    return {
        "documents": len(docs),
        "mentions_gold": sum(len(d.gold) for d in docs),
        "methods": {"newsweave": score(docs, ours), "spacy": score(docs, theirs)},
        "_seconds": {"parse": round(t1 - t0, 1), "newsweave": round(t2 - t1, 1)},
    }


def run(args: argparse.Namespace) -> int:
    docs = read_documents(args.paths)
    result = evaluate(docs)
    seconds = result.pop("_seconds")
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"documents {result['documents']}, gold named mentions {result['mentions_gold']}")
    print_methods(result["methods"], KEYS, 16)
    print(
        f"seconds: spaCy parse {seconds['parse']}, newsweave entities {seconds['newsweave']}",
        file=sys.stderr,
    )
    return 0
