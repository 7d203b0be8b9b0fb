"""Lighthouse over every page type, on a phone and a desktop, against the site's thresholds.

``python -m tests.lighthouse`` (``make lighthouse``, run by CI after ``make test``) builds the site as
the deploy workflow publishes it, serves it on 127.0.0.1 the way a static host does (gzip, a
``Cache-Control`` lifetime like GitHub Pages' ten minutes), runs Lighthouse (npm, installed by
``npm ci``; Chromium is Debian's) on each page of :data:`tests.browser.pages.PAGE_TYPES` with the
phone settings (its default: a mid-range phone, simulated slow 4G and CPU) and ``--preset=desktop``,
prints the scores and exits 1 naming the page, form factor, category and failing audits when one
misses :data:`THRESHOLDS`.

It lives beside the tests rather than in ``benchmarks/``: it is a gate that passes or fails, like
the browser tests, and uses their page list; but a run takes minutes and its performance scores
depend on the machine, so it is a command of its own, not part of ``pytest``. The threshold logic
is unit-tested from a saved report (``tests/test_lighthouse.py``), without Chromium.

Nothing leaves the machine: the pages are on loopback and make no other request (the site's
Content-Security-Policy allows none), and Chromium runs without background networking.
Performance is the one score that varies between runs (CPU contention on a shared machine lowers
it): a page that misses it is run again, ``--runs`` times in all (five by default), and judged on the run with
the median performance score.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.linkcheck import serve_site
from generator.printing import CHROMIUM, CHROMIUM_ARGS
from generator.review import newest_review_day
from tests.browser.pages import PAGE_TYPES, page_id

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
FORM_FACTORS = {"phone": (), "desktop": ("--preset=desktop",)}
"""Lighthouse's flags per form factor: its default is a phone with simulated throttling."""
THRESHOLDS: dict[str, dict[str, int]] = {
    "phone": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
    "desktop": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
}
"""The lowest score (0-100) each category may have, per form factor."""
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
"""Headless, and the print run's flags: no sandbox (CI runs as root), no GPU, no background requests."""
CACHE_SECONDS = 600
"""GitHub Pages, where the site is published, answers every file with ``Cache-Control: max-age=600``."""
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    """Files as a static host sends them: over kept-alive connections, text gzipped when the browser accepts it, with a cache lifetime."""

    protocol_version = "HTTP/1.1"  # the standard handler's HTTP/1.0 closes the connection after each file, as no real host does

    def end_headers(self) -> None:
        self.send_header("Cache-Control", f"max-age={CACHE_SECONDS}")
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or not content_type.startswith(COMPRESSED_TYPES) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()  # redirects, missing files and binary files as the standard handler does
        stat = path.stat()
        body = _gzipped(path, stat.st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    """The file gzipped once per version (``mtime_ns`` is the cache key), at the level hosts commonly use."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@dataclass(frozen=True)
class Miss:
    """One category below its threshold on one page, with the audits that cost it points."""

    page: str
    form_factor: str
    category: str
    score: int | None
    threshold: int
    audits: tuple[str, ...]

    def __str__(self) -> str:
        shown = "no score" if self.score is None else str(self.score)
        lines = [f"{self.page} ({self.form_factor}): {self.category} {shown}, below {self.threshold}"]
        return "\n".join(lines + [f"    {audit}" for audit in self.audits])


def scores(report: dict[str, Any]) -> dict[str, int | None]:
    """Each category's score as Lighthouse shows it (0-100), ``None`` where it could not score."""
    shown: dict[str, int | None] = {}
    for category in CATEGORIES:
        score = report.get("categories", {}).get(category, {}).get("score")
        shown[category] = None if score is None else round(score * 100)
    return shown


def judge(report: dict[str, Any], page: str, form_factor: str, thresholds: dict[str, int] | None = None) -> list[Miss]:
    """Every category of ``report`` below its threshold, with what Lighthouse says lost the points."""
    thresholds = THRESHOLDS[form_factor] if thresholds is None else thresholds
    misses = []
    for category, score in scores(report).items():
        if category in thresholds and (score is None or score < thresholds[category]):
            audits = tuple(_costly_audits(report, category))
            if report.get("runtimeError"):
                audits = (f"Lighthouse could not run: {report['runtimeError'].get('message', report['runtimeError'])}", *audits)
            misses.append(Miss(page, form_factor, category, score, thresholds[category], audits))
    return misses


def _costly_audits(report: dict[str, Any], category: str) -> Iterable[str]:
    """The weighted audits of ``category`` that did not score full marks, with a few of their items."""
    audits = report.get("audits", {})
    for ref in report["categories"][category].get("auditRefs", []):
        audit = audits.get(ref["id"], {})
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            value = f" {audit['displayValue']}" if audit.get("displayValue") else ""
            yield f"{ref['id']}{value} (audit score {audit['score']:.2f}): {audit.get('title', '')}"
            yield from (f"  - {item}" for item in _items(audit))
            if ref["id"] == "cumulative-layout-shift":  # which elements moved, and by how much
                yield from (f"  - shifted: {item}" for item in _items(audits.get("layout-shifts", {})))
            if ref["id"] == "largest-contentful-paint":
                yield from (f"  - largest paint: {item}" for item in _items(audits.get("largest-contentful-paint-element", {})))


def _items(audit: dict[str, Any], limit: int = 5) -> list[str]:
    """The first rows of an audit's table, each in one line: the element, link or file it names."""
    details = audit.get("details") or {}
    rows = details.get("items") or []
    if details.get("type") == "list":  # a list of tables (the LCP element's audit)
        rows = [row for table in rows for row in (table.get("items") or [])]
    shown = []
    for row in rows[:limit]:
        node = row.get("node") if isinstance(row.get("node"), dict) else None
        if node:
            what = f"{node.get('selector', '')} {node.get('snippet', '')}".strip()
        else:
            what = ", ".join(f"{key}={value}" for key, value in row.items() if isinstance(value, str | int | float))
        extra = f" (score {row['score']:.3f})" if isinstance(row.get("score"), float) else ""
        shown.append(what[:200] + extra)
    return shown


def trimmed(report: dict[str, Any]) -> dict[str, Any]:
    """Only the parts of a report this module reads: how the saved test fixture was cut down."""
    explaining = {"layout-shifts", "largest-contentful-paint-element"}  # what explains a lost CLS or LCP
    categories: dict[str, Any] = {}
    for name, category in report.get("categories", {}).items():
        refs = [{"id": ref["id"], "weight": ref["weight"]} for ref in category.get("auditRefs", []) if ref.get("weight", 0) > 0]
        categories[name] = {"score": category.get("score"), "auditRefs": refs}
    kept = explaining | {ref["id"] for category in categories.values() for ref in category["auditRefs"]}
    audits: dict[str, Any] = {}
    for name, audit in report.get("audits", {}).items():
        if name in kept:
            audits[name] = {key: audit[key] for key in ("id", "title", "score", "displayValue") if key in audit}
            lost = audit.get("score") is not None and audit["score"] < 1
            if isinstance(audit.get("details"), dict) and (lost or name in explaining):  # only these are read
                audits[name]["details"] = {key: value for key, value in audit["details"].items() if key in ("type", "items")}
    head: dict[str, Any] = {key: report[key] for key in ("lighthouseVersion", "requestedUrl", "runtimeError") if key in report}
    return {**head, "categories": categories, "audits": audits}


def run_lighthouse(url: str, form_factor: str, saved: Path | None = None, timeout: float = 300) -> dict[str, Any]:
    """One Lighthouse run of ``url``; its JSON report (also written to ``saved`` if given)."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        output = Path(saved) if saved else Path(folder) / "report.json"
        command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}", "--quiet", "--disable-full-page-screenshot",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}",
                   *FORM_FACTORS[form_factor]]  # fmt: skip
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "TMPDIR": folder}
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
        if done.returncode != 0 or not output.is_file():
            raise RuntimeError(f"Lighthouse failed on {url} ({form_factor}), exit {done.returncode}:\n{done.stderr[-2000:]}")
        report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
        return report


def build_site(site: Path, address: str) -> None:
    """Build the shipped content into ``site`` for ``address`` as the deploy does: strict, with PDFs and the offline copy.

    The site is built for the loopback address (canonical links then point at the page Lighthouse
    loads), as of the content's
    newest review day, like the tests' builds (``tests/conftest.py`` ``shipped_env``): whether the
    content is fresh today is ``make check``'s question, not this one's.
    """
    day = newest_review_day(REPO / "content")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if day:
        env["SOURCE_DATE_EPOCH"] = str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))
    command = [sys.executable, "-m", "generator", "--root", str(REPO), "build", "--strict", "--with-pdf", "--with-offline",
               "--site-dir", str(site), "--site-url", address]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the build failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")


@dataclass
class Result:
    page: str
    form_factor: str
    scores: dict[str, int | None]
    runs: int
    seconds: float
    misses: list[Miss]


def measure(address: str, path: str, form_factor: str, runs: int, reports: Path | None) -> Result:
    """Lighthouse on one page; if only performance misses, ``runs`` runs in all, judged on the one with the median performance."""
    start = time.perf_counter()
    page = page_id(path)
    done: list[dict[str, Any]] = []

    def run() -> None:
        saved = reports / f"{page.strip('/').replace('/', '-')}-{form_factor}-{len(done) + 1}.json" if reports else None
        done.append(run_lighthouse(address + path, form_factor, saved))

    run()
    misses = judge(done[0], page, form_factor)
    if misses and all(miss.category == "performance" for miss in misses):
        while len(done) < runs:
            run()
    chosen = sorted(done, key=lambda report: scores(report)["performance"] or 0)[(len(done) - 1) // 2]  # the median (the lower of two)
    return Result(page, form_factor, scores(chosen), len(done), time.perf_counter() - start, judge(chosen, page, form_factor))


def table(results: Sequence[Result]) -> str:
    """The scores, one row per page and form factor; a score below its threshold is marked with ``!``."""
    head = f"{'page':<40} {'form':<8}" + "".join(f"{SHORT[c]:>6}" for c in CATEGORIES) + f"{'runs':>6}{'s':>6}"
    lines = [head, "-" * len(head)]
    for result in results:
        missed = {miss.category for miss in result.misses}
        shown = {c: ("-" if result.scores[c] is None else str(result.scores[c])) + ("!" if c in missed else " ") for c in CATEGORIES}
        cells = "".join(f"{shown[c]:>6}" for c in CATEGORIES)
        lines.append(f"{result.page:<40} {result.form_factor:<8}{cells}{result.runs:>6}{result.seconds:>6.0f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.lighthouse", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--site-dir", type=Path, help="build into this folder and keep it (default: a temporary folder)")
    parser.add_argument("--pages", help="comma-separated page ids (start, evidence/, ...; default: every page type)")
    parser.add_argument("--form-factors", default="phone,desktop", help="phone, desktop or both (default)")
    parser.add_argument("--runs", type=int, default=5, help="runs of a page at most while only performance misses (default 5)")
    parser.add_argument("--reports", type=Path, help="save every Lighthouse report (JSON) in this folder")
    args = parser.parse_args(argv)
    paths = PAGE_TYPES
    if args.pages:
        wanted = args.pages.split(",")
        paths = [path for path in PAGE_TYPES if page_id(path) in wanted]
        if unknown := set(wanted) - {page_id(path) for path in paths}:
            parser.error(f"unknown page ids {sorted(unknown)}; the page types are {[page_id(path) for path in PAGE_TYPES]}")
    form_factors = args.form_factors.split(",")
    if unknown := set(form_factors) - set(FORM_FACTORS):
        parser.error(f"unknown form factors {sorted(unknown)}; choose from {sorted(FORM_FACTORS)}")
    for needed, how in ((LIGHTHOUSE, "`npm ci` installs it (make setup)"), (Path(CHROMIUM), "`make browser` installs Debian's chromium")):
        if not needed.exists():
            print(f"error: {needed} is missing; {how}", file=sys.stderr)
            return 2
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as folder:
        site = args.site_dir or Path(folder) / "site"
        with serve_site(site, StaticHostHandler) as address:  # the folder is read per request, so it may appear after the server starts
            try:
                build_site(site, address)
                built = time.perf_counter() - start
                print(f"site built in {built:.0f} s; Lighthouse on {address} (gzip, max-age={CACHE_SECONDS})", flush=True)
                for path in paths:
                    for form_factor in form_factors:
                        results.append(measure(address, path, form_factor, args.runs, args.reports))
                        print(table(results[-1:]).splitlines()[-1], flush=True)
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                print(f"error: {error}", file=sys.stderr)
                return 2
    thresholds = "; ".join(f"{ff}: " + ", ".join(f"{SHORT[c]} >= {v}" for c, v in THRESHOLDS[ff].items()) for ff in form_factors)
    print(f"\nLighthouse {_version()} scores ({thresholds}; ! marks a miss), {time.perf_counter() - start:.0f} s in all:\n{table(results)}")
    misses = [miss for result in results for miss in result.misses]
    if misses:
        print(f"\n{len(misses)} score(s) below the thresholds:\n" + "\n".join(f"FAIL {miss}" for miss in misses), file=sys.stderr)
        return 1
    print("\nEvery page type meets the thresholds.")
    return 0


def _version() -> str:
    package = REPO / "node_modules" / "lighthouse" / "package.json"
    return str(json.loads(package.read_text(encoding="utf-8")).get("version", "?")) if package.is_file() else "?"


if __name__ == "__main__":
    raise SystemExit(main())
