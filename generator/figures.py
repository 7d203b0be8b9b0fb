"""Finding figures in plain text: the one definition the content lint and the built-site check share.

A *figure* is anything a reader could take as a measured fact or a promise: a percentage, a time
window, an amount of money, a count ("6 confirmations"), a rate ("1 in 5"), or any other bare
number. The seed article persuaded with exactly such sentences ("98% resolved within 24 hours"),
so the rule is strict: every number in running text is a figure unless a rule below says it is a
name. Names that contain digits pass by rule, never by luck:

- digits glued to letters: ``2FA``, ``FIDO2``, ``bc1``, ``SS7``, ``IC3``, ``v5``, ``bech32``;
- a standard's number after its series: ``EIP-55``, ``BIP 173``, ``SP 800-63B``, ``ERC-20``;
- ISO dates (``2026-11-25``), ordinals (``2nd``), and step, item or version numbers ("step 2");
- a segment of a path or repository name (``usnistgov/800-63-4``).

Number words count too when they measure something ("twenty-four hours", "within an hour", "one in
ten"). Whatever else must stay is written in ``content/allowed-figures/`` with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen"
)
_TIME_UNIT = r"(?:business |working |calendar )?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|quarters?|years?)"
_UNIT = rf"(?:{_TIME_UNIT}|percent|per cent|%|times|confirmations?|blocks?|attempts?|characters?|digits?|words?|dollars?|euros?|pounds?)"
_CURRENCY_CODE = r"USD|USDT|USDC|EUR|GBP|JPY|CNY|BTC|ETH|SOL|XRP|TRX|OKB|BNB"
_CURRENCY_SYMBOL = "$€£¥₿"

_DIGITS = re.compile(rf"[{_CURRENCY_SYMBOL}]?\d+(?:[.,]\d+)*")
_RANGE_AND_UNIT = re.compile(
    rf"(?:[/:]\d+)?(?:\s?(?:-|–|to|or)\s?\d+(?:[.,]\d+)*)?(?:\+)?(?:\s?(?:{_UNIT}|{_CURRENCY_CODE})\b|\s?%)?(?:\s?(?:of|in)\s\d+)?",
    re.IGNORECASE,
)
_WORD_FIGURE = re.compile(
    rf"\b(?:(?:{_NUMBER_WORD})(?:[- ](?:{_NUMBER_WORD}))*[- ]{_UNIT}\b"
    rf"|(?:{_NUMBER_WORD})\s+in\s+(?:{_NUMBER_WORD})\b"
    rf"|(?:within|in|for|after|under|over|than|about|around|every|per|least|most)\s+(?:an?|one)\s+{_TIME_UNIT}\b)",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_SERIES_BEFORE = re.compile(r"(?:\b[A-Za-z][A-Za-z0-9]*-|\b[A-Z]{2,}[ -]|\d[A-Za-z]-|[A-Za-z][\w.-]*/)$")
_LABEL_BEFORE = re.compile(
    r"\b(?:step|steps|question|item|part|section|chapter|page|no\.|number|version|revision|rev\.|release"
    r"|level|alert|case|ticket|commit|article|issue|#)\s*$",
    re.IGNORECASE,
)
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")
_UNIT_SUFFIX = re.compile(r"(?:h|hr|hrs|min|mins|s|sec|secs|d|k|m|bn|x)\b", re.IGNORECASE)
_NAME_REST = re.compile(r"(?:[-./]?\w)*")
_CURRENCY_BEFORE = re.compile(rf"(?:\b(?:{_CURRENCY_CODE})\s?)$")


@dataclass(frozen=True)
class Figure:
    """One figure found in a text: where it starts and ends, and what kind of figure it is."""

    start: int
    end: int
    text: str
    kind: str
    """``percentage``, ``time window``, ``amount of money``, ``count`` or ``number``."""


_ANY_DIGIT = re.compile(r"\d")
"""What every match of :data:`_DIGITS` holds."""
_UNIT_WORDS = ("second", "sec", "minute", "min", "hour", "hr", "day", "week", "month", "quarter", "year")
_FIGURE_WORDS = frozenset(_NUMBER_WORD.split("|")) | frozenset(f"{unit}{plural}" for unit in _UNIT_WORDS for plural in ("", "s"))
"""Words every match of :data:`_WORD_FIGURE` holds one of, whole: a number word, or the time unit of "within an hour"."""
_LETTERS = re.compile("[a-z]+")
_ASCII_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
"""The only characters besides A-Z that ``re.IGNORECASE`` matches to a letter a-z (İ, ı, ſ and the Kelvin sign)."""


_FIGURE_WORD_BYTES = frozenset(word.encode("ascii") for word in _FIGURE_WORDS)
_SPACE_FOR_NON_LETTER = bytes(byte if 0x61 <= byte <= 0x7A else 0x20 for byte in range(256))


def _may_hold_word_figures(text: str) -> bool:
    """False when :data:`_WORD_FIGURE` cannot match: no word of :data:`_FIGURE_WORDS` in any case. Whole words are
    found with one scan, far quicker than trying the pattern's dozens of words at every word boundary (an ASCII
    text, most of them, as bytes: every byte but a-z made a space, then split)."""
    if text.isascii():
        return not _FIGURE_WORD_BYTES.isdisjoint(text.lower().encode("ascii").translate(_SPACE_FOR_NON_LETTER).split())
    return not _FIGURE_WORDS.isdisjoint(_LETTERS.findall(text.translate(_ASCII_FOLD).lower()))


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order; names with digits (2FA, EIP-55, dates, step 2) are left out."""
    words = _may_hold_word_figures(text)
    if not words and not _ANY_DIGIT.search(text):
        return []
    figures: list[Figure] = []
    taken = [False] * len(text)
    for match in _WORD_FIGURE.finditer(text) if words else ():
        figures.append(_figure(text, match.start(), match.end()))
        taken[match.start() : match.end()] = [True] * (match.end() - match.start())
    dates = [range(m.start(), m.end()) for m in _ISO_DATE.finditer(text)]
    for match in _DIGITS.finditer(text):
        start, end = match.span()
        if taken[start] or any(start in span for span in dates):
            continue
        if _is_name(text, start, end):
            name_end = _NAME_REST.match(text, end).end()  # type: ignore[union-attr]
            taken[start:name_end] = [True] * (name_end - start)  # "800-63-4": the rest of a name is the name
            continue
        end = match.end() + len(_RANGE_AND_UNIT.match(text, end).group(0))  # type: ignore[union-attr]
        if end < len(text) and _UNIT_SUFFIX.match(text, end):
            end = _UNIT_SUFFIX.match(text, end).end()  # type: ignore[union-attr]
        figures.append(_figure(text, start, end))
        taken[start:end] = [True] * (end - start)
    return sorted(figures, key=lambda figure: figure.start)


def _is_name(text: str, start: int, end: int) -> bool:
    """Whether the digits at ``start:end`` belong to a name rather than state a quantity."""
    if text[start] in _CURRENCY_SYMBOL:
        return False
    before, after = text[max(0, start - 24) : start], text[end : end + 4]
    if before[-1:].isalpha() or before[-1:] == "_":
        return True
    if after[:1].isalpha():
        return bool(_ORDINAL_AFTER.match(after)) or not _UNIT_SUFFIX.match(after)
    if _CURRENCY_BEFORE.search(before):
        return False
    return bool(_SERIES_BEFORE.search(before) or _LABEL_BEFORE.search(before))


def _figure(text: str, start: int, end: int) -> Figure:
    written = text[start:end].strip()
    lowered = written.lower()
    before = text[max(0, start - 5) : start]
    if "%" in lowered or "percent" in lowered or "per cent" in lowered:
        kind = "percentage"
    elif written[0] in _CURRENCY_SYMBOL or re.search(rf"\b(?:{_CURRENCY_CODE})\b|dollar|euro|pound", f"{before} {written}", re.IGNORECASE):
        kind = "amount of money"
    elif re.search(_TIME_UNIT + r"\b|\d(?:h|hr|hrs|min|mins|s|sec|secs|d)\b", lowered):
        kind = "time window"
    elif re.search(r"[a-z]", lowered) or " in " in lowered or " of " in lowered:
        kind = "count"
    else:
        kind = "number"
    return Figure(start, start + len(text[start:end].rstrip()), written, kind)
