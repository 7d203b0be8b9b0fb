"""Privacy and safety as a reader's browser sees them: no request leaves the site, no cookie is set,
the Content-Security-Policy lets Material work and stops anything injected, and links to other
sites carry ``rel="noopener noreferrer"``. Each check is also shown failing on a page made to break it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .pages import PAGE_TYPES, page_id

WATCH_POLICY = (
    "document.addEventListener('securitypolicyviolation', "
    "e => (window.__violations = window.__violations || []).push(e.violatedDirective + ' ' + e.blockedURI))"
)


def _visitor(browser, **options):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, **options)
    context.add_init_script(WATCH_POLICY)
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.blocked = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    page.on("requestfailed", lambda request: request.failure == "csp" and page.blocked.append(request.url))  # type: ignore[attr-defined]
    return context, page


@pytest.fixture
def visitor(browser):
    """A fresh browser profile that records every request and every policy violation."""
    context, page = _visitor(browser)
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__violations || []")


def foreign_requests(page, site_url: str) -> list[str]:
    """Requests that went to another origin (Chromium announces a request the policy then blocks; those never left)."""
    origin = urlsplit(site_url).netloc
    return [url for url in page.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != origin and url not in page.blocked]  # fmt: skip


def links_without_noopener(page) -> list[str]:
    """Links to another site that would tell it where the reader came from, or give it a handle on this page."""
    return page.evaluate("""() => [...document.querySelectorAll("a[href]")].filter(a => {
        const url = new URL(a.href, location.href);
        const rel = (a.getAttribute("rel") || "").split(/\\s+/);
        return /^https?:$/.test(url.protocol) && url.host !== location.host && !(rel.includes("noopener") && rel.includes("noreferrer"));
    }).map(a => a.href)""")


@pytest.mark.parametrize("path", PAGE_TYPES, ids=page_id)
def test_every_page_type_keeps_the_reader_private(visitor, site_url: str, path: str) -> None:
    visitor.goto(site_url + path, wait_until="networkidle")
    policy = visitor.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy
    assert foreign_requests(visitor, site_url) == []
    assert visitor.context.cookies() == [] and visitor.evaluate("document.cookie") == ""
    assert violations(visitor) == []
    assert links_without_noopener(visitor) == []


def test_material_works_under_the_policy(visitor, site_url: str) -> None:
    """Search (a worker and its index), navigation and the colour toggle all run."""
    visitor.goto(site_url + "playbooks/", wait_until="networkidle")
    visitor.keyboard.press("/")
    visitor.keyboard.type("reversed")
    visitor.locator(".md-search-result__item").first.wait_for()
    visitor.keyboard.press("Escape")
    visitor.locator(".md-content article a[href$='/']:not([href^='#']):not([href^='..'])").first.click()  # a situation's page
    visitor.wait_for_load_state("networkidle")
    assert "/playbooks/" in visitor.url and visitor.url != site_url + "playbooks/"
    # The colour toggle's inline script runs under the policy: two presses go from the system's scheme
    # (light here) to light, then to dark.
    visitor.locator("button[data-mfp-scheme]").click()
    visitor.locator("button[data-mfp-scheme]").click()
    assert visitor.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert violations(visitor) == []
    assert foreign_requests(visitor, site_url) == []
    assert visitor.context.cookies() == []


HOSTILE = ('<img src="data:," onerror="window.__ran = (window.__ran || []).concat(\'handler\')">'
           "<script>window.__ran = (window.__ran || []).concat('inline')</script>")  # fmt: skip


@contextmanager
def probe_page(site_dir: Path, name: str, html: str) -> Iterator[str]:
    path = site_dir / name
    path.write_text(html, encoding="utf-8")
    try:
        yield name
    finally:
        path.unlink()


def _with_hostile_markup(site_dir: Path) -> str:
    html = (site_dir / "faq/index.html").read_text(encoding="utf-8")
    html = html.replace('href="../', 'href="./').replace('src="../', 'src="./')  # served from the root instead of faq/
    return html.replace("</article>", HOSTILE + '<script src="http://203.0.113.9/track.js"></script></article>', 1)


def test_the_policy_stops_injected_scripts_and_handlers(visitor, site_url: str, site_dir: Path) -> None:
    with probe_page(site_dir, "__hostile.html", _with_hostile_markup(site_dir)) as name:
        visitor.goto(site_url + name, wait_until="networkidle")
        assert visitor.evaluate("window.__ran || []") == []
        blocked = violations(visitor)
        assert any(v.startswith("script-src-attr") for v in blocked), blocked
        assert any(v.startswith("script-src-elem inline") for v in blocked), blocked
        assert any("203.0.113.9" in v for v in blocked), blocked
        assert foreign_requests(visitor, site_url) == []


def test_the_same_page_without_the_policy_runs_them(visitor, site_url: str, site_dir: Path) -> None:
    """The control: what the policy stops does run once it is gone, so the test above can fail."""
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", _with_hostile_markup(site_dir))
    html = html.replace('<script src="http://203.0.113.9/track.js"></script>', "")
    with probe_page(site_dir, "__unprotected.html", html) as name:
        visitor.goto(site_url + name, wait_until="networkidle")
        assert set(visitor.evaluate("window.__ran || []")) == {"handler", "inline"}


def test_the_noopener_check_finds_a_bare_link(visitor, site_url: str) -> None:
    visitor.goto(site_url + "okx/", wait_until="networkidle")
    visitor.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<a href=\"https://example.org/\">x</a>')")
    assert links_without_noopener(visitor) == ["https://example.org/"]


BEACON = "fetch('http://203.0.113.9/beacon', {mode: 'no-cors'}).catch(() => null)"


def test_the_policy_stops_a_beacon(visitor, site_url: str) -> None:
    visitor.goto(site_url + "faq/", wait_until="networkidle")
    visitor.evaluate(BEACON)
    visitor.wait_for_timeout(200)
    assert foreign_requests(visitor, site_url) == [] and any(v.startswith("connect-src") for v in violations(visitor))


def test_the_request_check_counts_a_beacon_that_leaves(browser, site_url: str) -> None:
    context, page = _visitor(browser, bypass_csp=True)
    page.route("http://203.0.113.9/**", lambda route: route.fulfill(status=204))  # answered inside the browser: nothing leaves this machine
    page.goto(site_url + "faq/", wait_until="networkidle")
    page.evaluate(BEACON)
    page.wait_for_timeout(200)
    assert foreign_requests(page, site_url) == ["http://203.0.113.9/beacon"]
    context.close()
