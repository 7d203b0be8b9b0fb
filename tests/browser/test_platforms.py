"""Choosing an exchange: a situation shows that exchange's steps, remembered and shareable.

The mini corpus has two profiled platforms and the general one, so every situation whose steps use
platform facts has three blocks. With JavaScript the reader's choice (start page, or the address)
shows one; without JavaScript all of them show, one after another, with jump links; a printed
page shows the chosen one and names it. The no-JavaScript and printed texts of one situation are
golden files (tests/golden/browser/), regenerated with ``UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_project
from playwright.sync_api import Page, expect

from browser.conftest import served_build

GOLDEN = Path(__file__).parent.parent / "golden" / "browser"
SITUATION = "playbooks/withdrawal-locked/"
PLATFORMS = ("demo", "sample", "elsewhere")


@pytest.fixture(scope="module")
def mini_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_project(tmp_path_factory.mktemp("platforms") / "project")
    with served_build(root, root / "site") as address:
        yield address


def _shown(page: Page) -> list[str]:
    """The platforms whose steps a reader sees."""
    return [platform for platform in PLATFORMS if page.locator(f"#on-{platform}").is_visible()]


def _text(page: Page) -> str:
    """What a reader sees of the article, one line per block, as the golden files keep it."""
    text = page.locator("article").inner_text()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_the_choice_follows_the_reader_through_reload_and_shared_links(browser, mini_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(mini_url)
    chooser = page.locator("[data-mfp-chooser]")
    expect(chooser).to_be_visible()
    page.get_by_label("Sample Exchange").check()
    expect(page).to_have_url(re.compile(r"\?platform=sample"))

    page.locator(".mfp-all a", has_text="I cannot withdraw").click()
    page.wait_for_url(re.compile("withdrawal-locked"))
    expect(page.locator("#on-sample")).to_be_visible()
    assert _shown(page) == ["sample"]
    assert "?platform=sample" in page.url, "the address carries the choice, ready to share"
    expect(page.locator("#on-sample")).to_contain_text("Sample Exchange does not hold withdrawals")

    page.reload()
    assert _shown(page) == ["sample"]

    shared = browser.new_context(viewport={"width": 375, "height": 800})  # someone else, nothing stored
    friend = shared.new_page()
    friend.goto(mini_url + SITUATION + "?platform=demo")
    expect(friend.locator("#on-demo")).to_be_visible()
    assert _shown(friend) == ["demo"]
    expect(friend.locator("#on-demo")).to_contain_text("24 hours")
    friend.goto(mini_url + "playbooks/account-takeover/")  # the shared choice is now theirs
    assert _shown(friend) == ["demo"]
    assert "?platform=demo" in friend.url
    shared.close()

    page.goto(mini_url + SITUATION)  # the first reader's own choice is untouched by the shared link
    assert _shown(page) == ["sample"]
    page.locator("[data-platform-link=elsewhere]").click()  # a jump link changes the choice
    assert _shown(page) == ["elsewhere"]
    page.reload()
    assert _shown(page) == ["elsewhere"]
    context.close()


def test_a_platform_page_sets_the_choice(browser, mini_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(mini_url + "demo/")
    page.get_by_role("button", name="Show Demo Exchange's steps in every situation").click()
    page.goto(mini_url + SITUATION)
    assert _shown(page) == ["demo"]
    context.close()


def test_a_platform_pages_situation_link_shows_its_steps(browser, mini_url: str) -> None:
    """A platform's page links each situation as #on-ID (one address per situation for crawlers): the
    anchor chooses the platform, and the address then carries it for sharing."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(mini_url + "sample/")
    page.locator(".mfp-situations a", has_text="I cannot withdraw").click()
    page.wait_for_url(re.compile("withdrawal-locked"))
    expect(page.locator("#on-sample")).to_be_visible()
    assert _shown(page) == ["sample"] and "platform=sample" in page.url
    context.close()


def test_without_javascript_every_platform_shows_with_anchors(browser, mini_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(mini_url + SITUATION + "?platform=sample")
    assert _shown(page) == list(PLATFORMS)
    expect(page.locator("[data-mfp-chooser]")).to_have_count(0)  # the chooser lives on the start page only
    page.goto(mini_url)
    expect(page.locator("[data-mfp-chooser]")).to_be_hidden()
    page.goto(mini_url + SITUATION)
    page.get_by_role("link", name="Sample Exchange", exact=True).click()
    assert page.url.endswith("#on-sample")
    _golden("withdrawal-locked.no-javascript.txt", _text(page))
    context.close()


def test_a_printed_situation_shows_the_chosen_platform_and_names_it(browser, mini_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(mini_url + SITUATION + "?platform=demo")
    page.emulate_media(media="print")
    assert _shown(page) == ["demo"]
    printed = _text(page)
    assert "Steps for Demo Exchange" in printed and "Sample Exchange" not in printed
    _golden("withdrawal-locked.print-demo.txt", printed)
    context.close()


def test_the_shipped_site_offers_its_platforms(phone: Page, site_url: str) -> None:
    phone.goto(site_url)
    phone.get_by_label("OKX").check()
    phone.goto(site_url + "playbooks/account-takeover/")
    assert phone.locator("#on-okx").is_visible() and not phone.locator("#on-another-exchange").is_visible()
    expect(phone.locator("#on-okx")).to_contain_text("freeze")
