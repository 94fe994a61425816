"""Story clustering: group a mixed pile of articles into stories, in batch or incrementally.

How an article finds its story
------------------------------
Every article gets three representations (:func:`featurize`; each model call is batched):

- a sentence embedding (all-MiniLM-L6-v2 via :func:`newsweave.nlp.embed`) of its title and lead;
- a sparse lexical vector: hashed TF-IDF of the body plus, weighted :data:`HEAD_WEIGHT` times
  more, the title and lead, kept to its :data:`ARTICLE_TERMS` heaviest terms (document
  frequencies live in the state, so they grow with the stream);
- the set of named entities (spaCy NER over title and lead only, to keep it cheap), plus for
  the link step the years and month-day dates the text mentions (:func:`year_keys`,
  :func:`date_keys`; the dates' document frequencies in the stem table) and its salient names
  (:func:`salient_names`: capitalised words the whole body repeats, rare in the pile);
- for full-length articles, the counts of the Porter stems of the whole body
  (:func:`stem_counts`; stem document frequencies in the state), the link step's stem TF-IDF.

**Full-length articles** (more than :data:`SHORT_TEXT_WORDS` words) are grouped first by the
pairwise link step of :mod:`newsweave.cluster_links` (:func:`_place_groups`): each article's
nearest articles of the batch (embedding plus body TF-IDF cosine, inside the time window)
get a link probability from a small logistic model (embedding cosine, body cosine over the
:data:`LINK_TERMS` heaviest body terms, shared entities, years, salient names, and the TF-IDF
cosine of the whole bodies' stems, :func:`stem_vector`, and the idf-weighted cosine of the
dates they name), and average linkage over that
sparse neighbour graph forms the groups. Stories of earlier batches take part as fixed groups
(their most recent members' features, held in memory or read from the store's
``cluster_features``), so a new article joins an earlier story exactly as it would join a
group of its own batch; groups that join nothing open new stories. On
story_clustering/mds_clusters_dev this is what lifts B-cubed F1 from 0.909 (the pass below
alone) to 0.950 (bench/RESULTS.md); ``LINKS = False`` turns it off. Its weights and constants
are chosen by cross-validation grouped by story over the dev files (bench/cv_cluster.py,
issue 23, 2026-12-06: out of fold 0.946 on mds_clusters_dev, 0.960 on ecbplus_dev).

**Headline-only articles** (and anything left when the link step is off) are then taken one
at a time in a canonical order (publication time, then id) and
compared with the *centroids* of the stories found so far: the mean embedding, the summed
lexical vector (kept to its :data:`CENTROID_TERMS` heaviest terms), the entity counts and the
time span of the story's members. Candidate stories come from a nearest-neighbour search over
the centroid embeddings, done for :data:`CHUNK` articles at a time as one matrix product
against the stories active in the chunk's time window (stories whose last article is at most
:data:`TIME_WINDOW_DAYS` older), plus the stories created or changed since the chunk started;
the top :data:`CANDIDATES` of each are scored. No article-by-article matrix is ever built:
memory is linear in the number of articles and stories, and with dated articles the work per
article is bounded by the number of stories active in the time window (undated articles are
compared with every story centroid through the matrix product: still no n-by-n matrix, but the
time then grows with articles x stories; see bench/RESULTS.md).

The article joins the best candidate whose combined score (:func:`score`: embedding cosine,
lexical cosine, entity overlap, minus a penalty for distance in time) reaches
:data:`ASSIGN_THRESHOLD` (:data:`SHORT_TEXT_THRESHOLD` for headline-only articles); otherwise
it opens a new story. A story's key is the id of the article that opened it, so it never changes
when later articles join (the pipeline derives the story id from it). After the pass,
:data:`REFINE_PASSES` passes of reassignment re-score the *close calls* of the pass (articles
that opened a story, and articles whose best story beat the runner-up candidate by less than
:data:`REFINE_SCOPE`) against their own story (without them) and the competing candidates, and
move an article when another story fits clearly better. Finally :func:`merge_new_stories`
folds each story opened in this batch into an earlier story whose centroid scores at least
:data:`MERGE_THRESHOLD` against its own (two halves of one story that the single pass opened
separately); the earlier key survives. In an increment the same merge also takes the stories
of earlier batches that the pass opened and this batch changed (:data:`REVISIT_MERGES`). Its
nearest-neighbour step is also one matrix product per :data:`CHUNK` stories.

Cost: the scoring of candidates dominates (a lexical dot product over the article's
:data:`ARTICLE_TERMS` terms, plus a 384-d dot product); about 19 candidate scores per article
in all (pass, close-call refinement, merge) on the synthetic benchmark of
bench/bench_cluster.py. The lexical dot products of a chunk's nearest-neighbour candidates are
computed in one vectorised step when the chunk starts (:func:`_chunk_lexical`, against each
centroid's cached sorted term arrays); a candidate story that changed since then (received,
lost or merged articles within the chunk) is scored afresh with dict lookups, so the scores,
and the stories, are the same as scoring every candidate one by one. Matrix products run on
one BLAS thread (:func:`_one_blas_thread`).

Incremental mode and order
--------------------------
The state (:class:`ClusterState`: centroids, assignments, document frequencies, and the link
features of clustered articles) is all that is kept between runs (in the store:
``cluster_stories``, ``cluster_assignments``, ``cluster_meta``, ``cluster_features``; a run
reads the features of only the earlier stories its new articles may join).
New articles are assigned against it. Story ids are stable: a story keeps the key of the
article that opened it as long as some of its members stay together. A headline-only article
moves only with its whole story: when an increment has brought two headline stories together,
the later-opened one folds into the earlier (:data:`REVISIT_MERGES`). For full-length
articles the link step of an increment re-links the new articles together with the held
members of the earlier stories they link to, with the same linkage as one batch
(:data:`REVISE_STORIES`), so an earlier article the new evidence puts in another story moves
there (a story that loses its last member disappears);
``assign`` returns the keys of every story that received or lost an article.
Within a batch the articles are sorted canonically and the document frequencies count the whole
batch, so **the same articles in any input order give the same stories**. Across batches, the
result can differ from one batch run (a headline joins the story its batch's pass finds, and
refinement revisits only the batch's own articles; the document frequencies grow; the link step
sees only the stories its new articles link to and their :data:`LINK_STORY_MEMBERS` latest
members). The documented bound is measured on the story-clustering dev sets as the B-cubed F1 of
ten shuffled increments against one batch (bench/RESULTS.md, sections "Story clustering ...
(issue 5)" and issue 23; bound 0.02). Before the revising link step (issue 23, 2026-12-06)
ecbplus_dev (two look-alike events per topic) lost 0.14-0.16 in ten increments: a small early
batch has too few articles for average linkage to tell two look-alike events apart, it merged
their first reports, and later reports of both joined the merged story, which was never
revisited; with it, ecbplus_dev and mds_clusters_dev stay within 0.004 of one batch on shuffle
seeds 5-9 (0.012 and 0.003 over seeds 5-14; bench/RESULTS.md). Before the revisited merges
(issue 23, fifth round) uci_news_headlines_dev lost up to 0.06 (mean 0.022 over shuffle seeds
5-34): the first increment opened two halves of a large story whose centroids were too far apart
then, both grew, and they were never compared again. With them the mean drop is 0.010, but 6 of
those 30 seeds still lose more than 0.02 (worst 0.047): a first increment that mixes related
headlines (several business stories) into one story, which no merge undoes, or halves whose
centroids stay below MERGE_THRESHOLD (bench/RESULTS.md).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import repeat
from operator import mul
from typing import Any

import numpy as np

from newsweave import config
from newsweave.model import Article
from newsweave.nlp import EMBEDDING_DIM

# --- representations -----------------------------------------------------------------------
# Characters of the body that count as the lead (title + lead are embedded and up-weighted).
# ~3 news sentences; the embedder truncates at 256 word pieces anyway.
LEAD_CHARS = 600
# Hashed vocabulary size for the lexical vectors (2**20: collisions negligible for news).
HASH_FEATURES = 2**20
# Weight of title+lead term frequencies relative to the body's (issue 5: "with more weight").
HEAD_WEIGHT = 2.0
# Terms kept per article vector and per story centroid. Calibrated on
# story_clustering/mds_clusters_dev.jsonl: 64/256 lose <0.002 B-cubed F1 against untruncated
# vectors while bounding memory to ~2 KB per story. Re-run `newsweave eval cluster` if changed.
ARTICLE_TERMS = 64
CENTROID_TERMS = 256
# Terms kept per article for the pairwise link step (body only, not kept in the state): on
# mds_clusters_dev, link clustering with 64 / 128 / 256 / all body terms gave B-cubed F1
# 0.940 / 0.950 / 0.955 / 0.951 (threshold 0.2, cross-fitted; bench/RESULTS.md).
LINK_TERMS = 256
# Body terms kept in a story's summed body vector (what a later batch's articles are linked
# against, :func:`_place_groups`); trimmed to this many when it reaches twice as many.
CENTROID_LINK_TERMS = 512
# Members of an earlier story (the most recent) that new articles are linked against.
LINK_STORY_MEMBERS = 64
# Pairwise link step for full-length articles (newsweave.cluster_links); False = the single
# pass alone (the clustering of newsweave before 2026-12-04).
LINKS = True
# spaCy entity labels that identify a story's who and where.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT"})

# --- scoring (the single pass over centroids) ------------------------------------------------
# Since 2026-12-04 the pass handles headline-only articles (full-length ones go through the
# link step of newsweave.cluster_links, when LINKS is on); the "documents" figures in the
# comments below were measured when documents went through this pass too.
# score = W_EMB * cos(embedding) + W_LEX * cos(lexical) + W_ENT * entity overlap - time penalty.
# Weights and threshold calibrated together on the two story_clustering dev sets (documents
# and headlines-only) with round values, one setting for both; see bench/RESULTS.md. Re-run
# `newsweave eval cluster` on both files after changing any of them.
W_EMB = 0.5
W_LEX = 0.45
W_ENT = 0.1
ASSIGN_THRESHOLD = 0.32
# Headline-only (or very short) articles: similarities between two headlines of one story are
# much lower than between two full articles (fewer shared words, a noisier embedding), so they
# join a story at a lower score. Calibrated on story_clustering/uci_news_headlines_dev.jsonl;
# SHORT_TEXT_THRESHOLD re-chosen by story-grouped CV there (bench/cv_cluster.py, issue 23:
# 0.12 in 9 of 10 folds, MERGE_THRESHOLD 0.45 in the same 9). SHORT_TEXT_WORDS decides which
# articles take the single pass instead of the link step: 20 (a long headline; the headlines
# of the dev file have at most 17 words) rather than 30 keeps stubs of a headline and a
# sentence in the link step; bench/cv_cluster.py --short-words, out-of-fold B-cubed F1
# (fold seeds 1 / 2) 30 -> 20: mds 0.9465 -> 0.9440 / 0.9425 -> 0.9456, ecbplus 0.9444 ->
# 0.9517 / 0.9408 -> 0.9581; headlines unchanged.
SHORT_TEXT_WORDS = 20
SHORT_TEXT_THRESHOLD = 0.12
# Time proximity (when both dates are known): an article published far from the story's time
# span loses up to W_TIME, 1 - exp(-gap / TIME_SCALE_HOURS) of it (no bonus for being close, so
# unrelated stories of the same hour are not pushed together); undated articles lose nothing.
# Stories whose span is more than TIME_WINDOW_DAYS away are not candidates at all (news stories
# rarely run longer than a few weeks without a new angle). Calibrated on
# story_clustering/uci_news_headlines_dev.jsonl (the only dated dev set).
W_TIME = 0.5
TIME_SCALE_HOURS = 6.0
TIME_WINDOW_DAYS = config.TIME_WINDOW_DAYS  # 14 days
# Nearest-neighbour candidates per article and articles per matrix-product chunk. Fewer
# candidates would be faster, but 4 or 6 cost 0.006-0.008 B-cubed F1 on the headlines dev set
# in incremental mode (--batches 10), so 8 stays.
CANDIDATES = 8
CHUNK = config.CHUNK
# Passes of reassignment after a batch (see module docstring); 0 = pure single pass.
REFINE_PASSES = 1
# How much better another story must fit before refinement moves an article there.
REFINE_MARGIN = 0.02
# Refinement only revisits articles whose pass was a close call: those that opened a story
# and those whose best story beat the runner-up candidate by less than this. Chosen for speed
# (round value, not a dev optimum): on the two story_clustering dev sets (one batch, cached
# embeddings and entities) refining every article / scope 0.1 / 0.05 gives B-cubed F1
# documents 0.9113 / 0.9094 / 0.9083, headlines 0.9416 / 0.9439 / 0.9451, while 0.1 skips
# most of the refinement's scoring (bench/bench_cluster.py 10k: 472 -> 608 articles/CPU-s
# together with the faster lexical dot product).
REFINE_SCOPE = 0.1
# The link step of an increment revises the earlier stories its new articles link to: their
# held members and the new articles are grouped afresh by the one-batch linkage (every row
# looks for neighbours, no fixed groups), then each earlier story goes to the group holding
# most of its members and the others move (issue 23; see _place_groups). False: earlier
# stories are fixed groups that new articles may join and never split (before 2026-12-06).
# Not a tuned constant: it makes the incremental decision the batch decision; one batch is
# unchanged (no earlier stories), ten increments of ecbplus_dev went from 0.14-0.16 below one
# batch to within 0.004 (bench/batches_cluster.py, bench/RESULTS.md).
REVISE_STORIES = True
# Story-level merge after the pass (see :func:`merge_new_stories`): a story opened in this
# batch joins an earlier story when their centroids score at least this much (same score as
# an article against a story, with the story's centroid standing in for the article).
# Centroids are averages, so two halves of one story score higher against each other than a
# single article does against its story. Swept on both story_clustering dev sets (B-cubed F1,
# one batch): headlines 0.30 -> 0.892, 0.40 and 0.50 -> 0.941 (plateau), 0.60 -> 0.911 (no
# merges); documents 0.40 -> 0.915, 0.50 -> 0.910 (no merges). 0.45 sits mid-plateau, not at
# a dev-set optimum. Re-run `newsweave eval cluster` on both files if changed. None disables.
MERGE_THRESHOLD: float | None = 0.45
# The story merge of an increment also takes every story of an earlier batch that the single
# pass opened and that this batch changed (received or lost a headline), as if it were opened
# now: compared with the stories opened before it at MERGE_THRESHOLD, with its current
# centroid. One batch makes the merge decision once, with the finished centroids; an increment
# made it only when a story was opened, with a centroid of one or two headlines, so two halves
# of one story opened apart early kept growing apart (issue 23, fifth round). Not a tuned
# constant: it makes the increment's merge the batch's merge; one batch is unchanged (it has no
# earlier stories). Stories the link step formed are not taken: the link step revises those
# (REVISE_STORIES), and one batch never merges them by the centroid score either. False: only
# the stories opened in this batch are merged (before 2026-12-06).
REVISIT_MERGES = True

EMBED_DIM = EMBEDDING_DIM  # all-MiniLM-L6-v2 vectors (newsweave.nlp)


# --- features ------------------------------------------------------------------------------


@dataclass
class Features:
    """The representations of a batch of articles, row i for article i."""

    ids: list[str]
    emb: np.ndarray  # (n, EMBED_DIM) float32, L2-normalised
    terms: list[tuple[np.ndarray, np.ndarray]]  # (hashed term ids, weights), unit norm
    ents: list[frozenset[int]]
    times: np.ndarray  # days since epoch, nan when unknown
    thresholds: np.ndarray  # score an article needs to join a story (see SHORT_TEXT_WORDS)
    # body terms for the pairwise link step (newsweave.cluster_links): the LINK_TERMS heaviest
    # TF-IDF terms of the body alone, as (hashed ids, log term frequencies); the idf weights
    # are applied when linking (:func:`link_vector`), with the document frequencies of that
    # moment, so earlier articles are re-weighted as the stream grows. None: no link step.
    body: list[tuple[np.ndarray, np.ndarray]] | None = None
    # the years (:func:`year_keys`) and dates (:func:`date_keys`) each article mentions, for
    # the link step; None: none
    years: list[frozenset[int]] | None = None
    # each article's salient names (:func:`salient_names`), for the link step; None: none
    names: list[frozenset[int]] | None = None
    # whole-body Porter-stem counts of each full-length article (:func:`stem_counts`; None for
    # the short ones), weighted by :func:`stem_vector` when linking; None: none at all
    stems: list[tuple[np.ndarray, np.ndarray] | None] | None = None


def _vectorizer():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        n_features=HASH_FEATURES,
        alternate_sign=False,
        norm=None,
        stop_words="english",
        lowercase=True,
        token_pattern=r"(?u)\b[^\W\d_][\w'-]*[\w]\b|\b\d{3,}\b",
        dtype=np.float32,
    )


# --- whole-body stem TF-IDF (the link model's cos_stem input, issue 23) -------------------
# Words of a body as bench/cv_cluster.py measured them (its tfidf_features): runs of two or
# more ASCII letters of the lower-cased text, each reduced by nltk's Porter stemmer and kept
# as a 63-bit hash of the stem (about no collisions at any pile size, so the vector is the
# CV's exact stem TF-IDF). Weights: sublinear tf (1 + log count) x smooth idf over the long
# articles clustered so far (ClusterState.stem_df), unit norm.
_STEM_WORD = re.compile(r"[a-z]{2,}")
# Stems kept in a story's summed stem vector (StoryCentroid.stems; twice this before a trim).
# Not tuned (only _group_link reads it: stories whose members' features are not held, which
# no one-batch CV run exercises): about the distinct stems of four long mds_clusters_dev
# articles (mean 256), twice CENTROID_LINK_TERMS as the stem vectors are not trimmed.
CENTROID_STEM_TERMS = 1024


@lru_cache(maxsize=1)
def _porter():
    from nltk.stem import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=1 << 18)
def _stem_id(word: str) -> int:
    """Hash of ``word``'s Porter stem (cached per word: stemming is the expensive part)."""
    stem = _porter().stem(word)
    return int.from_bytes(hashlib.blake2b(stem.encode(), digest_size=8).digest(), "little") >> 1


def stem_counts(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The body's stems as (sorted unique int64 stem hashes, float32 counts)."""
    words = _STEM_WORD.findall(text.lower())
    ids = np.fromiter((_stem_id(w) for w in words), np.int64, len(words))
    uniq, counts = np.unique(ids, return_counts=True)
    return uniq, counts.astype(np.float32)


def stem_vector(
    counts: tuple[np.ndarray, np.ndarray], idf: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Stem counts (:func:`stem_counts`) as the unit-norm sublinear TF-IDF vector the link step
    compares (``idf``: the weights of those stems, :meth:`ClusterState.stem_idf`)."""
    ids, tf = counts
    w = (1.0 + np.log(np.maximum(tf.astype(np.float64), 1.0))) * idf
    norm = float(np.sqrt(np.dot(w, w))) or 1.0
    return ids, (w / norm).astype(np.float32)


def lead_text(article: Article) -> str:
    """The lead of an article: its first :data:`LEAD_CHARS` characters, cut after the last
    full stop past half of them (a prefix of ``article.text``)."""
    lead = article.text[:LEAD_CHARS]
    cut = lead.rfind(". ")
    if len(article.text) > LEAD_CHARS and cut > LEAD_CHARS // 2:
        lead = lead[: cut + 1]
    return lead


def head_text(article: Article) -> str:
    """Title and lead of an article: what is embedded and lexically up-weighted."""
    lead = lead_text(article)
    return f"{article.title}. {lead}" if article.title else lead


def parse_time(value: str | None) -> float:
    """Days since the epoch of an ISO 8601 date/datetime string, or nan."""
    if not value:
        return math.nan
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return math.nan
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp() / 86400.0


# Years a text mentions (four digits, 1900-2099): what tells two events of the same kind apart
# in time when articles carry no date (issue 23; the link model's year_conflict feature).
YEAR_PATTERN = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?!\w|[.,]\d)")


def year_keys(text: str) -> frozenset[int]:
    """The years ``text`` mentions, as negative keys (-1999) that sit in an article's entity
    set beside the (non-negative) entity keys: stored and summed with the entities (a story's
    majority years), told apart by sign (:func:`newsweave.cluster_links.year_conflicts`)."""
    return frozenset(-int(y) for y in YEAR_PATTERN.findall(text))


# Calendar dates a text names, month and day ("March 8", "Sept. 11, 2001"), for the link
# model's cos_date input (issue 23, eighth round: the "when" of a story beyond its years;
# bench/cv_cluster.py's research form, bench/RESULTS.md). Kept as negative keys below
# DATE_KEY_BASE (-(10,000 + 100 x month + day)), apart from the year keys (-1900..-2099), so
# they sit, are stored and are summed in an article's entity set as the years are.
DATE_KEY_BASE = -10_000
_MONTH_DAY = re.compile(
    r"(jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
    r"aug(?:ust|\.)?|sep(?:tember|t\.|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
    r"\s+(\d{1,2})(?:st|nd|rd|th)?\b"
)
_MONTH_NUMBER = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}


def date_keys(text: str) -> frozenset[int]:
    """The month-day dates ``text`` names, as keys below :data:`DATE_KEY_BASE`
    (:func:`newsweave.cluster_links.date_cosines`)."""
    return frozenset(
        DATE_KEY_BASE - 100 * _MONTH_NUMBER[m.group(1)[:3]] - int(m.group(2))
        for m in _MONTH_DAY.finditer(text.lower())
    )


# Names per article for the link model's shared-names feature (issue 23, 2026-12-06): the
# article's SALIENT_NAMES capitalised words (not opening a line or a sentence) with the most
# log term frequency x idf over the pile, i.e. the names its body repeats that few other
# articles use. Chosen by bench/cv_cluster.py (names 5 / 10 / 20; bench/RESULTS.md, issue 23).
SALIENT_NAMES = 10
_CAPITALISED = re.compile(r"[A-Z][\w'\u2019-]*[A-Za-z]")
_SENTENCE_END = frozenset(".!?:\"'\u201c\u2018(\u2014-")


def name_tokens(text: str) -> list[str]:
    """Capitalised words of ``text`` that do not open a line or a sentence: names (people,
    places, organisations) without running a model, over the whole body."""
    out = []
    for line in text.split("\n"):
        for m in _CAPITALISED.finditer(line):
            before = line[: m.start()].rstrip()
            if before and before[-1] not in _SENTENCE_END:
                out.append(m.group(0))
    return out


def salient_names(x, idf: np.ndarray, keep: int = SALIENT_NAMES) -> list[frozenset[int]]:
    """Per row of the hashed name-count matrix ``x`` (:func:`name_tokens` through
    :func:`_vectorizer`): its ``keep`` names of highest (1 + log tf) x idf, as keys offset by
    :data:`newsweave.cluster_links.NAME_KEY_BASE` (so they sit in the entity set beside the
    entity and year keys)."""
    from newsweave.cluster_links import NAME_KEY_BASE

    out = []
    for i in range(x.shape[0]):
        s, e = x.indptr[i], x.indptr[i + 1]
        idx = x.indices[s:e].astype(np.int64)
        w = (1.0 + np.log(np.maximum(x.data[s:e], 1.0))) * idf[idx]
        top = idx[np.lexsort((idx, -w))[:keep]]
        out.append(frozenset((top + NAME_KEY_BASE).tolist()))
    return out


def _entity_key(text: str) -> int:
    norm = " ".join(text.lower().replace("'s", "").replace("\u2019s", "").split()).strip(".,\"' ")
    if norm.startswith("the "):
        norm = norm[4:]
    return zlib.crc32(norm.encode("utf-8"))


def extract_entities(texts: Sequence[str]) -> list[frozenset[int]]:
    """Named entities of each text (NER only, batched), as hashed normalised names."""
    from newsweave import nlp as nw_nlp

    return [_entity_keys(doc.ents) for doc in nw_nlp.ner_only(texts)]


def _entity_keys(ents: Iterable[Any]) -> frozenset[int]:
    return frozenset(_entity_key(e.text) for e in ents if e.label_ in ENTITY_LABELS)


def head_entities(articles: Sequence[Article]) -> list[frozenset[int]]:
    """The entities of each article's title and lead (:func:`head_text`), hashed.

    An article whose full parse this process made already (``nlp.cached_parses``: a run
    parses every article before clustering) takes the entities of that parse that end within
    its lead, and only its title goes through NER: the lead is not run through NER a second
    time (issue 22: that second pass cost 0.012 CPU s per MDS article, 5% of the whole run).
    The full-text NER sees the lead in its article's context, so a few entities differ from
    a lead-only NER at its edge (250 MDS / ECB+ articles: 18 of 1,377 / 31 of 1,580 keys;
    clustering within noise, bench/RESULTS.md); an article without a cached parse gets the
    NER of its head text as before."""
    from newsweave import nlp as nw_nlp

    cached = nw_nlp.cached_parses(a.text for a in articles)
    out: list[frozenset[int] | None] = [None] * len(articles)
    titles: list[tuple[int, str]] = []
    heads: list[int] = []
    for i, a in enumerate(articles):
        doc = cached.get(a.text)
        if doc is None:
            heads.append(i)
            continue
        end = len(lead_text(a))
        out[i] = _entity_keys(e for e in doc.ents if e.end_char <= end)
        if a.title:
            titles.append((i, a.title))
    for (i, _), keys in zip(titles, extract_entities([t for _, t in titles]), strict=True):
        out[i] = (out[i] or frozenset()) | keys
    for i, keys in zip(
        heads, extract_entities([head_text(articles[i]) for i in heads]), strict=True
    ):
        out[i] = keys
    return [keys or frozenset() for keys in out]


def featurize(
    articles: Sequence[Article],
    state: ClusterState,
    *,
    use_entities: bool = True,
    embeddings: np.ndarray | None = None,
) -> Features:
    """Compute the representations of ``articles`` (updates ``state``'s document frequencies).

    ``embeddings`` may be given precomputed (rows aligned with ``articles``); otherwise all
    title+lead texts are embedded in one batched call.
    """
    from newsweave import nlp as nw_nlp

    heads = [head_text(a) for a in articles]
    n = len(articles)
    if embeddings is None:
        embeddings = nw_nlp.embed(heads) if n else np.zeros((0, EMBED_DIM), np.float32)
    vec = _vectorizer()
    xb = vec.transform([a.text for a in articles]).tocsr()
    # title and lead counted together (a line break keeps their words apart)
    xh = vec.transform([f"{a.title or ''}\n{a.text[:LEAD_CHARS]}" for a in articles]).tocsr()
    for x in (xb, xh):
        x.data = 1.0 + np.log(np.maximum(x.data, 1.0))
    x = (xb + HEAD_WEIGHT * xh).tocsr()
    # document frequencies count this batch too, so the first batch has an idf
    present = x.copy()
    present.data[:] = 1
    state.add_df(np.asarray(present.sum(axis=0)).ravel(), n)
    idf = state.idf()
    terms = _top_terms(x, idf, ARTICLE_TERMS)
    body = _top_terms(xb, idf, LINK_TERMS, weighted=False)
    names = salient_names(
        vec.transform([" ".join(name_tokens(a.text)) for a in articles]).tocsr(), idf
    )
    ents = head_entities(articles) if use_entities and n else [frozenset()] * n
    times = np.array([parse_time(a.published) for a in articles], dtype=np.float64)
    thresholds = np.array(
        [
            SHORT_TEXT_THRESHOLD if len(a.text.split()) <= SHORT_TEXT_WORDS else ASSIGN_THRESHOLD
            for a in articles
        ],
        dtype=np.float64,
    )
    long = thresholds >= ASSIGN_THRESHOLD
    stems: list[tuple[np.ndarray, np.ndarray] | None] = [
        stem_counts(a.text) if ok else None for a, ok in zip(articles, long.tolist(), strict=True)
    ]
    dates = [date_keys(a.text) for a in articles]
    # the date keys of the long articles count in the stem document frequencies (negative,
    # apart from the stem hashes): cos_date's idf over the same articles as cos_stem's
    state.add_stem_df(
        [
            (np.concatenate([s[0], np.fromiter(sorted(d), np.int64, len(d))]), s[1])
            for s, d in zip(stems, dates, strict=True)
            if s is not None
        ]
    )
    return Features(
        ids=[a.id for a in articles],
        emb=np.asarray(embeddings, dtype=np.float32),
        terms=terms,
        ents=ents,
        times=times,
        thresholds=thresholds,
        body=body,
        years=[year_keys(a.text) | d for a, d in zip(articles, dates, strict=True)],
        names=names,
        stems=stems,
    )


def _top_terms(
    x, idf: np.ndarray, keep: int, weighted: bool = True
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per row of the term-frequency matrix ``x``: its ``keep`` heaviest TF-IDF terms as
    (hashed ids, unit-norm float32 TF-IDF weights), or with ``weighted=False`` as (hashed ids,
    float32 term frequencies of ``x``)."""
    out = []
    for i in range(x.shape[0]):
        s, e = x.indptr[i], x.indptr[i + 1]
        idx = x.indices[s:e].astype(np.int64)
        tf = x.data[s:e]
        w = tf * idf[idx]
        if len(w) > keep:
            top = np.argpartition(-w, keep)[:keep]
            idx, w, tf = idx[top], w[top], tf[top]
        if not weighted:
            out.append((idx, tf.astype(np.float32)))
            continue
        norm = float(np.sqrt(np.dot(w, w))) or 1.0
        out.append((idx, (w / norm).astype(np.float32)))
    return out


def link_vector(
    body: tuple[np.ndarray, np.ndarray], idf: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """An article's body terms (:attr:`Features.body`: ids, term frequencies) as the unit-norm
    TF-IDF vector the link step compares, with the given idf weights."""
    idx, tf = body
    w = tf.astype(np.float64) * idf[idx]
    norm = float(np.sqrt(np.dot(w, w))) or 1.0
    return idx, (w / norm).astype(np.float32)


# --- state ---------------------------------------------------------------------------------


@dataclass
class StoryCentroid:
    """What a story looks like: sums over its members (recomputed only when it changes)."""

    key: str  # id of the article that opened the story; the story id derives from it
    members: list[str] = field(default_factory=list)
    emb_sum: np.ndarray = field(default_factory=lambda: np.zeros(EMBED_DIM, np.float32))
    terms: dict[int, float] = field(default_factory=dict)
    ents: Counter = field(default_factory=Counter)
    t_min: float = math.nan
    t_max: float = math.nan
    # sum of the members' body term vectors (Features.body) and how many members added one
    body: dict[int, float] = field(default_factory=dict)
    body_n: int = 0
    # sum of the members' unit stem vectors (stem_vector) and how many members added one
    stems: dict[int, float] = field(default_factory=dict)
    stem_n: int = 0
    _norm: float = 0.0
    _unit: np.ndarray | None = None
    _arrays: tuple | None = None  # (terms dict, sorted term ids, their weights); see term_arrays

    @property
    def size(self) -> int:
        return len(self.members)

    def drop_cache(self) -> None:
        """Forget the cached unit embedding (recomputed on demand), e.g. before pickling."""
        self._unit = None

    def add(self, aid: str, emb: np.ndarray, terms, ents, t: float, body=None, stems=None) -> None:
        self.members.append(aid)
        if body is not None:
            self.body_n += 1
            self.body = _add_terms(self.body, body, CENTROID_LINK_TERMS)
        if stems is not None:
            self.stem_n += 1
            self.stems = _add_terms(self.stems, stems, CENTROID_STEM_TERMS)
        self.emb_sum += emb
        self._unit = None
        self._arrays = None
        self.terms = _add_terms(self.terms, terms, CENTROID_TERMS)
        self._norm = 0.0
        self.ents.update(ents)
        if not math.isnan(t):
            self.t_min = t if math.isnan(self.t_min) else min(self.t_min, t)
            self.t_max = t if math.isnan(self.t_max) else max(self.t_max, t)

    def remove(self, aid: str, emb: np.ndarray, terms, ents, body=None, stems=None) -> None:
        self.members.remove(aid)
        if body is not None:
            self.body_n -= 1
            _subtract_terms(self.body, body)
        if stems is not None:
            self.stem_n -= 1
            _subtract_terms(self.stems, stems)
        self.emb_sum -= emb
        self._unit = None
        self._arrays = None
        _subtract_terms(self.terms, terms)
        self._norm = 0.0
        self.ents.subtract(ents)
        self.ents = +self.ents

    def majority_entities(self) -> frozenset[int]:
        """The entities at least half of the members name."""
        return frozenset(e for e, c in self.ents.items() if 2 * c >= self.size)

    def term_norm(self) -> float:
        if not self._norm:
            self._norm = math.sqrt(sum(v * v for v in self.terms.values())) or 1.0
        return self._norm

    def term_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The centroid's terms as (sorted term ids, float64 weights), cached until it changes
        (a story is scored many times between changes; see :func:`_chunk_lexical`)."""
        if self._arrays is None or self._arrays[0] is not self.terms:
            ids = np.fromiter(self.terms.keys(), np.int64, len(self.terms))
            vals = np.fromiter(self.terms.values(), np.float64, len(self.terms))
            order = np.argsort(ids)
            self._arrays = (self.terms, ids[order], vals[order])
        return self._arrays[1], self._arrays[2]

    def unit_emb(self) -> np.ndarray:
        if self._unit is None:
            n = float(np.sqrt(np.dot(self.emb_sum, self.emb_sum)))
            self._unit = self.emb_sum / n if n else self.emb_sum.copy()
        return self._unit


def _add_terms(summed: dict[int, float], vec, keep: int) -> dict[int, float]:
    """Add the sparse vector ``vec`` (ids, weights) to ``summed``; once it holds twice
    ``keep`` terms, trim it to its ``keep`` heaviest. Returns the (possibly new) dict."""
    for k, v in zip(vec[0].tolist(), vec[1].tolist(), strict=True):
        summed[k] = summed.get(k, 0.0) + v
    if len(summed) > 2 * keep:
        summed = dict(sorted(summed.items(), key=lambda kv: -kv[1])[:keep])
    return summed


def _subtract_terms(summed: dict[int, float], vec) -> None:
    """Subtract the sparse vector ``vec`` from ``summed`` (terms trimmed away stay away;
    terms left at about zero are dropped)."""
    for k, v in zip(vec[0].tolist(), vec[1].tolist(), strict=True):
        if k in summed:
            left = summed[k] - v
            if left > 1e-6:
                summed[k] = left
            else:
                del summed[k]


class ClusterState:
    """Stories found so far, with centroids, assignments and document frequencies."""

    def __init__(self) -> None:
        self.stories: dict[str, StoryCentroid] = {}
        self.assignment: dict[str, str] = {}  # article id -> story key
        self.df = np.zeros(HASH_FEATURES, dtype=np.int32)
        self.n_docs = 0
        # document frequencies of the stems (stem_counts) over the full-length articles:
        # sorted stem hashes, their counts, and how many articles were counted
        self.stem_ids = np.zeros(0, np.int64)
        self.stem_df = np.zeros(0, np.int64)
        self.stem_docs = 0
        self._stems: dict[str, tuple] = {}  # stem counts of held articles (Features.stems)
        self._stem_cache: dict[str, tuple] = {}  # their stem vectors in this batch
        # retrieval matrix: one row per story (unit centroid embedding), grown by doubling
        self._rows: dict[str, int] = {}
        self._keys: list[str] = []
        self._mat = np.zeros((64, EMBED_DIM), np.float32)
        self._tmax = np.full(64, np.nan)
        # article features needed to move articles between stories (refinement)
        self._features: dict[str, tuple] = {}
        self._body: dict[str, tuple] = {}  # their body terms (Features.body)
        # idf of the batch being assigned and the link vectors made with it (link_body)
        self._link_idf: np.ndarray | None = None
        self._link_cache: dict[str, tuple] = {}
        # link features added in this process (written by save_state) and where to fetch
        # those of earlier runs (set by load_state: the store's cluster_features)
        self._unsaved: set[str] = set()
        self._feature_source = None
        # keys of the stories the single pass opened (the story merge of a later batch
        # revisits those it changes, see REVISIT_MERGES); stored in cluster_meta
        self.pass_stories: set[str] = set()

    def link_body(self, aid: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The article's body as a link vector (:func:`link_vector`) with the idf of the
        batch being assigned (the same vector every time within a batch), or None."""
        body = self._body.get(aid)
        if body is None:
            return None
        out = self._link_cache.get(aid)
        if out is None:
            if self._link_idf is None:
                self._link_idf = self.idf()
            out = self._link_cache[aid] = link_vector(body, self._link_idf)
        return out

    def link_stems(self, aid: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The article's stem vector (:func:`stem_vector`) with the stem document frequencies
        of this batch, or None (a short article, or one stored without stems)."""
        counts = self._stems.get(aid)
        if counts is None:
            return None
        out = self._stem_cache.get(aid)
        if out is None:
            out = self._stem_cache[aid] = stem_vector(counts, self.stem_idf(counts[0]))
        return out

    def hold_features(self, article_ids: Sequence[str]) -> None:
        """Make sure the link features of these articles are held, fetching the missing ones
        from the store the state was loaded from (one query per 500 articles)."""
        if self._feature_source is None:
            return
        missing = [a for a in article_ids if a not in self._body]
        if missing:
            for aid, feats, body, *stems in self._feature_source(missing):
                self._features[aid] = feats
                self._body[aid] = body
                if stems and stems[0] is not None:
                    self._stems[aid] = stems[0]

    # document frequencies
    def add_df(self, counts: np.ndarray, n: int) -> None:
        self.df += counts.astype(np.int32)
        self.n_docs += n

    def idf(self) -> np.ndarray:
        return (np.log((1.0 + self.n_docs) / (1.0 + self.df)) + 1.0).astype(np.float32)

    def add_stem_df(self, counts: Sequence[tuple[np.ndarray, np.ndarray]]) -> None:
        """Count these articles' stems (:func:`stem_counts`) in the stem document frequencies."""
        if not counts:
            return
        ids = np.concatenate([c[0] for c in counts])
        self._merge_stem_df(ids, np.ones(len(ids), np.int64), len(counts))

    def _merge_stem_df(self, ids: np.ndarray, df: np.ndarray, docs: int) -> None:
        if not docs:
            return
        self.stem_ids, inv = np.unique(np.concatenate([self.stem_ids, ids]), return_inverse=True)
        self.stem_df = np.bincount(
            inv.ravel(), weights=np.concatenate([self.stem_df, df]), minlength=len(self.stem_ids)
        ).astype(np.int64)
        self.stem_docs += docs
        self._stem_cache = {}

    def stem_idf(self, ids: np.ndarray) -> np.ndarray:
        """Smooth idf of these stems over the full-length articles counted so far (as
        scikit-learn's TfidfVectorizer: log((1 + n) / (1 + df)) + 1)."""
        pos = np.searchsorted(self.stem_ids, ids)
        pos = np.minimum(pos, max(len(self.stem_ids) - 1, 0))
        df = np.zeros(len(ids), np.float64)
        if len(self.stem_ids):
            hit = self.stem_ids[pos] == ids
            df[hit] = self.stem_df[pos[hit]]
        return np.log((1.0 + self.stem_docs) / (1.0 + df)) + 1.0

    # retrieval rows
    def _set_row(self, key: str) -> None:
        row = self._rows.get(key)
        if row is None:
            row = len(self._keys)
            if row >= len(self._mat):
                self._mat = np.concatenate([self._mat, np.zeros_like(self._mat)])
                self._tmax = np.concatenate([self._tmax, np.full(len(self._tmax), np.nan)])
            self._rows[key] = row
            self._keys.append(key)
        story = self.stories.get(key)
        if story is None or not story.members:
            self._mat[row] = 0.0
            self._tmax[row] = np.nan
        else:
            self._mat[row] = story.unit_emb()
            self._tmax[row] = story.t_max

    def set_story(self, key: str, story: StoryCentroid) -> None:
        """Put ``story`` under ``key`` (its retrieval row and its members' assignments)."""
        self.stories[key] = story
        self._set_row(key)
        for aid in story.members:
            self.assignment[aid] = key

    def absorb_features(self, other: ClusterState) -> None:
        """Take over the article link features ``other`` holds (and which of them are
        unsaved): merging the states of several blocks of one run."""
        self._features.update(other._features)
        self._body.update(other._body)
        self._stems.update(other._stems)
        # the blocks' stem document frequencies add up to the run's (each block counts its own)
        self._merge_stem_df(other.stem_ids, other.stem_df, other.stem_docs)
        self._unsaved |= other._unsaved

    def set_feature_source(self, source) -> None:
        """Where :meth:`hold_features` fetches link features of articles of earlier runs:
        ``source(article_ids) -> [(article id, features, body)]``."""
        self._feature_source = source

    def unsaved_feature_rows(self) -> list[dict]:
        """``cluster_features`` rows of the link features added since the last save."""
        return [
            features_row(aid, self._features[aid], self._body[aid], self._stems.get(aid))
            for aid in sorted(self._unsaved)
            if aid in self._features and aid in self._body and aid in self.assignment
        ]

    def mark_features_saved(self) -> None:
        """The rows of :meth:`unsaved_feature_rows` were written."""
        self._unsaved.clear()


def score(story: StoryCentroid, emb: np.ndarray, terms, ents: frozenset[int], t: float) -> float:
    """Combined similarity of an article (its representations) to a story centroid."""
    idx, w = terms
    return _score(story, emb, idx.tolist(), w.tolist(), ents, t)


def _score(
    story: StoryCentroid,
    emb: np.ndarray,
    idx: list,
    w: list,
    ents: frozenset[int],
    t: float,
    lex: float | None = None,
) -> float:
    """:func:`score` with the article's terms as plain lists (the hot loop of assign);
    ``lex``, when given, is the lexical dot product already computed (:func:`_chunk_lexical`)."""
    cos_emb = float(np.dot(story.unit_emb(), emb))
    if lex is None:  # lexical dot product: one C-level pass of dict lookups
        lex = sum(map(mul, map(story.terms.get, idx, repeat(0.0)), w))
    cos_lex = lex / story.term_norm()
    ent = 0.0
    if ents and story.ents:
        n = story.size
        ent = sum(min(1.0, story.ents.get(e, 0) / n) for e in ents) / max(len(ents), 3)
    s = W_EMB * cos_emb + W_LEX * cos_lex + W_ENT * ent
    if not math.isnan(t) and not math.isnan(story.t_min):
        gap_hours = 24.0 * max(story.t_min - t, t - story.t_max, 0.0)
        s -= W_TIME * (1.0 - math.exp(-gap_hours / TIME_SCALE_HOURS))
    return s


def _canonical_order(features: Features) -> list[int]:
    return sorted(
        range(len(features.ids)),
        key=lambda i: (
            math.isnan(features.times[i]),
            0.0 if math.isnan(features.times[i]) else features.times[i],
            features.ids[i],
        ),
    )


def _retrieve(
    state: ClusterState, embs: np.ndarray, times: np.ndarray
) -> tuple[np.ndarray, np.ndarray | None]:
    """Nearest-neighbour step for a chunk: the rows of the stories active in the chunk's time
    window and the chunk-by-active-stories cosine matrix (None when there are no stories)."""
    n_rows = len(state._keys)
    active = np.arange(n_rows)
    if n_rows and not np.all(np.isnan(times)):
        lo = np.nanmin(times) - TIME_WINDOW_DAYS
        tm = state._tmax[:n_rows]
        # stories without dates stay candidates; dated ones must not have ended before the
        # chunk's window opens (scoring drops the ones too far on either side)
        active = np.flatnonzero(np.isnan(tm) | (tm >= lo))
    if not len(active):
        return active, None
    return active, embs @ state._mat[active].T


def _top_columns(sims: np.ndarray) -> np.ndarray:
    """Per row of a chunk's cosine matrix, the columns of its top :data:`CANDIDATES` (the same
    selection as :func:`_top_keys` row by row, done in one call)."""
    n = sims.shape[1]
    k = min(CANDIDATES, n)
    if k < n:
        return np.argpartition(-sims, k - 1, axis=1)[:, :k]
    return np.broadcast_to(np.arange(n), (sims.shape[0], n))


def _chunk_lexical(stories: list, terms: list) -> np.ndarray:
    """Lexical dot products (not yet divided by the story's term norm) of pairs: article
    ``terms[p]`` (ids, weights) with centroid ``stories[p]``, all pairs at once.

    Every centroid's sorted term ids are offset by its position times :data:`HASH_FEATURES`,
    so one searchsorted finds each article term in its own pair's centroid; products are
    summed per pair with bincount, in the article's term order with float64 weights: the same
    products added in the same order as :func:`_score`'s dict lookups (bit-identical on
    Python 3.11, whose ``sum`` of floats is sequential).
    """
    n = len(stories)
    arrays = [s.term_arrays() for s in stories]
    lens = np.fromiter((len(a[0]) for a in arrays), np.int64, n)
    if not lens.sum():
        return np.zeros(n)
    offs = np.arange(n, dtype=np.int64) * HASH_FEATURES
    keys = np.concatenate([a[0] for a in arrays]) + np.repeat(offs, lens)
    vals = np.concatenate([a[1] for a in arrays])
    q_lens = np.fromiter((len(t[0]) for t in terms), np.int64, n)
    pair = np.repeat(np.arange(n), q_lens)
    q = np.concatenate([t[0] for t in terms]) + offs[pair]
    w = np.concatenate([t[1] for t in terms]).astype(np.float64)
    pos = np.minimum(np.searchsorted(keys, q), len(keys) - 1)
    hit = keys[pos] == q
    return np.bincount(pair, weights=np.where(hit, vals[pos], 0.0) * w, minlength=n)


def _snapshot(
    state: ClusterState, active: np.ndarray, sims: np.ndarray | None, terms: list
) -> list[dict[str, float | None]]:
    """A chunk's nearest-neighbour candidates (row j: the top :data:`CANDIDATES` keys of
    ``sims[j]``, as :func:`_top_keys`), each with its lexical dot product with article j,
    computed in one vectorised step (:func:`_chunk_lexical`; None for an empty story). The
    products stay valid only while the story is unchanged: callers track the stories changed
    since the chunk started and score those afresh."""
    snap: list[dict[str, float | None]] = [{} for _ in terms]
    if sims is None:
        return snap
    pairs, stories, pair_terms = [], [], []
    for j, cols in enumerate(_top_columns(sims).tolist()):
        for r in active[cols].tolist():
            key = state._keys[r]
            story = state.stories.get(key)
            snap[j][key] = None
            if story is not None and story.members:
                pairs.append((j, key))
                stories.append(story)
                pair_terms.append(terms[j])
    if pairs:
        lexs = _chunk_lexical(stories, pair_terms).tolist()
        for (j, key), lex in zip(pairs, lexs, strict=True):
            snap[j][key] = lex
    return snap


def _top_keys(state: ClusterState, rows: np.ndarray, sims: np.ndarray) -> set[str]:
    k = min(CANDIDATES, len(rows))
    if k == 0:
        return set()
    top = np.argpartition(-sims, k - 1)[:k] if k < len(rows) else np.arange(len(rows))
    return {state._keys[rows[r]] for r in top}


def _score_if_in_window(story, emb, idx: list, w: list, ents, t, lex=None) -> float:
    if story is None or not story.members:
        return -math.inf
    if not math.isnan(t) and not math.isnan(story.t_max):
        if t - story.t_max > TIME_WINDOW_DAYS or story.t_min - t > TIME_WINDOW_DAYS:
            return -math.inf
    return _score(story, emb, idx, w, ents, t, lex)


def assign(state: ClusterState, features: Features) -> set[str]:
    """Assign each article of ``features`` to a story of ``state`` (or a new one).

    Articles already assigned are not assigned again (but the link step may move an earlier
    full-length article to another story, see :data:`REVISE_STORIES`). Returns the keys of the
    stories that changed (received or lost an article), so only those need recomputing.

    The matrix products run on one BLAS thread (see :func:`_one_blas_thread`).
    """
    with _one_blas_thread():
        return _assign(state, features)


def _one_blas_thread():
    """Context manager limiting BLAS to one thread. The products here are small (a chunk of
    articles by the stories in the time window), so a second thread gains little, and with
    OpenBLAS's busy-waiting threads on a shared 2-core machine it cost CPU time:
    bench/bench_cluster.py --articles 30000, assign 41.1 CPU s with 2 threads vs 33.5 with 1
    (2026-11-28, load ~7). threadpoolctl comes with scikit-learn."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _assign(state: ClusterState, features: Features) -> set[str]:
    state._link_idf, state._link_cache = state.idf(), {}  # link vectors of this batch
    state._stem_cache = {}
    try:
        return _assign_batch(state, features)
    finally:
        state._link_idf, state._link_cache, state._stem_cache = None, {}, {}


def _assign_batch(state: ClusterState, features: Features) -> set[str]:
    changed: set[str] = set()
    order = [i for i in _canonical_order(features) if features.ids[i] not in state.assignment]
    seen: set[str] = set()
    order = [i for i in order if not (features.ids[i] in seen or seen.add(features.ids[i]))]  # type: ignore[func-returns-value]
    unsure: list[str] = []  # articles refinement looks at again (see REFINE_SCOPE)
    passed: set[str] = set()  # stories the pass or refinement changed
    earlier = set(state.stories)  # stories of earlier batches
    if LINKS and features.body is not None:
        linked = [i for i in order if features.thresholds[i] >= ASSIGN_THRESHOLD]
        if linked:
            changed |= _place_groups(state, features, linked)
            done = set(linked)
            order = [i for i in order if i not in done]
    for c0 in range(0, len(order), CHUNK):
        chunk = order[c0 : c0 + CHUNK]
        active, sims = _retrieve(state, features.emb[chunk], features.times[chunk])
        snap = _snapshot(state, active, sims, [features.terms[i] for i in chunk])
        touched: list[str] = []
        touched_set: set[str] = set()
        for j, i in enumerate(chunk):
            aid = features.ids[i]
            emb, terms, ents, t = (
                features.emb[i],
                features.terms[i],
                features.ents[i],
                features.times[i],
            )
            pre = snap[j]
            cand = set(pre)
            if touched:  # stories created or changed since the chunk's snapshot
                rows = np.fromiter((state._rows[k] for k in touched), np.int64, len(touched))
                cand |= _top_keys(state, rows, state._mat[rows] @ emb)
            idx, w = terms[0].tolist(), terms[1].tolist()
            best, best_s = None, features.thresholds[i]
            runner_up = -math.inf  # best score among the other candidates
            for key in sorted(cand):
                lex = None if key in touched_set else pre.get(key)
                s = _score_if_in_window(state.stories.get(key), emb, idx, w, ents, t, lex)
                if s > best_s:
                    runner_up = max(runner_up, best_s) if best is not None else runner_up
                    best, best_s = key, s
                else:
                    runner_up = max(runner_up, s)
            if best is None or best_s - runner_up < REFINE_SCOPE:
                unsure.append(aid)
            if best is None:
                best = aid
                state.stories[best] = StoryCentroid(key=best)
                state.pass_stories.add(best)
            if features.body is not None:
                state._body[aid] = features.body[i]
                state._unsaved.add(aid)
            counts = features.stems[i] if features.stems is not None else None
            if counts is not None:
                state._stems[aid] = counts
            state.stories[best].add(
                aid, emb, terms, ents, t, state.link_body(aid), state.link_stems(aid)
            )
            state.assignment[aid] = best
            state._features[aid] = (emb, terms, ents, t)
            state._set_row(best)
            changed.add(best)
            passed.add(best)
            if best not in touched_set:
                touched_set.add(best)
                touched.append(best)
    for _ in range(REFINE_PASSES):
        moved = refine(state, unsure)
        changed |= moved
        passed |= moved
        if not moved:
            break
    if MERGE_THRESHOLD is not None:
        opened = {features.ids[i] for i in order} & set(state.stories)
        revisit = ((passed & earlier & state.pass_stories) - opened) if REVISIT_MERGES else set()
        changed |= merge_new_stories(state, opened, revisit)
    return changed


def _place_groups(state: ClusterState, features: Features, rows: list[int]) -> set[str]:
    """The link step for full-length articles (``rows``, canonical order).

    The new articles are grouped with :func:`newsweave.cluster_links.link_groups` together
    with the members of the earlier stories they may belong to (the :data:`CANDIDATES`
    nearest story centroids of each new article, up to :data:`LINK_STORY_MEMBERS` most recent
    members each, those whose features this state holds): an earlier story is a fixed group
    that new articles may join by average linkage, exactly as they would join a group of
    their own batch. With :data:`REVISE_STORIES` (default), the earlier stories that have a
    member among some new article's :data:`newsweave.cluster_links.LINK_NEIGHBOURS` nearest
    are not fixed: their held members are grouped afresh with the new articles (all of them
    looking for neighbours, as in one batch), each such story goes to the group holding most
    of its members (:func:`_group_keys`) and its members in other groups move to those
    groups' stories, so an early merge of two look-alike events that later articles tell
    apart is undone, and feeding a pile in increments gives nearly the stories of one batch.
    A group of new articles that joined no earlier story is then compared with the candidate
    stories whose members' features are not held (a state loaded from the store) by the link
    model over mean similarities (:func:`_group_link`), and otherwise opens a story keyed by
    its first article. Returns the keys of the stories that changed."""
    from newsweave import cluster_links

    m = len(rows)
    n_old = len(state._keys)  # stories of earlier batches
    new_ids = [features.ids[i] for i in rows]
    for aid, i in zip(new_ids, rows, strict=True):
        state._body[aid] = features.body[i]  # type: ignore[index]  # links: body is set
        counts = features.stems[i] if features.stems is not None else None
        if counts is not None:
            state._stems[aid] = counts
    cand_keys: list[set[str]] = [set() for _ in rows]
    if n_old:
        for c0 in range(0, m, CHUNK):
            chunk = rows[c0 : c0 + CHUNK]
            active, sims = _retrieve(state, features.emb[chunk], features.times[chunk])
            if sims is None:
                continue
            old = active < n_old
            active, sims = active[old], sims[:, old]
            if len(active):
                for j in range(len(chunk)):
                    cand_keys[c0 + j] = _top_keys(state, active, sims[j])
    stories_all = sorted(set().union(*cand_keys)) if m else []
    state.hold_features(
        [
            aid
            for key in stories_all
            if state.stories.get(key) is not None
            for aid in state.stories[key].members[-LINK_STORY_MEMBERS:]
        ]
    )
    fixed: list[list[int]] = []
    fixed_keys: list[str] = []
    unheld: set[str] = set()
    extra: list[str] = []
    for key in stories_all:
        story = state.stories.get(key)
        if story is None or not story.members:
            continue
        held = [
            aid
            for aid in story.members[-LINK_STORY_MEMBERS:]
            if aid in state._features and aid in state._body
        ]
        if not held:
            unheld.add(key)
            continue
        fixed.append(list(range(m + len(extra), m + len(extra) + len(held))))
        fixed_keys.append(key)
        extra.extend(held)
    years = features.years or [frozenset()] * len(features.ids)
    names = features.names or [frozenset()] * len(features.ids)
    # entities, years (year_keys) and salient names (salient_names) of each article
    ents = {i: features.ents[i] | years[i] | names[i] for i in rows}
    revise = REVISE_STORIES and bool(extra)
    emb, body, times, stems = _link_inputs(state, features, rows, extra)
    if revise:
        # only the earlier stories the new articles link to are revised: those with a member
        # among a new article's nearest (the others could not receive a new article anyway)
        a, b, _, _ = cluster_links.neighbour_pairs(
            emb, body, times, cluster_links.LINK_NEIGHBOURS, m
        )
        hit = set(b[(a < m) & (b >= m)].tolist())
        kept = [
            (grp, key) for grp, key in zip(fixed, fixed_keys, strict=True) if hit.intersection(grp)
        ]
        olds_kept = [extra[r - m] for grp, _ in kept for r in grp]
        fixed, fixed_keys, start = [], [], m
        for grp, key in kept:
            fixed.append(list(range(start, start + len(grp))))
            fixed_keys.append(key)
            start += len(grp)
        extra = olds_kept
        revise = bool(extra)
        emb, body, times, stems = _link_inputs(state, features, rows, extra)
    groups = cluster_links.link_groups(
        emb,
        body,
        [ents[i] for i in rows] + [state._features[aid][2] for aid in extra],
        times,
        n_new=None if revise else m,
        fixed=() if revise else fixed,
        stems=stems,
        key_idf=state.stem_idf,
    )
    owner = {r: key for grp, key in zip(fixed, fixed_keys, strict=True) for r in grp}
    keys = (
        _group_keys(state, groups, owner, [*new_ids, *extra])
        if revise
        else {gi: owner[grp[-1]] for gi, grp in enumerate(groups) if grp[-1] >= m}
    )
    pos = {i: j for j, i in enumerate(rows)}
    changed: set[str] = set()
    for gi, grp in enumerate(groups):
        new = [rows[g] for g in grp if g < m]
        olds = [g for g in grp if g >= m]
        best = keys.get(gi)
        if best is None and not new:
            continue
        if best is None and unheld and not olds:
            temp = StoryCentroid(key=features.ids[new[0]])
            for i in new:
                temp.add(
                    features.ids[i],
                    features.emb[i],
                    features.terms[i],
                    ents[i],
                    features.times[i],
                    state.link_body(features.ids[i]),
                    state.link_stems(features.ids[i]),
                )
            cands = set().union(*(cand_keys[pos[i]] for i in new)) & unheld
            best_p = cluster_links.LINK_THRESHOLD
            for key in sorted(cands):
                p = _group_link(temp, state.stories.get(key), state.stem_idf)
                if p >= best_p:
                    best, best_p = key, p
        if best is None:
            best = features.ids[new[0]]
        if best not in state.stories or not state.stories[best].members:
            state.stories[best] = StoryCentroid(key=best)
        story = state.stories[best]
        for g in olds:  # earlier articles the linkage now puts in another story (revise)
            aid = extra[g - m]
            if owner[g] != best:
                f_emb, f_terms, f_ents, f_t = state._features[aid]
                vec, svec = state.link_body(aid), state.link_stems(aid)
                state.stories[owner[g]].remove(aid, f_emb, f_terms, f_ents, vec, svec)
                story.add(aid, f_emb, f_terms, f_ents, f_t, vec, svec)
                state.assignment[aid] = best
                state._set_row(owner[g])
                changed |= {owner[g], best}
        for i in new:
            aid = features.ids[i]
            f = (features.emb[i], features.terms[i], ents[i], features.times[i])
            story.add(aid, *f, state.link_body(aid), state.link_stems(aid))
            state.assignment[aid] = best
            state._features[aid] = f
            state._unsaved.add(aid)
        if new:
            changed.add(best)
        state._set_row(best)
    return changed


def _link_inputs(
    state: ClusterState, features: Features, rows: list[int], extra: list[str]
) -> tuple[np.ndarray, list, np.ndarray, list]:
    """Embeddings (float32), link vectors, times and stem vectors (None where an article has
    none) of the new articles ``rows`` followed by the earlier articles ``extra``: the inputs
    of the link step."""
    emb = features.emb[rows]
    if extra:
        emb = np.concatenate([emb, np.stack([state._features[aid][0] for aid in extra])])
    ids = [features.ids[i] for i in rows] + extra
    body = [state.link_body(aid) for aid in ids]
    times = np.concatenate(
        [features.times[rows], np.array([state._features[aid][3] for aid in extra], np.float64)]
    )
    stems = [state.link_stems(aid) for aid in ids]
    return np.asarray(emb, np.float32), body, np.asarray(times, np.float64), stems


def _group_keys(
    state: ClusterState, groups: list[list[int]], owner: dict[int, str], ids: list[str]
) -> dict[int, str]:
    """Story keys for the groups of a revising link step (``owner``: row -> story key of the
    earlier articles' rows, ``ids``: the rows' article ids). Each earlier story goes to the
    group holding most of its held members (the largest overlaps are served first; on a tie the
    group holding the article that opened the story, then by key and group), so a story keeps
    its key as long as some group continues it. A group of earlier articles whose story went to
    another group opens a story keyed by its first article (earlier articles first) whose id is
    no story's key; a group without earlier articles gets no key here (the caller opens a story
    or joins one whose members are not held)."""
    overlap: Counter = Counter()
    opener: set[tuple[int, str]] = set()
    for gi, grp in enumerate(groups):
        for g in grp:
            if g in owner:
                overlap[(gi, owner[g])] += 1
                if ids[g] == owner[g]:
                    opener.add((gi, owner[g]))
    out: dict[int, str] = {}
    taken: set[str] = set()
    for (gi, key), _n in sorted(
        overlap.items(), key=lambda kv: (-kv[1], kv[0] not in opener, kv[0][1], kv[0][0])
    ):
        if gi not in out and key not in taken:
            out[gi] = key
            taken.add(key)
    for gi, grp in enumerate(groups):
        if gi in out or not any(g in owner for g in grp):
            continue
        for g in sorted(grp, key=lambda g: (g not in owner, g)):
            other = state.stories.get(ids[g])
            if ids[g] not in taken and (other is None or not other.members):
                out[gi] = ids[g]
                taken.add(ids[g])
                break
    return out


def group_link(
    group: StoryCentroid,
    story: StoryCentroid | None,
    key_idf: Callable[[np.ndarray], np.ndarray] | None = None,
) -> float:
    """Public name of :func:`_group_link` (used by :mod:`newsweave.distributed.blocking`)."""
    return _group_link(group, story, key_idf)


def _group_link(
    group: StoryCentroid,
    story: StoryCentroid | None,
    key_idf: Callable[[np.ndarray], np.ndarray] | None = None,
) -> float:
    """Link probability of a group of new articles with an earlier story: the link model
    (:func:`newsweave.cluster_links.link_probability`) applied to their *mean pairwise*
    embedding and body cosines (dot products of the member sums over the product of the
    sizes: exact, up to the trimming of the story's body terms) and to the overlap of the
    entities most members name. 0 when the story is empty, outside the time window, or has
    no body vectors (a story stored by a newsweave without them)."""
    from newsweave import cluster_links

    if story is None or not story.members or not story.body_n or not group.body_n:
        return 0.0
    if not math.isnan(group.t_min) and not math.isnan(story.t_min):
        if (
            group.t_min - story.t_max > TIME_WINDOW_DAYS
            or story.t_min - group.t_max > TIME_WINDOW_DAYS
        ):
            return 0.0
    size = float(group.size * story.size)
    cos_emb = float(np.dot(group.emb_sum, story.emb_sum)) / size
    small, large = sorted((group.body, story.body), key=len)
    cos_lex = sum(v * large.get(k, 0.0) for k, v in small.items()) / (group.body_n * story.body_n)
    cos_stem = cos_lex  # as cluster_links.stem_cosines: a side without stem vectors
    if group.stem_n and story.stem_n:
        small, large = sorted((group.stems, story.stems), key=len)
        cos_stem = sum(v * large.get(k, 0.0) for k, v in small.items()) / (
            group.stem_n * story.stem_n
        )
    majority = [group.majority_entities(), story.majority_entities()]
    one, two = np.array([0]), np.array([1])
    x = cluster_links.pair_features(
        np.array([cos_emb]),
        np.array([cos_lex]),
        cluster_links.entity_overlaps(majority, one, two),
        cluster_links.year_conflicts(majority, one, two),
        cluster_links.name_overlaps(majority, one, two),
        np.array([cos_stem]),
        cluster_links.date_cosines(majority, one, two, key_idf),
    )
    return float(cluster_links.link_probability(x)[0])


def _story_as_query(story: StoryCentroid):
    """A story's centroid in the shape of an article's features (for story-to-story scores):
    unit mean embedding, its heaviest terms (unit norm), the entities most members name, and
    the middle of its time span."""
    items = sorted(story.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:ARTICLE_TERMS]
    idx = np.array([k for k, _ in items], dtype=np.int64)
    w = np.array([v for _, v in items], dtype=np.float32)
    norm = float(np.sqrt(np.dot(w, w))) or 1.0
    ents = story.majority_entities()
    t = math.nan if math.isnan(story.t_min) else (story.t_min + story.t_max) / 2.0
    return story.unit_emb(), (idx, w / norm), ents, t


def merge_new_stories(
    state: ClusterState, opened: set[str], revisit: frozenset[str] | set[str] = frozenset()
) -> set[str]:
    """Fold each story opened in this batch, and each story of ``revisit`` (stories of
    earlier batches that this batch changed, :data:`REVISIT_MERGES`), into an earlier story
    whose centroid fits it.

    Stories are taken in the order they were opened; candidates are the nearest centroids
    (embedding) among stories opened *before* it, so the surviving key is always the earlier
    one. A story of ``revisit`` that folds away loses its key, and its members of earlier
    batches move with it (their features fetched from the store when the state was loaded
    from one; a story with members whose features cannot be had stays). Returns the keys of
    the stories that changed (an emptied one among them, gone from ``state.stories``).

    The nearest-neighbour step runs :data:`CHUNK` stories at a time (one matrix product per
    chunk, as in :func:`assign`); the candidates are then scored against the live centroids.
    """
    changed: set[str] = set()
    keys = [
        k
        for k in sorted(opened | revisit, key=lambda k: state._rows.get(k, -1))
        if state.stories.get(k) is not None and state.stories[k].members
    ]
    for c0 in range(0, len(keys), CHUNK):
        chunk = keys[c0 : c0 + CHUNK]
        queries = [_story_as_query(state.stories[k]) for k in chunk]
        active, sims_all = _retrieve(
            state, np.stack([q[0] for q in queries]), np.array([q[3] for q in queries])
        )
        if sims_all is None:
            continue
        tm = state._tmax[active]
        # candidates of every story of the chunk, with their lexical dot products computed in
        # one vectorised step (:func:`_chunk_lexical`); valid while the candidate is unchanged
        cands: list[dict[str, float | None]] = []
        pairs, stories, pair_terms = [], [], []
        for j, key in enumerate(chunk):
            t = queries[j][3]
            ok = active < state._rows[key]  # stories opened before this one
            if not math.isnan(t):  # the story's own time window (as _retrieve for one query)
                ok &= np.isnan(tm) | (tm >= t - TIME_WINDOW_DAYS)
            cand = dict.fromkeys(_top_keys(state, active[ok], sims_all[j, ok]))
            cands.append(cand)
            for other in cand:
                other_story = state.stories.get(other)
                if other_story is not None and other_story.members:
                    pairs.append((j, other))
                    stories.append(other_story)
                    pair_terms.append(queries[j][1])
        if pairs:
            lexs = _chunk_lexical(stories, pair_terms).tolist()
            for (j, other), lex in zip(pairs, lexs, strict=True):
                cands[j][other] = lex
        touched: set[str] = set()  # stories changed since the chunk started
        for j, key in enumerate(chunk):
            story = state.stories.get(key)
            if story is None or not story.members or not cands[j]:
                continue
            emb, terms, ents, t = queries[j]
            idx, w = terms[0].tolist(), terms[1].tolist()
            best, best_s = None, MERGE_THRESHOLD if MERGE_THRESHOLD is not None else math.inf
            for other in sorted(cands[j]):
                lex = None if other in touched else cands[j][other]
                s = _score_if_in_window(state.stories.get(other), emb, idx, w, ents, t, lex)
                if s > best_s or (best is None and s == best_s):
                    best, best_s = other, s
            if best is None:
                continue
            if key in revisit:
                state.hold_features(story.members)
                if not all(aid in state._features for aid in story.members):
                    continue
            touched |= {key, best}
            target = state.stories[best]
            for aid in list(story.members):
                f_emb, f_terms, f_ents, f_t = state._features[aid]
                target.add(
                    aid, f_emb, f_terms, f_ents, f_t, state.link_body(aid), state.link_stems(aid)
                )
                state.assignment[aid] = best
            del state.stories[key]
            state.pass_stories.discard(key)
            state._set_row(key)
            state._set_row(best)
            changed |= {key, best}
    return changed


def refine(state: ClusterState, article_ids: Sequence[str]) -> set[str]:
    """Re-score the given articles against their own and competing stories; move the ones
    that fit another story better. Returns the keys of stories that changed.

    A story whose opening article moves away keeps its key (ids stay stable); a story left
    empty disappears.
    """
    changed: set[str] = set()
    ids = [aid for aid in article_ids if aid in state._features and aid in state.assignment]
    for c0 in range(0, len(ids), CHUNK):
        chunk = ids[c0 : c0 + CHUNK]
        embs = np.stack([state._features[aid][0] for aid in chunk])
        times = np.array([state._features[aid][3] for aid in chunk], dtype=np.float64)
        active, sims = _retrieve(state, embs, times)
        snap = _snapshot(state, active, sims, [state._features[aid][1] for aid in chunk])
        touched: set[str] = set()  # stories changed since the chunk started
        for j, aid in enumerate(chunk):
            emb, terms, ents, t = state._features[aid]
            key = state.assignment[aid]
            own = state.stories[key]
            if own.size <= 1:
                continue
            body, svec = state.link_body(aid), state.link_stems(aid)
            own.remove(aid, emb, terms, ents, body, svec)
            pre = snap[j]
            idx, w = terms[0].tolist(), terms[1].tolist()
            best, best_s = key, _score(own, emb, idx, w, ents, t)
            for c in sorted(set(pre) - {key}):
                lex = None if c in touched else pre[c]
                s = _score_if_in_window(state.stories.get(c), emb, idx, w, ents, t, lex)
                if s > best_s + REFINE_MARGIN:  # hysteresis: only clearly better fits move
                    best, best_s = c, s
            touched |= {key, best}
            state.stories[best].add(aid, emb, terms, ents, t, body, svec)
            if best != key:
                state.assignment[aid] = best
                changed |= {best, key}
                state._set_row(best)
            state._set_row(key)
    return changed


def cluster_articles(
    articles: Sequence[Article],
    state: ClusterState | None = None,
    *,
    use_entities: bool = True,
    embeddings: np.ndarray | None = None,
) -> tuple[list[tuple[str, list[Article]]], ClusterState, set[str]]:
    """Cluster ``articles`` into stories, against ``state`` when given (incremental mode).

    Returns ``(stories, state, changed)``: ``stories`` lists ``(key, members)`` for every story
    that holds one of ``articles`` (members among ``articles`` only, in input order; the key is
    the id of the article that opened the story, stable across runs), then ``(key, [])`` for
    every other story that changed (the link step moved earlier articles in or out of it, see
    :data:`REVISE_STORIES`; its members are all of earlier runs), the updated state, and the keys
    of the stories that changed (an emptied one among them, gone from ``state``'s stories).
    """
    state = state or ClusterState()
    feats = featurize(articles, state, use_entities=use_entities, embeddings=embeddings)
    changed = assign(state, feats)
    groups: dict[str, list[Article]] = {}
    for a in articles:
        groups.setdefault(state.assignment[a.id], []).append(a)
    for key in sorted(changed - set(groups)):
        story = state.stories.get(key)
        if story is not None and story.members:
            groups[key] = []
    return list(groups.items()), state, changed


# --- persistence (rows for newsweave.store: cluster_stories, cluster_assignments, cluster_meta) --


def story_row(story: StoryCentroid) -> dict:
    """One ``cluster_stories`` row for ``story`` (plain values and bytes)."""
    keys = np.fromiter(story.terms.keys(), dtype=np.int64, count=len(story.terms))
    vals = np.fromiter(story.terms.values(), dtype=np.float32, count=len(story.terms))
    return {
        "key": story.key,
        "members": json.dumps(story.members),
        "emb_sum": np.asarray(story.emb_sum, np.float32).tobytes(),
        "term_ids": keys.tobytes(),
        "term_weights": vals.tobytes(),
        "entities": json.dumps({str(k): v for k, v in story.ents.items()}),
        "t_min": None if math.isnan(story.t_min) else story.t_min,
        "t_max": None if math.isnan(story.t_max) else story.t_max,
        "body_ids": np.fromiter(story.body.keys(), np.int64, len(story.body)).tobytes(),
        "body_weights": np.fromiter(story.body.values(), np.float32, len(story.body)).tobytes(),
        "body_n": story.body_n,
        "stem_ids": np.fromiter(story.stems.keys(), np.int64, len(story.stems)).tobytes(),
        "stem_weights": np.fromiter(story.stems.values(), np.float32, len(story.stems)).tobytes(),
        "stem_n": story.stem_n,
    }


def story_from_row(row) -> StoryCentroid:
    """Rebuild a :class:`StoryCentroid` from a ``cluster_stories`` row (mapping)."""
    ids = np.frombuffer(row["term_ids"], dtype=np.int64)
    weights = np.frombuffer(row["term_weights"], dtype=np.float32)
    return StoryCentroid(
        key=row["key"],
        members=list(json.loads(row["members"])),
        emb_sum=np.frombuffer(row["emb_sum"], dtype=np.float32).copy(),
        terms=dict(zip(ids.tolist(), weights.tolist(), strict=True)),
        ents=Counter({int(k): int(v) for k, v in json.loads(row["entities"]).items()}),
        t_min=math.nan if row["t_min"] is None else float(row["t_min"]),
        t_max=math.nan if row["t_max"] is None else float(row["t_max"]),
        body=_blob_dict(row, "body_ids", "body_weights"),
        body_n=int(_get(row, "body_n") or 0),
        stems=_blob_dict(row, "stem_ids", "stem_weights"),
        stem_n=int(_get(row, "stem_n") or 0),
    )


def _get(row, name: str):
    try:
        return row[name]
    except (KeyError, IndexError):
        return None


def _blob_dict(row, ids_col: str, weights_col: str) -> dict[int, float]:
    ids, weights = _get(row, ids_col), _get(row, weights_col)
    if not ids:
        return {}
    return dict(
        zip(
            np.frombuffer(ids, np.int64).tolist(),
            np.frombuffer(weights, np.float32).tolist(),
            strict=True,
        )
    )


def features_row(aid: str, feats: tuple, body: tuple, stems: tuple | None = None) -> dict:
    """One ``cluster_features`` row: an article's link features (``stems``: its stem counts,
    :func:`stem_counts`, None for an article without)."""
    emb, terms, ents, t = feats
    return {
        "stem_ids": None if stems is None else np.asarray(stems[0], np.int64).tobytes(),
        "stem_counts": None if stems is None else np.asarray(stems[1], np.float32).tobytes(),
        "article_id": aid,
        "emb": np.asarray(emb, np.float32).tobytes(),
        "term_ids": np.asarray(terms[0], np.int64).tobytes(),
        "term_weights": np.asarray(terms[1], np.float32).tobytes(),
        "body_ids": np.asarray(body[0], np.int64).tobytes(),
        "body_weights": np.asarray(body[1], np.float32).tobytes(),
        "entities": json.dumps(sorted(ents)),
        "t": None if math.isnan(t) else float(t),
    }


def features_from_row(row) -> tuple[str, tuple, tuple, tuple | None]:
    """``(article id, (emb, terms, ents, t), body, stems)`` from a ``cluster_features`` row;
    ``stems`` is None for a row written without them (a store of an older newsweave: the
    link step then uses the body cosine in their place, see cluster_links.stem_cosines)."""
    terms = (
        np.frombuffer(row["term_ids"], np.int64).copy(),
        np.frombuffer(row["term_weights"], np.float32).copy(),
    )
    body = (
        np.frombuffer(row["body_ids"], np.int64).copy(),
        np.frombuffer(row["body_weights"], np.float32).copy(),
    )
    emb = np.frombuffer(row["emb"], np.float32).copy()
    t = math.nan if row["t"] is None else float(row["t"])
    stem_ids = _get(row, "stem_ids")
    stems = (
        None
        if stem_ids is None
        else (
            np.frombuffer(stem_ids, np.int64).copy(),
            np.frombuffer(_get(row, "stem_counts"), np.float32).copy(),
        )
    )
    return row["article_id"], (emb, terms, frozenset(json.loads(row["entities"])), t), body, stems


def state_meta(state: ClusterState) -> dict[str, bytes]:
    """The state's document frequencies as compact bytes (nonzero entries, zlib)."""
    nz = np.flatnonzero(state.df).astype(np.int32)
    opened = sorted(
        k
        for k in state.pass_stories
        if state.stories.get(k) is not None and state.stories[k].members
    )
    return {
        "df_ids": zlib.compress(nz.tobytes()),
        "df_counts": zlib.compress(state.df[nz].astype(np.int32).tobytes()),
        "n_docs": str(state.n_docs).encode(),
        "stem_df_ids": zlib.compress(state.stem_ids.astype(np.int64).tobytes()),
        "stem_df_counts": zlib.compress(state.stem_df.astype(np.int64).tobytes()),
        "stem_docs": str(state.stem_docs).encode(),
        "pass_stories": zlib.compress(json.dumps(opened).encode()),
    }


def state_from_rows(
    stories: Sequence, assignments: Sequence, meta: dict[str, bytes]
) -> ClusterState:
    """Rebuild a :class:`ClusterState` from stored rows (see :meth:`Store.load_cluster_state`)."""
    state = ClusterState()
    if meta.get("df_ids"):
        ids = np.frombuffer(zlib.decompress(meta["df_ids"]), dtype=np.int32)
        counts = np.frombuffer(zlib.decompress(meta["df_counts"]), dtype=np.int32)
        state.df[ids] = counts
        state.n_docs = int(meta.get("n_docs", b"0").decode() or 0)
    if meta.get("stem_df_ids"):  # absent in a store of an older newsweave: no stem idf yet
        state.stem_ids = np.frombuffer(zlib.decompress(meta["stem_df_ids"]), np.int64).copy()
        state.stem_df = np.frombuffer(zlib.decompress(meta["stem_df_counts"]), np.int64).copy()
        state.stem_docs = int(meta.get("stem_docs", b"0").decode() or 0)
    for row in stories:
        story = story_from_row(row)
        state.stories[story.key] = story
        state._set_row(story.key)
    for article_id, key in assignments:
        state.assignment[article_id] = key
    if meta.get("pass_stories"):
        state.pass_stories = set(json.loads(zlib.decompress(meta["pass_stories"])))
    return state


def state_rows(
    state: ClusterState, changed: set[str]
) -> tuple[list[dict], list[str], list[tuple[str, str]], dict[str, bytes], list[dict]]:
    """What to write for the ``changed`` stories: ``(story rows, emptied keys, assignments of
    their members, meta, unsaved link-feature rows)``, the arguments of
    :meth:`newsweave.store.Store.save_cluster_state`."""
    rows: list[dict] = []
    gone: list[str] = []
    assignments: list[tuple[str, str]] = []
    for key in sorted(changed):
        story = state.stories.get(key)
        if story is None or not story.members:
            gone.append(key)
            continue
        rows.append(story_row(story))
        assignments.extend((aid, key) for aid in story.members)
    return rows, gone, assignments, state_meta(state), state.unsaved_feature_rows()
