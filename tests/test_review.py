"""Review dates: the day a run judges by, and dates that must not crash the checks or postpone a review forever."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.checks import review_dates
from generator.loader import load_text
from generator.model import build_content
from generator.problems import Problems
from generator.review import BuildDayError, ReviewPolicy, add_days, build_day, due_date, review_state
from generator.schema import validate_documents

PLAYBOOK = ("id: p\ntitle: T\nsummary: S.\nseverity: low\nsymptoms: [x]\nsteps:\n  - action: A\n"
            "dont: [x]\nevidence: [x]\nreviewed: '{reviewed}'\n")
SOURCE = "id: s\ntitle: T\npublisher: P\nurl: https://example.org/\nretrieved: '2026-11-01'\nexcerpts: [Quote.]\n"
CLAIM = "id: c\nstatement: S.\nvalue: one day\nsource: s\nquote: Quote.\nstatus: verified\nchecked: '{checked}'\n"


def _review_problems(today: date, reviewed: str = "2026-11-25", checked: str = "2026-11-25", grace_days: int = 30) -> list[str]:
    documents = []
    files = [("content/playbooks/p.yaml", PLAYBOOK.format(reviewed=reviewed), "playbook"), ("content/sources/s.yaml", SOURCE, "source"),
             ("content/claims/c.yaml", CLAIM.format(checked=checked), "claim")]  # fmt: skip
    for path, text, kind in files:
        document = load_text(path, text.encode())
        document.kind = kind
        documents.append(document)
    problems = Problems()
    content = build_content(validate_documents(documents, problems), problems, ReviewPolicy(today, grace_days))
    review_dates.check(content, problems)
    return [str(problem) for problem in problems.sorted()]


@pytest.mark.parametrize(
    ("epoch", "message"),
    [
        ("99999999999999999", "SOURCE_DATE_EPOCH=99999999999999999 is past the year 9999"),
        ("253402300800", "SOURCE_DATE_EPOCH=253402300800 is past the year 9999"),
        ("9" * 5000, "SOURCE_DATE_EPOCH='9999999999999999999999999999999999999...' is not a time"),
        ("-5", "SOURCE_DATE_EPOCH='-5' is not a time"),
        ("garbage", "SOURCE_DATE_EPOCH='garbage' is not a time"),
        ("1e9", "SOURCE_DATE_EPOCH='1e9' is not a time"),
        ("1796083200.5", "SOURCE_DATE_EPOCH='1796083200.5' is not a time"),
        ("\u0661\u0662", "SOURCE_DATE_EPOCH='\u0661\u0662' is not a time"),  # digits, but not ASCII ones
    ],
)
def test_a_source_date_epoch_that_names_no_day_is_one_clear_error(monkeypatch: pytest.MonkeyPatch, epoch: str, message: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(BuildDayError) as info:
        build_day()
    assert str(info.value).startswith(message + ": write whole seconds since 1970-01-01 UTC, such as 1796083200, or unset it")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("epoch", "day"), [("1796083200", date(2026, 12, 1)), (" 0 ", date(1970, 1, 1)), ("253402300799", date.max)])
def test_source_date_epoch_pins_the_day(monkeypatch: pytest.MonkeyPatch, epoch: str, day: date) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_day() == day


def test_an_unset_or_empty_source_date_epoch_means_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert build_day() == date.today()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_day() == date.today()


def test_the_command_line_reports_a_bad_source_date_epoch_as_a_usage_mistake(monkeypatch: pytest.MonkeyPatch, project: Path, cli) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999999")
    run = cli("--root", project, "check")
    assert run.code == 2 and run.out == ""
    assert run.err.splitlines()[-1].startswith("python -m generator: error: SOURCE_DATE_EPOCH=99999999999999999 is past the year 9999")


def test_dates_at_the_end_of_the_calendar_do_not_crash() -> None:
    # date ends at 9999-12-31: adding a review interval or a grace period to a day near it overflowed.
    assert add_days(date(9999, 12, 30), 180) == date.max
    assert add_days(date(2026, 1, 1), 10**12) == date.max
    assert add_days(date(2026, 1, 1), 30) == date(2026, 1, 31)
    record = type("Record", (), {"reviewed": "9999-12-30", "review_interval_days": 730})()
    assert due_date(record) == date.max
    assert review_state(record, ReviewPolicy(date(2026, 12, 1))) == "current"
    assert review_state(record, ReviewPolicy(date.max, grace_days=10**12)) in ("current", "due", "overdue")
    assert review_state(type("Record", (), {"reviewed": "2026-01-01"})(), ReviewPolicy(date(2027, 1, 1), grace_days=10**12)) == "due"


def test_a_review_date_in_the_year_9999_is_an_error_at_the_date() -> None:
    assert _review_problems(date(2026, 12, 1), reviewed="9999-12-30") == [
        ("content/playbooks/p.yaml:10:11: error: reviewed: 9999-12-30 is in the future (today is 2026-12-01); "
         "write the day it was last reviewed")
    ]


def test_a_date_after_today_is_refused_so_it_cannot_postpone_the_review() -> None:
    assert _review_problems(date(2026, 12, 1), reviewed="2026-12-02", checked="2027-06-01") == [
        "content/claims/c.yaml:7:10: error: checked: 2027-06-01 is in the future (today is 2026-12-01); write the day it was last checked",
        ("content/playbooks/p.yaml:10:11: error: reviewed: 2026-12-02 is in the future (today is 2026-12-01); "
         "write the day it was last reviewed"),
    ]
    assert _review_problems(date(2026, 12, 2), reviewed="2026-12-02", checked="2026-12-02") == [], "today itself is fine"
