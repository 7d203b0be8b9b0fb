"""When a record was last checked and when it is due again: the freshness promise of the site.

A help page for people who may have lost money must not quietly go stale. Every claim carries the
date its quote was last compared with the source (``checked``) and every playbook, checklist, guide
and platform profile the date someone last read it through (``reviewed``). Past its review interval
a record is *due* (a warning, and a banner on its pages); past a grace period after that it is
*overdue* and the build stops until someone checks it again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

DEFAULT_REVIEW_INTERVAL_DAYS = 180
"""Used when a record sets no ``review_interval_days`` of its own."""
DEFAULT_GRACE_DAYS = 30
"""How long a record may stay due before it fails the build."""

State = Literal["current", "due", "overdue"]


def build_day() -> date:
    """Today, or the day ``SOURCE_DATE_EPOCH`` names: the reproducible-builds convention for pinning a build's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


@dataclass(frozen=True)
class ReviewPolicy:
    """The day a run judges freshness by, and the grace period; pinned in tests, today otherwise."""

    today: date = field(default_factory=build_day)
    grace_days: int = DEFAULT_GRACE_DAYS


def last_checked(record: Any) -> str | None:
    """The ``checked`` date of a claim or the ``reviewed`` date of a reviewed record, if it has one."""
    return getattr(record, "checked", None) or getattr(record, "reviewed", None) or None


def date_field(record: Any) -> str:
    """The name of the field that holds :func:`last_checked`."""
    return "checked" if getattr(record, "checked", None) else "reviewed"


def due_date(record: Any) -> date | None:
    """The day a record becomes due for its next check, or None for records that are never reviewed."""
    checked = last_checked(record)
    if not checked:
        return None
    try:
        start = date.fromisoformat(checked)
    except ValueError:
        return None  # the schema reports the malformed date
    interval = getattr(record, "review_interval_days", None) or DEFAULT_REVIEW_INTERVAL_DAYS
    return start + timedelta(days=interval)


def review_state(record: Any, policy: ReviewPolicy) -> State:
    """``current`` before the due date, ``due`` within the grace period, ``overdue`` after it."""
    due = due_date(record)
    if due is None or policy.today < due:
        return "current"
    return "due" if policy.today < due + timedelta(days=policy.grace_days) else "overdue"


def due_on_page(records: list[Any], policy: ReviewPolicy) -> list[Any]:
    """The records shown on a page, and the claims they use, that are past their review date."""
    shown = set(map(id, records))
    candidates = list(records)
    for record in records:
        for claim in getattr(record, "claims_used", ()):
            if id(claim) not in shown:
                shown.add(id(claim))
                candidates.append(claim)
    return [record for record in candidates if review_state(record, policy) != "current"]
