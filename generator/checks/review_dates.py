"""Claims and reviewed records past their review date: a warning when due, an error when overdue.

A ``checked`` or ``reviewed`` date after today is an error at that date: it would keep a record
"current" for as long as the date is ahead, so nobody would ever be asked to look at it again.
See :mod:`generator.review` for the dates; the grace period is set with ``--grace-days`` on the
command line or ``grace_days`` in the plugin's settings in ``mkdocs.yml``.
"""

from __future__ import annotations

from ..model import Content
from ..problems import Problems
from ..review import date_field, due_date, in_future, last_checked, review_state


def check(content: Content, problems: Problems) -> None:
    policy = content.policy
    for record in content.all_records:
        field = date_field(record)
        where = record.where(field)
        if in_future(record, policy):
            future = f"{field}: {last_checked(record)} is in the future (today is {policy.today})"
            problems.error(where.path, where.line, where.column, f"{future}; write the day it was last {field}")
            continue
        state = review_state(record, policy)
        if state == "current":
            continue
        what = (
            f"{type(record).__name__.lower()} '{record.id}' was last {field} on {last_checked(record)} "
            f"and was due for review on {due_date(record)}"
        )
        if state == "due":
            problems.warning(where.path, where.line, where.column,
                             f"{what}; check it again and update '{field}' "
                             f"(the build fails {policy.grace_days} days after the due date)")  # fmt: skip
        else:
            problems.error(where.path, where.line, where.column,
                           f"{what}, more than {policy.grace_days} days ago; check it again and update '{field}'")  # fmt: skip
