"""Accessibility as a reader meets it: axe-core finds no violation on any page type (the issue asks
for none serious or critical; the site has none of any impact, and keeps it so), search, checklists
and triage work from the keyboard alone with a visible focus, and the risk matrix reads the same
without colour. Each check is also shown failing on a page made to break it.

axe-core comes from its npm package (``npm ci`` at set-up), never from the network.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from .pages import PAGE_TYPES, page_id

AXE = REPO / "node_modules/axe-core/axe.min.js"


@pytest.fixture
def reader(browser):
    """A desktop page that may inject axe-core: the site's CSP (rightly) refuses injected scripts."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing; `make setup` installs the npm packages")
    context = browser.new_context(viewport={"width": 1100, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page, one readable line each."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
        .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))""")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['nodes'])}" for v in violations]


def focus_is_visible(page) -> bool:
    """Whether the focused element is drawn with an outline or a ring a sighted keyboard user can see."""
    return page.evaluate("""() => {
        const element = document.activeElement;
        if (!element || element === document.body) return false;
        const style = getComputedStyle(element);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        const ring = style.boxShadow && style.boxShadow !== "none";
        return outline || ring;
    }""")


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches ``selector``, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement && document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGE_TYPES, ids=page_id)
def test_no_violation(reader, site_url: str, path: str, scheme: str) -> None:
    """Every rule of axe-core, in both colour schemes: a phone set to dark gets Material's dark scheme unasked."""
    reader.emulate_media(color_scheme=scheme)
    reader.goto(site_url + path, wait_until="networkidle")
    assert reader.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    assert axe_violations(reader) == []


def test_axe_finds_a_page_made_to_violate(reader, site_url: str) -> None:
    reader.goto(site_url + "faq/", wait_until="networkidle")
    reader.evaluate("""() => document.querySelector("article").insertAdjacentHTML("beforeend",
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button><a href="#x"></a>')""")
    found = axe_violations(reader)
    assert any(line.startswith("image-alt") for line in found) and any(line.startswith("button-name") for line in found)


def test_search_by_keyboard_alone(reader, site_url: str) -> None:
    reader.goto(site_url + "playbooks/", wait_until="networkidle")
    reader.keyboard.press("/")
    assert reader.evaluate("document.activeElement.matches('input.md-search__input')")
    # Search answers each key as it is typed; a later answer redraws the list and takes the focus from a result
    # (a full run saw document.activeElement.href gone): the reader's arrow comes once the list has settled.
    reader.evaluate("""() => { window.__mfpChanged = performance.now();
        new MutationObserver(() => { window.__mfpChanged = performance.now() })
            .observe(document.querySelector(".md-search-result"), { childList: true, subtree: true }) }""")
    reader.keyboard.type("reversed")
    reader.locator(".md-search-result__item").first.wait_for()
    reader.wait_for_function("() => performance.now() - window.__mfpChanged > 400", polling=100)
    reader.keyboard.press("ArrowDown")
    assert reader.evaluate("document.activeElement.matches('.md-search-result__link')")
    assert focus_is_visible(reader)
    target = reader.evaluate("document.activeElement.href")
    reader.keyboard.press("Enter")
    reader.wait_for_url(target.split("#")[0] + "**")
    assert reader.locator(".md-content h1").is_visible()


def test_checklist_by_keyboard_alone(reader, site_url: str) -> None:
    reader.goto(site_url + "checklists/account-security-basics/", wait_until="networkidle")
    tab_to(reader, ".mfp-checklist input[type=checkbox]")
    assert focus_is_visible(reader)
    reader.keyboard.press("Space")
    assert reader.evaluate("document.activeElement.checked")
    assert "1 of" in reader.locator(".mfp-checklist__progress").first.inner_text()
    reader.keyboard.press("Space")
    assert not reader.evaluate("document.activeElement.checked")


def test_triage_by_keyboard_alone(reader, site_url: str) -> None:
    reader.goto(site_url, wait_until="networkidle")
    tab_to(reader, "a.mfp-option")
    for _ in range(10):  # answer each follow-up question on the page with its first option
        assert focus_is_visible(reader)
        # Material's instant navigation makes every link absolute: a follow-up question is a link to this page with an anchor.
        target = reader.evaluate("(l => l.pathname === location.pathname && l.hash ? l.hash : '')(new URL(document.activeElement.href))")
        reader.keyboard.press("Enter")
        if not target:
            break
        reader.wait_for_url(f"**{target}")
        reader.wait_for_function("target => document.activeElement.id === target", arg=target[1:])  # the question takes the focus
        tab_to(reader, "a.mfp-option")  # so Tab goes on to its answers
        assert reader.evaluate("document.activeElement.closest('.mfp-triage').previousElementSibling.id") == target[1:]
    reader.wait_for_url("**/playbooks/**")
    assert reader.locator(".md-content h1").is_visible()


def test_the_focus_check_fails_when_focus_is_hidden(reader, site_url: str) -> None:
    reader.goto(site_url + "checklists/account-security-basics/", wait_until="networkidle")
    reader.add_style_tag(content="*, *:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }")
    tab_to(reader, ".mfp-checklist input[type=checkbox]")
    assert not focus_is_visible(reader)


def matrix_without_colour(page) -> list[str]:
    """Cells of the risk matrix whose level a reader who cannot tell colours apart could not read."""
    return page.evaluate("""() => [...document.querySelectorAll(".mfp-matrix td")].filter(cell => {
        const level = [...cell.classList].find(c => c.startsWith("mfp-level--")).slice("mfp-level--".length);
        const name = cell.querySelector(".mfp-level__name");
        return !name || name.innerText.trim().toLowerCase() !== level || name.offsetHeight === 0;
    }).map(cell => cell.closest("tr").querySelector("th").innerText + " × " + cell.cellIndex)""")


def test_the_risk_matrix_reads_without_colour(reader, site_url: str) -> None:
    reader.goto(site_url + "risks/", wait_until="networkidle")
    reader.emulate_media(forced_colors="active")  # high-contrast mode: the browser replaces every colour
    cells = reader.locator(".mfp-matrix td")
    assert cells.count() == 16
    assert matrix_without_colour(reader) == []


def test_the_colour_check_fails_on_a_matrix_of_colours_only(reader, site_url: str) -> None:
    reader.goto(site_url + "risks/", wait_until="networkidle")
    reader.add_style_tag(content=".mfp-level__name { display: none; }")
    assert len(matrix_without_colour(reader)) == 16


def test_axe_is_the_npm_package() -> None:
    assert Path(AXE).read_text(encoding="utf-8").startswith("/*! axe v")


def test_axe_finds_low_contrast_in_the_dark_scheme(reader, site_url: str) -> None:
    """The dark-scheme runs can fail: Material's primary indigo on the slate background is 2.3:1."""
    reader.emulate_media(color_scheme="dark")
    reader.goto(site_url + "faq/", wait_until="networkidle")
    reader.evaluate("document.querySelector('article p').style.setProperty('color', '#4051b5', 'important')")
    assert any(line.startswith("color-contrast") for line in axe_violations(reader))
