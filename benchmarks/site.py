"""What a reader downloads, weighed from a built site: one playbook page, the first load, the search payload.

Sizes are of the files as built, and gzipped at :data:`benchmarks.measure.GZIP_LEVEL`, since that
is what crosses a phone's connection.

- *First load*: the start page (``index.html``) and every stylesheet and script it references on
  the same origin, which the browser fetches before the page is usable.
- *Search payload*: ``search/search_index.json``, which Material's search worker downloads whole
  before it can show the first result, plus the worker script itself. (Material builds the lunr
  index in the browser from that JSON; nothing smaller is fetched first.)
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
    """The search index and the worker script named in Material's ``__config``."""
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


SEARCH_OPTIONS: dict[str, str] = {
    "as built": "every section of every page, with its text",
    "no sources page": "sources/ left out (search: exclude: true in its front matter): quotes and excerpts are evidence, not answers",
    "no sources, FAQ or myths text": "as above, and FAQ and myth entries keep their question as a title but lose their text",
    "headings only": "every section's title, no text (data-search-exclude on the body blocks)",
    "titles and questions": "one entry per page plus one per FAQ question and myth, no text",
    "page titles only": "one entry per page: its title (data-search-exclude on everything below the h1)",
}
"""Ways to shrink the index with Material's own switches, simulated on the built index (see :func:`search_options`)."""


def search_options(site: Path) -> dict[str, int]:
    """Gzipped size of ``search_index.json`` under each of :data:`SEARCH_OPTIONS`, computed from the built index.

    Material writes one entry per section (``location``, ``title``, ``text``); excluding a page
    removes its entries and excluding a block removes its text, so each option is the built index
    with those entries removed or emptied: the same bytes a build with the switch would write.
    """
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    docs: list[dict[str, Any]] = index["docs"]

    def size(kept: list[dict[str, Any]]) -> int:
        return gzipped(json.dumps({"config": index["config"], "docs": kept}, separators=(",", ":")).encode("utf-8"))

    def page(entry: dict[str, Any]) -> str:
        return str(entry["location"]).split("#", 1)[0]

    no_sources = [entry for entry in docs if page(entry) != "sources/"]
    return {
        "as built": size(docs),
        "no sources page": size(no_sources),
        "no sources, FAQ or myths text": size([{**entry, "text": ""} if page(entry) in ("faq/", "myths/") else entry
                                               for entry in no_sources]),
        "headings only": size([{**entry, "text": ""} for entry in docs]),
        "titles and questions": size([{**entry, "text": ""}
                                      for entry in docs if "#" not in entry["location"] or page(entry) in ("faq/", "myths/")]),
        "page titles only": size([{**entry, "text": ""} for entry in docs if "#" not in entry["location"]]),
    }
