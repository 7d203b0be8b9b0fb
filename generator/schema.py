"""Validation of each record against its kind's published JSON Schema.

The schemas in ``generator/schemas/`` are the contract with editors: the same files drive
completion in their editors and these checks. jsonschema's messages are written for programmers,
so each is turned into a sentence about the field, at the field's own line and column.

A ``pattern`` is matched as editors match it (ECMA-262, where ``$`` is the very end of the text),
not as Python's ``re`` does (where ``$`` also matches before a final newline, so ``id: |`` with
``index`` on the next line would pass as ``"index\n"``). At most :data:`MAX_PER_FILE` messages
are listed per file and :data:`MAX_TOTAL` in all, then one line says how many more there are: a
file of 80,000 wrong items must not take minutes and hundreds of megabytes to say so.

Each document is first checked by a compiled validator (``jsonschema-rs``, the same schemas and
draft, ECMA-262 patterns, formats asserted), which says only whether it is valid, several times
faster. A document it rejects is validated again by ``jsonschema``, whose errors say what is wrong
and where: the messages stay the same whichever validator accepted the valid ones.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import islice
from typing import TYPE_CHECKING, Any, cast

import jsonschema_rs

from .loader import Document, dotted
from .problems import Problems, did_you_mean

if TYPE_CHECKING:  # jsonschema is imported when a document is invalid: the compiled validator says whether it is
    from jsonschema import Draft202012Validator, ValidationError

_TYPE_NAMES = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


MAX_PER_FILE = 100
"""Schema messages listed for one file; the rest are counted in one closing line."""
MAX_TOTAL = 200
"""Schema messages listed for all files together."""
MAX_COUNTED = 1000
"""How many unlisted messages of a file are counted before the closing line just says "over"."""

Message = tuple[tuple[str | int, ...], str, bool]
"""(path, message, point-at-key): one sentence about one field."""


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """The ``pattern`` keyword with ECMA-262's ``$``, as the schema's other readers (editors) apply it."""
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _ecma(pattern: str) -> re.Pattern[str]:
    r"""``pattern`` compiled with every ``$`` outside a character class made ``\Z``, the very end."""
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


@functools.cache
def _validator_class() -> Any:
    """Draft 2020-12 with the ECMA-262 ``pattern`` (:func:`_pattern`)."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"pattern": _pattern})


def schema_files() -> dict[str, dict[str, Any]]:
    """Every shipped schema by file name, e.g. ``{"playbook.schema.json": {...}}``."""
    return _schema_files()


@functools.cache
def _schema_files() -> dict[str, dict[str, Any]]:
    folder = resources.files(__package__) / "schemas"
    return {
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    }


@functools.cache
def validator_for(kind: str) -> Draft202012Validator:
    """A validator for one kind, resolving ``common.schema.json`` references from the package."""
    from jsonschema import FormatChecker
    from referencing import Registry, Resource

    files = _schema_files()
    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in files.items()
    )
    return cast("Draft202012Validator", _validator_class()(files[f"{kind}.schema.json"], registry=registry, format_checker=FormatChecker()))


SCHEMA_BASE = "https://missing-funds-playbook.invalid/schemas/"
"""Where the compiled validator places the schema files, so that ``common.schema.json#/...`` resolves
among them (a reserved domain: nothing is ever fetched, and ``offline`` forbids it anyway)."""


@functools.cache
def compiled_validator_for(kind: str) -> jsonschema_rs.Validator:
    """The compiled validator of one kind: whether a document is valid, not why (see :func:`validator_for`)."""
    files = _schema_files()
    registry = jsonschema_rs.Registry([(SCHEMA_BASE + name, schema) for name, schema in files.items()])
    name = f"{kind}.schema.json"
    return jsonschema_rs.Draft202012Validator(files[name], registry=registry, base_uri=SCHEMA_BASE + name, validate_formats=True,
                                              offline=True)  # fmt: skip


def validate_documents(documents: Iterable[Document], problems: Problems) -> list[Document]:
    """Report schema violations (a bounded number, see :data:`MAX_PER_FILE`); return the documents that have none.

    A document the compiled validator accepts is valid. Errors of the others are read lazily from
    jsonschema and dropped once described, so memory stays flat however many there are; past the
    limits they are only counted, up to :data:`MAX_COUNTED`.
    """
    valid: list[Document] = []
    listed = 0
    for document in documents:
        if not document.loaded:
            continue
        if compiled_validator_for(document.kind).is_valid(document.data):
            valid.append(document)
            continue
        messages = (message for error in validator_for(document.kind).iter_errors(document.data) for message in _describe(error))
        first = next(messages, None)
        if first is None:
            valid.append(document)
            continue
        room = max(0, min(MAX_PER_FILE, MAX_TOTAL - listed))
        pending: Message | None = first
        for _ in range(room):
            if pending is None:
                break
            _report(document, pending, problems)
            listed += 1
            pending = next(messages, None)
        if pending is not None:
            count = 1 + sum(1 for _ in islice(messages, MAX_COUNTED - 1))
            over = next(messages, None) is not None
            limit = f"at most {MAX_PER_FILE} per file" if room == MAX_PER_FILE else f"at most {MAX_TOTAL} in all"
            plural = count != 1 or over
            more = f"and {'over ' * over}{count:,} more schema error{'s' * plural} in this file {'are' if plural else 'is'} not listed"
            _report(document, (pending[0], f"{more} ({limit}); fix the listed ones and check again", pending[2]), problems)
    return valid


def _report(document: Document, message: Message, problems: Problems) -> None:
    path, text, on_key = message
    line, column = document.key_where(path) if on_key else document.where(path)
    problems.error(document.path, line, column, text)


def _show(value: Any) -> str:
    """A value as a message quotes it, on one line: a line break in it is shown as ``\\n``."""
    if isinstance(value, str):
        text = "'" + value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'"
    else:
        text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(error: ValidationError) -> Iterable[Message]:
    """One or more (path, message, point-at-key) triples for a jsonschema error.

    Unknown fields are described lazily: a mapping may hold thousands, and only the listed ones need words.
    """
    path = tuple(error.absolute_path)
    prefix = f"{dotted(path)}: " if path else ""
    kind, rule = str(error.validator), cast(Any, error.validator_value)
    instance, schema = cast(Any, error.instance), cast(Any, error.schema)
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        return (
            (
                path + (key,),
                f"{dotted(path + (key,))}: unknown field{did_you_mean(key, allowed) or '; allowed here: ' + ', '.join(allowed)}",
                True,
            )
            for key in instance
            if key not in allowed
        )
    if kind == "required" and isinstance(instance, dict):
        why = f" ({schema['description']})" if "description" in schema and "properties" not in schema else ""
        return [(path, f"{prefix}missing required field '{name}'{why}", False) for name in rule if name not in instance]
    if kind in ("oneOf", "anyOf") and all(set(sub) == {"required"} for sub in rule):
        names = [sub["required"][0] for sub in rule]
        present = [name for name in names if isinstance(instance, dict) and name in instance]
        listed = " or ".join(f"'{name}'" for name in names)
        if kind == "oneOf" and len(present) > 1:
            return [(path, f"{prefix}give only one of {listed}", False)]
        return [(path, f"{prefix}needs {listed}", False)]
    if kind == "type":
        wanted = rule if isinstance(rule, list) else [rule]
        found = _TYPE_NAMES.get(_json_type(instance), "something else")
        return [(path, f"{prefix}must be {' or '.join(_TYPE_NAMES[t] for t in wanted)}, not {found}", False)]
    if kind == "enum":
        hint = did_you_mean(str(instance), [str(v) for v in rule])
        options = ", ".join(str(v) for v in rule)
        return [(path, f"{prefix}{_show(instance)} is not allowed{hint}; use one of: {options}", False)]
    if kind in ("pattern", "format"):
        title = schema.get("title", "value")
        rule = (schema.get("description") or "").split(". ")[0].rstrip(".")
        return [(path, f"{prefix}{_show(instance)} is not a valid {title.lower()}: {rule}", False)]
    if kind == "not" and isinstance(rule, dict) and "enum" in rule:  # names the site uses itself (reserved ids)
        why = rule.get("description", "the site uses this name itself")
        return [(path, f"{prefix}{_show(instance)} is reserved: {why}; choose another", False)]
    if kind == "minLength":
        return [(path, f"{prefix}must not be empty", False)]
    if kind == "maxLength":
        return [(path, f"{prefix}is {len(instance):,} characters; at most {rule:,} are allowed", False)]
    if kind == "minItems":
        return [(path, f"{prefix}needs at least {rule} item{'s' * (rule != 1)}", False)]
    if kind == "maxItems":
        return [(path, f"{prefix}has {len(instance)} items; at most {rule} are allowed", False)]
    if kind == "uniqueItems":
        return [(path, f"{prefix}lists the same item more than once", False)]
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return [(path, f"{prefix}must be {bound} {rule} (found {_show(instance)})", False)]
    return [(path, f"{prefix}{error.message}", False)]


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
