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
        if not quote_in(claim.quote, source.excerpts):
            where = claim.where("quote")
            problems.error(where.path, where.line, where.column,
                           f"claim '{claim.id}': its quote is not in the stored excerpts of source '{source.id}' ({source.file}); "
                           "copy the words exactly from an excerpt, or add the passage the quote comes from to the source")  # fmt: skip
        elif claim.value and not value_in_quote(claim):
            where = claim.where("value")
            problems.error(where.path, where.line, where.column,
                           f"claim '{claim.id}': its value '{claim.value}' is not in its quote{' or translation' * bool(claim.translation)}; "
                           "the quote must say the figure the site shows")  # fmt: skip


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
