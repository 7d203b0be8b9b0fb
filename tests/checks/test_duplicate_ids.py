from checks.conftest import FAQ
from generator.checks import duplicate_ids

TRIAGE = """id: start
title: T
start: a
questions:
  - id: a
    text: First?
    options: [{label: One, playbook: p}, {label: Two, next: a}]
  - id: a
    text: Again?
    options: [{label: One, playbook: p}, {label: Two, playbook: p}]
"""


def test_ids_shared_by_two_files_or_two_questions(run_check) -> None:
    files = {"content/faqs/f.yaml": FAQ.format(answer="A."), "content/faqs/g.yaml": FAQ.format(answer="B."),
             "content/triage/start.yaml": TRIAGE}  # fmt: skip
    assert run_check(duplicate_ids.check, files) == [
        "content/faqs/g.yaml:1:5: error: duplicate faq id 'f' (also in content/faqs/f.yaml:1)",
        "content/triage/start.yaml:8:9: error: duplicate question id 'a' (also at line 5)",
    ]


def test_unique_ids_pass(run_check) -> None:
    assert run_check(duplicate_ids.check, {"content/faqs/f.yaml": FAQ.format(answer="A.")}) == []
