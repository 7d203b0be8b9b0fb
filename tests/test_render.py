"""Rendering: escaping, links between pages, and golden files of the mini corpus.

The golden files under tests/golden/mini/ show exactly what the templates produce for the
fixture corpus, so a reviewer sees the effect of a template change in the diff. After an
intended change, regenerate them with ``UPDATE_GOLDEN=1 python -m pytest tests/test_render.py``.
"""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path

import markdown
import pytest
from conftest import MINI, REPO
from hypothesis import given
from hypothesis import strategies as st

from generator.export import atom_feed, export_json
from generator.pipeline import Generated, generate
from generator.render import (
    LIST_LIMIT,
    Page,
    described_pages,
    markdown_inline,
    navigation,
    page_url,
    relative_path,
    relative_url,
    render_pages,
    risk_level,
)
from generator.site_config import read_site_settings

GOLDEN = Path(__file__).parent / "golden" / "mini"


@pytest.fixture(scope="module")
def mini() -> Generated:
    """The mini corpus with the shipped site's words (mkdocs.yml: descriptions and intros)."""
    generated = generate(MINI, site=read_site_settings(REPO))
    assert generated.ok, [str(p) for p in generated.problems]
    return generated


@pytest.fixture(scope="module")
def mini_pages(mini: Generated):
    return mini.pages


def test_described_pages_say_what_the_rendered_ones_do(mini: Generated) -> None:
    """verify compares descriptions and structured data without rendering Markdown: the same pages, words and data."""
    assert mini.content is not None
    described = described_pages(mini.content, site=read_site_settings(REPO))
    fields = [(p.path, p.title, p.section, p.source_file, p.description, p.structured_data) for p in mini.pages]
    assert [(p.path, p.title, p.section, p.source_file, p.description, p.structured_data) for p in described] == fields
    assert all(page.markdown == "" for page in described)


def test_golden_pages(mini: Generated) -> None:
    """Every page's Markdown; what search engines read of each page (``metadata.json``); the JSON
    export and the Atom feed, as published for a site at https://example.org/."""
    assert mini.content is not None
    rendered = {page.path: page.markdown for page in mini.pages}
    metadata = {page.path: {"description": page.description, "structured_data": page.structured_data} for page in mini.pages}
    rendered["metadata.json"] = json.dumps(metadata, indent=2, ensure_ascii=False) + "\n"
    rendered["export.json"] = export_json(mini.content)
    rendered["feed.xml"] = atom_feed(mini.content, "https://example.org/")
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in rendered.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    stored = {str(path.relative_to(GOLDEN)): path.read_text(encoding="utf-8") for path in GOLDEN.rglob("*") if path.is_file()}
    assert sorted(stored) == sorted(rendered), "pages added or removed: regenerate the golden files"
    for path, text in rendered.items():
        assert text == stored[path], f"{path} differs from its golden file"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>", "[x](javascript:alert(1))", "**bold** _it_ `code`", "Title {#id .cls}", "a & b < c > d",
        "{{ 7*7 }} {% x %}", "# not a heading", "1. not a list",
    ],
)
def test_markdown_inline_keeps_text_literal(text: str) -> None:
    html = markdown.markdown(f"## {markdown_inline(text)}", extensions=["attr_list", "pymdownx.escapeall"])
    assert html.startswith("<h2") and "<script" not in html and "<a" not in html and "<strong" not in html and "<code" not in html
    inner = html[html.index(">") + 1 : html.rindex("</h2>")]
    import html as html_module

    assert html_module.unescape(inner) == text


def test_page_urls_and_relative_links() -> None:
    assert page_url("index.md", True) == "" and page_url("faq.md", True) == "faq/" and page_url("faq.md", False) == "faq.html"
    assert relative_url("playbooks/x.md", "sources.md", "claim-a", True) == "../../sources/#claim-a"
    assert relative_url("playbooks/x.md", "sources.md", "claim-a", False) == "../sources.html#claim-a"
    assert relative_url("index.md", "playbooks/x.md", "", True) == "playbooks/x/"
    assert relative_url("playbooks/x.md", "index.md", "q-a", True) == "../../#q-a"
    assert relative_url("faq.md", "faq.md", "how-long", True) == "#how-long"
    assert relative_url("playbooks/index.md", "playbooks/index.md", "", True) == "./"
    assert relative_url("playbooks/index.md", "playbooks/index.md", "", False) == "index.html"  # from disk a folder would not open
    assert relative_url("playbooks/index.md", "playbooks/x.md", "", False) == "x.html"


PARTS = st.lists(st.sampled_from(["a", "b", "playbooks", "x-1"]), max_size=4)


@given(PARTS, PARTS, st.booleans())
def test_the_relative_path_is_posixpaths(target: list[str], folder: list[str], slash: bool) -> None:
    """relative_path answers as posixpath.relpath (which made both paths absolute: a quarter of rendering at 1,000 playbooks)."""
    there = "/".join(target) + ("/" if slash and target else "")
    assert relative_path(there, "/".join(folder)) == posixpath.relpath(there or ".", "/".join(folder) or ".")


def test_risk_levels_cover_the_matrix() -> None:
    assert risk_level("rare", "minor") == "low"
    assert risk_level("possible", "moderate") == "medium"
    assert risk_level("likely", "major") == "critical"
    assert risk_level("almost-certain", "severe") == "critical"
    assert risk_level("possible", "severe") == "high"


def test_navigation_follows_sections(mini_pages) -> None:
    nav = navigation(mini_pages)
    assert [next(iter(entry)) for entry in nav] == [
        "What do you see?", "Situations", "Evidence", "Checklists", "Guides", "FAQ", "Myths", "Security controls", "Risk matrix",
        "Platforms", "Sources",
    ]  # fmt: skip
    assert nav[0] == {"What do you see?": "index.md"}, "the start page is linked by its title: 'Start' alone is vague link text"
    assert nav[1]["Situations"][0] == {"All situations": "playbooks/index.md"}


def test_edit_links_point_at_yaml(mini_pages) -> None:
    sources = {page.path: page.source_file for page in mini_pages}
    assert sources["playbooks/withdrawal-locked.md"] == "content/playbooks/withdrawal-locked.yaml"
    assert sources["index.md"] == "content/triage/start.yaml"
    assert sources["faq.md"] is None


def test_navigation_titles_are_escaped_because_material_prints_them_as_html() -> None:
    from generator.render import Page

    pages = [Page("playbooks/x.md", 'Someone <svg onload=alert(document.domain)> & "friends"', "", None, "Situations")]
    assert navigation(pages) == [{"Situations": [{'Someone &lt;svg onload=alert(document.domain)&gt; &amp; "friends"': "playbooks/x.md"}]}]


def test_a_long_section_shows_only_its_index_page() -> None:
    pages = [Page("playbooks/index.md", "All situations", "", section="Situations")]
    pages += [Page(f"playbooks/p{n}.md", f"Situation {n}", "", section="Situations") for n in range(LIST_LIMIT + 1)]
    assert navigation(pages) == [{"Situations": [{"All situations": "playbooks/index.md"}]}]
    assert navigation(pages[:LIST_LIMIT]) == [{"Situations": [{page.title: page.path} for page in pages[:LIST_LIMIT]]}]


def test_the_start_page_links_to_the_list_when_it_is_long() -> None:
    content = generate(MINI).content  # a fresh copy: the records are changed below
    assert content is not None
    playbooks = content.records["playbook"]
    first = next(iter(playbooks.values()))
    for n in range(LIST_LIMIT):
        playbooks[f"copy-{n}"] = first
    start = next(page for page in render_pages(content) if page.path == "index.md")
    every_situation = start.markdown.split("{ #all", 1)[1].split("\n## ", 1)[0]
    assert "See every situation, most urgent first" in every_situation and "<li>" not in every_situation
