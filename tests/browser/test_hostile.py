"""Pages built from hostile text run no injected code: no dialog, no script error, no foreign request,
and the payloads are on the page as plain characters."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest
from conftest import REPO, make_project

from browser.conftest import served_build

HOSTILE = [REPO / "tests/cases/valid/hostile-text-is-data/content", REPO / "tests/cases/valid/hostile-markup-everywhere/content"]
PAGES = ["", "faq/", "playbooks/account-takeover/", "checklists/basics/", "checklists/prevention-pack/", "sources/"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    project = make_project(tmp_path_factory.mktemp("hostile") / "project")
    for overlay in HOSTILE:
        shutil.copytree(overlay, project / "content", dirs_exist_ok=True)
    with served_build(project, project / "site") as address:
        yield address


@pytest.mark.parametrize("path", PAGES, ids=[path or "start" for path in PAGES])
def test_hostile_text_runs_no_code(browser, hostile_site: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    dialogs, errors, requests = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    page.goto(hostile_site + path)
    page.wait_for_timeout(300)
    for checkbox in page.locator(".mfp-checklist input[type=checkbox]").all():
        checkbox.check()
    page.mouse.move(10, 10)
    context.close()
    assert dialogs == [] and errors == []
    assert {urlsplit(url).hostname for url in requests if url.startswith("http")} == {"127.0.0.1"}


def test_the_payloads_are_shown_as_text(browser, hostile_site: str) -> None:
    page = browser.new_page()
    page.goto(hostile_site + "playbooks/account-takeover/")
    text = page.locator("article").inner_text()
    assert "Someone <svg onload=alert(document.domain)> is in my account" in text
    assert "<details open ontoggle=alert(document.domain)>" in text
    assert page.locator("article svg[onload], article iframe, article details, article style, article [onclick]").count() == 0
    page.goto(hostile_site + "checklists/basics/")
    assert page.locator("article script, article form, article img[onerror]").count() == 0
    assert 'Account basics "><script>alert(document.domain)</script>' in page.locator("h1").inner_text()
    page.close()
