"""The strict YAML loader: positions for every value, and a clear refusal of everything unsafe."""

from __future__ import annotations

from pathlib import Path

import pytest

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
        ("a: 1\na: 2\n", (2, 1, "duplicate field 'a' (first at line 1)")),
        ("", (1, 1, "file is empty; it must hold one mapping of fields")),
        ("a: 1\n---\nb: 2\n", (2, 1, "file holds more than one YAML document; keep one record per file")),
        ("a:\n\t- b\n", (2, 1, "tab character: YAML indentation must use spaces")),
        ("a: !!python/object:os.system x\n", (1, 4, "tag '!!python/object:os.system' is not allowed; content is plain data")),
        ("a: !custom x\n", (1, 4, "tag '!custom' is not allowed; content is plain data")),
        ("<<: {a: 1}\n", (1, 1, "merge key '<<' is not allowed; write the fields out")),
        ("? [a]\n: 1\n", (1, 3, "a field name must be plain text")),
        ("a: [\n", (2, 1, "YAML syntax error: expected the node content, but found '<stream end>' while parsing a flow node")),
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
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
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
        "content/stray.yaml:1:1: error: only folders of records belong directly under content/: allowed-figures, checklists, claims, controls, faqs, guides, link-exceptions, myths, platforms, playbooks, risks, sources, triage",
    ]


def test_symlink_leaving_content_is_refused(tmp_path: Path) -> None:
    _layout(tmp_path, {"secret.yaml": "id: secret\n", "content/faqs/ok.yaml": "id: ok\n"})
    (tmp_path / "content/faqs/secret.yaml").symlink_to(tmp_path / "secret.yaml")
    problems = Problems()
    load_content(tmp_path, "content", problems)
    assert [str(p) for p in problems] == ["content/faqs/secret.yaml:1:1: error: symbolic link points outside content/; content must live in the repository"]


def test_missing_content_folder(tmp_path: Path) -> None:
    problems = Problems()
    assert load_content(tmp_path, "content", problems) == []
    assert [str(p) for p in problems] == ["content:1:1: error: content folder not found"]
