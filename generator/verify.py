"""``python -m generator verify``: prove from the built HTML that every figure comes from the ledger.

The content checks guard what editors write; this guards what was published. It reads every page
of a built site and fails when a figure stands in page text outside a claim marker, when a marker
shows a value other than its claim's, or when ``claims.json`` disagrees with the ledger. A page
edited by hand after the build, a stale copy or a template that prints a number all fail here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .figures import find_figures
from .ledger import LEDGER_FILE, claims_ledger
from .model import Content
from .problems import Problems
from .quotes import normalise

SKIPPED_ELEMENTS = frozenset({"script", "style", "template", "svg", "noscript"})
"""Elements whose text no reader sees as page text."""
SKIPPED_CLASSES = frozenset({"mfp-cite"})
"""Source markers such as ``[3 unverified]``: their numbers are the claims' own."""
EVIDENCE_ATTRIBUTE = "data-mfp-evidence"
"""Marks the sources page's claim and source entries: quotes and notes that are the evidence itself."""
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class _Open:
    tag: str
    skip: bool
    claim: str | None = None
    parts: list[str] = field(default_factory=list)
    position: tuple[int, int] = (1, 1)


class _PageReader(HTMLParser):
    """Walks one page and reports figures outside markers and markers that differ from the ledger."""

    def __init__(self, path: str, values: dict[str, str | None], problems: Problems) -> None:
        super().__init__(convert_charrefs=True)
        self.path, self.values, self.problems = path, values, problems
        self.stack: list[_Open] = []

    @property
    def skipping(self) -> bool:
        return any(item.skip for item in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        skip = tag in SKIPPED_ELEMENTS or bool(classes & SKIPPED_CLASSES) or EVIDENCE_ATTRIBUTE in attributes
        claim = attributes.get("data-claim") if "mfp-figure" in classes else None
        self.stack.append(_Open(tag, skip, claim, position=self.getpos()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <br/>, <img/>: no text

    def handle_endtag(self, tag: str) -> None:
        if not any(item.tag == tag for item in self.stack):
            return
        while self.stack:
            item = self.stack.pop()
            if item.claim is not None:
                self._check_marker(item)
            if item.tag == tag:
                return

    def handle_data(self, data: str) -> None:
        marker = next((item for item in reversed(self.stack) if item.claim is not None), None)
        if marker is not None:
            marker.parts.append(data)
            return
        if self.skipping or not data.strip():
            return
        line, column = self.getpos()
        for figure in find_figures(data):
            before = data[: figure.start]
            at_line = line + before.count("\n")
            at_column = (len(before) - before.rfind("\n")) if "\n" in before else column + 1 + len(before)
            self.problems.error(self.path, at_line, at_column,
                                f"figure '{figure.text}' ({figure.kind}) is not inside a claim marker; "
                                "the page was edited after the build, or a template prints a figure of its own")  # fmt: skip

    def _check_marker(self, marker: _Open) -> None:
        line, column = marker.position
        shown = normalise("".join(marker.parts))
        if marker.claim not in self.values:
            self.problems.error(self.path, line, column + 1, f"marker names claim '{marker.claim}', which is not in the ledger")
        elif shown != normalise(self.values[marker.claim] or ""):
            self.problems.error(self.path, line, column + 1,
                                f"marker for claim '{marker.claim}' shows '{shown}' but the ledger says '{self.values[marker.claim]}'")  # fmt: skip


def verify_site(site_dir: Path, content: Content, problems: Problems, shown_as: str | None = None, use_directory_urls: bool = True) -> int:
    """Check every HTML page of ``site_dir`` and its ``claims.json`` against the ledger; return the page count.

    ``shown_as`` is how the site folder is named in messages (relative to the repository if possible).
    """
    label = shown_as or str(site_dir)
    values = {claim.id: claim.value for claim in content.claims}
    pages = sorted(site_dir.rglob("*.html"))
    if not pages:
        problems.error(label, 0, 0, "no HTML pages found; build the site first (python -m generator build)")
        return 0
    for page in pages:
        reader = _PageReader(f"{label}/{page.relative_to(site_dir).as_posix()}", values, problems)
        reader.feed(page.read_text(encoding="utf-8", errors="replace"))
        reader.close()
    _verify_ledger_file(site_dir / LEDGER_FILE, f"{label}/{LEDGER_FILE}", content, problems, use_directory_urls)
    return len(pages)


def _verify_ledger_file(path: Path, label: str, content: Content, problems: Problems, use_directory_urls: bool) -> None:
    try:
        published = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.error(label, 0, 0, "claims.json is missing from the site")
        return
    except (OSError, ValueError) as exc:
        problems.error(label, 1, 1, f"claims.json cannot be read: {exc}")
        return
    expected = claims_ledger(content, use_directory_urls)
    published_claims = {claim.get("id"): claim for claim in published.get("claims", []) if isinstance(claim, dict)}
    for claim in expected["claims"]:
        found = published_claims.pop(claim["id"], None)
        if found is None:
            problems.error(label, 1, 1, f"claim '{claim['id']}' is missing")
            continue
        for key in ("value", "status", "quote", "statement", "checked"):
            if found.get(key) != claim[key]:
                problems.error(label, 1, 1, f"claim '{claim['id']}': {key} is {found.get(key)!r} but the ledger says {claim[key]!r}")
    for extra in published_claims:
        problems.error(label, 1, 1, f"claim '{extra}' is not in the ledger")
