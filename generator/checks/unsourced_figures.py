"""No figure in any text a reader sees unless it comes from a claim (``{claim:ID}``).

Figures are found by :mod:`generator.figures`. A phrase that must keep its digits although no rule
exempts it is listed in ``content/allowed-figures/`` with a reason; an entry no text uses any more
is an error, so the list cannot quietly grow into a hiding place.
"""

from __future__ import annotations

import functools
import re

from ..figures import Figure, find_figures
from ..model import AllowedFigure, Content, Prose
from ..problems import Problems
from ..quotes import normalise
from ..text import REFERENCE
from .unused import report_unused

LEDGER_FIELDS = {
    ("claim", "statement"), ("claim", "value"), ("claim", "note"),
    ("source", "title"), ("source", "publisher"), ("source", "caveat"),
}  # fmt: skip
"""The ledger and its evidence: a claim's own words and the notes on where a source was read (its
publication year, a repository name) are what the claims are about. The sources page shows them
as evidence, and ``claim-quotes`` holds them to the stored source text."""


def check(content: Content, problems: Problems) -> None:
    allowed = [record for record in content.records["allowed-figure"].values() if isinstance(record, AllowedFigure)]
    used: set[str] = set()
    for prose in content.prose:
        if (_kind(prose), prose.field) in LEDGER_FIELDS:
            continue
        masked = REFERENCE.sub(lambda match: " " * len(match.group(0)), prose.value) if "{" in prose.value else prose.value
        for figure in _figures_in(masked):
            entry = _allowing(allowed, masked, figure.start, figure.end)
            if entry is not None:
                used.add(entry.id)
                continue
            where = prose.origin(figure.start)
            problems.error(where.path, where.line, where.column,
                           f"unsourced figure '{figure.text}' ({figure.kind}) in {prose.field}; "
                           f"{_advice(content, figure.text)}")  # fmt: skip
    report_unused(content, problems, allowed, used, "phrase",
                  lambda entry: f"allowed figure '{entry.phrase}' is not used by any text any more")  # fmt: skip


@functools.lru_cache(maxsize=1 << 16)
def _figures_in(text: str) -> tuple[Figure, ...]:
    """:func:`find_figures`, remembered: the preview checks the same texts after every edit."""
    return tuple(find_figures(text))


def _kind(prose: Prose) -> str:
    return prose.document.kind


def _allowing(allowed: list[AllowedFigure], text: str, start: int, end: int) -> AllowedFigure | None:
    for entry in allowed:
        for match in re.finditer(re.escape(entry.phrase), text):
            if match.start() <= start and end <= match.end():
                return entry
    return None


def _advice(content: Content, written: str) -> str:
    """Name the claim that already says this figure, if there is one."""
    for claim in content.claims:
        if claim.value and normalise(claim.value).lower() == normalise(written).lower():
            return f"claim '{claim.id}' says '{claim.value}': write {{claim:{claim.id}}} instead"
    return "add a claim in content/claims/ quoting a source that says it, and write {claim:ID} instead"
