"""The external-link check, with the real linkchecker against two local servers.

The built site is served by :func:`serve_site`; the "outside world" is a second server on another
port of 127.0.0.1, which linkchecker treats as another host. Nothing leaves the machine.
"""

from __future__ import annotations

import http.server
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.external_links import ExternalReport, IgnoredLink, _moved_to, check_external_links, load_ignore_list
from generator.problems import Problems


@dataclass
class Outside:
    """The second server: its base URL and every path it was asked for."""

    url: str
    requests: list[str] = field(default_factory=list)


def _handler(outside: Outside) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            outside.requests.append(self.path)
            status, location = {
                "/ok": (200, None),
                "/moved": (301, "/ok"),
                "/elsewhere": (302, "/ok"),  # temporary: not reported
                "/blocked": (403, None),
                "/flaky": (503 if outside.requests.count("/flaky") == 1 else 200, None),
            }.get(self.path, (404, None))
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("LinkChecker", "test server")  # lifts linkchecker's 10-per-second floor
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture(scope="module")
def outside() -> Iterator[Outside]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    server.daemon_threads = True
    state = Outside(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(state)
    thread = threading.Thread(target=server.serve_forever, name="outside", daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


def _closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text``."""
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


@dataclass
class Run:
    report: ExternalReport
    problems: list[str]
    index: str
    sub: str
    outside: Outside
    refused: str


@pytest.fixture(scope="module")
def run(outside: Outside, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One check of a two-page site; every test below reads its outcome."""
    e = outside.url
    refused = f"http://127.0.0.1:{_closed_port()}/page"
    site = tmp_path_factory.mktemp("site")
    index = (
        "<!doctype html>\n<html><body>\n"
        f'<p>Fine: <a href="{e}/ok">ok</a> and again <a href="{e}/ok">ok</a>.</p>\n'
        f'<p>Gone: <a href="{e}/missing">missing</a>, twice on this page: <a href="{e}/missing">missing</a>.</p>\n'
        f'<p><a href="{e}/moved">moved</a> <a href="{e}/elsewhere">elsewhere</a></p>\n'
        f'<p><a href="{e}/flaky">flaky</a> <a href="{e}/blocked">blocked</a> <a href="sub/">sub page</a></p>\n'
        f'<p><a href="{refused}">nobody listens</a></p>\n'
        "</body></html>\n"
    )
    sub = (
        "<!doctype html>\n<html><body>\n<ul>\n"
        f'  <li><a href="{e}/missing">missing</a></li>\n'
        '</ul>\n<a href="../">home</a>\n</body></html>\n'
    )
    (site / "index.html").write_text(index, encoding="utf-8")
    (site / "sub").mkdir()
    (site / "sub" / "index.html").write_text(sub, encoding="utf-8")
    problems = Problems()
    report = check_external_links(
        site, problems, "site", ignore=[IgnoredLink(r"/blocked$", "refuses scripts")], timeout=5, retry_delay=0, requests_per_second=1000
    )
    return Run(report, [str(p) for p in problems.sorted()], index, sub, outside, refused)


def test_broken_links_are_errors_at_every_page_once_per_page(run: Run) -> None:
    e = run.outside.url
    line, col = _position(run.index, f'<a href="{e}/missing"')
    sub_line, sub_col = _position(run.sub, f'<a href="{e}/missing"')
    refused_line, refused_col = _position(run.index, f'<a href="{run.refused}"')
    assert [p for p in run.problems if ": error: " in p] == [
        f"site/index.html:{line}:{col}: error: external link '{e}/missing' is broken (404 Not Found)",
        (f"site/index.html:{refused_line}:{refused_col}: error: external link '{run.refused}' is broken "
        "(ConnectionError: Connection refused)"),
        f"site/sub/index.html:{sub_line}:{sub_col}: error: external link '{e}/missing' is broken (404 Not Found)",
    ]


def test_a_permanent_redirect_is_a_warning_naming_the_new_address(run: Run) -> None:
    e = run.outside.url
    line, col = _position(run.index, f'<a href="{e}/moved"')
    assert [p for p in run.problems if ": warning: " in p] == [
        f"site/index.html:{line}:{col}: warning: external link '{e}/moved' redirects to '{e}/ok'; link the final address",
    ]


def test_a_link_that_fails_once_is_retried_and_not_reported(run: Run) -> None:
    assert not [p for p in run.problems if "/flaky" in p]
    assert run.outside.requests.count("/flaky") == 2
    assert run.outside.requests.count("/missing") == 2  # failed twice: that is why it is reported


def test_ignored_links_are_never_requested(run: Run) -> None:
    assert "/blocked" not in run.outside.requests
    assert not [p for p in run.problems if "/blocked" in p]


def test_report_counts_distinct_addresses(run: Run) -> None:
    assert run.report == ExternalReport(checked=6, broken=2, redirected=1, ignored=1, retried=3)
    assert run.report.summary() == "6 external links: 3 fine, 2 broken, 1 redirected, 1 ignored"


def test_a_redirect_target_does_not_inherit_the_redirect() -> None:
    """linkchecker caches a redirect's result under its target too, warnings included.

    When ``/moved`` (301 to ``/ok``) is checked before ``/ok``, the row for ``/ok`` carries
    "Redirected to `/ok'": without care, ``/ok`` would be reported as redirecting to itself.
    """
    hops = "Redirected to `https://h/ok' status: 301 Moved Permanently.\nRedirected to `https://h/final' status: 308 Permanent Redirect."
    assert _moved_to("https://h/moved", hops) == "https://h/final"
    assert _moved_to("https://h/ok", hops) == "https://h/final"
    assert _moved_to("https://h/final", hops) is None
    assert _moved_to("https://h/a", "Redirected to `https://h/login' status: 302 Found.") is None


def test_the_shipped_ignore_list_loads_with_reasons() -> None:
    problems = Problems()
    entries = load_ignore_list(problems)
    assert [str(p) for p in problems] == []
    assert entries and all(len(entry.reason) > 20 for entry in entries)
    assert any(entry.matches("https://www.okx.com/help/how-do-i-withdraw") for entry in entries)
    assert not any(entry.matches("https://bitcoin.org/en/you-need-to-know") for entry in entries)


def test_an_ignore_entry_without_a_reason_is_one_clear_error(tmp_path: Path) -> None:
    listing = tmp_path / "links.yaml"
    listing.write_text(
        "- pattern: ^https://example\\.com/\n  reason: Example pages are placeholders.\n- pattern: ^https://example\\.org/\n",
        encoding="utf-8",
    )
    problems = Problems()
    entries = load_ignore_list(problems, listing, "links.yaml")
    assert [str(p) for p in problems] == [
        r"links.yaml:3:3: error: ignore entry '^https://example\.org/' has no reason; say why its links are not checked"
    ]
    assert entries == [IgnoredLink(r"^https://example\.com/", "Example pages are placeholders.")]


def test_a_bad_pattern_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    listing = tmp_path / "links.yaml"
    listing.write_text("- pattern: ^https://(example\\.com/\n  reason: unbalanced\n", encoding="utf-8")
    problems = Problems()
    assert load_ignore_list(problems, listing, "links.yaml") == []
    assert [re.sub(r": missing \).*", "", str(p)) for p in problems] == [
        r"links.yaml:1:3: error: ignore entry '^https://(example\.com/' is not a valid regular expression"
    ]
