"""Typed records built from validated documents, with every reference resolved.

Templates receive these objects, never raw dictionaries: a playbook's ``prevention`` is a
:class:`Ref` whose ``target`` is the :class:`Checklist`, and a text's ``{claim:ID}`` is a
:class:`Ref` to the :class:`Claim`. Fields shown as titles are plain strings; fields shown as
prose are :class:`~generator.text.Text`.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import records
from .declarations import Field as DeclaredField
from .declarations import Kind, nested_classes
from .kinds import KIND_BY_NAME
from .loader import Document, dotted
from .platform_facts import fact_names
from .problems import Problems
from .reads import listed
from .record import Record
from .records import Account, ChecklistItem, Guide, Link, Option, Question, Section, Step, SupportChannel, Triage
from .review import ReviewPolicy
from .text import REFERENCE, TEXT_REFERENCE_KINDS, Fact, Origin, Ref, Text, parse_text

SEVERITY_ORDER = ("critical", "high", "medium", "low")
PROBABILITIES = ("rare", "possible", "likely", "almost-certain")
IMPACTS = ("minor", "moderate", "major", "severe")


@dataclass(eq=False)
class Platform(records.Platform):
    @property
    def title(self) -> str:
        return self.name

    @property
    def order_key(self) -> tuple[int, str]:
        """The general profile (the advice for any other exchange) always last."""
        return (1, self.name) if self.general else (0, f"{self.order or 1000:05d} {self.name}")

    def fact(self, name: str) -> Fact | None:
        """The platform's words for one fact (see :mod:`generator.platform_facts`)."""
        return getattr(self.facts, name, None) if self.facts is not None else None

    def links_for(self, playbook: Record) -> list[Link]:
        """The platform's official pages that belong to one situation's steps."""
        return [link for link in self.links if any(ref.target is playbook for ref in link.playbooks)]


@dataclass(eq=False)
class Source(records.Source):
    claims: list[Claim] = field(default_factory=list, repr=False)
    """Derived: the claims that cite this source."""


@dataclass(eq=False)
class Claim(records.Claim):
    number: int = 0
    """Derived: the claim's number in the ledger, shown in source markers."""
    used_by: list[Record] = field(default_factory=list, repr=False)
    """Derived: the records whose text refers to this claim."""

    @property
    def title(self) -> str:
        return self.statement

    @property
    def shown_on(self) -> list[Record]:
        """The records with a page of their own that show this claim (the general platform profile has none)."""
        return [record for record in self.used_by if not getattr(record, "general", False)]


@dataclass(eq=False)
class Playbook(records.Playbook):
    @property
    def varies_by_platform(self) -> bool:
        """Whether the steps refer to platform facts, and so are shown once per platform."""
        return any(ref.kind == "platform-fact" for step in self.steps for text in (step.action, step.detail) if text for ref in text.refs)


@dataclass(eq=False)
class Checklist(records.Checklist):
    @property
    def version(self) -> str:
        """A short fingerprint of the title and items: printed on the sheet, and the key a reader's
        ticks are stored under, so a changed checklist never shows ticks made on another version."""
        words = [self.title] + [f"{item.text.source}\n{item.detail.source if item.detail else ''}" for item in self.items]
        return hashlib.sha256("\n\n".join(words).encode("utf-8")).hexdigest()[:8]


@dataclass(eq=False)
class Faq(records.Faq):
    @property
    def title(self) -> str:
        return self.question


@dataclass(eq=False)
class Risk(records.Risk):
    @property
    def title(self) -> str:
        return self.name


@dataclass(eq=False)
class Control(records.Control):
    @property
    def title(self) -> str:
        return self.layer


@dataclass(eq=False)
class Myth(records.Myth):
    @property
    def title(self) -> str:
        return self.myth


@dataclass(eq=False)
class AllowedFigure(records.AllowedFigure):
    """A phrase with digits the figure lint passes, and why (``content/allowed-figures/``)."""

    @property
    def title(self) -> str:
        return self.phrase


@dataclass(eq=False)
class LinkException(records.LinkException):
    """An address that may break one rule of the link policy, and why (``content/link-exceptions/``)."""

    @property
    def title(self) -> str:
        return self.url


_BEHAVIOUR: tuple[type[Record], ...] = (
    Platform, Source, Claim, Playbook, Checklist, Faq, Risk, Control, Myth, AllowedFigure, LinkException,
)  # fmt: skip
"""Kinds with hand-written behaviour (titles, derived fields); the others are used as generated."""
RECORD_TYPES: dict[str, type[Record]] = {
    kind: next((cls for cls in _BEHAVIOUR if issubclass(cls, generated)), generated) for kind, generated in records.RECORD_CLASSES.items()
}
"""The class each kind is read into, by kind name."""


def kind_of(record: Record) -> Kind:
    """The declaration of a record's kind (from its class, generated or hand-written)."""
    return _kind_of_class(type(record))  # type: ignore[arg-type]  # a class is hashable


@functools.cache
def _kind_of_class(record_class: type) -> Kind:
    """Asked for every link a page makes: worked out once per class."""
    for cls in record_class.__mro__:
        for name, generated in records.RECORD_CLASSES.items():
            if cls is generated:
                return KIND_BY_NAME[name]
    raise ValueError(f"{record_class.__name__} is not a kind of record")


@dataclass(eq=False)
class Prose:
    """One text field as written, with its file and path: what the unsourced-figure lint reads."""

    value: str
    document: Document = field(repr=False)
    path: tuple[str | int, ...]
    owner: Any = field(default=None, repr=False)

    @property
    def field(self) -> str:
        """The field's name without list indexes, such as ``steps.detail``."""
        return ".".join(str(part) for part in self.path if isinstance(part, str))

    def origin(self, offset: int = 0) -> Origin:
        """Where character ``offset`` of the value stands in the file (worked out only when read)."""
        return Origin.later(self.document.path, functools.partial(self.document.where_in, self.path, offset))


@dataclass
class Content:
    """Every record, by kind and id, and every reference between them."""

    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {kind: {} for kind in RECORD_TYPES})
    """Records by kind and id; where two files share an id, the first one read."""
    all_records: list[Record] = field(default_factory=list)
    """Every record read, duplicates included, for the duplicate-ids check."""
    refs: list[Ref] = field(default_factory=list)
    prose: list[Prose] = field(default_factory=list)
    """Every text field a reader sees, as written."""
    questions: dict[str, Question] = field(default_factory=dict)
    """Triage questions by ``triage-id/question-id``."""
    policy: ReviewPolicy = field(default_factory=ReviewPolicy)
    """The day freshness is judged by, and the grace period for overdue reviews."""
    unvalidated_ids: set[tuple[str, Any]] = field(default_factory=set)
    """(kind, id) of records that failed their schema: they exist, so references to them are not unknown."""

    def sorted(self, kind: str) -> list[Any]:
        """One kind's records in display order: by ``order``, then title."""
        listed(kind)
        return sorted(self.records[kind].values(), key=lambda record: record.order_key)

    def by_id(self, kind: str) -> list[Any]:
        """One kind's records in the order of their ids (the ledger's order)."""
        listed(kind)
        return sorted(self.records[kind].values(), key=lambda record: record.id)

    def lookup(self, ref: Ref) -> Any:
        if ref.kind == "question":
            return self.questions.get(ref.key[1])
        if ref.kind == "platform-fact":  # resolved to the general profile: plain text and search show its words
            return (self.general_platform or next(iter(self.platforms), None)) if ref.id in fact_names() else None
        return self.records.get(ref.kind, {}).get(ref.id)

    platforms = property(lambda self: self.sorted("platform"))
    """Every platform profile, the general one last: the order of a situation's variants."""
    sources = property(lambda self: self.by_id("source"))
    claims = property(lambda self: self.by_id("claim"))
    playbooks = property(lambda self: self.sorted("playbook"))
    checklists = property(lambda self: self.sorted("checklist"))
    faqs = property(lambda self: self.sorted("faq"))
    risks = property(lambda self: self.sorted("risk"))
    controls = property(lambda self: self.sorted("control"))
    myths = property(lambda self: self.sorted("myth"))
    guides = property(lambda self: self.sorted("guide"))
    triages = property(lambda self: self.sorted("triage"))

    @property
    def general_platform(self) -> Any:
        """The profile with the advice for any other exchange, if there is one."""
        return next((platform for platform in self.platforms if platform.general), None)

    @property
    def profiled_platforms(self) -> list[Any]:
        """The platforms with a page of their own: every profile but the general one."""
        return [platform for platform in self.platforms if not platform.general]

    @property
    def start(self) -> Any:
        """The triage the start page shows: ``start``, or the first one."""
        return self.records["triage"].get("start") or (self.triages[0] if self.triages else None)


class _Reader:
    """Reads one validated document into model values, recording references and their origins."""

    def __init__(self, document: Document, content: Content, problems: Problems) -> None:
        self.document, self.content, self.problems = document, content, problems
        self.owner: Any = None
        self.unknown: list[tuple[str, Origin]] = []

    def origin(self, *path: str | int) -> Origin:
        return Origin(self.document.path, *self.document.where(path))

    def get(self, *path: str | int) -> Any:
        value: Any = self.document.data
        for part in path:
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return None
        return value

    def plain(self, *path: str | int) -> Any:
        """A title-like field: references are not allowed, since titles are never linked."""
        value = self.prose(*path)
        found = REFERENCE.search(value) if isinstance(value, str) else None
        if found:
            origin = self.origin(*path)
            self.problems.error(origin.path, origin.line, origin.column,
                                f"{dotted(path)}: a title cannot hold a reference such as '{found.group(0)}'; "
                                "put figures and links in the text fields")  # fmt: skip
        return value

    def prose(self, *path: str | int) -> Any:
        """A field a reader sees, kept in :attr:`Content.prose` so the figure lint reads it."""
        value = self.get(*path)
        if isinstance(value, str):
            self.content.prose.append(Prose(value, self.document, path, self.owner))
        return value

    def text(self, *path: str | int) -> Text | None:
        value = self.prose(*path)
        if value is None:
            return None
        parsed = parse_text(value, self.origin(*path), self.unknown)
        if "{" not in value:  # no reference to place
            return parsed
        written = [match for match in REFERENCE.finditer(value) if match.group(1) in TEXT_REFERENCE_KINDS]
        for ref, match in zip(parsed.refs, written):
            # the reference itself, not the text's start
            ref.origin = Origin.later(self.document.path, functools.partial(self.document.where_in, path, match.start()))
            self._keep(ref)
        return parsed

    def texts(self, *path: str | int) -> list[Text]:
        return [self.text(*path, index) for index in range(len(self.get(*path) or []))]  # type: ignore[misc]

    def ref(self, kind: str, *path: str | int, scope: str = "") -> Ref | None:
        value = self.get(*path)
        if value is None:
            return None
        return self._keep(Ref(kind, value, self.origin(*path), scope=scope))

    def _keep(self, ref: Ref) -> Ref:
        ref.owner = self.owner
        self.content.refs.append(ref)
        return ref

    def report_unknown(self) -> None:
        for written, origin in self.unknown:
            kinds = ", ".join("{" + kind + ":ID}" for kind in ("claim", "cite", "playbook", "guide", "checklist", "faq", "myth"))
            kinds += ", {platform:FACT}"
            self.problems.error(origin.path, origin.line, origin.column, f"unknown reference '{written}'; references are {kinds}")


def build_content(documents: Iterable[Document], problems: Problems, policy: ReviewPolicy | None = None) -> Content:
    """Turn schema-valid documents into typed records; resolve references where targets exist.

    Only problems that need the raw text are reported here (references of an unknown kind,
    references inside titles); cross-reference problems are left to :mod:`generator.checks`.
    """
    content = Content(policy=policy or ReviewPolicy())
    for document in documents:
        reader = _Reader(document, content, problems)
        record = read_record(reader, KIND_BY_NAME[document.kind], RECORD_TYPES[document.kind], _nested())
        content.all_records.append(record)
        content.records[document.kind].setdefault(record.id, record)
        reader.report_unknown()
    _resolve(content)
    return content


def _resolve(content: Content) -> None:
    """Point every reference at its target and fill in the derived back-references."""
    for number, claim in enumerate(content.claims, start=1):
        claim.number = number
    for ref in content.refs:
        ref.target = content.lookup(ref)
    for claim in content.claims:
        if claim.source and claim.source.target:
            claim.source.target.claims.append(claim)
    used: set[tuple[int, int]] = set()
    """(record, claim) pairs already linked, by identity: asking each claim's list took time in proportion to the records
    that use it, and a platform's claims are used by every situation whose steps name its facts (quadratic)."""
    for ref in content.refs:
        if isinstance(ref.target, Claim) and ref.owner is not None:
            _uses(ref.owner, ref.target, used)
    platforms = content.platforms
    for ref in content.refs:  # a step's {platform:FACT} shows every platform's words for it, and their figures
        if ref.kind == "platform-fact" and ref.target is not None and ref.owner is not None:
            for platform in platforms:
                fact = platform.fact(ref.id)
                for claim in (r.target for r in fact.text.refs if isinstance(r.target, Claim)) if fact else ():
                    _uses(ref.owner, claim, used)


def _uses(record: Record, claim: Claim, used: set[tuple[int, int]]) -> None:
    if (id(record), id(claim)) not in used:
        used.add((id(record), id(claim)))
        claim.used_by.append(record)
        record.claims_used.append(claim)


def read_record(reader: _Reader, kind: Kind, cls: type[Any], classes: Mapping[str, type[Any]]) -> Any:
    """Fill a record of ``kind`` from the reader's document, field by field as the kind declares them.

    The record is created first, so that references made while reading it know their owner; nested
    objects are made from ``classes`` by their declared class name."""
    record = cls(id=reader.get("id"), file=reader.document.path, origin=reader.origin("id"), document=reader.document)
    reader.owner = record
    assert kind.shape is not None
    for declared in kind.shape.fields:
        if declared.name != "id":
            setattr(record, declared.name, _read(reader, declared, (declared.name,), classes))
    return record


def _read(r: _Reader, declared: DeclaredField, path: tuple[str | int, ...], classes: Mapping[str, type[Any]]) -> Any:
    """One field's value at ``path``, read as its role says (see :mod:`generator.declarations`)."""
    role = declared.role
    if role == "plain":
        return r.plain(*path)
    if role == "text":
        return r.text(*path)
    if role == "texts":
        return r.texts(*path)
    if role in ("ref", "refs"):
        scope = r.owner.id if declared.scoped else ""
        if role == "ref":
            return r.ref(declared.refers_to, *path, scope=scope)
        return [r.ref(declared.refers_to, *path, index, scope=scope) for index in range(len(r.get(*path) or []))]
    if role == "fact":  # {text: ...} or {absent: ...}
        value = r.get(*path)
        if not isinstance(value, dict):
            return None
        absent = "absent" in value
        return Fact(r.text(*path, "absent" if absent else "text"), absent=absent)  # type: ignore[arg-type]
    if role == "object":
        return None if r.get(*path) is None else _object(r, declared, path, classes)
    if role == "objects":
        return [_object(r, declared, (*path, index), classes) for index in range(len(r.get(*path) or []))]
    value = r.get(*path)
    if value is None:
        value = declared.default
    if isinstance(value, list) or declared.raw_type.startswith("list["):
        return list(value or [])
    return value


def _object(r: _Reader, declared: DeclaredField, path: tuple[str | int, ...], classes: Mapping[str, type[Any]]) -> Any:
    assert declared.shape is not None
    shape = declared.shape
    values = {field.name: _read(r, field, (*path, field.name), classes) for field in shape.fields}
    if shape.origin:
        values["origin"] = r.origin(*path) if shape.origin == "." else r.origin(*path, shape.origin)
    made = classes[shape.cls](**values)
    if shape.registers == "question":
        r.content.questions.setdefault(f"{r.owner.id}/{made.id}", made)
    return made


@functools.cache
def _nested() -> dict[str, type[Any]]:
    """Nested object classes by name, as generated. Looked up on first use, not on import, so that
    ``records --write`` still runs when a schema declares a class records.py does not have yet."""
    return {name: getattr(records, name) for name in nested_classes()}

__all__ = [
    "IMPACTS",
    "PROBABILITIES",
    "RECORD_TYPES",
    "SEVERITY_ORDER",
    "Account",
    "AllowedFigure",
    "Checklist",
    "ChecklistItem",
    "Claim",
    "Content",
    "Control",
    "Fact",
    "Faq",
    "Guide",
    "Link",
    "LinkException",
    "Myth",
    "Option",
    "Platform",
    "Playbook",
    "Prose",
    "Question",
    "Record",
    "Risk",
    "Section",
    "Source",
    "Step",
    "SupportChannel",
    "Triage",
    "build_content",
    "kind_of",
    "read_record",
]  # fmt: skip
