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
import subprocess
import sys
import threading
import time
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


TIME_LIMIT = 60
"""Seconds a case may take: far above the slowest case (about half a second), so it never flakes,
yet a case that hangs or loops fails instead of stalling the suite."""
MEMORY_LIMIT = 1536 * 1024 * 1024
"""Address space a case may use: several times a normal run, far below what an alias bomb would take."""


def run_limited(root: Path) -> tuple[int, str, str, float, int]:
    """``python -m generator check`` on ``root`` in a child process with a time and a memory cap.

    Returns the exit code, stdout, stderr, wall seconds and peak resident memory in KiB.
    """

    # The cap is set by the child itself before it imports the generator: preexec_fn is unsafe in a
    # test process that runs server threads.
    capped = (f"import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT})); "
              f"sys.argv = ['generator', '--root', {str(root)!r}, 'check']; "
              "runpy.run_module('generator', run_name='__main__')")  # fmt: skip
    start = time.monotonic()
    child = subprocess.Popen([sys.executable, "-c", capped], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    timer = threading.Timer(TIME_LIMIT, child.kill)
    timer.start()
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.append(child.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    out = child.stdout.read()  # type: ignore[union-attr]
    reader.join()
    _, status, usage = os.wait4(child.pid, 0)  # the child's own peak memory, which Popen.wait would discard
    timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()  # type: ignore[union-attr]
    child.stderr.close()  # type: ignore[union-attr]
    seconds = time.monotonic() - start
    if seconds >= TIME_LIMIT:
        pytest.fail(f"check on {root} did not finish within {TIME_LIMIT} s")
    return child.returncode, out, errors[0], seconds, usage.ru_maxrss


@pytest.mark.parametrize(
    ("case", "exit_code"),
    [pytest.param(case, 1, id=f"invalid/{case.name}") for case in _cases("invalid")]
    + [pytest.param(case, 0, id=f"valid/{case.name}") for case in _cases("valid")],
)
def test_case(case: Path, exit_code: int, tmp_path: Path) -> None:
    """An invalid case prints exactly its expected messages and exits 1; a valid one may warn, and exits 0.

    Each runs as a real command in a child process under a time and a memory cap.
    """
    project = make_project(tmp_path / "project")
    _apply(case, project)
    code, out, err, _, _ = run_limited(project)
    lines = out.splitlines()
    if os.environ.get("UPDATE_EXPECTED"):
        (case / "expected.txt").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    assert lines == _expected(case)
    assert code == exit_code, err
    assert "Traceback" not in out + err
    errors, warnings = sum(": error: " in line for line in lines), sum(": warning: " in line for line in lines)
    if lines:  # the closing count is the count of lines printed
        assert f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}" in err, err


def test_every_invalid_case_expects_a_message() -> None:
    for case in _cases("invalid"):
        assert _expected(case), f"{case.name}: expected.txt is missing or empty"
