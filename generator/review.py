"""When a record was last checked and when it is due again: the freshness promise of the site.

A help page for people who may have lost money must not quietly go stale. Every claim carries the
date its quote was last compared with the source (``checked``) and every playbook, checklist, guide
and platform profile the date someone last read it through (``reviewed``). Past its review interval
a record is *due* (a warning, and a banner on its pages); past a grace period after that it is
*overdue* and the build stops until someone checks it again. A date after today is refused (see
:mod:`generator.checks.review_dates`): it would put off the next review for as long as it liked.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

DEFAULT_REVIEW_INTERVAL_DAYS = 180
"""Used when a record sets no ``review_interval_days`` of its own."""
DEFAULT_GRACE_DAYS = 30
"""How long a record may stay due before it fails the build."""

State = Literal["current", "due", "overdue"]


LATEST_EPOCH = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())
"""The last second ``date`` can name; a larger ``SOURCE_DATE_EPOCH`` is a mistake, not a day."""


class BuildDayError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set but names no day: a mistake in the environment, not in the content.

    The reproducible-builds convention asks a build to fail on a malformed value rather than guess;
    the command line reports it as a usage mistake (exit 2), in one line.
    """


def build_day() -> date:
    """Today, or the day ``SOURCE_DATE_EPOCH`` names: the reproducible-builds convention for pinning a build's date.

    Unset or empty means today. Anything but whole seconds from 1970 to the year 9999 raises
    :class:`BuildDayError`: a negative, fractional, garbled or enormous value must not crash the run
    with a traceback, nor silently judge the reviews by another day.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return date.today()
    shown = epoch if len(epoch) <= 40 else epoch[:37] + "..."
    advice = "write whole seconds since 1970-01-01 UTC, such as 1796083200, or unset it"
    if not re.fullmatch(r"[0-9]{1,20}", epoch):
        raise BuildDayError(f"SOURCE_DATE_EPOCH='{shown}' is not a time: {advice}")
    if int(epoch) > LATEST_EPOCH:
        raise BuildDayError(f"SOURCE_DATE_EPOCH={shown} is past the year 9999: {advice}")
    return datetime.fromtimestamp(int(epoch), tz=UTC).date()


def add_days(day: date, days: int) -> date:
    """``day`` plus ``days``, or the last representable day when that is past the year 9999.

    A record reviewed on 9999-12-30 or a grace period of a billion days must not crash the checks
    (``date`` ends at 9999-12-31); a day that far out is simply never reached.
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max


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
    return add_days(start, interval)


def in_future(record: Any, policy: ReviewPolicy) -> bool:
    """Whether a record claims to have been checked after the day the run judges by."""
    checked = last_checked(record)
    if not checked:
        return False
    try:
        return date.fromisoformat(checked) > policy.today
    except ValueError:
        return False  # the schema reports the malformed date


def review_state(record: Any, policy: ReviewPolicy) -> State:
    """``current`` before the due date, ``due`` within the grace period, ``overdue`` after it."""
    due = due_date(record)
    if due is None or policy.today < due:
        return "current"
    return "due" if policy.today < add_days(due, policy.grace_days) else "overdue"


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


_STAMP = re.compile(r"^\s*(?:checked|reviewed):\s*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)


def newest_review_day(content: Path) -> date | None:
    """The latest ``checked`` or ``reviewed`` date written under ``content``: the day its editors
    last vouched for it. Tests and benchmarks judge the shipped content as of that day, so they give
    the same answer on any real day; whether it is fresh *today* is the freshness gate's question
    (``check`` with the real day, in CI), not theirs."""
    days = [date.fromisoformat(day) for path in sorted(content.rglob("*.yaml")) for day in _STAMP.findall(path.read_text(encoding="utf-8"))]
    return max(days, default=None)
