"""Running ``linkchecker`` over a built site: every page and every link, served over HTTP.

Anchors (``#claim-x``) are checked by ``verify`` itself, in its one pass over the pages: linkchecker's
AnchorCheck plugin reads the target page again for every link with a fragment, which took 6 min 14 s
on the shipped site of 43 pages (1,000+ source markers into the sources page) against 7 s without it.

linkchecker crawls the site as a browser would, through a throwaway HTTP server on 127.0.0.1:
``file://`` crawling cannot resolve directory URLs (``playbooks/x/``), and linkchecker running as
root drops its privileges and could not read the site folder anyway. The server answers with a
``LinkChecker`` header, which is how linkchecker lets a host opt in to more than ten requests a
second; without it the crawl of the shipped site takes minutes instead of seconds.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .problems import Problems

INTERNAL_CONFIG = """\
[checking]
maxrequestspersecond=1000
threads=10
[output]
status=0
"""
"""Offline crawl: fast; external links only syntax-checked (linkchecker's default); anchors are verify's own pass."""


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local test server")  # lets linkchecker lift its 10-per-second limit
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer (linkchecker, a browser leaving a page) is not an error of the
        site; the default printed a traceback into the output of `verify`. Anything else is still printed."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve_site(site_dir: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _SiteHandler) -> Iterator[str]:
    """Serve ``site_dir`` on a free port of 127.0.0.1 while the block runs; yield its base URL.

    ``handler`` answers the requests: by default files as they are, with linkchecker's header (the
    Lighthouse run, ``tests/lighthouse.py``, passes one that compresses like a real static host).
    """
    server = _SiteServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="linkcheck-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass(frozen=True)
class CheckedLink:
    """One row of linkchecker's report: a link, the page it is on, and what became of it."""

    link: str
    """The link as written in the page."""
    page: str
    """The URL of the page that holds the link ("" for the start URL)."""
    url: str
    """The link resolved to a full URL."""
    result: str
    warning: str
    valid: bool
    line: int
    column: int


def run_linkchecker(start: Sequence[str], config: str, *extra: str, stdin: str | None = None) -> list[CheckedLink]:
    """Run linkchecker on ``start`` URLs with ``config``; return every URL it checked (``-v``)."""
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as folder:
        config_file = Path(folder) / "linkcheckerrc"
        config_file.write_text(config, encoding="utf-8")
        os.chmod(folder, 0o755)
        os.chmod(config_file, 0o644)  # readable after linkchecker drops root privileges
        command = [
            sys.executable, "-m", "linkcheck", "-f", str(config_file),
            "--no-status", "--no-robots", "-v", "-o", "csv", *extra, *start,
        ]  # fmt: skip
        result = subprocess.run(command, input=stdin, capture_output=True, text=True, check=False, cwd=folder)
    if result.returncode not in (0, 1):  # 1 means "found problems"; anything else, linkchecker itself failed
        raise RuntimeError(f"linkchecker failed (exit {result.returncode}): {result.stderr.strip()[-500:]}")
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";")
    return [_checked(row) for row in rows]


def _checked(row: dict[str, str]) -> CheckedLink:
    return CheckedLink(row["urlname"], row["parentname"], row["url"], row["result"], row["warningstring"], row["valid"] == "True",
                       _number(row["line"]), _number(row["column"]))  # fmt: skip


def _number(text: str | None) -> int:
    return int(text) if text and text.lstrip("-").isdigit() and int(text) > 0 else 1


def page_file(page_url: str, base: str) -> str:
    """The file of the site that serves ``page_url``: ``…/faq/`` → ``faq/index.html``."""
    path = urlsplit(page_url).path.removeprefix(urlsplit(base).path)
    return path + "index.html" if path == "" or path.endswith("/") else path


def check_internal_links(site_dir: Path, problems: Problems, shown_as: str) -> int:
    """Crawl the built site offline; report each broken link or missing anchor at its page, line and column.

    Returns how many links were checked.
    """
    with serve_site(site_dir) as base:
        checked = run_linkchecker([base], INTERNAL_CONFIG)
    for link in checked:
        if not link.url.startswith(base):
            continue  # external: linkchecker only checked its syntax; the link policy judges it
        where = f"{shown_as}/{page_file(link.page, base)}" if link.page else shown_as
        if not link.valid:
            problems.error(where, link.line, link.column, f"broken link to '{link.link}' ({link.result})")
        elif "Anchor" in link.warning and "not found" in link.warning:
            anchor = link.link.partition("#")[2]
            problems.error(where, link.line, link.column, f"broken link to '{link.link}': the page has no anchor '#{anchor}'")
    return len(checked)
