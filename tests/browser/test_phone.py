"""What a reader on a 375-px phone sees: every page type fits the screen and loads nothing from elsewhere."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .pages import PAGE_TYPES, page_id


@pytest.mark.parametrize("path", PAGE_TYPES, ids=page_id)
def test_page_fits_a_phone_and_stays_on_this_origin(phone, site_url: str, path: str) -> None:
    response = phone.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path or 'start'} is {width}px wide on a 375px screen"
    assert phone.locator("h1").first.is_visible()
    origin = urlsplit(site_url).netloc
    foreign = [url for url in phone.requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != origin]
    assert foreign == []


def test_the_width_check_can_fail(phone, site_url: str) -> None:
    phone.goto(site_url, wait_until="networkidle")
    # Through the CSS object model: the site's policy (rightly) ignores a style="" attribute.
    phone.evaluate("document.body.appendChild(document.createElement('div')).style.cssText = 'width:900px;height:10px'")
    assert phone.evaluate("document.documentElement.scrollWidth") > 375


def test_start_page_routes_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url)
    page.locator(".mfp-option").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.is_visible()
    assert page.url != site_url or "#q-" in page.url
    context.close()
