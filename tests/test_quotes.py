"""Quote comparison evens out typography and nothing else."""

from generator.quotes import normalise, quote_in


def test_typography_is_evened_out() -> None:
    assert normalise("“It’s  locked\u00a0for 24\u2011hours” — really") == "\"It's locked for 24-hours\" - really"


def test_a_quote_is_found_across_line_breaks_and_dashes() -> None:
    assert quote_in("withdrawals are locked - for 24 hours", ["After a change,\nwithdrawals are locked – for 24 hours."])


def test_a_changed_or_dropped_word_is_not_found() -> None:
    page = ["Withdrawals are locked for 24 hours."]
    assert not quote_in("Withdrawals are paused for 24 hours", page)
    assert not quote_in("Withdrawals are locked 24 hours", page)
    assert not quote_in("withdrawals are locked for 24 hours", page), "case is not folded"


def test_an_empty_quote_is_never_found() -> None:
    assert not quote_in("  ", ["anything"])
