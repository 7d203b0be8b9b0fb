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


def _yaml(path: Path) -> dict:  # type: ignore[type-arg]
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _grants_write(permissions: object) -> bool:
    """Whether a ``permissions:`` value lets the token write anything (``write-all``, or any scope set to write)."""
    if isinstance(permissions, str):
        return permissions == "write-all"
    return isinstance(permissions, dict) and "write" in permissions.values()


@pytest.mark.parametrize("workflow", sorted((GITHUB / "workflows").glob("*.yml")), ids=lambda path: path.name)
def test_write_permissions_are_granted_per_job_never_per_workflow(workflow: Path) -> None:
    """Workflow-level permissions reach every job; write access belongs to the job that needs it, and that job runs no project code."""
    data = _yaml(workflow)
    assert "permissions" in data, f"{workflow.name}: no workflow-level permissions, so the repository's default (possibly write) applies"
    assert not _grants_write(data["permissions"]), f"{workflow.name}: workflow-level permissions grant write: {data['permissions']}"
    for name, job in data["jobs"].items():
        if _grants_write(job.get("permissions")):
            uses = [step.get("uses", "") for step in job.get("steps", [])]
            assert not any(use.startswith("actions/checkout@") for use in uses), (
                f"{workflow.name}: job {name} may write and checks out code"
            )


def test_dependabot_waits_before_proposing_a_release() -> None:
    """A cooldown on every ecosystem: a release hijacked upstream is usually found and pulled within days."""
    for update in _yaml(GITHUB / "dependabot.yml")["updates"]:
        assert update.get("cooldown", {}).get("default-days", 0) >= 7, update["package-ecosystem"]


ZIZMOR = Path(sys.executable).with_name("zizmor")


@pytest.mark.skipif(not ZIZMOR.is_file(), reason="zizmor is not installed in this virtualenv")
@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_finds_nothing(persona: str) -> None:
    """zizmor's static audit of the workflows and Dependabot, offline (no GitHub API). The auditor persona
    accepts false positives; should one appear, silence it on its line with ``# zizmor: ignore[audit]`` and the reason."""
    run = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", "--persona", persona, str(GITHUB)],
                         capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
