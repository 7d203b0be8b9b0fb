"""Printed checklists: each checklist page of a built site, printed to PDF by headless Chromium.

The PDFs are what the site's print stylesheet makes of the page, so a reader who downloads one gets
exactly the sheet their own browser would print. A checklist that no longer fits on one sheet is a
problem of the content, reported at its file, not a PDF that quietly spills onto a second page.
Chromium is Debian's (``CHROMIUM_PATH``, default ``/usr/bin/chromium``), driven by Playwright;
Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .linkcheck import serve_site
from .model import Checklist
from .problems import Problems

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
"""No background requests: the print run must not reach anything but the local server."""
PAPERS = (("A4", "a4", "PDF (A4)"), ("Letter", "letter", "PDF (US Letter)"))
"""Playwright's paper format, the file name suffix, and the link label on the site."""


@dataclass(frozen=True)
class PrintedChecklist:
    checklist: str
    label: str
    file: Path


def planned_pdfs(checklists: list[Checklist]) -> dict[str, list[tuple[str, str]]]:
    """Each checklist's PDFs as its page links them, (label, file name) per paper: known before printing,
    so the site is built once with its links and the sheets are printed from that very site."""
    return {checklist.id: [(label, pdf_name(checklist.id, suffix)) for _, suffix, label in PAPERS] for checklist in checklists}


def pdf_name(checklist: str, suffix: str) -> str:
    return f"{checklist}-{suffix}.pdf"


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF written by Chromium has (its page objects are never compressed)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def print_checklists(site_dir: Path, checklists: list[Checklist], out_dir: Path, problems: Problems,
                     use_directory_urls: bool = True) -> list[PrintedChecklist]:  # fmt: skip
    """Print every checklist page of ``site_dir`` on A4 and US Letter into ``out_dir``.

    A checklist that takes more than one sheet, or a browser that cannot start, is reported in
    ``problems``; the PDFs that did print are returned. Playwright's sync API refuses to run where
    an event loop is already running (a notebook, a test session with a browser open), so the
    printing runs in a thread of its own.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="print-checklists") as pool:
        return pool.submit(_print, site_dir, checklists, out_dir, problems, use_directory_urls).result()


def _print(site_dir: Path, checklists: list[Checklist], out_dir: Path, problems: Problems,
           use_directory_urls: bool) -> list[PrintedChecklist]:  # fmt: skip
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    printed: list[PrintedChecklist] = []
    if not Path(CHROMIUM).exists():
        problems.error("generator/printing.py", 1, 1, f"Chromium not found at {CHROMIUM}; install Debian's chromium or set CHROMIUM_PATH")
        return printed
    try:
        with serve_site(site_dir) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.emulate_media(media="print")
            refused: list[str] = []
            page.route("**/*", lambda route: _only_from(base, route, refused))
            for checklist in checklists:
                page.goto(base + (f"checklists/{checklist.id}/" if use_directory_urls else f"checklists/{checklist.id}.html"))
                if refused:
                    where = checklist.where("title")
                    problems.error(where.path, where.line, where.column,
                                   f"the page of checklist '{checklist.id}' tried to load {refused[0]}, which is not this site; "
                                   "nothing was printed from it, and no page may load anything from elsewhere")  # fmt: skip
                    refused.clear()
                    continue
                for paper, suffix, label in PAPERS:
                    data = page.pdf(format=paper, print_background=True)
                    sheets = pdf_pages(data)
                    if sheets != 1:
                        where = checklist.where("items")
                        problems.error(where.path, where.line, where.column,
                                       f"checklist '{checklist.id}' prints on {sheets} {paper} pages; "
                                       "a printed checklist must fit one sheet, so shorten its items or split it")  # fmt: skip
                        continue
                    file = out_dir / pdf_name(checklist.id, suffix)
                    file.write_bytes(data)
                    printed.append(PrintedChecklist(checklist.id, label, file))
            browser.close()
    except PlaywrightError as exc:
        problems.error("generator/printing.py", 1, 1, f"printing with Chromium failed: {str(exc).splitlines()[0]}")
    return printed


def _only_from(base: str, route: Any, refused: list[str]) -> None:
    """Let the printer load only the site it prints (served on 127.0.0.1); abort and remember the rest.

    The CSP of every page forbids other origins already; this is the second lock, for a page whose
    policy failed: the print run is part of the build, and the build must reach nothing outside.
    """
    url = route.request.url
    if url.startswith((base, "data:")):
        route.continue_()
    else:
        refused.append(url)
        route.abort("blockedbyclient")
