"""Cross-reference checks: a registry of small named modules, each with its own tests.

Each check reads the built :class:`~generator.model.Content` and appends problems; none raises.
A check that crashes is itself reported as a problem, so one bug never hides the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Content
from ..problems import Problems
from . import (
    claim_quotes,
    claim_status,
    duplicate_ids,
    filename_id,
    link_policy,
    orphans,
    placeholders,
    platform_facts,
    review_dates,
    search_terms,
    title_text,
    triage_paths,
    unknown_refs,
    unsourced_figures,
)

Check = Callable[[Content, Problems], None]

CHECKS: dict[str, Check] = {
    "duplicate-ids": duplicate_ids.check,
    "filename-id": filename_id.check,
    "unknown-refs": unknown_refs.check,
    "orphans": orphans.check,
    "triage-paths": triage_paths.check,
    "claim-quotes": claim_quotes.check,
    "claim-status": claim_status.check,
    "unsourced-figures": unsourced_figures.check,
    "review-dates": review_dates.check,
    "link-policy": link_policy.check,
    "title-text": title_text.check,
    "placeholders": placeholders.check,
    "platform-facts": platform_facts.check,
    "search-terms": search_terms.check,
}
"""Every check by name, in the order they run."""

NEEDS_COMPLETE_CONTENT = frozenset({"orphans", "triage-paths"})
"""Checks that judge the whole: run only when every file loaded and passed its schema,
since a record missing for another reason would make them report noise."""


def run_checks(content: Content, problems: Problems, complete: bool = True, checks: dict[str, Check] = CHECKS) -> None:
    """Run every check; a crash becomes one error naming the check instead of a traceback."""
    for name, check in checks.items():
        if not complete and name in NEEDS_COMPLETE_CONTENT:
            continue
        try:
            check(content, problems)
        except Exception as exc:  # noqa: BLE001 - a bug in one check must not hide the others
            problems.error(f"generator/checks/{name.replace('-', '_')}.py", 1, 1,
                           f"check '{name}' crashed ({type(exc).__name__}: {exc}); please report this as a bug")  # fmt: skip
