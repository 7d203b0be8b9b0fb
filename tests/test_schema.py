"""The published JSON Schemas: complete documentation for editors, and readable errors."""

from __future__ import annotations

import re
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import MINI
from jsonschema import Draft202012Validator
from markdown.extensions.toc import slugify

from generator.kinds import KINDS
from generator.loader import load_text
from generator.pipeline import generate
from generator.problems import Problems
from generator.render import location
from generator.schema import MAX_COUNTED, MAX_PER_FILE, MAX_TOTAL, schema_files, validate_documents, validator_for

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

    loose = [where for name, schema in SCHEMAS.items() for where, node in objects(schema, name)
             if node.get("additionalProperties") is not False]  # fmt: skip
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


# --- Patterns as editors read them, reserved ids, and a bounded list of messages ---------------------------------------


@pytest.mark.parametrize(
    ("kind", "source", "expected"),
    [
        ("faq", "id: |\n  x\nquestion: Q?\nanswer: A.\n",
         "content/faqs/x.yaml:1:5: error: id: 'x\\n' is not a valid identifier: Lower-case words joined by hyphens"),
        ("faq", "id: x\nquestion: >\n  Q?\nanswer: A.\n",
         ("content/faqs/x.yaml:2:11: error: question: 'Q?\\n' is not a valid one line of text: "
          "A short plain-text line such as a title or a label")),
        ("source", "id: x\ntitle: T\npublisher: P\nurl: \"https://example.org/\\n\"\nretrieved: '2026-11-01'\nexcerpts: [E.]\n",
         ("content/sources/x.yaml:4:6: error: url: 'https://example.org/\\n' is not a valid web address: "
          "A full https:// address written out (mailto: only in a platform profile's support links), never a short link, "
          "a link with tracking or referral parameters, or a look-alike of a platform's domain")),
    ],
)
def test_a_trailing_line_break_does_not_pass_a_pattern(kind: str, source: str, expected: str) -> None:
    # Python's re.search lets "$" match before a final newline; JSON Schema patterns are ECMA-262, where it does not.
    assert _problems(kind, source) == [expected]


def _id_refused(kind: str, candidate: str) -> bool:
    errors = validator_for(kind).iter_errors({"id": candidate})
    return any(list(error.absolute_path) == ["id"] for error in errors)


def test_ids_that_would_replace_a_page_or_anchor_the_site_makes_itself_are_refused() -> None:
    # Derived from what the renderer makes, so a new generated page or anchor cannot slip past.
    generated = generate(MINI)
    assert generated.content is not None and generated.pages
    content = generated.content
    own_folders = {"playbooks": "playbook", "checklists": "checklist", "guides": "guide", "platforms": "platform"}
    reserved: list[tuple[str, str]] = [(kind, "index") for kind in own_folders.values()]  # MkDocs takes index.md for the section's own page
    for page in generated.pages:
        folder, _, name = page.path.rpartition("/")
        if folder in own_folders and page.source_file is None:
            reserved.append((own_folders[folder], name.removesuffix(".md")))
    by_page: dict[str, list[tuple[str, str, set[str]]]] = {}
    for kind, records in content.records.items():
        for record in list(records.values())[:1]:
            try:
                path, anchor = location(record)
            except ValueError:
                continue
            if anchor:
                own = {location(other)[1] for other in records.values()}
                by_page.setdefault(path, []).append((kind, anchor[: len(anchor) - len(record.id)], own))
    assert {kind for kinds in by_page.values() for kind, _, _ in kinds} >= {"faq", "control", "risk", "myth", "claim", "source"}
    for page in generated.pages:
        anchors = set(re.findall(r"\{ #([a-z0-9-]+)", page.markdown)) | set(re.findall(r'id="([a-z0-9-]+)"', page.markdown))
        anchors |= {slugify(title, "-") for title in re.findall(r"^# (.+)$", page.markdown, re.MULTILINE)}
        for kind, prefix, own in by_page.get(page.path, []):
            reserved += [(kind, anchor[len(prefix) :]) for anchor in anchors - own if anchor.startswith(prefix) and anchor != prefix]
    assert {("checklist", "prevention-pack"), ("faq", "frequently-asked-questions"), ("risk", "matrix")} <= set(reserved)
    assert [(kind, name) for kind, name in reserved if not _id_refused(kind, name)] == []
    assert not _id_refused("playbook", "prevention-pack") and not _id_refused("faq", "index"), "only what collides is refused"


def test_a_reserved_id_is_refused_at_the_id_with_the_reason() -> None:
    source = "id: prevention-pack\ntitle: T\naudience: everyone\nitems: [{text: x}]\nreviewed: '2026-11-25'\n"
    assert _problems("checklist", source) == [
        ("content/checklists/x.yaml:1:5: error: id: 'prevention-pack' is reserved: checklists/index.md (all checklists) "
         "and checklists/prevention-pack.md (the printable pack) are pages the site makes itself; choose another")
    ]


def _playbook_with_symptoms(count: int) -> str:
    return ("id: x\ntitle: T\nsummary: S.\nseverity: low\nsymptoms: [" + ", ".join(["1"] * count) + "]\n"
            "steps:\n  - action: A\ndont: [x]\nevidence: [x]\nreviewed: '2026-11-25'\n")  # fmt: skip


def test_messages_are_listed_up_to_a_limit_per_file_then_counted() -> None:
    problems = _problems("playbook", _playbook_with_symptoms(MAX_PER_FILE + 7))
    assert len(problems) == MAX_PER_FILE + 1
    assert problems[0] == "content/playbooks/x.yaml:5:12: error: symptoms[0]: must be text, not a whole number"
    assert problems[-1] == (f"content/playbooks/x.yaml:5:{12 + 3 * MAX_PER_FILE}: error: "
                            f"and 7 more schema errors in this file are not listed (at most {MAX_PER_FILE} per file); "
                            "fix the listed ones and check again")  # fmt: skip


def test_messages_are_listed_up_to_a_limit_in_all() -> None:
    documents = []
    for name in ("a", "b", "c"):
        document = load_text(f"content/playbooks/{name}.yaml", _playbook_with_symptoms(MAX_PER_FILE - 10).encode())
        document.kind = "playbook"
        documents.append(document)
    problems = Problems()
    assert validate_documents(documents, problems) == []
    by_file = [sum(1 for p in problems if p.path.endswith(f"/{name}.yaml")) for name in ("a", "b", "c")]
    left = MAX_TOTAL - 2 * (MAX_PER_FILE - 10)
    assert by_file == [MAX_PER_FILE - 10, MAX_PER_FILE - 10, left + 1]
    assert problems.items[-1].message == (f"and {MAX_PER_FILE - 10 - left} more schema errors in this file are not listed "
                                          f"(at most {MAX_TOTAL} in all); fix the listed ones and check again")  # fmt: skip


def test_eighty_thousand_schema_errors_are_quick_and_small() -> None:
    # Listing them all took 7 s and 340 MB, the whole list of jsonschema errors held at once.
    document = load_text("content/playbooks/x.yaml", _playbook_with_symptoms(80_000).encode())
    document.kind = "playbook"
    problems = Problems()
    tracemalloc.start()
    start = time.perf_counter()
    try:
        assert validate_documents([document], problems) == []
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(problems) == MAX_PER_FILE + 1
    assert problems.items[-1].message.startswith(f"and over {MAX_COUNTED:,} more schema errors in this file are not listed")
    assert seconds < 2 and peak < 50 * 1024 * 1024, (seconds, peak)
