"""Text the scaffold wrote for an editor to replace is never published.

``python -m generator new`` writes a commented file whose texts start with :data:`PLACEHOLDER`
(``REPLACE: What does a reader ask here?``). The file loads, so the editor sees it in the preview,
but ``check`` and every build refuse it until each such text is rewritten: a placeholder answer
must not reach a reader, a search engine or the structured data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Content
from ..problems import Problems

PLACEHOLDER = "REPLACE:"
"""How every text the scaffold leaves for the editor begins."""
PLACEHOLDER_ADDRESS = "/REPLACE"
"""What the scaffold's address holds (an address must start with https://)."""


def check(content: Content, problems: Problems) -> None:
    for records in content.records.values():
        for record in records.values():
            if record.document is None:
                continue
            for path, text in _texts(record.document.data, ()):
                if text.lstrip().startswith(PLACEHOLDER) or (text.startswith("https://") and PLACEHOLDER_ADDRESS in text):
                    line, column = record.document.where(path)
                    field = ".".join(str(part) for part in path if isinstance(part, str))
                    problems.error(record.document.path, line, column,
                                   f"{field} is still the placeholder that `new` wrote ({text.strip()[:60]!r}); "
                                   "write the real text")  # fmt: skip


def _texts(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in a document, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
