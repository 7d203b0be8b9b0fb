"""What a reader on a 375-px phone sees: every page fits the screen, no word is cut in two across
lines (the risk table once read "Pric/e/swin/gs"), and nothing loads from elsewhere."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .pages import PAGE_TYPES, page_id

CHOPPED_WORDS = """() => {
    // A run of letters or digits whose glyphs sit on more than one line: a word the layout cut in
    // two (a break at a space, a hyphen or a slash is no cut). Text hidden from view has no boxes.
    const chopped = [], range = document.createRange();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
        const parent = node.parentElement;
        const hidden = !parent.checkVisibility({opacityProperty: true, visibilityProperty: true});
        if (hidden || parent.closest("svg, script, style, noscript")) continue;
        for (const word of node.data.matchAll(/[\\p{L}\\p{N}]+/gu)) {
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].filter(box => box.width > 0).map(box => Math.round(box.bottom)));
            if (lines.size > 1) chopped.push(`${word[0]} (in ${parent.tagName.toLowerCase()}: "${node.data.trim().slice(0, 50)}")`);
        }
    }
    return chopped;
}"""


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a path under its address (the 404 page aside)."""
    return sorted(str(page.parent.relative_to(site)) + "/" if page.parent != site else "" for page in site.glob("**/index.html"))


def test_every_page_reads_on_a_phone(phone, site_url: str, site_dir: Path) -> None:
    """No page scrolls sideways and no word is chopped, on every page the site has, not only one per type."""
    pages = site_pages(site_dir)
    assert len(pages) > 40
    faults = []
    for path in pages:
        phone.goto(site_url + path, wait_until="networkidle")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            faults.append(f"{path or 'start'}: {width}px wide")
        faults += [f"{path or 'start'}: {word}" for word in phone.evaluate(CHOPPED_WORDS)]
    assert faults == []


def test_the_chopped_word_check_can_fail(phone, site_url: str) -> None:
    phone.goto(site_url + "risks/", wait_until="networkidle")
    phone.evaluate("""() => { const cell = document.body.appendChild(document.createElement("div"));
        cell.textContent = "Priceswings"; cell.style.cssText = "width: 2em; overflow-wrap: anywhere"; }""")
    assert any(word.startswith("Priceswings") for word in phone.evaluate(CHOPPED_WORDS))


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


def test_the_question_map_says_it_scrolls_before_it_starts(phone, site_url: str) -> None:
    """The map is wider than a phone: the caption above it says to swipe, and its right edge fades out."""
    phone.goto(site_url + "map/", wait_until="networkidle")
    region = phone.locator(".mfp-flowchart__scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    caption = phone.locator(".mfp-flowchart figcaption")
    assert "sideways" in caption.inner_text()
    assert caption.bounding_box()["y"] + caption.bounding_box()["height"] <= region.bounding_box()["y"]
    fade = phone.locator(".mfp-flowchart__frame").evaluate("f => getComputedStyle(f, '::after').backgroundImage")
    assert fade.startswith("linear-gradient")


def test_a_source_marker_lands_on_its_claim(phone, site_url: str) -> None:
    """A marker's link lands on its claim, in view, however far down the sources page it is (Material's
    instant navigation kept the old page's scroll position instead: mkdocs.yml turns it off)."""
    phone.goto(site_url + "faq/", wait_until="networkidle")
    marker = phone.locator("sup.mfp-cite a").last
    target = marker.get_attribute("href").split("#")[1]
    marker.click()
    phone.wait_for_url(f"**#{target}")
    phone.wait_for_load_state("networkidle")
    phone.wait_for_timeout(500)
    box = phone.locator(f"#{target}").bounding_box()
    assert box is not None and 0 <= box["y"] < 400 and box["height"] > 20, box
