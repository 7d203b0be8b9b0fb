"""The base of every record: what all kinds share, whatever their schema declares.

Kept apart from :mod:`generator.model` so that the generated :mod:`generator.records` can build on
it without importing the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .loader import Document
from .text import Origin

if TYPE_CHECKING:
    from .model import Claim


@dataclass(eq=False)
class Record:
    """Fields every record has: its id and the file it came from."""

    id: str
    file: str
    origin: Origin
    document: Document | None = field(default=None, repr=False)
    """The file the record was read from, for pointing at any of its fields."""
    claims_used: list[Claim] = field(default_factory=list, repr=False)
    """Derived: the claims this record's text refers to, in order of first use."""

    def where(self, *path: str | int) -> Origin:
        """Where the field at ``path`` stands in the record's file (the record's id if unknown)."""
        if self.document is None:
            return self.origin
        return Origin(self.document.path, *self.document.where(path))

    @property
    def order_key(self) -> tuple[int, str]:
        return (getattr(self, "order", None) or 1000, getattr(self, "title", self.id))
