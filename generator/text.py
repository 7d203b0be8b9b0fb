"""Text fields: plain text with a few references, never Markdown, HTML or template code.

An editor writes ``{claim:ID}`` to show a sourced figure, ``{cite:ID}`` to back a sentence with a
claim's source, and ``{playbook:ID}`` (or guide, checklist, faq, myth) to link to another page.
Everything else is literal text: it is escaped when rendered, so ``<script>``, ``[x](y)`` or
``{{ x }}`` come out exactly as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import claims
from .reads import reached

REFERENCE = re.compile(r"\{([a-z]+):([^{}\s]*)\}")
"""A reference such as ``{claim:okx-2fa-change-withdrawal-lock}``."""

LINKABLE_KINDS = ("playbook", "guide", "checklist", "faq", "myth")
TEXT_REFERENCE_KINDS = ("claim", "cite", "platform") + LINKABLE_KINDS
"""``{platform:FACT}`` names a platform fact (:mod:`generator.platform_facts`), read as a ``platform-fact`` reference."""


@dataclass(frozen=True, eq=False)
class Origin:
    """Where something was written: a file and a 1-based line and column."""

    path: str
    line: int
    column: int

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Origin):
            return NotImplemented
        return (self.path, self.line, self.column) == (other.path, other.line, other.column)

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.column))

    def __repr__(self) -> str:
        return f"Origin(path={self.path!r}, line={self.line!r}, column={self.column!r})"

    @staticmethod
    def later(path: str, locate: Callable[[], tuple[int, int]]) -> Origin:
        """An origin whose line and column are worked out when first read: a position inside a long text
        costs a look at the file, and most are never shown (only a reference with a problem is)."""
        return _Deferred(path, locate)


class _Deferred(Origin):
    """An :class:`Origin` that calls ``locate`` for its line and column the first time either is read."""

    def __init__(self, path: str, locate: Callable[[], tuple[int, int]]) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "_locate", locate)

    @property
    def _position(self) -> tuple[int, int]:
        position: tuple[int, int] | None = self.__dict__.get("_found")
        if position is None:
            position = self.__dict__["_locate"]()
            object.__setattr__(self, "_found", position)
            object.__setattr__(self, "_locate", None)  # let go of the document's text once placed
        return position

    @property
    def line(self) -> int:
        return self._position[0]

    @property
    def column(self) -> int:
        return self._position[1]


@dataclass(eq=False)
class Fact:
    """A platform fact (:mod:`generator.platform_facts`): the text a step shows, or (``absent``) what to
    know when the platform has no such thing. Written as ``{text: ...}`` or ``{absent: ...}``."""

    text: Text
    absent: bool = False


@dataclass(eq=False)
class Ref:
    """A reference from one record to another, resolved to ``target`` after loading."""

    kind: str
    """The kind of record referred to (``cite`` references are kind ``claim``; ``{platform:FACT}`` is kind
    ``platform-fact``, its id the fact's name and its target the profile whose wording plain text uses)."""
    id: str
    origin: Origin
    owner: Any = field(default=None, repr=False)
    """The record that holds the reference (left out of repr: records point at each other)."""
    scope: str = ""
    """For triage questions: the triage the question belongs to."""
    show_value: bool = True
    """False for ``{cite:ID}``: show only the claim's source marker."""
    resolved: Any = field(default=None, repr=False)
    """What the reference points at (read it as :attr:`target`)."""

    @property
    def target(self) -> Any:
        """The record (or question) referred to, once resolved; a rendering records that it reached it."""
        reached(self.resolved)
        return self.resolved

    @target.setter
    def target(self, value: Any) -> None:
        self.resolved = value

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, f"{self.scope}/{self.id}" if self.scope else self.id)


Segment = str | Ref


@dataclass(eq=False)
class Text:
    """Parsed text: paragraphs of literal strings and references."""

    source: str
    paragraphs: list[list[Segment]] = field(default_factory=list)

    @property
    def refs(self) -> list[Ref]:
        return [segment for paragraph in self.paragraphs for segment in paragraph if isinstance(segment, Ref)]

    def __str__(self) -> str:
        return self.source

    def plain(self, platform: Any = None) -> str:
        """The text as a reader sees it, without markup: a figure as its value (and its status when
        not verified), a link as its target's title, a ``{cite:ID}`` as nothing, a platform fact in
        ``platform``'s words (the general profile's by default). For meta descriptions, structured
        data and the JSON export; call it once references are resolved."""
        paragraphs = ("".join(_plain(segment, platform) for segment in paragraph) for paragraph in self.paragraphs)
        return "\n\n".join(_SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(p.split())) for p in paragraphs)


_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([.,;:!?)])")
"""Left where a ``{cite:ID}`` stood between a word and its full stop."""


def _plain(segment: Segment, platform: Any) -> str:
    if isinstance(segment, str):
        return segment
    if segment.kind == "platform-fact":
        profile = platform or segment.target
        return str(profile.fact(segment.id).text.plain())
    if segment.kind != "claim":
        return str(segment.target.title)
    if not segment.show_value:
        return ""
    return claims.plain(segment.target)


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WRITTEN_KIND = {"cite": "claim", "platform": "platform-fact"}
"""The kind of record a reference written with another name refers to."""


def parse_text(source: str, origin: Origin, unknown: list[tuple[str, Origin]]) -> Text:
    """Split ``source`` into paragraphs and references.

    A reference of an unknown kind is left as literal text and appended to ``unknown`` so the
    caller can report it.
    """
    text = Text(source)
    if "{" not in source:  # no reference: paragraphs of plain text
        text.paragraphs = [[flat] for flat in (" ".join(block.split()) for block in _PARAGRAPH_BREAK.split(source.strip())) if flat]
        return text
    for block in _PARAGRAPH_BREAK.split(source.strip()):
        paragraph: list[Segment] = []
        position = 0
        flat = " ".join(block.split())
        for match in REFERENCE.finditer(flat):
            kind, ident = match.groups()
            if kind not in TEXT_REFERENCE_KINDS:
                unknown.append((match.group(0), origin))
                continue
            if match.start() > position:
                paragraph.append(flat[position : match.start()])
            written_kind = _WRITTEN_KIND.get(kind, kind)
            paragraph.append(Ref(written_kind, ident, origin, show_value=kind != "cite"))
            position = match.end()
        if position < len(flat):
            paragraph.append(flat[position:])
        if paragraph:
            text.paragraphs.append(paragraph)
    return text
