"""The strict YAML loader: positions for every value, and a clear refusal of everything unsafe."""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path

import pytest
import yaml

from generator import loader, yaml_hints
from generator.loader import MAX_BYTES, LoadError, load_content, load_text
from generator.problems import Problems


def load(source: str | bytes):
    return load_text("content/faqs/x.yaml", source.encode() if isinstance(source, str) else source)


def refusal(source: str | bytes) -> tuple[int, int, str]:
    with pytest.raises(LoadError) as info:
        load(source)
    return info.value.line, info.value.column, info.value.message


def test_values_keep_their_positions() -> None:
    document = load("id: x\nitems:\n  - text: a\n    detail: b\n")
    assert document.data == {"id": "x", "items": [{"text": "a", "detail": "b"}]}
    assert document.where(("items", 0, "detail")) == (4, 13)
    assert document.key_where(("items", 0, "detail")) == (4, 5)
    assert document.where(("items", 5, "text")) == (3, 3)  # nearest known ancestor: the list


def test_dates_and_yaml11_words_stay_text() -> None:
    data = load("a: 2026-11-25\nb: yes\nc: no\nd: true\ne: 3\nf: 1.5\ng: null\nh: '7'\n").data
    assert data == {"a": "2026-11-25", "b": "yes", "c": "no", "d": True, "e": 3, "f": 1.5, "g": None, "h": "7"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a: &x 1\nb: *x\n", (1, 4, "anchor '&x' is not allowed; write values out in full")),
        ("a: 1\nb: *x\n", (2, 4, "alias '*x' is not allowed; write the value out")),
        ("a: 1\nb: *Note: do this\n",
         (2, 4, "alias '*Note' is not allowed; a text starting with '*' must be in quotes: b: \"*Note: do this\"")),
        ("a: 1\n*x : 2\n", (2, 1, "alias '*x' is not allowed; write the value out")),
        ("a: 1\na: 2\n", (2, 1, "duplicate field 'a' (first at line 1)")),
        ("", (1, 1, "file is empty; it must hold one mapping of fields")),
        ("a: 1\n---\nb: 2\n", (2, 1, "file holds more than one YAML document; keep one record per file")),
        ("a:\n\t- b\n", (2, 1, "tab character: YAML indentation must use spaces; replace the tab with spaces")),
        ("a: !!python/object:os.system x\n", (1, 4, "tag '!!python/object:os.system' is not allowed; content is plain data")),
        ("a: !custom x\n", (1, 4, "tag '!custom' is not allowed; content is plain data")),
        ("<<: {a: 1}\n", (1, 1, "merge key '<<' is not allowed; write the fields out")),
        ("? [a]\n: 1\n", (1, 3, "a field name must be plain text")),
        ("a: [\n", (2, 1, ("YAML syntax error: the '[' at line 1 column 4 starts a list, which must end with ']' (its items "
                           "separated by ', '); a text that starts with '[' must be in quotes: a: \"[\""))),
        ("a: b\n\u202eevil: 1\n", (2, 1, "control or invisible formatting character U+202E is not allowed")),
        ("a: b\x00\n", (1, 5, "control or invisible formatting character U+0000 is not allowed")),
        ("a: " + "[" * 40 + "]" * 40 + "\n", (1, 27, "nesting is deeper than 24 levels")),
    ],
)
def test_refusals_say_what_and_where(source: str, expected: tuple[int, int, str]) -> None:
    assert refusal(source) == expected


def test_non_utf8_is_refused_at_the_byte() -> None:
    assert refusal(b"a: 1\nb: caf\xe9\n") == (2, 7, "file is not valid UTF-8 (byte 0xe9)")


def test_byte_order_mark_is_refused() -> None:
    assert refusal(b"\xef\xbb\xbfa: 1\n") == (1, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM")


def test_oversized_text_is_refused() -> None:
    assert refusal("a: " + "x" * MAX_BYTES) == (1, 1, f"file is {MAX_BYTES + 3:,} bytes; the limit is {MAX_BYTES:,} bytes")


def test_alias_bomb_is_refused_before_expanding() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    assert refusal(bomb)[2] == "anchor '&a' is not allowed; write values out in full"


def _layout(root: Path, files: dict[str, bytes | str]) -> None:
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body if isinstance(body, bytes) else body.encode())


def test_discovery_reports_stray_files_and_folders(tmp_path: Path) -> None:
    _layout(tmp_path, {
        "content/faqs/ok.yaml": "id: ok\n",
        "content/faqs/wrong.yml": "id: wrong\n",
        "content/faqs/notes.txt": "hello",
        "content/faqs/README.md": "editors' notes are allowed",
        "content/faqs/.hidden.yaml": "skipped",
        "content/faqs/nested/deeper.yaml": "id: deeper\n",
        "content/playbook/x.yaml": "id: x\n",
        "content/stray.yaml": "id: stray\n",
    })  # fmt: skip
    problems = Problems()
    documents = load_content(tmp_path, "content", problems)
    assert [(d.path, d.kind) for d in documents] == [("content/faqs/ok.yaml", "faq")]
    assert [str(p) for p in problems.sorted()] == [
        "content/faqs/nested:1:1: error: folders inside content/faqs/ are not read; keep one record per file in content/faqs/",
        "content/faqs/notes.txt:1:1: error: not a content file: only .yaml records belong in content/faqs/",
        "content/faqs/wrong.yml:1:1: error: not a content file: rename it to .yaml",
        "content/playbook:1:1: error: unknown content folder 'playbook' (did you mean 'playbooks'?)",
        ("content/stray.yaml:1:1: error: only folders of records belong directly under content/: allowed-figures, checklists, claims, "
        "controls, faqs, guides, link-exceptions, myths, platforms, playbooks, risks, search-terms, sources, triage"),
    ]


def test_symlink_leaving_content_is_refused(tmp_path: Path) -> None:
    _layout(tmp_path, {"secret.yaml": "id: secret\n", "content/faqs/ok.yaml": "id: ok\n"})
    (tmp_path / "content/faqs/secret.yaml").symlink_to(tmp_path / "secret.yaml")
    problems = Problems()
    load_content(tmp_path, "content", problems)
    assert [str(p) for p in problems] == [
        "content/faqs/secret.yaml:1:1: error: symbolic link points outside content/; content must live in the repository"
    ]


def test_missing_content_folder(tmp_path: Path) -> None:
    problems = Problems()
    assert load_content(tmp_path, "content", problems) == []
    assert [str(p) for p in problems] == ["content:1:1: error: content folder not found"]


# --- Every mistake is a positioned refusal, never a traceback, and positions are an editor's ---------------------------


def _would(written: str, reading: str) -> str:
    return f"'{written}' would be read as {reading}; quote it ('{written}') if it is text, or write the number in plain decimal digits"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a: 1:20\n", (1, 4, _would("1:20", "the number 80 (base 60)"))),
        ("a: 017\n", (1, 4, _would("017", "the number 15 (octal)"))),
        ("a: 0x1F\n", (1, 4, _would("0x1F", "the number 31 (hexadecimal)"))),
        ("a: 0b101\n", (1, 4, _would("0b101", "the number 5 (binary)"))),
        ("a: 1_000\n", (1, 4, _would("1_000", "the number 1000 (digits grouped with '_')"))),
        ("a: +5\n", (1, 4, _would("+5", "the number 5 (with a '+' sign)"))),
        ("a: .inf\n", (1, 4, _would(".inf", "infinity"))),
        ("a: -.Inf\n", (1, 4, _would("-.Inf", "minus infinity"))),
        ("a: .NaN\n", (1, 4, _would(".NaN", "'not a number'"))),
        ("a: 1.5e+3\n", (1, 4, _would("1.5e+3", "the number 1500.0"))),
        ("a: 190:20:30.5\n", (1, 4, _would("190:20:30.5", "the number 685230.5 (base 60)"))),
        ("a: 0x_\n", (1, 4, _would("0x_", "a malformed number (hexadecimal)"))),  # PyYAML's own conversion raised ValueError
        ("a:\n  - 12\n  - " + "9" * 5000 + "\n", (3, 5, "number of 5,000 digits is too long (at most 15); quote it if it is text")),
        ("a: 1234567890123456\n", (1, 4, "number of 16 digits is too long (at most 15); quote it if it is text")),
    ],
)
def test_numbers_yaml11_would_convert_are_refused_where_written(source: str, expected: tuple[int, int, str]) -> None:
    assert refusal(source) == expected


def test_plain_numbers_and_text_that_only_looks_numeric_load_as_written() -> None:
    data = load("a: 12\nb: -3\nc: 0\nd: 2.5\ne: 123456789012345\nf: '017'\ng: \"1:20\"\nh: 08\ni: 1e5\nj: 10.0.1\n").data
    assert data == {"a": 12, "b": -3, "c": 0, "d": 2.5, "e": 123456789012345, "f": "017", "g": "1:20", "h": "08", "i": "1e5", "j": "10.0.1"}


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\u2028", "line separator"), ("\u2029", "paragraph separator"), ("\x85", "next line (NEL)"),
        ("\u200b", "zero-width space"), ("\u200c", "zero-width non-joiner"), ("\u200d", "zero-width joiner"),
        ("\u200e", "left-to-right mark"), ("\u2060", "word joiner"), ("\ufeff", "zero-width no-break space"),
        ("\U000e0041", "tag latin capital letter A"), ("\U000e007f", "cancel tag"), ("\u00ad", "soft hyphen"),
        ("\u2066", "left-to-right isolate"), ("\u3164", "Hangul filler"),
    ],
)
def test_invisible_characters_are_refused_at_their_own_line_and_column(character: str, name: str) -> None:
    # Line and column as an editor counts them: YAML would count U+2028, U+2029 and U+0085 as line breaks.
    source = f"a: b\r\nc: d\rquestion: 'How long{character}?'\nunknown: 1\n"
    assert refusal(source) == (3, 20, f"control or invisible formatting character U+{ord(character):04X} is not allowed"), name


def test_a_multi_line_field_name_is_refused() -> None:
    assert refusal('a: 1\n"b\\nc": 2\n') == (2, 1, "a field name must be one line of plain text")


def _where_in_before(document, path, offset: int) -> tuple[int, int]:
    """The mapping as it was written before it was made linear: the reference the new one must agree with."""
    line, column = document.where(path)
    value = document._value_at(path)
    lines = document.text.splitlines()
    wanted = sum(1 for char in value[:offset] if not char.isspace())
    row, col = line - 1, column - 1
    opener = lines[row][col : col + 1] if row < len(lines) else ""
    if opener in ("|", ">"):
        row, col = row + 1, 0
    elif opener in ("'", '"'):
        col += 1
    while row < len(lines):
        current = lines[row]
        while col < len(current):
            char = current[col]
            if not char.isspace():
                if wanted == 0:
                    return row + 1, col + 1
                wanted -= 1
                if (opener == "'" and current[col : col + 2] == "''") or (opener == '"' and char == "\\"):
                    col += 1
            col += 1
        row, col = row + 1, 0
    return line, column


@pytest.mark.parametrize(
    "source",
    [
        "id: x\nanswer: Wait {claim:a} then\n  {claim:b} and more words\n  on {claim:c}.\n",
        "id: x\nanswer: |\n  First {claim:a}\n\n  Second   {claim:b} end\n",
        "id: x\r\nanswer: >-\r\n  Folded {claim:a}\r\n  text {claim:b}\r\n",
        "id: x\nanswer: 'It''s {claim:a} and it''s {claim:b}'\n",
        'id: x\nanswer: "Say \\"{claim:a}\\" and \\u00e9 {claim:b}"\n',
        "id: x\nsteps:\n  - action: Do {claim:a}\n    detail: |\n      Then {claim:b}\n  - 'Go {claim:c}'\n",
    ],
)
def test_where_in_maps_every_offset_as_before(source: str) -> None:
    document = load(source)
    paths = [path for path, _ in document.positions.items() if isinstance(document._value_at(path), str)]
    for path in paths:
        value = document._value_at(path)
        for offset in range(len(value) + 2):
            assert document.where_in(path, offset) == _where_in_before(document, path, offset), (path, offset)


def test_where_in_is_linear_in_the_number_of_references() -> None:
    # Each call used to split the whole file into lines: 15,000 references in a 240 KB file took
    # 15,000 splits, and a text with 400 references scanned its value 400 times.
    items = 15_000
    document = load("id: x\nsymptoms:\n" + "  - '{claim:x}'\n" * items + "answer: |\n  " + " ".join(["{claim:x}"] * 400) + "\n")
    start = time.perf_counter()
    for index in range(items):
        assert document.where_in(("symptoms", index), 1) == (3 + index, 7)
    for offset in range(0, 4000, 10):
        document.where_in(("answer",), offset)
    assert time.perf_counter() - start < 1.5  # linear: about 0.1 s here; quadratic, it took over 15 s


def test_a_symlink_loop_is_refused_by_name(tmp_path: Path) -> None:
    _layout(tmp_path, {"content/faqs/ok.yaml": "id: ok\n"})
    (tmp_path / "content/faqs/loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "content/faqs/a.yaml").symlink_to("b.yaml")
    (tmp_path / "content/faqs/b.yaml").symlink_to("a.yaml")
    (tmp_path / "content/faqs/gone.yaml").symlink_to("missing.yaml")
    problems = Problems()
    documents = load_content(tmp_path, "content", problems)
    assert [d.path for d in documents] == ["content/faqs/ok.yaml"]
    loops = "error: symbolic link loops (it points to '{}', which leads back to itself); replace it with the file it should be"
    assert [str(p) for p in problems.sorted()] == [
        "content/faqs/a.yaml:1:1: " + loops.format("b.yaml"),
        "content/faqs/b.yaml:1:1: " + loops.format("a.yaml"),
        ("content/faqs/gone.yaml:1:1: error: symbolic link points to 'missing.yaml', which does not exist; "
         "replace it with the file it should be"),
        "content/faqs/loop.yaml:1:1: " + loops.format("loop.yaml"),
    ]


# --- A YAML syntax mistake is told as the edit that fixes it, at PyYAML's own position --------------------------------

SYNTAX = "YAML syntax error: "
COLON_IN_TEXT = SYNTAX + "a colon followed by a space inside a text starts a new field in YAML; put the whole text in quotes: "

SYNTAX_MISTAKES = [
    # ': ' inside a text, on a field's line or a list item's
    pytest.param("answer: Note: do this\n", (1, 13, COLON_IN_TEXT + 'answer: "Note: do this"'), id="colon-in-text"),
    pytest.param("steps:\n  - action: Tip: wait\n", (2, 16, COLON_IN_TEXT + '- action: "Tip: wait"'), id="colon-in-a-field-of-a-list-item"),
    pytest.param("symptoms:\n  - Note: a: b\n", (2, 12, COLON_IN_TEXT + '- "Note: a: b"'), id="colon-in-a-text-list-item"),
    pytest.param('answer: "Note": do this\n', (1, 15, COLON_IN_TEXT + "answer: '\"Note\": do this'"), id="colon-after-quotes"),
    pytest.param("answer: " + "word " * 30 + ": x\n", (1, 159, COLON_IN_TEXT + 'answer: "' + "word " * 14 + 'w…"'), id="long-text-is-cut"),
    # a field indented more than the one above it: YAML reads it as more of that field's text
    pytest.param("question: Q?\n  answer: A\n", (2, 9, SYNTAX + (
        "line 2 is indented 2 spaces, more than the field 'question' above it (line 1, 0 spaces), so YAML reads 'answer:' as "
        "more of the text of 'question', where ': ' is not allowed; if 'answer' is a field of its own, indent it like 'question' "
        "(0 spaces), otherwise put the whole text of 'question' in quotes")), id="field-indented-under-another"),
    pytest.param("steps:\n  - action: a\n     detail: b\n", (3, 12, SYNTAX + (
        "line 3 is indented 5 spaces, more than the field 'action' above it (line 2, 4 spaces), so YAML reads 'detail:' as "
        "more of the text of 'action', where ': ' is not allowed; if 'detail' is a field of its own, indent it like 'action' "
        "(4 spaces), otherwise put the whole text of 'action' in quotes")), id="field-of-a-list-item-indented-too-far"),
    pytest.param("symptoms:\n  - First\n    Note: x\n", (3, 9, SYNTAX + (
        "line 3 is indented 4 spaces, more than the list item above it (line 2, '-' at 2 spaces), so YAML reads 'Note:' as "
        "more of that item's text, where ': ' is not allowed; if 'Note' is a field of that item, start the item with a field "
        "too ('- name: value'), otherwise put the item's whole text in quotes")), id="field-under-a-text-list-item"),
    pytest.param("id:how-long\nquestion: Q?\n", (2, 9, SYNTAX + ("lines 1 and 2 are read as one text: line 1 needs a space after "
                 "the colon: id: how-long")), id="no-space-after-the-colon-above"),
    pytest.param("question How long?\nanswer: A\n", (2, 7, SYNTAX + (
        "lines 1 and 2 are read as one text: line 1 ('question How long?') has no ':' after a field name; write a field as "
        "'name: value' (here 'question: How long?')")), id="no-colon-above"),
    # a line that lines up with nothing above it
    pytest.param("steps:\n  - action: a\n   detail: b\n", (3, 4, SYNTAX + (
        "line 3 is indented 3 spaces, but the fields above it are indented 4 ('action', line 2) or 0 ('steps', line 1); "
        "indent 'detail' exactly like the field it belongs beside")), id="field-indented-less-than-its-siblings"),
    pytest.param("meta:\n    a: 1\n  b: 2\n", (3, 3, SYNTAX + (
        "line 3 is indented 2 spaces, but the fields above it are indented 4 ('a', line 2) or 0 ('meta', line 1); "
        "indent 'b' exactly like the field it belongs beside")), id="field-between-two-levels"),
    pytest.param(" id: x\nquestion: Q\n", (2, 1, SYNTAX + (
        "line 2 is indented 0 spaces, but the field above it, 'id' (line 1), is indented 1 space; "
        "indent 'question' exactly like the field it belongs beside")), id="first-field-indented"),
    pytest.param("playbooks:\n  - a\n - b\n", (3, 2, SYNTAX + (
        "line 3 is indented 1 space, but the list item above it (line 2) is indented 2 spaces; "
        "start every '-' of one list in the same column")), id="list-item-out-of-line"),
    pytest.param("question: Q\n- a\n", (2, 1, SYNTAX + (
        "line 2 starts a list item, but the field 'question' above it (line 1) already has a value after its ':'; for a list, "
        "leave 'question:' alone on its line and write every item on a line of its own below it, indented more than the "
        "field, as '- a'")), id="list-item-after-a-text"),
    pytest.param("playbooks: - a\n", (1, 12, SYNTAX + (
        "a list cannot start on the line of its field: leave 'playbooks:' alone on its line and write each item on a line of "
        "its own below it, indented more than the field, as '- a'; if it is a text starting with '-', put it in quotes: "
        'playbooks: "- a"')), id="list-on-the-field-line"),
    pytest.param("answer: |\n  line one\n line two\nquestion: q\n", (3, 2, SYNTAX + (
        "line 3 is indented 1 space, less than the first line of the text under 'answer: |' (line 2, 2 spaces); "
        "indent every line of that text at least as much as its first line")), id="block-text-line-indented-less"),
    pytest.param("answer: |\nline one\n", (3, 1, SYNTAX + (
        "the text under 'answer: |' (line 1) must be indented: start each of its lines with at least 2 spaces")),
        id="block-text-not-indented"),
    pytest.param("id: x\n: a\n", (2, 1, SYNTAX + "line 2 starts with ':'; write the field's name before it, as 'name: value'"),
                 id="colon-first"),
    pytest.param("id: x\n] b: 1\n", (2, 1, SYNTAX + (
        "line 2 starts with ']', which YAML does not allow there; remove it, or put a text starting with it in quotes")),
        id="stray-bracket"),
    # a field without its colon, or a text line taken for a field
    pytest.param("id: x\nquestion How long?\nanswer: A\n", (3, 1, SYNTAX + (
        "line 2 ('question How long?') has no ':' after a field name; write a field as 'name: value' (here 'question: How long?'), "
        "or, if the line continues the text above it, indent it more than 'id' (line 1)")), id="missing-colon"),
    pytest.param("id: x\nquestion:How long?\nanswer: A\n", (3, 1, SYNTAX + "line 2 needs a space after the colon: question: How long?"),
                 id="missing-space-after-colon"),
    pytest.param("answer: First line\nsecond line\nquestion: q\n", (3, 1, SYNTAX + (
        "line 2 ('second line') has no ':' after a field name; write a field as 'name: value' (here 'second: line'), or, if the "
        "line continues the text above it, indent it more than 'answer' (line 1)")), id="text-continued-without-indentation"),
    # quotes
    pytest.param('answer: "Note: do this\nquestion: q\n', (3, 1, SYNTAX + (
        'the quote (") opened at line 1 column 9 is never closed; end the text with a closing ", and write a " inside it as \\"')),
        id="double-quote-never-closed"),
    pytest.param("id: x\nanswer: 'Note\n", (3, 1, SYNTAX + (
        "the quote (') opened at line 2 column 9 is never closed; end the text with a closing ', and write an apostrophe inside "
        "it as ''")), id="single-quote-never-closed"),
    pytest.param("answer: 'It's fine'\n", (1, 13, SYNTAX + (
        "the text in quotes that starts at column 9 ends at the next ' (column 12), so the rest of the line is left over; "
        "put the whole text in quotes once: answer: \"It's fine\"")), id="apostrophe-in-single-quotes"),
    pytest.param("answer: 'It's fine\n", (1, 13, SYNTAX + (
        "the text in quotes that starts at column 9 ends at the next ' (column 12), so the rest of the line is left over; "
        "put the whole text in quotes once: answer: \"It's fine\"")), id="apostrophe-in-a-quote-never-closed"),
    pytest.param('answer: "Yes" she said\n', (1, 15, SYNTAX + (
        'the text in quotes that starts at column 9 ends at the next " (column 13), so the rest of the line is left over; '
        "put the whole text in quotes once: answer: '\"Yes\" she said'")), id="quoted-word-then-more"),
    pytest.param('answer: "a\n  b\nquestion: "q"\n', (3, 12, SYNTAX + (
        'the quote (") opened at line 1 column 9 is not closed on its line, so the text runs on to the " at line 3 column 11; '
        "close the quote where the text ends")), id="quote-closed-lines-later"),
    pytest.param('answer: "Can\\\'t"\n', (1, 14, SYNTAX + (
        "an apostrophe needs no backslash inside double quotes; write ' instead of \\': answer: \"Can't\"")), id="escaped-apostrophe"),
    pytest.param('answer: "C:\\Users\\me"\n', (1, 14, SYNTAX + (
        "a backslash inside double quotes starts an escape such as \\n; write a backslash as \\\\, or put the text in single "
        "quotes: answer: 'C:\\Users\\me'")), id="backslash-in-double-quotes"),
    # a text starting with a character YAML keeps for itself
    pytest.param("title: [Draft] My page\n", (1, 16, SYNTAX + (
        "a text starting with '[' is read as a list in YAML, which ends at the ']' and leaves the rest of the line over; "
        'put the whole text in quotes: title: "[Draft] My page"')), id="text-starting-with-bracket"),
    pytest.param("title: {Draft} My page\n", (1, 16, SYNTAX + (
        "a text starting with '{' is read as a mapping in YAML, which ends at the '}' and leaves the rest of the line over; "
        'put the whole text in quotes: title: "{Draft} My page"')), id="text-starting-with-brace"),
    pytest.param("title: [Draft My page\nanswer: a\n", (2, 7, SYNTAX + (
        "the '[' at line 1 column 8 starts a list, which must end with ']' (its items separated by ', '); a text that starts "
        'with \'[\' must be in quotes: title: "[Draft My page"')), id="bracket-never-closed"),
    pytest.param("answer: *Important* do this\n", (1, 19, SYNTAX + (
        "a text starting with '*' is read as a reference to another value (an alias) in YAML; put the whole text in quotes: "
        'answer: "*Important* do this"')), id="text-starting-with-star"),
    pytest.param("question: &nbsp;How long?\n", (1, 16, SYNTAX + (
        "a text starting with '&' is read as a name for reuse (an anchor) in YAML; put the whole text in quotes: "
        'question: "&nbsp;How long?"')), id="text-starting-with-ampersand"),
    pytest.param("answer: !Important! wait\n", (1, 20, SYNTAX + (
        "a text starting with '!' is read as a type tag in YAML; put the whole text in quotes: answer: \"!Important! wait\"")),
        id="text-starting-with-exclamation-mark"),
    pytest.param("answer: %50 off\n", (1, 9, SYNTAX + ("a text starting with '%' is not allowed in YAML; put the whole text in quotes: "
                 'answer: "%50 off"')), id="text-starting-with-percent"),
    pytest.param("answer: @okx support\n", (1, 9, SYNTAX + ("a text starting with '@' is not allowed in YAML; put the whole text in "
                 'quotes: answer: "@okx support"')), id="text-starting-with-at"),
    pytest.param("answer: `code` here\n", (1, 9, SYNTAX + ("a text starting with '`' is not allowed in YAML; put the whole text in "
                 'quotes: answer: "`code` here"')), id="text-starting-with-backquote"),
    pytest.param("answer: ? what\n", (1, 9, SYNTAX + ("a text starting with '?' is read as a complex field name in YAML; put the "
                 'whole text in quotes: answer: "? what"')), id="text-starting-with-question-mark"),
    pytest.param("answer: , what\n", (1, 9, SYNTAX + ("a text starting with ',' is not allowed in YAML; put the whole text in "
                 'quotes: answer: ", what"')), id="text-starting-with-comma"),
    pytest.param("answer: | Some text\n", (1, 11, SYNTAX + (
        "'|' starts a text on the lines below it, so nothing but a comment may follow it on its line; move 'Some text' to the "
        'next line, indented more than the field, or put the whole text in quotes: answer: "| Some text"')),
        id="text-on-the-line-of-a-block-indicator"),
    pytest.param("answer: >-Some text\n", (1, 11, SYNTAX + (
        "'>' starts a text on the lines below it, so nothing but a comment may follow it on its line; move 'Some text' to the "
        'next line, indented more than the field, or put the whole text in quotes: answer: ">-Some text"')),
        id="text-after-a-folded-indicator"),
    # tabs
    pytest.param("steps:\n  -\taction: a\n", (2, 4, "tab character: YAML indentation must use spaces; replace the tab with spaces"),
                 id="tab-after-a-dash"),
]


@pytest.mark.parametrize(("source", "expected"), SYNTAX_MISTAKES)
def test_syntax_mistakes_say_what_yaml_read_and_what_to_change(source: str, expected: tuple[int, int, str]) -> None:
    line, column, message = refusal(source)
    assert (line, column, message) == expected
    # PyYAML's own wording ("mapping values are not allowed here", "expected <block end>") is left out once explained
    assert not re.search(r"not allowed here|<block|<scalar>|could not find|while (scanning|parsing)|expected ',' or", message)


@pytest.mark.parametrize(("source", "expected"), SYNTAX_MISTAKES)
def test_syntax_mistakes_keep_pyyamls_position(source: str, expected: tuple[int, int, str]) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as info:
        parser = loader._PyParser(source)
        while parser.get_event():
            pass
    mark = info.value.problem_mark or info.value.context_mark
    assert mark is not None
    assert expected[:2] == (mark.line + 1, mark.column + 1)


def test_every_row_of_the_syntax_table_explains_a_mistake(monkeypatch: pytest.MonkeyPatch) -> None:
    explained: set[int] = set()

    def recording(index: int, row: yaml_hints._SyntaxHint) -> yaml_hints._SyntaxHint:
        def explain(mistake: yaml_hints._Mistake) -> str | None:
            message = row.explain(mistake)
            if message:
                explained.add(index)
            return message

        return dataclasses.replace(row, explain=explain)

    monkeypatch.setattr(yaml_hints, "_SYNTAX_HINTS", tuple(recording(index, row) for index, row in enumerate(yaml_hints._SYNTAX_HINTS)))
    for mistake in SYNTAX_MISTAKES:
        refusal(mistake.values[0])
    assert explained == set(range(len(yaml_hints._SYNTAX_HINTS)))


def test_a_syntax_mistake_no_row_explains_keeps_pyyamls_words_with_a_general_hint() -> None:
    # The indentation row matches PyYAML's words here, but 'b' lines up with 'id': it leaves the error to the general hint
    # rather than explain a mistake that is not there.
    assert refusal("id: x\n...\nb: 1\n") == (3, 1, (
        "YAML syntax error: expected '<document start>', but found '<block mapping start>'; "
        "check the indentation and put texts holding ': ' or starting with [ { * & ! in quotes"))  # fmt: skip
