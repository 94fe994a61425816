"""Bytes to text, dates and safe JSON: the leaf helpers every input reader shares.

:func:`decode_bytes` turns raw bytes into text (BOMs, UTF-16 without BOM, UTF-8, single-byte
code pages) or raises :class:`~newsweave.errors.NotTextError` for binary data;
:func:`normalise_date` gives an ISO 8601 string for the date formats found in articles and
feeds; :func:`json_loads` reads JSON and reports over-deep nesting as a ``ValueError``.
This module imports nothing from newsweave but :mod:`newsweave.errors`.
"""

from __future__ import annotations

import codecs
import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from newsweave.errors import NotTextError

# Magic numbers of common binary formats, for a precise skip reason.
MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x1f\x8b", "gzip-compressed data without a .gz extension"),
)
# How many bytes the encoding and binary checks look at. 64 KiB is plenty for
# charset-normalizer to decide and keeps a 50 MB file's detection under a few ms.
SNIFF_BYTES = 64 * 1024
# Share of printable characters (letters, digits, punctuation, whitespace) below which a
# decoded text is treated as binary. Real text in any encoding scores > 0.99; random bytes
# decoded as Latin-1 score about 0.6; 0.90 leaves room for a few stray control characters.
MIN_PRINTABLE_RATIO = 0.90
# Text that is valid UTF-8 except for at most this share of bad bytes is read as UTF-8 with
# replacement characters (one stray byte in a 1 kB article is 0.1%).
MAX_BAD_UTF8_SHARE = 0.002


def json_loads(text: str) -> Any:
    """json.loads that reports over-deep nesting as a ValueError (not a RecursionError)."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply to read") from exc


def _utf16_without_bom(sample: bytes) -> str | None:
    """Guess UTF-16 LE/BE from where the NUL bytes sit (ASCII-heavy text has one per char)."""
    n = len(sample) - len(sample) % 2
    if n < 4:
        return None
    even = sample[0:n:2].count(0)
    odd = sample[1:n:2].count(0)
    half = n // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


# Languages whose single-byte code pages (cp1250, ISO 8859-2) clash with cp1252: when
# charset-normalizer is sure of one of them, its guess wins over the cp1252 preference.
CENTRAL_EUROPEAN = {
    "Polish",
    "Czech",
    "Slovak",
    "Hungarian",
    "Croatian",
    "Slovene",
    "Romanian",
    "Bosnian",
    "Serbian",
}
# Non-ASCII characters that may touch a letter in real cp1252 text (apostrophes, quotes,
# dashes, ellipsis); any other non-letter symbol inside a word ("Za¿ó³æ") means cp1252 is
# the wrong code page.
_CP1252_WORD_PUNCT = set("’‘“”–—…·")


def _plausible_cp1252(text: str) -> bool:
    for i, ch in enumerate(text):
        if ord(ch) < 0x80 or ch.isalpha() or ch in _CP1252_WORD_PUNCT:
            continue
        if 0x80 <= ord(ch) < 0xA0:  # C1 control characters: not text
            return False
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalpha() and after.isalpha():
            return False
    return True


def _detect_single_byte(sample: bytes) -> str:
    """The encoding of bytes that are not UTF-8.

    charset-normalizer is unreliable on short Western texts (it may pick cp775 or cp1250 for a
    Latin-1 "Café in Zürich"), so cp1252 (a superset of the printable Latin-1 range, and the
    web's most common single-byte encoding) is preferred whenever the sample decodes in it
    into plausible text, unless charset-normalizer recognises a Central European language.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    try:
        cp1252 = sample.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = None
    if cp1252 is not None and _plausible_cp1252(cp1252):
        if best is None or not (
            best.language in CENTRAL_EUROPEAN and best.encoding in ("cp1250", "iso8859_2")
        ):
            return "cp1252"
    if best is None:
        raise NotTextError("no text encoding fits these bytes (binary data?)")
    return best.encoding


def _decode_prefix(data: bytes, encoding: str, truncated: bool) -> str:
    """Decode ``data``; when it was cut at a size limit, drop an incomplete last character."""
    if truncated:
        dec = codecs.getincrementaldecoder(encoding)(errors="replace")
        return dec.decode(data, final=False)
    return data.decode(encoding, errors="replace")


def decode_bytes(data: bytes, truncated: bool = False) -> tuple[str, str]:
    """Decode raw bytes to text; returns ``(text, encoding)``.

    Order: byte-order marks (UTF-8, UTF-32, UTF-16); UTF-16 without BOM from the NUL
    pattern; strict UTF-8; then charset-normalizer on a sample. Raises ``NotTextError`` with the
    reason for binary data (NUL bytes, known binary formats, low printable ratio).
    """
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise NotTextError(f"binary file ({what}), not article text")
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    encoding: str | None = None
    for bom, enc in boms:
        if data.startswith(bom):
            encoding = enc
            break
    sample = data[:SNIFF_BYTES]
    if encoding is None and b"\x00" in sample:
        encoding = _utf16_without_bom(sample)
        if encoding is None:
            raise NotTextError("binary file (contains NUL bytes), not article text")
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            if truncated and exc.start >= len(data) - 3:
                text = data[: exc.start].decode("utf-8", errors="replace")
                encoding = "utf-8"
            else:
                # Mostly valid UTF-8 with a few stray bytes (a damaged or concatenated file):
                # keep UTF-8 and replace the bad bytes, rather than let a single-byte guess
                # turn every accented letter into mojibake.
                text = data.decode("utf-8", errors="replace")
                bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
                multibyte = sum(1 for ch in text[:SNIFF_BYTES] if ord(ch) > 0x7F) - bad
                if multibyte > bad and bad <= MAX_BAD_UTF8_SHARE * len(text):
                    encoding = "utf-8"
                else:
                    text = ""
        if encoding is None:
            encoding = _detect_single_byte(sample)
            text = _decode_prefix(data, encoding, truncated)
    else:
        text = _decode_prefix(data, encoding, truncated)
    if text.startswith("\ufeff"):
        text = text[1:]
    _check_printable(text)
    return text, encoding


def _check_printable(text: str) -> None:
    head = text[:SNIFF_BYTES]
    if not head:
        return
    good = sum(1 for ch in head if (ch.isprintable() and ch != "\ufffd") or ch in "\n\r\t\f")
    ratio = good / len(head)
    if ratio < MIN_PRINTABLE_RATIO:
        raise NotTextError(f"binary file (only {ratio:.0%} printable characters), not article text")


def normalise_date(value: Any) -> str | None:
    """An ISO 8601 date/datetime string for ``value`` when it can be parsed, else the string.

    Accepts ISO strings, RFC 2822 dates (feeds), ``YYYY/MM/DD`` and epoch numbers (seconds or
    milliseconds).
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        secs = float(value) / 1000.0 if value > 1e11 else float(value)
        try:
            return datetime.fromtimestamp(secs, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return str(value)
    s = str(value).strip()
    if not s:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return datetime.strptime(s, "%Y-%m-%d").date().isoformat()
        return datetime.fromisoformat(s.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    return s


__all__ = ["NotTextError", "decode_bytes", "json_loads", "normalise_date"]
