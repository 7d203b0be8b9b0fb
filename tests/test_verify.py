"""``python -m generator verify``: the built HTML is read back and held to the claims ledger."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import MINI, make_project

from generator.cli import main


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("verify") / "project")
    assert main(["--root", str(project), "--today", "2026-12-01", "build"]) == 0
    return project


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built mini project, free to edit by hand."""
    copy = tmp_path / "project"
    shutil.copytree(built_project, copy)
    return copy


def _edit(page: Path, old: str, new: str) -> None:
    html = page.read_text(encoding="utf-8")
    assert old in html, f"{old!r} not in {page}"
    page.write_text(html.replace(old, new, 1), encoding="utf-8")


def _line_of(page: Path, text: str) -> int:
    return next(number for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_freshly_built_site_verifies(project: Path, cli) -> None:
    run = cli("--root", project, "verify")
    assert (run.code, run.out) == (0, "")
    assert run.err.strip().endswith("verified 14 pages and 2 claims in site")


def test_a_figure_typed_into_a_page_fails(project: Path, cli) -> None:
    page = project / "site/playbooks/withdrawal-locked/index.html"
    _edit(page, "Your balance is safe.", "Your balance is safe. 98% of cases clear within 3 days.")
    run = cli("--root", project, "verify")
    line = _line_of(page, "98% of cases")
    column = page.read_text(encoding="utf-8").splitlines()[line - 1].index("98%") + 1
    assert run.code == 1
    assert run.lines == [
        (f"site/playbooks/withdrawal-locked/index.html:{line}:{column}: error: figure '98%' (percentage) is not inside a claim marker; "
        "the page was edited after the build, or a template prints a figure of its own"),
        (f"site/playbooks/withdrawal-locked/index.html:{line}:{column + 26}: error: figure '3 days' (time window) is not inside a claim marker; "
        "the page was edited after the build, or a template prints a figure of its own"),
    ]


def test_a_marker_that_differs_from_the_ledger_fails(project: Path, cli) -> None:
    page = project / "site/faq/index.html"
    _edit(page, '<span class="mfp-figure" data-claim="demo-withdrawal-lock">24 hours</span>',
          '<span class="mfp-figure" data-claim="demo-withdrawal-lock">12 hours</span>')  # fmt: skip
    run = cli("--root", project, "verify")
    line = _line_of(page, "12 hours")
    column = page.read_text(encoding="utf-8").splitlines()[line - 1].index('<span class="mfp-figure"') + 1
    assert run.lines == [
        f"site/faq/index.html:{line}:{column}: error: marker for claim 'demo-withdrawal-lock' shows '12 hours' but the ledger says '24 hours'"
    ]


def test_a_marker_for_an_unknown_claim_fails(project: Path, cli) -> None:
    _edit(project / "site/faq/index.html", 'data-claim="demo-withdrawal-lock">24 hours', 'data-claim="made-up">24 hours')
    run = cli("--root", project, "verify")
    assert run.code == 1 and "marker names claim 'made-up', which is not in the ledger" in run.out


def test_a_stale_ledger_file_fails(project: Path, cli) -> None:
    ledger = project / "site/claims.json"
    data = json.loads(ledger.read_text(encoding="utf-8"))
    data["claims"][0]["value"] = "48 hours"
    ledger.write_text(json.dumps(data), encoding="utf-8")
    run = cli("--root", project, "verify")
    assert run.lines == ["site/claims.json:1:1: error: claim 'demo-withdrawal-lock': value is '48 hours' but the ledger says '24 hours'"]


def test_the_sources_page_may_quote_its_evidence(project: Path, cli) -> None:
    page = project / "site/sources/index.html"
    assert "You cannot withdraw for 24 hours after changing your password." in page.read_text(encoding="utf-8")
    assert cli("--root", project, "verify").code == 0


def test_a_missing_site_is_one_clear_error(tmp_path: Path, cli) -> None:
    project = make_project(tmp_path / "project", MINI / "content")
    run = cli("--root", project, "verify")
    assert run.code == 1
    assert run.lines == ["site:0:0: error: no HTML pages found; build the site first (python -m generator build)"]
