"""The MkDocs plugin, exercised by real ``mkdocs build --strict`` runs on the mini corpus."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import REPO, make_project
from mkdocs.config import load_config

from generator.linkcheck import check_internal_links
from generator.pipeline import check_content
from generator.plugin import PlaybookPlugin
from generator.site_config import read_site_settings
from generator.verify import verify_site

HOSTILE_CASE = REPO / "tests/cases/valid/hostile-text-is-data/content"


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, check=False, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("built")
    project = make_project(root / "project")
    import shutil

    shutil.copytree(HOSTILE_CASE, project / "content", dirs_exist_ok=True)
    result = mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site", result


def html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_default_config() -> None:
    plugin = PlaybookPlugin()
    errors, warnings = plugin.load_config({})
    assert (errors, warnings) == ([], [])
    assert dict(plugin.config) == {"content_dir": "content", "grace_days": 30, "set_nav": True, "descriptions": {}, "intros": {}}


def test_strict_build_logs_no_warning(built) -> None:
    _, result = built
    def steady(line: str) -> str:
        return re.sub(r"[\d.]+ seconds", "N seconds", re.sub(r"directory: .*", "directory: SITE", line))

    lines = [steady(line) for line in result.stderr.splitlines()]
    assert lines == [
        "INFO    -  Cleaning site directory",
        "INFO    -  Building documentation to directory: SITE",
        "INFO    -  Documentation built in N seconds",
    ]


def test_every_page_is_generated(built) -> None:
    site, _ = built
    for page in [
        "index.html", "playbooks/index.html", "playbooks/withdrawal-locked/index.html", "playbooks/account-takeover/index.html",
        "checklists/index.html", "checklists/basics/index.html", "guides/verify/index.html", "faq/index.html", "myths/index.html",
        "security-controls/index.html", "risks/index.html", "demo/index.html", "sample/index.html", "sources/index.html",
    ]:  # fmt: skip
        assert (site / page).is_file(), page


def test_edit_button_opens_the_yaml(built) -> None:
    page = html(built[0], "playbooks/withdrawal-locked/index.html")
    edit = "https://github.com/missing-funds-playbook/missing-funds-playbook/edit/main/content/playbooks/withdrawal-locked.yaml"
    assert f'href="{edit}"' in page


def test_figures_carry_a_marker_to_their_claim(built) -> None:
    site, _ = built
    page = html(site, "playbooks/withdrawal-locked/index.html")
    assert ('<span class="mfp-figure" data-claim="demo-withdrawal-lock">24 hours</span>'
            '<sup class="mfp-cite mfp-cite--verified" data-claim-marker="demo-withdrawal-lock">'
            '<a href="../../sources/#claim-demo-withdrawal-lock"') in page
    sources = html(site, "sources/index.html")
    assert 'id="claim-demo-withdrawal-lock"' in sources
    assert "<p>You cannot withdraw for 24 hours after changing your password.</p>" in sources
    takeover = html(site, "playbooks/account-takeover/index.html")
    assert "[4 unverified]" in takeover


def test_hostile_text_comes_out_literally(built) -> None:
    page = html(built[0], "faq/index.html")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "onload=alert(document.cookie)" in page and re.search(r"<[^>]*\sonload=", page) is None  # text, never an attribute
    assert ("&lt;img src=x onerror=alert(document.cookie)&gt; **bold** {{ config }} {% include &#39;x&#39; %} "
            "[x]: javascript:alert(document.cookie)") in page
    assert 'href="javascript:' not in page and "<strong>bold" not in page
    start = html(built[0], "playbooks/account-takeover/index.html")
    assert "Act now: &lt;b&gt;contact support&lt;/b&gt; through the official app. {{ not_a_template }}" in start


def test_schemas_are_published(built) -> None:
    schema = json.loads(html(built[0], "schemas/playbook.schema.json"))
    assert schema["title"] == "Playbook"


def test_every_page_says_what_the_site_is(built) -> None:
    """Someone who has just been called by "support" or a "recovery service" reads, on any page, that
    this site is not an exchange and never contacts anyone (mkdocs.yml: extra.notice)."""
    site, _ = built
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<p class="mfp-notice">Not an exchange: this site never contacts you' in text, page
        assert "never offers to recover funds" in text, page


def test_a_wrong_turn_is_offered_the_right_page_before_the_steps(built) -> None:
    page = html(built[0], "playbooks/withdrawal-locked/index.html")
    offer, steps = page.index('class="mfp-not-this"'), page.index('id="do-now"')
    assert offer < steps and 'href="../account-takeover/"' in page[offer:steps] and 'href="../../"' in page[offer:steps]


def searched_pages(site: Path) -> dict[str, dict[str, Any]]:
    """What the published site's search holds: Pagefind's record of each page (gzip, a marker, JSON), by address."""
    pages = {}
    for fragment in (site / "pagefind/fragment").iterdir():
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[record["url"].lstrip("/")] = record
    return pages


def test_search_finds_one_situation_once_with_its_general_steps(built) -> None:
    """A situation's steps are one section of one page: a search gives one result for it, not one per
    exchange, and that result holds the steps for any exchange once, without the jump links, the
    steps repeated for each profiled exchange or the source markers (generator/search.py)."""
    record = searched_pages(built[0])["playbooks/withdrawal-locked/"]
    anchors = [anchor["id"] for anchor in record["anchors"]]
    assert "do-now" in anchors and not [anchor for anchor in anchors if anchor.startswith("on-")]
    page = html(built[0], "playbooks/withdrawal-locked/index.html")
    assert "Steps for Demo Exchange" in page and "data-search-exclude" not in page  # Material removes the marks it read
    assert not any(words in record["content"] for words in ("Steps for", "Demo Exchange", "Sample Exchange"))


def test_the_published_index_is_a_stub_and_pagefind_holds_the_text(built) -> None:
    """Material's page downloads search_index.json on every page: on the published site it names where
    Pagefind's chunked index is and holds no documents (the offline copy keeps the whole index)."""
    index = json.loads(html(built[0], "search/search_index.json"))
    assert index["docs"] == [] and index["config"]["pagefind"]["path"] == "pagefind/"
    assert (built[0] / "pagefind/pagefind.js").is_file() and not list((built[0] / "pagefind").glob("pagefind-ui*"))


def test_search_index_holds_faq_questions(built) -> None:
    faq = searched_pages(built[0])["faq/"]
    assert "How long does the withdrawal lock last?" in [anchor["text"] for anchor in faq["anchors"]]
    assert "How long does the withdrawal lock last?" in faq["meta"]["headings"]


def test_internal_links_and_anchors_resolve_and_nothing_loads_from_elsewhere(built) -> None:
    """The site as `mkdocs build` makes it passes the same read-back as `python -m generator verify`."""
    site, _ = built
    content, problems = check_content(site.parent / "project")
    site_path = urlsplit(load_config(config_file=str(site.parent / "project/mkdocs.yml")).site_url).path  # the 404 page links from it
    settings = read_site_settings(site.parent / "project")
    assert verify_site(site, content, problems, "site", site_path=site_path, site=settings) > 10
    assert check_internal_links(site, problems, "site") > 50
    assert [str(problem) for problem in problems] == []


def test_content_problem_aborts_mkdocs_with_every_problem(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "content/faqs/reverse.yaml").write_text("id: reverse\nquestion: Q?\nanswer: '{cite:nothing}'\nplaybooks: [nowhere]\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "content/faqs/reverse.yaml:3:10: error: unknown claim 'nothing'" in result.stderr
    assert "content/faqs/reverse.yaml:4:13: error: unknown playbook 'nowhere'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
