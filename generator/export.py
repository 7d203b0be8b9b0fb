"""``export.json``: the site's content for machines, and ``feed.xml``: an Atom feed of its reviews.

The export holds playbooks, checklists, FAQs, risks and the claims ledger as plain text (figures
filled in, links as titles), described by the published ``schemas/export.schema.json``. The feed
has one entry per page that is reviewed on a schedule, updated on its last review, so a reader or a
newsroom can follow what was re-checked and when.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin

from .claims import claims_ledger
from .declarations import Field as DeclaredField
from .declarations import Kind
from .kinds import KINDS
from .model import Content, Record
from .render import location, page_url, render_document, risk_level
from .review import due_date
from .site_config import DEFAULT_SITE_NAME
from .text import Text

EXPORT_FILE = "export.json"
EXPORT_SCHEMA = "export.schema.json"
FEED_FILE = "feed.xml"


def _plain(text: Text | None) -> str:
    return text.plain() if text else ""


def _ids(refs: list[Any]) -> list[str]:
    return [ref.target.id for ref in refs if ref.target is not None]


def exported_kinds() -> list[Kind]:
    """The kinds ``export.json`` holds (``x-export``), in loading order."""
    return [kind for kind in KINDS if kind.export]


def _value(declared: DeclaredField, value: Any) -> Any:
    """A record's field as the export shows it: texts as plain text, references as ids."""
    role = declared.role
    if role == "text":
        return _plain(value)
    if role == "texts":
        return [text.plain() for text in value]
    if role == "ref":
        return value.target.id if value is not None and value.target is not None else None
    if role == "refs":
        return _ids(value)
    if role == "objects":
        assert declared.shape is not None
        return [{f.name: _value(f, getattr(item, f.name)) for f in declared.shape.fields} for item in value]
    return value


@dataclass(frozen=True)
class Derived:
    """An exported field no schema declares: made from the record, described here."""

    schema: dict[str, Any]
    value: Callable[[Any, Callable[[Record], str], Content], Any]
    """Made from the record, the function that gives a record's address, and the whole content."""


def _steps(playbook: Any, platform: Any = None) -> list[dict[str, str]]:
    """A playbook's steps as plain text, a platform fact in ``platform``'s words (the general profile's by default)."""
    return [{"action": s.action.plain(platform), "detail": s.detail.plain(platform) if s.detail else ""} for s in playbook.steps]


_STEPS_BY_PLATFORM = {
    "title": "Steps per platform",
    "description": "When the steps differ by exchange: each profiled platform's id with its steps in its own words "
                   "(steps holds the words for any other exchange); an empty object when they do not differ.",
    "type": "object", "additionalProperties": False,
    "patternProperties": {"^[a-z0-9]+(-[a-z0-9]+)*$": {"$ref": "#/properties/playbooks/items/properties/steps"}},
    "examples": [{"okx": [{"action": "Get the account frozen now", "detail": "Contact OKX's official support at once."}]}],
}  # fmt: skip


DERIVED: dict[str, Derived] = {
    "url": Derived({"$ref": "#/$defs/url"}, lambda record, url, content: url(record)),
    "claims": Derived({"$ref": "#/$defs/ids", "description": "Ids of the claims (in claims) the record states."},
                      lambda record, url, content: [claim.id for claim in record.claims_used]),
    "review_due": Derived({"$ref": "#/$defs/review_due"}, lambda record, url, content: str(due_date(record))),
    "version": Derived({"title": "Version", "description": "A fingerprint of the items: it changes whenever an item does.",
                        "type": "string", "examples": ["3f2a9c1b"]}, lambda record, url, content: record.version),
    "level": Derived({"title": "Level", "description": "The named level of probability × impact, as the matrix shows it.",
                      "enum": ["low", "medium", "high", "critical"], "examples": ["high"]},
                     lambda record, url, content: risk_level(record.probability, record.impact)),
    "steps_by_platform": Derived(_STEPS_BY_PLATFORM, lambda record, url, content: {
        platform.id: _steps(record, platform) for platform in content.profiled_platforms} if record.varies_by_platform else {}),
}  # fmt: skip
"""Fields ``x-export`` may list besides the kind's own."""


def content_export(content: Content, use_directory_urls: bool = True, ledger: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The export as a dictionary, in the shape ``export.schema.json`` describes (``ledger``: the claims of
    :func:`~generator.claims.claims_ledger`, when the caller has made them already)."""

    def url(record: Record) -> str:
        path, anchor = location(record)
        return page_url(path, use_directory_urls) + (f"#{anchor}" if anchor else "")

    exported: dict[str, Any] = {"$schema": f"schemas/{EXPORT_SCHEMA}", "as_of": content.policy.today.isoformat()}
    for kind in exported_kinds():
        assert kind.shape is not None and kind.export is not None
        fields = {f.name: f for f in kind.shape.fields}
        exported[kind.export["key"]] = [
            {name: DERIVED[name].value(record, url, content) if name in DERIVED else _value(fields[name], getattr(record, name))
             for name in kind.export["fields"]}
            for record in content.sorted(kind.name)
        ]  # fmt: skip
    exported["claims"] = claims_ledger(content, use_directory_urls)["claims"] if ledger is None else ledger
    return exported


def _field_schema(declared: DeclaredField) -> dict[str, Any]:
    """The export schema of one declared field: what :func:`_value` makes of it."""
    schema, described = declared.schema, {"description": declared.description} if declared.description else {}
    own_title = "$ref" not in schema or declared.role in ("raw", "objects")
    title = str(schema.get("title") if own_title else declared.name.replace("_", " ").capitalize())
    if declared.name == "id":
        return {"$ref": "common.schema.json#/$defs/id"}
    if declared.role in ("text", "texts"):
        return {"$ref": f"#/$defs/{declared.role}", **described}
    if declared.role == "refs":
        return {"$ref": "#/$defs/ids", **described}
    if declared.role == "ref":
        nullable = {"description": f"{declared.description} The id, or null where there is none."}
        return {"title": title, **nullable, "type": ["string", "null"], "examples": [None]}
    if declared.role == "plain":
        return {"title": title, **described, "type": "string", "examples": schema.get("examples", [])[:1]}
    if declared.role == "objects":
        assert declared.shape is not None
        shape = declared.shape
        return {"title": title, **described, "type": "array", "examples": schema.get("examples", []), "items": {
            "title": shape.cls, "description": shape.description, "type": "object", "additionalProperties": False,
            "required": [f.name for f in shape.fields], "properties": {f.name: _field_schema(f) for f in shape.fields}}}  # fmt: skip
    ref = str(schema.get("$ref", ""))
    if ref:
        return {"$ref": ref if ref.startswith("common.schema.json") else f"common.schema.json{ref}", **described}
    kept: dict[str, Any] = {key: schema[key] for key in ("type", "enum", "examples") if key in schema}
    return {"title": title, **described, **kept}


def export_schema() -> dict[str, Any]:
    """``export.schema.json``: the fixed frame, and one entry per exported kind made from its declaration."""
    properties: dict[str, Any] = {
        "$schema": {"title": "Schema", "description": "Where this schema is published, relative to the site root.",
                    "type": "string", "examples": [f"schemas/{EXPORT_SCHEMA}"]},
        "as_of": {"$ref": "common.schema.json#/$defs/date", "description": "The day the site was built."},
    }  # fmt: skip
    for kind in exported_kinds():
        assert kind.shape is not None and kind.export is not None
        fields = {f.name: f for f in kind.shape.fields}
        names = kind.export["fields"]
        properties[kind.export["key"]] = {
            "title": kind.export["title"], "description": kind.export["description"], "type": "array", "examples": [[]],
            "items": {"title": kind.cls, "description": kind.export["item"], "type": "object", "additionalProperties": False,
                      "required": names, "properties": {name: DERIVED[name].schema if name in DERIVED else _field_schema(fields[name])
                                                        for name in names}},
        }  # fmt: skip
    properties["claims"] = {"$ref": "claims-ledger.schema.json#/properties/claims", "description": "Every claim, as in claims.json."}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Content export",
        "description": "export.json as published with the site: its playbooks, checklists, FAQs, risks and claims as plain text, for "
                       "machines. Text fields hold what a reader sees, with figures filled in and links written as the linked page's "
                       "title. GENERATED from the kinds' schemas (x-export) by `python -m generator records --write`.",
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "$defs": _DEFS,
        "properties": properties,
    }  # fmt: skip


_DEFS: dict[str, Any] = {
    "text": {"title": "Text", "description": "Plain text as a reader sees it; an empty string where the field is not filled in.",
             "type": "string", "examples": ["Check that you made the change yourself"]},
    "texts": {"title": "Texts", "description": "A list of plain-text items, in page order.", "type": "array", "items": {"type": "string"},
              "examples": [["Do not send a fee to anyone who offers to recover your coins"]]},
    "ids": {"title": "Ids", "description": "Ids of records of another kind in this export, in page order.", "type": "array",
            "items": {"$ref": "common.schema.json#/$defs/id"}, "examples": [["account-takeover"]]},
    "url": {"title": "Page",
            "description": "Where the record is shown, relative to the site root (with an anchor for records that share a page).",
            "type": "string", "examples": ["playbooks/account-takeover/", "faq/#what-is-txid"]},
    "review_due": {"$ref": "common.schema.json#/$defs/date", "description": "When the record is due for its next review."},
}  # fmt: skip


def export_schema_text() -> str:
    """``export.schema.json`` as committed."""
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"


def export_json(content: Content, use_directory_urls: bool = True) -> str:
    return json.dumps(content_export(content, use_directory_urls), indent=2, ensure_ascii=False) + "\n"


def reviewed_records(content: Content) -> list[Any]:
    """The records the feed lists: every one with its own page and a review date, newest first."""
    records = [*content.playbooks, *content.checklists, *content.guides, *content.profiled_platforms]
    return sorted(records, key=lambda record: (record.reviewed, record.id), reverse=True)


def atom_feed(content: Content, site_url: str, use_directory_urls: bool = True, site_name: str = DEFAULT_SITE_NAME) -> str:
    """``feed.xml``: one Atom entry per reviewed page, updated on its last review (RFC 4287)."""
    records = reviewed_records(content)
    entries = [{
        "id": urljoin(site_url, page_url(location(record)[0], use_directory_urls)),
        "title": record.title,
        "updated": _timestamp(record.reviewed),
        "summary": _plain(getattr(record, "summary", None)),
        "kind": type(record).__name__.lower(),
    } for record in records]  # fmt: skip
    updated = entries[0]["updated"] if entries else _timestamp(content.policy.today.isoformat())
    return render_document(
        "feed.xml.j2", site_name=site_name, site_url=site_url, feed_url=urljoin(site_url, FEED_FILE), updated=updated, entries=entries
    )


def _timestamp(day: str) -> str:
    """An RFC 3339 time for a review day: its start, in UTC."""
    return f"{date.fromisoformat(day).isoformat()}T00:00:00Z"
