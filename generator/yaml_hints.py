"""YAML syntax mistakes, told as the edit that fixes them.

PyYAML words a syntax error as the state of its parser ("mapping values are not allowed here", "expected <block end>,
but found '<block mapping start>'"), which tells a content editor nothing they can act on. Each common mistake is
recognised from PyYAML's problem and context texts, then explained from the line as written and from the fields read
before it: what YAML made of the line, and the edit that fixes it, quoted from the file where possible. The loader
(``generator/loader.py``) calls :func:`describe_syntax_error` for every syntax error it reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from .loader import Document, JsonPath


@dataclass(frozen=True)
class _Mistake:
    """A YAML syntax error with what it takes to explain it: PyYAML's words and marks, and the file read so far."""

    problem: str
    """PyYAML's problem text, e.g. ``mapping values are not allowed here``."""
    context: str
    """PyYAML's context text, e.g. ``while scanning a simple key``; empty when it gives none."""
    line: int
    column: int
    """Where the problem is (1-based): the place the message is reported at."""
    context_line: int
    context_column: int
    """Where what PyYAML was reading starts (1-based), e.g. an opening quote; the problem's place when it names none."""
    document: Document
    """The file, and the fields and list items read before the mistake (their positions)."""

    def text(self, line: int) -> str:
        return self.document.line_text(line)

    def char(self, line: int, column: int) -> str:
        """The character at a 1-based line and column; empty outside the file."""
        text = self.text(line)
        return text[column - 1] if 0 < column <= len(text) else ""


@dataclass(frozen=True)
class _Level:
    """A field or list item read before a mistake: a column a later line may line up with."""

    line: int
    indent: int
    """Spaces before the field's name, or before the list item's ``-``."""
    field: str | None
    """The field's name; None for a list item."""
    path: JsonPath


@dataclass(frozen=True)
class _SyntaxHint:
    """One row of :data:`_SYNTAX_HINTS`: which PyYAML errors it explains, and how."""

    problem: re.Pattern[str]
    """Searched in PyYAML's problem text."""
    context: re.Pattern[str]
    """Searched in PyYAML's context text (empty when PyYAML gives none)."""
    explain: Callable[[_Mistake], str | None]
    """The explanation and fix, or None when this error does not fit it after all (the next row is tried)."""
    prefix: str = "YAML syntax error: "


_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")
"""How every field of every schema is named; a word written so before ``:`` is taken to be meant as a field."""
_LINE_HEAD = re.compile(r" *(?:-(?: +|$))*")
"""A line's indentation and list item markers: what comes before a field's name or a text."""
_FIELD_AT_START = re.compile(r"(?P<name>[^\s:#'\"][^:]*?):(?:[ \t]+|$)")
"""``name:`` followed by a space or the end of the line: a field as YAML reads it."""
_SHOWN = 72
"""Longest text quoted back in a message; a longer one is cut with an ellipsis."""


def _clip(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1].rstrip() + "…"


def _spaces(count: int) -> str:
    return f"{count} space" + ("" if count == 1 else "s")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _head_length(text: str) -> int:
    """Length of a line's indentation and list item markers: where its field's name or its text starts."""
    head = _LINE_HEAD.match(text)
    return head.end() if head else 0


def _quote(text: str) -> str:
    """``text`` as a quoted YAML text: in double quotes, or in single quotes when it holds ``"`` or ``\\``."""
    if '"' in text or "\\" in text:
        return "'" + _clip(text.replace("'", "''")) + "'"
    return '"' + _clip(text) + '"'


def _quoted_from(mistake: _Mistake, line: int, column: int) -> str:
    """The line as it should read, with everything from ``column`` on put in quotes: the fix a message shows."""
    text = mistake.text(line)
    start = min(_indent(text), column - 1)
    return text[start : column - 1] + _quote(text[column - 1 :].strip())


def _is_block_entry(text: str, column: int) -> bool:
    """Whether a list item's ``-`` stands at ``column`` (1-based) of the line."""
    return text[column - 1 : column] == "-" and text[column : column + 1] in ("", " ", "\t")


def _levels_above(mistake: _Mistake, line: int) -> list[_Level]:
    """The field or list item read last before ``line``, then each one it sits in, innermost first."""
    document = mistake.document
    levels: dict[JsonPath, _Level] = {}
    for path, (at_line, at_column) in document.key_positions.items():
        if at_line < line and path:
            levels[path] = _Level(at_line, at_column - 1, str(path[-1]), path)
    for path, (at_line, at_column) in document.positions.items():
        if at_line >= line or not _is_block_entry(mistake.text(at_line), at_column):
            continue
        index, item_line = 0, at_line  # a block list's position is its first '-'; its items' dashes share the column
        while item_line < line:
            levels[path + (index,)] = _Level(item_line, at_column - 1, None, path + (index,))
            index += 1
            following = document.positions.get(path + (index,))
            if following is None:
                break
            item_line = following[0]
    if not levels:
        return []
    nearest = max(levels.values(), key=lambda level: (level.line, level.indent))
    enclosing = (levels.get(nearest.path[:end]) for end in range(len(nearest.path) - 1, 0, -1))
    return [nearest, *(level for level in enclosing if level is not None)]


def _label(level: _Level) -> str:
    return f"'{level.field}'" if level.field is not None else "a list item"


def _block_text(mistake: _Mistake, level: _Level) -> tuple[str, int, int] | None:
    """For a field whose value is a ``|`` or ``>`` text: the indicator, and the line and indentation of its first line."""
    if level.field is None:
        return None
    line, column = mistake.document.positions.get(level.path, (0, 0))
    indicator = mistake.char(line, column)
    if line != level.line or indicator not in ("|", ">"):
        return None
    following = line + 1
    while following < mistake.line and not mistake.text(following).strip():
        following += 1
    return indicator, following, _indent(mistake.text(following))


def _tab(mistake: _Mistake) -> str:
    return "YAML indentation must use spaces; replace the tab with spaces"


def _colon_in_text(mistake: _Mistake) -> str | None:
    """``mapping values are not allowed here``: ``: `` inside a text, or a field indented under another field."""
    text = mistake.text(mistake.line)
    head_start = _head_length(text)
    head = text[head_start : mistake.column - 1]
    field = _FIELD_AT_START.match(head)
    if field:  # 'answer: Note: do this': the line's own field, then a text holding ': '
        in_list_item = "-" in text[:head_start]
        value_start = head_start if in_list_item and not _FIELD_NAME.fullmatch(field["name"]) else head_start + field.end()
        return ("a colon followed by a space inside a text starts a new field in YAML; "
                f"put the whole text in quotes: {_quoted_from(mistake, mistake.line, value_start + 1)}")  # fmt: skip
    indent, name = _indent(text), head.strip()
    owners = [level for level in _levels_above(mistake, mistake.line) if level.indent < indent]
    if not owners:  # no field holds this line: the line above began a text, having no ': ' of its own ('id:how-long')
        above = mistake.line - 1
        while above > 0 and (not mistake.text(above).strip() or mistake.text(above).lstrip().startswith("#")):
            above -= 1
        if above < 1:
            return None
        written = mistake.text(above)[_head_length(mistake.text(above)) :].rstrip()
        return f"lines {above} and {mistake.line} are read as one text: {_without_colon(above, written)}"
    owner = owners[0]
    if owner.field is not None:
        return (f"line {mistake.line} is indented {_spaces(indent)}, more than the field '{owner.field}' above it "
                f"(line {owner.line}, {_spaces(owner.indent)}), so YAML reads '{name}:' as more of the text of '{owner.field}', "
                f"where ': ' is not allowed; if '{name}' is a field of its own, indent it like '{owner.field}' "
                f"({_spaces(owner.indent)}), otherwise put the whole text of '{owner.field}' in quotes")  # fmt: skip
    return (f"line {mistake.line} is indented {_spaces(indent)}, more than the list item above it (line {owner.line}, "
            f"'-' at {_spaces(owner.indent)}), so YAML reads '{name}:' as more of that item's text, where ': ' is not allowed; "
            f"if '{name}' is a field of that item, start the item with a field too ('- name: value'), "
            "otherwise put the item's whole text in quotes")  # fmt: skip


def _indentation(mistake: _Mistake) -> str | None:
    """``expected <block end>``: a line that lines up with no field or list item above it, or words left over after a value."""
    text = mistake.text(mistake.line)
    indent = _indent(text)
    if mistake.column - 1 != indent:
        return _left_over(mistake)
    levels = _levels_above(mistake, mistake.line)
    if not levels:
        return None
    line, rest = mistake.line, text[indent:]
    if rest.startswith(":"):
        return f"line {line} starts with ':'; write the field's name before it, as 'name: value'"
    if rest[:1] in (",", "]", "}"):
        return f"line {line} starts with '{rest[0]}', which YAML does not allow there; remove it, or put a text starting with it in quotes"
    nearest, is_item = levels[0], _is_block_entry(text, indent + 1)
    block = _block_text(mistake, nearest)
    if block and not is_item and nearest.indent < indent < block[2]:
        indicator, first, first_indent = block
        return (f"line {line} is indented {_spaces(indent)}, less than the first line of the text under "
                f"'{nearest.field}: {indicator}' (line {first}, {_spaces(first_indent)}); "
                "indent every line of that text at least as much as its first line")  # fmt: skip
    value_line = mistake.document.positions.get(nearest.path, (0, 0))[0]
    if is_item and nearest.field is not None and indent <= nearest.indent and value_line == nearest.line:
        item = _clip(rest[1:].strip())
        return (f"line {line} starts a list item, but the field '{nearest.field}' above it (line {nearest.line}) already has "
                f"a value after its ':'; for a list, leave '{nearest.field}:' alone on its line and write every item on "
                f"a line of its own below it, indented more than the field, as '- {item}'")  # fmt: skip
    candidates = [level for level in levels if (level.field is None) == is_item] or levels
    shown: dict[int, _Level] = {}
    for level in candidates:
        shown.setdefault(level.indent, level)
    if indent in shown:  # it does line up: the mistake is not its indentation
        return None
    if is_item:
        what = "list item" if len(shown) == 1 else "list items"
        places = [f"{level.indent} (line {level.line})" for level in shown.values()]
        fix = "start every '-' of one list in the same column"
    else:
        what = "field" if len(shown) == 1 else "fields"
        places = [f"{level.indent} ({_label(level)}, line {level.line})" for level in shown.values()]
        field = _FIELD_AT_START.match(rest)
        fix = (f"indent '{field['name']}' exactly like the field it belongs beside" if field
               else "if it continues the text above it, put that whole text in quotes")  # fmt: skip
    if len(places) == 1:
        level = next(iter(shown.values()))
        named = f"the list item above it (line {level.line})" if is_item else f"the field above it, {_label(level)} (line {level.line}),"
        return f"line {line} is indented {_spaces(indent)}, but {named} is indented {_spaces(level.indent)}; {fix}"
    listed = ", ".join(places[:-1]) + " or " + places[-1]
    return f"line {line} is indented {_spaces(indent)}, but the {what} above it are indented {listed}; {fix}"


def _left_over(mistake: _Mistake) -> str | None:
    """Words after a value that ended early: ``[Draft] My page``, ``'It's fine'``, ``"Yes" she said``."""
    text, line = mistake.text(mistake.line), mistake.line
    before = text[: mistake.column - 1].rstrip()
    closer, closed_at = before[-1:], len(before)
    positions = mistake.document.positions.values()
    if closer in ("]", "}"):
        opener = "[" if closer == "]" else "{"
        starts = sorted(column for at_line, column in positions if at_line == line and mistake.char(at_line, column) == opener)
        if not starts:
            return None
        kind = "list" if opener == "[" else "mapping"
        return (f"a text starting with '{opener}' is read as a {kind} in YAML, which ends at the '{closer}' and leaves the "
                f"rest of the line over; put the whole text in quotes: {_quoted_from(mistake, line, starts[0])}")  # fmt: skip
    if closer in ("'", '"'):
        openers = [position for position in positions if position < (line, closed_at) and mistake.char(*position) == closer]
        if not openers:
            return None
        open_line, open_column = max(openers)
        if open_line != line:
            return (f"the quote ({closer}) opened at line {open_line} column {open_column} is not closed on its line, so the "
                    f"text runs on to the {closer} at line {line} column {closed_at}; close the quote where the text ends")  # fmt: skip
        written = text[open_column - 1 :].strip()
        if text[closed_at : closed_at + 1].isalnum():  # 'It's fine': the quote was an apostrophe inside the text
            inner = written[1:-1] if len(written) > 1 and written.endswith(closer) else written[1:]
        else:  # '"Yes" she said': the quotes are part of the text
            inner = written
        fix = text[_indent(text) : open_column - 1] + _quote(inner)
        return (f"the text in quotes that starts at column {open_column} ends at the next {closer} (column {closed_at}), "
                f"so the rest of the line is left over; put the whole text in quotes once: {fix}")  # fmt: skip
    return None


def _missing_colon(mistake: _Mistake) -> str | None:
    """``could not find expected ':'``: a field without its colon, or a text line YAML took for a field."""
    line, column = mistake.context_line, mistake.context_column
    text = mistake.text(line)
    written = text[column - 1 :].rstrip()
    levels = _levels_above(mistake, line)
    nearest = levels[0] if levels else None
    block = _block_text(mistake, nearest) if nearest else None
    if nearest and block and _indent(text) <= nearest.indent:
        return (f"the text under '{nearest.field}: {block[0]}' (line {nearest.line}) must be indented: start each of its "
                f"lines with at least {_spaces(nearest.indent + 2)}")  # fmt: skip
    message = _without_colon(line, written)
    if nearest and nearest.field is not None and not message.startswith(f"line {line} needs"):
        message += f", or, if the line continues the text above it, indent it more than '{nearest.field}' (line {nearest.line})"
    return message


def _without_colon(line: int, written: str) -> str:
    """What is wrong with a would-be field written without ``: `` (``question How long?``, ``id:how-long``), and its fix."""
    squeezed = re.fullmatch(r"(?P<name>[a-z][a-z0-9_]*):(?P<value>[^\s/].*)", written)
    if squeezed:
        return f"line {line} needs a space after the colon: {squeezed['name']}: {_clip(squeezed['value'])}"
    example = re.fullmatch(r"(?P<name>[a-z][a-z0-9_]*) +(?P<value>\S.*)", written)
    return (f"line {line} ('{_clip(written)}') has no ':' after a field name; write a field as 'name: value'"
            + (f" (here '{example['name']}: {_clip(example['value'])}')" if example else ""))  # fmt: skip


def _unclosed_quote(mistake: _Mistake) -> str:
    """``found unexpected end of stream`` while scanning a quoted text: its closing quote is missing."""
    quote = mistake.char(mistake.context_line, mistake.context_column)
    inside = "an apostrophe inside it as ''" if quote == "'" else 'a " inside it as \\"'
    return (f"the quote ({quote}) opened at line {mistake.context_line} column {mistake.context_column} is never closed; "
            f"end the text with a closing {quote}, and write {inside}")  # fmt: skip


def _unclosed_flow(mistake: _Mistake) -> str | None:
    """A ``[`` or ``{`` list that does not end as YAML expects: usually a text starting with ``[`` or ``{``."""
    position = (mistake.context_line, mistake.context_column)
    if mistake.char(*position) not in ("[", "{"):
        starts = [
            at for at in mistake.document.positions.values() if at <= (mistake.line, mistake.column) and mistake.char(*at) in ("[", "{")
        ]
        if not starts:
            return None
        position = max(starts)
    opener = mistake.char(*position)
    closer, kind, parts = ("]", "list", "items") if opener == "[" else ("}", "mapping", "fields")
    return (f"the '{opener}' at line {position[0]} column {position[1]} starts a {kind}, which must end with '{closer}' "
            f"(its {parts} separated by ', '); a text that starts with '{opener}' must be in quotes: "
            f"{_quoted_from(mistake, *position)}")  # fmt: skip


_RESERVED_STARTS: dict[str, str] = {
    "*": "is read as a reference to another value (an alias)",
    "&": "is read as a name for reuse (an anchor)",
    "!": "is read as a type tag",
    "?": "is read as a complex field name",
}
"""What YAML makes of a text that starts with one of these; any other character it refuses there is simply not allowed."""


def _reserved_start(mistake: _Mistake) -> str | None:
    """A text starting with a character YAML keeps for itself: ``*``, ``&``, ``!``, ``%``, ``@``, a backquote, ``,``..."""
    at_start = re.search(r"alias|anchor|tag|directive|node", mistake.context) and "block node" not in mistake.context
    line, column = (mistake.context_line, mistake.context_column) if at_start else (mistake.line, mistake.column)
    char = mistake.char(line, column)
    if not char or char.isspace():
        return None
    why = _RESERVED_STARTS.get(char, "is not allowed")
    return f"a text starting with '{char}' {why} in YAML; put the whole text in quotes: {_quoted_from(mistake, line, column)}"


def _list_on_field_line(mistake: _Mistake) -> str | None:
    """``sequence entries are not allowed here``: ``playbooks: - a``, a list begun on its field's line."""
    text = mistake.text(mistake.line)
    before = text[: mistake.column - 1].rstrip()
    if not before.endswith(":"):
        return None
    name = before[_head_length(before) : -1].strip()
    item = _clip(text[mistake.column :].strip())
    return (f"a list cannot start on the line of its field: leave '{name}:' alone on its line and write each item on a "
            f"line of its own below it, indented more than the field, as '- {item}'; if it is a text starting with '-', "
            f"put it in quotes: {_quoted_from(mistake, mistake.line, mistake.column)}")  # fmt: skip


def _block_indicator(mistake: _Mistake) -> str | None:
    """Text after ``|`` or ``>`` on the same line: the indicator only announces a text on the lines below."""
    line, column = mistake.context_line, mistake.context_column
    indicator = mistake.char(line, column)
    if indicator not in ("|", ">"):
        return None
    after = _clip(mistake.text(line)[column:].lstrip("+-0123456789").strip())  # past the indicator's own options
    return (f"'{indicator}' starts a text on the lines below it, so nothing but a comment may follow it on its line; "
            f"move '{after}' to the next line, indented more than the field, or put the whole text in quotes: "
            f"{_quoted_from(mistake, line, column)}")  # fmt: skip


def _escape(mistake: _Mistake) -> str | None:
    """A backslash in a double-quoted text that is no escape YAML knows: ``"can\\'t"``, ``"C:\\Users"``."""
    line, column = mistake.context_line, mistake.context_column
    text = mistake.text(line)
    if mistake.char(line, column) != '"':
        return None
    closing = text.rfind('"')
    inner = text[column : closing if closing > column - 1 else len(text)]
    prefix = text[_indent(text) : column - 1]
    if '"\'"' in mistake.problem:  # found unknown escape character "'"
        fixed = prefix + '"' + _clip(inner.replace("\\'", "'")) + '"'
        return f"an apostrophe needs no backslash inside double quotes; write ' instead of \\': {fixed}"
    fixed = prefix + "'" + _clip(inner.replace("'", "''")) + "'"
    return ("a backslash inside double quotes starts an escape such as \\n; write a backslash as \\\\, "
            f"or put the text in single quotes: {fixed}")  # fmt: skip


def _hint(problem: str, context: str, explain: Callable[[_Mistake], str | None], prefix: str = "YAML syntax error: ") -> _SyntaxHint:
    return _SyntaxHint(re.compile(problem), re.compile(context), explain, prefix)


_SYNTAX_HINTS: tuple[_SyntaxHint, ...] = (
    _hint(r"'\\t'|\t", "", _tab, prefix="tab character: "),
    _hint(r"mapping values are not allowed", "", _colon_in_text),
    _hint(r"sequence entries are not allowed", "", _list_on_field_line),
    _hint(r"mapping keys are not allowed", "", _reserved_start),
    _hint(r"^found unexpected (end of stream|document separator)", r"quoted scalar", _unclosed_quote),
    _hint(r"escape", r"double-quoted scalar", _escape),
    _hint("", r"block scalar", _block_indicator),
    _hint("", r"alias|anchor|tag|directive", _reserved_start),
    _hint(r"undefined tag handle|cannot start any token", "", _reserved_start),
    _hint(r"^expected the node content", r"block node", _reserved_start),
    _hint("", r"flow (sequence|mapping|node)", _unclosed_flow),
    _hint(r"could not find expected ':'", "", _missing_colon),
    _hint(r"^expected (<block end>|'<document start>')|^did not find expected (key|'-')", "", _indentation),
)
"""PyYAML's syntax errors, each with its explanation for a content editor; the first row that matches and explains wins.

Contributors are content editors, not programmers: "mapping values are not allowed here" does not say that the
colon in ``answer: Note: do this`` started a new field, nor that quotes fix it. A row matches PyYAML's problem
and context texts (the pure-Python parser's wording, which the loader re-parses with for its marks), and its
function names the line, what YAML made of it and the edit to make, or returns None to leave the error to the
next row. An error no row explains keeps PyYAML's words with a general hint (:func:`describe_syntax_error`).
"""


def describe_syntax_error(exc: yaml.MarkedYAMLError, document: Document) -> str:
    """The message for a YAML syntax error: explained by :data:`_SYNTAX_HINTS`, or PyYAML's words with a general hint."""
    problem, context = (exc.problem or "").strip(), (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    context_mark = exc.context_mark or mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context_line, context_column = (context_mark.line + 1, context_mark.column + 1) if context_mark else (line, column)
    mistake = _Mistake(problem, context, line, column, context_line, context_column, document)
    for hint in _SYNTAX_HINTS:
        if hint.problem.search(problem) and hint.context.search(context):
            explained = hint.explain(mistake)
            if explained:
                return hint.prefix + explained
    where = f" (line {context_line})" if context and context_line != line else ""
    return (f"YAML syntax error: {problem}{' ' + context if context else ''}{where}; "
            "check the indentation and put texts holding ': ' or starting with [ { * & ! in quotes")  # fmt: skip


def alias_message(anchor: str, line: int, column: int, document: Document) -> str:
    """Why an alias is refused; when words follow it on its line, it was a text starting with ``*`` and wants quotes."""
    text = document.line_text(line)
    after = text[column + len(anchor) :].strip()
    is_field_name = after.startswith(":") and column - 1 == _head_length(text)
    if after and not after.startswith("#") and not is_field_name:  # words after it on its line: it was meant as text
        fix = text[min(_indent(text), column - 1) : column - 1] + _quote(text[column - 1 :].strip())
        return f"alias '*{anchor}' is not allowed; a text starting with '*' must be in quotes: {fix}"
    return f"alias '*{anchor}' is not allowed; write the value out"
