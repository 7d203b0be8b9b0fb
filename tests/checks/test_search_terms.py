"""checks/search_terms.py: a word readers type belongs to one term; a phrase no text uses is reported."""

from __future__ import annotations

from generator.checks.search_terms import check

from .conftest import PLAYBOOK

TERM = "id: {id}\nabout: Words.\ntyped: [{typed}]\nmeans: [{means}]\n"


def test_a_word_in_two_terms_and_a_phrase_no_text_uses(run_check) -> None:
    files = {
        "content/playbooks/locked.yaml": PLAYBOOK.format(id="locked").replace("summary: S.", "summary: Withdrawals are on hold."),
        "content/search-terms/hold.yaml": TERM.format(id="hold", typed="paused, frozen", means="on hold"),
        "content/search-terms/frozen.yaml": TERM.format(id="frozen", typed="frozen", means="froze"),
    }
    assert run_check(check, files) == [
        (
            "content/search-terms/frozen.yaml:4:9: warning: no text of the content uses 'froze', so 'frozen' finds nothing with it; "
            "write the words as the pages do, or remove it"
        ),
        "content/search-terms/hold.yaml:3:17: error: 'frozen' is also typed in search term 'frozen'; keep each word in one term",
    ]


def test_terms_that_work_pass(run_check) -> None:
    files = {
        "content/playbooks/locked.yaml": PLAYBOOK.format(id="locked").replace("title: T", "title: I can't withdraw"),
        "content/search-terms/contractions.yaml": TERM.format(id="contractions", typed="cant", means="\"can't\""),
    }
    assert run_check(check, files) == []
