"""``python -m generator verify``: prove from the built HTML that every figure comes from the ledger.

The content checks guard what editors write; this guards what was published. It reads every page
of a built site and fails when a figure stands in page text outside a claim marker, when a marker
shows a value other than its claim's, when ``claims.json`` disagrees with the ledger, when an
address breaks the link policy or makes the browser load anything from another origin. A page
edited by hand after the build, a stale copy or a template that prints a number all fail here.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from .channels import Published, check_data_files, check_page_metadata
from .claims import FIGURE_CLASS, MARKER_ATTRIBUTE, MARKER_CLASS, marker_label
from .figures import Figure, find_figures
from .links import Brand, brands_of, judge, leaves_site, scheme_of, shown
from .model import Content, LinkException
from .page_safety import inline_script_hashes, is_known, runs_inline
from .problems import Problem, Problems
from .quotes import normalise
from .site_config import SiteSettings

NO_SITE = "no HTML pages found; build the site first (python -m generator build)"

SKIPPED_ELEMENTS = frozenset({"script", "style", "template", "svg", "noscript"})
"""Elements whose text no reader sees as page text."""
SKIPPED_CLASSES = frozenset({"mfp-cite", "mfp-site-fact"})
"""Source markers such as ``[3 unverified]``, whose numbers are the claims' own, and facts about the
site itself that no source could state, such as the size of the offline copy."""
EVIDENCE_ATTRIBUTE = "data-mfp-evidence"
"""Marks the sources page's claim and source entries: quotes and notes that are the evidence itself."""
_CSP = re.compile(r"""<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">""", re.IGNORECASE)
_ADDRESS_ATTRIBUTES_IN_ORDER = ("href", "src", "action", "srcset", "poster", "data")
_ADDRESS_ATTRIBUTES = frozenset(_ADDRESS_ATTRIBUTES_IN_ORDER)
"""Attributes that hold an address the browser follows or loads."""
_NO_CLASSES: frozenset[str] = frozenset()
_OUR_CLASS_PREFIX = "mfp-"
"""What the classes verify looks for have in common (:data:`SKIPPED_CLASSES`, the figure and marker classes): an element
whose classes lack it is read without splitting them."""
REMEMBERED_TEXT = 2000
"""Longest text whose figures a site's reading keeps for the next page that shows the same text."""
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _Open:
    """An open element of the page being read (a plain class with slots: one is made for every element)."""

    __slots__ = ("claim", "marker_of", "parts", "position", "script", "skip", "tag")

    def __init__(self, tag: str, skip: bool, claim: str | None = None, position: tuple[int, int] = (1, 1), script: bool = False,
                 marker_of: str | None = None) -> None:  # fmt: skip
        self.tag, self.skip, self.claim, self.position = tag, skip, claim, position
        self.parts: list[str] = []
        self.script = script
        """An inline script that would run: its text must be one the page's policy knows."""
        self.marker_of = marker_of
        """A source marker: the claim whose marker text (``[3 unverified]``) it must show."""


class _PageReader(HTMLParser):
    """Walks one page and reports figures outside markers and markers that differ from the ledger."""

    def __init__(self, path: str, values: dict[str, str | None], problems: Problems, markers: dict[str, str] | None = None,
                 figures_of: dict[str, list[Figure]] | None = None) -> None:  # fmt: skip
        super().__init__(convert_charrefs=True)
        self.path, self.values, self.problems = path, values, problems
        self.figures_of = {} if figures_of is None else figures_of
        """:func:`find_figures` of each text already read, shared by the pages of a site: menus, headings and footers
        repeat from page to page, and each is looked at once (a text longer than :data:`REMEMBERED_TEXT` is not kept)."""
        self.markers = markers or {}
        """Each claim's marker text, as :func:`generator.claims.marker_label` writes it."""
        self.stack: list[_Open] = []
        self.open_tags: dict[str, int] = {}
        """How many elements of each tag are open on :attr:`stack`, so that a stray end tag costs one look-up."""
        self.skipped = 0
        """How many open elements hide their text from the figure check (:data:`SKIPPED_ELEMENTS`, markers of sources)."""
        self.open_markers: list[_Open] = []
        """The open figure and source markers, innermost last: text inside them is theirs."""
        self.addresses: list[tuple[str, str, str, int, int]] = []
        """Every address in the page: (element, attribute, value, line, 0-based column)."""
        self.ids: set[str] = set()
        """Every id in the page (and name of an ``<a>``): what a link's #fragment may point at."""
        self.description: Published | None = None
        """The ``<meta name="description">`` content, where claim figures are published as plain text."""
        self.json_ld: list[Published] = []
        """Every schema.org JSON-LD block, where claim figures are published as plain text too."""

    @property
    def skipping(self) -> bool:
        return self.skipped > 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])  # type: ignore[arg-type]
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])  # type: ignore[arg-type]
        if not _ADDRESS_ATTRIBUTES.isdisjoint(attributes):
            for name in _ADDRESS_ATTRIBUTES_IN_ORDER:
                value = attributes.get(name)
                if value and not (tag == "link" and not LOADING_RELS & set((attributes.get("rel") or "").lower().split())):
                    self.addresses.append((tag, name, value.strip(), *self.getpos()))
        if tag == "meta" and attributes.get("name") == "description":
            self.description = Published(attributes.get("content") or "", *self.getpos())
        if tag in VOID_ELEMENTS:
            return
        class_names = attributes.get("class")
        classes = frozenset(class_names.split()) if class_names and _OUR_CLASS_PREFIX in class_names else _NO_CLASSES
        skip = tag in SKIPPED_ELEMENTS or not SKIPPED_CLASSES.isdisjoint(classes) or EVIDENCE_ATTRIBUTE in attributes
        claim = attributes.get("data-claim") if FIGURE_CLASS in classes else None
        script = tag == "script" and runs_inline("src" in attributes, attributes.get("type"))
        marker_of = attributes.get(MARKER_ATTRIBUTE) if MARKER_CLASS in classes else None
        placed = tag == "script" or claim is not None or marker_of is not None  # where a message or a JSON-LD block needs it
        opened = _Open(tag, skip, claim, self.getpos() if placed else (1, 1), script, marker_of)
        self.stack.append(opened)
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        self.skipped += skip
        if claim is not None or marker_of is not None:
            self.open_markers.append(opened)
        if tag == "script" and (attributes.get("type") or "").strip().lower() == "application/ld+json":
            self.json_ld.append(Published("", *self.getpos()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open_tags.get(tag):
            return
        while self.stack:
            item = self.stack.pop()
            self.open_tags[item.tag] -= 1
            self.skipped -= item.skip
            if self.open_markers and self.open_markers[-1] is item:
                self.open_markers.pop()
            if item.claim is not None:
                self._check_marker(item)
            if item.marker_of is not None:
                self._check_marker_label(item)
            if item.script and not is_known("".join(item.parts)):
                line, column = item.position
                self.problems.error(self.path, line, column + 1,
                                    f"an inline script that is none of Material's: <script>{''.join(item.parts)[:80]}</script>; "
                                    "the page was edited after the build, or text reached it as markup")  # fmt: skip
            if item.tag == tag:
                return

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1].script:
            self.stack[-1].parts.append(data)
            return
        if self.stack and self.stack[-1].tag == "script" and self.json_ld and self.stack[-1].position == self.json_ld[-1].position:
            self.json_ld[-1] = Published(self.json_ld[-1].text + data, *self.json_ld[-1].position)
            return
        if self.open_markers:
            self.open_markers[-1].parts.append(data)
            return
        if self.skipping or not data.strip():
            return
        figures = self.figures_of.get(data)
        if figures is None:
            figures = find_figures(data)
            if len(data) <= REMEMBERED_TEXT:
                self.figures_of[data] = figures
        if not figures:
            return
        line, column = self.getpos()
        for figure in figures:
            before = data[: figure.start]
            at_line = line + before.count("\n")
            at_column = (len(before) - before.rfind("\n")) if "\n" in before else column + 1 + len(before)
            self.problems.error(self.path, at_line, at_column,
                                f"figure '{figure.text}' ({figure.kind}) is not inside a claim marker; "
                                "the page was edited after the build, or a template prints a figure of its own")  # fmt: skip

    def _check_marker_label(self, marker: _Open) -> None:
        line, column = marker.position
        shown, wanted = normalise("".join(marker.parts)), self.markers.get(marker.marker_of or "")
        if wanted is None:
            self.problems.error(self.path, line, column + 1, f"source marker names claim '{marker.marker_of}', which is not in the ledger")
        elif shown != wanted:
            self.problems.error(self.path, line, column + 1,
                                f"source marker of claim '{marker.marker_of}' shows '{shown}' "
                                f"but the ledger makes it '{wanted}'")  # fmt: skip

    def _check_marker(self, marker: _Open) -> None:
        line, column = marker.position
        shown = normalise("".join(marker.parts))
        if marker.claim not in self.values:
            self.problems.error(self.path, line, column + 1, f"marker names claim '{marker.claim}', which is not in the ledger")
        elif shown != normalise(self.values[marker.claim] or ""):
            self.problems.error(self.path, line, column + 1,
                                f"marker for claim '{marker.claim}' shows '{shown}' "
                                f"but the ledger says '{self.values[marker.claim]}'")  # fmt: skip


def verify_site(site_dir: Path, content: Content, problems: Problems, shown_as: str | None = None, use_directory_urls: bool = True,
                site_path: str = "/", site: SiteSettings | None = None, workers: int | None = None) -> int:  # fmt: skip
    """Check every HTML page of ``site_dir`` and its ``claims.json`` against the ledger; return the page count.

    ``shown_as`` is how the site folder is named in messages (relative to the repository if possible);
    ``site_path`` is the path of the site's address (the 404 page links from it: ``/repo/faq/``);
    ``site`` is what mkdocs.yml says (the pages' descriptions among it); ``workers`` is how many
    processes read the pages (by default one per core, for a site of :data:`PARALLEL_FROM` pages or more).
    """
    label = shown_as or str(site_dir)
    values = {claim.id: claim.value for claim in content.claims}
    markers = {claim.id: marker_label(claim) for claim in content.claims}
    pages = sorted(site_dir.rglob("*.html"))
    if not pages:
        problems.error(label, 0, 0, NO_SITE)
        return 0
    brands = brands_of(content.profiled_platforms)
    exceptions = {(e.url, e.rule) for e in content.records["link-exception"].values() if isinstance(e, LinkException)}
    mailto = {link.url for platform in content.platforms for link in platform.links if link.url.startswith("mailto:")}
    names = [page.relative_to(site_dir).as_posix() for page in pages]
    read = _read_pages(site_dir, names, label, values, markers, workers)
    judged: dict[tuple[str, str, str], list[str]] = {}
    """What is wrong with each address, by element, attribute and address: the same menu and asset addresses stand on
    every page, and each is judged once."""
    for reader in read.values():
        problems.extend(reader.problems)
        for tag, attribute, address, line, column in reader.addresses:
            messages = judged.get((tag, attribute, address))
            if messages is None:
                messages = judged[tag, attribute, address] = _address_problems(tag, attribute, address, brands, exceptions, mailto)
            for message in messages:
                problems.error(reader.path, line, column + 1, f"{tag} {attribute}={shown(address)}: {message}")
    _check_internal_addresses(site_dir, read, problems, site_path)
    metadata = {name: (reader.path, reader.description, reader.json_ld) for name, reader in read.items()}
    check_page_metadata(metadata, content, problems, use_directory_urls, site)
    check_data_files(site_dir, label, content, problems, use_directory_urls)
    return len(pages)


PARALLEL_FROM = 100
"""Pages from which a site is read by one process per core: below, starting a process costs more than it saves."""


@dataclass
class PageReading:
    """What reading one page found: its problems, and what the checks across pages need from it."""

    path: str
    problems: list[Problem]
    addresses: list[tuple[str, str, str, int, int]]
    ids: set[str]
    description: Published | None
    json_ld: list[Published]


def _read_pages(site_dir: Path, names: list[str], label: str, values: dict[str, str | None], markers: dict[str, str],
                workers: int | None) -> dict[str, PageReading]:  # fmt: skip
    """Read every page once, in as many processes as ``workers`` (or the cores, for a large site).

    Reading is nine tenths of ``verify``'s own work, and pages are independent: a site of 1,000
    playbooks took 2.3 times one bare HTMLParser pass over its pages in one process. The calling
    process reads a share too; the results come back in page order whatever the split."""
    if workers is None:
        workers = _cores() if len(names) >= PARALLEL_FROM else 1
    if workers <= 1:
        return _read_share(str(site_dir), names, label, values, markers)
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    shares = [names[start::workers] for start in range(workers)]  # interleaved: each share gets pages of every folder
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=get_context(_start_method())) as pool:
        others = [pool.submit(_read_share, str(site_dir), share, label, values, markers) for share in shares[1:]]
        readings = _read_share(str(site_dir), shares[0], label, values, markers)
        for other in others:
            readings.update(other.result())
    return {name: readings[name] for name in names}


def _read_share(site_dir: str, names: list[str], label: str, values: dict[str, str | None],
                markers: dict[str, str]) -> dict[str, PageReading]:  # fmt: skip
    """Read ``names`` under ``site_dir`` (in a process of its own, or the caller's), by name."""
    figures_of: dict[str, list[Figure]] = {}
    readings = {}
    for name in names:
        problems = Problems()
        reader = _PageReader(f"{label}/{name}", values, problems, markers, figures_of)
        html = Path(site_dir, name).read_text(encoding="utf-8", errors="replace")
        reader.feed(html)
        reader.close()
        _check_policy(html, reader.path, problems)
        readings[name] = PageReading(reader.path, problems.items, reader.addresses, reader.ids, reader.description, reader.json_ld)
    return readings


def _start_method() -> str:
    """How the reading processes start: forked from this one (at once, everything already imported) when it
    runs no other thread, else a fresh interpreter (a fork copies the locks other threads hold mid-use)."""
    import multiprocessing
    import threading

    return "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _check_policy(html: str, path: str, problems: Problems) -> None:
    """The page's Content-Security-Policy allows no script beyond this site's files and its known inline ones."""
    policy = _CSP.search(html)
    if policy is None:
        problems.error(
            path, 1, 1, "the page has no Content-Security-Policy; it was not built by this generator, or its template lost the placeholder"
        )
        return
    allowed = next((rule.split()[1:] for rule in policy.group("policy").split(";") if rule.split()[:1] == ["script-src"]), [])
    extra = sorted(set(allowed) - {"'self'", *inline_script_hashes(html)})
    if extra:
        line = html.count("\n", 0, policy.start()) + 1
        problems.error(path, line, 1, f"the page's policy allows scripts it should not: {' '.join(extra)}")


def _check_internal_addresses(site_dir: Path, read: dict[str, PageReading], problems: Problems, site_path: str = "/") -> None:
    """Every address within the site must name a file of the site, and every #fragment an id on its page.

    The same pages were parsed once for the figures, so this costs a lookup per link; linkchecker
    (``verify`` without ``--no-crawl``) crawls them again over HTTP as a second, independent opinion.
    """
    files = {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file()}
    leaving: dict[str, bool] = {}
    """:func:`leaves_site` of each address, asked once: most addresses stand on many pages."""
    for name, reader in read.items():
        for tag, attribute, address, line, column in reader.addresses:
            if attribute == "srcset":
                continue
            leaves = leaving.get(address)
            if leaves is None:
                leaves = leaving[address] = leaves_site(address)
            if leaves:
                continue  # another site's address: the link policy above judges it
            path, _, fragment = address.partition("#")
            path = path.split("?", 1)[0]
            if path.startswith("/"):  # from the host's root: the site lives at site_path
                root = site_path.rstrip("/") + "/"
                if not (path + "/").startswith(root):
                    problems.error(reader.path, line, column + 1, f"{tag} {attribute}={address}: outside the site's address {site_path}")
                    continue
                path = "./" + path[len(root) :]
                here = ""
            else:
                here = posixpath.dirname(name)
            target = posixpath.normpath(posixpath.join(here, unquote(path))) if path else name
            if target.startswith("../") or target == "..":
                problems.error(reader.path, line, column + 1, f"{tag} {attribute}={address}: points above the site's root folder")
                continue
            target = "" if target == "." else target
            if target not in files:
                target = posixpath.join(target, "index.html") if target else "index.html"
                if target not in files:
                    problems.error(reader.path, line, column + 1, f"{tag} {attribute}={address}: no such page or file in the site")
                    continue
            fragment = unquote(fragment)
            if fragment and target in read and fragment not in read[target].ids:
                problems.error(reader.path, line, column + 1, f"{tag} {attribute}={address}: {target} has no anchor '#{fragment}'")


LOADING_RELS = frozenset({"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon", "mask-icon",
                          "preconnect", "dns-prefetch"})  # fmt: skip
"""<link> relations the browser acts on by itself; canonical, alternate and the like only name an address."""


def _address_problems(tag: str, attribute: str, address: str, brands: list[Brand], exceptions: set[tuple[str, str]],
                      mailto: set[str]) -> list[str]:  # fmt: skip
    """What is wrong with one address of a built page: the link policy, and no request to another origin."""
    if not leaves_site(address):
        return []  # in-site as the browser resolves it (\\evil.example is not): the link crawl checks it
    scheme = scheme_of(address)
    if not (tag in ("a", "area") and attribute == "href"):  # anything but a link the reader follows is fetched by the browser
        if scheme == "data" and tag in ("img", "link"):
            return []  # an inline icon is not a request
        return ["the page would load this from another origin; the site makes no third-party request"]
    violations = judge(address, brands, allow_mailto=address in mailto)
    return [v.message for v in violations if not (v.excusable and (address, v.rule) in exceptions)]


