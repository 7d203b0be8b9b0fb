"""The live preview's memory between builds: after one content edit, only the pages it changed are built.

``python -m generator serve`` runs MkDocs' *dirty* builds, in which MkDocs renders only the files
whose ``is_modified()`` is true and leaves the rest of the site folder as it is. For that to give
the site a full build would give, this module decides what is modified:

- a page made from content, when its Markdown, title, description, structured data, section or
  source file differ from the last good build (:func:`fingerprint`);
- every page, when the navigation or ``mkdocs.yml`` changed (each page carries the navigation),
  and on the first build or after a failed one; the plugin then empties the site folder first, as a
  clean build does;
- a page that is gone has its output removed.

Material's search plugin indexes only the pages a dirty build renders (and its own merge assumes
a single page changed), so the preview keeps every page's search entries and merges them: the index
after an edit equals the one a full build writes (``tests/test_preview.py``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .render import Page

Entries = list[dict[str, Any]]


def fingerprint(page: Page) -> str:
    """Everything of a generated page that reaches its HTML, as one digest."""
    shown = [page.path, page.title, page.markdown, page.source_file, page.section, page.description, page.structured_data]
    return hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def site_key(navigation: Any, config_file: str | None, *settings: Any) -> str:
    """What every page's HTML depends on besides its own content: the navigation, ``mkdocs.yml`` as
    written, and the ``settings`` the plugin changes (directory URLs, the site's address)."""
    written = Path(config_file).read_bytes() if config_file and Path(config_file).is_file() else b""
    shown = json.dumps([navigation, hashlib.sha256(written).hexdigest(), *settings], sort_keys=True, default=str)
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()


def page_of(location: str) -> str:
    """The page a search entry belongs to: its location without the section's anchor."""
    return location.split("#", 1)[0]


@dataclass
class BuildPlan:
    """The build under way: the ``changed`` pages by path (``None``: every page), and what the next build
    compares with once this one has succeeded (page fingerprints, the site key, the search entries)."""

    changed: set[str] | None
    pages: dict[str, str]
    site: str
    search: dict[str, Entries] | None = None
    """Every page's search entries after this build (None: the search plugin is off)."""


@dataclass
class Preview:
    """What the last good preview build wrote: page fingerprints, the site key, page outputs and search entries."""

    pages: dict[str, str] = field(default_factory=dict)
    """Fingerprint of each generated page, by path (``faq.md``)."""
    site: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    """Each page's output file, by URL, to remove it when its page goes."""
    search: dict[str, Entries] = field(default_factory=dict)
    """Material's search entries of each page, by page URL."""
    plan: BuildPlan | None = None
    """The build under way, remembered once it has succeeded (:meth:`succeeded`)."""
    built: set[str] = field(default_factory=set)
    """URLs of the pages the build under way rendered."""
    present: list[str] = field(default_factory=list)
    """URLs of every page of the build under way, in the order MkDocs builds them."""

    def start(self, pages: list[Page], site: str) -> None:
        """Plan a build of ``pages``: which of them differ from the last good build."""
        fingerprints = {page.path: fingerprint(page) for page in pages}
        changed = None if site != self.site else {path for path, digest in fingerprints.items() if self.pages.get(path) != digest}
        self.plan = BuildPlan(changed, fingerprints, site)
        self.built = set()

    @property
    def builds_everything(self) -> bool:
        return self.plan is None or self.plan.changed is None

    def is_changed(self, path: str) -> bool:
        changed = self.plan.changed if self.plan is not None else None
        return changed is None or path in changed

    def place(self, outputs: dict[str, str]) -> list[str]:
        """Record every page's output file (``outputs``: by URL, in build order); return the files of pages that are gone."""
        gone = [path for url, path in self.outputs.items() if url not in outputs]
        self.present = list(outputs)
        self.outputs = dict(outputs)
        return gone

    def merge_search(self, index: dict[str, Any]) -> dict[str, Any]:
        """Material's index of the pages this build rendered, completed with the entries of the pages it kept."""
        fresh: dict[str, Entries] = {}
        for entry in index["docs"]:
            fresh.setdefault(page_of(entry["location"]), []).append(entry)
        search = {url: (fresh.get(url, []) if url in self.built else self.search.get(url, [])) for url in self.present}
        if self.plan is not None:
            self.plan.search = search
        return {**index, "docs": [dict(entry) for url in self.present for entry in search[url]]}

    def succeeded(self) -> None:
        """Remember the build that just ended well as the one the next build compares with."""
        assert self.plan is not None
        self.pages, self.site = self.plan.pages, self.plan.site
        self.search = self.plan.search if self.plan.search is not None else {}
        self.plan = None

    def failed(self) -> None:
        """Forget everything: after a failed build the site folder may hold anything, so the next build is full."""
        self.pages, self.site, self.search, self.plan = {}, "", {}, None
