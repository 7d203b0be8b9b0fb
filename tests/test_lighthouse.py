"""The Lighthouse run's judgement (``tests/lighthouse.py``), from a saved report: no Chromium, no Lighthouse.

The fixture is a real Lighthouse 12.2.3 report of the evidence page on a desktop, from before its
layout shift and the vague "Start" link were fixed, cut down to what the runner reads
(:func:`tests.lighthouse.trimmed`).
"""

from __future__ import annotations

import copy
import gzip
import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from generator.linkcheck import serve_site
from tests.lighthouse import THRESHOLDS, Result, StaticHostHandler, judge, scores, table, trimmed

FIXTURE = Path(__file__).parent / "fixtures" / "lighthouse" / "evidence-desktop.json"


@pytest.fixture
def report() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return loaded


def test_scores_are_read_as_lighthouse_shows_them(report: dict[str, Any]) -> None:
    assert scores(report) == {"performance": 87, "accessibility": 100, "best-practices": 100, "seo": 91}


def test_a_low_score_fails_naming_the_page_form_factor_category_and_audits(report: dict[str, Any]) -> None:
    misses = judge(report, "evidence/", "desktop")
    assert [(miss.category, miss.score, miss.threshold) for miss in misses] == [("performance", 87, 95), ("seo", 91, 100)]
    performance, seo = (str(miss) for miss in misses)
    assert performance.startswith("evidence/ (desktop): performance 87, below 95")
    assert "cumulative-layout-shift 0.237" in performance and "total-blocking-time" in performance
    assert "first-contentful-paint" not in performance, "only audits that lost points are named"
    assert seo.startswith("evidence/ (desktop): seo 91, below 100")
    assert "link-text" in seo and "text=Start" in seo, "the failing link is shown"


def test_scores_at_or_above_the_thresholds_pass(report: dict[str, Any]) -> None:
    assert judge(report, "evidence/", "desktop", {"performance": 87, "accessibility": 100, "best-practices": 100, "seo": 91}) == []
    passing = copy.deepcopy(report)
    for category in passing["categories"].values():
        category["score"] = 1
    assert judge(passing, "evidence/", "phone") == []
    assert all(value >= 95 for value in THRESHOLDS["phone"].values())


def test_a_run_that_could_not_score_fails(report: dict[str, Any]) -> None:
    broken = copy.deepcopy(report)
    broken["categories"]["performance"]["score"] = None
    broken["runtimeError"] = {"code": "NO_FCP", "message": "The page did not paint any content."}
    miss = judge(broken, "evidence/", "phone")[0]
    assert miss.category == "performance" and miss.score is None
    assert "no score" in str(miss) and "The page did not paint any content." in str(miss)


def test_the_table_marks_each_miss(report: dict[str, Any]) -> None:
    result = Result("evidence/", "desktop", scores(report), 1, 12.0, judge(report, "evidence/", "desktop"))
    row = table([result]).splitlines()[-1].split()
    assert row[:6] == ["evidence/", "desktop", "87!", "100", "100", "91!"]


def test_the_fixture_holds_only_what_the_runner_reads(report: dict[str, Any]) -> None:
    assert trimmed(report) == report


def test_the_server_compresses_and_sets_a_cache_lifetime_like_a_static_host(tmp_path: Path) -> None:
    page = "<!doctype html><title>x</title>" + "<p>words</p>" * 200
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "file.zip").write_bytes(b"PK\x03\x04")
    with serve_site(tmp_path, StaticHostHandler) as base:
        asked = urllib.request.Request(base, headers={"Accept-Encoding": "gzip, deflate, br"})
        with urllib.request.urlopen(asked, timeout=10) as response:
            assert response.headers["Content-Encoding"] == "gzip" and response.headers["Cache-Control"] == "max-age=600"
            assert response.headers["Vary"] == "Accept-Encoding" and response.headers["Content-Type"] == "text/html; charset=utf-8"
            assert gzip.decompress(response.read()).decode("utf-8") == page
        with urllib.request.urlopen(base, timeout=10) as response:  # no Accept-Encoding: the file as it is
            assert response.headers["Content-Encoding"] is None and response.read().decode("utf-8") == page
        zipped = urllib.request.Request(base + "file.zip", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(zipped, timeout=10) as response:  # binary files are sent as they are
            assert response.headers["Content-Encoding"] is None and response.read() == b"PK\x03\x04"
