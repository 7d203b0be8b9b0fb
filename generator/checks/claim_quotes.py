"""Every claim's quote occurs word for word in its source's stored excerpts, and says its value.

The excerpts are the snapshot of the source page that offline checks run against; the scheduled
online re-check (``python -m generator sources --online``) compares them with the live page.
"""

from __future__ import annotations

import re

from ..model import Claim, Content, Source
from ..problems import Problems
from ..quotes import normalise, quote_in


def check(content: Content, problems: Problems) -> None:
    for claim in content.claims:
        source = claim.source.target if claim.source else None
        if not isinstance(source, Source):
            continue  # an unknown source is reported by unknown-refs
        if not quote_in(claim.quote, source.excerpts) and quote_in(_unwrapped(claim.quote), source.excerpts):
            where = claim.where("quote")
            problems.error(where.path, where.line, where.column,
                           f"claim '{claim.id}': its quote is wrapped in quotation marks "
                           f"({claim.quote.strip()[0]}…{claim.quote.strip()[-1]}), which are not part of the source's words; "
                           "remove them (YAML's own quotes around the text are fine)")  # fmt: skip
        elif not quote_in(claim.quote, source.excerpts):
            where = claim.where("quote")
            problems.error(where.path, where.line, where.column,
                           f"claim '{claim.id}': its quote is not in the stored excerpts of source '{source.id}' ({source.file}); "
                           "copy the words exactly from an excerpt, or add the passage the quote comes from to the source")  # fmt: skip
        elif claim.value and not value_in_quote(claim):
            where = claim.where("value")
            problems.error(where.path, where.line, where.column,
                           f"claim '{claim.id}': its value '{claim.value}' is not in its quote"
                           f"{' or translation' * bool(claim.translation)}; "
                           "the quote must say the figure the site shows")  # fmt: skip


_WRAPPING = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u300c\u300d"
"""Quotation marks an editor may put around a quote, straight, curly or angled."""


def _unwrapped(quote: str) -> str:
    """``quote`` without quotation marks around the whole of it."""
    text = quote.strip()
    return text[1:-1] if len(text) > 2 and text[0] in _WRAPPING and text[-1] in _WRAPPING else text


def value_in_quote(claim: Claim) -> bool:
    """Whether the quote (or its translation) states the claim's value: as words, or number by number."""
    said = _comparable(f"{claim.quote} {claim.translation or ''}")
    value = _comparable(claim.value or "")
    numbers = re.findall(r"\d+(?:[.,]\d+)*", value)
    if numbers:
        return all(re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", said) for number in numbers)
    return value in said


def _comparable(text: str) -> str:
    return normalise(text).lower().replace("-", " ")
