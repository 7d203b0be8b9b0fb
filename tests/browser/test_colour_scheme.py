"""The colour scheme: a phone set to dark gets the dark scheme from its first paint, and the header's
toggle (system → light → dark) is remembered from page to page, at no cost to the page's start-up.

The toggle is the site's own (``generator/theme/partials/palette.html`` and its inline script in
``partials/javascripts/palette.html``), not Material's palette component: on every page load that
component restyled the whole page four times (tests/lighthouse.py measured the sources page's
phone performance at 82-88 with it, 98 without), and a dark phone saw the light scheme until
Material's bundle had run.
"""

from __future__ import annotations

import pytest

PAGE = "playbooks/account-takeover/"

RECORD_SCHEME_AT_CONTENT = """
new MutationObserver((changes, observer) => {
    if (document.querySelector(".md-main")) {
        window.__schemeAtContent = document.body.getAttribute("data-md-color-scheme");
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""
"""Records the body's scheme when the parser reaches the page's content: before its first paint."""

TOGGLE = "button[data-mfp-scheme]"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_reader_s_scheme_is_there_before_the_content(phone, site_url: str, scheme: str) -> None:
    phone.emulate_media(color_scheme=scheme)
    phone.add_init_script(RECORD_SCHEME_AT_CONTENT)
    phone.goto(site_url + PAGE, wait_until="networkidle")
    wanted = "slate" if scheme == "dark" else "default"
    assert phone.evaluate("window.__schemeAtContent") == wanted
    assert phone.evaluate("document.body.dataset.mdColorScheme") == wanted


def _scheme(page) -> str:
    return str(page.evaluate("document.body.dataset.mdColorScheme"))


def _system_turns(page, scheme: str) -> None:
    """The system's preference changes, and the page's own change listener has run.

    A listener on a query made now hears the change after the page's (browsers report media query changes in
    the order the queries were made); the wait ends a frame after it, whatever the machine's load."""
    page.evaluate("""scheme => { window.__turned = new Promise(done =>
        matchMedia(`(prefers-color-scheme: ${scheme})`).addEventListener("change", done, {once: true})) }""", scheme)
    page.emulate_media(color_scheme=scheme)
    page.evaluate("() => window.__turned.then(() => new Promise(done => requestAnimationFrame(() => setTimeout(done))))")


def test_the_toggle_cycles_and_is_remembered(phone, site_url: str) -> None:
    phone.emulate_media(color_scheme="dark")
    phone.goto(site_url + PAGE, wait_until="networkidle")
    toggle = phone.locator(TOGGLE)
    assert _scheme(phone) == "slate" and toggle.get_attribute("aria-label") == "Switch to light mode"
    toggle.click()
    assert _scheme(phone) == "default" and toggle.get_attribute("aria-label") == "Switch to dark mode"
    phone.goto(site_url + "faq/", wait_until="networkidle")  # remembered on the next page, against the system's dark
    assert _scheme(phone) == "default"
    toggle.click()
    assert _scheme(phone) == "slate" and toggle.get_attribute("aria-label") == "Switch to system preference"
    _system_turns(phone, "light")  # a chosen scheme holds when the system changes
    assert _scheme(phone) == "slate"
    toggle.click()  # back to the system's, which follows it as it changes
    assert _scheme(phone) == "default"
    _system_turns(phone, "dark")
    assert _scheme(phone) == "slate"
    assert phone.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"


def test_the_toggle_is_a_named_button_with_one_icon(phone, site_url: str) -> None:
    phone.goto(site_url + PAGE, wait_until="networkidle")
    toggle = phone.get_by_role("button", name="Switch to light mode")
    assert toggle.is_visible()
    assert toggle.locator("svg:visible").count() == 1


def test_without_javascript_there_is_no_toggle(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + PAGE)
        assert page.locator(TOGGLE).count() == 1 and not page.locator(TOGGLE).is_visible()
    finally:
        context.close()
