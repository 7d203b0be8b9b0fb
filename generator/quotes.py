"""Comparing a claim's quote with the text of its source.

Pages and editors disagree about typography, not words: a page has curly quotes and a non-breaking
space where the quote was typed with straight ones, or an en dash where the editor wrote a hyphen.
:func:`normalise` evens out exactly those differences (Unicode compatibility forms, whitespace,
quotation marks, dashes) and nothing else: no word is ever dropped, no case is folded, so a quote
that lost or changed a word never matches.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
})  # fmt: skip
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """``text`` with typography evened out: NFKC forms, one kind of quote, dash and space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def quote_in(quote: str, passages: list[str] | tuple[str, ...] | str) -> bool:
    """Whether ``quote`` occurs, word for word, in one of ``passages`` (after :func:`normalise`)."""
    wanted = normalise(quote)
    if not wanted:
        return False
    if isinstance(passages, str):
        passages = [passages]
    return any(wanted in normalise(passage) for passage in passages)
