"""The live preview (`python -m generator serve`): an edit to a YAML file shows in the open page by
itself, and MkDocs' reload script runs without breaking the page's Content-Security-Policy."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import shipped_env


def _wait_until_served(url: str, server: subprocess.Popen[str], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"serve exited: {server.stdout.read() if server.stdout else ''}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("serve did not answer in time")


def test_an_edit_shows_in_the_open_page_without_a_reload(browser, project: Path, free_port: int) -> None:
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{free_port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                              env=shipped_env())  # fmt: skip
    context = browser.new_context()
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', "
        "e => (window.__violations = window.__violations || []).push(e.violatedDirective))"
    )
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    try:
        url = f"http://127.0.0.1:{free_port}/faq/"
        _wait_until_served(url, server)
        page.goto(url, wait_until="load")
        assert page.locator("h2", has_text="How long does the withdrawal lock last?").count() == 1
        faq = project / "content/faqs/how-long.yaml"
        edited = faq.read_text(encoding="utf-8").replace("How long does the withdrawal lock last?", "How long is the lock, edited live?")
        faq.write_text(edited, encoding="utf-8")
        page.locator("h2", has_text="How long is the lock, edited live?").wait_for(timeout=60_000)
        assert page.evaluate("window.__violations || []") == []
        assert not any("Content Security Policy" in line for line in console), console
    finally:
        context.close()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        if server.stdout:
            server.stdout.close()
