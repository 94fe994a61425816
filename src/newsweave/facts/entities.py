"""Entities of a story: spaCy NER over every article, one canonical entity per referent.

Mentions are the named-entity spans spaCy finds in each article (people, organisations,
places, nationalities, products, works, laws, events). Each mention is normalised (leading
articles, titles such as "President" or "Treasury Secretary", possessives and company suffixes
such as "Corp." stripped), then mentions are merged within the story:

1. mentions with the same normalised key are one entity ("ZTE Corp." / "ZTE's" / "ZTE");
2. a short person name that is the first or last name of exactly one full person name is
   that person ("Xi" -> "Xi Jinping", "Kennedy" -> "Scott Kennedy"); when several full
   names fit ("Smith" with Shawn and Shimron Smith) it stays on its own: a wrong merge
   would put one person's words in another's mouth; only a mention of it in an article where
   exactly one of them has been named before it goes to that one (and the bare name a
   person tagged PERSON once is typed PERSON);
3. an all-capitals acronym that spells the initials of exactly one longer organisation
   ("CSIS" -> "Center for Strategic and International Studies") is that organisation.

Before merging, the story is read as a whole (one sense per story):

- every name spaCy found somewhere is looked for everywhere else in the story (same spelling,
  whole words, not inside a longer capitalised name); each further occurrence is a mention
  too ("iPhone" tagged once, missed three times). A model number right after a name is part
  of it ("iPhone 4", "LT-204"): a distinct product, never merged with "iPhone";
- a short company name is merged with its full form when the story supports it: a name whose
  words begin exactly one longer organisation name ending in a company form, named before
  it in some article ("Lumenara" -> "Lumenara Therapeutics", "Stenholt" -> "Stenholt
  Engineering"); the merged entity takes the full form's name and type. When several full forms
  fit ("Apple" with "Apple Computer" and "Apple Corps"), each mention goes to the full form
  named nearest before it in its own article, and the short name as a whole to the one most
  of its resolved mentions go to (when more than half do); a name with evidence of being a
  place ("the city of Velmora") never merges into a company ("Velmora Sound Lines").
- a short name written as an acronym that begins a longer organisation name named before it is
  that organisation, whatever the longer name ends in ("BMI" -> "BMI Research"); "Ministry of
  Commerce" is "Commerce Ministry" when the story writes both; a bare institution head
  ("Senate") is the one organisation of the story whose name ends in it ("U.S. Senate");
- an acronym whose letters begin the words of a lower-case noun phrase of the story ("IP" beside
  "intellectual property") abbreviates a common noun and is no entity; a one-word name tagged
  PERSON in a list of names of one other kind ("Facebook, Twitter and Google") is of that kind;
- a proper noun the tagger left out right before a tagged name, the two followed by a company
  apposition, makes one organisation's name ("Trivium China, a Beijing-based research firm");
  a name typed as a work of art that the story calls a plan or a policy is typed LAW;
- a mention that only ever starts a longer name the story tags elsewhere, written out in full
  where it stands, is that longer name ("Made" of "Made in China 2025"); after merging, a
  one-word name capitalised only where it opens a sentence and written in lower case
  elsewhere in the story ("Snow is hardly ...") is a common word and no entity;
- a tagged span that joins names is cut into them: at a spaced dash ("San Jose - Cisco"), at a
  possessive whose owner the story names alone ("The Beatles' Apple Corps"), before a
  bracketed acronym ("Software Development Kit (SDK)", which then names the same thing), and
  a coordination after an article ("the Macbook and Macbook Pro"); a name is found again after
  a possessive ("Apple's iTunes") and right after a tagged maker ("the Chevrolet Volt");
- a product's spellings are one product: a lower-case tail the story capitalises elsewhere
  ("the iPod nano" / "The iPod Nano"), product nouns the story also writes in lower case
  ("iTunes Music Store" / "the iTunes music store" is iTunes), and a one-word model name
  beside its maker's or product line's longer name ("Nano" / "iPod Nano", "Volt" / "Chevrolet
  Volt"); a title word starts a person's name only ("General Motors" is not "Motors"), and a
  two-word company is its initials ("GM").

The type of an entity is a weighted vote over evidence from the whole story
(:func:`type_votes`, weights :class:`Weights`): the share of its mentions spaCy gives each
label (``spacy``), the form of the name (``form``: company forms "Foods", "Cloud",
"& Partners", "Holdings", "Rail", "Inc"; "Bridge", "Street", "Airport" for facilities; a
model code "LT-204" for a product) and the share of its mentions, in every outlet, whose
surrounding words say what it is (``context``: "the city of X", "mayor of X",
"headquarters in X", "X airport", "the X plant" for places; "shares in X", "rail operator X",
"X, the firm", "X, which is a company", "X's users" for organisations; "X, an experimental
treatment", "web browser X", "X users", "Maker's X operating system" for products; "X, 49,",
"Mayor X", "X, an analyst" for a person; "in X" is no place cue when X's head is a public body
or an institution, "the U.S. Senate", and a generic head alone, "Department", is no
entity). A place cue types a
name whose form is a facility as FAC. A merged entity takes the type of its full form. The
weights were chosen by grouped cross-validation on MEANTIME (bench/RESULTS.md). Its name is
its fullest form. Pure function, no I/O.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from newsweave.model import Article, Entity, Mention, SentenceRef, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Switch of a rule that corrects spaCy with the evidence of the whole story (2026-12-07, issue
# 19; bench/RESULTS.md "entity types: a name tagged only in part"): a mention that only starts
# a longer name the story names elsewhere, written out in full where it stands, is that name
# (_extend_to_known_names). Re-run `newsweave eval entities` on MEANTIME if changed.
EXTEND_TO_KNOWN_NAMES = True
# Switch of the rule that a one-word "name" written capitalised only where it opens a sentence,
# and in lower case elsewhere in the story, is a common word, not an entity ("Snow is hardly
# foreign to these areas", "Aides said"): :func:`_only_a_common_word` (same section).
DROP_SENTENCE_INITIAL_COMMON_WORDS = True
# Switches of the seventh session's rules (issue 19; bench/RESULTS.md "a reader's pass over
# the seed story"), each right for a reason, none fitted: a preposition before a name whose
# head is a public body or institution is no place cue ("in the U.S. Senate");
INSTITUTIONS_ARE_NOT_PLACES = True
# a generic head alone ("Department") is no entity;
DROP_GENERIC_HEADS = True
# a name between a maker's possessive and a product noun is a product ("Google's Android
# operating system");
MAKER_POSSESSIVE_PRODUCTS = True
# a name (or a list of names) followed by ", which is/are ... companies" is an organisation
# ("Baidu, Alibaba and Tencent, which are among the largest companies"), and one that owns
# "'s app", "'s users", "'s revenue" or reports a profit is an organisation;
COMPANY_CLAUSES = True
# Switches of the eighth session's rules (issue 19; bench/RESULTS.md "a reader's pass over the
# seed story, second round"): a short name written as an acronym that begins a longer
# organisation name named before it is that organisation, whatever the longer name's last word
# ("BMI" after "Kenny Liew of BMI Research"); the organisation's own initials are its name, so
# no company form is needed to tell it from a place or a person ("China" / "China Mobile").
ACRONYM_SHORT_FORMS = True
# (tried, off) any short name that begins a longer organisation name named before it
ANY_ORG_SHORT_FORMS = False
# an acronym whose letters begin the words of a common noun phrase the story writes in lower
# case ("IP" beside "intellectual property") abbreviates that phrase and names nothing.
DROP_COMMON_ABBREVIATIONS = True
# a one-word name tagged PERSON in a list of three or more names whose other tagged names are
# all of one other kind ("including Facebook, Twitter and Google") is of that kind: a list
# names things of one kind (a context cue, so the story's other evidence still counts).
LIST_KIND = True
# "Ministry of Commerce" and "Commerce Ministry" (an institution's head before "of" its field,
# or after it) are one body when the story writes both;
INSTITUTION_WORD_ORDER = True
# a bare institution head that names one body ("Senate", "Congress", "University") is the one
# organisation of the story whose name ends in it ("U.S. Senate"), as a generic head is
# (:func:`_generic_head_to_full_name`).
BARE_INSTITUTION_HEADS = True
# "the Xs" after a place preposition ("in the Netherlands") is a place, not a group ("the
# Beatles").
PLACE_BEFORE_THE_PLURAL = True
# Switch of a ninth-pass rule (issue 19; bench/RESULTS.md "entity types and figure labels, a
# reader's third pass"): a name typed as a work of art that the story calls a plan, a policy, a
# strategy, an initiative or a programme ("X, a government plan", "the X industrial policy",
# "initiatives like X") is a policy, typed LAW, not a title of a work.
PLANS_ARE_LAWS = True
# a proper noun the tagger left out right before a name it tagged, the two followed by a
# company apposition ("Trivium China, a Beijing-based research firm, wrote"), are one
# organisation's name: the apposition says what the whole name is.
CUT_NAMES_BEFORE_A_COMPANY_APPOSITION = True
# Switches of the tenth session's rules (issue 19; bench/RESULTS.md "entities a reader can
# trust"), each chosen by cross-validation over MEANTIME documents grouped by topic
# (bench/cv_entity_rules.py):
# a dash between spaces inside a tagged span separates two names ("based in San Jose - Cisco",
# "the MacBook Pro - a notebook"): names join words with unspaced hyphens ("Rolls-Royce");
SPLIT_AT_SPACED_DASHES = True
# a coordination whose first name carries a leading article ("the Macbook and Macbook Pro") is
# split like one without it, unless only its last part has a company or facility form: then
# "and" joins the words of one name ("the Securities and Exchange Commission");
COORDINATION_AFTER_AN_ARTICLE = True
# a possessor that the story names on its own, inside a tagged span ("The Beatles' Apple
# Corps", "Apple Computer's Mac OS"), is a mention of its own, and a name is found again after
# a possessive ("Apple's iTunes"): the possessive ends the owner's name;
SPLIT_POSSESSORS = True
# a name written here with a lower-case tail that the story writes capitalised as one longer
# name elsewhere ("the iPod nano" beside "The iPod Nano") is that longer name;
LOWER_CASE_TAILS = True
# a product name followed by a noun of a made thing ("iTunes Store", "iTunes Music Store") that
# the story also writes in lower case after the same name ("the iTunes store") is the product:
# the writers use the noun as a description, not as part of a name;
DESCRIBED_PRODUCT_NOUNS = True
# a one-word name that ends exactly one longer name whose first words are another product or
# organisation of the story ("Nano" beside "iPod Nano", "Macintosh" beside "Apple
# Macintosh", "Lion" beside "Mac OS X Lion") is that longer name, a model or a maker's product,
# typed by the vote of all their mentions.
PRODUCT_SHORT_NAMES = True
# a title word opens a person's name only: in a span spaCy tags as an organisation, a product
# or a place, "General", "Dean" or "King" followed by one word is the name's own first word
# ("General Motors" is not "Motors"; "Mayor Corin Vale of Harwick" is Corin Vale's);
TITLES_ONLY_BEFORE_PERSONS = True
# an acronym spelling the initials of exactly one two-word organisation is that organisation
# ("GM" and "General Motors", "BA" and "British Airways"), as for longer names;
TWO_WORD_ACRONYMS = True
# "Brothers", "Motor", "Aerospace", "Automotive" and "Airline" end company names as "Motors"
# and "Airlines" do (:data:`MORE_ORG_FORMS`), so "Lehman" is "Lehman Brothers";
MORE_COMPANY_FORMS = True
# a name is found again right after a tagged name that ends there ("the Chevrolet Volt" with
# "Chevrolet" tagged and "Volt" named elsewhere): the tagger's own cut says the two are two
# names, a maker and its model, not one longer name;
ADJACENT_NAMES = True
# the product cues after a name hold in the plural too ("the iPod Touch and MacBook Wi-Fi
# updates": the updates are products' updates, as "X update" is);
PLURAL_PRODUCT_CUES = True
# an honorific right before a one-word name ("Mr Hishammuddin", "Dr Raman") says it is a
# person's (a title before a longer name already did);
HONORIFICS_BEFORE_ONE_WORD = True
# a name glued by a hyphen to the next word ("Intel-based", "Airbus-made") modifies the noun
# after the compound: the words around the compound describe that noun ("new Intel-based Mac"
# is a new Mac), so they are no cue to the name's type;
HYPHEN_COMPOUNDS_HAVE_NO_CUES = True
# an acronym in brackets right after a name ("Software Development Kit (SDK)", "Worldwide
# Developers Conference (WWDC)") is that name's short form when its letters follow the name's
# words in order, the first letter opening one of them (Schwartz and Hearst's test for
# abbreviation definitions): the writer defines it there;
BRACKETED_ACRONYMS = True
# (tried, off) a one-word name is the first name of a full person name only when the two
# names' mentions together still read as a person's ("MacBook" beside "MacBook Wi-Fi", which
# spaCy tagged PERSON once): right on MEANTIME, but news often names people by the first name
# alone ("Raffaele", "Ivanka", "Andy") where spaCy mis-tags it, and 4 of the 5 changes on the
# Multi-News stories were wrong (bench/RESULTS.md).
FIRST_NAMES_READ_AS_A_PERSON = False

# spaCy labels kept as entities; numeric labels (MONEY, PERCENT, DATE, ...) belong to figures
# and the timeline.
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
# Tie-break order for the majority vote on an entity's type.
LABEL_PRIORITY = (
    "PERSON",
    "ORG",
    "GPE",
    "NORP",
    "LOC",
    "FAC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
)

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
    councillor councilor councilman councilwoman councilmember alderman alderwoman
    assemblyman assemblywoman assemblymember supervisor lieutenant colonel sergeant corporal
    superintendent inspector mp mep
    """.split()
)
# Honorifics: before a one-word name they name a person ("Mr Hishammuddin said").
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame".split())
# Titles that only ever stand before a person's name: abbreviations and honorifics ("Prof",
# "Gen.", "Mr"), never the first word of a company's name as "General" or "Dean" can be.
TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr prof sen rep gov gen lt col sgt capt adm rev".split()
)
# spaCy labels under which a title word may be a company's first word (TITLES_ONLY_BEFORE_PERSONS).
_TITLED_COMPANY_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "GPE", "LOC"})
# Head nouns of public bodies and institutions (issue 19, seventh session). A name ending in
# one is an organisation even where a preposition before it reads like a place ("a rebellion
# in the U.S. Senate", "at the Commerce Department"); a title word before one is its modifier,
# not a title ("Justice Department" is not "Justice" + "Department"); and the generic ones
# (:data:`GENERIC_HEADS`) alone, with no proper modifier, name a kind of body, not one body.
INSTITUTION_HEADS = frozenset(
    """
    senate congress parliament legislature assembly ministry department agency commission
    council committee authority bureau office court tribunal police university college
    institute academy
    """.split()
)
# Heads that never name one body on their own ("the Department said"; "Senate", "Congress" and
# "Parliament" do, in their country's news).
GENERIC_HEADS = frozenset(
    "ministry department agency commission committee authority bureau office".split()
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
    "us": "united states",
    "usa": "united states",
    "u s": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "eu": "european union",
    "un": "united nations",
    "uae": "united arab emirates",
}
_POSSESSIVE = re.compile(r"\s*['\u2019\u2018`]\s*s?$", re.IGNORECASE)
_ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "in", "on", "at", "to", "&"})


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened."""
    if text.isascii():  # NFKD leaves ASCII as it is, and no ASCII character combines
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


def clean_name(text: str, titles: bool = True) -> str:
    """The name as written minus leading articles, titles and a trailing possessive (with
    ``titles`` False, only abbreviated titles and honorifics go, :data:`TITLE_ABBREVIATIONS`:
    "General Motors" is no general's name, "Prof Young" is Young).

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
    while len(words) > 1 and (
        words[0].lower() in LEADING_ARTICLES or (words[0].islower() and words[1][:1].isupper())
    ):
        words = words[1:]  # "the", and a role word before a name ("neighbor Cathy Nickel")
    # Cut everything up to the last title word when only capitalised name words follow.
    last_title = -1
    for i, w in enumerate(words[:-1]):
        if w.lower().strip(".,") in (TITLE_WORDS if titles else TITLE_ABBREVIATIONS):
            last_title = i
    if last_title >= 0:
        rest = words[last_title + 1 :]
        if (
            rest
            and all(w[:1].isupper() or w[:1].isdigit() for w in rest)
            and not (len(rest) == 1 and rest[0].lower().strip(".,") in INSTITUTION_HEADS)
        ):
            words = rest  # but "Justice Department" is no title before "Department"
    return " ".join(words) or name


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """Matching key of a cleaned name: folded, dots and punctuation gone, suffixes dropped.

    A function of the name alone, so it is cached (a story asks it about the same names
    thousands of times; issue 22)."""
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
    label: str  # spaCy's label; "" for a mention found by propagation
    start: int
    end: int
    text: str
    name: str
    key: str
    context: Counter[str] = field(default_factory=Counter)  # labels the words around it support
    # the tail of a longer name the tagger cut ("Office" of "Nelson County Sheriff's Office")
    cut_from_a_name: bool = False

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


@dataclass
class _Group:
    key: str
    mentions: list[_Mention] = field(default_factory=list)

    def label(self, weights: Weights | None = None) -> str:
        return vote_label(type_votes(self.mentions, weights))

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


@dataclass(frozen=True)
class Weights:
    """Weights of the evidence on an entity's type (chosen by grouped CV on MEANTIME)."""

    spacy: float = 1.0  # share of the mentions spaCy gives each label
    form: float = 1.5  # the form of the name supports the label
    context: float = 12.0  # share of the mentions whose surrounding words support the label


W_DEFAULT = Weights()

# The last word of an organisation's name (company forms, institutions, outlets).
ORG_FORMS = frozenset(
    """
    inc incorporated corp corporation ltd limited llc plc co company companies group holdings
    holding foods food cloud partners capital securities bank bancorp rail railways railway
    airways airlines air aviation bio biotech therapeutics pharma pharmaceuticals engineering
    lines shipping motors energy power systems technologies technology tech labs laboratories
    media industries ventures investments insurance logistics telecom communications networks
    software computer computers corps studios records entertainment electronics semiconductor
    semiconductors robotics solutions services consulting associates brands
    mining petroleum oil gas chemicals steel construction builders realty properties estates
    trust fund funds finance financial credit exchange university college institute school
    academy hospital clinic ministry department agency commission council committee authority
    bureau police union guild alliance association federation foundation society party league
    club board parliament senate congress court gazette times post herald tribune journal
    news daily wire press review magazine radio broadcasting network
    """.split()
)
# Further last words of company names (tenth session, :data:`MORE_COMPANY_FORMS`): "Lehman
# Brothers", "Ford Motor", "BAE Systems" has "systems" already.
MORE_ORG_FORMS = frozenset("brothers bros motor aerospace automotive airline".split())
# First words of an institution's name followed by "of" ("Guild of Kestrel", "Bank of X").
ORG_HEADS = frozenset(
    """
    guild union bank university college institute ministry department association federation
    society league council committee board church order academy school bureau office
    """.split()
)
FAC_FORMS = frozenset(
    """
    bridge street st road rd avenue ave boulevard lane highway motorway expressway airport
    station terminal stadium arena tower towers square tunnel pier quay wharf dam canal
    theater theatre hall building plaza mall park gardens cathedral palace castle prison
    """.split()
)
GPE_FIRST = frozenset({"port", "fort", "lake", "mount", "cape", "new", "san", "santa", "st"})
GPE_FORMS = frozenset(
    """city town village county province district region island islands valley bay coast
    republic kingdom""".split()
)
# A model code: "LT-204", "A380", "iPhone 4", "3GS"; a lower-case initial then capitals: "iPod".
_MODEL_CODE = re.compile(r"^(?:[A-Za-z]{1,5}-?\d[\w-]*|[a-z]{1,2}[A-Z]\S* \d{1,3}[A-Za-z]{0,3})$")
_LOWER_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][a-z]")

# Up to three words before an apposition's head noun, none a preposition ("X, an analyst at
# research firm T" is not "X, a firm").
_MODIFIERS = r"(?:(?!(?:at|of|for|with|in|on|by|from|and)\b)[\w-]+ ){0,3}"
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:city|town|village|capital|port|mayor|governor|residents|streets|suburbs|"
    r"outskirts|province|county|region|district|people|centre|center) of|"
    r"\b(?:headquarters|headquartered|based|born|located|situated|held|live|lives|lived|"
    r"living|stranded|arrived|landed) (?:in|at|near)|"
    r"(?<!shares )(?<!stake )(?<!stakes )(?<!invest )(?<!invested )(?<!interest )"
    r"(?<!investment )(?<!\bon )\b(?:in|near|outside|across|around|throughout) "
    r"(?:(?:central|downtown|northern|southern|eastern|western|rural|greater) )?|"
    r"\bbetween|\bflights? to|\broutes? to|\bcity,)\s*$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"^(?:'s )?\s*(?:airport|city council|city hall|city centre|harbour|harbor|residents|"
    r"commuters|plant|factory|mill|refinery|site|port|suburbs?|region|area|province|county)\b",
    re.IGNORECASE,
)
_PLANT_AFTER = re.compile(r"^\s+(?:plant|factory|mill|refinery|works|site)\b", re.IGNORECASE)
_ORG_BEFORE = re.compile(
    r"(?:\b(?:shares|stock|stake|stakes) (?:in|of)|\banalysts? (?:at|with|from|for)|"
    r"\b(?:executives?|employees?|staff|workers|engineers|pilots|spokes(?:man|woman|person)|"
    r"chief executive|ceo|chairman|chairwoman|founder|co-founder|director|president|"
    r"board|head) (?:of|at)|\bparent company,?|\bsubsidiary,?|\bunit of|\bacquired|"
    r"\b(?:company|firm|operator|maker|manufacturer|carrier|retailer|giant|chain|lender|"
    r"insurer|airline|provider|supplier|producer|publisher|broker|developer|label|"
    r"newspaper|broadcaster|startup|start-up|bank)\s*,?)\s*$",
    re.IGNORECASE,
)
_ORG_AFTER = re.compile(
    r"^(?:(?:'s|\u2019s) (?:chief|ceo|shares|stock|board|employees|staff|headquarters|"
    r"spokes\w+|founder|chairman|president|executives|parent|subsidiary|website)|"
    r",? (?:Inc|Corp|Ltd|LLC|PLC)\b|\s+(?:shares|stock)\b|"
    r",\s+(?:the|a|an) " + _MODIFIERS + r"(?:company|firm|maker|group|operator|carrier|"
    r"retailer|chain|lender|insurer|airline|developer|manufacturer|label|union|agency)\b)",
    re.IGNORECASE,
)
_PRODUCT_NOUNS = (
    r"(?:drug|treatment|therapy|medicine|vaccine|phone|smartphone|handset|player|computer|"
    r"laptop|notebook|tablet|device|gadget|software|system|browser|client|version|model|car|"
    r"vehicle|aircraft|jet|plane|product|service|app|application|console|chip|processor|"
    r"kernel|interface|store|platform|program|programme|update|line|range|edition|camera)"
)
_PRODUCT_BEFORE = re.compile(
    r"(?:\b(?:version of|launch(?:es|ed)?|unveil(?:s|ed)?|releas(?:es|ed)|"
    r"introduc(?:es|ed)|ships?|shipped)(?: (?:the|a|an|its|their|his|her))?"
    r"(?: new| latest)?(?: \w+-\w+)?|"
    r"\b" + _PRODUCT_NOUNS + r"s?)\s*$",
    re.IGNORECASE,
)
_PRODUCT_AFTER = re.compile(
    r"^(?:\s+(?:users|owners|buyers|sales|models?|versions?|line|range|family|update|"
    r"pre-orders|launch|release)\b|"
    r",\s+(?:the|a|an|its) " + _MODIFIERS + _PRODUCT_NOUNS + r"\b)",
    re.IGNORECASE,
)
# The same cues in the plural ("MacBook updates", "Volt launches", "A380 releases"), read only
# with :data:`PLURAL_PRODUCT_CUES`.
_PRODUCT_AFTER_PLURAL = re.compile(
    r"^\s+(?:updates|launches|releases|lines|ranges|families)"
    # a noun, not the verb ("when the Recorder releases the count"): punctuation or a
    # function word follows
    r"(?=\s*[.,;:!?)]|\s+(?:to|for|of|in|on|are|were|will|have|had|and|is|was)\b)",
    re.IGNORECASE,
)
# A maker's possessive right before the name ("Google's ", "Qualcomm Corp.'s ") and a noun of
# a made thing right after it, perhaps after one modifier ("Android operating system",
# "Snapdragon chips"): the possessor made it, so the name is the product's.
_MAKERS_POSSESSIVE = re.compile(r"\b[A-Z][\w&.-]*['\u2019]s\s+$")
_MADE_THING_AFTER = re.compile(
    r"^\s+(?:[a-z][\w-]* )?(?:system|software|phone|smartphone|handset|chips?|chipsets?|"
    r"processors?|browser|app|application|platform|console|device|tablet|laptop|drug|vaccine|"
    r"car|aircraft|jet|engine|camera|search engine)\b"
)
# Nouns of a plan or policy, and the words around a name that say the story calls it one:
# "X, a government plan", "X, the country's blueprint", "the X industrial policy", "the X plan",
# "initiatives like X", "a program known as X".
_PLAN_NOUNS = (
    r"(?:plans?|polic(?:y|ies)|strateg(?:y|ies)|initiatives?|programs?|programmes?|"
    r"blueprints?|schemes?|agenda|roadmap|road map)"
)
_PLAN_AFTER = re.compile(
    r"^[\"\u201d\u2019']?(?:,[\"\u201d\u2019']?\s+(?:the|a|an|its|their|[A-Za-z]+['\u2019]s)\s+"
    r"(?:[\w'\u2019-]+\s+){0,3}|\s+(?:[a-z][\w-]*\s+)?)" + _PLAN_NOUNS + r"\b"
)
_PLAN_BEFORE = re.compile(
    r"\b" + _PLAN_NOUNS + r",? (?:like|such as|known as|called|named|dubbed)\s*[\"\u201c\u2018']?$",
    re.IGNORECASE,
)
# ", which is a company", after a name; ", which are among the largest companies", after a list.
_COMPANY_NOUNS = (
    r"(?:compan(?:y|ies)|firms?|makers?|manufacturers?|groups?|operators?|"
    r"carriers?|retailers?|lenders?|banks?|insurers?|airlines?|giants?|"
    r"conglomerates?|startups?|start-ups?|corporations?|businesses)"
)
_WHICH_IS_COMPANY = re.compile(
    r",\s+which (?:is|was) (?:(?:one|among|part) (?:of )?)?(?:the |a |an )?"
    + _MODIFIERS
    + _COMPANY_NOUNS
    + r"\b",
    re.IGNORECASE,
)
_WHICH_ARE_COMPANIES = re.compile(
    r",\s+which (?:are|were) (?:(?:all |both )?(?:among|some of|two of|three of) )?(?:the )?"
    + _MODIFIERS
    + _COMPANY_NOUNS
    + r"\b",
    re.IGNORECASE,
)
# The rest of a list of capitalised names after its first or middle member (", Alibaba and
# Tencent"); empty when the name is not in a list.
_REST_OF_LIST = re.compile(
    r"(?:,?\s+(?:and|or)\s+[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*|,\s+[A-Z][\w.&'-]*"
    r"(?:\s+[A-Z][\w.&'-]*)*)*(?<=[\w.])"
)
_COMPANY_POSSESSION = re.compile(
    r"^(?:['\u2019]s (?:app|apps|users|customers|subscribers|revenue|revenues|profit|profits|"
    r"earnings|sales|market share|stock price|share price)\b|"
    r"\s+(?:reported|posted) (?:a |an |its )?(?:[\w-]+ )?(?:profit|loss|revenue|earnings|"
    r"sales)\b)"
)
# A place preposition before "the": "in the Netherlands", "across the Philippines".
_PLACE_THE = re.compile(r"\b(?:in|across|throughout|near|around)\s+the\s*$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|its|their|new)\s*$", re.IGNORECASE)
_PERSON_AFTER = re.compile(
    r"^,\s*(?:\d{1,3}\s*,|(?:the|a|an) (?:[\w-]+ ){0,2}(?:analyst|spokes(?:man|woman|person)|"
    r"engineer|nurse|specialist|professor|economist|director|executive|lawyer|attorney|"
    r"official|minister|owner|resident|student|teacher|doctor|researcher|scientist|manager|"
    r"president|founder|chairman|chairwoman|member|mayor|councillor|reporter|correspondent|"
    r"father|mother|son|daughter|wife|husband|man|woman|boy|girl)\b)",
    re.IGNORECASE,
)
# One-word names of news outlets, when written "the Gazette".
_OUTLET_WORDS = frozenset(
    """gazette herald tribune journal times post chronicle courier guardian observer telegraph
    independent star sun examiner inquirer register""".split()
)
# Words after a number that make it a quantity, not a model number ("Kestrel Air 212 flights").
_QUANTITY_WORDS = frozenset(
    """percent per cent million billion thousand hundred times years year months days hours
    flights people jobs""".split()
)


def form_votes(name: str) -> Counter[str]:
    """Labels the form of a name supports (each at most 1): company forms are ORG, "Bridge" or
    "Street" FAC, "Port X" or "X City" GPE, a model code "LT-204" or "iPod" PRODUCT."""
    votes: Counter[str] = Counter()
    words = [w.strip(".,") for w in name.split()]
    words = [w for w in words if w]
    if not words:
        return votes
    last = words[-1].lower()
    first = words[0].lower()
    if _MODEL_CODE.match(name) and not name.isdigit():
        votes["PRODUCT"] = 1
    elif _LOWER_CAMEL.match(words[0]):
        votes["PRODUCT"] = 1
    elif (
        "&" in words[1:-1]
        or words[-1] == "&"
        or (len(words) >= 2 and last in ORG_FORMS)
        or (MORE_COMPANY_FORMS and len(words) >= 2 and last in MORE_ORG_FORMS)
    ):
        votes["ORG"] = 1
    elif len(words) >= 3 and any(
        w.lower() == "of" and words[i - 1].lower() in ORG_HEADS
        for i, w in enumerate(words)
        if i > 0
    ):
        votes["ORG"] = 1
    elif len(words) >= 2 and last in FAC_FORMS:
        votes["FAC"] = 1
    elif len(words) >= 2 and (first in GPE_FIRST or last in GPE_FORMS):
        votes["GPE"] = 1
    return votes


def _institution(name: str) -> bool:
    """Whether the name's head (last word) is a public body or an institution ("U.S. Senate",
    "Commerce Department", "Peking University")."""
    words = name.split()
    return bool(words) and words[-1].lower().strip(".,;:") in INSTITUTION_HEADS


def _company_clause(after: str) -> bool:
    """Whether the words after a name say it is a company: ", which is a company" (or, after
    the rest of a list of names, ", which are among the largest companies"), "'s app", "'s
    users", "'s revenue", "reported a quarterly profit". A person is "who", never "which"."""
    if _COMPANY_POSSESSION.match(after):
        return True
    rest = _REST_OF_LIST.match(after)
    if rest is not None and rest.end() > 0:  # the clause describes the whole list
        return bool(_WHICH_ARE_COMPANIES.match(after, rest.end()))
    return bool(_WHICH_IS_COMPANY.match(after))


def context_votes(text: str, start: int, end: int) -> Counter[str]:
    """Labels the words around ``text[start:end]`` support (each at most 1)."""
    votes: Counter[str] = Counter()
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 60) : start]
    after = text[end : end + 60].split("\n", 1)[0]
    name = text[start:end]
    if HYPHEN_COMPOUNDS_HAVE_NO_CUES and re.match(r"-[A-Za-z]", after):
        return votes  # "new Intel-based Mac": "new" goes with "Mac", not with "Intel"
    if (
        _PLACE_BEFORE.search(before)
        or _PLACE_AFTER.match(after)
        or (re.search(r"\bthe\s*$", before, re.IGNORECASE) and _PLANT_AFTER.match(after))
    ):
        if not (INSTITUTIONS_ARE_NOT_PLACES and _institution(name)):
            votes["GPE"] = 1  # "in the U.S. Senate" is in an institution, not a place
    if (
        _ORG_BEFORE.search(before)
        or _ORG_AFTER.match(after)
        or (COMPANY_CLAUSES and _company_clause(text[end : end + 120].split("\n", 1)[0]))
    ):
        votes["ORG"] = 1
    if (
        _PRODUCT_BEFORE.search(before)
        or _PRODUCT_AFTER.match(after)
        or (PLURAL_PRODUCT_CUES and _PRODUCT_AFTER_PLURAL.match(after))
        or (_DETERMINER_BEFORE.search(before) and not re.match(r"^\s+[a-z]", after))
        or (
            MAKER_POSSESSIVE_PRODUCTS
            and name[:1].isupper()
            and _MAKERS_POSSESSIVE.search(before)
            and _MADE_THING_AFTER.match(after)
        )
    ):
        votes["PRODUCT"] = 1
    words = name.split()
    title = re.search(r"([A-Za-z-]+)\.?\s*$", before)
    if (
        _PERSON_AFTER.match(after)
        or (
            len(words) >= 2
            and words[0].lower().strip(".") in TITLE_WORDS
            and all(w[:1].isupper() for w in words[1:])
        )
        or (
            title
            and title.group(1).lower() in TITLE_WORDS
            and len(words) >= 2
            and not form_votes(name)
        )
        or (
            HONORIFICS_BEFORE_ONE_WORD
            and title
            and title.group(1).lower() in HONORIFICS
            and len(words) == 1
            and name[:1].isupper()
        )
    ):
        votes["PERSON"] = 1  # "X, 49,", "Mayor Ilse Brandvold", "chief executive Priya Raman"
    if re.search(r"\bthe\s*$", before, re.IGNORECASE) and name.lower() in _OUTLET_WORDS:
        votes["ORG"] = 1  # "told the Gazette", "the Herald's correspondent"
    if (
        re.search(r"\bthe\s*$", before, re.IGNORECASE)
        and re.fullmatch(r"[A-Z][a-z]+s", name)
        and not re.match(r"^\s+[a-z]", after)
        and not (PLACE_BEFORE_THE_PLURAL and _PLACE_THE.search(before))
    ):
        votes["ORG"] = 1  # "the Beatles", "the Democrats": a group, not a person
    if len(votes) > 1:  # contradictory cues say nothing
        return Counter()
    return votes


def type_votes(mentions: Sequence[_Mention], weights: Weights | None = None) -> dict[str, float]:
    """Weighted votes of a group of mentions on its type (see the module docstring).

    Each kind of evidence counts as a share, so a name mentioned fifty times does not drown
    what its form says: ``spacy`` times the share of spaCy-labelled mentions with each label,
    ``context`` times the share of mentions whose surrounding words point to each label, and
    ``form`` for each label the form of one of its names supports.
    """
    w = weights or W_DEFAULT
    votes: dict[str, float] = defaultdict(float)
    labelled = [m.label for m in mentions if m.label]
    for lab, n in Counter(labelled).items():
        votes[lab] += w.spacy * n / len(labelled)
    form: Counter[str] = Counter()
    for name in {m.name for m in mentions}:
        form |= form_votes(name)
    if mentions:
        # "in X" says X is a place; which kind of place, its form or spaCy says ("in Trump
        # Tower" is a facility, "in the Alps" a LOC)
        place = "FAC" if form.get("FAC") else "GPE"
        if place == "GPE" and votes.get("LOC", 0) > votes.get("GPE", 0):
            place = "LOC"
        context: Counter[str] = Counter()
        for m in mentions:
            context.update(m.context)
        for lab, n in context.items():
            votes[place if lab == "GPE" else lab] += w.context * n / len(mentions)
    for lab, n in form.items():
        votes[lab] += w.form * n
    return dict(votes)


def vote_label(votes: Mapping[str, float]) -> str:
    """The label with the most weight; ties go to the earlier label in ``LABEL_PRIORITY``."""
    votes = {lab: v for lab, v in votes.items() if v > 0}
    if not votes:
        return ""
    rank = {lab: i for i, lab in enumerate(LABEL_PRIORITY)}
    return min(votes, key=lambda lab: (-votes[lab], rank.get(lab, 99), lab))


def _collect(docs: Sequence[Doc | None]) -> list[_Mention]:
    """spaCy's named mentions, a model number after a product name included ("iPhone 4")."""
    mentions = []
    for ai, doc in enumerate(docs):
        if doc is None:
            continue
        text = doc.text
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            start, end = ent.start_char, ent.end_char
            label = ent.label_
            if CUT_NAMES_BEFORE_A_COMPANY_APPOSITION:
                first = _proper_nouns_before(doc, ent.start)
                if first < ent.start and _COMPANY_APPOSITION.match(text, end):
                    start, label = doc[first].idx, "ORG"  # "Trivium China, a research firm"
            end = _extend_model_number(text, end, ent.text, label)
            if _HYPHEN_ADJECTIVE.search(text[start:end]):
                continue  # "U.S.-made components" is no organisation's name
            pieces = [(start, end, label)]
            if SPLIT_AT_SPACED_DASHES:
                pieces = _dash_pieces(text, start, end, label)
            if BRACKETED_ACRONYMS:
                pieces = [p for s, e, lab in pieces for p in _bracket_pieces(text, s, e, lab)]
            for s, e, lab in pieces:
                m = _make_mention(ai, lab, text, s, e)
                if m is not None:
                    mentions.append(m)
    mentions = _split_coordinations(mentions, docs)
    if SPLIT_POSSESSORS:
        mentions = _split_possessors(mentions, docs)
    return mentions


# A dash between spaces: "San Jose - Cisco", "MacBook Pro -- a notebook".
_SPACED_DASH = re.compile(r"[ \t](?:-{1,2}|\u2013|\u2014)[ \t]")


def _dash_pieces(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """The names of a span cut at its spaced dashes (:data:`SPLIT_AT_SPACED_DASHES`): the
    parts that open with a capital or a digit (after an article); with two or more, spaCy's
    label was read off the joined span and says nothing about each part (label "")."""
    cuts = list(_SPACED_DASH.finditer(text, start, end))
    if not cuts:
        return [(start, end, label)]
    bounds, cursor = [], start
    for c in cuts:
        bounds.append((cursor, c.start()))
        cursor = c.end()
    bounds.append((cursor, end))
    kept = []
    for s, e in bounds:
        words = text[s:e].split()
        while words and words[0].lower() in LEADING_ARTICLES:
            words = words[1:]
        if words and (words[0][:1].isupper() or words[0][:1].isdigit()):
            kept.append((s, e))
    if len(kept) == 1:
        return [(kept[0][0], kept[0][1], label)]
    return [(s, e, "") for s, e in kept]


# An acronym in brackets: "(SDK)", "( WWDC )"; inside a span, its closing bracket may be cut.
_BRACKETED = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Z0-9&]{1,7})[ \t]*\)")
_BRACKET_AT_END = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Z0-9&]{1,7})[ \t]*\)?$")


def _bracket_pieces(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """A span ending in a bracketed acronym ("Software Development Kit (SDK") is the name and
    the acronym, two mentions (:data:`BRACKETED_ACRONYMS`)."""
    hit = _BRACKET_AT_END.search(text, start, end)
    if hit is None or hit.start() == start:
        return [(start, end, label)]
    return [(start, hit.start(), label), (hit.start(1), hit.end(1), label)]


def abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` ("SDK", "WWDC") can abbreviate ``name`` (Schwartz and Hearst, 2003):
    its letters occur in the name in order, read from the right, and its first letter opens a
    word of the name."""
    letters = [c for c in short.lower() if c.isalnum()]
    text = name.lower()
    i = len(text) - 1
    for j in range(len(letters) - 1, -1, -1):
        while i >= 0 and (text[i] != letters[j] or (j == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return bool(letters)


def _bracketed_acronyms(mentions: list[_Mention], texts: Sequence[str | None]) -> dict[str, str]:
    """Acronym key -> name key, for each name followed by a bracketed acronym of it."""
    keys = {m.key for m in mentions}
    out: dict[str, str] = {}
    for m in mentions:
        text = texts[m.article] if m.article < len(texts) else None
        hit = _BRACKETED.match(text, m.end) if text else None
        if hit is None or len(m.tokens) < 2:
            continue
        short = name_key(hit.group(1))
        if short in keys and short != m.key and abbreviates(hit.group(1), m.name):
            out.setdefault(short, m.key)
    return out


# A possessive inside a span, before a capitalised word: "The Beatles' Apple Corps".
_INNER_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])[ \t]+(?=[A-Z0-9])")


def _split_possessors(mentions: list[_Mention], docs: Sequence[Doc | None]) -> list[_Mention]:
    """A span "A's B" whose possessor A the story names on its own elsewhere is two names: A
    (no spaCy label: spaCy labelled the whole) and B (:data:`SPLIT_POSSESSORS`). A possessor
    never named alone stays inside ("McDonald's Corp", "Children's Hospital")."""
    alone = {m.key for m in mentions if not _INNER_POSSESSIVE.search(m.text)}
    out = []
    for m in mentions:
        hit = _INNER_POSSESSIVE.search(m.text)
        doc = docs[m.article]
        if hit is None or doc is None:
            out.append(m)
            continue
        text = doc.text
        owner = _make_mention(m.article, "", text, m.start, m.start + hit.start())
        rest = _make_mention(m.article, m.label, text, m.start + hit.end(), m.end)
        if owner is None or rest is None or owner.key not in alone:
            out.append(m)
            continue
        owner.context = Counter()  # the words around "A's B" describe B, the head
        rest.context = m.context
        out.extend((owner, rest))
    return out


# A company apposition right after a name: ", a Beijing-based research firm,".
_COMPANY_APPOSITION = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}" + _COMPANY_NOUNS + r"\b", re.IGNORECASE
)


def _proper_nouns_before(doc: Doc, i: int) -> int:
    """Index of the first of the capitalised proper nouns right before token ``i`` that no
    entity holds, in its sentence and not opening it (``i`` when there is none)."""
    first = i
    while (
        first > 0
        and doc[first - 1].tag_ in ("NNP", "NNPS")
        and doc[first - 1].text[:1].isupper()
        and not doc[first - 1].ent_type_
        and not doc[first - 1].is_sent_start
        and first - 1 > doc[i].sent.start
    ):
        first -= 1
    return first


# A hyphenated adjective of origin or place followed by lower-case words to the end of the
# span: "U.S.-made components", "Berlin-based rivals".
_HYPHEN_ADJECTIVE = re.compile(r"-(?:made|based|built|owned|backed|led)(?: [a-z][\w-]*)+$")
# Parts of a coordination: "A and B", "A, B and C", "A, B, and C".
_COORDINATION = re.compile(r",? and |, ")
_CAPITALISED_NAME = re.compile(r"[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)*")


def _split_coordinations(mentions: list[_Mention], docs: Sequence[Doc | None]) -> list[_Mention]:
    """A span that coordinates names ("Alibaba and Tencent") is split into its names when
    every part is a capitalised name and at least one part is named on its own elsewhere in
    the story, or the span ends a list whose head is a name ("Baidu, Alibaba and Tencent");
    a name that only ever appears whole ("Procter and Gamble") stays whole, and so do places
    ("Bosnia and Herzegovina") and people."""
    alone = {m.key for m in mentions if not _COORDINATION.search(m.text)}
    ends = {(m.article, m.end) for m in mentions}
    out = []
    for m in mentions:
        parts, cursor = [], m.start
        for sep in _COORDINATION.finditer(m.text):
            parts.append((cursor, m.start + sep.start()))
            cursor = m.start + sep.end()
        doc = docs[m.article]
        if not parts or doc is None or m.label != "ORG":  # "Bosnia and Herzegovina" is one
            out.append(m)
            continue
        parts.append((cursor, m.end))
        text = doc.text
        if COORDINATION_AFTER_AN_ARTICLE:
            lead = re.match(r"(?:the|a|an)[ \t]+(?=[A-Z])", text[parts[0][0] : parts[0][1]])
            last = form_votes(text[parts[-1][0] : parts[-1][1]])
            if lead is not None and not (
                (last.get("ORG") or last.get("FAC"))
                and not form_votes(text[parts[0][0] : parts[0][1]])
            ):  # "the Macbook and Macbook Pro"; not "the Securities and Exchange Commission"
                parts[0] = (parts[0][0] + lead.end(), parts[0][1])
        if not all(_CAPITALISED_NAME.fullmatch(text[s:e]) for s, e in parts):
            out.append(m)
            continue
        pieces = [_make_mention(m.article, m.label, text, s, e) for s, e in parts]
        # the tail of a list whose head is a name of its own ("Baidu, Alibaba and Tencent")
        list_tail = text[max(0, m.start - 2) : m.start] == ", " and (m.article, m.start - 2) in ends
        keys = [p.key for p in pieces if p is not None]
        if (
            len(keys) < len(pieces)
            or len(set(keys)) < len(keys)
            or not (list_tail or any(k in alone for k in keys))
        ):
            out.append(m)
            continue
        out.extend(p for p in pieces if p is not None)
    return out


# Auxiliaries that open a yes/no question ("Will Clinton playbook work?", "Can Smith win?"):
# capitalised there, the tagger may read them as a first name.
QUESTION_AUXILIARIES = frozenset(
    "will can could would should shall must may might did does do is are was were has have"
    " had".split()
)
_NEXT_WORD = re.compile(r"[ \t]+(?=[A-Z])")


def question_auxiliary_end(text: str, start: int) -> int | None:
    """When the capitalised word at ``start`` is an auxiliary opening a question ("Will" in
    "reset Will Clinton playbook work?"; not in "Did Will Smith win?" nor "Will Smith said
    ..."), the offset of the name after it, else None: the word opens its line or sentence or
    follows a lower-case word that is not itself an auxiliary, a capitalised word follows,
    and the sentence ends with a question mark."""
    m = re.match(r"([A-Z][a-z]+)", text[start : start + 12])
    if m is None or m.group(1).lower() not in QUESTION_AUXILIARIES:
        return None
    after = _NEXT_WORD.match(text, start + m.end())
    if after is None:
        return None
    tail = re.search(r"[.!?\n]", text[after.end() : after.end() + 300])
    if tail is None or tail.group() != "?":
        return None
    line = text[text.rfind("\n", 0, start) + 1 : start]
    prev = re.search(r"(\S+)\s*$", line)
    if (
        prev is not None
        and not prev.group(1).endswith((".", "!", "?", ":", '"', "\u201d"))
        and (
            not prev.group(1).isalpha()
            or not prev.group(1).islower()
            or prev.group(1) in QUESTION_AUXILIARIES
        )
    ):
        return None
    return after.end()


def _make_mention(article: int, label: str, text: str, start: int, end: int) -> _Mention | None:
    if label == "PERSON":
        name_at = question_auxiliary_end(text, start)
        if name_at is not None and name_at < end:
            start = name_at  # "Will Clinton playbook work?": the name is "Clinton"
    surface = text[start:end]
    name = clean_name(surface)
    titled = False
    if TITLES_ONLY_BEFORE_PERSONS and label in _TITLED_COMPANY_LABELS:
        # in a span spaCy reads as a company, a product or a place, a "title" followed by one
        # word (company forms aside) is the name's first word ("General Motors", "Dean Foods",
        # "King Pharmaceuticals"); before a longer name it is a title still ("Mayor Corin
        # Vale of Harwick", which spaCy may read as anything)
        whole = clean_name(surface, titles=False)
        core = [w for w in whole.split() if w.lower().strip(".,") not in COMPANY_SUFFIXES]
        if len(core) == 2 and core[0].lower().strip(".") in TITLE_WORDS:
            name, titled = whole, True
    key = name_key(name)
    if len(key.replace(" ", "")) < 2 or not re.search(r"[a-z]", key):
        return None
    glued = _NAME_BEFORE.search(text, max(0, start - 40), start)
    cut = glued is not None and glued.group(1).lower() not in _FUNCTION_WORDS
    context = context_votes(text, start, end)
    if titled:
        context.pop("PERSON", None)  # "General Motors" opens with no general's title
    return _Mention(article, label, start, end, surface, name, key, context, cut)


# A capitalised word (or a possessive) right before a mention, on its line: "Sheriff's Office".
_NAME_BEFORE = re.compile(r"([A-Z][\w.&-]*)(?:['\u2019]s)?[ \t]+$")


_MODEL_NUMBER = re.compile(r" (\d{1,2}[A-Za-z]{0,3}|\d[A-Z]{1,3})\b(?![.,:/]?\d)(?: (\w+))?")


def _extend_model_number(text: str, end: int, surface: str, label: str) -> int:
    """``end`` moved past a model number following a product name ("iPhone 4", "iOS 5")."""
    if label not in ("PRODUCT", "WORK_OF_ART", "") and not _LOWER_CAMEL.match(surface):
        return end
    if label == "" and not _LOWER_CAMEL.match(surface):
        return end
    if _MODEL_CODE.match(surface):
        return end  # already numbered
    m = _MODEL_NUMBER.match(text, end)
    if m is None or (m.group(2) or "").lower() in _QUANTITY_WORDS:
        return end
    return m.end(1)


# Capitalised words that may stand before a name without being part of it.
_FUNCTION_WORDS = frozenset(
    """the a an in on at for with by from to of and but or its their his her our as after
    before when while if since during under over about into shares""".split()
)


def _propagate(mentions: list[_Mention], texts: Sequence[str | None]) -> list[_Mention]:
    """Further mentions of the names already found: every other whole-word occurrence of a
    name (same spelling) in the story that no mention covers and that is not part of a
    longer capitalised name."""
    names = sorted(
        {
            m.name
            for m in mentions
            if len(m.name) >= 2 and re.search(r"[A-Z]", m.name) and re.search(r"[A-Za-z]", m.name)
        },
        key=lambda n: (-len(n), n),
    )
    if not names:
        return []
    pattern = re.compile(
        r"(?<![\w&.'\u2019-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w&-])"
    )
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        covered[m.article].append((m.start, m.end))
    ends = {(m.article, m.end) for m in mentions}
    out = []
    for ai, text in enumerate(texts):
        if not text:
            continue
        spans = sorted(covered.get(ai, []))
        starts = [s for s, _ in spans]
        for hit in pattern.finditer(text):
            start, end = hit.start(), hit.end()
            i = bisect.bisect_left(starts, end)
            if any(s < end and start < e for s, e in spans[max(0, i - 3) : i]):
                continue
            prev = re.search(r"([\w'\u2019&.-]+)[ \t]+$", text[max(0, start - 40) : start])
            if (
                prev
                and prev.group(1)[:1].isupper()
                and not prev.group(1).endswith(".")
                and (prev.group(1).lower() not in _FUNCTION_WORDS)
                and not (
                    SPLIT_POSSESSORS and re.search(r"(?:['\u2019]s|s['\u2019])$", prev.group(1))
                )
                and not (
                    ADJACENT_NAMES and (ai, start - len(prev.group(0)) + len(prev.group(1))) in ends
                )
            ):
                continue  # inside a longer name, but "Apple's iTunes" is two names
            end = _extend_model_number(text, end, hit.group(0), "")
            nxt = re.match(r"[ \t]+([\w&]+)", text[end : end + 40])
            if nxt and nxt.group(1)[:1].isupper():
                continue
            found = _make_mention(ai, "", text, start, end)
            if found is not None:
                out.append(found)
    return out


def _extend_to_known_names(mentions: list[_Mention], texts: Sequence[str | None]) -> list[_Mention]:
    """A mention that is only ever the start of a longer name the story names elsewhere,
    written out in full right where it stands, is a mention of that longer name ("Made"
    tagged PRODUCT in "the heart of Made in China 2025" where another outlet tags "Made in
    China 2025"): one sense per story, as for :func:`_propagate`. A short name the story also
    names on its own ("Apple" of "Apple TV" beside "Apple" alone) stays a mention of its own
    (the company a product is named after), and so do names inside the longer one ("China").
    The longer mention carries no spaCy label and no context cue: its type is the vote of the
    longer name's other mentions ("in Connecticut State Police's inquiry" is no place cue)."""
    names = sorted({m.name for m in mentions if m.label}, key=lambda n: (-len(n), n))
    by_first: dict[str, list[str]] = defaultdict(list)
    for n in names:
        if len(n.split()) >= 2:
            by_first[n.split()[0]].append(n)
    if not by_first:
        return mentions
    longer: dict[int, _Mention] = {}
    for m in mentions:
        text = texts[m.article] if m.article < len(texts) else None
        words = m.text.split()
        if not text or not words:
            continue
        for n in by_first.get(words[0], ()):
            if (
                len(n) <= m.end - m.start
                or not n.startswith(m.text)
                or not text.startswith(n, m.start)
                or re.match(r"[\w&-]|[ \t]+[A-Z0-9]", text[m.start + len(n) :])
            ):
                continue  # not the whole name here ("Mac OS" of "Mac OS X")
            found = _make_mention(m.article, "", text, m.start, m.start + len(n))
            if found is not None and found.key != m.key:
                found.context = Counter()  # typed by the longer name's own mentions
                longer[id(m)] = found
            break  # the longest name that fits
    if not longer:
        return mentions
    # a short name also named on its own somewhere in the story keeps its own mentions
    alone = {m.key for m in mentions if m.label and id(m) not in longer}
    return [longer[id(m)] if id(m) in longer and m.key not in alone else m for m in mentions]


def _extend_lower_case_tails(
    mentions: list[_Mention], texts: Sequence[str | None]
) -> list[_Mention]:
    """A mention followed by one or two lower-case words that, with it, spell a longer name
    the story tags elsewhere with capitals ("iPod nano" beside "The iPod Nano") is a mention of
    that longer name (:data:`LOWER_CASE_TAILS`): the tagger read the lower case as the end of
    the name, the story's own spelling says otherwise (not a spelling from a line in title
    case, "President Obama Overturns ..."). The longer mention carries no spaCy label and keeps
    no context cue, as for :func:`_extend_to_known_names`."""
    longer = {
        m.key
        for m in mentions
        if m.label
        and len(m.tokens) >= 2
        and not m.name.isupper()
        and not _in_title_case(texts[m.article] or "", m.start)
    }
    if not longer:
        return mentions
    story = "\n".join(t for t in texts if t)
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        taken[m.article].append((m.start, m.end))
    out = []
    for m in mentions:
        text = texts[m.article] if m.article < len(texts) else None
        tail = _LOWER_TAIL.match(text, m.end) if text else None
        found = None
        if text and tail is not None:
            for end in (tail.end(), tail.end(1)):
                if end <= m.end:
                    continue
                cand = _make_mention(m.article, "", text, m.start, end)
                if (
                    cand is not None
                    and cand.key in longer
                    and cand.key != m.key
                    and not any(s < end and m.end < e for s, e in taken[m.article])
                    and not _common_elsewhere(text[m.end : end].split(), m.name, story)
                ):
                    found = cand
                    break
        if found is not None:
            found.context = Counter()
            out.append(found)
        else:
            out.append(m)
    return out


def _in_title_case(text: str, at: int) -> bool:
    """Whether the line around ``at`` is written in title case ("President Obama Overturns
    Endangered Species Rule"): most of its longer words capitalised, so its capitals say
    nothing about where a name ends."""
    end = text.find("\n", at)
    line = text[text.rfind("\n", 0, at) + 1 : end if end >= 0 else len(text)]
    words = re.findall(r"[A-Za-z]{4,}", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _common_elsewhere(words: list[str], name: str, story: str) -> bool:
    """Whether one of ``words`` stands in lower case somewhere in the story other than right
    after ``name`` ("would" in "Tim would", "community" in "New Jersey community"): a common
    word, not the end of a name ("nano" of "iPod nano" is written nowhere else)."""
    for w in words:
        alone = len(re.findall(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", story))
        after = len(
            re.findall(
                re.escape(name) + r"[ \t]+(?:\w+[ \t]+)?" + re.escape(w) + r"(?![\w-])", story
            )
        )
        if alone > after:
            return True
    return False


# One or two lower-case words after a name, then no further word of the name.
_LOWER_TAIL = re.compile(r"[ \t]+([a-z][\w-]*)(?:[ \t]+[a-z][\w-]*)?(?![\w-])")


# What may stand between the start of a sentence (or a line) and its first word.
_OPENING = re.compile(r"(?:^|[\n.!?][\"'\u201d\u2019)\]]*[ \t]+)[\"'\u201c\u2018(\[]*$")


def _opens_sentence(text: str, start: int, sentence_starts: list[int]) -> bool:
    """Whether the word at ``start`` is the first word of its sentence or line (after any
    opening quotes or brackets)."""
    i = bisect.bisect_right(sentence_starts, start) - 1
    if i >= 0 and not text[sentence_starts[i] : start].strip("\"'\u201c\u2018([ \t\n"):
        return True
    return _OPENING.search(text, max(0, start - 8), start) is not None


def _only_a_common_word(
    name: str, mentions: list[_Mention], texts: Sequence[str | None], starts: list[list[int]]
) -> bool:
    """A one-word name ("Snow", "Aides", "Family") that the story capitalises only where it
    opens a sentence or a line, and writes in lower case elsewhere ("snow"), is a common word
    capitalised by its position, not a name: spaCy's guess from the capital is all there is.
    Acronyms ("NASA"), inner capitals ("iPhone", "McCain") and names with digits or dots are
    never common words; a word the story never writes in lower case may be a name."""
    if not name.isalpha() or not name[:1].isupper() or not name[1:].islower():
        return False
    for m in mentions:
        text = texts[m.article] if m.article < len(texts) else None
        if not text or not _opens_sentence(text, m.start, starts[m.article]):
            return False
    lower = re.compile(r"(?<![\w-])" + re.escape(name.lower()) + r"(?![\w-])")
    return any(t and lower.search(t) for t in texts)


# A list of three or more capitalised names: "Facebook, Twitter and Google", "A, B, and C",
# read back from its "and"/"or" (at most a dozen names before it, within 200 characters: the
# scan stays linear in long comma-separated runs).
_NAME_WORDS = r"[A-Z][\w&.'\u2019-]*(?: [A-Z][\w&.'\u2019-]*){0,3}"
_LIST_AND = re.compile(r" (?:and|or) (?=[A-Z])")
_LIST_HEAD = re.compile(
    rf"(?<![\w-])(?:{_NAME_WORDS}, ){{1,12}}{_NAME_WORDS},?$|(?<![\w-])(?:{_NAME_WORDS}, ){{2,12}}$"
)
_LIST_LAST = re.compile(rf"{_NAME_WORDS}(?![\w-])")


def _name_lists(text: str) -> list[tuple[int, int]]:
    """Spans of the lists of three or more capitalised names in ``text``."""
    out = []
    for hit in _LIST_AND.finditer(text):
        lo = max(0, hit.start() - 200, text.rfind("\n", 0, hit.start()) + 1)
        if ", " not in text[lo : hit.start()]:
            continue  # no list: "Trump and Xi"
        head = _LIST_HEAD.search(text, lo, hit.start())
        last = _LIST_LAST.match(text, hit.end())
        if head is not None and last is not None:
            out.append((head.start(), last.end()))
    return out


def _list_kinds(mentions: list[_Mention], texts: Sequence[str | None]) -> None:
    """A one-word name tagged PERSON inside a list of names whose other tagged members all
    carry one other label takes that label as a context cue (:data:`LIST_KIND`)."""
    by_article: dict[int, list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article].append(m)
    for ai, ms in by_article.items():
        text = texts[ai] if ai < len(texts) else None
        if not text:
            continue
        ms.sort(key=lambda m: m.start)
        starts = [m.start for m in ms]
        for start, end in _name_lists(text):
            lo = bisect.bisect_left(starts, start)
            hi = bisect.bisect_left(starts, end)
            inside = [m for m in ms[lo:hi] if m.end <= end and m.label]
            for m in inside:
                if m.label != "PERSON" or len(m.name.split()) != 1:
                    continue
                others = {o.label for o in inside if o is not m}
                if len(others) == 1 and "PERSON" not in others:
                    m.context = Counter({others.pop(): 1})


def _initials(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t not in _ACRONYM_SKIP and t)


def _merge(
    mentions: list[_Mention],
    weights: Weights | None = None,
    texts: Sequence[str | None] = (),
    acronyms: Mapping[str, str] | None = None,
) -> list[tuple[str, list[_Mention], str]]:
    """Group mentions into referents (see the module docstring for the rules): (key of the
    referent's fullest group, its mentions, its type)."""
    groups: dict[str, _Group] = {}
    for m in mentions:
        groups.setdefault(m.key, _Group(m.key)).mentions.append(m)
    # referent of each group key
    parent: dict[str, str] = {k: k for k in groups}
    labels = {k: g.label(weights) for k, g in groups.items()}
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
    orgs = [
        g
        for g in groups.values()
        if labels[g.key] == "ORG" and len(g.tokens) >= (2 if TWO_WORD_ACRONYMS else 3)
    ]
    by_initials: dict[str, list[_Group]] = defaultdict(list)
    for g in orgs:
        by_initials[_initials(g.tokens)].append(g)

    shared: dict[str, list[_Group]] = {}
    for key, g in groups.items():
        toks = g.tokens
        if len(toks) == 1:
            tagged_person = any(m.label == "PERSON" for m in g.mentions)
            if labels[key] in ("PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC") or (
                tagged_person
            ):
                cands = {c.key: c for c in by_end.get(toks[0], []) + by_start.get(toks[0], [])}
                if FIRST_NAMES_READ_AS_A_PERSON and len(cands) == 1:
                    full = next(iter(cands.values()))
                    both = full.mentions + g.mentions
                    if full.tokens[-1] != toks[0] and (
                        vote_label(type_votes(both, weights)) != "PERSON"
                    ):
                        cands = {}  # "MacBook" is no first name of "MacBook Wi-Fi"
                if len(cands) == 1:
                    parent[key] = next(iter(cands))
                    continue
                if len(cands) > 1:
                    # "Smith" with Shawn and Shimron Smith in the story: ambiguous across the
                    # story; per article, a mention goes to the one of them named before it
                    shared[key] = list(cands.values())
                    continue
            if labels[key] == "ORG" or toks[0].isalpha():
                raw = g.mentions[0].name
                if raw.isupper() and 2 <= len(raw) <= 6:
                    cands_a = by_initials.get(key, [])
                    if len(cands_a) == 1:
                        parent[key] = cands_a[0].key
    _short_to_full(groups, labels, parent)
    if INSTITUTION_WORD_ORDER:
        _institution_word_order(groups, labels, parent)
    if DROP_GENERIC_HEADS:
        _generic_head_to_full_name(groups, labels, parent)
    if DESCRIBED_PRODUCT_NOUNS:
        _described_product_nouns(groups, labels, parent, texts)
    if PRODUCT_SHORT_NAMES:
        _product_short_names(groups, labels, parent, weights)
    for acr, named in (acronyms or {}).items():
        if acr in groups and named in groups and parent[acr] == acr:
            if labels[acr] != "PERSON" and parent[named] != acr:
                parent[acr] = named  # "SDK" after "Software Development Kit (SDK)"
    moved = _resolve_ambiguous_short_names(groups, labels, parent)
    moved.update(_resolve_shared_surnames(groups, labels, shared))

    def root(k: str) -> str:
        seen = set()
        while parent[k] != k and k not in seen:
            seen.add(k)
            k = parent[k]
        return k

    out: dict[str, list[_Mention]] = defaultdict(list)
    for g in groups.values():
        for m in g.mentions:
            out[root(moved.get(id(m), g.key))].append(m)
    return [(k, ms, labels[k]) for k, ms in out.items()]


def _generic_head_to_full_name(
    groups: dict[str, _Group], labels: dict[str, str], parent: dict[str, str]
) -> None:
    """A generic head alone ("the Commission said") is the one organisation of the story whose
    name ends in it ("Truth and Reconciliation Commission"), when there is exactly one and the
    head is not the cut tail of another name ("Sheriff's Office"); with none or several, it
    stays alone and is dropped (:data:`GENERIC_HEADS`)."""
    heads = INSTITUTION_HEADS if BARE_INSTITUTION_HEADS else GENERIC_HEADS
    for key, g in groups.items():
        if parent[key] != key or key not in heads:
            continue
        if all(m.cut_from_a_name for m in g.mentions):
            continue
        full = [
            f
            for f in groups.values()
            if f.key != key
            and len(f.tokens) >= 2
            and f.tokens[-1] == key
            and labels[f.key] == "ORG"
            and parent[f.key] == f.key
        ]
        if len(full) == 1:
            parent[key] = full[0].key


# Nouns of a made thing ("store", "service", "phone"), from _PRODUCT_NOUNS.
_MADE_THING_NOUNS = frozenset(re.findall(r"[a-z]+", _PRODUCT_NOUNS))
_NOT_PRODUCTS = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP"})


def _described_product_nouns(
    groups: dict[str, _Group],
    labels: dict[str, str],
    parent: dict[str, str],
    texts: Sequence[str | None],
) -> None:
    """A product name followed by nouns of a made thing ("iTunes Music Store") is that product
    ("iTunes") when the story writes the same nouns in lower case after the product's name
    somewhere ("the iTunes music store"): there they describe it (:data:`DESCRIBED_PRODUCT_NOUNS`).
    """
    if not texts:
        return
    for key, g in groups.items():
        toks = g.tokens
        if parent[key] != key or len(toks) < 2 or toks[-1] not in _MADE_THING_NOUNS:
            continue
        if labels[key] in _NOT_PRODUCTS:
            continue
        for i in range(len(toks) - 1, 0, -1):
            short = " ".join(toks[:i])
            if short not in groups or labels[short] not in ("PRODUCT", "WORK_OF_ART"):
                continue
            names = {m.name for m in groups[short].mentions}
            written = re.compile(
                r"(?<![\w-])(?:"
                + "|".join(re.escape(n) for n in sorted(names))
                + r")[ \t]+"
                + r"[ \t]+".join(re.escape(t) for t in toks[i:])
                + r"(?![\w-])"
            )
            if any(t and written.search(t) for t in texts):
                parent[key] = short
                break


def _product_short_names(
    groups: dict[str, _Group],
    labels: dict[str, str],
    parent: dict[str, str],
    weights: Weights | None,
) -> None:
    """A one-word name that is the last word of exactly one longer name whose first words name
    another product or organisation of the story ("Nano" and "iPod Nano", "Macintosh" and
    "Apple Macintosh") is that longer name (:data:`PRODUCT_SHORT_NAMES`), typed by the vote of
    both names' mentions, when one of the two reads as a product ("MH370 Malaysian" and
    "Malaysian" do not). Not a word the story reads as a person's or a place's."""
    by_last: dict[str, list[_Group]] = defaultdict(list)
    for g in groups.values():
        if len(g.tokens) < 2 or parent[g.key] != g.key or labels[g.key] in _NOT_PRODUCTS:
            continue
        if not any(len(m.name.split()) >= 2 for m in g.mentions):
            continue  # "Pelosi/House" is no name followed by "House"
        head = " ".join(g.tokens[:-1])
        if head in groups and labels[head] in ("ORG", "PRODUCT"):
            by_last[g.tokens[-1]].append(g)
    for key, g in groups.items():
        if len(g.tokens) != 1 or parent[key] != key or labels[key] in _PLACES:
            continue
        if any(len(m.name.split()) != 1 for m in g.mentions):
            continue  # "XO Group Inc." is a company's name, not a model's
        cands = {c.key: c for c in by_last.get(key, []) if c.key != key}
        if len(cands) != 1:
            continue
        if any(m.context.get("PERSON") or m.context.get("GPE") for m in g.mentions):
            continue
        full = next(iter(cands.values()))
        if "PRODUCT" not in (labels[key], labels[full.key]):
            continue  # a model or a product: not "Dictionary" beside "Klingon Dictionary"
        parent[key] = full.key
        labels[full.key] = vote_label(type_votes(full.mentions + g.mentions, weights))


def _institution_word_order(
    groups: dict[str, _Group], labels: dict[str, str], parent: dict[str, str]
) -> None:
    """ "Ministry of Commerce" is "Commerce Ministry" when the story names both, both read as
    organisations (:data:`INSTITUTION_WORD_ORDER`); the form written more often is the name."""
    for key, g in groups.items():
        toks = g.tokens
        if (
            parent[key] != key
            or len(toks) < 3
            or toks[1] != "of"
            or toks[0] not in INSTITUTION_HEADS
            or labels[key] != "ORG"
        ):
            continue
        other = " ".join([*toks[2:], toks[0]])
        if other in groups and parent[other] == other and labels[other] == "ORG":
            if len(groups[other].mentions) >= len(g.mentions):
                parent[key] = other
            else:
                parent[other] = key


def _resolve_shared_surnames(
    groups: dict[str, _Group], labels: dict[str, str], shared: dict[str, list[_Group]]
) -> dict[int, str]:
    """A bare name shared by several full person names ("Smith" with Shawn and Shimron
    Smith): each mention goes to the full name when exactly one of them has been named
    before it in its own article; otherwise it stays with the bare name, which is never
    merged as a whole into either. The bare name is a person's. Returns mention id -> group
    key for the mentions attached."""
    moved: dict[int, str] = {}
    for key, cands in shared.items():
        g = groups[key]
        if not any(m.label == "PERSON" for m in g.mentions):
            continue  # never read as a person's name: not ours to attach
        labels[key] = "PERSON"  # "Smith" beside Shawn and Shimron Smith is a person
        for m in g.mentions:
            before = {
                c.key
                for c in cands
                if any(f.article == m.article and f.start < m.start for f in c.mentions)
            }
            if len(before) == 1:
                moved[id(m)] = before.pop()
    return moved


def _company_tail(full: _Group, short: _Group) -> bool:
    """``full`` is ``short`` followed by words ending in a company form ("Stenholt" ->
    "Stenholt Engineering"; "Apple" -> "Apple Computer"), or, for a short name written as an
    acronym (:data:`ACRONYM_SHORT_FORMS`), by any words ("BMI" -> "BMI Research")."""
    n = len(short.tokens)
    if len(full.tokens) <= n or full.tokens[:n] != short.tokens:
        return False
    if ANY_ORG_SHORT_FORMS:
        return True
    if (
        ACRONYM_SHORT_FORMS
        and n == 1
        and any(_acronym(m.name) and m.key == m.name.lower() for m in short.mentions)
    ):  # written as the acronym itself: "EU" is read as "european union", no acronym
        return True
    return any(form_votes(m.name).get("ORG") for m in full.mentions)


def _acronym(name: str) -> bool:
    """Whether a name is written as an acronym: two to six capitals ("BMI", "IDC")."""
    return 2 <= len(name) <= 6 and name.isalpha() and name.isupper()


# A short name the words around it make a place is never a company's short name; nor is a
# nationality ("American") or a product ("MacBook").
_PLACES = frozenset({"GPE", "LOC", "FAC"})


def _introduces(full: _Group, short: _Group) -> bool:
    """The story supports reading ``short`` as ``full``: some article names the full form
    before it uses the short one (news style: "Lumenara Therapeutics ... Lumenara")."""
    first: dict[int, int] = {}
    for m in full.mentions:
        first[m.article] = min(first.get(m.article, m.start), m.start)
    return any(m.article in first and first[m.article] < m.start for m in short.mentions)


def _full_forms(
    groups: dict[str, _Group], labels: dict[str, str], parent: dict[str, str]
) -> dict[str, list[_Group]]:
    """Short group key -> organisation groups that are its full forms."""
    orgs = [g for g in groups.values() if labels[g.key] == "ORG" and len(g.tokens) >= 2]
    by_first: dict[str, list[_Group]] = defaultdict(list)
    for g in orgs:
        by_first[g.tokens[0]].append(g)
    out = {}
    for key, g in groups.items():
        if parent[key] != key or len(g.tokens) > 2 or labels[key] in ("NORP", "PRODUCT"):
            continue
        evidence = type_votes(g.mentions, Weights(spacy=0.0))
        if vote_label(evidence) in _PLACES:
            continue  # "the city of Velmora" is not "Velmora Sound Lines"
        if labels[key] == "PERSON" and any(m.context.get("PERSON") for m in g.mentions):
            continue
        cands = [
            f
            for f in by_first.get(g.tokens[0], [])
            if f.key != key and _company_tail(f, g) and _introduces(f, g)
        ]
        if cands:
            out[key] = cands
    return out


def _short_to_full(
    groups: dict[str, _Group], labels: dict[str, str], parent: dict[str, str]
) -> None:
    """A short name with exactly one full company form in the story is that company."""
    for key, cands in _full_forms(groups, labels, parent).items():
        if len(cands) == 1:
            parent[key] = cands[0].key


def _resolve_ambiguous_short_names(
    groups: dict[str, _Group], labels: dict[str, str], parent: dict[str, str]
) -> dict[int, str]:
    """Short names with several full forms: each mention goes to the full form named nearest
    before it in its article (else first after it); the group goes to the full form most
    resolved mentions go to, when more than half do. Returns mention id -> group key for
    mentions that go elsewhere than their group."""
    moved: dict[int, str] = {}
    for key, cands in _full_forms(groups, labels, parent).items():
        if len(cands) < 2:
            continue
        g = groups[key]
        where: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for f in cands:
            for m in f.mentions:
                where[m.article].append((m.start, f.key))
        for m in g.mentions:  # its own full-form mentions ("Apple Inc.") count as named too
            if form_votes(m.name).get("ORG"):
                where[m.article].append((m.start, key))
        choice: dict[int, str] = {}
        for m in g.mentions:
            if form_votes(m.name).get("ORG"):
                continue  # "Apple Inc." is a full name of its own
            places = sorted(where.get(m.article, []))
            if not places:
                continue
            before = [k for s, k in places if s < m.start]
            choice[id(m)] = before[-1] if before else places[0][1]
        if not choice:
            continue
        counts = Counter(k for k in choice.values() if k != key)
        if not counts:
            continue
        best, n = counts.most_common(1)[0]
        if n * 2 > sum(counts.values()):
            parent[key] = best
        for mid, k in choice.items():
            if k != key and k != parent[key]:
                moved[mid] = k
    return moved


def _canonical_name(ms: list[_Mention], label: str, root_key: str | None = None) -> str:
    """The fullest common form: most words among the most frequent keys, as written; for
    an organisation merged from a short name, its full form (``root_key``)."""
    keys = Counter(m.key for m in ms)
    if label != "PERSON" and root_key in keys and len(keys) > 1:
        best_key = root_key
    elif label == "PERSON":
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


def extract_entities(
    story: Story, docs: Sequence[Doc | None], weights: Weights | None = None
) -> tuple[Entity, ...]:
    """Canonical entities of ``story`` from spaCy docs of its articles.

    Args:
        story: the story; ``docs[i]`` is the full spaCy parse of ``story.articles[i].text``
            (``None`` for an article that could not be parsed).
        docs: one Doc (or None) per article, in article order.
        weights: weights of the type evidence (``W_DEFAULT`` when None).

    Returns:
        Entities sorted by number of mentions (most first), each with its mentions (article
        id, sentence index, text as written and character span) and its mention count per
        article.
    """
    articles = story.articles
    docs = list(docs)[: len(articles)]
    mentions = _collect(docs)
    if not mentions:
        return ()
    texts = [a.text if d is not None else None for a, d in zip(articles, docs, strict=False)]
    if LIST_KIND:
        _list_kinds(mentions, texts)
    if EXTEND_TO_KNOWN_NAMES:
        mentions = _extend_to_known_names(mentions, texts)
    mentions += _propagate(mentions, texts)
    if LOWER_CASE_TAILS:
        mentions = _extend_lower_case_tails(mentions, texts)
    starts = [[s.start for s in a.sentences] for a in articles]
    common = _common_phrase_initials(docs) if DROP_COMMON_ABBREVIATIONS else frozenset()
    entities = []
    acronyms = _bracketed_acronyms(mentions, texts) if BRACKETED_ACRONYMS else {}
    for root_key, ms, label in _merge(mentions, weights, texts, acronyms):
        ms.sort(key=lambda m: (m.article, m.start))
        label = label or vote_label(type_votes(ms, weights)) or "ORG"
        if PLANS_ARE_LAWS and label == "WORK_OF_ART" and _called_a_plan(ms, texts):
            label = "LAW"  # "Made in X 2025, a government plan": a policy, not a work
        name = _canonical_name(ms, label, root_key)
        if common and _common_abbreviation(ms, common):
            continue  # "IP" beside "intellectual property"
        if DROP_SENTENCE_INITIAL_COMMON_WORDS and _only_a_common_word(name, ms, texts, starts):
            continue
        if DROP_GENERIC_HEADS and name.strip(".").lower() in GENERIC_HEADS:
            continue  # "the Department said": which department, the name does not say
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
    first = {
        e.id: (_article_pos(story, e.mentions[0].ref.article_id), e.mentions[0].ref.start)
        for e in entities
    }
    entities.sort(key=lambda e: (-len(e.mentions), first[e.id], e.name))
    return tuple(_unique_ids(entities))


def _called_a_plan(ms: Sequence[_Mention], texts: Sequence[str | None]) -> bool:
    """Whether the story calls the name a plan or a policy at one of its mentions: "X, a
    government plan", "the X industrial policy", "initiatives like X"."""
    for m in ms:
        text = texts[m.article]
        if text is None:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        before = text[max(line_start, m.start - 60) : m.start]
        after = text[m.end : m.end + 80].split("\n", 1)[0]
        if _PLAN_AFTER.match(after) or _PLAN_BEFORE.search(before):
            return True
    return False


def _common_phrase_initials(docs: Sequence[Doc | None]) -> frozenset[str]:
    """Initials of the common noun phrases of the story: runs of two to five lower-case
    adjectives and nouns ending in a noun ("intellectual property" -> "ip")."""
    out: set[str] = set()
    for doc in docs:
        if doc is None:
            continue
        toks = list(doc)
        for i, t in enumerate(toks):
            if t.pos_ != "NOUN" or not t.is_lower or not t.is_alpha:
                continue
            initials = t.text[0]
            for j in range(i - 1, max(-1, i - 5), -1):
                w = toks[j]
                if w.pos_ not in ("ADJ", "NOUN") or not w.is_lower or not w.is_alpha:
                    break
                initials = w.text[0] + initials
                out.add(initials)
    return frozenset(out)


def _common_abbreviation(ms: Sequence[_Mention], common: frozenset[str]) -> bool:
    """Whether every mention is one acronym that abbreviates a common noun phrase of the story
    (:data:`DROP_COMMON_ABBREVIATIONS`); the place acronyms ("US", "EU") never do."""
    names = {m.name for m in ms}
    if len(names) != 1:
        return False
    name = next(iter(names))
    return _acronym(name) and name.lower() not in ALIASES and name.lower() in common


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
        for e in self.entities:  # a name is first the entity of that name
            self._keys.setdefault(name_key(e.name), e)
        for e in self.entities:
            for m in e.mentions:
                self._spans[m.ref.article_id].append((m.ref.start, m.ref.end, e))
            for alias in e.aliases:
                # a shared surname attached per article to one person ("Smith" after Shawn
                # Smith) names the entity of that bare name, when the story has one
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
        for s, e, ent in spans[max(0, i - 8) : i]:
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
