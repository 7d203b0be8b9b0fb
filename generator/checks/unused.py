"""Exceptions that outlive their reason are errors: shared by the checks that accept reasoned exceptions.

An allowed figure or a link exception that no text uses any more would quietly excuse the next,
unrelated mistake, so each check reports its unused entries the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..model import Content
from ..problems import Problems


def report_unused(content: Content, problems: Problems, entries: Iterable[Any], used: set[str], field: str,
                  describe: Callable[[Any], str]) -> None:  # fmt: skip
    """An error at ``field`` of every entry whose id is not in ``used``; skipped when some record
    failed its schema, since that record was not read and "unused" would then be a guess."""
    if content.unvalidated_ids:
        return
    for entry in entries:
        if entry.id not in used:
            where = entry.where(field)
            problems.error(where.path, where.line, where.column, f"{describe(entry)}; delete {entry.file}")
