"""Strict YAML loading that remembers where every value came from.

Content arrives from strangers' pull requests, so the loader accepts only the plain subset of
YAML an editor needs: one document of mappings, sequences and scalars. Anchors and aliases
(which let a few lines expand into billions of nodes), custom tags, merge keys, duplicate keys,
non-UTF-8 bytes, control and invisible characters and oversized or over-deep files are refused
with a positioned message. Dates stay strings, and so do YAML 1.1 words like ``yes`` and ``no``;
numbers YAML 1.1 would silently convert (``1:20`` is 80, ``017`` is 15, ``0x1F``, ``1_000``,
``.inf``) are refused, so every number means what it looks like.

It reads parser events (libyaml's C parser when present) and builds plain Python values
directly, recording the 1-based line and column of every value and key. A YAML syntax mistake is
reported at PyYAML's position, in an editor's words: what YAML made of the line and the edit that
fixes it (:data:`_SYNTAX_HINTS`).
"""

from __future__ import annotations

import errno
import os
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from .kinds import KIND_BY_FOLDER
from .problems import Problems, did_you_mean
from .yaml_hints import alias_message, describe_syntax_error

MAX_BYTES = 256 * 1024
"""Largest content file accepted; a real playbook is a few kilobytes."""

MAX_DEPTH = 24
"""Deepest nesting accepted; the deepest schema needs six levels."""

JsonPath = tuple[str | int, ...]
Position = tuple[int, int]

MAX_NUMBER_DIGITS = 15
"""Longest number accepted, in digits; the largest one any schema allows has five. Longer ones are
refused at load: past 4,300 digits Python cannot even print them, and past 15 a float loses digits."""

_FORBIDDEN = re.compile(
    # C0 controls but tab, newline and return; DEL; C1 controls (U+0085 NEL among them)
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    # soft hyphen, Arabic letter mark, Hangul fillers, Mongolian vowel separator, zero-width space and joiners, LRM/RLM
    "\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f"
    # line and paragraph separators: YAML breaks lines there, editors and GitHub do not, so every later line number would shift
    "\u2028\u2029"
    # bidirectional embeddings and overrides ("Trojan Source"), word joiner, invisible operators, bidirectional isolates
    "\u202a-\u202e\u2060-\u206f"
    # Hangul fillers, zero-width no-break space (a BOM inside the text), interlinear annotations, noncharacters
    "\u3164\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff"
    # tag characters, which can hide a whole message inside an innocent-looking word
    "\U000e0000-\U000e007f]"
)
"""Characters no content needs that change what text looks like, hide, or move line numbers: refused."""
_LINE_BREAK = re.compile("\r\n|\r|\n")
"""Line breaks as YAML and editors both count them, once :data:`_FORBIDDEN` has refused the others."""
_NONBLANK = re.compile(r"\S")
"""One non-blank character (``\\S`` is exactly what :meth:`str.isspace` is not)."""
_WRITTEN = {"'": re.compile(r"''|\S"), '"': re.compile(r"\\[\s\S]|\S")}
"""One non-blank character as a quoted scalar writes it: ``''`` and a backslash escape stand for one character."""
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
"""A number as a reader writes it: decimal digits, an optional minus sign and decimal part."""
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = SafeConstructor()
_RESOLVED_FIRST = frozenset(_RESOLVER.yaml_implicit_resolvers)
"""First characters (``""`` for an empty value) of plain scalars that some resolver may read as other than text."""
_Parser = getattr(yaml, "cyaml", None) and getattr(yaml.cyaml, "CParser", None)
"""libyaml's event parser (PyYAML does not export it at the top level); None where PyYAML was built without it."""


def dotted(path: Sequence[str | int]) -> str:
    """A field path as an editor reads it: ``steps[2].action``."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python event parser, used only where libyaml is missing."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


class LoadError(Exception):
    """A mistake in a file, at a 1-based line and column."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


@dataclass
class Document:
    """One content file: its data, and where each value and key stands in the file."""

    path: str
    """Path relative to the repository root, with forward slashes."""
    data: Any
    kind: str = ""
    """The content kind, from the folder the file sits in."""
    loaded: bool = True
    """False when the file could not be parsed; ``data`` is then None and the problem is reported."""
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    key_positions: dict[JsonPath, Position] = field(default_factory=dict)
    text: str = ""
    """The file as written, so that a problem inside a long text can point at its exact column."""
    _line_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _layout: tuple[JsonPath, Position, list[int], list[int]] | None = field(default=None, init=False, repr=False, compare=False)
    """The last value :meth:`where_in` mapped: its path, start, non-blank offsets and their places in the file."""

    def where(self, path: Sequence[str | int]) -> Position:
        """Position of the value at ``path``, or of its nearest recorded ancestor."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def where_in(self, path: Sequence[str | int], offset: int) -> Position:
        """Position of character ``offset`` of the text value at ``path``, as written in the file.

        A folded, literal or quoted scalar spreads its value over lines and indentation, so the
        offset is mapped by counting the value's non-blank characters in the file from the value's
        start. Escapes (``''`` or a backslash) are counted as the one character they stand for.
        The mapping of a value is worked out once and kept for the next call: a text with
        thousands of references asks for thousands of offsets, and each must not cost a scan of
        the value, let alone of the file.
        """
        key = tuple(path)
        if self._layout is None or self._layout[0] != key:
            value_start, nonblank, written = self._lay_out(key)
            self._layout = (key, value_start, nonblank, written)
        _, value_start, nonblank, written = self._layout
        if not written:
            return value_start
        index = bisect_right(nonblank, offset - 1)  # non-blank characters before the offset
        return self.line_column(written[index]) if index < len(written) else value_start

    def _lay_out(self, path: tuple[str | int, ...]) -> tuple[Position, list[int], list[int]]:
        """Where a value starts, the offsets of its non-blank characters, and where each stands in the file."""
        line, column = self.where(path)
        value = self._value_at(path)
        if not isinstance(value, str) or not self.text:
            return (line, column), [], []
        nonblank = [match.start() for match in _NONBLANK.finditer(value)]
        text, starts = self.text, self.line_starts
        at = starts[line - 1] + column - 1 if line - 1 < len(starts) else len(text)
        opener = text[at : at + 1]
        if opener in ("|", ">"):
            following = bisect_right(starts, at)
            at = starts[following] if following < len(starts) else len(text)
        elif opener in ("'", '"'):
            at += 1
        # one past the last non-blank character, so an offset at the very end maps too
        written_chars = _WRITTEN.get(opener, _NONBLANK).finditer(text, at)
        written = [match.start() for match in islice(written_chars, len(nonblank) + 1)]
        return (line, column), nonblank, written

    @property
    def line_starts(self) -> list[int]:
        """Offset in :attr:`text` where each line starts, worked out once per file."""
        if self._line_starts is None:
            self._line_starts = [0, *(match.end() for match in _LINE_BREAK.finditer(self.text))]
        return self._line_starts

    def line_column(self, index: int) -> Position:
        """The 1-based line and column of character ``index`` of :attr:`text`, as an editor counts them."""
        row = bisect_right(self.line_starts, index) - 1
        return row + 1, index - self.line_starts[row] + 1

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) of :attr:`text` without its line break; empty past the last line."""
        starts = self.line_starts
        if not 0 < line <= len(starts):
            return ""
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[starts[line - 1] : end].rstrip("\r\n")

    def _value_at(self, path: Sequence[str | int]) -> Any:
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def key_where(self, path: Sequence[str | int]) -> Position:
        """Position of the key that introduces ``path`` (falls back to the value)."""
        return self.key_positions.get(tuple(path)) or self.where(path)


def load_text(path: str, raw: bytes, max_bytes: int = MAX_BYTES) -> Document:
    """Parse one file's bytes into a :class:`Document`, or raise :class:`LoadError`."""
    if len(raw) > max_bytes:
        raise LoadError(1, 1, f"file is {len(raw):,} bytes; the limit is {max_bytes:,} bytes")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise LoadError(1, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(line, column, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})") from None
    bad = _FORBIDDEN.search(text)
    if bad:
        line, column = Document(path, None, text=text).line_column(bad.start())
        raise LoadError(line, column, f"control or invisible formatting character U+{ord(bad.group()):04X} is not allowed")
    if _Parser is not None:
        try:
            return _parse(path, text, _Parser(text), syntax_only=True)
        except yaml.YAMLError:
            pass  # libyaml is quick but terse about syntax mistakes: parse again below for PyYAML's marks and words, explained
    return _parse(path, text, _PyParser(text))


def _parse(path: str, text: str, parser: Any, syntax_only: bool = False) -> Document:
    """Build the document; with ``syntax_only``, let YAML syntax errors through for a second, clearer parse.

    A refusal of the loader's own (an anchor, a tag, a number written YAML 1.1's way) is raised
    as it is: the events up to it are the same in both parsers, and parsing a large file again in
    pure Python only to say the same thing took a third of a second.
    """
    document = Document(path, None, text=text)
    try:
        document.data = _Builder(parser, document).build_document()
    except yaml.MarkedYAMLError as exc:
        if syntax_only:
            raise
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LoadError(line, column, describe_syntax_error(exc, document)) from None
    except yaml.YAMLError as exc:  # reader errors carry no mark in libyaml
        if syntax_only:
            raise
        raise LoadError(1, 1, f"YAML error: {exc}") from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()
    return document


def _alias_refusal(event: AliasEvent, document: Document) -> LoadError:
    """An alias is refused (it lets a few lines expand into billions of values)."""
    line, column = _at(event)
    return LoadError(line, column, alias_message(event.anchor or "", line, column, document))


def _short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:python/object`` back to the ``!!python/object`` an editor wrote."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _at(event: Any) -> Position:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Builder:
    """Turns one document's events into Python values, recording positions as it goes."""

    def __init__(self, parser: Any, document: Document) -> None:
        self.parser = parser
        self.document = document
        self.positions, self.key_positions = document.positions, document.key_positions

    def build_document(self) -> Any:
        self.parser.get_event()  # stream start
        first = self.parser.get_event()
        if isinstance(first, StreamEndEvent):
            raise LoadError(1, 1, "file is empty; it must hold one mapping of fields")
        value = self._value(self.parser.get_event(), (), 1)
        end = self.parser.get_event()
        assert isinstance(end, DocumentEndEvent)
        following = self.parser.get_event()
        if not isinstance(following, StreamEndEvent):
            raise LoadError(*_at(following), "file holds more than one YAML document; keep one record per file")
        return value

    def _value(self, event: Any, path: JsonPath, depth: int) -> Any:
        if type(event) is ScalarEvent and not event.anchor and event.tag in (None, "!") and depth <= MAX_DEPTH:  # most values
            mark: Any = event.start_mark
            self.positions[path] = (mark.line + 1, mark.column + 1)
            try:
                return _scalar(event)
            except ValueError as exc:
                raise LoadError(*_at(event), str(exc)) from None
        if isinstance(event, AliasEvent):
            raise _alias_refusal(event, self.document)
        if getattr(event, "anchor", None):
            raise LoadError(*_at(event), f"anchor '&{event.anchor}' is not allowed; write values out in full")
        if getattr(event, "tag", None) not in (None, "!"):
            raise LoadError(*_at(event), f"tag '{_short_tag(event.tag)}' is not allowed; content is plain data")
        if depth > MAX_DEPTH:
            raise LoadError(*_at(event), f"nesting is deeper than {MAX_DEPTH} levels")
        self.positions[path] = _at(event)
        if isinstance(event, ScalarEvent):
            try:
                return _scalar(event)
            except ValueError as exc:
                raise LoadError(*_at(event), str(exc)) from None
        if isinstance(event, SequenceStartEvent):
            items: list[Any] = []
            get_event = self.parser.get_event
            while not isinstance(event := get_event(), SequenceEndEvent):
                items.append(self._value(event, (*path, len(items)), depth + 1))
            return items
        if isinstance(event, MappingStartEvent):
            return self._mapping(path, depth)
        raise LoadError(*_at(event), f"unexpected YAML element {type(event).__name__}")

    def _mapping(self, path: JsonPath, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        get_event, key_positions = self.parser.get_event, self.key_positions
        while not isinstance(key_event := get_event(), MappingEndEvent):
            if not isinstance(key_event, ScalarEvent) or getattr(key_event, "anchor", None):
                if isinstance(key_event, AliasEvent):
                    raise _alias_refusal(key_event, self.document)
                raise LoadError(*_at(key_event), "a field name must be plain text")
            key = key_event.value
            if "\n" in key or "\r" in key:
                raise LoadError(*_at(key_event), "a field name must be one line of plain text")
            if key == "<<" and not key_event.style:
                raise LoadError(*_at(key_event), "merge key '<<' is not allowed; write the fields out")
            if key_event.tag not in (None, "!"):
                raise LoadError(*_at(key_event), f"tag '{_short_tag(key_event.tag)}' is not allowed; content is plain data")
            child = (*path, key)  # one tuple for both positions
            if key in mapping:
                first = key_positions[child]
                raise LoadError(*_at(key_event), f"duplicate field '{key}' (first at line {first[0]})")
            mark: Any = key_event.start_mark
            key_positions[child] = (mark.line + 1, mark.column + 1)
            mapping[key] = self._value(get_event(), child, depth + 1)
        return mapping


def _scalar(event: ScalarEvent) -> Any:
    """Plain scalars become null, true/false, numbers or text; everything else is text.

    A number must be written plainly (:data:`_PLAIN_NUMBER`): YAML 1.1 would otherwise turn
    ``1:20`` into 80 or ``017`` into 15 without a word. Raises ValueError to refuse one.
    """
    value = event.value
    if event.style or not event.implicit[0] or value[:1] not in _RESOLVED_FIRST:  # a plain scalar's style is None (PyYAML) or "" (libyaml)
        return value  # quoted, or plain text that no resolver reads otherwise (they are chosen by the first character)
    tag = _RESOLVER.resolve(ScalarNode, value, event.implicit)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return {"true": True, "false": False}.get(event.value.lower(), event.value)
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        return _number(event.value, tag)
    return event.value


def _number(written: str, tag: str) -> int | float:
    """The number a plain scalar states, or ValueError saying how to write it."""
    digits = sum(char.isdigit() for char in written)
    if digits > MAX_NUMBER_DIGITS:
        raise ValueError(f"number of {digits:,} digits is too long (at most {MAX_NUMBER_DIGITS}); quote it if it is text")
    if not _PLAIN_NUMBER.fullmatch(written):
        raise ValueError(f"'{written}' would be read as {_yaml11_reading(written, tag)}; "
                         f"quote it ('{written}') if it is text, or write the number in plain decimal digits")  # fmt: skip
    return int(written) if tag == "tag:yaml.org,2002:int" else float(written)


def _yaml11_reading(written: str, tag: str) -> str:
    """What YAML 1.1 makes of a number written other than plainly, e.g. ``the number 80 (base 60)``."""
    lower = written.lower().lstrip("+-")
    if lower in (".inf", ".nan"):
        return "'not a number'" if lower == ".nan" else "minus infinity" if written.startswith("-") else "infinity"
    how = ("base 60" if ":" in written else "hexadecimal" if lower.startswith("0x") else "binary" if lower.startswith("0b")
           else "digits grouped with '_'" if "_" in written else "octal" if tag.endswith("int") and lower.startswith("0") and lower != "0"
           else "with a '+' sign" if written.startswith("+") else "a number")  # fmt: skip
    node = ScalarNode(tag, written)
    try:
        value = _CONSTRUCTOR.construct_yaml_int(node) if tag.endswith("int") else _CONSTRUCTOR.construct_yaml_float(node)
    except ValueError:  # '0x_': a number to YAML 1.1, which then cannot work out its value
        return "a malformed number" + (f" ({how})" if how != "a number" else "")
    return f"the number {value}" + (f" ({how})" if how != "a number" else "")


ParsedFiles = dict[str, tuple[bytes, "Document"]]
"""Documents parsed by an earlier load, by path, with the bytes they were parsed from."""


def load_content(root: Path, content_dir: str, problems: Problems, parsed: ParsedFiles | None = None) -> list[Document]:
    """Load every record under ``root/content_dir``; report stray files and unloadable ones.

    A file that cannot be parsed is still returned (``loaded=False``) so that later steps know
    the record exists and do not report references to it as unknown. Files are read in a
    fixed order so that output and problems are stable from run to run.

    ``parsed``: the preview's memory of earlier loads. A file whose bytes are those it was parsed
    from keeps its document (documents are not changed after loading), so one edit re-parses one
    file; the memory is updated to this load's files.
    """
    base = root / content_dir
    if not base.is_dir():
        problems.error(content_dir, 1, 1, "content folder not found")
        return []
    documents: list[Document] = []
    kept: ParsedFiles = {}
    real_base = base.resolve()
    for entry in sorted(base.iterdir()):
        rel = f"{content_dir}/{entry.name}"
        if entry.name.startswith(".") or entry.name == "README.md":
            continue
        if not entry.is_dir() or entry.is_symlink():
            problems.error(rel, 1, 1, "only folders of records belong directly under content/: " + ", ".join(sorted(KIND_BY_FOLDER)))
            continue
        kind = KIND_BY_FOLDER.get(entry.name)
        if kind is None:
            problems.error(rel, 1, 1, f"unknown content folder '{entry.name}'{did_you_mean(entry.name, KIND_BY_FOLDER)}")
            continue
        try:
            files = sorted(entry.iterdir())
        except OSError as exc:
            problems.error(rel, 1, 1, f"cannot read folder: {exc.strerror or exc}")
            continue
        for file in files:
            rel_file = f"{rel}/{file.name}"
            if file.name.startswith(".") or file.name == "README.md":
                continue
            if file.is_symlink():
                try:
                    target = file.resolve(strict=True)
                except (OSError, RuntimeError):  # RuntimeError: Python 3.11's pathlib on a symlink loop
                    problems.error(rel_file, 1, 1, _broken_link(file))
                    continue
                if not _inside(target, real_base):
                    problems.error(rel_file, 1, 1, "symbolic link points outside content/; content must live in the repository")
                    continue
            if file.is_dir():
                problems.error(rel_file, 1, 1, f"folders inside {rel}/ are not read; keep one record per file in {rel}/")
                continue
            if file.suffix != ".yaml":
                hint = "rename it to .yaml" if file.suffix == ".yml" else f"only .yaml records belong in {rel}/"
                problems.error(rel_file, 1, 1, f"not a content file: {hint}")
                continue
            try:
                raw = _read_limited(file)
                earlier = parsed.get(rel_file) if parsed is not None else None
                document = earlier[1] if earlier is not None and earlier[0] == raw else load_text(rel_file, raw)
                kept[rel_file] = (raw, document)
            except LoadError as exc:
                problems.error(rel_file, exc.line, exc.column, exc.message)
                document = Document(rel_file, None, loaded=False)
            except OSError as exc:
                problems.error(rel_file, 1, 1, f"cannot read file: {exc.strerror or exc}")
                document = Document(rel_file, None, loaded=False)
            document.kind = kind.name
            documents.append(document)
    if parsed is not None:
        parsed.clear()
        parsed.update(kept)
    return documents


def _broken_link(link: Path) -> str:
    """Why a symbolic link leads to no file: a loop, or a target that is missing."""
    try:
        written = os.readlink(link)
    except OSError:
        written = "?"
    try:
        link.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"symbolic link loops (it points to '{written}', which leads back to itself); replace it with the file it should be"
    return f"symbolic link points to '{written}', which does not exist; replace it with the file it should be"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _read_limited(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a regular file, refusing one over the limit before reading it."""
    if not path.is_file():
        raise LoadError(1, 1, "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise LoadError(1, 1, f"file is {size:,} bytes; the limit is {max_bytes:,} bytes")
    with open(path, "rb") as handle:
        return handle.read(max_bytes + 1)
