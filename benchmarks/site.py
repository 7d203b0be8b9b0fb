"""What a reader downloads, weighed from a built site: one playbook page, the first load, the search payload.

Sizes are of the files as built, and gzipped at :data:`benchmarks.measure.GZIP_LEVEL`, since that
is what crosses a phone's connection.

- *First load*: the start page (``index.html``) and every stylesheet and script it references on
  the same origin, which the browser fetches before the page is usable.
- *Search on every page*: ``search/search_index.json``, which Material's page downloads on every page,
  plus the worker script. On the published site that index is a stub that says where Pagefind's
  chunked index is; what a query then downloads is measured in Chromium (``search_bytes.py``).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .measure import gzipped

PLAYBOOK_PAGE = "playbooks/deposit-not-credited/index.html"
"""A shipped playbook, present in every corpus: its page should not grow with the number of other pages."""


@dataclass
class Part:
    path: str
    raw: int
    gzip: int


@dataclass
class Weight:
    """Files that are downloaded together, and their sums."""

    parts: list[Part] = field(default_factory=list)

    @property
    def raw(self) -> int:
        return sum(part.raw for part in self.parts)

    @property
    def gzip(self) -> int:
        return sum(part.gzip for part in self.parts)

    def as_json(self) -> dict[str, Any]:
        return {"raw_bytes": self.raw, "gzip_bytes": self.gzip, "parts": [vars(part) for part in self.parts]}


def weigh(site: Path, *paths: str) -> Weight:
    parts = []
    for path in paths:
        data = (site / path).read_bytes()
        parts.append(Part(path, len(data), gzipped(data)))
    return Weight(parts)


class _Assets(HTMLParser):
    """Collects the same-origin stylesheets and scripts a page loads, and Material's configuration."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.assets: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        address = attributes.get("src") if tag == "script" else attributes.get("href") if tag == "link" else None
        if tag == "link" and "stylesheet" not in (attributes.get("rel") or "").split():
            address = None
        if address and not urlsplit(address).scheme and not address.startswith("//"):
            self.assets.append(address)
        self._in_config = tag == "script" and attributes.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


def _read_assets(site: Path, page: str) -> _Assets:
    reader = _Assets()
    reader.feed((site / page).read_text(encoding="utf-8"))
    reader.close()
    return reader


def first_load(site: Path) -> Weight:
    """The start page plus the CSS and JS it references, each file once."""
    assets = _read_assets(site, "index.html").assets
    return weigh(site, "index.html", *dict.fromkeys(posixpath.normpath(urlsplit(address).path) for address in assets))


def search_payload(site: Path) -> Weight:
    """The search index (a stub: see the module's docstring) and the worker script named in Material's ``__config``."""
    config = json.loads(_read_assets(site, "index.html").config or "{}")
    worker = config.get("search")
    return weigh(site, "search/search_index.json", *([worker] if worker else []))


def sitemap(site: Path) -> Weight:
    """``sitemap.xml``: Material's instant navigation fetches it in the background after the first load."""
    return weigh(site, "sitemap.xml") if (site / "sitemap.xml").is_file() else Weight()


def html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def site_bytes(site: Path) -> int:
    return sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
