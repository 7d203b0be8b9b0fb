"""The typed records, one dataclass per kind and per nested object. GENERATED, do not edit.

Made from ``generator/schemas/*.schema.json`` by :mod:`generator.declarations`; after changing a
schema run ``python -m generator records --write``. Behaviour (titles, derived fields) is added by
hand in :mod:`generator.model`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .record import Record
from .text import Fact, Origin, Ref, Text

# ruff: noqa: E501

@dataclass(eq=False, kw_only=True)
class Link:
    """One entry of links."""

    title: str
    """The words the reader sees and taps."""

    url: str
    """The official address."""

    purpose: str | None = None
    """What the page is for; pages are grouped by it."""

    note: Text | None = None
    """What the reader finds there, or a caveat."""

    playbooks: list[Ref] = field(default_factory=list)
    """Situations (playbook ids) whose steps for this platform list this page."""

    origin: Origin
    """Where the object stands in its file (``x-origin``), for messages."""


@dataclass(eq=False, kw_only=True)
class Account:
    """One entry of accounts."""

    name: str
    """The account's name as the platform shows it."""

    purpose: Text
    """What sits there and what can be done from it."""


@dataclass(eq=False, kw_only=True)
class SupportChannel:
    """One entry of support_channels."""

    name: str
    """The channel's name."""

    how: Text
    """How to open it from inside the official app or site."""


@dataclass(eq=False, kw_only=True)
class PlatformFacts:
    """What a situation's steps need to know about this platform, each backed by a claim on the platform's own domain. A fact the platform does not have is written as absent, never left out."""

    freeze: Fact
    """How to lock or freeze the account yourself at once, also when you can no longer log in; or, written as absent, that only support can do it."""

    support: Fact
    """How to reach the platform's real support from inside its official app or website."""

    deposits: Fact
    """The platform's account types, and which one a deposit is credited to."""

    security_hold: Fact
    """How long withdrawals stay locked after a password, second-factor or other security change."""

    wrong_network: Fact
    """What the platform says about a deposit sent on a network it does not support for that coin, or to a wrong address."""

    missing_memo: Fact
    """What the platform says about a deposit sent without the memo or tag it needs."""

    unsupported_token: Fact
    """What the platform says about a deposit of a token it does not list."""

    status_page: Fact
    """Where the platform reports outages, maintenance and delays."""

    never_asks: Fact
    """What the platform says its staff will never ask you for."""

    lost_second_factor: Fact
    """How to get back in after losing the phone, the authenticator app or the security key: the platform's reset or recovery process."""

    restricted_account: Fact
    """Why the platform itself restricts or freezes an account (identity checks, compliance, a legal order) and how it tells the reader what to do: the appeal or review route."""

    travel_rule: Fact
    """Whether the platform holds a deposit until the sender's or receiver's details required by the Travel Rule are given, and how to release it."""

    cancel_withdrawal: Fact
    """Whether and how a withdrawal that has not yet been sent can be cancelled."""

    delisting: Fact
    """What the platform does with a coin it delists, migrates or converts, and where it announces it."""

    p2p_disputes: Fact
    """How the platform's peer-to-peer trading handles a dispute: the appeal and what to keep."""

    phone_line: Fact
    """Whether the platform has an official phone line (such as an automated line to lock the account) and where its number is published: only inside the official app or site. Absent: the platform has no phone support."""

    report_stolen_funds: Fact
    """How a victim or the police can tell this platform that stolen funds were sent to an account on it, so it can look at freezing them."""


@dataclass(eq=False, kw_only=True)
class Step:
    """One entry of steps."""

    action: Text
    """The step as a short instruction."""

    detail: Text | None = None
    """How to do it, and why."""


@dataclass(eq=False, kw_only=True)
class ChecklistItem:
    """One entry of items."""

    text: Text
    """The thing to do, as a short instruction."""

    detail: Text | None = None
    """How to do it, or why it matters."""


@dataclass(eq=False, kw_only=True)
class Section:
    """One entry of sections."""

    title: str
    """The section heading."""

    body: Text | None = None
    """Paragraphs."""

    steps: list[Text] = field(default_factory=list)
    """A numbered list of steps."""

    points: list[Text] = field(default_factory=list)
    """A bulleted list."""


@dataclass(eq=False, kw_only=True)
class Option:
    """One entry of options."""

    label: str
    """The answer as the reader would say it."""

    hint: str | None = None
    """A few words that help the reader choose."""

    next: Ref | None = None
    """The id of the question this answer leads to."""

    playbook: Ref | None = None
    """The id of the playbook this answer ends in."""

    origin: Origin
    """Where the object stands in its file (``x-origin``), for messages."""


@dataclass(eq=False, kw_only=True)
class Question:
    """One entry of questions."""

    id: str
    """The question's id, used by answers that lead to it."""

    text: str
    """The question."""

    options: list[Option] = field(default_factory=list)
    """The answers a reader can pick. Each has exactly one of next (another question) or playbook (where the reader acts)."""

    origin: Origin
    """Where the object stands in its file (``x-origin``), for messages."""


@dataclass(eq=False)
class Platform(Record):
    """One exchange, or the general advice for any other exchange: its official domains (the allowlist for links presented as the platform's own), its official pages, its account names, its support channels, and the facts a situation's steps refer to as {platform:FACT}."""

    name: str = ""
    """The platform's name as it writes it."""

    general: bool = False
    """true for the one profile that holds the advice for any other exchange: its facts are general steps; it needs no domains, pages or accounts, and gets no page of its own."""

    order: int | None = None
    """Where the platform appears in the chooser and among a situation's steps: lower numbers first. The general profile always comes last."""

    summary: Text | None = None
    """A short introduction shown at the top of the platform's page."""

    official_domains: list[str] = field(default_factory=list)
    """Registrable domains the platform itself operates. A link presented as the platform's own must be on one of these or a subdomain of one."""

    app_names: list[str] = field(default_factory=list)
    """The names of the platform's official apps as the app stores list them."""

    links: list[Link] = field(default_factory=list)
    """The platform's own help, security, support and transparency pages."""

    accounts: list[Account] = field(default_factory=list)
    """The platform's own names for the places a balance can sit, and what each is for."""

    support_channels: list[SupportChannel] = field(default_factory=list)
    """How to reach the platform's real support, and how to tell it from an impostor."""

    facts: PlatformFacts | None = None
    """What a situation's steps need to know about this platform, each backed by a claim on the platform's own domain. A fact the platform does not have is written as absent, never left out."""

    reviewed: str = ""
    """When someone last checked this profile against the platform's own pages."""

    review_interval_days: int | None = None
    """How many days may pass after the last review before this record is due for another check."""


@dataclass(eq=False)
class Source(Record):
    """A page or standard that claims quote. Its excerpts are the stored source data that every claim's quote is checked against."""

    title: str = ""
    """The page's own title, or a description in brackets when the title was not captured."""

    publisher: str = ""
    """Who published the page: the organisation, not the author's name."""

    url: str | None = None
    """The exact address where the excerpts were read. Leave it out only when the text was seen on a copy whose address must not be linked, and say so in 'unconfirmed'."""

    unconfirmed: str | None = None
    """Required when 'url' is absent: where the text was seen and why no official address can be given. Claims built on such a source must be marked unverified."""

    retrieved: str = ""
    """When the excerpts were read from the page."""

    language: str | None = None
    """The page's language as a BCP 47 tag, when it is not English."""

    excerpts: list[str] = field(default_factory=list)
    """Passages copied word for word from the page. A claim's quote must occur in one of them."""

    caveat: str | None = None
    """Anything a reader should know before trusting this source: a secondary report, an old page, a regional version."""


@dataclass(eq=False)
class Claim(Record):
    """One figure, time window, promise or named programme, tied to the source passage that says it. Text elsewhere shows it with {claim:ID} or cites it with {cite:ID}."""

    statement: str = ""
    """What the claim says, in one plain sentence of our own."""

    value: str | None = None
    """The words that {claim:ID} puts into a sentence: the figure with its unit, such as 24 hours. The quote (or its translation) must state it. Leave it out for a claim that is only cited."""

    source: Ref | None = None
    """The id of the source that says this."""

    quote: str = ""
    """The exact words in the source that support the statement. They must occur in one of the source's stored excerpts."""

    translation: str | None = None
    """An English translation of the quote when the source is in another language."""

    status: str = "verified"
    """verified: the quote was read on the official page and says this. unverified: the source is secondary, unofficial or only seen on a copy; the site marks the figure. disputed: the statement is false; it may appear only as a myth with its correction."""

    checked: str = ""
    """When someone last compared the quote with the source. After review_interval_days (default 180) the claim is due for another check; 30 days later the build fails."""

    review_interval_days: int | None = None
    """How many days may pass after the last review before this record is due for another check."""

    note: str | None = None
    """Context a reader needs: a caveat about the source, or why the status is what it is."""


@dataclass(eq=False)
class Playbook(Record):
    """One situation behind a missing or wrong balance, the same on every exchange, and what to do about it: the reader's situation, ordered first steps (which may refer to platform facts), what not to do, what to collect for support, and how to prevent it."""

    title: str = ""
    """The situation, named the way a reader would describe it."""

    summary: Text | None = None
    """Two or three sentences: what is probably happening and how worried to be."""

    severity: str = "high"
    """How urgent the situation is. critical: act within minutes; high: today; medium: soon; low: usually resolves by itself."""

    order: int | None = None
    """Where this record appears in lists: lower numbers first; ties are sorted by title."""

    symptoms: list[Text] = field(default_factory=list)
    """What the reader sees that points to this situation."""

    red_flags: list[Text] = field(default_factory=list)
    """Signs that the situation is worse than it looks and calls for the account-takeover or scam playbook."""

    steps: list[Step] = field(default_factory=list)
    """Ordered steps, the most urgent first. A step may refer to what differs between exchanges with {platform:FACT} (freeze, support, deposits, security_hold, wrong_network, missing_memo, unsupported_token, status_page, never_asks): the steps are then shown once per platform, and the reader's choice shows theirs."""

    dont: list[Text] = field(default_factory=list)
    """What not to do, each with the reason."""

    evidence: list[Text] = field(default_factory=list)
    """What to collect before writing to official support."""

    prevention: Ref | None = None
    """The checklist that prevents this situation."""

    faqs: list[Ref] = field(default_factory=list)
    """Questions from the FAQ that belong to this situation."""

    risks: list[Ref] = field(default_factory=list)
    """Risks from the risk matrix that this situation realises."""

    myths: list[Ref] = field(default_factory=list)
    """Myths a reader in this situation is likely to meet."""

    related: list[Ref] = field(default_factory=list)
    """Other playbooks worth reading next."""

    reviewed: str = ""
    """When someone last checked the whole playbook."""

    review_interval_days: int | None = None
    """How many days may pass after the last review before this record is due for another check."""


@dataclass(eq=False)
class Checklist(Record):
    """A list of things to do or check, shown with boxes to tick and printable on one sheet."""

    title: str = ""
    """What the checklist achieves."""

    summary: Text | None = None
    """When to use it and how long it takes."""

    audience: str = "everyone"
    """Who it is for: everyone holding crypto, or users of one platform."""

    platform: Ref | None = None
    """The platform profile, when the audience is platform-users."""

    kind: str = "prevention"
    """prevention: done in advance, printed and kept. response: done during an incident."""

    order: int | None = None
    """Where this record appears in lists: lower numbers first; ties are sorted by title."""

    items: list[ChecklistItem] = field(default_factory=list)
    """The boxes to tick, in order. An item may show a sourced figure with {claim:ID}."""

    reviewed: str = ""
    """When someone last checked every item."""

    review_interval_days: int | None = None
    """How many days may pass after the last review before this record is due for another check."""


@dataclass(eq=False)
class Faq(Record):
    """One question a reader asks, answered truthfully; figures only through claims."""

    question: str = ""
    """The question in the reader's words."""

    answer: Text | None = None
    """The answer: the direct reply first, then the detail."""

    order: int | None = None
    """Where this record appears in lists: lower numbers first; ties are sorted by title."""

    playbooks: list[Ref] = field(default_factory=list)
    """Playbooks to read for this question."""


@dataclass(eq=False)
class Risk(Record):
    """One way a balance can be lost or misread, rated by probability and impact for the risk matrix. Ratings are the editors' judgement, not measurements, and the site says so."""

    name: str = ""
    """The risk's name."""

    probability: str = "likely"
    """How likely a typical user is to meet it: rare, possible, likely or almost-certain."""

    impact: str = "severe"
    """How bad it is when it happens: minor (a scare), moderate (a delay), major (a loss that may be recovered) or severe (a permanent loss)."""

    rationale: Text | None = None
    """Why it is rated so."""

    mitigation: Text | None = None
    """What lowers the probability or the impact."""

    playbooks: list[Ref] = field(default_factory=list)
    """Playbooks for when this risk happens."""


@dataclass(eq=False)
class Control(Record):
    """One row of the security-controls table: a layer of protection, what current guidance recommends, and how often to act. Every cadence or threshold goes through a claim."""

    layer: str = ""
    """The layer protected: password, second factor, withdrawals, email, phone number, API keys."""

    recommendation: Text | None = None
    """What to do."""

    cadence: Text | None = None
    """When or how often to act; a figure only through a claim."""

    rationale: Text | None = None
    """Why, citing the guidance."""

    replaces: Text | None = None
    """Outdated advice this replaces, and why it is outdated."""

    order: int | None = None
    """Where this record appears in lists: lower numbers first; ties are sorted by title."""


@dataclass(eq=False)
class Myth(Record):
    """A false or unsupported statement that circulates, stated only to correct it."""

    myth: str = ""
    """The statement as people meet it, in our words; no made-up figure."""

    verdict: str = "false"
    """false: an authoritative source contradicts it. unsupported: nobody can source it, so do not rely on it. misleading: partly true in a way that leads to a wrong action."""

    truth: Text | None = None
    """What is true instead, citing claims."""

    order: int | None = None
    """Where this record appears in lists: lower numbers first; ties are sorted by title."""

    playbooks: list[Ref] = field(default_factory=list)
    """Playbooks where this myth matters."""


@dataclass(eq=False)
class Guide(Record):
    """A reference page that is not one cause: verifying a transaction, managing funds across platforms, routine maintenance."""

    title: str = ""
    """The guide's title."""

    summary: Text | None = None
    """What the reader will be able to do after reading."""

    order: int | None = None
    """Where this record appears in lists: lower numbers first; ties are sorted by title."""

    sections: list[Section] = field(default_factory=list)
    """The guide's sections, in order; each has a body, steps, points, or several of these."""

    checklists: list[Ref] = field(default_factory=list)
    """Checklists that put this guide into practice."""

    links: list[Link] = field(default_factory=list)
    """Outside pages worth reading."""

    reviewed: str = ""
    """When someone last checked the guide."""

    review_interval_days: int | None = None
    """How many days may pass after the last review before this record is due for another check."""


@dataclass(eq=False)
class Triage(Record):
    """The questions on the start page that route a reader from what they see to the right playbook. Every answer leads to another question or ends in a playbook; there are no loops."""

    title: str = ""
    """The start page's heading."""

    intro: Text | None = None
    """One or two calm sentences above the first question."""

    warning: Text | None = None
    """What is always true, shown on the start page and right after the first steps of every playbook: for example that no one can reverse a blockchain transfer and that recovery offers are scams. Back each sentence with {cite:ID}."""

    start: Ref | None = None
    """The id of the first question."""

    questions: list[Question] = field(default_factory=list)
    """Each question with its answers."""


@dataclass(eq=False)
class AllowedFigure(Record):
    """A phrase with digits that the unsourced-figure lint may pass although no rule exempts it, with the reason why. An entry no text uses any more is an error, so the list never outgrows the content."""

    phrase: str = ""
    """The exact words as they appear in the text, figure included; only figures inside this phrase pass."""

    reason: str = ""
    """Why this is not a figure a reader could take as a fact or a promise."""


@dataclass(eq=False)
class LinkException(Record):
    """One address that may break one rule of the link policy, and why. An exception that no longer matches any link is an error, so exceptions never outlive their reason."""

    url: str = ""
    """The exact address as written in the content (or, for the built site, in the page)."""

    rule: str = "look-alike"
    """The one rule the address may break: scheme, shortener, tracking, affiliate-path, look-alike, punycode or platform-domain."""

    reason: str = ""
    """Why the site must keep this address although it breaks the rule."""


@dataclass(eq=False)
class SearchTerm(Record):
    """Words a frightened reader types into search that the pages do not use (their own words, a misspelling, an exchange's jargon), and what they mean: the site's own words, the situations that answer them, or both. Search then finds for the reader's words what it finds for the site's, and puts those situations first. A term whose words no page uses any more is reported, so the table never outgrows the content."""

    about: str = ""
    """What readers mean by these words, in a few words, for the next editor; shown nowhere."""

    typed: list[str] = field(default_factory=list)
    """Single words in lower case, as readers type them into search, misspellings included: search finds them wherever it finds the words of `means`, and finds the `situations` first."""

    means: list[str] = field(default_factory=list)
    """Words or short phrases in lower case, as the pages write them; each word also matches longer words it begins (freeze: freezes, freezing), as search does."""

    situations: list[Ref] = field(default_factory=list)
    """Playbooks that answer what readers mean by these words: search shows them first for each word of `typed`."""


RECORD_CLASSES: dict[str, type[Record]] = {
    "platform": Platform,
    "source": Source,
    "claim": Claim,
    "playbook": Playbook,
    "checklist": Checklist,
    "faq": Faq,
    "risk": Risk,
    "control": Control,
    "myth": Myth,
    "guide": Guide,
    "triage": Triage,
    "allowed-figure": AllowedFigure,
    "link-exception": LinkException,
    "search-term": SearchTerm,
}
"""The generated class of each kind, by kind name."""
