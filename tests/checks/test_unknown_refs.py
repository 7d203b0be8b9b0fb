from checks.conftest import CLAIM, FAQ, SOURCE
from generator.checks import unknown_refs


def test_known_references_pass(run_check) -> None:
    files = {"content/sources/s.yaml": SOURCE, "content/claims/c.yaml": CLAIM,
             "content/faqs/f.yaml": FAQ.format(answer="'{claim:c} and {cite:c}'")}  # fmt: skip
    assert run_check(unknown_refs.check, files) == []


def test_unknown_ids_suggest_the_closest(run_check) -> None:
    files = {
        "content/sources/s.yaml": SOURCE,
        "content/claims/c.yaml": CLAIM.replace("source: s", "source: ss"),
        "content/claims/okx-lock.yaml": CLAIM.replace("id: c", "id: okx-lock"),
        "content/faqs/f.yaml": FAQ.format(answer="'See {claim:okx-lok} and {faq:nothing-like-it}.'") + "playbooks: [p]\n",
    }
    assert run_check(unknown_refs.check, files) == [
        "content/claims/c.yaml:4:9: error: unknown source 'ss' (did you mean 's'?)",
        "content/faqs/f.yaml:3:14: error: unknown claim 'okx-lok' (did you mean 'okx-lock'?)",
        "content/faqs/f.yaml:3:34: error: unknown faq 'nothing-like-it'",
        "content/faqs/f.yaml:4:13: error: unknown playbook 'p'",
    ]


def test_a_claim_shown_inline_needs_a_value(run_check) -> None:
    files = {
        "content/sources/s.yaml": SOURCE,
        "content/claims/c.yaml": CLAIM.replace("value: one day\n", ""),
        "content/faqs/f.yaml": FAQ.format(answer="'{claim:c}'"),
    }
    assert run_check(unknown_refs.check, files) == [
        "content/faqs/f.yaml:3:10: error: claim 'c' has no value to show; write {cite:c} to cite it, or give the claim a value"
    ]
