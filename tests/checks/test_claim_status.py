from checks.conftest import CLAIM, FAQ, SOURCE
from generator.checks import claim_status

DISPUTED = CLAIM.replace("status: verified", "status: disputed")
MYTH = "id: m\nmyth: Support can undo it\nverdict: 'false'\ntruth: 'The figure that circulates, {claim:c}, has no source.'\n"


def test_a_disputed_claim_cannot_be_stated_as_fact(run_check) -> None:
    files = {"content/sources/s.yaml": SOURCE, "content/claims/c.yaml": DISPUTED,
             "content/faqs/f.yaml": FAQ.format(answer="It takes {claim:c}.")}  # fmt: skip
    assert run_check(claim_status.check, files) == [
        "content/faqs/f.yaml:3:18: error: claim 'c' is disputed and cannot be stated as fact; show it only in a myth that corrects it"
    ]


def test_a_myth_may_show_a_disputed_claim(run_check) -> None:
    files = {"content/sources/s.yaml": SOURCE, "content/claims/c.yaml": DISPUTED, "content/myths/m.yaml": MYTH}
    assert run_check(claim_status.check, files) == []


def test_unverified_claims_may_be_shown(run_check) -> None:
    unverified = CLAIM.replace("status: verified", "status: unverified")
    files = {"content/sources/s.yaml": SOURCE, "content/claims/c.yaml": unverified,
             "content/faqs/f.yaml": FAQ.format(answer="It takes {claim:c}.")}  # fmt: skip
    assert run_check(claim_status.check, files) == []
