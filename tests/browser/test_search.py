"""Search that answers what a frightened reader types: the query set the project keeps
(``tests/search/queries.yaml``) typed into the real search box of the built site on a phone, and the
first three results read back. The issue asks for hit@3 >= 95 %: for at least 95 % of the queries,
one of the first three results is a page that truly answers it.

The report (one line per query, with what came first) is printed; run with ``-s`` to see it when the
test passes. The control test shows the measurement can fail: the same results, judged against the
answers of other queries, score far below the bar. Each result must also stay short on the phone's
screen, and without JavaScript the header's search button leads to the list of every situation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

QUERIES = Path(__file__).resolve().parent.parent / "search" / "queries.yaml"
TOP = 3
BAR = 0.95
SCREEN = 800
"""The phone's screen height in CSS pixels; no result may take more than half of it."""
SETTLE_MS = 100
"""How long the result list must stay unchanged after the answer came before it is read: Material
draws the first results when the answer comes and the rest a frame or two later."""
ANSWER_MS = 5000
"""How long the answer to the query may take (the first query loads the search engine and the pieces
of the index it needs) before the list is read as it is."""
COUNT_ANSWERS = """(() => {
    // Count the search worker's answers (Material's RESULT message), so a test reads the list the answer drew.
    const Native = window.Worker;
    window.__mfpAnswers = 0;
    window.__mfpAnswered = 0;
    window.Worker = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", event => {
                if (event.data && event.data.type === 3) { window.__mfpAnswers += 1; window.__mfpAnswered = performance.now(); }
            });
        }
    };
})();"""


@dataclass(frozen=True)
class Query:
    text: str
    answers: frozenset[str]
    """Pages that truly answer the query, as addresses under the site's root (``playbooks/x/``; ``""`` is the start page)."""


def load_queries(path: Path = QUERIES) -> list[Query]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(entry["query"], frozenset(entry["answers"])) for entry in entries]


def is_hit(results: list[str], query: Query) -> bool:
    return any(page in query.answers for page in results[:TOP])


def hit_rate(found: dict[str, list[str]], queries: list[Query]) -> float:
    return sum(is_hit(found[query.text], query) for query in queries) / len(queries)


def report(found: dict[str, list[str]], queries: list[Query]) -> str:
    """One line per query: hit or miss, the query, what came first, and (for a miss) what answers it."""
    lines = []
    for query in queries:
        top = found[query.text][:TOP]
        shown = ", ".join(page or "(start)" for page in top) or "(nothing)"
        line = f"{'hit ' if is_hit(top, query) else 'MISS'}  {query.text!r:40} -> {shown}"
        if not is_hit(top, query):
            line += f"   [answers: {', '.join(sorted(page or '(start)' for page in query.answers))}]"
        lines.append(line)
    hits = sum(is_hit(found[query.text], query) for query in queries)
    lines.append(f"hit@{TOP}: {hits} of {len(queries)} = {hits / len(queries):.1%}")
    return "\n".join(lines)


def page_of(href: str, site_url: str) -> str:
    """A result link as the page it opens, relative to the site's root, without highlight or anchor."""
    path = urlsplit(href).path
    root = urlsplit(site_url).path
    return path.removeprefix(root)


def search(page, words: str, site_url: str) -> list[str]:
    """Type ``words`` into the open search box and return the result pages in order.

    The box holds all but the last letter first, and the reader's last key sends the query: Material
    asks its worker on each key released, and only the answer to the last key is the one a reader
    reads. The page must count the worker's answers (:data:`COUNT_ANSWERS`, added before it loads).
    """
    box = page.locator("input.md-search__input")
    box.fill(words[:-1])
    asked = page.evaluate("() => { window.__mfpChanged = window.__mfpAsked = performance.now(); return window.__mfpAnswers }")
    page.keyboard.press(words[-1])
    answered = f"window.__mfpAnswers > {asked} || performance.now() - window.__mfpAsked > {ANSWER_MS}"
    settled = f"performance.now() - Math.max(window.__mfpChanged, window.__mfpAnswered) > {SETTLE_MS}"
    page.wait_for_function(f"() => ({answered}) && {settled}", polling=50)
    return listed(page, site_url)


def listed(page, site_url: str) -> list[str]:
    """The pages the open search box lists, in order."""
    hrefs = page.locator(".md-search-result__item").evaluate_all(
        "items => items.map(item => item.querySelector('a.md-search-result__link').href)")  # fmt: skip
    return [page_of(href, site_url) for href in hrefs]


@dataclass
class Searched:
    pages: dict[str, list[str]]
    """Each query's result pages, in order."""
    heights: dict[str, list[float]]
    """The height of each of the first results of each query on the phone, in CSS pixels."""
    missing: dict[str, list[str]]
    """Each query's visible "Missing: …" lines among its first results."""


@pytest.fixture(scope="module")
def searched(browser, site_url: str) -> Searched:
    """Every query of the set, typed on a phone into the real search box: the result pages for each."""
    context = browser.new_context(viewport={"width": 375, "height": SCREEN}, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.add_init_script(COUNT_ANSWERS)
    page = context.new_page()
    page.goto(site_url + "playbooks/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").wait_for(state="visible")
    page.evaluate("""() => {
        window.__mfpChanged = performance.now();
        new MutationObserver(() => { window.__mfpChanged = performance.now() })
            .observe(document.querySelector(".md-search-result"), {childList: true, subtree: true, characterData: true});
    }""")
    results, heights, missing = {}, {}, {}
    for query in load_queries():
        results[query.text] = search(page, query.text, site_url)
        heights[query.text] = page.locator(".md-search-result__item").evaluate_all(
            f"items => items.slice(0, {TOP}).map(item => item.getBoundingClientRect().height)")  # fmt: skip
        missing[query.text] = page.locator(".md-search-result__item").evaluate_all(
            f"items => items.slice(0, {TOP}).flatMap(item => [...item.querySelectorAll('.md-search-result__terms')])"
            ".filter(line => line.checkVisibility()).map(line => line.innerText)")  # fmt: skip
    context.close()
    return Searched(results, heights, missing)


@pytest.fixture(scope="module")
def found(searched: Searched) -> dict[str, list[str]]:
    return searched.pages


def test_the_query_set_is_the_project_s_own(site_dir: Path, site_url: str) -> None:
    """At least 40 different queries, each answered by pages the site has."""
    queries = load_queries()
    assert len(queries) >= 40
    assert len({query.text for query in queries}) == len(queries)
    for query in queries:
        assert query.answers, query.text
        for page in query.answers:
            assert (site_dir / page / "index.html").is_file(), f"{query.text!r}: no page {page!r}"


def test_search_answers_what_a_reader_types(found: dict[str, list[str]]) -> None:
    queries = load_queries()
    text = report(found, queries)
    print("\n" + text)
    assert hit_rate(found, queries) >= BAR, text


def test_the_measurement_can_fail(found: dict[str, list[str]]) -> None:
    """The same results judged against another query's answers (each query takes the answers of the
    one ten places on) fall far below the bar: the score depends on what search returns."""
    queries = load_queries()
    shifted = [Query(query.text, queries[(i + 10) % len(queries)].answers) for i, query in enumerate(queries)]
    assert hit_rate(found, shifted) < 0.5, report(found, shifted)


def test_a_hit_is_in_the_first_three() -> None:
    query = Query("memo", frozenset({"playbooks/wrong-network-or-memo/"}))
    assert is_hit(["faq/", "playbooks/wrong-network-or-memo/", "okx/"], query)
    assert not is_hit(["faq/", "okx/", "sources/", "playbooks/wrong-network-or-memo/"], query)
    assert not is_hit([], query)


def test_no_result_fills_a_phone_screen(searched: Searched) -> None:
    """A result shows its title and at most two short sentences (generator/search.py, playbook.css)."""
    tall = {query: [round(h) for h in heights] for query, heights in searched.heights.items() if any(h > SCREEN / 2 for h in heights)}
    assert tall == {}
    assert max(max(heights, default=0) for heights in searched.heights.values()) > 60  # results were measured


def test_no_result_says_a_typed_word_is_missing(searched: Searched) -> None:
    """Material marks the words a result section lacks ("Missing: withdrawl"); a result found through a
    search term, or through another section of its page, does answer the word, and a frightened reader
    takes "Missing" for a wrong answer."""
    assert {query: lines for query, lines in searched.missing.items() if lines} == {}


def test_without_javascript_search_leads_to_every_situation(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": SCREEN}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "faq/")
    assert not page.locator(".md-search").is_visible()  # Material's search needs JavaScript
    button = page.get_by_role("link", name="Search: every situation")
    assert button.is_visible()
    button.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == urlsplit(site_url).path + "playbooks/"
    assert page.locator("h1").inner_text().startswith("All situations")
    assert page.locator(".md-content a[href*='account-takeover']").count() >= 1
    context.close()


def test_with_javascript_the_search_button_opens_search(phone, site_url: str) -> None:
    phone.goto(site_url + "faq/", wait_until="networkidle")
    assert not phone.locator(".mfp-search-fallback").is_visible()
    phone.locator("label.md-header__button[for=__search]").click()
    assert phone.locator("input.md-search__input").is_visible()


@pytest.mark.parametrize("failure", ["aborted", "empty"])
def test_search_recovers_when_its_engine_fails_to_load_once(browser, site_url: str, failure: str) -> None:
    """A CI run showed "No matching documents" for every query: the worker kept a failed load of Pagefind's
    pagefind.js (empty there, "module.options is not a function"), and a browser remembers a module that failed
    at its address. A reader on a bad connection gets the same: the worker loads the engine again, at a new address."""
    context = browser.new_context(viewport={"width": 375, "height": SCREEN}, is_mobile=True, has_touch=True)
    failed: list[str] = []

    def fail_once(route) -> None:  # type: ignore[no-untyped-def]
        if failed:
            route.continue_()
            return
        failed.append(route.request.url)
        if failure == "aborted":
            route.abort("connectionreset")
        else:
            route.fulfill(status=200, content_type="text/javascript", body="")

    context.route("**/pagefind/pagefind.js*", fail_once)
    context.add_init_script(COUNT_ANSWERS)
    page = context.new_page()
    page.goto(site_url + "faq/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__search]").click()
    results = search(page, "hacked", site_url)
    assert failed, "the engine's download was not intercepted"
    assert results, "search answered nothing after one failed download of its engine"
    context.close()


def test_an_answer_to_words_since_changed_never_replaces_the_answer_shown(browser, site_url: str) -> None:
    """On a slow connection the text of one query's results can arrive after the reader typed another
    query, and after that one's answer: the list must keep answering the words in the box."""
    context = browser.new_context(viewport={"width": 375, "height": SCREEN}, is_mobile=True, has_touch=True)
    held: list[Any] = []  # the routes of the first query's texts, answered once the second query's list is shown

    def hold_first_texts(route) -> None:  # type: ignore[no-untyped-def]
        if held and held[-1] is None:
            route.continue_()
        else:
            held.append(route)

    context.route("**/pagefind/fragment/*", hold_first_texts)
    context.add_init_script(COUNT_ANSWERS)
    page = context.new_page()
    page.goto(site_url + "faq/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").fill("selle")  # found on four pages, none of which has "hacked"
    page.keyboard.press("r")
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the first query's result texts were never asked for"
    held.append(None)
    shown = search(page, "hacked", site_url)
    assert shown and "playbooks/p2p-dispute/" not in shown, shown
    answers = page.evaluate("() => window.__mfpAnswers")
    for route in held[:-1]:
        route.continue_()
    page.wait_for_timeout(1000)
    late = page.evaluate("() => window.__mfpAnswers") - answers
    assert listed(page, site_url) == shown, f"{late} late answer(s) replaced the list for 'hacked'"
    context.close()
