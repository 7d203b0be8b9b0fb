"""GitHub configuration: workflows, issue forms and Dependabot validate against their published
schemas (shipped inside check-jsonschema, no network), and problems print as the workflow commands
GitHub turns into annotations on the YAML lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from generator.problems import Problem

GITHUB = REPO / ".github"


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", sorted((GITHUB / "workflows").glob("*.yml"))),
        ("vendor.github-issue-forms", sorted(path for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if path.name != "config.yml")),
        ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
    ],
    ids=["workflows", "issue-forms", "dependabot"],
)
def test_github_files_validate(schema: str, files: list[Path]) -> None:
    assert files and all(file.is_file() for file in files)
    run = subprocess.run([str(Path(sys.executable).with_name("check-jsonschema")), "--builtin-schema", schema, *map(str, files)],
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_action_is_pinned_by_commit_with_its_version() -> None:
    for workflow in (GITHUB / "workflows").glob("*.yml"):
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                ref = line.split("uses:", 1)[1].split("#")[0].strip()
                assert "@" in ref and len(ref.split("@")[1]) == 40 and "# v" in line, f"{workflow.name}: {line.strip()}"


def test_problems_print_as_github_annotations() -> None:
    problem = Problem("content/faqs/a,b.yaml", 3, 9, "error", "unknown claim 'x' (50% sure)\nnext line")
    assert problem.github() == "::error file=content/faqs/a%2Cb.yaml,line=3,col=9::unknown claim 'x' (50%25 sure)%0Anext line"
    assert Problem("content/recipes", 0, 0, "warning", "odd").github() == "::warning file=content/recipes::odd"


def test_check_prints_annotations_on_request(project: Path, cli) -> None:
    (project / "content/faqs/reverse.yaml").write_text("id: reverse\nquestion: Q?\nanswer: See {playbook:nowhere}.\n")
    run = cli("--root", project, "--format", "github", "check")
    assert run.code == 1
    assert run.lines == ["::error file=content/faqs/reverse.yaml,line=3,col=13::unknown playbook 'nowhere'"]
