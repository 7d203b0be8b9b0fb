from checks.conftest import CLAIM, SOURCE
from generator.checks import claim_quotes

EXCERPT = "excerpts:\n  - “Withdrawals are suspended for 24 hours” — after a change of authenticator.\n"
LOCK = CLAIM.replace("value: one day", "value: 24 hours")


def _source(excerpts: str = EXCERPT) -> str:
    return SOURCE.replace("excerpts: [Quote.]\n", excerpts)


def test_a_quote_matches_despite_typography(run_check) -> None:
    claim = LOCK.replace("quote: Quote.", "quote: '\"Withdrawals are  suspended for 24 hours\" - after'")
    assert run_check(claim_quotes.check, {"content/sources/s.yaml": _source(), "content/claims/c.yaml": claim}) == []


def test_a_changed_word_names_the_claim(run_check) -> None:
    claim = LOCK.replace("quote: Quote.", "quote: Withdrawals are paused for 24 hours")
    assert run_check(claim_quotes.check, {"content/sources/s.yaml": _source(), "content/claims/c.yaml": claim}) == [
        ("content/claims/c.yaml:5:8: error: claim 'c': its quote is not in the stored excerpts of source 's' (content/sources/s.yaml); "
        "copy the words exactly from an excerpt, or add the passage the quote comes from to the source")
    ]


def test_a_dropped_word_does_not_match(run_check) -> None:
    claim = LOCK.replace("quote: Quote.", "quote: Withdrawals are suspended 24 hours")
    assert len(run_check(claim_quotes.check, {"content/sources/s.yaml": _source(), "content/claims/c.yaml": claim})) == 1


def test_the_quote_must_state_the_value(run_check) -> None:
    claim = LOCK.replace("value: 24 hours", "value: 12 hours").replace("quote: Quote.", "quote: Withdrawals are suspended for 24 hours")
    assert run_check(claim_quotes.check, {"content/sources/s.yaml": _source(), "content/claims/c.yaml": claim}) == [
        ("content/claims/c.yaml:3:8: error: claim 'c': its value '12 hours' is not in its quote; "
        "the quote must say the figure the site shows")
    ]


def test_a_translation_may_state_the_value(run_check) -> None:
    source = _source("excerpts: [出金は24時間停止されます。]\nlanguage: ja\n")
    claim = LOCK.replace("quote: Quote.", "quote: 出金は24時間停止されます。\ntranslation: Withdrawals are suspended for 24 hours.")
    assert run_check(claim_quotes.check, {"content/sources/s.yaml": source, "content/claims/c.yaml": claim}) == []
