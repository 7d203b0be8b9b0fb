"""A claim as every channel shows it: the marker on a page, the plain text, the ledger entry.

A figure reaches readers and machines in several forms: the value and its source marker in page
text (``24 hours[3]``, ``[5 unverified]``), plain text in meta descriptions, JSON-LD and
``export.json`` (``24 hours (unverified)``), and its entry in ``claims.json``. This module is the one
place that writes each form, so the templates, the exports and ``verify`` (which reads them back)
can never spell a status or a marker two ways.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

from .review import due_date, review_state
from .search import UNSEARCHED

LEDGER_FILE = "claims.json"
LEDGER_SCHEMA = "claims-ledger.schema.json"

FIGURE_CLASS = "mfp-figure"
"""The element that shows a claim's value; its ``data-claim`` names the claim (``verify`` compares the two)."""
MARKER_CLASS = "mfp-cite"
"""The source marker after a figure: ``[number]``, with the status when it is not verified."""
MARKER_ATTRIBUTE = "data-claim-marker"
"""Names the claim a marker stands for, so ``verify`` can compare the marker's words with the ledger."""


def status_note(claim: Any) -> str:
    """The status as readers see it beside a figure: nothing for verified, else its one spelling (``unverified``, ``disputed``)."""
    return "" if claim.status == "verified" else str(claim.status)


def marker_label(claim: Any) -> str:
    """The text of a claim's source marker: ``[3]`` or ``[3 unverified]``."""
    note = status_note(claim)
    return f"[{claim.number}{' ' + note if note else ''}]"


def plain(claim: Any) -> str:
    """A figure as plain text (meta descriptions, JSON-LD, export.json): ``24 hours`` or ``24 hours (unverified)``."""
    note = status_note(claim)
    return f"{claim.value} ({note})" if note else str(claim.value)


def marker(claim: Any, href: str, show_value: bool = True) -> Markup:
    """The HTML of a figure and its source marker, linking to the claim's entry on the sources page."""
    source = claim.source.target
    value = f'<span class="{FIGURE_CLASS}" data-claim="{escape(claim.id)}">{escape(str(claim.value))}</span>' if show_value else ""
    title = escape(f"Source: {source.publisher}, {source.title}. Checked {claim.checked}.")
    return Markup(
        f'{value}<sup class="{MARKER_CLASS} {MARKER_CLASS}--{escape(claim.status)}" {MARKER_ATTRIBUTE}="{escape(claim.id)}"{UNSEARCHED}>'
        f'<a href="{escape(href)}" title="{title}">{escape(marker_label(claim))}</a></sup>'
    )


def claims_ledger(content: Any, use_directory_urls: bool = True) -> dict[str, Any]:
    """``claims.json``: every claim with its value, quote, source, status and dates, in ledger order.

    It holds what the sources page shows, is described by the published schema
    ``schemas/claims-ledger.schema.json``, and ``verify`` reads it back against the content."""
    from .render import location, page_url  # render uses this module for markers

    claims = []
    for claim in content.claims:
        source = claim.source.target if claim.source else None
        used_on = sorted({page_url(location(record)[0], use_directory_urls) for record in claim.shown_on})
        claims.append({
            "id": claim.id,
            "number": claim.number,
            "statement": claim.statement,
            "value": claim.value,
            "status": claim.status,
            "checked": claim.checked,
            "review_due": str(due_date(claim)),
            "review_state": review_state(claim, content.policy),
            "quote": claim.quote,
            "translation": claim.translation,
            "source": {
                "id": source.id, "publisher": source.publisher, "title": source.title, "url": source.url,
                "retrieved": source.retrieved, "language": source.language,
            } if source else None,
            "used_on": used_on,
            "evidence": page_url("sources.md", use_directory_urls) + f"#claim-{claim.id}",
        })  # fmt: skip
    return {"$schema": f"schemas/{LEDGER_SCHEMA}", "as_of": content.policy.today.isoformat(), "claims": claims}


def ledger_json(content: Any, use_directory_urls: bool = True) -> str:
    return json.dumps(claims_ledger(content, use_directory_urls), indent=2, ensure_ascii=False) + "\n"
