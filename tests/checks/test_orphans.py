from checks.conftest import CLAIM, FAQ, SOURCE
from generator.checks import orphans


def test_used_claims_and_cited_sources_pass(run_check) -> None:
    files = {"content/sources/s.yaml": SOURCE, "content/claims/c.yaml": CLAIM, "content/faqs/f.yaml": FAQ.format(answer="'{cite:c}'")}
    assert run_check(orphans.check, files) == []


def test_unused_claim_and_uncited_source_warn(run_check) -> None:
    files = {
        "content/sources/s.yaml": SOURCE,
        "content/sources/lonely.yaml": SOURCE.replace("id: s", "id: lonely"),
        "content/claims/c.yaml": CLAIM,
    }
    assert run_check(orphans.check, files) == [
        "content/claims/c.yaml:1:5: warning: claim 'c' is not used by any text; show it with {claim:c} or {cite:c}, or delete it",
        "content/sources/lonely.yaml:1:5: warning: source 'lonely' is not cited by any claim; cite it or delete it",
    ]
