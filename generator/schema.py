"""Validation of each record against its kind's published JSON Schema.

The schemas in ``generator/schemas/`` are the contract with editors: the same files drive
completion in their editors and these checks. jsonschema's messages are written for programmers,
so each is turned into a sentence about the field, at the field's own line and column.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from importlib import resources
from typing import Any, cast

from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry, Resource

from .loader import Document, dotted
from .problems import Problems, did_you_mean

_TYPE_NAMES = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


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
    files = _schema_files()
    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in files.items()
    )
    return Draft202012Validator(files[f"{kind}.schema.json"], registry=registry, format_checker=FormatChecker())


def validate_documents(documents: Iterable[Document], problems: Problems) -> list[Document]:
    """Report every schema violation; return the documents that have none."""
    valid: list[Document] = []
    for document in documents:
        if not document.loaded:
            continue
        errors = list(validator_for(document.kind).iter_errors(document.data))
        if not errors:
            valid.append(document)
            continue
        for error in errors:
            for path, message, on_key in _describe(error):
                line, column = document.key_where(path) if on_key else document.where(path)
                problems.error(document.path, line, column, message)
    return valid


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(error: ValidationError) -> list[tuple[tuple[str | int, ...], str, bool]]:
    """One or more (path, message, point-at-key) triples for a jsonschema error."""
    path = tuple(error.absolute_path)
    prefix = f"{dotted(path)}: " if path else ""
    kind, instance, schema, rule = str(error.validator), cast(Any, error.instance), cast(Any, error.schema), cast(Any, error.validator_value)
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        return [
            (path + (key,), f"{dotted(path + (key,))}: unknown field{did_you_mean(key, allowed) or '; allowed here: ' + ', '.join(allowed)}", True)
            for key in instance
            if key not in allowed
        ]
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
