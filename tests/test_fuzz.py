"""Property-based fuzzing: whatever a contributor writes, the loader and checks report problems
instead of raising, and the renderer never turns text into markup the templates did not write.

Example counts are bounded so the suite stays fast; raise FUZZ_EXAMPLES for a longer hunt.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import markdown
from conftest import MINI
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.checks import run_checks
from generator.kinds import KIND_BY_FOLDER
from generator.loader import LoadError, load_text
from generator.model import build_content
from generator.pipeline import generate
from generator.problems import Problems
from generator.render import render_pages
from generator.schema import validate_documents
from generator.text import REFERENCE, Origin, parse_text

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CORPUS = {path.relative_to(MINI).as_posix(): path.read_bytes() for path in sorted((MINI / "content").rglob("*.yaml"))}
YAML_BYTES = list(b":-[]{}&*!|>'\"#%@`,?\n\t ") + [0xFF, 0xEF, 0x00, 0xC3]


def _load(path: str, raw: bytes):
    try:
        document = load_text(path, raw)
    except LoadError:
        return None
    document.kind = KIND_BY_FOLDER[PurePosixPath(path).parts[1]].name
    return document


@st.composite
def mutated_corpus(draw) -> dict[str, bytes]:
    """The mini corpus with one file mutated: bytes inserted, deleted or replaced where YAML cares."""
    files = dict(CORPUS)
    path = draw(st.sampled_from(sorted(files)))
    data = bytearray(files[path])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        byte = draw(st.sampled_from(YAML_BYTES) | st.integers(0, 255))
        if action == "insert":
            data.insert(at, byte)
        elif data and at < len(data):
            if action == "delete":
                del data[at]
            else:
                data[at] = byte
    files[path] = bytes(data)
    return files


@FUZZ
@given(st.binary(max_size=3000))
def test_the_loader_never_raises_anything_but_a_load_error(raw: bytes) -> None:
    try:
        document = load_text("content/faqs/x.yaml", raw)
    except LoadError as error:
        assert error.line >= 1 and error.column >= 1 and error.message
    else:
        assert document.path == "content/faqs/x.yaml"


@FUZZ
@given(mutated_corpus())
def test_validation_model_and_checks_report_instead_of_raising(files: dict[str, bytes]) -> None:
    problems = Problems()
    documents = [document for path, raw in files.items() if (document := _load(path, raw)) is not None]
    valid = validate_documents(documents, problems)
    content = build_content(valid, problems)
    run_checks(content, problems, complete=len(valid) == len(files))
    crashed = [str(problem) for problem in problems if "crashed" in problem.message]
    assert crashed == []
    for problem in problems:
        assert problem.line >= 0 and problem.column >= 0 and problem.message


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[tuple[str, tuple[str, ...]]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.add((tag, tuple(sorted(name for name, _ in attrs))))


def _faq_html(question: str, answer: str) -> set[tuple[str, tuple[str, ...]]]:
    """The elements of the FAQ page after Markdown, with one FAQ's question and answer replaced."""
    content = generate(MINI).content
    assert content is not None
    faq = content.faqs[0]
    faq.question, faq.answer = question, parse_text(answer, Origin("x", 1, 1), [])
    page = next(page for page in render_pages(content) if page.path == "faq.md")
    md = markdown.Markdown(extensions=["toc", "attr_list", "pymdownx.escapeall"], extension_configs={"toc": {"permalink": True}})
    html = md.convert(page.markdown)
    parser = _Elements()
    parser.feed(html)
    return parser.found


BASELINE = _faq_html("How long does it take?", "It lifts by itself.")
FRAGMENTS = ["<b>", "</b>", "<img src=x onerror=alert(document.cookie)>", "<script>alert(document.cookie)</script>",
             "<a href='javascript:x'>", "[x](javascript:x)", "[x]: javascript:x", "**", "_", "`", "&lt;", "&#60;", "<!--", "-->",
             "{: .cls }", "{ #id }", "\n\n# ", "\n- ", "\n1. ", "<div markdown=1>", "{{ config }}", "{% raw %}", "\\<"]  # fmt: skip
CHARACTERS = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp")) | st.sampled_from(list("<>&\"'`*_[]()!#{}|\\:=-\n")), max_size=40
)
PRINTABLE = st.lists(CHARACTERS | st.sampled_from(FRAGMENTS), max_size=8).map("".join)
"""Text of every kind, with the fragments an attacker would try (HTML, Markdown, template syntax) mixed in."""


@settings(FUZZ, max_examples=max(EXAMPLES // 3, 20))
@given(question=PRINTABLE.filter(lambda text: "\n" not in text and text.strip()), answer=PRINTABLE.filter(str.strip))
def test_rendered_text_never_becomes_markup(question: str, answer: str) -> None:
    assume(not REFERENCE.search(question) and not REFERENCE.search(answer))
    extra = _faq_html(question, answer) - BASELINE
    assert extra == set(), f"text became markup: {extra}"


def test_the_renderer_check_can_fail() -> None:
    """A template that printed text unescaped would be caught: markup in text adds elements."""
    html = markdown.Markdown(extensions=["pymdownx.escapeall"]).convert(
        '<div class="mfp-answer"><p>hi <img src=x onerror=alert(document.cookie)></p></div>'
    )
    parser = _Elements()
    parser.feed(html)
    assert ("img", ("onerror", "src")) in parser.found - BASELINE


def test_corpus_files_exist() -> None:
    assert len(CORPUS) >= 10 and all(Path(MINI, path).is_file() for path in CORPUS)
