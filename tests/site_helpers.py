"""Reading a built site the way a browser would: links, anchors and assets of every page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


class PageLinks(HTMLParser):
    """Collects a page's element ids, link targets and the addresses of what it loads."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag in ("script", "img", "iframe", "audio", "video", "source") and values.get("src"):
            self.assets.append(values["src"])
        if tag == "link" and values.get("href") and set(values.get("rel", "").split()) & {"stylesheet", "preload", "icon", "preconnect", "dns-prefetch", "modulepreload"}:
            self.assets.append(values["href"])


def parse_site(site: Path) -> dict[str, PageLinks]:
    """Every HTML page of a built site by its path from the site root (``/faq/index.html``)."""
    pages: dict[str, PageLinks] = {}
    for page in sorted(site.rglob("*.html")):
        parser = PageLinks()
        parser.feed(page.read_text(encoding="utf-8"))
        pages["/" + page.relative_to(site).as_posix()] = parser
    return pages


def broken_internal_links(site: Path, pages: dict[str, PageLinks]) -> list[str]:
    """Links within the site whose page or anchor does not exist."""
    broken = []
    for page, parser in pages.items():
        for link in parser.links:
            if urlsplit(link).scheme:
                continue
            path, _, fragment = urljoin(page, link).partition("#")
            path = path + "index.html" if path.endswith("/") else path
            if path not in pages and not (site / path.lstrip("/")).exists():
                broken.append(f"{page} → {link}")
            elif fragment and path in pages and fragment not in pages[path].ids:
                broken.append(f"{page} → {link} (no such anchor)")
    return broken


def foreign_assets(pages: dict[str, PageLinks]) -> list[str]:
    """Anything a page would load from another origin."""
    return [f"{page}: {asset}" for page, parser in pages.items() for asset in parser.assets if urlsplit(asset).netloc or asset.startswith("//")]
