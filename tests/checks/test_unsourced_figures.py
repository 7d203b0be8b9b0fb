from checks.conftest import CLAIM, FAQ, GUIDE, SOURCE
from generator.checks import unsourced_figures

LEDGER = {"content/sources/s.yaml": SOURCE, "content/claims/c.yaml": CLAIM}


def test_a_bare_figure_is_an_error_at_its_exact_position(run_check) -> None:
    files = {**LEDGER, "content/faqs/f.yaml": FAQ.format(answer="Most cases (98%) clear within 24 hours.")}
    assert run_check(unsourced_figures.check, files) == [
        ("content/faqs/f.yaml:3:21: error: unsourced figure '98%' (percentage) in answer; "
        "add a claim in content/claims/ quoting a source that says it, and write {claim:ID} instead"),
        ("content/faqs/f.yaml:3:39: error: unsourced figure '24 hours' (time window) in answer; "
        "add a claim in content/claims/ quoting a source that says it, and write {claim:ID} instead"),
    ]


def test_the_position_is_exact_inside_a_folded_text(run_check) -> None:
    answer = ">-\n  First line of the answer,\n  then wait for six confirmations."
    files = {**LEDGER, "content/faqs/f.yaml": FAQ.format(answer=answer)}
    assert run_check(unsourced_figures.check, files) == [
        ("content/faqs/f.yaml:5:17: error: unsourced figure 'six confirmations' (count) in answer; "
        "add a claim in content/claims/ quoting a source that says it, and write {claim:ID} instead")
    ]


def test_the_message_names_a_claim_that_already_says_the_figure(run_check) -> None:
    files = {**LEDGER, "content/faqs/f.yaml": FAQ.format(answer="'Wait one day.'")}
    assert run_check(unsourced_figures.check, files) == [
        ("content/faqs/f.yaml:3:15: error: unsourced figure 'one day' (time window) in answer; "
        "claim 'c' says 'one day': write {claim:c} instead")
    ]


def test_a_figure_from_a_claim_and_names_with_digits_pass(run_check) -> None:
    answer = "'Wait {claim:c}, then turn on 2FA, check the EIP-55 checksum and bc1 addresses (BIP 173), step 2.'"
    files = {**LEDGER, "content/faqs/f.yaml": FAQ.format(answer=answer)}
    assert run_check(unsourced_figures.check, files) == []


def test_titles_and_link_titles_are_read_too(run_check) -> None:
    guide = GUIDE.format(id="p").replace("title: T", "title: Wait 3 days") + "links:\n  - title: Top 10 tips\n    url: https://example.org/\n"
    files = {**LEDGER, "content/guides/p.yaml": guide}
    assert run_check(unsourced_figures.check, files) == [
        ("content/guides/p.yaml:2:13: error: unsourced figure '3 days' (time window) in title; "
        "add a claim in content/claims/ quoting a source that says it, and write {claim:ID} instead"),
        ("content/guides/p.yaml:9:16: error: unsourced figure '10' (number) in links.title; "
        "add a claim in content/claims/ quoting a source that says it, and write {claim:ID} instead"),
    ]


def test_the_ledger_itself_may_hold_figures(run_check) -> None:
    claim = CLAIM.replace("statement: S.", "statement: Withdrawals lock for 24 hours.")
    claim = claim.replace("quote: Quote.", "quote: Quote.\nnote: Read in 2026.")
    assert run_check(unsourced_figures.check, {"content/sources/s.yaml": SOURCE, "content/claims/c.yaml": claim}) == []


def test_an_allowed_phrase_passes_only_its_own_figure(run_check) -> None:
    allowed = "id: windows-eleven\nphrase: Windows 11\nreason: The name of an operating system, not a quantity.\n"
    files = {**LEDGER, "content/allowed-figures/windows-eleven.yaml": allowed,
             "content/faqs/f.yaml": FAQ.format(answer="Use Windows 11 for 10 minutes.")}  # fmt: skip
    assert run_check(unsourced_figures.check, files) == [
        ("content/faqs/f.yaml:3:28: error: unsourced figure '10 minutes' (time window) in answer; "
        "add a claim in content/claims/ quoting a source that says it, and write {claim:ID} instead")
    ]


def test_an_unused_allowed_phrase_is_an_error(run_check) -> None:
    allowed = "id: windows-eleven\nphrase: Windows 11\nreason: The name of an operating system, not a quantity.\n"
    files = {**LEDGER, "content/allowed-figures/windows-eleven.yaml": allowed}
    assert run_check(unsourced_figures.check, files) == [
        ("content/allowed-figures/windows-eleven.yaml:2:9: error: allowed figure 'Windows 11' is not used by any text any more; "
        "delete content/allowed-figures/windows-eleven.yaml")
    ]
