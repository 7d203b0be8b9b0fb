"""Each kind declared once: the schemas are the declaration, and everything else follows from them.

The committed files made from the schemas (``records.py``, ``export.schema.json``) must be what the
schemas make now; every declared property must reach the record; and a field added to a schema must
need no Python besides the regenerated records.
"""

from __future__ import annotations

import copy
import sys
import types
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.declarations import Kind, generated_files, kinds_from, nested_classes, records_source, resolve, schemas
from generator.kinds import KIND_BY_FOLDER, KINDS
from generator.loader import load_text
from generator.model import RECORD_TYPES, Content, _Reader, build_content, read_record
from generator.problems import Problems
from generator.render import location
from generator.text import Fact, Text

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


@pytest.mark.parametrize("name", sorted(generated_files()))
def test_the_committed_file_is_what_the_schemas_declare(name: str) -> None:
    committed = (PACKAGE / name).read_text(encoding="utf-8")
    assert committed == generated_files()[name], f"generator/{name} is stale: run `python -m generator records --write`"


def test_the_kinds_keep_their_loading_order_and_folders() -> None:
    assert [(kind.name, kind.folder) for kind in KINDS] == [
        ("platform", "platforms"), ("source", "sources"), ("claim", "claims"), ("playbook", "playbooks"),
        ("checklist", "checklists"), ("faq", "faqs"), ("risk", "risks"), ("control", "controls"), ("myth", "myths"),
        ("guide", "guides"), ("triage", "triage"), ("allowed-figure", "allowed-figures"), ("link-exception", "link-exceptions"),
        ("search-term", "search-terms"),
    ]  # fmt: skip
    assert set(KIND_BY_FOLDER) == {kind.folder for kind in KINDS} and set(RECORD_TYPES) == {kind.name for kind in KINDS}


def _filled(node: dict[str, Any], file: str, files: dict[str, dict[str, Any]]) -> Any:
    """A value for ``node`` with every property filled in, nested objects included."""
    schema, where = resolve(node, file, files)
    if schema.get("x-role") == "fact":
        return {"text": "A fact."}
    if schema.get("type") == "object" and "properties" in schema:
        return {name: _filled(prop, where, files) for name, prop in schema["properties"].items()}
    items = schema.get("items")
    if schema.get("type") == "array" and isinstance(items, dict):
        item, _ = resolve(items, where, files)
        if item.get("type") == "object":
            return [_filled(items, where, files)]
    return copy.deepcopy(schema["examples"][0])


def _read(kind: Kind, data: dict[str, Any], classes: dict[str, type[Any]] | None = None, cls: type[Any] | None = None) -> Any:
    document = load_text(f"content/{kind.folder}/{data['id']}.yaml", yaml.safe_dump(data, sort_keys=False).encode())
    document.kind = kind.name
    reader = _Reader(document, Content(), Problems())
    from generator import model

    return read_record(reader, kind, cls or RECORD_TYPES[kind.name], classes or model._nested())


def _assert_every_field_set(value: Any, shape: Any, where: str) -> None:
    for declared in shape.fields:
        got = getattr(value, declared.name)
        assert got not in (None, "", []), f"{where}.{declared.name} was not read into the record"
        if declared.shape is not None:
            _assert_every_field_set(got[0] if isinstance(got, list) else got, declared.shape, f"{where}.{declared.name}")


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_declared_property_is_read_into_the_record(kind: Kind) -> None:
    files = schemas()
    data = _filled(files[f"{kind.name}.schema.json"], f"{kind.name}.schema.json", files)
    record = _read(kind, data)
    assert kind.shape is not None
    _assert_every_field_set(record, kind.shape, kind.name)


def _module(source: str) -> types.ModuleType:
    """Generated records source, run as a module of its own."""
    module = types.ModuleType("records_under_test")
    sys.modules[module.__name__] = module
    exec(compile(source.replace("from .", "from generator."), "<records>", "exec"), module.__dict__)  # noqa: S102
    return module


def test_a_new_optional_text_field_needs_only_the_schema() -> None:
    files = copy.deepcopy(schemas())
    files["playbook.schema.json"]["properties"]["aftercare"] = {
        "$ref": "common.schema.json#/$defs/text", "description": "What to do once the money is back."
    }
    kinds = kinds_from(files)
    module = _module(records_source(kinds))
    playbook = next(kind for kind in kinds if kind.name == "playbook")
    data = {**_filled(files["playbook.schema.json"], "playbook.schema.json", files), "aftercare": "Change your password again."}
    classes = {name: getattr(module, name) for name in nested_classes(kinds)}
    record = _read(playbook, data, classes, module.Playbook)
    assert isinstance(record.aftercare, Text) and record.aftercare.source == "Change your password again."


def test_a_fact_is_a_text_or_a_text_saying_it_is_absent_and_a_missing_one_is_none() -> None:
    files = {
        "common.schema.json": schemas()["common.schema.json"],
        "gadget.schema.json": {
            "title": "Gadget", "description": "A tiny kind for the test.", "x-folder": "gadgets", "x-order": 1, "type": "object",
            "properties": {
                "id": {"$ref": "common.schema.json#/$defs/id"},
                "facts": {"type": "object", "description": "Named facts.", "x-class": "GadgetFacts", "properties": {
                    "freeze": {"x-role": "fact", "description": "How to freeze it.", "type": "object",
                               "oneOf": [{"required": ["text"]}, {"required": ["absent"]}]},
                    "support": {"x-role": "fact", "description": "How to reach support."},
                    "status_page": {"x-role": "fact", "description": "Where outages are announced."},
                }},
            },
        },
    }  # fmt: skip
    (gadget,) = kinds_from(files)
    source = records_source((gadget,))
    assert "freeze: Fact | None = None" in source and "facts: GadgetFacts | None = None" in source
    module = _module(source)
    data = {"id": "g", "facts": {"freeze": {"text": "Open {playbook:account-takeover}."}, "support": {"absent": "There is no support."}}}
    record = _read(gadget, data, {"GadgetFacts": module.GadgetFacts}, module.Gadget)
    assert isinstance(record.facts.freeze, Fact) and not record.facts.freeze.absent
    assert record.facts.freeze.text.refs[0].kind == "playbook"
    assert record.facts.support.absent and record.facts.support.text.source == "There is no support."
    assert record.facts.status_page is None


def test_placement_follows_the_declaration() -> None:
    content = build_content([], Problems())
    assert content.records.keys() == RECORD_TYPES.keys()
    made = {kind.name: RECORD_TYPES[kind.name](id="x", file="f", origin=None) for kind in KINDS}  # type: ignore[arg-type]
    assert location(made["playbook"]) == ("playbooks/x.md", "")
    assert location(made["myth"]) == ("myths.md", "myth-x")
    assert location(made["faq"]) == ("faq.md", "x")
    assert location(made["triage"]) == ("index.md", "")
    with pytest.raises(ValueError, match="no page"):
        location(made["allowed-figure"])
