"""The claims promise end to end, as an editor meets it: a bare figure fails, a claim passes and shows its source."""

from __future__ import annotations

from pathlib import Path

import generator.online
from generator.online import FetchedPage

PLAYBOOK = "content/playbooks/withdrawal-locked.yaml"
BARE = "summary: Withdrawals pause for 24 hours after a password change. Your balance is safe."


def _set_summary(project: Path, summary: str) -> None:
    path = project / PLAYBOOK
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = summary
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_bare_figure_fails_and_a_claim_reference_shows_it_with_its_source(project: Path, cli) -> None:
    _set_summary(project, BARE)
    run = cli("--root", project, "build")
    assert run.code == 1
    assert run.lines == [
        (f"{PLAYBOOK}:3:32: error: unsourced figure '24 hours' (time window) in summary; "
        "claim 'demo-withdrawal-lock' says '24 hours': write {claim:demo-withdrawal-lock} instead")
    ]
    _set_summary(project, BARE.replace("24 hours", "{claim:demo-withdrawal-lock}"))
    assert cli("--root", project, "build", "--strict").code == 0
    page = (project / "site/playbooks/withdrawal-locked/index.html").read_text(encoding="utf-8")
    assert (
        'Withdrawals pause for <span class="mfp-figure" data-claim="demo-withdrawal-lock">24 hours</span>'
        '<sup class="mfp-cite mfp-cite--verified" data-claim-marker="demo-withdrawal-lock">'
        '<a href="../../sources/#claim-demo-withdrawal-lock" '
        'title="Source: Demo Exchange, Why is my withdrawal locked?. Checked 2026-11-25.">[2]</a></sup> after a password change.'
    ) in page
    assert cli("--root", project, "verify", "--no-crawl").code == 0


def test_an_unverified_claim_is_marked_where_it_is_shown(project: Path, cli) -> None:
    assert cli("--root", project, "build").code == 0
    page = (project / "site/playbooks/account-takeover/index.html").read_text(encoding="utf-8")
    assert ('<sup class="mfp-cite mfp-cite--unverified" data-claim-marker="transfer-irreversible">'
            '<a href="../../sources/#claim-transfer-irreversible"') in page
    assert "[4 unverified]</a></sup>" in page


def test_an_overdue_page_shows_a_banner_and_the_build_fails_after_the_grace_period(project: Path, cli) -> None:
    # The mini corpus was reviewed 2026-11-25 with the default interval of 180 days: due 2027-05-24.
    assert cli("--root", project, "--today", "2027-06-01", "build").code == 0
    page = (project / "site/playbooks/withdrawal-locked/index.html").read_text(encoding="utf-8")
    assert '<div class="mfp-due" role="note">' in page
    assert "This page, last reviewed 2026-11-25: due 2027-05-24" in page
    assert "last checked 2026-11-25: due 2027-05-24" in page
    sources = (project / "site/sources/index.html").read_text(encoding="utf-8")
    assert '<span class="mfp-status mfp-status--due">check overdue</span>' in sources
    late = cli("--root", project, "--today", "2027-06-30", "build")
    assert late.code == 1 and "more than 30 days ago" in late.out
    assert cli("--root", project, "--today", "2027-06-30", "--grace-days", "60", "build").code == 0


def test_a_current_page_has_no_banner(project: Path, cli) -> None:
    assert cli("--root", project, "--today", "2026-12-01", "build").code == 0
    assert "mfp-due" not in (project / "site/playbooks/withdrawal-locked/index.html").read_text(encoding="utf-8")


def test_dates_and_day_counts_are_checked_as_usage(project: Path, cli) -> None:
    bad_day = cli("--root", project, "--today", "2026-13-01", "check")
    assert bad_day.code == 2 and "'2026-13-01' is not a date written YYYY-MM-DD" in bad_day.err
    bad_grace = cli("--root", project, "--grace-days", "soon", "check")
    assert bad_grace.code == 2 and "'soon' is not a whole number of days" in bad_grace.err


def test_sources_offline_compares_quotes_with_the_stored_excerpts(project: Path, cli) -> None:
    run = cli("--root", project, "sources")
    assert run.code == 0 and "4 sources, 4 claims: every quote is in its stored excerpts" in run.err
    source = project / "content/sources/demo-help.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("for 24 hours", "for 48 hours"), encoding="utf-8")
    changed = cli("--root", project, "sources")
    assert changed.code == 1
    assert changed.lines[0].startswith(
        "content/claims/demo-withdrawal-lock.yaml:5:8: error: claim 'demo-withdrawal-lock': its quote is not in"
    )


def test_sources_online_reports_drift_through_the_cli(project: Path, cli, monkeypatch) -> None:
    # The HTTP side is tested against a real local server in test_online.py; here the CLI's wiring.
    pages = {
        "https://help.demo-exchange.com/withdrawal-lock": "<p>You cannot withdraw for 48 hours after changing your password.</p>",
        "https://chain.example.org/you-need-to-know": "<p>A transaction cannot be reversed.</p>",
        "https://help.demo-exchange.com/freeze": "<p>Tap Freeze account under Security to lock your account at once.</p>",
        "https://www.sample-exchange.com/help/disable": "<p>Choose Disable account under Security to stop all logins.</p>",
    }
    monkeypatch.setattr(generator.online, "fetch_page", lambda url, timeout: FetchedPage(url, 200, "text/html", pages[url]))
    run = cli("--root", project, "sources", "--online")
    assert run.code == 1
    assert run.lines[0] == (
        "content/claims/demo-withdrawal-lock.yaml:5:8: error: claim 'demo-withdrawal-lock': its quote no longer appears at "
        "https://help.demo-exchange.com/withdrawal-lock (the source may have changed; re-read it and update the quote, "
        "the stored excerpt and the checked date)"
    )
    assert "4 sources: 4 checked, 0 without an address, 0 unreachable, 1 quote drifted, 1 excerpt missing" in run.err
