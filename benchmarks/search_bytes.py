"""Bytes a reader downloads for search before the first result appears, measured in Chromium.

For each query of :data:`QUERIES`, in a fresh browser (empty cache): open the start page as a phone
does, open search, type the query (all at once, as a paste: one query, not one per letter) and wait
for the first result. Every response counts that came after search was opened, and those of search
that came with the page itself (Material's ``search/search_index.json`` and the worker scripts, which
it fetches on every page). Each counts with its body gzipped at :data:`benchmarks.measure.GZIP_LEVEL`,
as a host serves it, or as it is where that is smaller (Pagefind's index files come compressed).

Debian's Chromium (``generator.printing.CHROMIUM``), on a loopback server of the built folder: nothing
leaves the machine.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .measure import gzipped

QUERIES = ("hacked", "withdrawal pending for hours", "deposit not arrived", "sent usdt on wrong chain", "binance froze my account",
           "seed phrase stolen", "police report", "where is my money")  # fmt: skip
"""A fixed set from ``tests/search/queries.yaml``: one word and several, common words and rare ones."""
SEARCH_PATHS = ("search/", "assets/javascripts/workers/", "pagefind/")
"""What belongs to search among the files a page loads before search is opened."""
RESULT_TIMEOUT_MS = 30_000


def _size(body: bytes) -> int:
    return min(len(body), gzipped(body))


def measure(site: Path, queries: tuple[str, ...] = QUERIES) -> dict[str, Any]:
    """Bytes before the first result for each query over the built ``site``, and their median and maximum."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from generator.linkcheck import serve_site
    from generator.printing import CHROMIUM, CHROMIUM_ARGS

    per_query: dict[str, Any] = {}
    with serve_site(site) as address, sync_playwright() as playwright:
        root = urlsplit(address).path
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
                page = context.new_page()
                seen: list[tuple[float, str, int]] = []

                def record(response: Any, seen: list[tuple[float, str, int]] = seen) -> None:
                    try:
                        body = response.body()
                    except PlaywrightError:  # a redirect or an aborted request has no body
                        return
                    seen.append((time.perf_counter(), urlsplit(response.url).path.removeprefix(root), _size(body)))

                page.on("response", record)
                said: list[str] = []  # what the page and the search worker logged, and what failed: shown if no result comes
                page.on("console", lambda message, said=said: said.append(f"console {message.type}: {message.text}"))
                page.on("requestfailed", lambda request, said=said: said.append(f"failed {request.url}: {request.failure}"))
                page.goto(address, wait_until="networkidle")
                opened = time.perf_counter()
                page.locator("label.md-header__button[for=__search]").click()
                page.locator("input.md-search__input").fill(query)
                page.keyboard.press("End")  # Material reads the box on a key going up
                try:
                    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=RESULT_TIMEOUT_MS)
                except PlaywrightError as exc:
                    shown = page.locator(".md-search-result__meta").all_inner_texts()
                    raise RuntimeError(f"no result for {query!r} in {RESULT_TIMEOUT_MS} ms; the list says {shown}; "
                                       f"{said or 'nothing was logged and no request failed'}") from exc  # fmt: skip
                page.wait_for_timeout(100)  # responses already read are reported a moment later
                first = time.perf_counter()
                counted = [(path, size) for at, path, size in seen
                           if (opened <= at <= first) or (at < opened and path.startswith(SEARCH_PATHS))]  # fmt: skip
                per_query[query] = {"gzip_bytes": sum(size for _, size in counted), "requests": len(counted),
                                    "engine_gzip_bytes": sum(size for path, size in counted if not path.startswith(("pagefind/index/",
                                                             "pagefind/fragment/", "pagefind/filter/")))}  # fmt: skip
                context.close()
        finally:
            browser.close()
    sizes = [entry["gzip_bytes"] for entry in per_query.values()]
    return {"queries": per_query, "median_gzip_bytes": round(statistics.median(sizes)), "max_gzip_bytes": max(sizes)}
