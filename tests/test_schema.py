"""The published JSON Schemas: complete documentation for editors, and readable errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.kinds import KINDS
from generator.loader import load_text
from generator.problems import Problems
from generator.schema import schema_files, validate_documents

SCHEMAS = schema_files()


def _resolve(node: dict[str, Any], file: str) -> dict[str, Any]:
    """A property schema merged with the definition its $ref points at (local keys win)."""
    ref = node.get("$ref")
    if not ref:
        return node
    target_file, _, pointer = ref.partition("#")
    target: Any = SCHEMAS[target_file or file]
    for part in pointer.strip("/").split("/"):
        target = target[part]
    return {**_resolve(target, target_file or file), **{k: v for k, v in node.items() if k != "$ref"}}


def _properties(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema anywhere in a schema, with a readable location."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}.{name}", sub
        for key, value in node.items():
            if key not in ("properties", "if"):  # an "if" only tests a property defined elsewhere
                yield from _properties(value, f"{where}/{key}")
        for name, sub in node.get("properties", {}).items():
            yield from _properties(sub, f"{where}.{name}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _properties(item, f"{where}[{index}]")


def test_every_kind_has_a_valid_schema() -> None:
    for kind in KINDS:
        schema = SCHEMAS[f"{kind.name}.schema.json"]
        Draft202012Validator.check_schema(schema)
        assert schema["additionalProperties"] is False
        assert schema.get("title") and schema.get("description")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_property_is_documented(name: str) -> None:
    missing = []
    for where, node in _properties(SCHEMAS[name], name):
        resolved = _resolve(node, name)
        for key in ("title", "description", "examples"):
            if key not in resolved:
                missing.append(f"{where}: no {key}")
    assert missing == []


def test_every_object_refuses_unknown_fields() -> None:
    def objects(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield where, node
            for key, value in node.items():
                yield from objects(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                yield from objects(item, f"{where}[{index}]")

    loose = [where for name, schema in SCHEMAS.items() for where, node in objects(schema, name) if node.get("additionalProperties") is not False]
    assert loose == []


def _problems(kind: str, source: str) -> list[str]:
    document = load_text(f"content/{kind}s/x.yaml", source.encode())
    document.kind = kind
    problems = Problems()
    validate_documents([document], problems)
    return [str(problem) for problem in problems.sorted()]


def test_messages_name_the_field_and_point_at_it() -> None:
    source = (
        "id: X_y\ntitle: Hi\nsumary: s\nseverity: urgent\nsymptoms: a\nsteps:\n  - action: a\n    detial: b\n"
        "dont: []\nevidence: [x]\nreviewed: 2026-13-01\nreview_interval_days: 2\n"
    )
    assert _problems("playbook", source) == [
        "content/playbooks/x.yaml:1:1: error: missing required field 'summary'",
        "content/playbooks/x.yaml:1:5: error: id: 'X_y' is not a valid identifier: Lower-case words joined by hyphens",
        "content/playbooks/x.yaml:3:1: error: sumary: unknown field (did you mean 'summary'?)",
        "content/playbooks/x.yaml:4:11: error: severity: 'urgent' is not allowed; use one of: low, medium, high, critical",
        "content/playbooks/x.yaml:5:11: error: symptoms: must be a list, not text",
        "content/playbooks/x.yaml:8:5: error: steps[0].detial: unknown field (did you mean 'detail'?)",
        "content/playbooks/x.yaml:9:7: error: dont: needs at least 1 item",
        "content/playbooks/x.yaml:11:11: error: reviewed: '2026-13-01' is not a valid date: A calendar date written YYYY-MM-DD",
        "content/playbooks/x.yaml:12:23: error: review_interval_days: must be at least 7 (found 2)",
    ]


def test_length_and_uniqueness_messages() -> None:
    source = f"id: x\nquestion: '{'q' * 201}'\nanswer: ''\nplaybooks: [a, a]\n"
    assert _problems("faq", source) == [
        "content/faqs/x.yaml:2:11: error: question: is 201 characters; at most 200 are allowed",
        "content/faqs/x.yaml:3:9: error: answer: must not be empty",
        "content/faqs/x.yaml:4:12: error: playbooks: lists the same item more than once",
    ]
