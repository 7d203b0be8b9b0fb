"""``python -m benchmarks``: grow the corpus to each size, measure everything against its floor, print the table.

Within each repetition the command and its floor run back to back, so every ratio compares
numbers taken under the same conditions. A measurement that runs past ``--timeout`` is killed,
reported as a lower bound (``>``) and not repeated at that size; what depends on it (a site that
was not built) is reported as missing.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from . import baselines, search_bytes, site
from .corpus import PINNED_DAY, build_corpus
from .measure import GZIP_LEVEL, PYTHON, Run, Series, environment, ratio, run
from .report import render, search_summary, targets
from .serve import measure_serve


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description="Benchmark check, build, verify, serve and page weight at growing sizes.")
    parser.add_argument("--sizes", type=_sizes, default=[100, 1000, 5000], metavar="N,N,...",
                        help="playbooks per corpus (default: 100,1000,5000)")
    parser.add_argument("--runs", type=_sizes_or_runs, default=[3], metavar="R[,R,...]",
                        help="repetitions of each timing, the median shown; one number, or one per size (default: 3)")
    parser.add_argument("--timeout", type=float, default=900.0, metavar="SECONDS",
                        help="longest any one measured command may run (default: 900)")
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="also write every figure as JSON here")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="keep the corpora and built sites under DIR (default: a temporary folder)")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve rebuild measurement")
    parser.add_argument("--serve-up-to", type=int, default=None, metavar="N",
                        help="measure serve only at sizes up to N (its target is set at 1,000; at 5,000 a rebuild takes minutes)")
    parser.add_argument("--no-search-bytes", action="store_true", help="skip the search bytes measured in Chromium")
    parser.add_argument("--no-crawl", action="store_true", help="skip the linkchecker crawls (verify with crawl, linkchecker alone)")
    args = parser.parse_args(argv)
    if min(args.runs) < 1 or len(args.runs) not in (1, len(args.sizes)):
        parser.error("--runs takes one number of at least 1, or one per size")
    runs = args.runs * len(args.sizes) if len(args.runs) == 1 else args.runs
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="mfp-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"meta": _meta(args), "sizes": {}}
    try:
        crawl = not args.no_crawl
        for n, repeat in zip(args.sizes, runs):
            _progress(f"N={n}: writing the corpus")
            size = results["sizes"][str(n)] = measure_size(work / f"n{n}", n, repeat, args, crawl)
            if crawl and size["timings"].get("linkchecker", {}).get("timed_out"):
                crawl = False  # a larger site takes longer still
                results["meta"]["crawl_stopped_after"] = n
            if not args.keep:
                shutil.rmtree(work / f"n{n}", ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["targets"] = targets(results)
    results["search"] = search_summary(results)
    print(render(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        _progress(f"wrote {args.json}")
    return 0


def _sizes_or_runs(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number or a list of numbers such as 3,3,1") from None


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of whole numbers such as 100,1000,5000") from None
    if not sizes or min(sizes) < 7:
        raise argparse.ArgumentTypeError("every size must be at least 7, the number of shipped playbooks")
    return sizes


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _meta(args: argparse.Namespace) -> dict[str, Any]:
    import os

    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "mkdocs": _version("mkdocs"),
        "mkdocs-material": _version("mkdocs-material"),
        "pyyaml": _version("pyyaml"),
        "runs": args.runs if len(args.runs) > 1 else args.runs[0],
        "timeout_s": args.timeout,
        "gzip_level": GZIP_LEVEL,
        "day": PINNED_DAY.isoformat(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


class _Timings:
    """The series of one size: a measurement that timed out or failed is not run again."""

    def __init__(self) -> None:
        self.series: dict[str, Series] = {}
        self.skipped: dict[str, str] = {}
        """Measurements not run, and why."""

    def measure(self, name: str, action: Callable[[], Run | None], needs: Sequence[str] = ()) -> Run | None:
        """Run ``action`` unless a measurement it ``needs`` (whose work it repeats) exceeded the limit or failed."""
        series = self.series.setdefault(name, Series())
        if series.timed_out or series.failed:
            return None
        blocked = next((need for need in needs if self.get(need).timed_out or self.get(need).failed), None)
        if blocked is not None:
            self.skipped[name] = f"{blocked} {'exceeded the limit' if self.get(blocked).timed_out else 'failed'}"
            return None
        result = action()
        if result is not None:
            series.runs.append(result)
            if not result.ok:
                outcome = "timed out" if result.timed_out else f"failed (exit {result.returncode})"
                _progress(f"  {name}: {outcome} after {result.seconds:.1f} s")
        return result

    def get(self, name: str) -> Series:
        return self.series.get(name, Series())

    def as_json(self) -> dict[str, Any]:
        return {name: series.as_json() for name, series in self.series.items() if series.runs}


def measure_size(folder: Path, n: int, runs: int, args: argparse.Namespace, crawl: bool) -> dict[str, Any]:
    """Every figure for one corpus size.

    ``build``, the plain project's rendering and ``serve`` all run ``check`` first, so when ``check``
    exceeds the limit they are not run: each would exceed it too. ``build`` is then recorded as a
    lower bound equal to ``check``'s, per HTML page it would have written.
    """
    env = environment()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    corpus = build_corpus(folder / "project", n)
    root, built, plain = corpus.root, folder / "site", folder / "plain-site"
    result: dict[str, Any] = {"playbooks": n, "runs": runs, "corpus": {"records": corpus.records, "files": sum(corpus.records.values()),
                                                                       "written_s": round(time.perf_counter() - started, 2)}}  # fmt: skip
    timings = _Timings()
    generator = [PYTHON, "-m", "generator", "--root", str(root)]
    for index in range(runs):
        _progress(f"N={n}: run {index + 1} of {runs}")
        check = timings.measure("check", lambda: run([*generator, "check"], env=env, timeout=args.timeout))
        timings.measure("check floor", lambda: baselines.check_floor(root, env, args.timeout))
        if check is not None and check.ok:
            result["corpus"]["check_output_lines"] = check.stdout_lines
        if index == 0:
            timings.measure("render", lambda: baselines.prepare_plain(root, env, args.timeout), needs=["check"])
        shutil.rmtree(built, ignore_errors=True)
        timings.measure("build", lambda: run([*generator, "build", "--site-dir", str(built)], env=env, timeout=args.timeout),
                        needs=["check"])
        for leftover in folder.glob(".site.*"):  # a killed build's staging folder
            shutil.rmtree(leftover, ignore_errors=True)
        shutil.rmtree(plain, ignore_errors=True)
        timings.measure("plain build", lambda: baselines.plain_build(root, plain, env, args.timeout), needs=["render"])
        shutil.rmtree(plain, ignore_errors=True)
        if (built / "index.html").is_file():
            timings.measure("verify", lambda: run([*generator, "verify", "--no-crawl", str(built)], env=env, timeout=args.timeout))
            timings.measure("verify floor", lambda: baselines.html_floor(built, env, args.timeout))
    if crawl and (built / "index.html").is_file():
        _progress(f"N={n}: linkchecker, then verify with its crawl")
        timings.measure("linkchecker", lambda: _linkchecker(built, env, args.timeout, result))
        timings.measure("verify with crawl", lambda: run([*generator, "verify", str(built)], env=env, timeout=args.timeout),
                        needs=["linkchecker"])
    result["timings"] = timings.as_json()
    result["skipped"] = timings.skipped
    pages = site.html_pages(built) if (built / "index.html").is_file() else None
    if timings.get("check").timed_out and not timings.get("build").runs:
        timings.series["build"] = Series([Run(timings.get("check").seconds or 0.0, -9, 0.0, timed_out=True)])
        result["timings"]["build"] = {**timings.series["build"].as_json(),
                                      "inferred": "build runs check first, and check exceeded the limit"}
        pages = corpus.expected_html_pages
    result["ratios"] = _ratios(timings, pages)
    result["bytes"] = _bytes(built) if (built / "index.html").is_file() else None
    if (built / "index.html").is_file() and not args.no_search_bytes:
        _progress(f"N={n}: search bytes before the first result, in Chromium")
        result["search_bytes"] = search_bytes.measure(built)
    if args.no_serve:
        pass
    elif args.serve_up_to is not None and n > args.serve_up_to:
        result["skipped"]["serve"] = f"above --serve-up-to {args.serve_up_to}"
    elif timings.get("build").timed_out or not timings.get("build").runs:
        result["skipped"]["serve"] = "build exceeded the limit, and serve builds the same site first"
    else:
        _progress(f"N={n}: serve, {runs} edit(s)")
        served = measure_serve(corpus, runs, env, args.timeout)
        result["serve"] = {"first_build_s": _round(served.first_build_s), "rebuilds_s": [round(s, 3) for s in served.rebuilds_s],
                           "rebuild_median_s": _round(statistics.median(served.rebuilds_s) if served.rebuilds_s else None),
                           "timed_out": served.timed_out, "error": served.error}  # fmt: skip
    return result


def _linkchecker(built: Path, env: dict[str, str], timeout: float, result: dict[str, Any]) -> Run:
    outcome, links = baselines.linkchecker(built, env, timeout)
    if outcome.ok:
        result["links_crawled"] = links
    return outcome


def _ratios(timings: _Timings, pages: int | None) -> dict[str, Any]:
    """Every comparison, each between series measured in the same runs."""
    build = timings.get("build")
    return {
        "check_vs_floor": _round(ratio(timings.get("check"), timings.get("check floor"))),
        "build_vs_plain": _round(ratio(build, timings.get("plain build"))),
        "verify_vs_floor": _round(ratio(timings.get("verify"), timings.get("verify floor"))),
        "verify_with_crawl_vs_linkchecker": _round(ratio(timings.get("verify with crawl"), timings.get("linkchecker"))),
        "html_pages": pages,
        "build_ms_per_page": _round(build.seconds * 1000 / pages if build.seconds and pages else None, 2),
        "lower_bounds": sorted(name for name, series in timings.series.items() if series.timed_out),
    }


def _bytes(built: Path) -> dict[str, Any]:
    page = site.weigh(built, site.PLAYBOOK_PAGE) if (built / site.PLAYBOOK_PAGE).is_file() else site.Weight()
    return {
        "playbook_page": {"path": site.PLAYBOOK_PAGE, "raw_bytes": page.raw, "gzip_bytes": page.gzip},
        "first_load": site.first_load(built).as_json(),
        "search_payload": site.search_payload(built).as_json(),
        "sitemap": site.sitemap(built).as_json(),
        "site_bytes": site.site_bytes(built),
    }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
