"""``claims.json``: the claims ledger as published with the site, for machines and for auditors.

It holds what the sources page shows, one object per claim, and is described by the published
schema ``schemas/claims-ledger.schema.json``. ``python -m generator verify`` reads it back to prove
that the built site and its ledger agree.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Content
from .render import location, page_url
from .review import due_date, review_state

LEDGER_FILE = "claims.json"
LEDGER_SCHEMA = "claims-ledger.schema.json"


def claims_ledger(content: Content, use_directory_urls: bool = True) -> dict[str, Any]:
    """Every claim with its value, quote, source, status and dates, in ledger order."""
    claims = []
    for claim in content.claims:
        source = claim.source.target if claim.source else None
        used_on = sorted({page_url(location(record)[0], use_directory_urls) for record in claim.used_by})
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


def ledger_json(content: Content, use_directory_urls: bool = True) -> str:
    return json.dumps(claims_ledger(content, use_directory_urls), indent=2, ensure_ascii=False) + "\n"
