"""``python -m generator new KIND ID``: a new content file that already passes the checks.

A first-time contributor should start from a file that says, in comments, what each field is for,
rather than from a blank page and a schema. The file is written only if it does not exist yet; every
text to replace begins with ``REPLACE:``, and ``check`` refuses the file until none is left.
"""

from __future__ import annotations

import re
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .declarations import Field as DeclaredField
from .kinds import KIND_BY_NAME, KINDS, Kind
from .review import build_day

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

PLACEHOLDER_URL = "https://example.org/REPLACE-with-the-page-address"


def scaffoldable() -> list[str]:
    """Every kind with a folder: ``new`` writes a file for each, from its declaration."""
    return sorted(kind.name for kind in KINDS)


def template(kind: Kind, ident: str, today: date, overrides: dict[str, str] | None = None, root: Path | None = None) -> str:
    """A new ``kind`` file: every required field (and each marked ``x-scaffold``) with its description as
    a comment above it. Texts start with ``REPLACE:``, which the ``placeholders`` check refuses; dates
    are ``today``; enums and other patterned values are the schema's example; references name an
    existing record of their kind where ``root`` has one."""
    assert kind.shape is not None
    lines = [f"# {line}" for line in textwrap.wrap(f"{_one_line(kind.shape.description)} The file name is the id.", 100)]
    lines += [f"# Fields: generator/schemas/{kind.name}.schema.json (editors with the YAML language server complete them).",
             f"id: {ident}"]  # fmt: skip
    for declared in kind.shape.fields:
        if declared.name == "id" or not (declared.required or "x-scaffold" in declared.schema):
            continue
        if declared.description:
            lines += [f"# {line}" for line in textwrap.wrap(_one_line(declared.description), 100)]
        value = (overrides or {}).get(declared.name)
        shown = value if value is not None else _yaml(_value(declared, today, root, ident))
        lines.append(f"{declared.name}:{_block(shown, 1)}")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _block(shown: str, depth: int) -> str:
    return ("\n" + textwrap.indent(shown, "  " * depth)) if "\n" in shown or shown.startswith("- ") else f" {shown}"


def _yaml(value: Any) -> str:
    shown = yaml.safe_dump(value, allow_unicode=True, default_flow_style=False, sort_keys=False, width=1000)
    return shown.rstrip("\n").removesuffix("\n...")


def _value(declared: DeclaredField, today: date, root: Path | None, ident: str) -> Any:
    """A starting value for one field that passes the schema (``x-scaffold`` may give it)."""
    label = declared.name.replace("_", " ")
    schema = declared.schema
    if schema.get("x-scaffold") not in (None, True):
        return schema["x-scaffold"]
    if declared.role in ("plain", "text"):
        return f"REPLACE: the {label}"
    if declared.role == "texts":
        return [f"REPLACE: the {label}"]
    if declared.role == "fact":  # absent until a source on the platform's own domain backs it (then: text: ... {cite:ID})
        return {"absent": f"REPLACE: {schema.get('title', label)}, or that {declared.name} is not offered"}
    if declared.role in ("ref", "refs"):
        target = f"{declared.refers_to}-1" if declared.scoped else _existing(root, declared.refers_to, schema)
        return [target] if declared.role == "refs" else target
    if declared.role in ("object", "objects"):
        assert declared.shape is not None
        item = {f.name: _value(f, today, root, ident) for f in declared.shape.fields if f.required or "x-scaffold" in f.schema}
        if declared.role == "object":
            return item
        count = max(1, int(schema.get("minItems", 1)))
        return [{k: (f"{v[:-2]}-{n + 1}" if k == "id" and isinstance(v, str) else v) for k, v in item.items()} for n in range(count)]
    return _raw(declared, today)


def _raw(declared: DeclaredField, today: date) -> Any:
    schema = declared.schema
    ref = str(schema.get("$ref", ""))
    if declared.default is not None:
        return declared.default
    if ref.endswith("/date"):
        return today.isoformat()
    if ref.endswith("/url"):
        return PLACEHOLDER_URL
    if declared.name == "id":
        return "question-1"
    if ref.endswith("/line"):
        return f"REPLACE: the {declared.name.replace('_', ' ')}"
    if "enum" in schema or "pattern" in schema or declared.raw_type != "str" and not declared.raw_type.startswith("list["):
        return schema["examples"][0]
    items = schema.get("items", {})
    if declared.raw_type.startswith("list["):
        return schema["examples"][0][:1] if "pattern" in items else [f"REPLACE: the {declared.name.replace('_', ' ')}"]
    return f"REPLACE: the {declared.name.replace('_', ' ')}"


def _existing(root: Path | None, kind_name: str, schema: dict[str, Any]) -> str:
    """The first record of ``kind_name`` under ``root``'s content, else the schema's example id."""
    if root is not None and kind_name in KIND_BY_NAME:
        found = sorted((root / KIND_BY_NAME[kind_name].folder).glob("*.yaml"))
        if found:
            return found[0].stem
    return str(schema.get("examples", ["REPLACE"])[0])


def generator_command() -> str:
    """How to run this generator again, as the reader can type it: with the Python that runs now
    (the project's .venv; plain ``python`` may lack the packages), relative to the working folder
    when it lies below it."""
    python = Path(sys.executable)
    try:
        shown = python.relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = str(python)
    return f"{shown} -m generator"


class ScaffoldError(Exception):
    """A reason the file was not written, for one line of output."""


def scaffold(root: Path, kind: str, ident: str, source: str | None = None, today: date | None = None, content_dir: str = "content") -> Path:
    """Write ``<content_dir>/<folder>/<ident>.yaml`` for ``kind``; return its path."""
    if kind not in KIND_BY_NAME:
        raise ScaffoldError(f"cannot scaffold '{kind}'; choose one of: {', '.join(scaffoldable())}")
    if not ID.match(ident):
        raise ScaffoldError(f"'{ident}' is not an id: use lower-case words joined by hyphens, such as can-support-see-my-password")
    target = root / content_dir / KIND_BY_NAME[kind].folder / f"{ident}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target.relative_to(root)} already exists; edit it, or choose another id")
    overrides = _source_for_claim(root, content_dir, source) if kind == "claim" else {}
    text = template(KIND_BY_NAME[kind], ident, today or build_day(), overrides, root / content_dir)
    if kind == "claim":
        text += (f"# Add `value: 24 hours` (the figure as pages show it; the quote must state it) to use {{claim:{ident}}}\n"
                 f"# in text; without a value, cite the claim with {{cite:{ident}}}.\n")  # fmt: skip
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _source_for_claim(root: Path, content_dir: str, source: str | None) -> dict[str, str]:
    """A claim must quote a stored excerpt, so it starts from one of its source's excerpts."""
    import json

    import yaml

    if not source:
        raise ScaffoldError("a claim needs its source: add --source SOURCE-ID (see content/sources/, or scaffold one with `new source`)")
    path = root / content_dir / "sources" / f"{source}.yaml"
    if not path.is_file():
        raise ScaffoldError(f"no source '{source}' in {content_dir}/sources/; scaffold it first with `new source {source}`")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    excerpts = data.get("excerpts") if isinstance(data, dict) else None
    if not excerpts or not isinstance(excerpts[0], str):
        raise ScaffoldError(f"{path.relative_to(root)} has no excerpt to quote; add the passage first")
    return {"source": source, "quote": json.dumps(excerpts[0], ensure_ascii=False), "status": "unverified"}
