"""The reader in distress: each scenario (the seed's and the situations readers really meet) reaches its
playbook in at most three taps, without JavaScript; a playbook's first phone screen names the situation and the first steps; the standing
warning is on every playbook; the triage map and the risk matrix work as pictures with words."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from generator.pipeline import generate

SEE, BALANCE, DEPOSIT = "I see a withdrawal, login or change I did not make", "My balance is lower, or a coin is missing", \
    "A deposit or a P2P trade hasn't come through"
WITHDRAWAL, ACCESS = "A withdrawal is stuck, or went to the wrong place", "I can't log in or withdraw, or my account is restricted"
CONTACTED, WALLET = "Someone contacted me about my account, or offers to recover funds", "Crypto left my own wallet, not an exchange"
SCENARIOS = {
    # scenario → the taps a reader makes on the start page → the playbook they must land on
    "2FA or password just changed, cannot withdraw": (
        [ACCESS, "I can't withdraw after changing my password or 2FA"], "security-change-lock"),
    "balance lower after moving funds (Funding vs Trading)": (
        [BALANCE, "None of these", "I traded, or moved funds between my accounts"], "funds-in-another-account"),
    "deposit not credited": ([DEPOSIT, "My crypto deposit hasn't shown up"], "deposit-not-credited"),
    "withdrawal pending": ([WITHDRAWAL, "It is still pending, or says completed but hasn't arrived"], "withdrawal-pending"),
    "platform incident or maintenance": (["The app or website is down or shows errors"], "platform-incident"),
    "unauthorized access": ([SEE, "No, and I can still log in"], "account-takeover"),
    "phishing and recovery scams": ([CONTACTED, "Someone who offers to recover lost funds"], "phishing-and-recovery-scams"),
    # the situations readers really meet (issue 18)
    "a withdrawal I did not make is still pending": ([SEE, "Yes, it is still pending or processing"], "unauthorized-withdrawal-pending"),
    "locked out by whoever got in": ([SEE, "No, and I can't log in any more"], "locked-out"),
    "lost the phone with the authenticator": (
        [ACCESS, "I lost my phone, authenticator app or security key"], "lost-second-factor"),
    "the exchange restricted the account": ([ACCESS, "The exchange restricted or froze my account"], "account-restricted"),
    "a deposit held for Travel Rule details": ([DEPOSIT, "The exchange is holding it and asks who sent it"], "deposit-held-travel-rule"),
    "wrong network or missing memo": ([DEPOSIT, "I picked the wrong network, or left out the memo or tag"], "wrong-network-or-memo"),
    "sent to the wrong address": ([WITHDRAWAL, "I sent it to the wrong address"], "sent-to-wrong-address"),
    "address poisoning": ([WITHDRAWAL, "I copied the address from my history, and it looks slightly different"], "address-poisoning"),
    "self-custody wallet drained": ([WALLET, "Funds left it and I didn't send them"], "wallet-drained"),
    "a coin vanished": ([BALANCE, "A coin is gone, renamed or swapped for another"], "coin-vanished"),
    "a liquidation or fee": ([BALANCE, "A liquidation, fee or deduction I don't understand"], "liquidation-and-deductions"),
    "a P2P trade dispute": ([DEPOSIT, "My P2P buyer hasn't paid, or the seller hasn't released"], "p2p-dispute"),
    "fake support": ([CONTACTED, "Someone who says they are support from my exchange"], "fake-support"),
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
    assert "fast report" in warning.inner_text() and "scam" in warning.inner_text()
    assert warning.locator(".mfp-cite a").count() >= 2, "the standing warning cites its sources"


def test_the_triage_map_links_every_playbook_without_javascript(no_js_phone, site_url: str) -> None:
    """The map has a page of its own (it weighs more than the rest of the start page), which the start page links."""
    no_js_phone.goto(site_url + "#map")
    no_js_phone.locator("#map + p a").click()
    no_js_phone.wait_for_url(re.compile(r"/map/$"))
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
