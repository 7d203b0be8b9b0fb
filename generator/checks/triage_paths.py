"""The start page's questions form a tree: no loops, no unreachable question, every playbook reachable.

The schema already makes every answer end in another question or a playbook; unknown targets
are reported by ``unknown-refs``. This check looks at the shape of the whole.
"""

from __future__ import annotations

from ..model import Content, Question, Triage
from ..problems import Problems


def check(content: Content, problems: Problems) -> None:
    if not content.triages:
        problems.error("content/triage", 1, 1, "no triage found: the start page needs content/triage/start.yaml")
        return
    reached_playbooks: set[str] = set()
    for triage in content.triages:
        _check_triage(triage, problems, reached_playbooks)
    for playbook in content.playbooks:
        if playbook.id not in reached_playbooks:
            problems.warning(playbook.origin.path, playbook.origin.line, playbook.origin.column,
                             f"playbook '{playbook.id}' cannot be reached from the start page; add an answer that leads to it")  # fmt: skip


def _check_triage(triage: Triage, problems: Problems, reached_playbooks: set[str]) -> None:
    start = triage.start.target if triage.start else None
    if not isinstance(start, Question):
        return  # reported by unknown-refs
    visited: set[str] = set()

    def walk(question: Question, trail: tuple[str, ...]) -> None:
        visited.add(question.id)
        for option in question.options:
            if option.playbook is not None:
                reached_playbooks.add(option.playbook.id)
            following = option.next.target if option.next else None
            if not isinstance(following, Question):
                continue
            if following.id in trail + (question.id,):
                origin = option.next.origin  # type: ignore[union-attr]
                loop = " → ".join(trail + (question.id, following.id))
                problems.error(origin.path, origin.line, origin.column,
                               f"answer '{option.label}' leads back to question '{following.id}', making a loop ({loop})")  # fmt: skip
                continue
            if following.id not in visited:
                walk(following, trail + (question.id,))

    walk(start, ())
    for question in triage.questions:
        if question.id not in visited:
            problems.warning(question.origin.path, question.origin.line, question.origin.column,
                             f"question '{question.id}' cannot be reached from the first question '{start.id}'")  # fmt: skip
