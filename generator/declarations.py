"""Each content kind declared once: its JSON Schema, read as a typed declaration.

``generator/schemas/<kind>.schema.json`` is the one place a kind is declared. Validators and editors
read its standard keywords; the generator also reads a few ``x-`` annotations (validators ignore
them) and derives everything else from the result:

* kind level: ``x-folder`` (folder under ``content/``), ``x-order`` (loading order), ``x-page``
  (``{"own": "playbooks"}``: a page per record, ``{"own": "."}`` at the site root; ``{"on": "faq.md", "anchor": "faq-"}``: shown on a
  shared page, anchored at prefix + id; no ``anchor``: the page's top; absent: no page), and
  ``x-export`` (what ``export.json`` holds of the kind, see :mod:`generator.export`);
* field level, a *role* that says how the reader reads the value. It follows from the ``$ref``
  (``text`` → :class:`~generator.text.Text`, ``texts`` → a list of them, ``line`` → a plain
  title-like string that may hold no reference, anything else → the raw value) unless stated:
  ``x-refers-to`` (an id or ids of another kind: :class:`~generator.text.Ref`), ``x-role``
  (``plain``, ``text``, ``raw`` or ``fact``: ``{text: ...}``, or ``{absent: ...}`` for a fact the
  platform does not have), ``x-scoped`` (a triage question id, local to its triage);
* nested objects: ``x-class`` (the dataclass name), ``x-origin`` (which field's position the object
  keeps, ``.`` for its own), ``x-registers`` (``question``: kept in ``Content.questions``);
* ``x-scaffold`` on an optional field: ``new`` writes it too.

From these, :func:`records_source` writes ``generator/records.py`` (the typed dataclasses, committed;
``python -m generator records --write`` regenerates it and a test fails when it drifts), the reader in
:mod:`generator.model` fills records, :mod:`generator.scaffold` writes new files, and
:mod:`generator.kinds` lists the kinds.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

ROLES = ("plain", "text", "texts", "ref", "refs", "raw", "object", "objects", "fact")
"""How a field's value is read: see the module's docstring."""


@dataclass(frozen=True)
class Field:
    """One property of a kind or of a nested object."""

    name: str
    role: str
    required: bool
    schema: dict[str, Any]
    """The property's schema merged with the definition its ``$ref`` names (local keys win)."""
    refers_to: str = ""
    scoped: bool = False
    shape: Shape | None = None
    """For ``object`` and ``objects``: the nested object's declaration."""

    @property
    def description(self) -> str:
        return str(self.schema.get("description", ""))

    @property
    def default(self) -> Any:
        """The schema's ``default``, or None: what a missing raw value reads as."""
        return self.schema.get("default")

    @property
    def raw_type(self) -> str:
        """The Python type of a raw value, from the JSON type."""
        return _python_type(self.schema)


@dataclass(frozen=True)
class Shape:
    """An object with fixed fields: a kind's record, or an object nested in one."""

    cls: str
    description: str
    fields: tuple[Field, ...]
    origin: str | None = None
    """``x-origin``: the field whose position the object keeps as ``origin`` (``.``: its own)."""
    registers: str | None = None


@dataclass(frozen=True)
class Placement:
    """Where a kind's records are shown: their own page in ``folder``, or on ``page`` at an anchor."""

    folder: str = ""
    page: str = ""
    anchor: str | None = None
    """Prefix of the anchor (``"myth-"``), the id follows; None: the page's top."""


@dataclass(frozen=True)
class Kind:
    """One kind of content record, stored one record per file in its own folder."""

    name: str
    """Singular name, also the schema's file name: ``generator/schemas/<name>.schema.json``."""
    folder: str
    """Folder under ``content/``."""
    order: int = 0
    placement: Placement | None = None
    shape: Shape | None = None
    export: dict[str, Any] | None = None
    """``x-export``: the key, title, description and field order of the kind in ``export.json``."""

    @property
    def cls(self) -> str:
        return self.shape.cls if self.shape else _camel(self.name)


def schemas() -> dict[str, dict[str, Any]]:
    """Every shipped schema by file name."""
    return dict(_schemas())


@functools.cache
def _schemas() -> dict[str, dict[str, Any]]:
    folder = resources.files(__package__) / "schemas"
    return {entry.name: json.loads(entry.read_text(encoding="utf-8")) for entry in folder.iterdir() if entry.name.endswith(".schema.json")}


@functools.cache
def declared_kinds() -> tuple[Kind, ...]:
    """Every schema with an ``x-folder``, in ``x-order``."""
    return kinds_from(_schemas())


def kinds_from(files: dict[str, dict[str, Any]]) -> tuple[Kind, ...]:
    """The kinds the given schema files declare (by file name), in ``x-order``."""
    found = [kind_from(name.removesuffix(".schema.json"), schema, files) for name, schema in files.items() if "x-folder" in schema]
    return tuple(sorted(found, key=lambda kind: kind.order))


def kind_from(name: str, schema: dict[str, Any], files: dict[str, dict[str, Any]]) -> Kind:
    """One kind's declaration from its schema; ``files`` resolves ``$ref`` into other schema files."""
    page = schema.get("x-page")
    placement = None
    if page:
        placement = Placement(folder=page.get("own", ""), page=page.get("on", ""), anchor=page.get("anchor"))
    shape = _shape(_camel(name), schema, f"{name}.schema.json", files)
    return Kind(name, schema["x-folder"], int(schema.get("x-order", 0)), placement, shape, schema.get("x-export"))


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("_", "-").split("-"))


def resolve(node: dict[str, Any], file: str, files: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], str]:
    """``node`` merged with what its ``$ref`` names (local keys win), and the file the result lives in."""
    ref = node.get("$ref")
    if not ref:
        return node, file
    target_file, _, pointer = ref.partition("#")
    target_file = target_file or file
    target: Any = files[target_file]
    for part in pointer.strip("/").split("/"):
        target = target[part]
    merged, where = resolve(target, target_file, files)
    return {**merged, **{key: value for key, value in node.items() if key != "$ref"}, "$ref": ref}, where


def _shape(cls: str, schema: dict[str, Any], file: str, files: dict[str, dict[str, Any]]) -> Shape:
    required = set(schema.get("required", ()))
    fields = tuple(_field(name, prop, name in required, file, files) for name, prop in schema.get("properties", {}).items())
    return Shape(schema.get("x-class", cls), str(schema.get("description", "")), fields, schema.get("x-origin"), schema.get("x-registers"))


def _field(name: str, prop: dict[str, Any], required: bool, file: str, files: dict[str, dict[str, Any]]) -> Field:
    merged, where = resolve(prop, file, files)
    ref = str(prop.get("$ref", ""))
    refers_to = str(merged.get("x-refers-to", ""))
    items = merged.get("items")
    item_schema, item_file = resolve(items, where, files) if isinstance(items, dict) else ({}, where)
    shape = None
    if refers_to:
        role = "refs" if merged.get("type") == "array" else "ref"
    elif "x-role" in merged:
        role = merged["x-role"]
    elif ref.endswith("/text"):
        role = "text"
    elif ref.endswith("/texts"):
        role = "texts"
    elif ref.endswith("/line"):
        role = "plain"
    elif merged.get("type") == "array" and item_schema.get("type") == "object":
        described = {"description": f"One entry of {name}.", **item_schema}
        role, shape = "objects", _shape(_camel(name), described, item_file, files)
    elif merged.get("type") == "object":
        role, shape = "object", _shape(_camel(name), merged, where, files)
    else:
        role = "raw"
    if role not in ROLES:
        raise ValueError(f"{file}: {name}: unknown x-role '{role}'; roles are {', '.join(ROLES)}")
    return Field(name, role, required, merged, refers_to, bool(merged.get("x-scoped")), shape)


def _python_type(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    if kind == "integer":
        return "int"
    if kind == "number":
        return "float"
    if kind == "boolean":
        return "bool"
    if kind == "array":
        items = schema.get("items", {})
        return f"list[{_python_type(items) if isinstance(items, dict) and 'type' in items else 'str'}]"
    return "str"


# -- records.py ----------------------------------------------------------------------------------

_HEADER = '''\
"""The typed records, one dataclass per kind and per nested object. GENERATED, do not edit.

Made from ``generator/schemas/*.schema.json`` by :mod:`generator.declarations`; after changing a
schema run ``python -m generator records --write``. Behaviour (titles, derived fields) is added by
hand in :mod:`generator.model`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .record import Record
from .text import {names}

# ruff: noqa: E501
'''


def _annotation(f: Field, nested: bool) -> tuple[str, str]:
    """(type, default) of a generated dataclass field; default ``""`` means none."""
    listed = "field(default_factory=list)"
    if f.role in ("texts", "refs", "objects"):
        inner = {"texts": "Text", "refs": "Ref", "objects": f.shape.cls if f.shape else "object"}[f.role]
        return f"list[{inner}]", listed
    single = {"plain": "str", "text": "Text", "ref": "Ref", "fact": "Fact", "object": f.shape.cls if f.shape else "object"}.get(f.role)
    if single is None:
        single = f.raw_type
        if single.startswith("list["):
            return single, listed
    if nested and f.required:
        return single, ""
    if single in ("bool", "int") and f.role == "raw" and f.default is not None:
        return single, repr(f.default)
    if single in ("str",) and f.role in ("plain", "raw") and (f.required or f.default is not None):
        default = f.default if f.default is not None else (f.schema.get("examples", [""])[0] if "enum" in f.schema else "")
        return single, json.dumps(default)
    return f"{single} | None", "None"


def _merged_shapes(kinds: tuple[Kind, ...]) -> dict[str, Shape]:
    """Every nested object by class name; objects that share a class (``Link``) merge their fields."""
    found: dict[str, Shape] = {}

    def visit(shape: Shape) -> None:
        for f in shape.fields:
            if f.shape is None:
                continue
            visit(f.shape)
            known = found.get(f.shape.cls)
            if known is None:
                found[f.shape.cls] = f.shape
                continue
            names = {g.name: g for g in known.fields}
            fields = [g if g.name not in {h.name for h in f.shape.fields} else _both(g, {h.name: h for h in f.shape.fields}[g.name])
                      for g in known.fields]
            fields += [_optional(h) for h in f.shape.fields if h.name not in names]
            fields = [g if g.name in {h.name for h in f.shape.fields} else _optional(g) for g in fields]
            found[f.shape.cls] = Shape(known.cls, known.description or f.shape.description, tuple(fields), known.origin or f.shape.origin,
                                       known.registers or f.shape.registers)  # fmt: skip

    for kind in kinds:
        if kind.shape:
            visit(kind.shape)
    return found


def _optional(f: Field) -> Field:
    return Field(f.name, f.role, False, f.schema, f.refers_to, f.scoped, f.shape)


def _both(a: Field, b: Field) -> Field:
    return a if a.required == b.required else _optional(a)


def _docstring(text: str, indent: str) -> list[str]:
    text = " ".join(text.split()).replace("\\", "\\\\").replace('"""', "'''")
    return [f'{indent}"""{text}"""'] if text else []


def _class(shape: Shape, base: str, nested: bool) -> list[str]:
    decorator = "@dataclass(eq=False, kw_only=True)" if nested else "@dataclass(eq=False)"
    lines = ["", "", decorator, f"class {shape.cls}{f'({base})' if base else ''}:"]
    lines += _docstring(shape.description or f"A {shape.cls}.", "    ")
    body: list[str] = []
    for f in shape.fields:
        if f.name == "id" and not nested:
            continue
        kind, default = _annotation(f, nested)
        body.append("")
        body.append(f"    {f.name}: {kind}" + (f" = {default}" if default else ""))
        body += _docstring(f.description, "    ")
    if shape.origin:
        body += ["", "    origin: Origin", '    """Where the object stands in its file (``x-origin``), for messages."""']
    return lines + body


def records_source(kinds: tuple[Kind, ...] | None = None) -> str:
    """The text of ``generator/records.py`` for ``kinds`` (default: the shipped ones)."""
    kinds = kinds if kinds is not None else declared_kinds()
    out: list[str] = []
    for shape in _merged_shapes(kinds).values():
        out += _class(shape, "", nested=True)
    for kind in kinds:
        assert kind.shape is not None
        out += _class(kind.shape, "Record", nested=False)
    out += ["", "", "RECORD_CLASSES: dict[str, type[Record]] = {"]
    out += [f"    {json.dumps(kind.name)}: {kind.cls}," for kind in kinds]
    out += ["}", '"""The generated class of each kind, by kind name."""', ""]
    body = "\n".join(out)
    names = ", ".join(name for name in ("Fact", "Origin", "Ref", "Text") if re.search(rf"\b{name}\b", body))
    return _HEADER.replace("{names}", names).rstrip("\n") + body


def generated_files() -> dict[str, str]:
    """Every file made from the declarations, by path under ``generator/``: what ``records --write`` writes
    and what the drift test compares with the committed files."""
    from .export import export_schema_text  # the export needs the model, which needs this module

    return {"records.py": records_source(), "schemas/export.schema.json": export_schema_text()}


def nested_classes(kinds: tuple[Kind, ...] | None = None) -> dict[str, Shape]:
    """Nested object declarations by class name, merged as in ``records.py``."""
    return _merged_shapes(kinds if kinds is not None else declared_kinds())
