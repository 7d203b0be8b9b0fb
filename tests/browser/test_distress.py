"""The reader in distress: each seed scenario reaches its playbook in at most three taps, without
JavaScript; a playbook's first phone screen names the situation and the first steps; the standing
warning is on every playbook; the triage map and the risk matrix work as pictures with words."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from generator.pipeline import generate

SCENARIOS = {
    # seed scenario → the taps a reader makes on the start page → the playbook they must land on
    "2FA or password just changed, cannot withdraw": (["I can't withdraw after changing my password or 2FA"], "security-change-lock"),
    "balance lower after moving funds (Funding vs Trading)": (
        ["My balance is lower or zero", "No, nothing like that", "I traded, or moved funds between my accounts"],
        "funds-in-another-account"),
    "deposit not credited": (["A deposit hasn't arrived"], "deposit-not-credited"),
    "withdrawal pending": (["A withdrawal is stuck or hasn't arrived"], "withdrawal-pending"),
    "platform incident or maintenance": (["The app or website is down or shows errors"], "platform-incident"),
    "unauthorized access": (["My balance is lower or zero", "Yes, there is activity I didn't do"], "account-takeover"),
    "phishing and recovery scams": (["Someone contacted me about my account, or offers to recover funds"], "phishing-and-recovery-scams"),
}  # fmt: skip


@pytest.fixture
def no_js_phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 667}, java_script_enabled=False, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(("taps", "playbook"), SCENARIOS.values(), ids=SCENARIOS.keys())
def test_each_seed_scenario_reaches_its_playbook_in_three_taps_without_javascript(
    no_js_phone, site_url: str, taps: list[str], playbook: str
) -> None:
    assert len(taps) <= 3
    no_js_phone.goto(site_url)
    for label in taps:
        option_label = no_js_phone.locator(".mfp-option__label", has_text=re.compile(f"^{re.escape(label)}$"))
        no_js_phone.locator(".mfp-option", has=option_label).first.click()
    no_js_phone.wait_for_url(re.compile(rf"playbooks/{playbook}/$"))


def test_every_playbook_is_reachable_from_the_start_page() -> None:
    content = generate(REPO).content
    reached, queue = set(), [content.start.start.target]
    while queue:
        question = queue.pop()
        for option in question.options:
            if option.next:
                queue.append(option.next.target)
            else:
                reached.add(option.playbook.target.id)
    assert reached == {playbook.id for playbook in content.playbooks}


@pytest.mark.parametrize("playbook", sorted({playbook for _, playbook in SCENARIOS.values()}))
def test_a_playbook_first_phone_screen_names_the_situation_and_the_first_step(phone, site_url: str, playbook: str) -> None:
    phone.set_viewport_size({"width": 375, "height": 667})
    phone.goto(site_url + f"playbooks/{playbook}/")
    title, first_step = phone.locator("article h1"), phone.locator(".mfp-steps li").first.locator("strong").first
    for element in (title, first_step):
        box = element.bounding_box()
        assert box and box["y"] + box["height"] <= 667, f"{playbook}: {element} is below the first screen"
    warning = phone.locator(".mfp-warning")
    assert "cannot be undone" in warning.inner_text() and "scammer" in warning.inner_text()
    assert warning.locator(".mfp-cite a").count() >= 2, "the standing warning cites its sources"


def test_the_triage_map_links_every_playbook_without_javascript(no_js_phone, site_url: str) -> None:
    no_js_phone.goto(site_url + "#map")
    links = no_js_phone.locator(".mfp-flowchart svg a")
    targets = {re.sub(r"^.*playbooks/", "", links.nth(index).get_attribute("xlink:href")).strip("/") for index in range(links.count())}
    assert targets == {playbook for _, playbook in SCENARIOS.values()}
    assert no_js_phone.locator(".mfp-flowchart svg title").text_content().startswith("Find your next step")
    page_width = no_js_phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 375, "the map scrolls inside its own box, not the page"
    links.first.click()
    no_js_phone.wait_for_url(re.compile(r"playbooks/[a-z-]+/$"))


def test_the_risk_matrix_names_every_level_in_words_and_links_each_risk(phone, site_url: str) -> None:
    phone.goto(site_url + "risks/")
    cells = phone.locator(".mfp-matrix td")
    assert cells.count() == 16
    for index in range(cells.count()):
        assert cells.nth(index).locator(".mfp-level__name").inner_text().lower() in ("low", "medium", "high", "critical")
    links = phone.locator(".mfp-matrix td a")
    assert links.count() >= 6
    for index in range(links.count()):
        anchor = links.nth(index).get_attribute("href").split("#")[1]
        assert phone.locator(f"#{anchor}").count() == 1
