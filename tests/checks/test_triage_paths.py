from checks.conftest import PLAYBOOK
from generator.checks import triage_paths

TRIAGE = """id: start
title: What do you see?
start: a
questions:
  - id: a
    text: First?
    options:
      - label: One
        playbook: p
      - label: Two
        next: b
  - id: b
    text: Second?
    options:
      - label: Three
        playbook: q
      - label: Back
        next: {back}
  - id: c
    text: Never asked?
    options:
      - label: Four
        playbook: p
      - label: Five
        playbook: p
"""


def test_a_tree_reaching_every_playbook_passes(run_check) -> None:
    files = {"content/triage/start.yaml": TRIAGE.format(back="c"), "content/playbooks/p.yaml": PLAYBOOK.format(id="p"),
             "content/playbooks/q.yaml": PLAYBOOK.format(id="q")}  # fmt: skip
    assert run_check(triage_paths.check, files) == []


def test_loops_unreachable_questions_and_playbooks(run_check) -> None:
    files = {
        "content/triage/start.yaml": TRIAGE.format(back="a"),
        "content/playbooks/p.yaml": PLAYBOOK.format(id="p"),
        "content/playbooks/q.yaml": PLAYBOOK.format(id="q"),
        "content/playbooks/r.yaml": PLAYBOOK.format(id="r"),
    }
    assert run_check(triage_paths.check, files) == [
        "content/playbooks/r.yaml:1:5: warning: playbook 'r' cannot be reached from the start page; add an answer that leads to it",
        "content/triage/start.yaml:18:15: error: answer 'Back' leads back to question 'a', making a loop (a → b → a)",
        "content/triage/start.yaml:19:9: warning: question 'c' cannot be reached from the first question 'a'",
    ]


def test_no_triage_at_all(run_check) -> None:
    assert run_check(triage_paths.check, {"content/playbooks/p.yaml": PLAYBOOK.format(id="p")}) == [
        "content/triage:1:1: error: no triage found: the start page needs content/triage/start.yaml"
    ]
