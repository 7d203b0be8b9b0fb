"""Shared fixtures: the repository, a small fixture corpus laid out as a real project, a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from generator.cli import main
from generator.review import newest_review_day

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"


def epoch_of(day: date) -> str:
    """``day`` at midnight UTC, as ``SOURCE_DATE_EPOCH`` writes it."""
    return str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))


PINNED_DAY = epoch_of(date(2026, 12, 1))
"""2026-12-01 as SOURCE_DATE_EPOCH: fixture corpora are judged as of a fixed day, so their review
dates never expire."""
CONTENT_DAY = newest_review_day(REPO / "content") or date(2026, 12, 1)
"""The day the shipped content is judged by (see :func:`generator.review.newest_review_day`)."""

# Set for the whole session, before any fixture of any scope runs and for every subprocess: no test
# may see the real day. A test that needs another day passes --today or sets this variable itself.
os.environ["SOURCE_DATE_EPOCH"] = PINNED_DAY
if os.environ.get("MFP_CLOCK_AHEAD_DAYS") and "time_machine" not in sys.modules:
    raise pytest.UsageError("MFP_CLOCK_AHEAD_DAYS is set but tests/clock is not on PYTHONPATH: "
                            "the clock did not move (use `make test-later`)")


SLOW_FIRST = ("tests/test_benchmarks.py", "tests/browser/test_search.py", "tests/browser/test_phone.py")
"""Files whose tests take a minute or more: started first, so parallel workers (pytest-xdist) do not end waiting on one of them."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in SLOW_FIRST)  # a stable sort: every other test keeps its order


def shipped_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess that builds or checks the shipped content as of :data:`CONTENT_DAY`."""
    return {**os.environ, "SOURCE_DATE_EPOCH": epoch_of(CONTENT_DAY), "NO_MKDOCS_2_WARNING": "1", **extra}


def make_project(target: Path, content: Path = MINI / "content") -> Path:
    """A project folder with the real mkdocs.yml and docs/, and the given content."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copytree(content, target / "content")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the mini corpus as a complete project, free to edit."""
    return make_project(tmp_path / "project")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``python -m generator`` in-process; a traceback fails the test by itself."""

    def run(*args: str | Path) -> Run:
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def free_port() -> int:
    """A free TCP port on the loopback interface."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The real site as deployed (its offline copy included), built once per test run from the shipped content with --strict.

    Under pytest-xdist the workers share it: the first to need it builds it while the others wait."""
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    site = shared / "shipped" / "site"
    with FileLock(str(shared / "shipped.lock")):
        if not (site / "index.html").is_file():
            command = [sys.executable, "-m", "generator", "build", "--strict", "--with-offline", "--site-dir", str(site)]
            result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False, env=shipped_env())
            assert result.returncode == 0, result.stdout + result.stderr
            assert "WARNING" not in result.stderr
    return site


@pytest.fixture(scope="session")
def built_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini corpus built once into a project folder; copy it (``built_copy``) before editing."""
    project = make_project(tmp_path_factory.mktemp("built-mini") / "project")
    assert main(["--root", str(project), "--today", "2026-12-01", "build"]) == 0
    return project


@pytest.fixture
def built_copy(built_mini: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built mini project, free to edit by hand."""
    copy = tmp_path / "project"
    shutil.copytree(built_mini, copy)
    return copy
