"""Checklists as a reader uses them: ticks kept in this browser only, progress, reset,
navigation, print and PDF, and a page that still works without JavaScript."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO
from playwright.sync_api import expect

from generator.pipeline import generate

BASICS = "checklists/account-security-basics/"
WITHDRAWAL = "checklists/withdrawal-safety/"


@pytest.fixture(scope="module")
def checklists():
    content = generate(REPO).content
    return {checklist.id: checklist for checklist in content.checklists}


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    yield page
    context.close()


def _boxes(page):
    return page.locator(".mfp-checklist input[type=checkbox]")


def _ticked(page) -> list[int]:
    return [index for index in range(_boxes(page).count()) if _boxes(page).nth(index).is_checked()]


def test_a_tick_survives_a_reload_and_leaves_other_checklists_alone(desktop, site_url: str) -> None:
    desktop.goto(site_url + BASICS)
    _boxes(desktop).nth(0).check()
    _boxes(desktop).nth(2).check()
    desktop.reload()
    assert _ticked(desktop) == [0, 2]
    desktop.goto(site_url + WITHDRAWAL)
    assert _ticked(desktop) == []


def test_progress_counts_ticks_and_reset_clears_them(desktop, site_url: str, checklists) -> None:
    total = len(checklists["account-security-basics"].items)
    desktop.goto(site_url + BASICS)
    progress = desktop.locator(".mfp-checklist__progress")
    assert progress.inner_text() == f"0 of {total} done"
    _boxes(desktop).nth(1).check()
    _boxes(desktop).nth(3).check()
    assert progress.inner_text() == f"2 of {total} done"
    desktop.get_by_role("button", name="Clear all ticks").click()
    assert _ticked(desktop) == [] and progress.inner_text() == f"0 of {total} done"
    desktop.reload()
    assert _ticked(desktop) == []


def test_ticks_work_across_navigation(desktop, site_url: str) -> None:
    desktop.goto(site_url + "checklists/")
    desktop.locator("article").get_by_role("link", name="Send withdrawals safely").click()
    desktop.wait_for_url(re.compile(r"withdrawal-safety/$"))
    _boxes(desktop).nth(1).check()
    assert desktop.locator(".mfp-checklist__progress").inner_text().startswith("1 of ")
    desktop.locator("article").get_by_role("link", name="sources page").click()
    desktop.wait_for_url(re.compile(r"sources/$"))
    desktop.go_back()
    desktop.wait_for_url(re.compile(r"withdrawal-safety/$"))
    expect(desktop.locator(".mfp-checklist__progress")).to_have_text(re.compile(r"^1 of \d+ done$"))
    assert _ticked(desktop) == [1]


def test_a_changed_checklist_does_not_show_stale_ticks(desktop, site_url: str) -> None:
    desktop.goto(site_url + BASICS)
    version = desktop.locator(".mfp-checklist").first.get_attribute("data-version")
    assert version and re.fullmatch(r"[0-9a-f]{8}", version)
    desktop.evaluate("localStorage.setItem('mfp-checklist:account-security-basics:00000000', JSON.stringify([0, 1, 2]))")
    desktop.reload()
    assert _ticked(desktop) == []
    assert desktop.evaluate("localStorage.getItem('mfp-checklist:account-security-basics:00000000')") is None


def test_print_hides_navigation_and_buttons_and_stamps_the_sheet(desktop, site_url: str, checklists) -> None:
    desktop.goto(site_url + BASICS)
    desktop.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".mfp-checklist__actions"):
        assert not desktop.locator(hidden).first.is_visible(), hidden
    stamp = desktop.locator(".mfp-print-stamp").first
    assert stamp.is_visible()
    text = stamp.inner_text()
    checklist = checklists["account-security-basics"]
    assert "Missing Funds Playbook" in text and checklist.title in text and f"last reviewed {checklist.reviewed}" in text
    assert re.search(r"version [0-9a-f]{8}", text) and "Sources:" in text
    # The published address (mkdocs.yml's site_url, whatever address served this copy): a sheet leads back to its page.
    assert "https://missing-funds-playbook.github.io/missing-funds-playbook/checklists/account-security-basics/" in text


def _pdf(page, tmp_path: Path, name: str, paper: str) -> tuple[int, str]:
    pdf = tmp_path / f"{name}.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format=paper, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return pages, " ".join(text.split())


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_checklist_prints_on_one_sheet_with_every_item(desktop, site_url: str, tmp_path: Path, checklists, paper: str) -> None:
    for checklist in checklists.values():
        desktop.goto(site_url + f"checklists/{checklist.id}/")
        pages, text = _pdf(desktop, tmp_path, checklist.id, paper)
        assert pages == 1, f"{checklist.id} prints on {pages} {paper} pages"
        for item in checklist.items:
            words = " ".join(re.sub(r"\{[a-z]+:[^}]*\}", " ", item.text.source).split())
            assert words[:40] in text, (checklist.id, words)


def test_the_prevention_pack_prints_each_checklist_on_its_own_sheet(desktop, site_url: str, tmp_path: Path, checklists) -> None:
    prevention = [c for c in checklists.values() if c.kind == "prevention"]
    desktop.goto(site_url + "checklists/prevention-pack/")
    pages, _ = _pdf(desktop, tmp_path, "pack", "A4")
    assert pages == len(prevention)
    for number, checklist in enumerate(sorted(prevention, key=lambda c: c.order_key), start=1):
        sheet = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(tmp_path / "pack.pdf"), "-"],
                               capture_output=True, text=True, check=True).stdout  # fmt: skip
        assert checklist.title in " ".join(sheet.split()), (number, checklist.title)


def test_a_checklist_without_javascript_still_lists_empty_boxes(browser, site_url: str, checklists) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + BASICS)
    assert _boxes(page).count() == len(checklists["account-security-basics"].items)
    assert _ticked(page) == []
    assert not page.locator(".mfp-checklist__actions").first.is_visible()
    context.close()


def test_using_a_checklist_sends_nothing_beyond_loopback(desktop, site_url: str) -> None:
    desktop.goto(site_url + BASICS)
    _boxes(desktop).nth(0).check()
    desktop.get_by_role("button", name="Clear all ticks").click()
    desktop.goto(site_url + "checklists/prevention-pack/")
    hosts = {urlsplit(url).hostname for url in desktop.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}
