from datetime import date

from checks.conftest import CLAIM, PLAYBOOK, SOURCE
from generator.checks import review_dates
from generator.review import ReviewPolicy

FILES = {
    "content/sources/s.yaml": SOURCE,
    "content/claims/c.yaml": CLAIM.replace("checked: '2026-11-25'", "checked: '2026-01-01'\nreview_interval_days: 90"),
    "content/playbooks/p.yaml": PLAYBOOK.format(id="p").replace("reviewed: '2026-11-25'", "reviewed: '2026-01-01'"),
}


def test_nothing_is_reported_before_the_due_date(run_check) -> None:
    assert run_check(review_dates.check, FILES, ReviewPolicy(date(2026, 3, 31))) == []


def test_a_record_past_its_due_date_is_a_warning(run_check) -> None:
    assert run_check(review_dates.check, FILES, ReviewPolicy(date(2026, 4, 1))) == [
        ("content/claims/c.yaml:7:10: warning: claim 'c' was last checked on 2026-01-01 and was due for review on 2026-04-01; "
        "check it again and update 'checked' (the build fails 30 days after the due date)")
    ]


def test_past_the_grace_period_it_is_an_error(run_check) -> None:
    assert run_check(review_dates.check, FILES, ReviewPolicy(date(2026, 7, 1), grace_days=30)) == [
        ("content/claims/c.yaml:7:10: error: claim 'c' was last checked on 2026-01-01 and was due for review on 2026-04-01, "
        "more than 30 days ago; check it again and update 'checked'"),
        ("content/playbooks/p.yaml:10:11: warning: playbook 'p' was last reviewed on 2026-01-01 and was due for review on 2026-06-30; "
        "check it again and update 'reviewed' (the build fails 30 days after the due date)"),
    ]


def test_the_grace_period_is_configurable(run_check) -> None:
    problems = run_check(review_dates.check, FILES, ReviewPolicy(date(2026, 7, 1), grace_days=120))
    assert [line.split(": ")[1] for line in problems] == ["warning", "warning"]
