"""Typed records built from validated documents, with every reference resolved.

Templates receive these objects, never raw dictionaries: a playbook's ``prevention`` is a
:class:`Ref` whose ``target`` is the :class:`Checklist`, and a text's ``{claim:ID}`` is a
:class:`Ref` to the :class:`Claim`. Fields shown as titles are plain strings; fields shown as
prose are :class:`~generator.text.Text`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .loader import Document, dotted
from .problems import Problems
from .review import ReviewPolicy
from .platform_facts import fact_names
from .text import REFERENCE, TEXT_REFERENCE_KINDS, Origin, Ref, Text, parse_text

SEVERITY_ORDER = ("critical", "high", "medium", "low")
PROBABILITIES = ("rare", "possible", "likely", "almost-certain")
IMPACTS = ("minor", "moderate", "major", "severe")


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


@dataclass(eq=False)
class Link:
    title: str
    url: str
    purpose: str = ""
    note: Text | None = None
    origin: Origin | None = None
    playbooks: list[Ref] = field(default_factory=list)
    """Situations whose steps for this platform list the page (platform profiles only)."""


@dataclass(eq=False)
class Account:
    name: str
    purpose: Text


@dataclass(eq=False)
class SupportChannel:
    name: str
    how: Text


@dataclass(eq=False)
class Fact:
    """One platform fact (see :mod:`generator.platform_facts`): text a step shows, or what to know when the platform has no such thing."""

    name: str
    text: Text
    absent: bool = False


@dataclass(eq=False)
class Platform(Record):
    name: str = ""
    summary: Text | None = None
    general: bool = False
    """The advice for any other exchange: shown last among a situation's steps, with no page of its own."""
    order: int | None = None
    official_domains: list[str] = field(default_factory=list)
    app_names: list[str] = field(default_factory=list)
    facts: dict[str, Fact] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    support_channels: list[SupportChannel] = field(default_factory=list)
    reviewed: str = ""
    review_interval_days: int | None = None

    @property
    def title(self) -> str:
        return self.name

    @property
    def order_key(self) -> tuple[int, str]:
        return (1, self.name) if self.general else (0, f"{self.order or 1000:05d} {self.name}")

    def links_for(self, playbook: Record) -> list[Link]:
        """The platform's official pages that belong to one situation's steps."""
        return [link for link in self.links if any(ref.target is playbook for ref in link.playbooks)]


@dataclass(eq=False)
class Source(Record):
    title: str = ""
    publisher: str = ""
    url: str | None = None
    unconfirmed: str | None = None
    retrieved: str = ""
    language: str | None = None
    excerpts: list[str] = field(default_factory=list)
    caveat: str | None = None
    claims: list[Claim] = field(default_factory=list, repr=False)
    """Derived: the claims that cite this source."""


@dataclass(eq=False)
class Claim(Record):
    statement: str = ""
    value: str | None = None
    source: Ref | None = None
    quote: str = ""
    translation: str | None = None
    status: str = "verified"
    checked: str = ""
    review_interval_days: int | None = None
    note: str | None = None
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
class Step:
    action: Text
    detail: Text | None = None


@dataclass(eq=False)
class Playbook(Record):
    title: str = ""
    summary: Text | None = None
    severity: str = "medium"
    order: int | None = None
    symptoms: list[Text] = field(default_factory=list)
    red_flags: list[Text] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    dont: list[Text] = field(default_factory=list)
    evidence: list[Text] = field(default_factory=list)
    prevention: Ref | None = None
    faqs: list[Ref] = field(default_factory=list)
    risks: list[Ref] = field(default_factory=list)
    myths: list[Ref] = field(default_factory=list)
    related: list[Ref] = field(default_factory=list)
    reviewed: str = ""
    review_interval_days: int | None = None

    @property
    def varies_by_platform(self) -> bool:
        """Whether the steps refer to platform facts, and so are shown once per platform."""
        return any(ref.kind == "platform-fact" for step in self.steps for text in (step.action, step.detail) if text for ref in text.refs)


@dataclass(eq=False)
class ChecklistItem:
    text: Text
    detail: Text | None = None


@dataclass(eq=False)
class Checklist(Record):
    title: str = ""
    summary: Text | None = None
    audience: str = "everyone"
    platform: Ref | None = None
    kind: str = "prevention"
    order: int | None = None
    items: list[ChecklistItem] = field(default_factory=list)
    reviewed: str = ""
    review_interval_days: int | None = None

    @property
    def version(self) -> str:
        """A short fingerprint of the title and items: printed on the sheet, and the key a reader's
        ticks are stored under, so a changed checklist never shows ticks made on another version."""
        words = [self.title] + [f"{item.text.source}\n{item.detail.source if item.detail else ''}" for item in self.items]
        return hashlib.sha256("\n\n".join(words).encode("utf-8")).hexdigest()[:8]


@dataclass(eq=False)
class Faq(Record):
    question: str = ""
    answer: Text | None = None
    order: int | None = None
    playbooks: list[Ref] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.question


@dataclass(eq=False)
class Risk(Record):
    name: str = ""
    probability: str = "possible"
    impact: str = "moderate"
    rationale: Text | None = None
    mitigation: Text | None = None
    playbooks: list[Ref] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.name


@dataclass(eq=False)
class Control(Record):
    layer: str = ""
    recommendation: Text | None = None
    cadence: Text | None = None
    rationale: Text | None = None
    replaces: Text | None = None
    order: int | None = None

    @property
    def title(self) -> str:
        return self.layer


@dataclass(eq=False)
class Myth(Record):
    myth: str = ""
    verdict: str = "false"
    truth: Text | None = None
    order: int | None = None
    playbooks: list[Ref] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.myth


@dataclass(eq=False)
class Section:
    title: str
    body: Text | None = None
    steps: list[Text] = field(default_factory=list)
    points: list[Text] = field(default_factory=list)


@dataclass(eq=False)
class Guide(Record):
    title: str = ""
    summary: Text | None = None
    order: int | None = None
    sections: list[Section] = field(default_factory=list)
    checklists: list[Ref] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    reviewed: str = ""
    review_interval_days: int | None = None


@dataclass(eq=False)
class Option:
    label: str
    hint: str | None = None
    next: Ref | None = None
    playbook: Ref | None = None
    origin: Origin | None = None


@dataclass(eq=False)
class Question:
    id: str
    text: str
    options: list[Option]
    origin: Origin


@dataclass(eq=False)
class Triage(Record):
    title: str = ""
    intro: Text | None = None
    warning: Text | None = None
    """Shown on the start page and on every playbook page."""
    start: Ref | None = None
    questions: list[Question] = field(default_factory=list)


@dataclass(eq=False)
class AllowedFigure(Record):
    """A phrase with digits the figure lint passes, and why (``content/allowed-figures/``)."""

    phrase: str = ""
    reason: str = ""

    @property
    def title(self) -> str:
        return self.phrase


@dataclass(eq=False)
class LinkException(Record):
    """An address that may break one rule of the link policy, and why (``content/link-exceptions/``)."""

    url: str = ""
    rule: str = ""
    reason: str = ""

    @property
    def title(self) -> str:
        return self.url


RECORD_TYPES: dict[str, type[Record]] = {
    "platform": Platform, "source": Source, "claim": Claim, "playbook": Playbook,
    "checklist": Checklist, "faq": Faq, "risk": Risk, "control": Control,
    "myth": Myth, "guide": Guide, "triage": Triage, "allowed-figure": AllowedFigure,
    "link-exception": LinkException,
}  # fmt: skip


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
        """Where character ``offset`` of the value stands in the file."""
        return Origin(self.document.path, *self.document.where_in(self.path, offset))


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
        return sorted(self.records[kind].values(), key=lambda record: record.order_key)

    def lookup(self, ref: Ref) -> Any:
        if ref.kind == "question":
            return self.questions.get(ref.key[1])
        if ref.kind == "platform-fact":  # resolved to the general profile: plain text and search show its words
            return (self.general_platform or next(iter(self.platforms), None)) if ref.id in fact_names() else None
        return self.records.get(ref.kind, {}).get(ref.id)

    platforms = property(lambda self: self.sorted("platform"))
    """Every platform profile, the general one last: the order of a situation's variants."""
    sources = property(lambda self: sorted(self.records["source"].values(), key=lambda s: s.id))
    claims = property(lambda self: sorted(self.records["claim"].values(), key=lambda c: c.id))
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
        written = [match for match in REFERENCE.finditer(value) if match.group(1) in TEXT_REFERENCE_KINDS]
        for ref, match in zip(parsed.refs, written):
            # the reference itself, not the text's start
            ref.origin = Origin(self.document.path, *self.document.where_in(path, match.start()))
            self._keep(ref)
        return parsed

    def texts(self, *path: str | int) -> list[Text]:
        return [self.text(*path, index) for index in range(len(self.get(*path) or []))]  # type: ignore[misc]

    def ref(self, kind: str, *path: str | int, scope: str = "") -> Ref | None:
        value = self.get(*path)
        if value is None:
            return None
        return self._keep(Ref(kind, value, self.origin(*path), scope=scope))

    def refs(self, kind: str, *path: str | int) -> list[Ref]:
        return [self.ref(kind, *path, index) for index in range(len(self.get(*path) or []))]  # type: ignore[misc]

    def links(self, *path: str | int) -> list[Link]:
        return [
            Link(
                self.plain(*path, index, "title"),
                link["url"],
                link.get("purpose", ""),
                self.text(*path, index, "note"),
                self.origin(*path, index, "url"),
                self.refs("playbook", *path, index, "playbooks"),
            )
            for index, link in enumerate(self.get(*path) or [])
        ]

    def _keep(self, ref: Ref) -> Ref:
        ref.owner = self.owner
        self.content.refs.append(ref)
        return ref

    def report_unknown(self) -> None:
        for written, origin in self.unknown:
            kinds = ", ".join("{" + kind + ":ID}" for kind in ("claim", "cite", "playbook", "guide", "checklist", "faq", "myth")) + ", {platform:FACT}"
            self.problems.error(origin.path, origin.line, origin.column, f"unknown reference '{written}'; references are {kinds}")


def build_content(documents: Iterable[Document], problems: Problems, policy: ReviewPolicy | None = None) -> Content:
    """Turn schema-valid documents into typed records; resolve references where targets exist.

    Only problems that need the raw text are reported here (references of an unknown kind,
    references inside titles); cross-reference problems are left to :mod:`generator.checks`.
    """
    content = Content(policy=policy or ReviewPolicy())
    for document in documents:
        reader = _Reader(document, content, problems)
        record = _BUILDERS[document.kind](reader)
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
    for ref in content.refs:
        if isinstance(ref.target, Claim) and ref.owner is not None:
            _uses(ref.owner, ref.target)
    for ref in content.refs:  # a step's {platform:FACT} shows every platform's words for it, and their figures
        if ref.kind == "platform-fact" and ref.target is not None and ref.owner is not None:
            for platform in content.platforms:
                fact = platform.facts.get(ref.id)
                for claim in (r.target for r in fact.text.refs if isinstance(r.target, Claim)) if fact else ():
                    _uses(ref.owner, claim)


def _uses(record: Record, claim: Claim) -> None:
    if record not in claim.used_by:
        claim.used_by.append(record)
        record.claims_used.append(claim)


def _start(reader: _Reader, cls: type[Record]) -> Any:
    """Create the record first, so that references made while reading it know their owner."""
    reader.owner = cls(id=reader.get("id"), file=reader.document.path, origin=reader.origin("id"), document=reader.document)
    return reader.owner


def _platform(r: _Reader) -> Platform:
    p: Platform = _start(r, Platform)
    p.name = r.plain("name")
    p.summary = r.text("summary")
    p.general, p.order = bool(r.get("general")), r.get("order")
    p.official_domains = list(r.get("official_domains") or [])
    p.app_names = [r.plain("app_names", i) for i in range(len(r.get("app_names") or []))]
    p.links = r.links("links")
    p.accounts = [Account(r.plain("accounts", i, "name"), r.text("accounts", i, "purpose")) for i in range(len(r.get("accounts") or []))]  # type: ignore[arg-type]
    p.support_channels = [
        SupportChannel(r.plain("support_channels", i, "name"), r.text("support_channels", i, "how"))  # type: ignore[arg-type]
        for i in range(len(r.get("support_channels") or []))
    ]
    for name, value in (r.get("facts") or {}).items():
        absent = "absent" in value
        p.facts[name] = Fact(name, r.text("facts", name, "absent" if absent else "text"), absent)  # type: ignore[arg-type]
    p.reviewed, p.review_interval_days = r.get("reviewed"), r.get("review_interval_days")
    return p


def _source(r: _Reader) -> Source:
    s: Source = _start(r, Source)
    for name in ("title", "publisher", "url", "unconfirmed", "retrieved", "language", "caveat"):
        setattr(s, name, r.plain(name) if name in ("title", "publisher", "unconfirmed", "caveat") else r.get(name))
    s.excerpts = list(r.get("excerpts"))
    return s


def _claim(r: _Reader) -> Claim:
    c: Claim = _start(r, Claim)
    c.statement, c.value = r.plain("statement"), r.plain("value")
    c.source = r.ref("source", "source")
    for name in ("quote", "translation", "status", "checked", "review_interval_days"):
        setattr(c, name, r.get(name))
    c.note = r.plain("note")
    return c


def _playbook(r: _Reader) -> Playbook:
    p: Playbook = _start(r, Playbook)
    p.title, p.summary = r.plain("title"), r.text("summary")
    p.severity, p.order = r.get("severity"), r.get("order")
    p.symptoms, p.red_flags = r.texts("symptoms"), r.texts("red_flags")
    p.steps = [Step(r.text("steps", i, "action"), r.text("steps", i, "detail")) for i in range(len(r.get("steps")))]  # type: ignore[arg-type]
    p.dont, p.evidence = r.texts("dont"), r.texts("evidence")
    p.prevention = r.ref("checklist", "prevention")
    p.faqs, p.risks, p.myths = r.refs("faq", "faqs"), r.refs("risk", "risks"), r.refs("myth", "myths")
    p.related = r.refs("playbook", "related")
    p.reviewed, p.review_interval_days = r.get("reviewed"), r.get("review_interval_days")
    return p


def _checklist(r: _Reader) -> Checklist:
    c: Checklist = _start(r, Checklist)
    c.title, c.summary, c.audience = r.plain("title"), r.text("summary"), r.get("audience")
    c.platform, c.kind, c.order = r.ref("platform", "platform"), r.get("kind") or "prevention", r.get("order")
    c.items = [ChecklistItem(r.text("items", i, "text"), r.text("items", i, "detail")) for i in range(len(r.get("items")))]  # type: ignore[arg-type]
    c.reviewed, c.review_interval_days = r.get("reviewed"), r.get("review_interval_days")
    return c


def _faq(r: _Reader) -> Faq:
    f: Faq = _start(r, Faq)
    f.question, f.answer, f.order, f.playbooks = r.plain("question"), r.text("answer"), r.get("order"), r.refs("playbook", "playbooks")
    return f


def _risk(r: _Reader) -> Risk:
    k: Risk = _start(r, Risk)
    k.name, k.probability, k.impact = r.plain("name"), r.get("probability"), r.get("impact")
    k.rationale, k.mitigation, k.playbooks = r.text("rationale"), r.text("mitigation"), r.refs("playbook", "playbooks")
    return k


def _control(r: _Reader) -> Control:
    c: Control = _start(r, Control)
    c.layer, c.order = r.plain("layer"), r.get("order")
    c.recommendation, c.cadence, c.rationale, c.replaces = (r.text(name) for name in ("recommendation", "cadence", "rationale", "replaces"))
    return c


def _myth(r: _Reader) -> Myth:
    m: Myth = _start(r, Myth)
    m.myth, m.verdict, m.truth = r.plain("myth"), r.get("verdict"), r.text("truth")
    m.order, m.playbooks = r.get("order"), r.refs("playbook", "playbooks")
    return m


def _guide(r: _Reader) -> Guide:
    g: Guide = _start(r, Guide)
    g.title, g.summary, g.order = r.plain("title"), r.text("summary"), r.get("order")
    g.sections = [
        Section(
            r.plain("sections", i, "title"),
            r.text("sections", i, "body"),
            r.texts("sections", i, "steps"),
            r.texts("sections", i, "points"),
        )
        for i in range(len(r.get("sections")))
    ]
    g.checklists, g.links = r.refs("checklist", "checklists"), r.links("links")
    g.reviewed, g.review_interval_days = r.get("reviewed"), r.get("review_interval_days")
    return g


def _triage(r: _Reader) -> Triage:
    t: Triage = _start(r, Triage)
    t.title, t.intro, t.warning = r.plain("title"), r.text("intro"), r.text("warning")
    t.start = r.ref("question", "start", scope=t.id)
    for qi, _ in enumerate(r.get("questions")):
        options = [
            Option(r.plain("questions", qi, "options", oi, "label"), r.plain("questions", qi, "options", oi, "hint"),
                   r.ref("question", "questions", qi, "options", oi, "next", scope=t.id),
                   r.ref("playbook", "questions", qi, "options", oi, "playbook"), r.origin("questions", qi, "options", oi))
            for oi, _ in enumerate(r.get("questions", qi, "options"))
        ]  # fmt: skip
        question = Question(r.get("questions", qi, "id"), r.plain("questions", qi, "text"), options, r.origin("questions", qi, "id"))
        r.content.questions.setdefault(f"{t.id}/{question.id}", question)
        t.questions.append(question)
    return t


def _allowed_figure(r: _Reader) -> AllowedFigure:
    a: AllowedFigure = _start(r, AllowedFigure)
    a.phrase, a.reason = r.get("phrase"), r.get("reason")
    return a


def _link_exception(r: _Reader) -> LinkException:
    e: LinkException = _start(r, LinkException)
    e.url, e.rule, e.reason = r.get("url"), r.get("rule"), r.get("reason")
    return e


_BUILDERS = {
    "platform": _platform, "source": _source, "claim": _claim, "playbook": _playbook,
    "checklist": _checklist, "faq": _faq, "risk": _risk, "control": _control,
    "myth": _myth, "guide": _guide, "triage": _triage, "allowed-figure": _allowed_figure,
    "link-exception": _link_exception,
}  # fmt: skip
