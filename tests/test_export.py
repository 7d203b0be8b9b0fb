"""The machine-readable site: ``export.json`` against its published JSON Schema and ``feed.xml`` as
an Atom feed (RFC 4287), read back from the built site; each check also fails on a broken copy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser
import pytest
from conftest import CONTENT_DAY, MINI, REPO
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.export import atom_feed, reviewed_records
from generator.pipeline import Generated, generate
from generator.review import ReviewPolicy

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def shipped() -> Generated:
    return generate(REPO, policy=ReviewPolicy(CONTENT_DAY))  # the shipped content, as of its newest review


def published_validator(site: Path, name: str) -> Draft202012Validator:
    """A validator for one schema as the site publishes it, resolving the others from the site too."""
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in (site / "schemas").glob("*.schema.json")}
    registry: Registry = Registry().with_resources((file, Resource.from_contents(schema)) for file, schema in schemas.items())
    Draft202012Validator.check_schema(schemas[name])
    return Draft202012Validator(schemas[name], registry=registry)


def schema_errors(site: Path, data: Any) -> list[str]:
    validator = published_validator(site, "export.schema.json")
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def atom_problems(xml: str) -> list[str]:
    """What RFC 4287 requires of a feed and its entries that ``xml`` lacks, plus what feedparser rejects."""
    problems = []
    parsed = feedparser.parse(xml)
    if parsed.bozo:
        problems.append(f"not well formed: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        problems.append(f"not Atom 1.0 but {parsed.version or 'unknown'}")
    root = ElementTree.fromstring(xml.encode())
    for element in ("id", "title", "updated", "author/" + ATOM + "name"):
        if root.find(ATOM + element) is None:
            problems.append(f"feed has no {element.rsplit('}', 1)[-1]}")
    for number, entry in enumerate(root.findall(ATOM + "entry"), 1):
        for element in ("id", "title", "updated"):
            if not (entry.findtext(ATOM + element) or "").strip():
                problems.append(f"entry {number} has no {element}")
        if entry.find(ATOM + "link[@rel='alternate']") is None:
            problems.append(f"entry {number} has no alternate link")
    return problems


def test_the_export_matches_its_published_schema(shipped_site: Path, shipped: Generated) -> None:
    assert shipped.content is not None
    export = json.loads((shipped_site / "export.json").read_text(encoding="utf-8"))
    assert schema_errors(shipped_site, export) == []
    assert [p["id"] for p in export["playbooks"]] == [p.id for p in shipped.content.playbooks]
    assert len(export["checklists"]) == len(shipped.content.checklists)
    assert len(export["faqs"]) == len(shipped.content.faqs) and len(export["risks"]) == len(shipped.content.risks)
    assert export["claims"] == json.loads((shipped_site / "claims.json").read_text(encoding="utf-8"))["claims"]
    pages = {p["url"] for p in export["playbooks"]}
    assert all((shipped_site / url / "index.html").is_file() for url in pages)


def test_exported_text_is_what_a_reader_sees(shipped_site: Path) -> None:
    export = json.loads((shipped_site / "export.json").read_text(encoding="utf-8"))
    lock = next(p for p in export["playbooks"] if p["id"] == "security-change-lock")
    okx_lock = next(c for c in export["claims"] if c["id"] == "okx-2fa-change-withdrawal-lock")["value"]
    assert okx_lock in json.dumps(lock["steps_by_platform"]["okx"]), "OKX's steps carry OKX's figure"
    assert okx_lock not in json.dumps(lock["steps"]), "the steps for any other exchange do not"
    assert "{claim:" not in json.dumps(export) and "{platform:" not in json.dumps(export)


def test_the_schema_check_fails_on_a_broken_export(shipped_site: Path) -> None:
    export = json.loads((shipped_site / "export.json").read_text(encoding="utf-8"))
    export["playbooks"][0]["severity"] = "apocalyptic"
    del export["faqs"][0]["answer"]
    export["risks"][0]["colour"] = "red"
    assert len(schema_errors(shipped_site, export)) == 3


def test_the_feed_is_atom_with_one_entry_per_reviewed_page(shipped_site: Path, shipped: Generated) -> None:
    assert shipped.content is not None
    xml = (shipped_site / "feed.xml").read_text(encoding="utf-8")
    assert atom_problems(xml) == []
    feed = feedparser.parse(xml)
    records = reviewed_records(shipped.content)
    assert len(feed.entries) == len(records)
    for entry, record in zip(feed.entries, records, strict=True):
        assert entry.title == record.title and entry.updated.startswith(record.reviewed)
        assert entry.link.startswith("https://missing-funds-playbook.github.io/missing-funds-playbook/")
    assert '<link rel="alternate" type="application/atom+xml"' in (shipped_site / "index.html").read_text(encoding="utf-8")


def test_feed_text_is_escaped() -> None:
    generated = generate(MINI)
    assert generated.content is not None
    playbook = generated.content.playbooks[0]
    playbook.title = "</title><script>x</script> & <![CDATA[ ]]>"
    xml = atom_feed(generated.content, "https://example.org/")
    assert atom_problems(xml) == []
    assert playbook.title in [entry.title for entry in feedparser.parse(xml).entries]


def test_the_feed_check_fails_on_a_broken_feed(shipped_site: Path) -> None:
    xml = (shipped_site / "feed.xml").read_text(encoding="utf-8")
    first_entry = xml.index("<entry>")
    broken = xml[:first_entry] + xml[first_entry:].replace("<updated>", "<published>", 1).replace("</updated>", "</published>", 1)
    assert atom_problems(broken) == ["entry 1 has no updated"]
    assert atom_problems(xml.replace("<author>", "<writer>").replace("</author>", "</writer>"))[-1] == "feed has no name"
