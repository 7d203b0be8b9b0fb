"""Browser fixtures: Debian's Chromium driven by Playwright, against the shipped site on loopback.

Playwright's own browser download cannot work here (no internet), so the tests launch
``/usr/bin/chromium`` (``make test`` installs it). Every request the page makes is recorded, so a
test can assert that nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, shipped_env

from generator.linkcheck import serve_site
from generator.printing import CHROMIUM, CHROMIUM_ARGS  # Debian's Chromium; CHROMIUM_PATH points at another build


@contextmanager
def served_build(root: Path, site: Path, *extra: str, without_checks: tuple[str, ...] = ()) -> Iterator[str]:
    """Build ``root``'s content into ``site`` for a loopback address and serve it there; yield the address.

    The site is built with that address as its site_url, so its canonical links and sitemap name
    the pages the browser loads. ``without_checks`` names
    content checks to switch off in that build, to show what the pages' own defences do with
    content that a check would have refused.
    """
    env = shipped_env()
    skip = f"import generator.checks as c; [c.CHECKS.pop(name) for name in {list(without_checks)!r}]; "
    run = ["-c", skip + "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))"]
    with serve_site(site) as address:  # the folder is read per request, so it may appear after the server starts
        build = subprocess.run([sys.executable, *run, "--root", str(root), "build", "--site-dir", str(site), "--site-url", address, *extra],
                               capture_output=True, text=True, check=False, env=env)  # fmt: skip
        assert build.returncode == 0, build.stdout + build.stderr
        yield address


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder :func:`site_url` serves; a test may add a page of its own there (and remove it)."""
    return tmp_path_factory.mktemp("served") / "site"


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The shipped site, built for and served on a free loopback port, for the whole session."""
    with served_build(REPO, site_dir, "--with-offline") as address:
        yield address


QUIET_S = 0.15
"""How long no request may be open before a page counts as idle. Playwright's own "networkidle" waits
500 ms, on each of a few hundred page loads in this suite; the site's own requests start while it
loads (its scripts, the search worker and its index), none later."""
SETTLE_LIMIT_S = 10.0
"""After this long without a quiet moment, Playwright's own "networkidle" decides."""


@pytest.fixture(scope="session", autouse=True)
def _idle_after_load() -> Iterator[None]:
    """``goto(..., wait_until="networkidle")`` waits for the page's load event, then for the network to
    be quiet (:data:`QUIET_S` with no request open).

    The site's scripts are deferred (generator/theme/main.html), and Chromium may report the network
    idle while a long page is still running them (the sources page was seen "interactive", its colour
    scheme not yet applied): a test must read the page as a reader meets it, after its scripts ran.
    """
    from playwright.sync_api import Page

    original = Page.goto

    def goto(self: Page, url: str, **options: Any) -> Any:
        if options.get("wait_until") != "networkidle":
            return original(self, url, **options)
        network = _network_of(self)
        response = original(self, url, **{**options, "wait_until": "load"})
        deadline = time.monotonic() + SETTLE_LIMIT_S
        while network.open or time.monotonic() - network.last < QUIET_S:
            if time.monotonic() > deadline:
                self.wait_for_load_state("networkidle")
                break
            self.wait_for_timeout(25)
        return response

    Page.goto = goto  # type: ignore[method-assign]
    yield
    Page.goto = original  # type: ignore[method-assign]


@dataclass
class _Network:
    """The requests of one page that are still open, and when the last one opened or ended."""

    open: set[Any] = field(default_factory=set)
    last: float = 0.0

    def opened(self, request: Any) -> None:
        self.open.add(request)
        self.last = time.monotonic()

    def ended(self, request: Any) -> None:
        self.open.discard(request)
        self.last = time.monotonic()


def _network_of(page: Any) -> _Network:
    network = getattr(page, "_mfp_network", None)
    if network is None:
        network = page._mfp_network = _Network()
        page.on("request", network.opened)
        page.on("requestfinished", network.ended)
        page.on("requestfailed", network.ended)
    return network


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A 375-px-wide phone page; ``page.requests`` lists every URL it asked for."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    yield page
    context.close()
