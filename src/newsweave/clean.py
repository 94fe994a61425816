"""Cleaning: remove the noise scraped news carries inside its text, and keep what was removed.

Rules (each removal is a :class:`~newsweave.model.Removed` with one of these reasons):

==================== =====================================================================
reason               what
==================== =====================================================================
caption              a photo caption: a line ending in a photo credit "(Name/Agency)", a
                     line directly above a credit line, "Image caption ..."
credit               a photo credit line: "(Jae C. Hong / Associated Press)", "Photo: ...",
                     "AP Photo/...", "Getty Images"
byline               "By Jane Doe" (head or tail of the text)
author-blurb         "Meyers is a special correspondent.", "Write to X at ...",
                     "X can be reached at ..." (tail of the text only)
contributor-note     "X contributed to this report.", "(Editing by ...)", "Reporting by ..."
social               "Twitter: @handle", "Follow X on Twitter", embedded-tweet signatures,
                     a lone URL or e-mail address, a line of contact details only ("Jane
                     Doe | Twitter @jdoe", "Email jane@example.com")
promo                subscribe / newsletter / cookie / share / advertisement / "Read more"
                     / copyright lines, navigation labels ("ALSO:", "Topics: ...")
separator            a line with no letters or digits ("___", "* * *")
section-label        a lone section label at the top ("Business", "World | Asia")
title-repeat         the first line repeats the article's title
related-headlines    a run of short headline-like lines after the end of the article
standfirst-repeat    an opening teaser paragraph that the next paragraphs repeat
duplicate-paragraph  a paragraph identical to an earlier one
truncated-start      a fragment at the start that begins mid-sentence
truncated-end        a fragment at the end that stops mid-sentence, or a glued tail
                     ('efficient.e," it added.')
wire-pickup          a news agency's pick-up note closing a cut version of a story, with
                     the sentence it cuts ("Salt Lake organizers, 10th graf pvs", "The
                     building, graf 5 pvs", "``No member, 5th graf, 1st Ld-Writethru")
==================== =====================================================================

Invariant: cleaning deletes whole lines, or leading/trailing pieces of a line; it never
changes the words of what remains, so every line of the cleaned text is a substring of the
original. Precision comes first: a rule fires only on a pattern real article sentences do not
have (a rule that could hit a real sentence is confined to the head or tail of the text).

The thresholds below were calibrated by reading the four seed-cluster articles and the ends
and starts of the 690 documents of ``../shared/data/multi_news/dev.jsonl``; re-run
``python bench/clean_removed.py`` (share of characters removed on that file) after changing
one.
"""

from __future__ import annotations

import dataclasses
import re

from newsweave.model import Article, Removed

# ------------------------------------------------------------------ thresholds (calibrated)

# A caption is a short paragraph: seed and Multi-News captions run 10-45 words; body
# paragraphs that end in a parenthetical credit-like "(Reuters)" never occur below 60.
CAPTION_MAX_WORDS = 60
# Credit, social, promo, byline and contributor lines are short: the longest seen in
# Multi-News ("(Additional reporting by ...; Writing by ...; Editing by ...)") is 30 words.
NOISE_LINE_MAX_WORDS = 35
# Bylines and author blurbs are only looked for in the first / last few non-empty lines,
# where they occur in every sample; inside the body such patterns may be real sentences.
HEAD_ZONE_LINES = 4
TAIL_ZONE_LINES = 10
# Author blurbs are one short sentence ("Meyers is a special correspondent.": 5 words;
# longest seen 24 words).
BLURB_MAX_WORDS = 30
# Related headlines: 3-20 words (headline length in the seed cluster and Multi-News tails);
# at least RELATED_MIN_RUN of them in a row at the end, or one right after other tail noise.
RELATED_MIN_WORDS = 3
RELATED_MAX_WORDS = 20
RELATED_MAX_CHARS = 160
RELATED_MIN_RUN = 2
# A teaser/standfirst is the first paragraph repeated (reworded) by one of the next
# STANDFIRST_WINDOW paragraphs: share of the teaser's content words found in that paragraph.
# The seed teaser scores 0.85 against its repeat; unrelated opening paragraphs score < 0.35.
STANDFIRST_WINDOW = 3
STANDFIRST_MIN_OVERLAP = 0.7
# ... and the repeat must be a restatement, not a long paragraph that happens to contain the
# teaser's words: share of the repeat's content words found in the teaser. Seed teaser: 0.97;
# Multi-News false candidates (a short teaser against a 100-word paragraph): 0.04-0.31.
STANDFIRST_MIN_REVERSE = 0.35
STANDFIRST_MIN_WORDS = 8
# Exact duplicate paragraphs are dropped only when at least this long (short lines such as
# "he said." may legitimately repeat).
DUPLICATE_MIN_WORDS = 8
# A glued tail ('efficient.e," it added.') is at most this many words after the full stop.
GLUED_TAIL_MAX_WORDS = 12
# A trailing fragment cut mid-sentence is dropped only if it is shorter than this share of its
# line (otherwise the line is mostly fragment and the whole line is dropped when it is not the
# only paragraph).
TRUNCATED_FRAGMENT_MAX_WORDS = 60
# ... and at least this long: a 1-3 word tail after the last full stop is as often a real
# attribution ('..." Financial Times', '— Reuters') as a cut, so it is kept.
TRUNCATED_FRAGMENT_MIN_WORDS = 4
# Domain endings that follow a full stop without a space ("example.com"): never a glued tail.
_TLDS = frozenset(
    "com org net edu gov mil int co uk au ca de fr io ly us info biz tv me nz ie "
    "in jp cn ru it es nl eu".split()
)

# ------------------------------------------------------------------ patterns

_NAME = r"[A-Z][\w.'’-]*"
_NAMES = rf"{_NAME}(?:\s+(?:{_NAME}|de|da|van|von|der|del|la|le|bin|al-\w+))*"
# Photo agencies and credit words that mark a parenthetical as a credit.
_AGENCY = (
    r"(?:The\s+)?Associated\s+Press|AP|AFP|Reuters|EPA(?:-EFE)?|Getty(?:\s+Images)?|"
    r"Bloomberg|Xinhua|Shutterstock|Pool|Photo|Photos|Photograph|Image|Images|Illustration|"
    r"Courtesy|Handout|Staff|Contributor|Wire|Press|News|Times|Post|Journal|Media|Agency|"
    r"Corbis|Alamy|Sipa|TASS|Kyodo|Yonhap|PA|ANP|dpa|NurPhoto|Zuma|ZUMA|UPI|CP|Canadian Press"
)
# "(Andy Wong/Associated Press)", "(Jae C. Hong / Associated Press)", "(AP Photo/Andy Wong)",
# "(Photo: Jane Doe/Reuters)", "(Getty Images)".
_CREDIT_PAREN = re.compile(
    rf"\(\s*(?:(?:Photo|Photograph|Image|Credit|Picture)s?\s*(?:by|:)\s*)?"
    rf"(?:{_NAMES}\s*/\s*{_NAMES}(?:\s*/\s*{_NAMES})?"
    rf"|(?:AP|AFP|EPA|Reuters)\s+Photos?(?:\s*/\s*{_NAMES})?"
    rf"|Getty\s+Images|Shutterstock|{_NAMES}\s+(?:for|via)\s+{_NAMES})\s*\)\s*$"
)
_CREDIT_LINE = re.compile(
    rf"^(?:\(\s*)?(?:"
    rf"(?:Photo|Photograph|Photos|Image|Picture|Credit|Photo credit|Illustration|Video|Graphic)"
    rf"\s*(?:by\b|:|courtesy\b).{{0,120}}"
    rf"|(?:AP|AFP|EPA|Reuters)\s+Photos?\b.{{0,80}}"
    rf"|Image\s+(?:copyright|source)\b.{{0,80}}"
    rf"|{_NAMES}(?:\s*/\s*{_NAMES}){{1,4}}"
    rf"|\[\s*(?:image|photo|picture|video)s?\s+(?:via|courtesy\s+of|by|from)\s+[^\]]{{1,80}}\]"
    rf"|(?:{_NAMES}\s*[/|,]\s*)?(?:Getty\s+Images|Shutterstock|{_AGENCY})(?:\s+(?:via|for)\s+{_NAMES})?"
    rf")(?:\s*\))?$"
)
_CAPTION_LINE = re.compile(r"^(?:Image caption|Caption|Photo caption|Media caption)\b", re.I)
# What marks a line as a photo caption: a position marker ("Jane Doe, left,"), a verb of
# what a picture shows, or a full weekday-month-day-year date as wire captions give it.
_CAPTION_HINT = re.compile(
    r"\b(?:left|right|center|centre|front|rear|top|bottom|foreground|background)\s*[,)]"
    r"|\b(?:speaks|arrives|walks|poses|listens|waits|wait|stands|stand|holds|looks|gestures|"
    r"smiles|attends|leaves|sits|sit|watches|talks|gathers|gather|pictured|seen|shown|shows|"
    r"photographed|photo|photograph|image)\b"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+[A-Z][a-z]+\.?\s+"
    r"\d{1,2},\s+\d{4}"
)
# Wire-service captions: "FILE - In this Jan. 28, 2014, file photo, ...", "In this photo
# provided by ...", "This undated photo released by ... shows ...". Only as a whole short
# paragraph (<= CAPTION_MAX_WORDS): in Multi-News 31 such lines, all captions.
_WIRE_CAPTION = re.compile(
    r"^(?:FILE\s*[-–—]\s*)?In\s+this\s+(?:[\w.,]+\s+){0,8}?(?:file\s+)?(?:photo|image|picture|"
    r"photograph|handout\s+photo)(?:\s*,|\s+(?:provided|released|taken|made|from|obtained|shot|"
    r"distributed|courtesy))"
    r"|^This\s+(?:undated\s+)?(?:handout\s+)?(?:photo|image|picture|video\s+image|frame\s+grab|"
    r"still\s+image)\s+(?:\w+\s+){0,3}?(?:provided|released|taken|made|shows|obtained)\b",
    re.I,
)
_BYLINE = re.compile(
    rf"^(?:By|BY|Written by|Story by|Words by|Reporting by)\s+{_NAMES}"
    rf"(?:\s*(?:,|and|&)\s*{_NAMES})*(?:\s*(?:,|\||[-–—·•])\s*[A-Z0-9][^.!?]{{0,60}})?$"
)
_CONTRIBUTOR = re.compile(
    r"(?:contributed\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story|article)\w*"
    r"|contributed\s+reporting(?:\s+from\s+[^.]+)?)\s*\.?\)?$"
    r"|^\(?\s*(?:Additional\s+reporting|Reporting|Writing|Editing|Compiled|Edited)\s+by\s+"
    r"[A-Z][^.!?]*\)?\.?$"
    r"|^(?:[—–-]+\s*)?(?:with\s+)?(?:additional\s+)?(?:reporting|assistance)\s+by\s+[A-Z][^.!?]*$"
    r"|^Contributing\s*:\s*[A-Z][^.!?]*$"
    # "With Jane Doe, John Roe, Ann Poe": a list of at least three names (not "With Kind
    # Regards, Jenni", a letter's sign-off)
    r"|^With\s*:?\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}"
    r"(?:\s*,\s*(?:and\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}){2,}$",
    re.I,
)
_BLURB = re.compile(
    rf"^{_NAMES}\s+(?:is|was|has\s+been)\s+(?:a|an|the|our)\s+[^.!?]{{0,160}}?\b"
    r"(?:correspondent|reporter|writer|editor|columnist|contributor|journalist|author|"
    r"bureau\s+chief|critic|producer|photographer|freelancer|blogger|novelist|staff)\b[^!?]*\.?$"
    rf"|^(?:Write\s+to|Contact|Email|E-mail|Reach)\s+{_NAMES}\s+(?:at|on|via)\s+\S+.*$"
    rf"|^{_NAMES}\s+(?:can\s+be\s+(?:reached|contacted|followed)|writes\s+(?:about|for)|covers)\s+.*$"
    rf"|^(?:[—–]|--)\s*{_NAMES}(?:\s*,\s*{_NAMES})?$"
)
_SOCIAL = re.compile(
    r"^(?:Twitter|Instagram|Facebook|X|Threads|Bluesky|Mastodon|TikTok|LinkedIn|Email|"
    r"E-mail)\s*:\s*\S.*$"
    r"|^Follow\s+.{1,80}\s+(?:on|at|@)\s*(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|"
    r"LinkedIn|TikTok|https?://|www\.|@)\S*.*$"
    r"|^Follow\s+(?:on\s+)?(?:Twitter|X|Facebook|Instagram)\s*@\w+$|^Follow$"
    r"|^(?:\+?\d{1,3}[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}$"
    r"|^Join\s+the\s+conversation\s+on\s+(?:Twitter|Facebook|X)\b.*$"
    r"|^@\w{1,30}$"
    # the signature of an embedded tweet on a line of its own; the tweet's text is kept (a
    # "reactions" story quotes tweets as its content)
    r"|^[—–-]\s*[^—–]{1,80}\(@\w{1,30}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}$"
    r"|^(?:https?://|www\.)\S+$"
    r"|^[\w.+-]+@[\w-]+\.[\w.]+$"
    r"|^Tweet\s+with\s+a\s+location\b",
    re.I,
)
# A contact footer (issue 19): a line made only of a writer's contact details: at least one
# address (an @handle, an e-mail address, a link) and a contact label (a platform name or a
# verb of contacting), with nothing else but the capitalised words of a name, a few function
# words and separators: "Twitter @jdoe", "Jane Doe | Twitter: @jdoe", "Email jane@example.com",
# "You can follow Jane Doe on Twitter @jdoe.", or only addresses ("jane@example.com | @jdoe").
# A body sentence that names a platform has other words ("said on Twitter that ...") or no
# address ("Facebook, Twitter and Google"); a tweet quoted on its own line ("@jdoe Thank you
# all!") has no contact label. Not calibrated on data; bench/clean_removed.py --show social
# lists what it removes (bench/RESULTS.md, "Fixes: footers ...").
_CONTACT_ADDRESS = re.compile(
    r"^(?:@\w{1,30}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+)$"
)
_CONTACT_LABELS = frozenset(
    """twitter x facebook instagram threads bluesky mastodon tiktok linkedin youtube email
    e-mail mail follow find contact reach write message dm""".split()
)
_CONTACT_FILLERS = frozenset(
    """on at via or and to the author reporter writer columnist her him me us them you can
    is are also""".split()
)
_CONTACT_SPLIT = re.compile(r"[\s|,;·•()\[\]]+|:(?=\s|$)|\s/\s|\s[-–—]+\s|^[-–—]+")
# the words of a name in a footer ("Jane Doe", "Mary-Ann de la Cruz")
CONTACT_NAME_MAX_WORDS = 5


def is_contact_footer(s: str) -> bool:
    """A line that holds only a writer's contact or follow details (see above)."""
    tokens = [t.rstrip(".!") for t in _CONTACT_SPLIT.split(s.strip()) if t.strip(".!-–—")]
    addresses = labels = names = 0
    for t in tokens:
        low = t.lower()
        if _CONTACT_ADDRESS.match(t):
            addresses += 1
        elif low in _CONTACT_LABELS:
            labels += 1
        elif low in _CONTACT_FILLERS:
            continue
        elif re.fullmatch(r"[A-Z][\w'’.-]*|de|da|van|von|der|del|la|le", t):
            names += 1
        else:
            return False
    if not addresses or names > CONTACT_NAME_MAX_WORDS:
        return False
    return labels > 0 or addresses == len(tokens)


_PROMO = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|ad|report\s+this\s+ad|"
    r"story\s+continues(?:\s+below)?(?:\s+advertisement)?|continue\s+reading(?:\s+the\s+main"
    r"\s+story)?|read\s+more|more\s*»|see\s+more|show\s+more|load\s+more|###|"
    r"this\s+story\s+is\s+developing\.?|scroll\s+(?:down\s+)?to\s+continue.*)$"
    r"|^(?:subscribe|sign\s+up|register|join|download|click|tap|get)\b.{0,120}\b(?:newsletter|"
    r"subscri\w*|sign\s+up|e-?mail|inbox|app|here|alerts?|updates|free|trial|account|today)\b"
    r"|^(?:read|read\s+or\s+share|share)\s+(?:this|the)\s+(?:story|article)\b.*$"
    r"|^(?:share|share\s+this|share\s+on)\s*(?::|on)?\s*(?:facebook|twitter|email|whatsapp|"
    r"linkedin|pinterest|reddit|tweet)\b.*$"
    r"|^(?:facebook|twitter|email|whatsapp|linkedin|pinterest|reddit|share|tweet|pin|print)"
    r"(?:\s*[,|·•]?\s*(?:facebook|twitter|email|whatsapp|linkedin|pinterest|reddit|share|"
    r"tweet|pin|print|save|comments?))+$"
    r"|\b(?:we|this\s+(?:web)?site)\s+uses?\s+cookies\b|\baccept\s+(?:all\s+)?cookies\b"
    r"|\bcookie\s+(?:policy|settings|preferences)\b"
    r"|^(?:copyright\s*)?©.*$|^copyright\s+\d{4}\b.*$|\ball\s+rights\s+reserved\b"
    r"|^(?:related|read\s+more|more|see\s+also|watch|listen|recommended|most\s+read|"
    r"more\s+from\s+[\w ]{1,30}|also\s+read|trending)\s*:.*$"
    r"|you\s+need\s+to\s+enable\s+javascript\b|\benable\s+javascript\b"
    r"|^(?:[—–-]+\s*)?updated\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*[ap]\.?m\.?$"
    r"|^(?:also|previously|online|must-reads|related\s+links|related\s+stories|more\s+stories|"
    r"recommended|trending\s+now|most\s+popular|you\s+may\s+also\s+like)\s*:?$"
    r"|^(?:read\s+more\s+about|this\s+article\s+(?:is\s+)?tagged\s+under|topics|tags|filed\s+"
    r"under)\s*:.*$"
    r"|^first\s+(?:published|posted)\b.{0,40}$"
    r"|^(?:originally\s+published\s+(?:on|in|by)|original\s+article\s+on)\s+[^.]{1,60}\.?$"
    r"|^this\s+(?:article|story)\s+was\s+originally\s+published\b.*$"
    r"|^send\s+(?:your|us\s+your)\s+[\w ]{0,30}tips\s+to\b.*$"
    r"|^help\s+spread\s+the\s+word!?$"
    r"|^on\s+a\s+mobile\s+device\?.*click\s+here.*$"
    r"|\bcomments\s+(?:for\s+this\s+(?:post|story|article)\s+)?(?:are|is)\s+(?:now\s+)?"
    r"closed\b",
    re.I,
)
_SECTION_WORDS = frozenset(
    """news world business politics opinion sport sports tech technology science health
    entertainment arts culture markets economy local national international asia europe us u.s.
    uk americas africa middle east lifestyle travel money finance breaking analysis commentary
    editorial features feature video videos photos weather education environment climate media
    style food books movies music television tv home crime law justice china india canada
    australia investigations nation region regional metro global life wellness latest top
    stories and &""".split()
)
_SECTION_SPLIT = re.compile(r"\s*[|>›»/·•]\s*|\s+")
# Sentence-final punctuation, possibly followed by closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?…:][\"'”’)\]]*$|[\"'”’][.!?]?$")
# A sentence boundary: terminator, optional closing quotes, space, capital (after an opening
# quote, the wire's two backquotes "``" included); or a terminator and a closing quote glued to
# the next capital ('general."For more'), common in scraped text.
_SENT_END = re.compile(
    r"[.!?…][\"'”’)\]]*\s+(?=(?:``|[\"'“‘(])?[A-Z0-9])|[.!?…][\"”’)\]]+(?=[A-Z])"
)
# 'efficient.e," it added.': a lower-case word ending in a full stop glued to a fragment that
# starts with a lower-case piece of a word followed by punctuation.
_GLUED_TAIL = re.compile(r"(?<=[a-z]{3}[.!?])(?=[a-z]{1,15}[,.;:!?\"'”’])")
_WORD = re.compile(r"[\w’'-]+")
# Words whose full stop does not end a sentence ("Gov. Blagojevich", "the U.S. Department").
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr gov sen rep st gen col lt sgt capt cmdr adm jr sr inc corp co ltd llc
    no mt prof rev ft hon pres supt det insp jan feb mar apr jun jul aug sep sept oct nov dec
    vs etc al approx dept univ ave blvd""".split()
)
_TOKEN_BEFORE = re.compile(r"([\w.]+)[.!?…][\"'”’)\]]*\s*$")


def _sentence_ends(s: str) -> list[re.Match[str]]:
    """Sentence boundaries in ``s`` that are not abbreviations or initials."""
    out = []
    for m in _SENT_END.finditer(s):
        if s[m.start()] == ".":
            tok = _TOKEN_BEFORE.search(s[: m.start() + 1])
            word = tok.group(1) if tok else ""
            if word.lower().rstrip(".") in _ABBREVIATIONS or re.fullmatch(
                r"(?:[A-Za-z]\.)*[A-Z]", word
            ):
                continue
        out.append(m)
    return out


_INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"'”’]?\s+\S")
_ENDS_WITH_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\)?(?:\s*\([^)]*\))?$")
_STOP = frozenset(
    """a an the and or but of to in on at for with by from as is are was were be been it its
    this that these those he she they we you i his her their our your said says will would
    could should has have had not no""".split()
)


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


# A quotation closed and attributed: '...in the game.”—Jane Doe, founder, Doe Media'
# or an embedded tweet's text ending in its signature: '... — Jane Doe (@jane) May 1, 2017'
_ATTRIBUTED = re.compile(
    r"[.!?][”\"]\s*[—–-]+\s*[A-Z][^.!?]{0,100}$|\(@\w{1,30}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}$"
)


def _is_terminated(s: str) -> bool:
    s = s.rstrip()
    return bool(_TERMINAL.search(s) or _ATTRIBUTED.search(s))


def is_credit_line(s: str) -> bool:
    """A stand-alone photo credit line."""
    s = s.strip()
    return (
        bool(s)
        and len(_words(s)) <= 15
        and bool(_CREDIT_LINE.match(s))
        and (
            "/" in s
            or s.startswith(("(", "["))
            or bool(
                re.match(
                    r"^(?:Photo|Photograph|Photos|Image|Picture|Credit|Illustration|Video|Graphic|AP|"
                    r"AFP|EPA|Reuters|Getty|Shutterstock)\b",
                    s,
                )
            )
        )
    )


def is_caption_with_credit(s: str) -> bool:
    """A caption line that ends with a photo credit in parentheses."""
    s = s.strip()
    return (
        len(_words(s)) <= CAPTION_MAX_WORDS
        and bool(_CREDIT_PAREN.search(s))
        and bool(re.search(r"[.!?\w]\s*\(", s))
    )


def is_section_label(s: str) -> bool:
    """A lone section label or breadcrumb ("Business", "World | Asia")."""
    s = s.strip()
    words = [w for w in _SECTION_SPLIT.split(s.lower()) if w]
    return 0 < len(words) <= 4 and len(s) <= 40 and all(w in _SECTION_WORDS for w in words)


def is_headline_like(s: str) -> bool:
    """A short line that reads like a headline: no sentence-final punctuation."""
    s = s.strip()
    n = len(_words(s))
    if not (RELATED_MIN_WORDS <= n <= RELATED_MAX_WORDS) or len(s) > RELATED_MAX_CHARS:
        return False
    if s[-1] in '.!?,;:…"”' or s.endswith(("’", "'")) and s[-2:-1] in ".!?":
        return False
    # a full sentence followed by more text ('"A brilliant performance." Mirror') or an item
    # ending in a year ('"Diamonds," Dec. 15, 2012', "'The Queen', (2009)") belongs to a list
    # that is part of the article (reviews, discographies), not to a list of links
    if _INNER_SENTENCE_END.search(s) or _ENDS_WITH_YEAR.search(s):
        return False
    return s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘"


def _noise_reason(s: str) -> str | None:
    """Reason for a line that is noise wherever it stands, or None."""
    if len(_words(s)) > NOISE_LINE_MAX_WORDS:
        return None
    if not any(ch.isalnum() for ch in s):
        return "separator"  # "___", "* * *", "★★★": no words to lose
    if _SOCIAL.search(s) or is_contact_footer(s):
        return "social"
    if is_credit_line(s):
        return "credit"
    if _CAPTION_LINE.match(s):
        return "caption"
    if _CONTRIBUTOR.search(s):
        return "contributor-note"
    if _PROMO.search(s):
        return "promo"
    return None


def _content_words(s: str) -> set[str]:
    return {w.lower() for w in _words(s) if w.lower() not in _STOP}


class _Doc:
    """The lines of a text with removal marks."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.keep = [ln for ln in self.lines]  # current content of each line
        self.removed: list[tuple[int, int, Removed]] = []  # (line, order, Removed)

    def live(self) -> list[int]:
        return [i for i, ln in enumerate(self.keep) if ln.strip()]

    def drop(self, i: int, reason: str) -> None:
        piece = self.keep[i]
        if piece.strip():
            self.removed.append((i, 1, Removed(piece.strip(), reason)))
        self.keep[i] = ""

    def cut_head(self, i: int, n: int, reason: str) -> None:
        """Remove the first n characters of line i."""
        piece = self.keep[i][:n]
        self.removed.append((i, 0, Removed(piece.strip(), reason)))
        self.keep[i] = self.keep[i][n:]

    def cut_tail(self, i: int, n: int, reason: str) -> None:
        """Keep only the first n characters of line i."""
        piece = self.keep[i][n:]
        self.removed.append((i, 2, Removed(piece.strip(), reason)))
        self.keep[i] = self.keep[i][:n]

    def paragraphs(self) -> list[list[int]]:
        """Indexes of live lines grouped into paragraphs (runs without a blank line)."""
        paras: list[list[int]] = []
        cur: list[int] = []
        for i, ln in enumerate(self.keep):
            if ln.strip():
                cur.append(i)
            elif cur:
                paras.append(cur)
                cur = []
        if cur:
            paras.append(cur)
        return paras

    def text(self) -> str:
        out = "\n".join(ln.rstrip() if not ln.strip() else ln for ln in self.keep)
        out = re.sub(r"\n[ \t\r]*(?:\n[ \t\r]*){2,}", "\n\n", out)
        return out.strip()


def _rule_line_noise(doc: _Doc) -> None:
    lines = doc.live()
    for i in lines:
        s = doc.keep[i].strip()
        reason = _noise_reason(s)
        if reason:
            doc.drop(i, reason)
            # a caption line directly above a stand-alone credit line; it must read like a
            # caption, since a body paragraph may sit right above a credit too
            if reason == "credit" and i > 0 and doc.keep[i - 1].strip():
                above = doc.keep[i - 1].strip()
                if (
                    len(_words(above)) <= CAPTION_MAX_WORDS
                    and not _noise_reason(above)
                    and _CAPTION_HINT.search(above)
                ):
                    doc.drop(i - 1, "caption")
            continue
        if is_caption_with_credit(s) or (
            _WIRE_CAPTION.match(s) and len(_words(s)) <= CAPTION_MAX_WORDS
        ):
            doc.drop(i, "caption")


def _rule_head(doc: _Doc, title: str | None) -> None:
    lines = doc.live()[:HEAD_ZONE_LINES]
    norm_title = " ".join(title.split()).lower() if title else None
    for n, i in enumerate(lines):
        s = doc.keep[i].strip()
        if n == 0 and norm_title and " ".join(s.lstrip("#").split()).lower() == norm_title:
            doc.drop(i, "title-repeat")
            continue
        if is_section_label(s) and len(doc.live()) > 1:
            doc.drop(i, "section-label")
            continue
        if _BYLINE.match(s) and len(_words(s)) <= 16 and not s.endswith("."):
            doc.drop(i, "byline")
            continue


def _rule_tail(doc: _Doc) -> None:
    """Bylines, blurbs and related headlines at the end, in any order, from the bottom up."""
    lines = doc.live()
    if len(lines) < 2:
        return
    zone = lines[-TAIL_ZONE_LINES:]
    headlines: list[int] = []
    noise_above = False
    for i in reversed(zone):
        s = doc.keep[i].strip()
        if not s:
            continue
        if (_BLURB.match(s) and len(_words(s)) <= BLURB_MAX_WORDS) or (
            _BYLINE.match(s) and len(_words(s)) <= 16
        ):
            reason = "byline" if _BYLINE.match(s) or s[0] in "—–-" else "author-blurb"
            doc.drop(i, reason)
            noise_above = True
            continue
        if is_headline_like(s) and not noise_above:
            headlines.append(i)
            continue
        break
    # headlines below the blurb block (the usual order), or a run at the very end
    if len(headlines) >= RELATED_MIN_RUN or (headlines and noise_above):
        for i in headlines:
            doc.drop(i, "related-headlines")


_SIGN_OFF = frozenset({"social", "contributor-note", "byline", "author-blurb", "promo"})


def _rule_related_after_noise(doc: _Doc) -> None:
    """One headline-like line left at the very end, below removed sign-off noise."""
    lines = doc.live()
    if len(lines) < 2:
        return
    prev, last = lines[-2], lines[-1]
    if is_headline_like(doc.keep[last]) and any(
        prev < i < last and r.reason in _SIGN_OFF for i, _, r in doc.removed
    ):
        doc.drop(last, "related-headlines")


# a photo-gallery caption ends with its source credit: "Source: The New York Post More"
_SOURCE_CREDIT_END = re.compile(r"[.!?\"”]\s+Source:\s+[A-Z0-9][^.!?\n]{0,60}$")


def _rule_repeats(doc: _Doc) -> None:
    # exact duplicate paragraphs: the later copy goes
    seen: set[str] = set()
    for p in doc.paragraphs():
        key = " ".join(" ".join(doc.keep[i] for i in p).split())
        if key in seen and len(_words(key)) >= DUPLICATE_MIN_WORDS:
            for i in p:
                doc.drop(i, "duplicate-paragraph")
        seen.add(key)
    # teaser/standfirst restated by one of the next paragraphs: the teaser goes
    paras = doc.paragraphs()
    if len(paras) > 1:
        first = " ".join(doc.keep[i] for i in paras[0])
        fw = _content_words(first)
        if len(_words(first)) >= STANDFIRST_MIN_WORDS and fw:
            for p in paras[1 : 1 + STANDFIRST_WINDOW]:
                ptext = " ".join(doc.keep[i] for i in p)
                if _SOURCE_CREDIT_END.search(ptext):
                    # a gallery caption ("... building. Source: The New York Post More")
                    # restating the lead: the copy is the caption, the first paragraph is the
                    # article's lead, not a teaser
                    continue
                other = _content_words(ptext)
                shared = len(fw & other)
                if (
                    shared / len(fw) >= STANDFIRST_MIN_OVERLAP
                    and other
                    and shared / len(other) >= STANDFIRST_MIN_REVERSE
                ):
                    for i in paras[0]:
                        doc.drop(i, "standfirst-repeat")
                    break


# A wire service's pick-up note at the very end of a story's text: the editor's instruction to
# continue with a paragraph of the previous version ("10th graf pvs", "graf 19 pvs", "5th graf,
# 1st Ld-Writethru"). What precedes it on the line, back to the last full sentence, is the
# first words of that paragraph, cut. Found on AP copy (DUC 2004 documents, 6 of 100 in its
# dev clusters); no sentence of an article ends in "graf pvs" or "Ld-Writethru".
_WIRE_PICKUP = re.compile(
    r"(?:\b\d{1,2}(?:st|nd|rd|th)\s+grafs?|\bgrafs?\s+\d{1,2})"
    r"(?:\s+pvs|,\s*\d{1,2}(?:st|nd|rd|th)\s+(?:Ld|Add)-Writethru)\s*$",
    re.I,
)


def _rule_wire_pickup(doc: _Doc) -> None:
    lines = doc.live()
    if not lines:
        return
    last = lines[-1]
    s = doc.keep[last].rstrip()
    m = _WIRE_PICKUP.search(s)
    if not m:
        return
    ends = _sentence_ends(s[: m.start()])
    if ends:
        cut = ends[-1].end()
    elif len(_words(s[: m.start()])) <= TRUNCATED_FRAGMENT_MAX_WORDS and len(lines) >= 2:
        doc.drop(last, "wire-pickup")  # a line that is only the cut paragraph's first words
        return
    else:
        cut = m.start()  # no sentence to go back to: only the note goes
    doc.cut_tail(last, cut, "wire-pickup")
    doc.keep[last] = doc.keep[last].rstrip()


def _rule_truncated(doc: _Doc) -> None:
    lines = doc.live()
    if not lines:
        return
    # glued tail at the very end: 'power-efficient.e," it added.'
    last = lines[-1]
    s = doc.keep[last].rstrip()
    matches = list(_GLUED_TAIL.finditer(s))
    if matches:
        m = matches[-1]
        tail = s[m.start() :]
        piece = re.match(r"[a-z]+", tail)
        if (
            0 < len(_words(tail)) <= GLUED_TAIL_MAX_WORDS
            and m.start() > 0
            and piece
            and piece.group(0) not in _TLDS
        ):
            doc.cut_tail(last, m.start(), "truncated-end")
    # last line stopping mid-sentence
    lines = doc.live()
    if len(lines) >= 2:
        last = lines[-1]
        s = doc.keep[last].rstrip()
        if not _is_terminated(s) and len(_words(s)) > 0:
            ends = _sentence_ends(s)
            if ends:
                cut = ends[-1].end()
                frag = s[cut:]
                nw = len(_words(frag))
                if TRUNCATED_FRAGMENT_MIN_WORDS <= nw <= TRUNCATED_FRAGMENT_MAX_WORDS:
                    # keep the complete sentences, drop the unfinished one
                    doc.cut_tail(last, cut, "truncated-end")
                    doc.keep[last] = doc.keep[last].rstrip()
            elif len(_words(s)) > RELATED_MAX_WORDS:
                doc.drop(last, "truncated-end")
    # first line starting mid-sentence: lower-case start (not an "iPhone"-style word)
    lines = doc.live()
    if len(lines) >= 2:
        first = lines[0]
        s = doc.keep[first]
        st = s.lstrip()
        if st and (
            st[0].islower()
            and not re.match(r"^[a-z]+[A-Z]", st)
            or st[0] in ",;:)]"
            or st.startswith(("...", "…"))
        ):
            found = _sentence_ends(st)
            first_end = found[0] if found else None
            lead = len(s) - len(st)
            if first_end:
                doc.cut_head(first, lead + first_end.end(), "truncated-start")
            else:
                doc.drop(first, "truncated-start")


def clean_text(text: str, title: str | None = None) -> tuple[str, tuple[Removed, ...]]:
    """Remove in-text noise from a news article.

    Args:
        text: the article text (paragraphs separated by newlines).
        title: the article's title, when known (a first line repeating it is removed).

    Returns:
        ``(cleaned, removed)``: the cleaned text (whole lines or leading/trailing pieces of
        lines removed, nothing else changed) and what was removed, in text order, each with
        its reason.
    """
    if not text or not text.strip():
        return "", ()
    doc = _Doc(text)
    _rule_line_noise(doc)
    _rule_head(doc, title)
    _rule_tail(doc)
    _rule_related_after_noise(doc)
    _rule_repeats(doc)
    _rule_wire_pickup(doc)
    _rule_truncated(doc)
    doc.removed.sort(key=lambda t: (t[0], t[1]))
    return doc.text(), tuple(r for _, _, r in doc.removed if r.text)


def clean_article(article: Article) -> Article:
    """Return ``article`` with ``text`` cleaned, ``raw_text`` the original and ``removed``.

    Cleaning an already cleaned article starts again from its ``raw_text``, so it is
    idempotent.
    """
    raw = article.raw_text if article.raw_text is not None else article.text
    cleaned, removed = clean_text(raw, article.title)
    author = article.author
    if author is None:
        author = next((byline_name(r.text) for r in removed if r.reason == "byline"), None)
    return dataclasses.replace(article, text=cleaned, raw_text=raw, removed=removed, author=author)


def byline_name(byline: str) -> str | None:
    """The author names of a byline: "By Jane Doe and Omar Haddad, Staff" -> "Jane Doe and
    Omar Haddad"; None when there is no name."""
    s = re.sub(r"^(?:[—–-]+|--)\s*", "", byline.strip())
    s = re.sub(r"^(?:By|BY|Written by|Story by|Words by|Reporting by)\s+", "", s)
    s = re.split(
        r"\s*(?:[|·•—–]|\s-\s|,\s*(?=[A-Z][a-z]+\s+(?:Writer|Reporter|Editor|"
        r"Correspondent|Staff))|/\s*(?:Published|Updated))",
        s,
    )[0]
    s = s.strip(" ,.")
    return s or None
