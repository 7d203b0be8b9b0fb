import pytest

from checks.conftest import FAQ
from generator.checks import title_text


@pytest.mark.parametrize("question", ["'Paused</title><script>x()</script>'", "'Why <b>me</b>?'", "'A <!-- note -->'", "'</ title>'"])
def test_markup_in_a_title_is_refused_at_its_character(run_check, question: str) -> None:
    found = run_check(title_text.check, {"content/faqs/f.yaml": "id: f\nquestion: " + question + "\nanswer: A.\n"})
    assert len(found) == 1 and found[0].startswith("content/faqs/f.yaml:2:") and "question holds markup" in found[0]
    assert int(found[0].split(":")[2]) == len("question: '") + 1 + question.index("<") - 1


@pytest.mark.parametrize("question", ["'Is 1 < 2 and 3 > 2?'", "'a -> b'", "'<3 this site'", "'x<y'"])
def test_comparisons_and_arrows_are_not_markup(run_check, question: str) -> None:
    assert run_check(title_text.check, {"content/faqs/f.yaml": "id: f\nquestion: " + question + "\nanswer: A.\n"}) == []


def test_only_titles_are_judged(run_check) -> None:
    assert run_check(title_text.check, {"content/faqs/f.yaml": FAQ.format(answer="'Text <b>may</b> hold it; it is escaped.'")}) == []
