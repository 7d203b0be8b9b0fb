"""``export.json``: the site's content for machines, and ``feed.xml``: an Atom feed of its reviews.

The export holds playbooks, checklists, FAQs, risks and the claims ledger as plain text (figures
filled in, links as titles), described by the published ``schemas/export.schema.json``. The feed
has one entry per page that is reviewed on a schedule, updated on its last review, so a reader or a
newsroom can follow what was re-checked and when.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import urljoin

from .claims import claims_ledger
from .model import Content, Platform, Playbook, Record
from .render import location, page_url, render_document, risk_level
from .review import due_date
from .site_config import DEFAULT_SITE_NAME
from .text import Text

EXPORT_FILE = "export.json"
EXPORT_SCHEMA = "export.schema.json"
FEED_FILE = "feed.xml"


def _plain(text: Text | None) -> str:
    return text.plain() if text else ""


def _steps(playbook: Playbook, platform: Platform | None = None) -> list[dict[str, str]]:
    """A playbook's steps as plain text, a platform fact in ``platform``'s words (the general profile's by default)."""
    return [{"action": s.action.plain(platform), "detail": s.detail.plain(platform) if s.detail else ""} for s in playbook.steps]


def _ids(refs: list[Any]) -> list[str]:
    return [ref.target.id for ref in refs if ref.target is not None]


def content_export(content: Content, use_directory_urls: bool = True) -> dict[str, Any]:
    """The export as a dictionary, in the shape ``export.schema.json`` describes."""

    def url(record: Record) -> str:
        path, anchor = location(record)
        return page_url(path, use_directory_urls) + (f"#{anchor}" if anchor else "")

    playbooks = [{
        "id": p.id, "title": p.title, "url": url(p), "severity": p.severity,
        "summary": _plain(p.summary), "symptoms": [t.plain() for t in p.symptoms], "red_flags": [t.plain() for t in p.red_flags],
        "steps": _steps(p), "steps_by_platform": {f.id: _steps(p, f) for f in content.profiled_platforms} if p.varies_by_platform else {},
        "dont": [t.plain() for t in p.dont], "evidence": [t.plain() for t in p.evidence],
        "prevention": p.prevention.target.id if p.prevention and p.prevention.target else None,
        "faqs": _ids(p.faqs), "risks": _ids(p.risks), "related": _ids(p.related),
        "claims": [c.id for c in p.claims_used], "reviewed": p.reviewed, "review_due": str(due_date(p)),
    } for p in content.playbooks]  # fmt: skip
    checklists = [{
        "id": c.id, "title": c.title, "url": url(c), "kind": c.kind, "audience": c.audience,
        "platform": c.platform.target.id if c.platform and c.platform.target else None,
        "summary": _plain(c.summary), "version": c.version,
        "items": [{"text": i.text.plain(), "detail": _plain(i.detail)} for i in c.items],
        "claims": [claim.id for claim in c.claims_used], "reviewed": c.reviewed, "review_due": str(due_date(c)),
    } for c in content.checklists]  # fmt: skip
    faqs = [{"id": f.id, "question": f.question, "answer": _plain(f.answer), "url": url(f), "playbooks": _ids(f.playbooks),
             "claims": [c.id for c in f.claims_used]} for f in content.faqs]  # fmt: skip
    risks = [{
        "id": r.id, "name": r.name, "url": url(r), "probability": r.probability, "impact": r.impact,
        "level": risk_level(r.probability, r.impact), "rationale": _plain(r.rationale), "mitigation": _plain(r.mitigation),
        "playbooks": _ids(r.playbooks), "claims": [c.id for c in r.claims_used],
    } for r in content.risks]  # fmt: skip
    return {
        "$schema": f"schemas/{EXPORT_SCHEMA}",
        "as_of": content.policy.today.isoformat(),
        "playbooks": playbooks,
        "checklists": checklists,
        "faqs": faqs,
        "risks": risks,
        "claims": claims_ledger(content, use_directory_urls)["claims"],
    }


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
