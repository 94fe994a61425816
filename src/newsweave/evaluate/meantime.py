"""Reading MEANTIME XML (NewsReader MEANTIME corpus), shared by ``eval timex`` and
``eval entities``.

A MEANTIME file holds the article as ``<token t_id=.. sentence=..>`` elements (sentence 0 is
the title) and, under ``<Markables>``, annotations anchored to tokens by
``<token_anchor t_id=..>``. :func:`join_tokens` rebuilds a plain text from the tokens (one
line per sentence, words spaced as English prints them) and the character span of every
token, so a markable's tokens give its span in that text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.errors import EvalError

# MEANTIME's document-level annotation covers the title and the first five sentences
# (sentences 0-5); further sentences only carry cross-document links.
MEANTIME_SENTENCES = 6

_NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    ")",
    "]",
    "}",
    "%",
    "'s",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "''",
    "'",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


@dataclass
class TokenText:
    """The text of a MEANTIME document and where each token sits in it."""

    text: str
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # t_id -> (start, end)
    sentence: dict[str, int] = field(default_factory=dict)  # t_id -> sentence number

    def span_of(self, markable: ET.Element) -> tuple[int, int] | None:
        """Character span covering the tokens a markable anchors to (None if none is in the
        text)."""
        got = [
            self.spans[a.get("t_id", "")]
            for a in markable.iter("token_anchor")
            if a.get("t_id", "") in self.spans
        ]
        if not got:
            return None
        return min(s for s, _ in got), max(e for _, e in got)


def parse_xml(path: Path) -> ET.Element:
    """The root element of a MEANTIME file; :class:`EvalError` when it is not XML."""
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"not XML ({exc})", source=str(path), stage="eval") from exc


def sentence_numbers(root: ET.Element) -> dict[str, int]:
    """Sentence number of every token id."""
    return {t.get("t_id", ""): int(t.get("sentence") or 0) for t in root.iter("token")}


def join_tokens(root: ET.Element, last_sentence: int | None = None) -> TokenText:
    """Tokens joined into text, a line per sentence, up to ``last_sentence`` (all when None)."""
    spans: dict[str, tuple[int, int]] = {}
    sentence: dict[str, int] = {}
    parts: list[str] = []
    pos = 0
    prev_sent = None
    prev_tok = None
    for tok in root.iter("token"):
        t = tok.text or ""
        sent = tok.get("sentence")
        if last_sentence is not None and int(sent or 0) > last_sentence:
            break
        if prev_tok is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n"
        elif t in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        tid = tok.get("t_id", "")
        spans[tid] = (pos, pos + len(t))
        sentence[tid] = int(sent or 0)
        parts.append(t)
        pos += len(t)
        prev_sent, prev_tok = sent, t
    return TokenText("".join(parts), spans, sentence)
