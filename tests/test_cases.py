"""Content cases as data: each folder under tests/cases/{valid,invalid}/ is picked up automatically.

A case is an overlay on the mini fixture corpus: its ``content/`` files are added to (or replace
files in) a copy of ``tests/fixtures/mini/content``, the paths listed in ``delete.txt`` are
removed, and ``python -m generator check`` must print exactly the lines of ``expected.txt``.
Invalid cases must exit 1; valid cases exit 0 (they may expect warnings). After an intended change
of messages, rewrite every expected.txt with ``UPDATE_EXPECTED=1 python -m pytest tests/test_cases.py``
and read the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import make_project

CASES = Path(__file__).parent / "cases"


def _cases(kind: str) -> list[Path]:
    return sorted(path for path in (CASES / kind).iterdir() if path.is_dir())


def _apply(case: Path, project: Path) -> None:
    if (case / "content").is_dir():
        shutil.copytree(case / "content", project / "content", dirs_exist_ok=True, symlinks=True)
    delete = case / "delete.txt"
    if delete.exists():
        for line in delete.read_text().split():
            target = project / line
            shutil.rmtree(target) if target.is_dir() else target.unlink()


def _expected(case: Path) -> list[str]:
    expected = case / "expected.txt"
    return expected.read_text(encoding="utf-8").splitlines() if expected.exists() else []


@pytest.mark.parametrize(
    ("case", "exit_code"),
    [pytest.param(case, 1, id=f"invalid/{case.name}") for case in _cases("invalid")]
    + [pytest.param(case, 0, id=f"valid/{case.name}") for case in _cases("valid")],
)
def test_case(case: Path, exit_code: int, tmp_path: Path, cli) -> None:
    """An invalid case prints exactly its expected messages and exits 1; a valid one may warn, and exits 0."""
    project = make_project(tmp_path / "project")
    _apply(case, project)
    run = cli("--root", project, "check")
    if os.environ.get("UPDATE_EXPECTED"):
        (case / "expected.txt").write_text("".join(line + "\n" for line in run.lines), encoding="utf-8")
    assert run.lines == _expected(case)
    assert run.code == exit_code
    assert "Traceback" not in run.out + run.err


def test_every_invalid_case_expects_a_message() -> None:
    for case in _cases("invalid"):
        assert _expected(case), f"{case.name}: expected.txt is missing or empty"
