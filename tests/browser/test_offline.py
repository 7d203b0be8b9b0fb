"""The offline copy opened from disk (file://) in Chromium: search finds a FAQ and the link to it
opens, checklists keep their ticks, and nothing is requested from anywhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.offline import FOLDER
from generator.plugin import OFFLINE_ZIP


@pytest.fixture(scope="module")
def unpacked(site_dir: Path, site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip the served site offers, unpacked as a reader would (``site_url`` makes sure it is built)."""
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site_dir / OFFLINE_ZIP) as bundle:
        bundle.extractall(folder)
    return folder / FOLDER


@pytest.fixture
def from_disk(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', "
        "e => (window.__violations = window.__violations || []).push(e.violatedDirective))"
    )
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    yield page
    context.close()


def search(page, words: str) -> list[str]:
    page.keyboard.press("/")
    page.keyboard.type(words)
    try:
        page.locator(".md-search-result__item").first.wait_for(timeout=5000)
    except Exception:  # noqa: BLE001 - no result is an answer too
        return []
    return page.locator(".md-search-result__link").evaluate_all("links => links.map(l => l.href)")


def test_search_finds_a_faq_from_disk(from_disk, unpacked: Path) -> None:
    from_disk.goto((unpacked / "index.html").as_uri())
    found = search(from_disk, "reversed")
    faq = [address for address in found if "/faq.html" in address]
    assert faq, found
    from_disk.locator(f".md-search-result__link[href='{faq[0]}']").first.click()
    from_disk.wait_for_load_state()
    assert from_disk.url.startswith((unpacked / "faq.html").as_uri())
    assert from_disk.locator(".md-content h1").inner_text().startswith("Frequently asked questions")
    assert [url for url in from_disk.requests if not url.startswith(("file:", "data:", "blob:", "about:"))] == []
    assert from_disk.evaluate("window.__violations || []") == []


def test_checklist_ticks_stay_from_disk(from_disk, unpacked: Path) -> None:
    from_disk.goto((unpacked / "checklists/account-security-basics.html").as_uri())
    box = from_disk.locator(".mfp-checklist input[type=checkbox]").first
    box.check()
    from_disk.reload()
    assert from_disk.locator(".mfp-checklist input[type=checkbox]").first.is_checked()


def test_without_its_inlined_index_the_copy_cannot_search(from_disk, unpacked: Path, tmp_path: Path) -> None:
    """The control: search from disk rests on search/search_index.js, so the test above can fail."""
    import shutil

    broken = tmp_path / FOLDER
    shutil.copytree(unpacked, broken)
    (broken / "search/search_index.js").unlink()
    from_disk.goto((broken / "index.html").as_uri())
    assert search(from_disk, "reversed") == []


def test_the_evidence_builder_saves_nothing_from_disk(from_disk, unpacked: Path) -> None:
    """Every file opened from disk shares one storage, so any local HTML file could read a saved copy."""
    from_disk.goto((unpacked / "evidence.html").as_uri())
    from_disk.locator("#mfp-evidence .mfp-evidence__form").wait_for()
    assert from_disk.locator(".mfp-evidence__save").is_hidden()
    assert "Saving is turned off in the offline copy" in from_disk.locator("#mfp-evidence").inner_text()
    from_disk.locator("#mfp-evidence [name=txid]").fill("0xabc")
    assert from_disk.evaluate("localStorage.getItem('mfp-evidence')") is None
