"""The ``newsweave`` summarizer: sentence embeddings plus what news summarization rewards.

One batched all-MiniLM-L6-v2 call embeds every considered sentence of the story. Then:

1. **Off-topic articles** (archive boiler-plate, cookie walls, unrelated pages) are found and
   left out (:func:`find_off_topic`): an article whose text is a known boiler-plate page, or
   whose mean sentence embedding is far from the rest of the story.
2. Each remaining sentence gets a score from
   - *centrality*: cosine to the story centroid (mean of the on-topic sentence embeddings),
   - *position*: news puts the story in the lead (a decaying prior on the sentence index),
   - *support*: the share of the other outlets (articles plus the wire copies dedupe folded
     into them) that carry a sentence saying nearly the same thing,
   - *length*: a mild preference for informative, full-length sentences.
3. Sentences are chosen greedily by MMR (score minus similarity to what is already chosen),
   never two near-duplicates, within the word budget; fragments under 6 words, over-long
   run-ons and sentences opening with an unresolved pronoun or connective are avoided
   (the latter only used right after the sentence they depend on).
4. The choice is shown in story order (leads first, each article's order kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from newsweave.model import Ignored
from newsweave.summarize.common import (
    MAX_SENTENCE_CHARS,
    ClusterView,
    Pick,
    story_order,
    word_count,
)


@dataclass(frozen=True)
class Params:
    """Weights of the sentence score and the selection (tuned on dev data; see bench/)."""

    # one weight per feature of FEATURES (same order). Set by hand on dev data (Multi-News dev,
    # first 40 clusters, and DUC 2004 dev), guided by the ridge fit of
    # bench/fit_summary_weights.py; see bench/RESULTS.md for the cross-validated comparison.
    weights: tuple[float, ...] = (0.7, 0.2, 0.0, 0.0, 0.5, 0.5, 0.0, 1.5, 0.0, 0.0)
    position_decay: float = 4.0  # sentences; prior = exp(-index / decay)
    support_cos: float = 0.6  # an article "carries" a sentence when its best match reaches this
    mmr_lambda: float = 0.6
    duplicate_cos: float = 0.8  # never choose a sentence this close to a chosen one
    min_words: int = 6
    max_words: int = 60
    # off-topic: leave-one-out cosine of an article's mean embedding to the rest of the story
    off_topic_cos: float = 0.35


PARAMS = Params()

# Boiler-plate pages that web archives and social sites serve instead of an article.
BOILERPLATE = re.compile(
    r"(Alexa Internet has been donating their crawl data|Wayback Machine|"
    r"Tweet with a location|add location information to your Tweets|"
    r"enable JavaScript|JavaScript is (?:disabled|required)|"
    r"(?:uses|use) cookies|cookie policy|accept (?:all )?cookies|"
    r"This (?:page|content) is (?:not|no longer) available|"
    r"404 (?:error|not found)|page not found|subscribe to continue|"
    r"These crawls are part of an effort to archive pages)",
    re.IGNORECASE,
)

# Openers that need an antecedent or a preceding sentence to make sense.
DANGLING = re.compile(
    r"^(?:[\"“'‘(]\s*)?(?:he|she|it|they|them|his|her|its|their|this|these|those|that|"
    r"there|also|but|and|or|so|yet|however|meanwhile|moreover|furthermore|still|then|"
    r"instead|otherwise|besides|likewise|similarly|additionally|thus|hence|therefore|"
    r"nevertheless|nonetheless|later|afterward|afterwards|such|the latter|the former|"
    r"in addition|as a result|for example|for instance|in turn|on the other hand|"
    r"even so|after that|that's|it's|he's|she's|they're)\b",
    re.IGNORECASE,
)


def is_dangling(text: str) -> bool:
    """True when ``text`` opens with a pronoun or connective that needs a previous sentence."""
    return bool(DANGLING.match(text.strip()))


def _article_vectors(view: ClusterView) -> np.ndarray:
    vecs = view.vectors
    offsets = view.offsets
    out = np.zeros((len(view.articles), vecs.shape[1] if len(vecs) else 384), dtype=np.float32)
    for ai in range(len(view.articles)):
        lo = offsets[ai]
        hi = offsets[ai + 1] if ai + 1 < len(offsets) else len(vecs)
        if hi > lo:
            m = vecs[lo:hi].mean(axis=0)
            out[ai] = m / (np.linalg.norm(m) or 1.0)
    return out


def find_off_topic(view: ClusterView, params: Params = PARAMS) -> list[Ignored]:
    """Articles of the story not to summarize from, with the reason ("off-topic" for pages
    unrelated to the rest of the story, "boilerplate" for archive/cookie/error pages)."""
    arts = view.articles
    out: list[Ignored] = []
    bad: set[int] = set()
    for ai, a in enumerate(arts):
        words = word_count(a.text)
        hits = len(BOILERPLATE.findall(a.text))
        if hits and (words < 400 or hits >= 3):
            bad.add(ai)
            out.append(Ignored(a.id, "boilerplate"))
    rest = [ai for ai in range(len(arts)) if ai not in bad and arts[ai].sentences]
    if len(rest) >= 3:
        av = _article_vectors(view)
        total = av[rest].sum(axis=0)
        for ai in rest:
            other = total - av[ai]
            other /= np.linalg.norm(other) or 1.0
            if float(av[ai] @ other) < params.off_topic_cos:
                bad.add(ai)
                out.append(Ignored(arts[ai].id, "off-topic"))
    if len(bad) >= len(arts):  # never ignore everything: keep the story summarizable
        return []
    return out


FEATURES = (
    "central",  # cosine to the story centroid (mean on-topic sentence embedding)
    "position",  # exp(-sentence index / position_decay): the lead carries the story
    "first",  # 1 for an article's first sentence
    "support",  # share of the other outlets (duplicates count) with a close sentence
    "support_soft",  # mean over the other articles of the best cosine to this sentence
    "length",  # min(words / 25, 1)
    "doc_central",  # cosine of the sentence's article to the rest of the story
    "freq",  # mean share of the story's articles that use each content word (lexical centrality)
    "quote",  # the sentence holds a quotation
    "bias",
)

_TOKEN = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "it its this that these those he she they we you i his her their our your them him us "
    "not no so than then there here have has had do does did will would can could should may "
    "might must said says say about into over after before also more most other some such "
    "who whom which what when where why how all any each one two new just up out".split()
)


def features(view: ClusterView, usable: np.ndarray, params: Params = PARAMS) -> np.ndarray:
    """The feature matrix (rows: flat sentences, columns: :data:`FEATURES`)."""
    vecs = view.vectors
    n = len(view.sentences)
    x = np.zeros((n, len(FEATURES)), dtype=np.float64)
    x[:, -1] = 1.0
    if not usable.any():
        return x
    centroid = vecs[usable].mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    x[:, 0] = vecs @ centroid
    idx = np.array([si for _, si in view.where], dtype=np.float64)
    x[:, 1] = np.exp(-idx / params.position_decay)
    x[:, 2] = idx == 0
    art = np.array([ai for ai, _ in view.where])
    weight = np.array([1 + len(a.duplicates) for a in view.articles], dtype=np.float64)
    on = sorted({int(a) for a in art[usable]})
    support = np.zeros(n)
    soft = np.zeros(n)
    if len(on) > 1:
        uidx = np.flatnonzero(usable)
        sims = vecs @ vecs[uidx].T
        uart = art[uidx]
        for ai in on:
            best = sims[:, uart == ai].max(axis=1)
            other = art != ai
            support += ((best >= params.support_cos) & other) * weight[ai]
            soft += np.where(other, best, 0.0)
        own_on = np.isin(art, on)
        n_other = np.where(own_on, len(on) - 1, len(on))
        support = (support + weight[art] - 1) / np.maximum(1.0, weight[on].sum() - 1)
        soft = soft / np.maximum(1, n_other)
    x[:, 3] = support
    x[:, 4] = soft
    lengths = np.array([word_count(s.text) for s in view.sentences], dtype=np.float64)
    x[:, 5] = np.clip(lengths / 25.0, 0, 1)
    av = _article_vectors(view)
    if len(on) > 1:
        total = av[on].sum(axis=0)
        doc_c = np.zeros(len(view.articles))
        for ai in range(len(view.articles)):
            rest = total - (av[ai] if ai in on else 0)
            doc_c[ai] = float(av[ai] @ rest) / (np.linalg.norm(rest) or 1.0)
        x[:, 6] = doc_c[art]
    else:
        x[:, 6] = 1.0
    # lexical centrality: document frequency of content words over the on-topic articles
    bags = [
        {w for w in _TOKEN.findall(s.text.lower()) if w not in _STOP and len(w) > 2}
        for s in view.sentences
    ]
    df: dict[str, int] = {}
    for ai in on:
        words: set[str] = set()
        for k in np.flatnonzero(art == ai):
            words |= bags[k]
        for w in words:
            df[w] = df.get(w, 0) + 1
    m = max(1, len(on))
    for k, bag in enumerate(bags):
        if bag:
            x[k, 7] = sum(df.get(w, 0) for w in bag) / (len(bag) * m)
    x[:, 8] = [bool(re.search(r"[\"“”]", s.text)) for s in view.sentences]
    return x


def sentence_scores(view: ClusterView, usable: np.ndarray, params: Params = PARAMS) -> np.ndarray:
    """The score of every flat sentence (``-inf`` where not ``usable``)."""
    scores = np.full(len(view.sentences), -np.inf, dtype=np.float64)
    if not usable.any():
        return scores
    x = features(view, usable, params)
    scores[usable] = (x @ np.asarray(params.weights, dtype=np.float64))[usable]
    return scores


def usable_mask(view: ClusterView, ignored: set[str], params: Params = PARAMS) -> np.ndarray:
    out = np.zeros(len(view.sentences), dtype=bool)
    for k, ((ai, _si), s) in enumerate(zip(view.where, view.sentences, strict=True)):
        if view.articles[ai].id in ignored:
            continue
        w = word_count(s.text)
        if w < params.min_words or w > params.max_words or len(s.text) > MAX_SENTENCE_CHARS:
            continue
        if not re.search(r"[.!?\"”’')]$", s.text.strip()):  # no terminal punctuation: fragment
            continue
        out[k] = True
    return out


def select(view: ClusterView, words: int, params: Params = PARAMS) -> list[Pick]:
    """Choose and order the summary sentences of ``view`` within ``words``."""
    if not view.sentences:
        return []
    view.ignored = find_off_topic(view, params)
    ignored = view.ignored_ids()
    usable = usable_mask(view, ignored, params)
    if not usable.any():  # everything is a fragment: fall back to any on-topic sentence
        usable = np.array(
            [view.articles[ai].id not in ignored for ai, _ in view.where], dtype=bool
        )
    scores = sentence_scores(view, usable, params)
    # min-max normalise the usable scores so the MMR trade-off does not depend on their scale
    lo, hi = scores[usable].min(), scores[usable].max()
    scores = np.where(usable, (scores - lo) / ((hi - lo) or 1.0), -np.inf)
    vecs = view.vectors
    dangling = np.array([is_dangling(s.text) for s in view.sentences])
    chosen: list[int] = []
    chosen_set: set[int] = set()
    used = 0
    cand = [k for k in np.argsort(-scores) if usable[k]]
    max_sim = np.zeros(len(view.sentences))
    lam = params.mmr_lambda
    lengths = [word_count(s.text) for s in view.sentences]
    allow_dangling = False
    while cand:
        best, best_val = None, -np.inf
        for k in cand:
            if used + lengths[k] > words:
                continue
            if max_sim[k] >= params.duplicate_cos:
                continue
            if dangling[k] and not allow_dangling:
                ai, si = view.where[k]
                if si == 0 or view.flat(ai, si - 1) not in chosen_set:
                    continue
            val = lam * scores[k] - (1 - lam) * max_sim[k]
            if val > best_val:
                best, best_val = k, val
        if best is None:
            if not chosen and not allow_dangling:  # nothing else to say: allow them
                allow_dangling = True
                continue
            break
        chosen.append(best)
        chosen_set.add(best)
        used += lengths[best]
        max_sim = np.maximum(max_sim, vecs @ vecs[best])
        cand = [k for k in cand if k != best]
        if words - used < params.min_words:
            break
    picks = [Pick(*view.where[k]) for k in chosen]
    return attach_dependents(story_order(picks, view), view)


def attach_dependents(picks: list[Pick], view: ClusterView) -> list[Pick]:
    """Move each sentence that opens with a pronoun or connective right after the sentence of
    its article it depends on (the one before it), so it reads as its continuation."""
    chosen = set(picks)
    out = [p for p in picks if not (
        is_dangling(view.articles[p.article].sentences[p.sentence].text)
        and Pick(p.article, p.sentence - 1) in chosen
    )]
    pending = [p for p in picks if p not in set(out)]
    while pending:
        rest = []
        for p in pending:
            prev = Pick(p.article, p.sentence - 1)
            if prev in out:
                out.insert(out.index(prev) + 1, p)
            else:
                rest.append(p)
        if len(rest) == len(pending):  # cannot happen; keep them rather than lose them
            out += rest
            break
        pending = rest
    return out
