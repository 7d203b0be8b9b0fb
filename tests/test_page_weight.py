"""What a phone downloads before the start page is usable, weighed on the site as deployed.

The benchmark (``benchmarks/site.py``) weighs the same thing at every size; this holds the shipped site
to the budget of issue 10, so a change that adds to every reader's first load fails here, in the diff
that adds it, rather than in a benchmark run days later.
"""

from __future__ import annotations

from pathlib import Path

import generator
from benchmarks.site import first_load
from generator.plugin import BROWSER_ASSETS

FIRST_LOAD_BUDGET = 75_000
"""Bytes, gzipped: the start page and every stylesheet and script it loads (issue 10's phone budget)."""


def test_the_start_page_loads_within_the_phone_budget(shipped_site: Path) -> None:
    weight = first_load(shipped_site)
    parts = ", ".join(f"{part.path} {part.gzip:,}" for part in sorted(weight.parts, key=lambda part: -part.gzip))
    assert weight.gzip <= FIRST_LOAD_BUDGET, f"first load {weight.gzip:,} B gzipped over {FIRST_LOAD_BUDGET:,}: {parts}"


def test_the_site_serves_its_own_stylesheets_and_scripts_minified(shipped_site: Path) -> None:
    """The files written in ``generator/assets/`` keep their comments for editors; readers get them without."""
    package = Path(generator.__file__).parent
    sources = {built: package / built.replace("static/", "assets/", 1) for built in BROWSER_ASSETS}
    written = {built: source for built, source in sources.items() if source.is_file()}  # the rest are built from web/
    assert len(written) == 6, "the site's three stylesheets and three scripts"
    for built, source in written.items():
        text, served = source.read_text(encoding="utf-8"), (shipped_site / BROWSER_ASSETS[built]).read_text(encoding="utf-8")
        assert "/*" in text, f"{source} has comments, so this test can tell"
        assert "/*" not in served and len(served) < 0.8 * len(text), f"{BROWSER_ASSETS[built]} is served as written"
