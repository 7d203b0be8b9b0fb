"""How long an editor waits under ``python -m generator serve`` between saving a YAML file and seeing it.

The server is started once per corpus; after its first build, one playbook's title gets one word
changed per run, and the clock runs from the write until the served page shows the new word
(polled over HTTP; ``mkdocs serve`` holds requests while it rebuilds, so the first answer after the
rebuild is the new page).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from generator.loader import load_text

from .corpus import Corpus, dump
from .measure import PYTHON, REPO

WORDS = ("Quokka", "Narwhal", "Axolotl", "Pangolin", "Ocelot")
"""Replacement words: letters only, so no edit can trip the figure lint, and found on no page before the edit."""


@dataclass
class ServeResult:
    first_build_s: float | None = None
    rebuilds_s: list[float] = field(default_factory=list)
    timed_out: bool = False
    error: str = ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (OSError, urllib.error.URLError):
        return None


def measure_serve(corpus: Corpus, edits: int, env: dict[str, str], timeout: float) -> ServeResult:
    """Start ``serve`` on ``corpus``, then time ``edits`` successive one-word title edits; each wait is capped by ``timeout``."""
    assert corpus.edited is not None
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{corpus.edited_url}"
    original = corpus.edited.read_text(encoding="utf-8")
    result = ServeResult()
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([PYTHON, "-m", "generator", "--root", str(corpus.root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        try:
            start = time.perf_counter()
            if _wait(server, url, lambda page: True, start + timeout) is None:
                result.timed_out = server.poll() is None
                result.error = "" if result.timed_out else _tail(log)
                return result
            result.first_build_s = time.perf_counter() - start
            record = load_text(corpus.edited.name, original.encode("utf-8")).data
            for word in WORDS[:edits]:
                retitled = re.sub(r"\b[A-Za-z]{3,}\b", word, record["title"], count=1)
                corpus.edited.write_text(dump({**record, "title": retitled}), encoding="utf-8")
                start = time.perf_counter()

                def shows(page: str, word: str = word) -> bool:
                    return word in page

                if _wait(server, url, shows, start + timeout) is None:
                    result.timed_out = server.poll() is None
                    result.error = "" if result.timed_out else _tail(log)
                    return result
                result.rebuilds_s.append(time.perf_counter() - start)
        finally:
            corpus.edited.write_text(original, encoding="utf-8")
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    return result


def _wait(server: subprocess.Popen[bytes], url: str, shows: Callable[[str], bool], deadline: float) -> str | None:
    """Poll ``url`` until the page satisfies ``shows`` or ``deadline`` passes."""
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            return None
        page = _fetch(url, timeout=max(1.0, deadline - time.perf_counter()))
        if page is not None and shows(page):
            return page
        time.sleep(0.05)
    return None


def _tail(log: IO[bytes]) -> str:
    log.seek(0)
    return str(log.read()[-2000:].decode("utf-8", errors="replace"))
