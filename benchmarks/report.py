"""The printed table and the targets, both read from the one results dictionary that is also written as JSON.

A figure that comes from a timed-out command is a lower bound and is printed with ``>``; a target
is FAIL when even its lower bound misses, and UNKNOWN when nothing was measured.
"""

from __future__ import annotations

from typing import Any

SEARCH_BUDGET = 300_000
"""Bytes (gzip) a reader may download for search before the first result, at 5,000 playbooks, with every
page's full text searchable."""
SEARCH_AT = 5000
PREVIEW_LIMIT_S = 5.0
"""Seconds from saving one content edit to the preview serving the changed page, at :data:`PREVIEW_AT` playbooks."""
PREVIEW_AT = 1000
MEMORY_LIMIT_MB = 1000
"""Peak resident memory of ``check`` and of ``build``, at :data:`MEMORY_AT` playbooks."""
MEMORY_AT = 5000

KB = 1000
"""Kilobytes in this report are 1,000 bytes."""


def _sizes(results: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return sorted(((int(n), size) for n, size in results["sizes"].items()), key=lambda item: item[0])


def _timing(size: dict[str, Any], name: str) -> tuple[float | None, bool]:
    series = size.get("timings", {}).get(name)
    if not series or series["median_s"] is None:
        return None, False
    return series["median_s"], bool(series["timed_out"])


def _seconds(size: dict[str, Any], name: str) -> str:
    value, bound = _timing(size, name)
    series = size.get("timings", {}).get(name)
    if series and series.get("failed"):
        return "failed"
    if value is None:
        return "skipped" if name in size.get("skipped", {}) else "-"
    return f"{'>' if bound else ''}{value:.2f}"


def _bound(size: dict[str, Any], *names: str) -> bool:
    """Whether a ratio is a lower bound: its numerator timed out (a timed-out denominator makes it unknown instead)."""
    return _timing(size, names[0])[1] and not any(_timing(size, name)[1] for name in names[1:])


def _ratio(size: dict[str, Any], key: str, numerator: str, denominator: str, percent: bool = False) -> str:
    value = size.get("ratios", {}).get(key)
    if value is None or _timing(size, denominator)[1]:
        return "-"
    prefix = ">" if _bound(size, numerator, denominator) else ""
    return f"{prefix}{(value - 1) * 100:+.0f}%" if percent else f"{prefix}{value:.2f}x"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in [header, *rows]]
    return "\n".join([lines[0], "  ".join("-" * width for width in widths), *lines[1:]])


def _per_page(results: dict[str, Any]) -> dict[int, tuple[float | None, bool, float | None]]:
    """ms/page at each N, whether it is a lower bound, and its ratio to the smallest N."""
    sizes = _sizes(results)
    out: dict[int, tuple[float | None, bool, float | None]] = {}
    base = sizes[0][1].get("ratios", {}).get("build_ms_per_page") if sizes else None
    for n, size in sizes:
        value = size.get("ratios", {}).get("build_ms_per_page")
        out[n] = (value, _timing(size, "build")[1], value / base if value and base and not _timing(sizes[0][1], "build")[1] else None)
    return out


def render(results: dict[str, Any]) -> str:
    meta = results["meta"]
    sizes = _sizes(results)
    first = sizes[0][0] if sizes else 0
    per_page = _per_page(results)
    title = (f"Missing Funds Playbook benchmark: {meta['cpus']} cores, Python {meta['python']}, mkdocs {meta['mkdocs']}, "
             f"Material {meta['mkdocs-material']}; median of {meta['runs']} run(s); limit {meta['timeout_s']:.0f} s per command "
             f"('>' = timed out, a lower bound); day {meta['day']}")  # fmt: skip
    corpus = _table(["N", "files", "claims", "sources", "checklists", "FAQs", "check warnings", "HTML pages"],
                    [[str(n), str(s["corpus"]["files"]),
                      *(str(s["corpus"]["records"].get(k, 0)) for k in ("claims", "sources", "checklists", "faqs")),
                      str(s["corpus"].get("check_output_lines", "-")), str(s.get("ratios", {}).get("html_pages", "-"))]
                     for n, s in sizes])  # fmt: skip
    time_rows = [
        [str(n), _seconds(s, "check"), _seconds(s, "check floor"), _ratio(s, "check_vs_floor", "check", "check floor"),
         _seconds(s, "build"), _seconds(s, "plain build"), _ratio(s, "build_vs_plain", "build", "plain build", percent=True),
         _ms(per_page[n]), _x(per_page[n]),
         _seconds(s, "verify"), _seconds(s, "verify floor"), _ratio(s, "verify_vs_floor", "verify", "verify floor"),
         _seconds(s, "verify with crawl"), _seconds(s, "linkchecker"),
         _ratio(s, "verify_with_crawl_vs_linkchecker", "verify with crawl", "linkchecker"), str(s.get("links_crawled", "-"))]
        for n, s in sizes
    ]  # fmt: skip
    timing = _table(["N", "check", "floor", "ratio", "build", "plain", "overhead", "ms/page", f"vs N={first}", "verify", "floor", "ratio",
                     "verify+crawl", "linkchecker", "ratio", "links"], time_rows)  # fmt: skip
    weights = _table(["N", "playbook page raw", "gzip", "first load gz KB", "of which index.html", "search per page gz", "of which index",
                      "sitemap gz KB"],
                     [[str(n), *_bytes_row(s)] for n, s in sizes])  # fmt: skip
    notes = [f"  N={n}: {name} not run: {why}" for n, s in sizes for name, why in s.get("skipped", {}).items()]
    notes += [f"  N={n}: build {s['timings']['build']['inferred']}; shown as that lower bound"
              for n, s in sizes if "inferred" in s.get("timings", {}).get("build", {})]  # fmt: skip
    memory = _table(["N", "check peak RSS MB", "build peak RSS MB", "serve first build s", "serve rebuild s (median)", "rebuilds s"],
                    [[str(n), _rss(s, "check"), _rss(s, "build"), *_serve_row(s)] for n, s in sizes])  # fmt: skip
    return "\n".join([
        title, "",
        "Corpus", corpus, "",
        "Time (seconds, wall clock, each command a fresh process; check/build/verify floors as in benchmarks/baselines.py)",
        timing, *notes, "",
        f"Bytes (KB = {KB:,} bytes; gzip level {meta['gzip_level']})", weights, "",
        "Memory and serve", memory, "",
        "Targets", *(f"  {t['status']:<7} {t['name']}: {t['measured']}" for t in results.get("targets", [])), "",
        *_search_block(results.get("search")),
    ])  # fmt: skip


def _ms(entry: tuple[float | None, bool, float | None]) -> str:
    value, bound, _ = entry
    return "-" if value is None else f"{'>' if bound else ''}{value:.1f}"


def _x(entry: tuple[float | None, bool, float | None]) -> str:
    _, bound, relative = entry
    return "-" if relative is None else f"{'>' if bound else ''}{relative:.2f}x"


def _kb(value: int | None) -> str:
    return "-" if value is None else f"{value / KB:,.1f}"


def _bytes_row(size: dict[str, Any]) -> list[str]:
    data = size.get("bytes")
    if not data:
        return ["-"] * 7
    page, load, search = data["playbook_page"], data["first_load"], data["search_payload"]
    index = next((p["gzip"] for p in load["parts"] if p["path"] == "index.html"), None)
    search_index = next((p["gzip"] for p in search["parts"] if p["path"].startswith("search/")), None)
    return [f"{page['raw_bytes']:,}", f"{page['gzip_bytes']:,}", _kb(load["gzip_bytes"]), _kb(index), _kb(search["gzip_bytes"]),
            _kb(search_index), _kb(data["sitemap"]["gzip_bytes"])]  # fmt: skip


def _rss(size: dict[str, Any], name: str) -> str:
    series = size.get("timings", {}).get(name)
    if not series or series["peak_rss_mb"] is None or "inferred" in series:
        return "-"
    return f"{'>' if series['timed_out'] else ''}{series['peak_rss_mb']:.0f}"


def _serve_row(size: dict[str, Any]) -> list[str]:
    serve = size.get("serve")
    if not serve:
        return ["skipped" if "serve" in size.get("skipped", {}) else "-", "-", "-"]
    if serve["first_build_s"] is None:
        return ["timed out" if serve["timed_out"] else "failed", "-", "-"]
    if serve["timed_out"] and not serve["rebuilds_s"]:
        return [f"{serve['first_build_s']:.2f}", "timed out", "-"]
    median = serve["rebuild_median_s"]
    return [f"{serve['first_build_s']:.2f}", "-" if median is None else f"{median:.2f}", ", ".join(f"{s:.2f}" for s in serve["rebuilds_s"])]


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with PASS, FAIL or UNKNOWN and the measured value it was judged on (the worst over all sizes)."""
    sizes = _sizes(results)
    found: list[dict[str, Any]] = []

    def judge(name: str, limit: float, values: list[tuple[int, float | None, bool]], show: str, lower: bool = True) -> None:
        """``values``: (N, value, is a lower bound); ``lower`` means smaller is better."""
        known = [(n, v, b) for n, v, b in values if v is not None]
        if not known:
            found.append({"name": name, "status": "UNKNOWN", "measured": "not measured", "limit": limit, "values": {}})
            return
        fails = [(n, v, b) for n, v, b in known if (v > limit if lower else v < limit)]
        unsure = [(n, v, b) for n, v, b in known if b and not (v > limit)]
        worst = max(known, key=lambda item: item[1])
        status = "FAIL" if fails else "UNKNOWN" if unsure or len(known) < len(values) else "PASS"
        text = ", ".join(f"N={n}: {'>' if b else ''}{show.format(v)}" for n, v, b in known)
        missing = [str(n) for n, v, _ in values if v is None]
        text += f" (not measured at N={', '.join(missing)})" if missing else ""
        found.append({"name": name, "status": status, "measured": text, "limit": limit, "worst": worst[1],
                      "values": {str(n): v for n, v, _ in known}})  # fmt: skip

    per_page = _per_page(results)
    if len(sizes) > 1:
        last = sizes[-1][0]
        judge(f"build cost per page at N={last} <= 1.25 x its cost at N={sizes[0][0]}", 1.25,
              [(last, per_page[last][2], per_page[last][1])], "{:.2f}x")  # fmt: skip
    else:
        found.append({"name": "build cost per page vs the smallest N", "status": "UNKNOWN", "measured": "needs two sizes", "limit": 1.25,
                      "values": {}})  # fmt: skip
    judge("generator overhead over a plain Material build <= 10 %", 1.10,
          [(n, s.get("ratios", {}).get("build_vs_plain"), _bound(s, "build", "plain build")) for n, s in sizes], "{:.2f}x")  # fmt: skip
    judge("check <= 2 x its floor (PyYAML C loader over the same files)", 2.0,
          [(n, s.get("ratios", {}).get("check_vs_floor"), _bound(s, "check", "check floor")) for n, s in sizes], "{:.2f}x")  # fmt: skip
    judge("verify <= 2 x its floor (one HTMLParser pass over every page)", 2.0,
          [(n, s.get("ratios", {}).get("verify_vs_floor"), _bound(s, "verify", "verify floor")) for n, s in sizes], "{:.2f}x")  # fmt: skip
    pages = [(n, s["bytes"]["playbook_page"]["raw_bytes"] if s.get("bytes") else None) for n, s in sizes]
    base = next((v for _, v in pages if v), None)
    judge("one playbook page's HTML independent of N (within 10 % of the smallest N)", 0.10,
          [(n, abs(v / base - 1) if v and base else None, False) for n, v in pages], "{:.0%}")  # fmt: skip
    judge(f"phone first load (HTML + CSS + JS, gzip) <= 75 KB ({75 * KB:,} bytes)", 75 * KB,
          [(n, s["bytes"]["first_load"]["gzip_bytes"] if s.get("bytes") else None, False) for n, s in sizes], "{:,.0f} B")  # fmt: skip
    searched = _at([(n, s["search_bytes"]["max_gzip_bytes"] if s.get("search_bytes") else None, False) for n, s in sizes], SEARCH_AT)
    judge(f"search bytes before first result <= {SEARCH_BUDGET // KB} KB gz at N={SEARCH_AT} with full text (every query, every N)",
          SEARCH_BUDGET, searched, "{:,.0f} B")  # fmt: skip
    judge(f"preview: one edit served <= {PREVIEW_LIMIT_S:g} s at N={PREVIEW_AT} (serve's median rebuild, every N measured)",
          PREVIEW_LIMIT_S,
          _measured_and([(n, _preview(s), False) for n, s in sizes], PREVIEW_AT), "{:.2f} s")  # fmt: skip
    for command in ("check", "build"):
        judge(f"{command} peak memory <= {MEMORY_LIMIT_MB:,} MB at N={MEMORY_AT} (every N measured)", MEMORY_LIMIT_MB,
              _measured_and([(n, _peak_rss(s, command), False) for n, s in sizes], MEMORY_AT), "{:,.0f} MB")  # fmt: skip
    return found


def _at(values: list[tuple[int, float | None, bool]], n: int) -> list[tuple[int, float | None, bool]]:
    """``values`` with an unmeasured entry for ``n`` if it was not run: a target set at one size is not passed at others alone."""
    return values if any(size == n for size, _, _ in values) else [*values, (n, None, False)]


def _measured_and(values: list[tuple[int, float | None, bool]], n: int) -> list[tuple[int, float | None, bool]]:
    """The measured ``values``, and ``n``'s whether measured or not: the size a target is set at must be run."""
    return [(size, value, bound) for size, value, bound in _at(values, n) if value is not None or size == n]


def _preview(size: dict[str, Any]) -> float | None:
    serve = size.get("serve")
    return serve["rebuild_median_s"] if serve and not serve["timed_out"] else None


def _peak_rss(size: dict[str, Any], name: str) -> float | None:
    series = size.get("timings", {}).get(name)
    return None if not series or "inferred" in series else series["peak_rss_mb"]


def search_summary(results: dict[str, Any]) -> dict[str, Any] | None:
    """Bytes before the first result (see :mod:`benchmarks.search_bytes`) at each size, for the printed block."""
    measured = {str(n): s["search_bytes"] for n, s in _sizes(results) if s.get("search_bytes")}
    if not measured:
        return None
    return {"budget_bytes": SEARCH_BUDGET, "at_playbooks": SEARCH_AT, "sizes": measured}


def _search_block(summary: dict[str, Any] | None) -> list[str]:
    from .search_bytes import QUERIES

    if summary is None:
        return ["Search bytes before the first result: not measured (no site was built, or --no-search-bytes)"]
    budget = f"budget {summary['budget_bytes'] / KB:.0f} KB at N={summary['at_playbooks']:,}"
    lines = [f"Search bytes before the first result (Chromium, fresh browser per query, gzip KB; {budget}):"]
    rows = []
    for n, measured in summary["sizes"].items():
        queries = measured["queries"]
        engine = max(q["engine_gzip_bytes"] for q in queries.values())
        rows.append([n, _kb(measured["median_gzip_bytes"]), _kb(measured["max_gzip_bytes"]), _kb(engine),
                     *(_kb(queries[q]["gzip_bytes"]) for q in QUERIES)])  # fmt: skip
    lines.append(_table(["N", "median", "max", "engine", *QUERIES], rows))
    return lines
