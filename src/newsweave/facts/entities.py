"""Entities of a story: spaCy NER over every article, one canonical entity per referent.

Mentions are the named-entity spans spaCy finds in each article (people, organisations,
places, nationalities, products, works, laws, events). Each mention is normalised (leading
articles, titles such as "President" or "Treasury Secretary", possessives and company suffixes
such as "Corp." stripped), then mentions are merged within the story:

1. mentions with the same normalised key are one entity ("ZTE Corp." / "ZTE's" / "ZTE");
2. a short person name that is the first or last name of exactly one full person name is
   that person ("Xi" -> "Xi Jinping", "Kennedy" -> "Scott Kennedy"); when several full
   names fit ("Smith" with Shawn and Shimron Smith) it stays on its own: a wrong merge
   would put one person's words in another's mouth;
3. an all-capitals acronym that spells the initials of exactly one longer organisation
   ("CSIS" -> "Center for Strategic and International Studies") is that organisation.

The entity's type is the label most of its mentions carry (a name spaCy tags PERSON in most
mentions is a PERSON), and its name is its fullest form. Pure function, no I/O.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsweave.model import Article, Entity, Mention, SentenceRef, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc

# spaCy labels kept as entities; numeric labels (MONEY, PERCENT, DATE, ...) belong to figures
# and the timeline.
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
# Tie-break order for the majority vote on an entity's type.
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT",
                  "WORK_OF_ART", "LAW")

# Words that introduce a name without being part of it ("U.S. President Donald Trump",
# "Treasury Secretary Steven Mnuchin", "Professor Guojie Li"). Lower case, without dots.
TITLE_WORDS = frozenset(
    """
    president vice secretary minister prime premier chancellor governor gov senator sen
    rep representative congressman congresswoman mayor judge justice chairman chairwoman
    chairperson chair ceo cfo coo cto chief executive director professor prof dr mr mrs ms
    miss mx sir dame lord lady king queen prince princess pope rev reverend general gen lt
    col sgt capt captain adm admiral commander ambassador commissioner spokesman
    spokeswoman spokesperson adviser advisor economist analyst attorney officer deputy
    assistant sheriff detective agent coach founder cofounder co-founder president-elect
    emperor sheikh ayatollah cardinal bishop archbishop rabbi imam dean provost lawmaker
    """.split()
)
# Company-form suffixes dropped from the matching key ("ZTE Corp." ~ "ZTE").
COMPANY_SUFFIXES = frozenset(
    """
    corp corporation inc incorporated ltd limited co company llc plc ag sa nv gmbh
    holdings holding group technologies technology
    """.split()
)
LEADING_ARTICLES = frozenset({"the", "a", "an"})
# Spellings of the same place that no string rule can join (keys after normalisation).
ALIASES = {
    "us": "united states", "usa": "united states", "u s": "united states",
    "united states of america": "united states", "america": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "eu": "european union", "un": "united nations", "uae": "united arab emirates",
}
_POSSESSIVE = re.compile(r"\s*['\u2019\u2018`]\s*s?$", re.IGNORECASE)
_ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "in", "on", "at", "to", "&"})


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


def clean_name(text: str) -> str:
    """The name as written minus leading articles, titles and a trailing possessive.

    ``"U.S. President Donald Trump's"`` -> ``"Donald Trump"``; ``"the Commerce Ministry"`` ->
    ``"Commerce Ministry"``. Never returns an empty string for a non-empty name.
    """
    name = " ".join(text.split())
    name = _POSSESSIVE.sub("", name).strip(" ,;:-\u2014\u2013\"'\u201c\u201d")
    if not name:
        return " ".join(text.split())
    words = name.split()
    # "IDC's Batra": the possessor names the employer, not the person.
    for i in range(len(words) - 1, 0, -1):
        if re.search(r"(['\u2019]s|s['\u2019])$", words[i - 1]) and words[i][:1].isupper():
            words = words[i:]
            break
    while len(words) > 1 and (words[0].lower() in LEADING_ARTICLES or (
            words[0].islower() and words[1][:1].isupper())):
        words = words[1:]  # "the", and a role word before a name ("neighbor Cathy Nickel")
    # Cut everything up to the last title word when only capitalised name words follow.
    last_title = -1
    for i, w in enumerate(words[:-1]):
        if w.lower().strip(".,") in TITLE_WORDS:
            last_title = i
    if last_title >= 0:
        rest = words[last_title + 1:]
        if rest and all(w[:1].isupper() or w[:1].isdigit() for w in rest):
            words = rest
    return " ".join(words) or name


def name_key(name: str) -> str:
    """Matching key of a cleaned name: folded, dots and punctuation gone, suffixes dropped."""
    key = fold(name)
    key = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.)", "", key)  # u.s. -> us.
    key = key.replace(".", "")
    key = re.sub(r"[^\w&\s-]", " ", key)
    words = key.replace("-", " ").split()
    while len(words) > 1 and words[0] in LEADING_ARTICLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words = words[:-1]
    key = " ".join(words)
    return ALIASES.get(key, key)


def entity_id(label: str, key: str) -> str:
    """Stable id of an entity: the same name and type give the same id in every story."""
    return "e" + hashlib.sha256(f"{label}|{key}".encode()).hexdigest()[:10]


@dataclass
class _Mention:
    article: int
    label: str
    start: int
    end: int
    text: str
    name: str
    key: str

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


@dataclass
class _Group:
    key: str
    mentions: list[_Mention] = field(default_factory=list)

    def label(self) -> str:
        return majority_label(m.label for m in self.mentions)

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


def majority_label(labels) -> str:
    """The most common label; ties go to the earlier label in ``LABEL_PRIORITY``."""
    counts = Counter(labels)
    if not counts:
        return ""
    rank = {lab: i for i, lab in enumerate(LABEL_PRIORITY)}
    return min(counts, key=lambda lab: (-counts[lab], rank.get(lab, 99), lab))


def _collect(docs: Sequence[Doc | None]) -> list[_Mention]:
    mentions = []
    for ai, doc in enumerate(docs):
        if doc is None:
            continue
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            text = ent.text
            name = clean_name(text)
            key = name_key(name)
            if len(key.replace(" ", "")) < 2 or not re.search(r"[a-z]", key):
                continue
            mentions.append(
                _Mention(ai, ent.label_, ent.start_char, ent.end_char, text, name, key)
            )
    return mentions


def _initials(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t not in _ACRONYM_SKIP and t)


def _merge(mentions: list[_Mention]) -> list[list[_Mention]]:
    """Group mentions into referents (see the module docstring for the rules)."""
    groups: dict[str, _Group] = {}
    for m in mentions:
        groups.setdefault(m.key, _Group(m.key)).mentions.append(m)
    # referent of each group key
    parent: dict[str, str] = {k: k for k in groups}
    labels = {k: g.label() for k, g in groups.items()}
    persons = [g for g in groups.values() if labels[g.key] == "PERSON" and len(g.tokens) >= 2]
    # "Shawn Smith" is "Shawn J. Smith": same first and last name, only initials differ
    persons.sort(key=lambda g: -len(g.tokens))
    full_of: dict[tuple[str, str], str] = {}
    for g in persons:
        ends = (g.tokens[0], g.tokens[-1])
        other = full_of.get(ends)
        if other is None:
            full_of[ends] = g.key
        elif all(len(t) == 1 for t in other.split()[1:-1] if t not in g.tokens):
            parent[g.key] = other
    by_end: dict[str, list[_Group]] = defaultdict(list)
    by_start: dict[str, list[_Group]] = defaultdict(list)
    for g in persons:
        if parent[g.key] == g.key:
            by_end[g.tokens[-1]].append(g)
            by_start[g.tokens[0]].append(g)
    orgs = [g for g in groups.values() if labels[g.key] == "ORG" and len(g.tokens) >= 3]
    by_initials: dict[str, list[_Group]] = defaultdict(list)
    for g in orgs:
        by_initials[_initials(g.tokens)].append(g)

    for key, g in groups.items():
        toks = g.tokens
        if len(toks) == 1:
            tagged_person = any(m.label == "PERSON" for m in g.mentions)
            if labels[key] in ("PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC") or (
                tagged_person
            ):
                cands = {c.key: c for c in by_end.get(toks[0], []) + by_start.get(toks[0], [])}
                if len(cands) == 1:
                    parent[key] = next(iter(cands))
                    continue
                if len(cands) > 1:
                    continue  # "Smith" with Shawn and Shimron Smith in the story: unresolved
            if labels[key] == "ORG" or toks[0].isalpha():
                raw = g.mentions[0].name
                if raw.isupper() and 2 <= len(raw) <= 6:
                    cands_a = by_initials.get(key, [])
                    if len(cands_a) == 1:
                        parent[key] = cands_a[0].key
    out: dict[str, list[_Mention]] = defaultdict(list)
    for g in groups.values():
        for m in g.mentions:
            ref = parent[g.key]
            out[ref].append(m)
    return list(out.values())



def _canonical_name(ms: list[_Mention], label: str) -> str:
    """The fullest common form: most words among the most frequent keys, as written."""
    keys = Counter(m.key for m in ms)
    if label == "PERSON":
        best_key = max(keys, key=lambda k: (len(k.split()), keys[k], -len(k)))
    else:
        best_key = max(keys, key=lambda k: (keys[k], len(k.split()), len(k)))
    names = Counter(m.name for m in ms if m.key == best_key)
    return max(names, key=lambda n: (names[n], -len(n), n))


def sentence_index_at(article: Article, offset: int, starts: list[int] | None = None) -> int:
    """Index of the sentence of ``article`` containing character ``offset`` (0 if none)."""
    if not article.sentences:
        return 0
    if starts is None:
        starts = [s.start for s in article.sentences]
    i = bisect.bisect_right(starts, offset) - 1
    return article.sentences[max(i, 0)].index


def extract_entities(story: Story, docs: Sequence[Doc | None]) -> tuple[Entity, ...]:
    """Canonical entities of ``story`` from spaCy docs of its articles.

    Args:
        story: the story; ``docs[i]`` is the full spaCy parse of ``story.articles[i].text``
            (``None`` for an article that could not be parsed).
        docs: one Doc (or None) per article, in article order.

    Returns:
        Entities sorted by number of mentions (most first), each with its mentions (article
        id, sentence index, text as written and character span) and its mention count per
        article.
    """
    articles = story.articles
    mentions = _collect(list(docs)[: len(articles)])
    if not mentions:
        return ()
    starts = [[s.start for s in a.sentences] for a in articles]
    entities = []
    for ms in _merge(mentions):
        ms.sort(key=lambda m: (m.article, m.start))
        label = majority_label(m.label for m in ms)
        name = _canonical_name(ms, label)
        key = name_key(name)
        per_article = Counter(articles[m.article].id for m in ms)
        seen_articles = list(dict.fromkeys(articles[m.article].id for m in ms))
        entities.append(
            Entity(
                id=entity_id(label, key),
                name=name,
                type=label,
                mentions=tuple(
                    Mention(
                        ref=SentenceRef(
                            article_id=articles[m.article].id,
                            sentence_index=sentence_index_at(
                                articles[m.article], m.start, starts[m.article]
                            ),
                            start=m.start,
                            end=m.end,
                        ),
                        text=m.text,
                    )
                    for m in ms
                ),
                outlets=tuple((aid, per_article[aid]) for aid in seen_articles),
                aliases=tuple(dict.fromkeys(m.name for m in ms)),
            )
        )
    first = {e.id: (_article_pos(story, e.mentions[0].ref.article_id), e.mentions[0].ref.start)
             for e in entities}
    entities.sort(key=lambda e: (-len(e.mentions), first[e.id], e.name))
    return tuple(_unique_ids(entities))


def _article_pos(story: Story, article_id: str) -> int:
    for i, a in enumerate(story.articles):
        if a.id == article_id:
            return i
    return len(story.articles)


def _unique_ids(entities: list[Entity]) -> list[Entity]:
    import dataclasses

    seen: Counter[str] = Counter()
    out = []
    for e in entities:
        seen[e.id] += 1
        if seen[e.id] > 1:
            e = dataclasses.replace(e, id=f"{e.id}-{seen[e.id]}")
        out.append(e)
    return out


class EntityIndex:
    """Look up the entity behind a character span of an article or behind a name.

    Used by quotes to canonicalise speakers: ``at(article_id, start, end)`` finds the entity
    with a mention overlapping the span; ``lookup(name)`` matches a name by key, then a single
    name to the one person whose first or last name it is.
    """

    def __init__(self, entities: Sequence[Entity]):
        self.entities = list(entities)
        self._spans: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
        self._keys: dict[str, Entity] = {}
        self._tokens: dict[str, list[Entity]] = defaultdict(list)
        for e in self.entities:
            for m in e.mentions:
                self._spans[m.ref.article_id].append((m.ref.start, m.ref.end, e))
            for alias in (e.name, *e.aliases):
                self._keys.setdefault(name_key(alias), e)
            if e.type == "PERSON":
                toks = name_key(e.name).split()
                if len(toks) >= 2:
                    for t in {toks[0], toks[-1]}:
                        self._tokens[t].append(e)
        self._starts = {}
        for aid, spans in self._spans.items():
            spans.sort(key=lambda s: s[0])
            self._starts[aid] = [s[0] for s in spans]

    def at(self, article_id: str, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping ``[start, end)`` (the longest overlap)."""
        spans = self._spans.get(article_id)
        if not spans:
            return None
        i = bisect.bisect_left(self._starts[article_id], end)
        best, best_overlap = None, 0
        for s, e, ent in spans[max(0, i - 8): i]:
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = ent, overlap
        return best

    def lookup(self, name: str) -> Entity | None:
        """The entity named ``name`` (same key, or the one person with that first/last name)."""
        key = name_key(clean_name(name))
        if key in self._keys:
            return self._keys[key]
        toks = key.split()
        if len(toks) == 1:
            cands = {e.id: e for e in self._tokens.get(toks[0], [])}
            if len(cands) == 1:
                return next(iter(cands.values()))
        return None
