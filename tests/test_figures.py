"""What counts as a figure: the one definition the content lint and ``verify`` share."""

import pytest

from generator.figures import find_figures


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("98% of cases clear within 24 business hours", [("98%", "percentage"), ("24 business hours", "time window")]),
        ("Allow 3-5 minutes", [("3-5 minutes", "time window")]),
        ("wait for 6 confirmations", [("6 confirmations", "count")]),
        ("wait for six confirmations", [("six confirmations", "count")]),
        ("twenty-four hours later", [("twenty-four hours", "time window")]),
        ("it is usually done within an hour", [("within an hour", "time window")]),
        ("one in ten users", [("one in ten", "count")]),
        ("1 in 5 users", [("1 in 5", "count")]),
        ("a fee of $50", [("$50", "amount of money")]),
        ("a fee of 100 USDT", [("100 USDT", "amount of money")]),
        ("every 90 days", [("90 days", "time window")]),
        ("a 24h lock", [("24h", "time window")]),
        ("24/7 support", [("24/7", "number")]),
        ("16+ character passwords", [("16+ character", "count")]),
        ("founded in 2018", [("2018", "number")]),
        ("0.0247% of funds", [("0.0247%", "percentage")]),
    ],
)
def test_figures_are_found_with_their_kind(text: str, found: list[tuple[str, str]]) -> None:
    assert [(figure.text, figure.kind) for figure in find_figures(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "turn on 2FA and use FIDO2 keys",
        "EIP-55 checksums, BIP 173 and ERC-20 tokens",
        "NIST SP 800-63B-4 says so",
        "bech32 addresses start with bc1",
        "report to IC3 and beware of SS7 attacks",
        "reviewed 2026-11-25",
        "go back to step 2",
        "use the 2nd device for version 5 of the app, or v5",
        "the usnistgov/800-63-4 repository",
        "one account and two apps",
    ],
)
def test_names_with_digits_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_positions_point_at_the_figure() -> None:
    [figure] = find_figures("Wait 24 hours.")
    assert (figure.start, figure.end) == (5, 13)
