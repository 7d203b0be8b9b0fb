"""Titles are plain text: no markup, so no sink can turn one into a live tag.

A title reaches the most places of any text: the page's ``<title>`` (printed by Material through a
filter that undoes one level of escaping), the navigation, search results, structured data, printed
checklists and the offline copy. Each sink escapes it, but no title needs ``<tag>`` markup at all,
so the content refuses it where an editor can see it, at the field's line and column.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Content
from ..problems import Problems
from ..text import Origin

TITLE_FIELDS = ("title", "name", "question", "myth")
"""The fields that head a page or an entry (a guide's sections have titles too)."""
TAG = re.compile(r"<\s*[/!?]?\s*[A-Za-z][^<>]*>|<\s*[/!?]")
"""Something a browser reads as the start of a tag, a comment or a declaration."""


def check(content: Content, problems: Problems) -> None:
    for records in content.records.values():
        for record in records.values():
            titles: list[tuple[tuple[str | int, ...], Any]] = [
                ((name,), getattr(record, name)) for name in TITLE_FIELDS if name in getattr(record, "__dataclass_fields__", {})
            ]
            sections = getattr(record, "sections", None) or []
            titles += [(("sections", index, "title"), section.title) for index, section in enumerate(sections)]
            for path, text in titles:
                match = TAG.search(text) if isinstance(text, str) else None
                if match is not None:
                    where = (
                        record.where(*path)
                        if record.document is None
                        else Origin(record.document.path, *record.document.where_in(path, match.start()))
                    )
                    problems.error(where.path, where.line, where.column,
                                   f"{path[-1]} holds markup ('{match.group(0)[:40]}'); "
                                   "titles are plain text: write the words without '<' and '>'")  # fmt: skip
