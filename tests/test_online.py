"""The online source re-check, against a real HTTP server on 127.0.0.1: never the internet."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.error
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import MINI

from generator import online
from generator.model import Claim, Source
from generator.online import FetchedPage, FetchError, fetch_page, html_to_text, recheck_sources
from generator.pipeline import check_content
from generator.problems import Problems
from generator.text import Origin

QUOTE = "You cannot withdraw for 24 hours after changing your password."
DRIFT = ("(the source may have changed; re-read it and update the quote, the stored excerpt and the checked date)")


# --- a local server ------------------------------------------------------------------------------

Route = tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler], None]


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins every handler thread: nothing outlives a test
    block_on_close = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.seen: list[tuple[str, str]] = []
        self.release = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.seen.append((self.path, self.headers.get("User-Agent", "")))
        route = self.server.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"))
        if callable(route):
            route(self)
            return
        status, headers, body = route
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up first, as it should
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Site:
    server: _Server
    base: str

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.server.routes[path] = (status, {"Content-Type": content_type}, data)
        return self.base + path

    def route(self, path: str, handler: Callable[[BaseHTTPRequestHandler], None]) -> str:
        self.server.routes[path] = handler
        return self.base + path

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self.server.seen]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment would send requests for 127.0.0.1 elsewhere."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site() -> Iterator[Site]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Site(server, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


# --- model objects -------------------------------------------------------------------------------


def make_source(source_id: str, url: str | None, quotes: dict[str, str] | None = None, excerpts: list[str] | None = None) -> Source:
    """A source as the model builds it (origin at its ``id`` value), with the claims that cite it."""
    path = f"content/sources/{source_id}.yaml"
    source = Source(id=source_id, file=path, origin=Origin(path, 1, 5), title=source_id, publisher="Test", url=url,
                    unconfirmed=None if url else "Seen only on a copy.", retrieved="2026-11-01", excerpts=list(excerpts or []))  # fmt: skip
    for claim_id, quote in (quotes or {}).items():
        claim_path = f"content/claims/{claim_id}.yaml"
        source.claims.append(Claim(id=claim_id, file=claim_path, origin=Origin(claim_path, 1, 5), statement=claim_id, quote=quote))
    return source


def _certificate_error() -> ssl.SSLCertVerificationError:
    error = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    error.verify_message = "certificate has expired"
    return error


def run(*sources: Source, **options: object) -> tuple[list[str], online.RecheckReport]:
    problems = Problems()
    report = recheck_sources(sources, problems, **options)  # type: ignore[arg-type]
    return [str(problem) for problem in problems], report


# --- pages that still say it ---------------------------------------------------------------------


def test_quote_matches_despite_typography_entities_and_tags(site: Site) -> None:
    url = site.page("/lock", """<!doctype html><html><head><title>Locks</title><style>p { color: red }</style></head><body>
        <nav><a href="/">Help</a></nav>
        <p>You cannot <a href="/w">with<em>draw</em></a> for 24&nbsp;hours
           after changing your <b>pass</b>word.</p>
        <p>It&#8217;s &ldquo;standard&rdquo; practice &mdash; see &amp; read &lt;terms&gt;.</p>
        </body></html>""")
    source = make_source("demo-help", url, {"demo-lock": QUOTE, "demo-practice": "It's \"standard\" practice - see & read <terms>."},
                         excerpts=[QUOTE])  # fmt: skip
    lines, report = run(source)
    assert lines == []
    assert (report.checked, report.drifted, report.excerpts_missing) == (1, 0, 0)


def test_plain_text_is_used_as_it_is(site: Site) -> None:
    url = site.page("/bip.txt", "== Rationale ==\nA transaction\ncannot be <b>reversed</b>.\n", "text/plain; charset=utf-8")
    lines, _ = run(make_source("bip", url, {"irreversible": "A transaction cannot be <b>reversed</b>."}))
    assert lines == []


def test_block_elements_are_word_boundaries() -> None:
    assert html_to_text("<div>one</div><div>two</div>two<br>three<li>four</li>").split() == ["one", "two", "two", "three", "four"]
    assert html_to_text("<p>pass<b>word</b> &amp; <svg><title>icon</title></svg>more</p>") == "\npassword & more\n"


# --- pages that changed --------------------------------------------------------------------------


def test_changed_word_is_an_error_at_the_claim(site: Site) -> None:
    url = site.page("/lock", f"<p>{QUOTE.replace('24', '48')}</p>")
    lines, report = run(make_source("demo-help", url, {"demo-lock": QUOTE}, excerpts=[QUOTE]))
    assert lines == [
        f"content/claims/demo-lock.yaml:1:5: error: claim 'demo-lock': its quote no longer appears at {url} {DRIFT}",
        ("content/sources/demo-help.yaml:1:5: warning: source 'demo-help': "
         "the stored excerpt \"You cannot withdraw for 24 hours after changing your…\" "
        f"no longer appears at {url} (re-read the page and update the excerpt)"),
    ]
    assert (report.checked, report.drifted, report.excerpts_missing) == (1, 1, 1)


def test_text_in_script_style_noscript_and_template_is_not_page_text(site: Site) -> None:
    url = site.page("/app", f"""<html><head><script>var text = "{QUOTE}";</script>
        <style>/* Deposits arrive within one hour. */</style></head>
        <body><noscript>Enable JavaScript to see your balance.</noscript>
        <template><p>Support never asks for your password.</p></template>
        <svg><text>Keep your seed phrase offline.</text></svg><p>Visible text.</p></body></html>""")
    quotes = {"a": QUOTE, "b": "Deposits arrive within one hour.", "c": "Enable JavaScript to see your balance.",
              "d": "Support never asks for your password.", "e": "Keep your seed phrase offline.", "f": "Visible text."}  # fmt: skip
    lines, report = run(make_source("app", url, quotes))
    assert [line.split(": ", 1)[0] for line in lines] == [f"content/claims/{c}.yaml:1:5" for c in "abcde"]
    assert report.drifted == 5


# --- addresses that cannot be read ---------------------------------------------------------------


def test_http_404_is_an_error_at_the_source(site: Site) -> None:
    url = site.base + "/gone"
    lines, report = run(make_source("old-help", url, {"old-claim": QUOTE}, excerpts=[QUOTE]))
    assert lines == [f"content/sources/old-help.yaml:1:5: error: source 'old-help': {url} could not be read (HTTP 404)"]
    assert (report.checked, report.failed, report.drifted) == (0, 1, 0)


def test_slow_server_times_out(site: Site) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        handler.server.release.wait(5)  # type: ignore[attr-defined] - held until the test ends

    url = site.route("/slow", slow)
    started = time.monotonic()
    lines, report = run(make_source("slow", url, {"slow-claim": QUOTE}), timeout=0.5)
    assert time.monotonic() - started < 3
    assert lines == [f"content/sources/slow.yaml:1:5: error: source 'slow': {url} could not be read (timed out after 0.5 s)"]
    assert report.failed == 1


def test_connection_refused(free_port: int) -> None:
    url = f"http://127.0.0.1:{free_port}/page"
    lines, _ = run(make_source("closed", url, {"closed-claim": QUOTE}), timeout=2)
    assert lines == [f"content/sources/closed.yaml:1:5: error: source 'closed': {url} could not be read (connection refused)"]


def test_tls_failure(site: Site) -> None:
    url = site.base.replace("http:", "https:") + "/page"  # the local server speaks plain HTTP
    lines, _ = run(make_source("tls", url), timeout=2)
    assert lines == [f"content/sources/tls.yaml:1:5: error: source 'tls': {url} could not be read (TLS error: wrong version number)"]


@pytest.mark.parametrize(("failure", "reason"), [
    (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "host name not found"),
    (urllib.error.URLError(ConnectionResetError(104, "Connection reset by peer")), "connection reset by the server"),
    (urllib.error.URLError(TimeoutError("timed out")), "timed out after 20 s"),
    (http.client.RemoteDisconnected("Remote end closed connection without response"), "the server closed the connection without answering"),
    (_certificate_error(), "TLS certificate rejected: certificate has expired"),
])  # fmt: skip
def test_failures_are_described_in_words(failure: Exception, reason: str) -> None:
    assert online.describe_failure(failure, 20.0) == reason


def test_body_larger_than_the_cap(site: Site) -> None:
    url = site.route("/huge", lambda h: (h.send_response(200), h.send_header("Content-Length", str(online.MAX_BYTES + 1)),
                                         h.send_header("Content-Type", "text/html"), h.end_headers(),
                                         h.wfile.write(b"<p>x</p>")))  # fmt: skip
    lines, _ = run(make_source("huge", url))
    assert lines == [f"content/sources/huge.yaml:1:5: error: source 'huge': {url} could not be read (larger than 5 MiB)"]


def test_streamed_body_larger_than_the_cap_stops_reading(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(online, "MAX_BYTES", 1024)

    def endless(handler: BaseHTTPRequestHandler) -> None:  # no Content-Length: the body ends when the server closes
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        try:
            handler.wfile.write(b"x" * 4096)
        except (BrokenPipeError, ConnectionResetError):
            pass

    url = site.route("/stream", endless)
    with pytest.raises(FetchError) as raised:
        fetch_page(url, 2)
    assert raised.value.reason == "larger than 1024 bytes"


def test_non_web_address_is_refused_without_fetching() -> None:
    lines, _ = run(make_source("local", "file:///etc/passwd"))
    assert lines == [
        "content/sources/local.yaml:1:5: error: source 'local': file:///etc/passwd could not be read (not an http or https address)"
    ]


def test_failures_from_an_injected_fetcher_are_one_line_each() -> None:
    def fetch(url: str, timeout: float) -> FetchedPage:
        if url.endswith("/boom"):
            raise RuntimeError("parser exploded")
        return FetchedPage(url, 503, "text/html", "<p>Down for maintenance</p>")

    lines, report = run(make_source("a", "https://a.test/boom"), make_source("b", "https://b.test/busy"), fetch=fetch)
    assert lines == [
        "content/sources/a.yaml:1:5: error: source 'a': https://a.test/boom could not be read (RuntimeError: parser exploded)",
        "content/sources/b.yaml:1:5: error: source 'b': https://b.test/busy could not be read (HTTP 503)",
    ]
    assert report.failed == 2


# --- HTTP details --------------------------------------------------------------------------------


def test_redirect_is_followed(site: Site) -> None:
    site.page("/new", f"<p>{QUOTE}</p>")
    site.server.routes["/old"] = (301, {"Location": "/new"}, b"")
    lines, report = run(make_source("moved", site.base + "/old", {"moved-claim": QUOTE}))
    assert lines == []
    assert report.checked == 1
    assert site.paths == ["/old", "/new"]
    assert fetch_page(site.base + "/old", 2).url == site.base + "/new"


def test_redirect_loops_and_redirects_off_the_web_are_errors(site: Site) -> None:
    site.server.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    site.server.routes["/local"] = (302, {"Location": "file:///etc/passwd"}, b"")
    lines, report = run(make_source("loop", site.base + "/loop"), make_source("local", site.base + "/local"))
    assert lines == [
        f"content/sources/loop.yaml:1:5: error: source 'loop': {site.base}/loop could not be read (too many redirects)",
        f"content/sources/local.yaml:1:5: error: source 'local': {site.base}/local could not be read (redirected to a file: address)",
    ]
    assert report.failed == 2


def test_user_agent_names_the_project(site: Site) -> None:
    url = site.page("/ua", "<p>ok</p>")
    run(make_source("ua", url))
    assert site.server.seen == [("/ua", online.USER_AGENT)]
    assert online.USER_AGENT.startswith("MissingFundsPlaybook-source-check/1 (+https://")


@pytest.mark.parametrize(("text", "encoding", "content_type"), [
    ("Le dépôt est crédité après 3 confirmations.", "iso-8859-1", "text/html; charset=ISO-8859-1"),
    ("出金には24時間かかります。", "shift_jis", "text/plain; charset=Shift_JIS"),
    ("出金には24時間かかります。", "shift_jis", "text/html"),  # declared only in <meta charset>
    ("Le dépôt est crédité.", "iso-8859-1", "text/html"),  # declared only in <meta http-equiv>
])  # fmt: skip
def test_charset_is_honoured(site: Site, text: str, encoding: str, content_type: str) -> None:
    if content_type == "text/html":
        head = ('<meta charset="Shift_JIS">' if encoding == "shift_jis"
                else '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')  # fmt: skip
        body = f"<html><head>{head}</head><body><p>{text}</p></body></html>".encode(encoding)
    else:
        body = (f"<p>{text}</p>" if "html" in content_type else text).encode(encoding)
    url = site.page("/page", body, content_type)
    lines, report = run(make_source("foreign", url, {"foreign-claim": text}))
    assert lines == []
    assert report.checked == 1


def test_latin1_label_reads_windows_1252_curly_quotes(site: Site) -> None:
    url = site.page("/cp", b"<p>\x93Never share your seed phrase.\x94</p>", "text/html; charset=iso-8859-1")
    lines, _ = run(make_source("cp", url, {"cp-claim": '"Never share your seed phrase."'}))
    assert lines == []


def test_undecodable_bytes_do_not_stop_the_run(site: Site) -> None:
    url = site.page("/bad", b"<p>Caf\xe9 \xff\xfe menu. " + QUOTE.encode() + b"</p>", "text/html")
    lines, _ = run(make_source("bad", url, {"bad-claim": QUOTE, "cafe-claim": "Café menu."}))
    assert lines == [f"content/claims/cafe-claim.yaml:1:5: error: claim 'cafe-claim': its quote no longer appears at {url} {DRIFT}"]


def test_pdf_is_left_for_a_person(site: Site) -> None:
    url = site.page("/fact-sheet.pdf", b"%PDF-1.7 binary", "application/pdf")
    lines, report = run(make_source("pdf", url, {"pdf-claim": QUOTE}))
    assert lines == [(f"content/sources/pdf.yaml:1:5: warning: source 'pdf': {url} is not a web page or plain text (application/pdf); "
                     "re-read it by hand to check the quotes that cite it")]  # fmt: skip
    assert (report.checked, report.manual, report.failed, report.drifted) == (0, 1, 0, 0)


# --- the run as a whole --------------------------------------------------------------------------


def test_source_without_url_is_skipped_and_nothing_is_fetched() -> None:
    calls: list[str] = []

    def fetch(url: str, timeout: float) -> FetchedPage:
        calls.append(url)
        return FetchedPage(url, 200, "text/html", "")

    lines, report = run(make_source("copy-only", None, {"copy-claim": QUOTE}), fetch=fetch)
    assert (lines, calls) == ([], [])
    assert report.summary() == "1 source: 0 checked, 1 without an address, 0 unreachable, 0 quotes drifted"


def test_problems_come_in_source_order_and_each_address_is_fetched_once() -> None:
    calls: list[str] = []

    def fetch(url: str, timeout: float) -> FetchedPage:
        calls.append(url)
        time.sleep({"https://a.test/": 0.15, "https://b.test/": 0.05}.get(url, 0))  # the first source answers last
        raise FetchError("HTTP 500")

    sources = [make_source("a", "https://a.test/"), make_source("b", "https://b.test/"),
               make_source("c", "https://c.test/"), make_source("a-again", "https://a.test/")]  # fmt: skip
    lines, _ = run(*sources, fetch=fetch, workers=4)
    assert [line.split("'")[1] for line in lines] == ["a", "b", "c", "a-again"]
    assert sorted(calls) == ["https://a.test/", "https://b.test/", "https://c.test/"]


def test_summary_counts_every_source_once(site: Site) -> None:
    good = site.page("/good", f"<p>{QUOTE}</p>")
    changed = site.page("/changed", "<p>Everything is different now.</p>")
    sources = [make_source("good", good, {"g": QUOTE}), make_source("changed", changed, {"c1": QUOTE, "c2": "Another quote."}),
               make_source("gone", site.base + "/gone", {"x": QUOTE}), make_source("copy", None), make_source("copy2", None)]  # fmt: skip
    lines, report = run(*sources)
    assert (report.total, report.checked, report.skipped, report.failed, report.drifted) == (5, 2, 2, 1, 2)
    assert report.summary() == "5 sources: 2 checked, 2 without an address, 1 unreachable, 2 quotes drifted"
    assert len(lines) == 3


def test_summary_mentions_manual_checks_and_missing_excerpts_only_when_there_are_some() -> None:
    report = online.RecheckReport(total=36, checked=29, skipped=5, failed=1, manual=1, drifted=1, excerpts_missing=3)
    assert report.summary() == (
        "36 sources: 29 checked, 5 without an address, 1 unreachable, 1 to check by hand, 1 quote drifted, 3 excerpts missing"
    )


def test_real_content_model(site: Site) -> None:
    """The sources and claims the pipeline builds from the mini corpus, their addresses pointed at the local server."""
    content, _ = check_content(MINI)
    sources = [source for source in content.sorted("source") if source.id in ("chain-guide", "demo-help")]
    assert [(source.id, [claim.id for claim in source.claims]) for source in sources] == [
        ("chain-guide", ["transfer-irreversible"]), ("demo-help", ["demo-withdrawal-lock"])]
    pages = {"demo-help": f"<p>{QUOTE.replace('password', 'e-mail address')}</p>",
             "chain-guide": "<p>A transaction cannot be reversed.</p>"}  # fmt: skip
    for source in sources:
        source.url = site.page(f"/{source.id}", pages[source.id])
    lines, report = run(*sources)
    demo = site.base + "/demo-help"
    assert lines == [
        f"content/claims/demo-withdrawal-lock.yaml:5:8: error: claim 'demo-withdrawal-lock': its quote no longer appears at {demo} {DRIFT}",
        ("content/sources/demo-help.yaml:1:5: warning: source 'demo-help': "
         "the stored excerpt \"You cannot withdraw for 24 hours after changing your…\" "
        f"no longer appears at {demo} (re-read the page and update the excerpt)"),
    ]
    assert report.summary() == "2 sources: 2 checked, 0 without an address, 0 unreachable, 1 quote drifted, 1 excerpt missing"
