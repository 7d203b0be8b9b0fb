"""Rendering: typed records → Markdown pages (Jinja2), ready to hand to MkDocs.

Pages are Markdown so that MkDocs builds headings, the table of contents and search sections as
usual; every value from the content is either escaped for HTML inside raw HTML blocks, or escaped
for Markdown in a heading (:func:`markdown_inline`). Nothing an editor writes is ever evaluated as
a template, as Markdown syntax or as HTML.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import claims
from .flowchart import layout
from .metadata import describe, faq_page, how_to
from .model import IMPACTS, PROBABILITIES, SEVERITY_ORDER, Content, Record, kind_of
from .platform_facts import fact_titles
from .reads import recording
from .review import due_date, due_on_page, review_state
from .search import UNSEARCHED
from .site_config import SiteSettings

RECORD_TEMPLATES = frozenset({"playbook.md.j2", "checklist.md.j2", "guide.md.j2", "platform.md.j2"})
"""Pages of one record, given only that record: whatever else they show, they reach through references or
whole lists, which :mod:`generator.reads` records. Every other page is rendered each time."""


@dataclass(frozen=True)
class Kept:
    """A record page's Markdown and the ids of the playbooks its rendering reached (its own included)."""

    markdown: str
    playbooks: frozenset[str]


@dataclass
class Page:
    """One generated page."""

    path: str
    """Path as if in the docs folder, e.g. ``playbooks/deposit-not-credited.md``."""
    title: str
    markdown: str
    source_file: str | None = None
    """The YAML file the page comes from, for the "edit this page" link."""
    section: str = ""
    """The navigation section the page belongs to."""
    description: str = ""
    """Plain text for ``<meta name="description">``: what a search result shows of the page."""
    structured_data: dict[str, Any] | None = None
    """schema.org data for the page (``FAQPage``, ``HowTo``), published as JSON-LD."""

    def described(self, text: Any, fallback: str, structured_data: dict[str, Any] | None = None) -> Page:
        """Set the description from ``text`` (a record's summary; ``fallback`` when it has none) and the structured data."""
        self.description = describe(text, fallback)
        self.structured_data = structured_data
        return self



LIST_LIMIT = 12
"""Past this many pages, a navigation section shows only its index page, and the start page links to
the list of situations instead of repeating it: no page may grow with the number of playbooks."""

SECTIONS = ("Start", "Situations", "Evidence", "Checklists", "Guides", "FAQ", "Myths",
            "Security controls", "Risk matrix", "Platforms", "Sources")  # fmt: skip
"""Navigation sections in the order they appear. A page of another section ("Map") is reached by its links only."""


def location(record: Record) -> tuple[str, str]:
    """The page a record is shown on and the anchor within it (``""`` for the page's top), as its kind's
    ``x-page`` declares."""
    placement = kind_of(record).placement
    if placement is None:
        raise ValueError(f"{type(record).__name__} records have no page")
    if placement.folder == ".":  # a platform's landing: /okx/
        return f"{record.id}.md", ""
    if placement.folder:
        return f"{placement.folder}/{record.id}.md", ""
    return placement.page, "" if placement.anchor is None else placement.anchor + record.id


def page_url(path: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a page, relative to the site root (``playbooks/x/`` or ``playbooks/x.html``)."""
    stem = path[: -len(".md")]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_path: str, to_path: str, anchor: str, use_directory_urls: bool) -> str:
    """A link from one page to another that works on any host and when opened from disk."""
    here, there = page_url(from_path, use_directory_urls), page_url(to_path, use_directory_urls)
    fragment = f"#{anchor}" if anchor else ""
    if here == there:  # the page itself: opened from disk, a folder ("./") would list files, not open the page
        return fragment or ("./" if use_directory_urls else posixpath.basename(there))
    relative = relative_path(there, posixpath.dirname(here))
    if there == "" or there.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + fragment


def relative_path(target: str, folder: str) -> str:
    """``posixpath.relpath(target, folder)`` for two paths under the site's root, without leading ``/`` or
    ``..`` (``""`` is the root): the same answer without making both absolute, which made it a quarter of
    the time it takes to render a site of 1,000 playbooks (a page links a hundred others)."""
    to = [part for part in target.split("/") if part]
    base = [part for part in folder.split("/") if part]
    common = 0
    while common < len(to) and common < len(base) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&:~^=\"'$%@])")


def markdown_inline(value: Any) -> Markup:
    """Escape plain text for a Markdown heading: no character keeps a Markdown or HTML meaning.

    ``&`` and ``<`` become entities; other punctuation is backslash-escaped, which the
    ``pymdownx.escapeall`` extension turns back into the literal character.
    """
    text = " ".join(str(value).split())
    text = _MARKDOWN_SPECIAL.sub(lambda m: {"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text)
    return Markup(text)


def breakable_address(value: Any) -> Markup:
    """A web address shown as text, escaped, with a line-break opportunity (``<wbr>``) after each ``/``
    and before each ``?``, ``&``, ``#``, ``=`` and ``%`` (a percent-encoded letter stays whole).

    Browsers do not break ``/4923de…`` by themselves, so a long address on a phone was cut inside
    its words. Copying the text gives the address unchanged."""
    text = str(escape(str(value)))
    return Markup(re.sub(r"(/+)(?=[^/])|(?=\?|&amp;|#|=|%)", lambda m: (m.group(1) or "") + "<wbr>", text))


def risk_level(probability: str, impact: str) -> str:
    """A named level for a probability × impact cell, so the matrix never relies on colour."""
    score = (PROBABILITIES.index(probability) + 1) * (IMPACTS.index(impact) + 1)
    return "low" if score <= 2 else "medium" if score <= 4 else "high" if score <= 8 else "critical"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_inline
    env.filters["breakable"] = breakable_address
    env.globals.update(
        risk_level=risk_level,
        probabilities=PROBABILITIES,
        impacts=IMPACTS,
        severities=SEVERITY_ORDER,
        due_date=due_date,
        fact_titles=fact_titles(),
        claim_marker=claims.marker,
        list_limit=LIST_LIMIT,
        unsearched=UNSEARCHED,
    )
    return env


_ENV = _environment()


def render_document(template: str, **context: Any) -> str:
    """Render a template that is not a page (the Atom feed), escaped the same way as pages."""
    return _ENV.get_template(template).render(**context)


class Renderer:
    """Renders every page of the site from one :class:`Content`."""

    def __init__(self, content: Content, use_directory_urls: bool = True, pdfs: dict[str, list[tuple[str, str]]] | None = None,
                 site: SiteSettings | None = None) -> None:  # fmt: skip
        self.content = content
        self.site = site or SiteSettings()
        """What mkdocs.yml says: the site name stamped on printed checklists and evidence records, and the
        descriptions and intro texts of the pages the site makes itself."""
        self.use_directory_urls = use_directory_urls
        self.pdfs = pdfs or {}
        """Printed checklists that exist, by checklist id: (label, file name under pdf/)."""
        self.with_markdown = True
        """False: every page with its title, description and structured data but no Markdown (what ``verify`` compares)."""
        self.kept: dict[str, Kept] = {}
        """Record pages an earlier render made that this one keeps as they were (the preview's; see
        :func:`generator.pipeline.render_content`)."""
        self.reached: dict[str, Kept] = {}
        """Each record page of this render, with the playbooks its rendering reached."""
        self._playbook_ids: dict[int, str] | None = None

    def pages(self) -> list[Page]:
        """Every page, leaving out the sections that have no records (a site without myths has no myths page)."""
        content, site = self.content, self.site
        triage: Any = content.start
        prevention = [c for c in content.checklists if c.kind == "prevention"]
        pages = [
            self._page("index.md", "start.md.j2", "Start", triage.title, triage.file, [triage], triage=triage)
            .described(triage.intro, site.description("index.md", triage.title)),
            self._page("map.md", "map.md.j2", "Map", "The questions as a map", triage.file, [triage],
                       triage=triage, flowchart=layout(triage)),
            *([self._page("playbooks/index.md", "playbooks.md.j2", "Situations", "All situations")] if content.playbooks else []),
            *(self._page(f"playbooks/{p.id}.md", "playbook.md.j2", "Situations", p.title, p.file, [p], playbook=p)
              .described(p.summary, p.title, how_to(p)) for p in content.playbooks),
            *([self._page("checklists/index.md", "checklists.md.j2", "Checklists", "All checklists", prevention_pack=bool(prevention))]
              if content.checklists else []),
            *(self._page(f"checklists/{c.id}.md", "checklist.md.j2", "Checklists", c.title, c.file, [c], checklist=c)
              .described(c.summary, c.title) for c in content.checklists),
            *([self._page("checklists/prevention-pack.md", "prevention-pack.md.j2", "Checklists", "Prevention pack", None, prevention)]
              if prevention else []),
            *(self._page(f"guides/{g.id}.md", "guide.md.j2", "Guides", g.title, g.file, [g], guide=g)
              .described(g.summary, g.title) for g in content.guides),
            self._page("evidence.md", "evidence.md.j2", "Evidence", "Evidence and support message"),
            *([self._page("faq.md", "faq.md.j2", "FAQ", "Frequently asked questions", None, content.faqs)
               .described(None, site.description("faq.md", "Frequently asked questions"), faq_page(content.faqs))] if content.faqs else []),
            *([self._page("myths.md", "myths.md.j2", "Myths", "Myths and corrections", None, content.myths)] if content.myths else []),
            *([self._page("security-controls.md", "controls.md.j2", "Security controls", "Security controls", None, content.controls)]
              if content.controls else []),
            *([self._page("risks.md", "risks.md.j2", "Risk matrix", "Risk matrix", None, content.risks)] if content.risks else []),
            *(self._page(location(p)[0], "platform.md.j2", "Platforms", f"{p.name}: official resources", p.file, [p], platform=p)
              .described(p.summary, f"{p.name}: official resources") for p in content.profiled_platforms),
            self._page("sources.md", "sources.md.j2", "Sources", "Sources and claims"),  # each claim is marked there
        ]
        for page in pages:
            page.description = page.description or describe(None, site.description(page.path, page.title))
        return pages

    def _page(self, path: str, template: str, section: str, title: str, source_file: str | None = None,
              shown: list[Any] | None = None, **context: Any) -> Page:  # fmt: skip
        """Render one page; ``shown`` are the records on it, whose overdue reviews raise a banner."""
        def url(record: Record) -> str:
            target, anchor = location(record)
            return relative_url(path, target, anchor, self.use_directory_urls)

        def url_of(target: str, anchor: str = "") -> str:
            return relative_url(path, target, anchor, self.use_directory_urls)

        def url_of_file(name: str) -> str:
            """A link to a file at the site root, such as ``claims.json``."""
            return "../" * page_url(path, self.use_directory_urls).count("/") + name

        def address(record: Record) -> str:
            """A record's page as the published site serves it, for paper: ``""`` without a ``site_url``."""
            base = self.site.site_url.rstrip("/")
            return f"{base}/{page_url(location(record)[0], True)}" if base else ""

        def state(record: Record) -> str:
            return review_state(record, self.content.policy)

        if not self.with_markdown:
            return Page(path, title, "", source_file, section)
        if path in self.kept:
            self.reached[path] = self.kept[path]
            return Page(path, title, self.kept[path].markdown, source_file, section)
        due = due_on_page(shown or [], self.content.policy)
        with recording() as reads:
            markdown = _ENV.get_template(template).render(content=self.content, url=url, url_of=url_of, url_of_file=url_of_file,
                                                          address=address, title=title, due=due, pdfs=self.pdfs, state=state,
                                                          site_name=self.site.site_name, intro_text=self.site.intro, **context)  # fmt: skip
        if template in RECORD_TEMPLATES and "playbook" not in reads.kinds:
            ids = self._playbooks()
            own = {ids[id(record)] for record in shown or [] if id(record) in ids}
            self.reached[path] = Kept(markdown, frozenset(own | {ids[key] for key in reads.records if key in ids}))
        return Page(path, title, markdown, source_file, section)

    def _playbooks(self) -> dict[int, str]:
        if self._playbook_ids is None:
            self._playbook_ids = {id(playbook): playbook.id for playbook in self.content.records["playbook"].values()}
        return self._playbook_ids


def render_pages(content: Content, use_directory_urls: bool = True, pdfs: dict[str, list[tuple[str, str]]] | None = None,
                 site: SiteSettings | None = None) -> list[Page]:  # fmt: skip
    """Every page of the site, in navigation order."""
    return Renderer(content, use_directory_urls, pdfs, site).pages()


def described_pages(content: Content, use_directory_urls: bool = True, site: SiteSettings | None = None) -> list[Page]:
    """Every page as :func:`render_pages` makes it, with its description and structured data, without rendering its Markdown."""
    renderer = Renderer(content, use_directory_urls, site=site)
    renderer.with_markdown = False
    return renderer.pages()


def navigation(pages: list[Page]) -> list[Any]:
    """The MkDocs ``nav`` for the pages: one entry per section, in :data:`SECTIONS` order.

    Titles are HTML-escaped here: Material prints navigation titles (and the header's page title)
    as raw HTML, so a title such as ``<svg onload=…>`` written in YAML would otherwise run.
    A section of more than :data:`LIST_LIMIT` pages shows only its index page: every page carries
    the navigation, so a section listing every playbook would make each page, and the build per
    page, grow with their number.
    """
    nav: list[Any] = []
    for section in SECTIONS:
        members = [page for page in pages if page.section == section]
        if len(members) > LIST_LIMIT:
            members = [page for page in members if page.path.endswith("index.md")] or members
        if section == "Start" and len(members) == 1:  # "Start" alone is vague link text (Lighthouse's SEO audit): say what is there
            nav.append({html.escape(members[0].title, quote=False): members[0].path})
        elif len(members) == 1 and section in ("FAQ", "Myths", "Security controls", "Risk matrix", "Sources"):
            nav.append({section: members[0].path})
        elif members:
            nav.append({section: [{html.escape(page.title, quote=False): page.path} for page in members]})
    return nav


def navigation_paths(nav: list[Any]) -> set[str]:
    """The pages a navigation made by :func:`navigation` lists; the others are reached by links (and search)."""
    paths: set[str] = set()
    for entry in nav:
        for value in entry.values():
            paths |= navigation_paths(value) if isinstance(value, list) else {value}
    return paths
