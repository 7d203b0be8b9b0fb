"""Calm, clear signals where a reader acts: the status of a source is said in words without an alarm
colour inside the steps, a myth is headlined by its verdict, and every page says at its top what
this site is (a frightened reader has often just been contacted by a fake "support" or "recovery" service)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

STEPS = "playbooks/account-takeover/"

MARKER_COLOURS = """() => {
    const colour = selector => { const link = document.querySelector(selector); return link && getComputedStyle(link).color; };
    return {
        unverified: colour(".mfp-steps .mfp-cite--unverified a"),
        verified: colour(".mfp-steps .mfp-cite--verified a"),
        text: getComputedStyle(document.querySelector(".mfp-steps li")).color,
    };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_unverified_marker_in_the_steps_looks_like_any_other_marker(phone, site_url: str, scheme: str) -> None:
    phone.emulate_media(color_scheme=scheme)
    phone.goto(site_url + STEPS, wait_until="networkidle")
    colours = phone.evaluate(MARKER_COLOURS)
    assert colours["unverified"] and colours["verified"], "the page needs both kinds of marker in its steps"
    assert colours["unverified"] == colours["verified"]
    assert "unverified" in phone.locator(".mfp-steps .mfp-cite--unverified a").first.inner_text()  # said in words


def test_the_marker_check_fails_on_an_alarm_coloured_marker(phone, site_url: str) -> None:
    phone.goto(site_url + STEPS, wait_until="networkidle")
    # Through the CSS object model: the site's policy (rightly) refuses an injected stylesheet.
    # (Material animates a link's colour: without the transition off, the old colour would still be read.)
    phone.evaluate("""() => { const style = document.querySelector(".mfp-steps .mfp-cite--unverified a").style;
        style.setProperty("transition", "none"); style.setProperty("color", "#b71c1c", "important"); }""")
    colours = phone.evaluate(MARKER_COLOURS)
    assert colours["unverified"] != colours["verified"]


def test_the_sources_page_keeps_the_full_status(phone, site_url: str) -> None:
    phone.goto(site_url + "sources/", wait_until="networkidle")
    status = phone.locator(".mfp-status--unverified").first
    status.scroll_into_view_if_needed()  # the page renders its records as they come near the screen
    expect(status).to_have_text("unverified", use_inner_text=True)  # as shown
    assert status.evaluate("s => getComputedStyle(s).color") != status.evaluate("s => getComputedStyle(s.parentElement).color")


def test_a_myth_is_headlined_by_its_verdict(phone, site_url: str) -> None:
    phone.goto(site_url + "myths/", wait_until="networkidle")
    headings = [text.strip() for text in phone.locator("article h2[id^=myth-]").all_inner_texts()]
    assert len(headings) >= 5
    faults = [h for h in headings if not h.startswith(("False:", "No source supports this:", "Misleading:"))]
    assert faults == []
    sizes = phone.evaluate("""() => [document.querySelector("article h2[id^=myth-]"), document.querySelector(".mfp-myth p")]
        .map(element => parseFloat(getComputedStyle(element).fontSize))""")
    assert sizes[0] <= 1.1 * sizes[1], "the false statement is not set in large type"
    phone.goto(site_url + STEPS, wait_until="networkidle")  # and where a playbook lists its myths
    listed = phone.locator(".mfp-myths li").all_inner_texts()
    assert listed and all(item.startswith(("False:", "No source supports this:", "Misleading:")) for item in listed)


@pytest.mark.parametrize("path", ["", STEPS, "checklists/account-security-basics/"])
def test_every_page_says_at_its_top_that_this_site_is_not_an_exchange(phone, site_url: str, path: str) -> None:
    phone.goto(site_url + path, wait_until="networkidle")
    notice = phone.locator(".mfp-notice")
    assert notice.is_visible()
    assert "Not an exchange" in notice.inner_text() and "never contacts you" in notice.inner_text()
    box = notice.bounding_box()
    assert box is not None and box["y"] < 100, "the notice must be the first thing on a phone screen"
