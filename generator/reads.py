"""Which records a page's rendering reached, so the preview renders again only the pages an edit can change.

Templates reach records other than the page's own in two ways: through a reference (:attr:`Ref.target
<generator.text.Ref.target>`) and through a list of a whole kind (:meth:`Content.sorted
<generator.model.Content.sorted>`, behind ``content.playbooks`` and the like). Both report here while
:func:`recording` is active; outside it, reporting costs one comparison.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reads:
    """What one rendering reached: records by identity, and the kinds it listed whole."""

    records: set[int] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)


_current: Reads | None = None


def reached(record: Any) -> None:
    if _current is not None:
        _current.records.add(id(record))


def listed(kind: str) -> None:
    if _current is not None:
        _current.kinds.add(kind)


@contextmanager
def recording() -> Iterator[Reads]:
    """Collect what the code run inside reaches (not re-entrant: pages are rendered one at a time)."""
    global _current
    _current = Reads()
    try:
        yield _current
    finally:
        _current = None
