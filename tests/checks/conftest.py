"""Build a Content from a few in-memory files and run one check on it."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from generator.kinds import KIND_BY_FOLDER
from generator.loader import load_text
from generator.model import build_content
from generator.platform_facts import fact_names
from generator.problems import Problems
from generator.review import ReviewPolicy
from generator.schema import validate_documents


@pytest.fixture
def run_check():
    def run(check, files: dict[str, str], policy: ReviewPolicy | None = None) -> list[str]:
        problems = Problems()
        documents = []
        for path, text in files.items():
            document = load_text(path, text.encode())
            document.kind = KIND_BY_FOLDER[PurePosixPath(path).parts[1]].name
            documents.append(document)
        valid = validate_documents(documents, problems)
        assert [str(p) for p in problems] == [], "fixture files must pass their schema"
        content = build_content(valid, problems, policy)
        check(content, problems)
        return [str(problem) for problem in problems.sorted()]

    return run


SOURCE = "id: s\ntitle: T\npublisher: P\nurl: https://example.org/\nretrieved: '2026-11-01'\nexcerpts: [Quote.]\n"
CLAIM = "id: c\nstatement: S.\nvalue: one day\nsource: s\nquote: Quote.\nstatus: verified\nchecked: '2026-11-25'\n"
FAQ = "id: f\nquestion: Q?\nanswer: {answer}\n"
PLAYBOOK = (
    "id: {id}\ntitle: T\nsummary: S.\nseverity: low\nsymptoms: [x]\nsteps:\n  - action: A\n"
    "dont: [x]\nevidence: [x]\nreviewed: '2026-11-25'\n"
)
FACTS = "facts:\n" + "".join(f"  {name}:\n    absent: Not stated.\n" for name in fact_names())
"""Every platform fact, written as absent: what a profile in a check's test needs to pass its schema."""
GUIDE = "id: {id}\ntitle: T\nsummary: S.\nsections:\n  - title: Part\n    body: B.\nreviewed: '2026-11-25'\n"
