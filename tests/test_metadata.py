"""What search engines read: a description per page, canonical addresses, the sitemap, and
schema.org ``FAQPage`` and ``HowTo`` data checked against the shape schema.org and search engines
expect — on the built site, and failing on data made to break the shape."""

from __future__ import annotations

import copy
import json
import re
from html import unescape
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import CONTENT_DAY, MINI, REPO
from jsonschema import Draft202012Validator

from generator.metadata import DESCRIPTION_LIMIT, describe, faq_page, how_to, json_ld
from generator.pipeline import Generated, generate
from generator.review import ReviewPolicy

SITE_URL = "https://missing-funds-playbook.github.io/missing-funds-playbook/"

_TEXT = {"type": "string", "minLength": 1, "not": {"pattern": r"\{[a-z]+:"}}  # plain text: no reference left unresolved
FAQ_PAGE = Draft202012Validator({
    "type": "object", "required": ["@context", "@type", "mainEntity"],
    "properties": {
        "@context": {"const": "https://schema.org"}, "@type": {"const": "FAQPage"},
        "mainEntity": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["@type", "name", "acceptedAnswer"], "additionalProperties": False,
            "properties": {"@type": {"const": "Question"}, "name": _TEXT, "acceptedAnswer": {
                "type": "object", "required": ["@type", "text"], "additionalProperties": False,
                "properties": {"@type": {"const": "Answer"}, "text": _TEXT}}}}},
    },
})  # fmt: skip
HOW_TO = Draft202012Validator({
    "type": "object", "required": ["@context", "@type", "name", "step"],
    "properties": {
        "@context": {"const": "https://schema.org"}, "@type": {"const": "HowTo"}, "name": _TEXT, "description": _TEXT,
        "step": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["@type", "position", "name", "text"], "additionalProperties": False,
            "properties": {"@type": {"const": "HowToStep"}, "position": {"type": "integer", "minimum": 1}, "name": _TEXT, "text": _TEXT}}},
    },
})  # fmt: skip


def shape_errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(data)]


@pytest.fixture(scope="module")
def shipped() -> Generated:
    return generate(REPO, policy=ReviewPolicy(CONTENT_DAY))  # the shipped content, as of its newest review


def structured_data(html: str) -> list[dict[str, Any]]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]


def pages(site: Path) -> dict[str, str]:
    """Every page of a built site by its address under the site root (``faq/``), the 404 page left out."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        found["" if relative == "." else relative + "/"] = path.read_text(encoding="utf-8")
    return found


def test_descriptions_are_cut_at_a_word() -> None:
    text = "word " * 100
    cut = describe(text, "fallback")
    assert len(cut) <= DESCRIPTION_LIMIT and cut.endswith("word…")
    assert describe("", "The fallback.") == "The fallback."
    assert describe("  Short,\n  and plain.  ", "x") == "Short, and plain."


def test_json_ld_cannot_close_its_script_element() -> None:
    text = json_ld({"name": "</script><script>alert(1)</script> <!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> <!-- & \u2028"


def test_the_mini_corpus_has_the_expected_shape() -> None:
    generated = generate(MINI)
    assert generated.content is not None
    assert shape_errors(FAQ_PAGE, faq_page(generated.content.faqs)) == []
    for playbook in generated.content.playbooks:
        assert shape_errors(HOW_TO, how_to(playbook)) == []


def test_the_shape_check_fails_on_broken_data(shipped: Generated) -> None:
    assert shipped.content is not None
    faq = faq_page(shipped.content.faqs)
    broken = copy.deepcopy(faq)
    del broken["mainEntity"][0]["acceptedAnswer"]
    broken["mainEntity"][1]["name"] = "What is {claim:x}?"
    assert len(shape_errors(FAQ_PAGE, broken)) == 2
    steps = how_to(shipped.content.playbooks[0])
    steps["step"][0]["position"] = 0
    assert shape_errors(HOW_TO, steps) == ["step/0/position: 0 is less than the minimum of 1"]


def test_faq_page_data_on_the_built_site(shipped_site: Path, shipped: Generated) -> None:
    assert shipped.content is not None
    data = structured_data((shipped_site / "faq/index.html").read_text(encoding="utf-8"))
    assert len(data) == 1 and shape_errors(FAQ_PAGE, data[0]) == []
    assert [q["name"] for q in data[0]["mainEntity"]] == [faq.question for faq in shipped.content.faqs]


def test_how_to_data_on_every_playbook(shipped_site: Path, shipped: Generated) -> None:
    assert shipped.content is not None
    for playbook in shipped.content.playbooks:
        data = structured_data((shipped_site / f"playbooks/{playbook.id}/index.html").read_text(encoding="utf-8"))
        assert len(data) == 1 and shape_errors(HOW_TO, data[0]) == [], playbook.id
        assert [step["position"] for step in data[0]["step"]] == list(range(1, len(playbook.steps) + 1))


def test_no_other_page_claims_structured_data(shipped_site: Path, shipped: Generated) -> None:
    assert shipped.content is not None
    with_data = sorted(path for path, html in pages(shipped_site).items() if structured_data(html))
    assert with_data == sorted(["faq/", *(f"playbooks/{playbook.id}/" for playbook in shipped.content.playbooks)])


def test_every_page_has_its_own_description_and_canonical_address(shipped_site: Path) -> None:
    descriptions: dict[str, str] = {}
    for path, html in pages(shipped_site).items():
        found = re.findall(r'<meta name="description" content="([^"]*)">', html)
        assert len(found) == 1, path
        description = unescape(found[0])
        assert 0 < len(description) <= DESCRIPTION_LIMIT and "{" not in description, path
        assert description not in descriptions.values(), f"{path} shares its description with {descriptions}"
        descriptions[path] = description
        assert re.findall(r'<link rel="canonical" href="([^"]*)">', html) == [SITE_URL + path]
    assert len(descriptions) > 20


def test_the_sitemap_lists_every_page_once(shipped_site: Path) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [element.text for element in ElementTree.parse(shipped_site / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    assert sorted(listed) == sorted(SITE_URL + path for path in pages(shipped_site))


def test_no_social_card_service_or_image_cdn(shipped_site: Path) -> None:
    for path, html in pages(shipped_site).items():
        assert not re.search(r'<meta (?:property|name)="(?:og:image|twitter:image)', html), path
        for address in re.findall(r'<(?:img|link|script|source|iframe)\b[^>]*\b(?:src|href)="(https?://[^"]*)"', html):
            assert address.startswith(SITE_URL), f"{path} loads {address}"
