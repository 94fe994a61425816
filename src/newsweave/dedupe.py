"""Exact and near duplicates: one article per text, with every outlet that carried it.

- **Exact duplicates**: the same cleaned text (whitespace and case normalised) hashed with
  SHA-256.
- **Near duplicates** (wire copies with another headline, lightly edited reprints, a changed or
  dropped last paragraph): MinHash signatures of word shingles, candidate pairs from an LSH
  index (datasketch), confirmed when the estimated Jaccard similarity of the shingle sets
  reaches :data:`NEAR_DUP_THRESHOLD`. Nothing compares all pairs: time and memory grow
  linearly with the number of articles.

A duplicate group is kept as ONE article whose ``duplicates`` field lists the other copies
(:class:`~newsweave.model.Duplicate`: id, outlet, title, url, source, published, kind,
similarity). The kept copy is the original wire when the others credit it (a reprint's
dateline "(Nordic Wire Service)", "- Reuters", or a credit/wire/via field naming the
outlet: :func:`credited`), else the most complete copy (longest text, then earliest
published, then smallest id). Nothing a copy says is lost: the sentences a copy has and the
kept article lacks stay on its ``Duplicate`` (``text``, ``sentences``), and
:func:`copy_passages` hands them to the summary and the facts with that copy as their
source. :func:`sources_of` gives every carrier of a kept article, the article itself first.
Articles that the input put in different stories (different non-empty ``Article.group``)
are never merged, even through a chain of copies.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from newsweave.model import Article, Duplicate, Sentence

# Words per shingle. 5-word shingles are the usual choice for near-duplicate news detection
# (Broder 1997; Theobald et al. 2008): rare across different stories about the same people,
# while a wire copy with one paragraph changed keeps most of them.
SHINGLE_WORDS = 5
# Estimated Jaccard similarity of the shingle sets at or above which two texts are copies of
# one article. Calibrated on hand-built wire copies (tests/test_dedupe.py: 5 outlets, new
# headlines, changed last paragraph: J ~ 0.6-0.9) against different stories about the same
# people and events (J < 0.1); 0.5 also catches a reprint that keeps at least half the text.
# Re-run tests/test_dedupe.py if changed.
NEAR_DUP_THRESHOLD = 0.5
# MinHash permutations: the Jaccard estimate's standard error is ~1/sqrt(128) = 0.09, and the
# LSH index (bands tuned by datasketch for the threshold) misses a pair at J = 0.7 with
# probability below 1e-3.
NUM_PERM = 128
# Texts with fewer words than this have too few shingles for a stable estimate; only exact
# duplicates are detected for them (headline-only inputs, for instance).
MIN_WORDS = 20

_WORD = re.compile(r"\w+", re.UNICODE)


def normalised_text(text: str) -> str:
    """Lower-cased words separated by single spaces (what 'the same text' means here)."""
    return " ".join(_WORD.findall(text.lower()))


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text: equal for exact duplicates."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of k-word shingles of ``text`` (lower-cased words), as UTF-8 bytes."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def _minhashes(texts: Sequence[str]):
    from datasketch import MinHash

    sets = [sorted(shingles(t)) for t in texts]
    return MinHash.bulk(sets, num_perm=NUM_PERM)


def minhash_signatures(texts: Sequence[str]) -> np.ndarray:
    """MinHash hash values of each text's word shingles (rows of :data:`NUM_PERM` values):
    what :func:`duplicate_groups` compares, computed where the texts are (a Dask worker)."""
    if not texts:
        return np.zeros((0, NUM_PERM), dtype=np.uint64)
    return np.stack([np.asarray(m.hashvalues) for m in _minhashes(texts)])


def _from_signatures(rows: Sequence[np.ndarray]):
    from datasketch import MinHash

    # datasketch >= 2 wants the hashing scheme of given hash values: the default one, which
    # made the signatures too (same datasketch version wherever they were computed)
    scheme = getattr(MinHash(num_perm=NUM_PERM), "scheme", None)
    kw = {"scheme": scheme} if scheme is not None else {}
    return [MinHash(num_perm=NUM_PERM, hashvalues=r, **kw) for r in rows]


class _Groups:
    """Union-find over article indexes that never joins two different input groups."""

    def __init__(self, groups: Sequence[str | None]) -> None:
        self.parent = list(range(len(groups)))
        self.group = list(groups)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        gi, gj = self.group[ri], self.group[rj]
        if gi is not None and gj is not None and gi != gj:
            return False
        lo, hi = min(ri, rj), max(ri, rj)
        self.parent[hi] = lo
        self.group[lo] = gi if gi is not None else gj
        return True


def duplicate_groups(
    articles: Sequence[Article],
    threshold: float = NEAR_DUP_THRESHOLD,
    *,
    signatures: np.ndarray | None = None,
) -> tuple[list[list[int]], dict[tuple[int, int], tuple[str, float]]]:
    """Find duplicate groups among ``articles``.

    ``signatures`` (rows of :func:`minhash_signatures`, one per article) are used instead of
    computing them here.

    Returns the groups as lists of indexes (every article in exactly one group, groups in
    order of their first member) and, for each confirmed pair ``(i, j)`` with ``i < j``, its
    kind ("exact" or "near") and estimated Jaccard similarity.
    """
    n = len(articles)
    uf = _Groups([a.group for a in articles])
    pairs: dict[tuple[int, int], tuple[str, float]] = {}
    first_by_hash: dict[str, int] = {}
    long_idx: list[int] = []
    for i, a in enumerate(articles):
        h = content_hash(a.text)
        j = first_by_hash.get(h)
        if j is not None and uf.union(j, i):
            pairs[(j, i)] = ("exact", 1.0)
            continue
        first_by_hash.setdefault(h, i)
        if len(_WORD.findall(a.text)) >= MIN_WORDS:
            long_idx.append(i)
    if len(long_idx) > 1:
        from datasketch import MinHashLSH

        if signatures is not None:
            mhs = _from_signatures([signatures[i] for i in long_idx])
        else:
            mhs = _minhashes([articles[i].text for i in long_idx])
        for i, m in zip(long_idx, mhs, strict=True):  # kept for signature_rows (the store)
            _remember(articles[i], m)
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        for pos, (i, m) in enumerate(zip(long_idx, mhs, strict=True)):
            for other in sorted(lsh.query(m)):
                j = long_idx[other]
                sim = float(m.jaccard(mhs[other]))
                if sim >= threshold and uf.union(j, i):
                    pairs[(min(i, j), max(i, j))] = ("near", round(sim, 3))
            lsh.insert(pos, m)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(uf.find(i), []).append(i)
    return sorted(members.values(), key=lambda g: g[0]), pairs


def _keep_key(a: Article) -> tuple:
    return (-len(a.text), a.published or "9999", a.id)


# Article.meta keys that name where a reprint comes from (the JSON keys of a syndicated record).
CREDIT_KEYS = frozenset(
    {
        "credit",
        "credits",
        "wire",
        "via",
        "agency",
        "provider",
        "syndication",
        "original_source",
        "source_outlet",
        "distributor",
        "copyright",
    }
)
# Characters at the start (dateline) and at the end (sign-off) of a copy where a wire credit
# stands: "VELMORA, June 10 (Nordic Wire Service) -", "... (Reporting by ...; Reuters)".
CREDIT_WINDOW = 400


def _name_pattern(outlet: str) -> re.Pattern[str] | None:
    name = re.sub(r"^the\s+", "", " ".join(outlet.split()), flags=re.IGNORECASE)
    if len(name) < 3:
        return None
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)


def credited(original: Article, copy: Article) -> bool:
    """Whether ``copy`` names ``original``'s outlet as its source: in a credit field of its
    metadata (:data:`CREDIT_KEYS`) or in its dateline or sign-off (the first and last
    :data:`CREDIT_WINDOW` characters of its text). Never true of two copies of one outlet."""
    if not original.outlet or (copy.outlet or "").casefold() == original.outlet.casefold():
        return False
    pattern = _name_pattern(original.outlet)
    if pattern is None:
        return False
    if any(k.lower() in CREDIT_KEYS and pattern.search(v) for k, v in copy.meta):
        return True
    text = copy.text
    return bool(pattern.search(text[:CREDIT_WINDOW]) or pattern.search(text[-CREDIT_WINDOW:]))


def _pick_kept(articles: Sequence[Article], idx: Sequence[int]) -> int:
    """The copy a group keeps: the one the most other copies credit as their source (the
    original wire), else the most complete one (:func:`_keep_key`)."""
    credits = {i: sum(credited(articles[i], articles[j]) for j in idx if j != i) for i in idx}
    return min(idx, key=lambda i: (-credits[i], _keep_key(articles[i])))


# A copy's sentence is the kept article's when at least this share of its word trigrams is
# in the kept text and it states no number the kept text lacks: a dateline or credit added or
# cut ("PORT CALLOWAY, March 3 (Coast Wire) -"), a word changed by a copy editor. Set by
# construction (one changed word in a 12-word sentence leaves 7/10 trigrams; a dateline
# prefix keeps ~85% of a long lead), not fitted to data; a changed figure always counts
# as the copy's own (12 vs 14 cracks is a disagreement the reader must see).
SHARED_TRIGRAMS = 0.8


def _trigrams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


# A sentence of the kept article is printed by a folded copy (the copy carries its quotes and
# figures: Duplicate.missing, Article.carriers) when the copy's text says it by the same test,
# with this share of its word trigrams: a dateline added, a word or two changed by an AP
# update or a copy editor (one word changed in a 12-word sentence leaves 7/10 trigrams).
# Chosen by bench/copy_carriers.py on the 7 gold clusters with a folded near copy (6 DUC 2004
# AP updates, 1 Multi-News reprint), F1 of quotes and figures together, leave-one-cluster-out:
# 0.6-0.7 best in-sample; 0.8 loses a quote an update printed with "for the 2000 games" cut
# (0.78 of the trigrams), 0.3-0.5 credit the copies with one more wrong figure; see
# bench/RESULTS.md, issue 19 "a folded copy carries only what it printed". Re-run it if the
# rule of says() changes. As for SHARED_TRIGRAMS, a changed number is never the same sentence.
CARRIED_TRIGRAMS = 0.7


# A number written in words changes what a sentence says as one in digits does: "59 bodies were
# found and six others died later" in an earlier AP version is not the update's "... and one
# other died later" (60 dead, not 65), so the copy keeps it as its own and its figure stays in
# the story (issue 19, tenth session; bench/RESULTS.md, "figures, twenty-second round"). Off:
# only words with a digit are numbers, and such a sentence folds into the kept one.
NUMBER_WORDS_DIFFER = True
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion dozen dozens hundreds thousands millions "
    "billions".split()
)


def _is_number(word: str) -> bool:
    return any(c.isdigit() for c in word) or (NUMBER_WORDS_DIFFER and word in _NUMBER_WORDS)


class _Said:
    """What a text says: its normalised text, word trigrams and number words."""

    def __init__(self, text: str, share: float = SHARED_TRIGRAMS) -> None:
        words = normalised_text(text).split()
        self.text = " " + " ".join(words) + " "
        self.trigrams = _trigrams(words)
        self.numbers = {w for w in words if _is_number(w)}
        self.share = share

    def says(self, sentence: str) -> bool:
        words = normalised_text(sentence).split()
        if not words or " " + " ".join(words) + " " in self.text:
            return True
        grams = _trigrams(words)
        if not grams or any(_is_number(w) and w not in self.numbers for w in words):
            return False
        return len(grams & self.trigrams) >= self.share * len(grams)


def missing_sentences(
    kept: Article, printed: str, share: float = CARRIED_TRIGRAMS
) -> tuple[int, ...]:
    """The indexes of ``kept``'s sentences that the text ``printed`` (a folded copy's) does
    not say: its normalised words nowhere in ``printed``, and fewer than ``share`` of its word
    trigrams there or a number ``printed`` lacks (:data:`CARRIED_TRIGRAMS`). What
    :attr:`Duplicate.missing` records."""
    if not kept.sentences:
        return ()
    said = _Said(printed, share)
    return tuple(s.index for s in kept.sentences if not said.says(s.text))


def printed_text(dup: Duplicate, kept: Article) -> str:
    """What the copy ``dup`` of ``kept`` printed, rebuilt from the record: the kept article's
    sentences it does not lack, then its own sentences (its full text when it was kept)."""
    if dup.text:
        return dup.text
    gone = set(dup.missing)
    return " ".join(s.text for s in kept.sentences if s.index not in gone)


def own_sentences(copy: Article, kept: Article) -> tuple[Sentence, ...]:
    """The sentences of ``copy`` that ``kept`` does not say (compared as normalised words, so
    a different sentence split or spacing is no difference, nor a sentence that ``kept`` says
    nearly word for word with the same numbers: see :data:`SHARED_TRIGRAMS`)."""
    if not copy.sentences:
        return ()
    said = _Said(kept.text)
    return tuple(s for s in copy.sentences if not said.says(s.text))


def _with_own_text(dup: Duplicate, sentences: tuple[Sentence, ...], text: str) -> Duplicate:
    if not sentences:
        return dataclasses.replace(dup, text="", sentences=())
    return dataclasses.replace(dup, text=text, sentences=sentences)


def _refold(dup: Duplicate, kept: Article, via: Article) -> Duplicate:
    """A copy of ``via`` folded now into ``kept``: its own sentences checked again against
    ``kept``, and what it lacks of ``kept`` found from what it printed (:func:`printed_text`
    of it as a copy of ``via``)."""
    if dup.article_id == kept.id:  # the kept article read again from another source
        return dataclasses.replace(dup, missing=())
    missing = missing_sentences(kept, printed_text(dup, via))
    if not dup.sentences:
        return dataclasses.replace(dup, missing=missing)
    said = _Said(kept.text)
    own = tuple(s for s in dup.sentences if not said.says(s.text))
    dup = dataclasses.replace(dup, missing=missing)
    return dup if own == dup.sentences else _with_own_text(dup, own, dup.text)


def copy_passages(articles: Sequence[Article]) -> list[Article]:
    """What only the folded copies of ``articles`` say, as articles the summary and the facts
    read: one per copy with sentences of its own (:attr:`Duplicate.sentences`), carrying the
    copy's id and outlet (so the copy is the source cited), only those sentences, and the
    copy's text with every other character blanked (offsets kept, so ``text[start:end]`` is
    the sentence, and a parse finds only what the copy alone says)."""
    seen = {a.id for a in articles}
    out: list[Article] = []
    for a in articles:
        for d in a.duplicates:
            if not d.sentences or d.article_id in seen:
                continue
            seen.add(d.article_id)
            chars = [c if c in "\n" else " " for c in d.text]
            for s in d.sentences:
                chars[s.start : s.end] = d.text[s.start : s.end]
            out.append(dataclasses.replace(d.as_article(), text="".join(chars)))
    return out


def dedupe(articles: Sequence[Article], threshold: float = NEAR_DUP_THRESHOLD) -> list[Article]:
    """Fold exact and near duplicates: one article per group, carrying the others.

    The kept article of a group is its most complete copy; its ``duplicates`` lists every other
    copy (the same id seen twice from the same source is simply dropped). The result keeps the
    input order of the groups' first members.
    """
    groups, pairs = duplicate_groups(articles, threshold)
    out: list[Article] = []
    for idx in groups:
        keep = _pick_kept(articles, idx) if len(idx) > 1 else idx[0]
        kept = articles[keep]
        dups: list[Duplicate] = list(kept.duplicates)
        seen = {(kept.id, kept.source)} | {(d.article_id, d.source) for d in dups}
        for i in idx:
            if i == keep:
                continue
            a = articles[i]
            if (a.id, a.source) in seen:
                continue
            seen.add((a.id, a.source))
            kind, sim = pairs.get((min(i, keep), max(i, keep)), ("near", float("nan")))
            if np.isnan(sim):
                sim = _estimate(kept.text, a.text)
            if a.id == kept.id or content_hash(a.text) == content_hash(kept.text):
                kind, sim = "exact", 1.0
            own = own_sentences(a, kept)
            missing = () if kind == "exact" else missing_sentences(kept, a.text)
            dups.append(
                Duplicate(
                    article_id=a.id,
                    outlet=a.outlet,
                    title=a.title,
                    url=a.url,
                    source=a.source,
                    published=a.published,
                    kind=kind,
                    similarity=round(sim, 3),
                    text=a.text if own else "",
                    sentences=own,
                    missing=missing,
                )
            )
            dups.extend(
                _refold(d, kept, a) for d in a.duplicates if (d.article_id, d.source) not in seen
            )
        # a group the input gave any copy is the group of the kept article
        group = kept.group or next((articles[i].group for i in idx if articles[i].group), None)
        if dups or group != kept.group:
            kept = dataclasses.replace(kept, duplicates=tuple(dups), group=group)
        out.append(kept)
    return out


def _estimate(a: str, b: str) -> float:
    """Exact Jaccard similarity of two texts' shingle sets (for pairs joined transitively)."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


# --------------------------------------------------------------------- across runs


# MinHash values computed in this process, by article id and text hash, so the store's
# signatures reuse what dedupe computed (a signature is never computed twice in a run).
# Bounded: 20,000 signatures of 1 KB.
SIGNATURE_CACHE_SIZE = 20_000
_SIGNATURES: OrderedDict[tuple[str, str], bytes] = OrderedDict()


def _remember(article: Article, minhash) -> bytes:
    blob = np.asarray(minhash.hashvalues, np.uint64).tobytes()
    _SIGNATURES[(article.id, content_hash(article.text))] = blob
    while len(_SIGNATURES) > SIGNATURE_CACHE_SIZE:
        _SIGNATURES.popitem(last=False)
    return blob


def remember_signatures(articles: Sequence[Article], signatures: np.ndarray | None) -> None:
    """Keep precomputed MinHash rows (:func:`minhash_signatures`, one per article, computed
    where the texts were: a Dask worker) for :func:`signature_rows`, so the store's signatures
    and :func:`match_stored` reuse them instead of computing them again."""
    if signatures is None:
        return
    long = [i for i, a in enumerate(articles) if len(_WORD.findall(a.text)) >= MIN_WORDS]
    for i, m in zip(long, _from_signatures([signatures[i] for i in long]), strict=True):
        _remember(articles[i], m)


def signature_rows(articles: Sequence[Article]) -> list[tuple[str, str, bytes | None]]:
    """``(id, content hash, MinHash values as bytes)`` per article, what a store keeps so a
    copy arriving in a later run is recognised (None for texts under :data:`MIN_WORDS`)."""
    hashes = [content_hash(a.text) for a in articles]
    todo = [
        a
        for a, h in zip(articles, hashes, strict=True)
        if (a.id, h) not in _SIGNATURES and len(_WORD.findall(a.text)) >= MIN_WORDS
    ]
    for a, m in zip(todo, _minhashes([a.text for a in todo]) if todo else [], strict=True):
        _remember(a, m)
    return [(a.id, h, _SIGNATURES.get((a.id, h))) for a, h in zip(articles, hashes, strict=True)]


def match_stored(
    articles: Sequence[Article],
    stored: Sequence[tuple[str, str, bytes | None]],
    threshold: float = NEAR_DUP_THRESHOLD,
) -> dict[str, tuple[str, str, float]]:
    """Which of ``articles`` copy an article of an earlier run, from the stored signatures
    (:func:`signature_rows`): ``{article id: (stored id, "exact" | "near", similarity)}``.

    The same tests as within one run: an equal normalised text, or an estimated Jaccard
    similarity of the shingle sets of at least ``threshold`` (LSH rebuilt from the stored
    MinHash values, so nothing compares all pairs).
    """
    if not articles or not stored:
        return {}
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    # the hashing scheme of this datasketch (the one signature_rows used)
    scheme = getattr(MinHash(num_perm=1), "scheme", None)
    kw = {"scheme": scheme} if scheme is not None else {}

    stored_ids = {sid for sid, _, _ in stored}
    by_hash: dict[str, str] = {}
    for sid, h, _ in stored:
        by_hash.setdefault(h, sid)
    fresh = [a for a in articles if a.id not in stored_ids]
    out: dict[str, tuple[str, str, float]] = {}
    rest: list[tuple[Article, bytes]] = []
    for a, row in zip(fresh, signature_rows(fresh), strict=True):
        same = by_hash.get(row[1])
        if same is not None:
            out[a.id] = (same, "exact", 1.0)
        elif row[2] is not None:
            rest.append((a, row[2]))
    if not rest:
        return out
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sigs: dict[str, LeanMinHash] = {}
    for sid, _, blob in stored:
        if blob is not None and sid not in sigs:
            sigs[sid] = LeanMinHash(seed=1, hashvalues=np.frombuffer(blob, np.uint64), **kw)
            lsh.insert(sid, sigs[sid])
    for a, own in rest:
        m = LeanMinHash(seed=1, hashvalues=np.frombuffer(own, np.uint64), **kw)
        best = max(((float(m.jaccard(sigs[sid])), sid) for sid in lsh.query(m)), default=None)
        if best is not None and best[0] >= threshold:
            out[a.id] = (best[1], "near", round(best[0], 3))
    return out


def as_duplicate(
    article: Article, kind: str, similarity: float, kept: Article | None = None
) -> list[Duplicate]:
    """``article`` (and the copies it already carries) as duplicates of another article;
    with ``kept`` (that article), what only the copies say stays on them (``sentences``)."""
    own = own_sentences(article, kept) if kept is not None else ()
    missing = missing_sentences(kept, article.text) if kept is not None and kind != "exact" else ()
    me = Duplicate(
        article_id=article.id,
        outlet=article.outlet,
        title=article.title,
        url=article.url,
        source=article.source,
        published=article.published,
        kind=kind,
        similarity=similarity,
        text=article.text if own else "",
        sentences=own,
        missing=missing,
    )
    rest = (
        [_refold(d, kept, article) for d in article.duplicates]
        if kept is not None
        else list(article.duplicates)
    )
    return [me, *rest]


def sources_of(article: Article) -> list[Duplicate]:
    """Every copy that carried ``article`` (any part of it): the article itself first, then
    its duplicates. Which of them printed one sentence: :meth:`Article.carriers`."""
    return [article.record(), *article.duplicates]


def outlets_of(article: Article) -> list[str]:
    """The distinct outlets (or sources, when the outlet is unknown) that carried ``article``."""
    seen: list[str] = []
    for d in sources_of(article):
        name = d.outlet or d.source or d.article_id
        if name not in seen:
            seen.append(name)
    return seen
