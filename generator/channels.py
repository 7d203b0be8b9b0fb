"""Every place besides page text where a claim's figure is published, read back against the content.

A figure reaches a reader's screen through the page, but also through what machines read: the
page's meta description (search results, link previews), its schema.org JSON-LD, ``claims.json``
and ``export.json``. ``verify`` proves the page text from the claim markers; this module proves the
rest by making each channel again from the content and comparing, so a figure altered in any of
them after the build is named with its file and the claim whose value it no longer shows. The two
data files are also validated against the JSON Schemas the site publishes for them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .claims import LEDGER_FILE, LEDGER_SCHEMA, claims_ledger
from .export import EXPORT_FILE, EXPORT_SCHEMA, content_export
from .model import Claim, Content
from .problems import Problems
from .render import described_pages, page_url
from .schema import compiled_validator_for, validator_for
from .site_config import SiteSettings

LEDGER_FIELDS = ("value", "status", "quote", "statement", "checked")
"""What a published claim must say exactly as the ledger does."""


class Published(NamedTuple):
    """A text a page publishes for machines, and where it starts in the page (1-based line, 0-based column)."""

    text: str
    line: int
    column: int

    @property
    def position(self) -> tuple[int, int]:
        return self.line, self.column


PageMetadata = tuple[str, Published | None, list[Published]]
"""What verify read of one page: its label in messages, its meta description and its JSON-LD blocks."""


def check_page_metadata(pages: dict[str, PageMetadata], content: Content, problems: Problems, use_directory_urls: bool,
                        site: SiteSettings | None = None) -> None:  # fmt: skip
    """Each generated page's meta description and JSON-LD say what the content says."""
    for page in described_pages(content, use_directory_urls, site=site):  # the pages' words, not their Markdown
        built = page_url(page.path, use_directory_urls)
        name = built + "index.html" if built == "" or built.endswith("/") else built
        if name not in pages:
            continue  # a missing page is reported by the check of the site's files
        label, description, json_ld = pages[name]
        if description is not None and description.text != page.description:
            _report(problems, label, description, "meta description", page.description, description.text, content.claims)
        if page.structured_data is not None:
            expected = json.dumps(page.structured_data, sort_keys=True, ensure_ascii=False)
            found = [_parsed(block.text) for block in json_ld]
            if not json_ld or not any(block == page.structured_data for block in found):
                where = json_ld[0] if json_ld else Published("", 1, 0)
                shown = json.dumps(found[0], sort_keys=True, ensure_ascii=False) if found and found[0] is not None else ""
                _report(problems, label, where, "schema.org data (JSON-LD)", expected, shown, content.claims)


def check_data_files(site_dir: Path, label: str, content: Content, problems: Problems, use_directory_urls: bool) -> None:
    """``claims.json`` and ``export.json``: valid against their published schemas and equal to the content."""
    claims = claims_ledger(content, use_directory_urls)["claims"]  # made once, for both files
    ledger = _read(site_dir / LEDGER_FILE, f"{label}/{LEDGER_FILE}", LEDGER_SCHEMA, problems)
    if ledger is not None:
        _compare_claims(ledger.get("claims"), claims, f"{label}/{LEDGER_FILE}", problems)
    export = _read(site_dir / EXPORT_FILE, f"{label}/{EXPORT_FILE}", EXPORT_SCHEMA, problems)
    if export is None:
        return
    expected = content_export(content, use_directory_urls, ledger=claims)
    where = f"{label}/{EXPORT_FILE}"
    _compare_claims(export.get("claims"), expected["claims"], where, problems)
    for section in ("playbooks", "checklists", "faqs", "risks"):
        published = {entry.get("id"): entry for entry in export.get(section) or [] if isinstance(entry, dict)}
        for entry in expected[section]:
            found = published.get(entry["id"])
            if found != entry:
                shown = json.dumps(found, sort_keys=True, ensure_ascii=False) if found else ""
                _report(problems, where, Published("", 1, 0), f"{section[:-1]} '{entry['id']}'",
                        json.dumps(entry, sort_keys=True, ensure_ascii=False), shown, content.claims)  # fmt: skip


def _read(path: Path, label: str, schema_name: str, problems: Problems) -> dict[str, Any] | None:
    """A published data file, parsed and validated against its published schema; None (reported) when it cannot be used."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.error(label, 0, 0, f"{path.name} is missing from the site")
        return None
    except (OSError, ValueError) as exc:
        problems.error(label, 1, 1, f"{path.name} cannot be read: {exc}")
        return None
    kind = schema_name.removesuffix(".schema.json")
    valid = compiled_validator_for(kind).is_valid(data)  # the compiled validator's yes is final; jsonschema says why not
    errors = [] if valid else sorted(validator_for(kind).iter_errors(data), key=lambda error: [str(part) for part in error.absolute_path])
    for error in errors[:20]:
        at = "/".join(str(part) for part in error.absolute_path) or "the top level"
        problems.error(label, 1, 1, f"{path.name} does not match its published schema {schema_name} at {at}: {error.message}")
    return data if isinstance(data, dict) and not errors else None


def _compare_claims(published: Any, expected: list[dict[str, Any]], label: str, problems: Problems) -> None:
    """A published list of claims says of each claim exactly what the ledger says."""
    found = {claim.get("id"): claim for claim in published or [] if isinstance(claim, dict)}
    for claim in expected:
        entry = found.pop(claim["id"], None)
        if entry is None:
            problems.error(label, 1, 1, f"claim '{claim['id']}' is missing")
            continue
        for key in LEDGER_FIELDS:
            if entry.get(key) != claim[key]:
                problems.error(label, 1, 1, f"claim '{claim['id']}': {key} is {entry.get(key)!r} but the ledger says {claim[key]!r}")
    for extra in found:
        problems.error(label, 1, 1, f"claim '{extra}' is not in the ledger")


def _report(problems: Problems, label: str, where: Published, what: str, expected: str, found: str, claims: list[Claim]) -> None:
    """One error per claim whose value the content puts in ``what`` but the file no longer shows, else one for the whole."""
    line, column = where.position
    changed = list(_claims_missing(expected, found, claims))
    for claim in changed:
        problems.error(label, line, column + 1, f"{what} does not show claim '{claim.id}' as the ledger says ('{claim.value}'); "
                                                "it was edited after the build, or the build is stale")  # fmt: skip
    if not changed:
        problems.error(label, line, column + 1, f"{what} differs from what the content says; it was edited after the build, "
                                                "or the build is stale")  # fmt: skip


def _claims_missing(expected: str, found: str, claims: list[Claim]) -> Iterator[Claim]:
    """Claims whose value ``expected`` holds more often than ``found`` does."""
    for claim in claims:
        if claim.value and expected.count(claim.value) > found.count(claim.value):
            yield claim


def _parsed(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None
