"""The pipeline run again after an edit (the preview's): it re-parses only changed files and renders
again only the pages the edit can change, and what it gives is what a run from scratch gives."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CONTENT_DAY, REPO

from benchmarks.corpus import build_corpus
from generator.loader import ParsedFiles
from generator.pipeline import Generated, generate
from generator.review import ReviewPolicy

POLICY = ReviewPolicy(today=CONTENT_DAY)


def _generate(root: Path, parsed: ParsedFiles | None = None, earlier: Generated | None = None) -> Generated:
    generated = generate(root, "content", policy=POLICY, parsed=parsed, earlier=earlier)
    assert generated.ok, [str(problem) for problem in generated.problems.sorted()][:3]
    return generated


def _pages(generated: Generated) -> dict[str, tuple[str, str, str]]:
    return {page.path: (page.title, page.markdown, page.description) for page in generated.pages}


def _retitle(text: str) -> str:
    return re.sub(r"^title: ", "title: Quokka ", text, count=1, flags=re.MULTILINE)


def _new_step_words(text: str) -> str:
    return text.replace("  - action: ", "  - action: Narwhal first, ", 1)


def _link_another(text: str) -> str:
    """A reference to another situation in a text: that page's title now shows on this one."""
    return text.replace("symptoms:\n  - ", "symptoms:\n  - Like {playbook:locked-out}, ", 1)


def _unrelate(text: str) -> str:
    return re.sub(r"^related: \[[^\]]*\]\n", "related: []\n", text, count=1, flags=re.MULTILINE)


EDITS: dict[str, Callable[[str], str]] = {"title": _retitle, "step": _new_step_words, "link": _link_another, "unrelate": _unrelate}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(REPO / "content", root / "content")
    return root


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_rendered_again_gives_every_page_a_fresh_run_gives(shipped: Path, edit: str) -> None:
    """The shipped situations refer to each other, to platforms whose facts they show and to the start page's warning."""
    parsed: ParsedFiles = {}
    earlier = _generate(shipped, parsed)
    for playbook in ("address-poisoning", "account-takeover", "locked-out"):
        file = shipped / f"content/playbooks/{playbook}.yaml"
        original = file.read_text(encoding="utf-8")
        file.write_text(EDITS[edit](original), encoding="utf-8")
        try:
            again = _generate(shipped, parsed, earlier)
            assert _pages(again) == _pages(_generate(shipped)), f"{edit} of {playbook}"
        finally:
            file.write_text(original, encoding="utf-8")
        earlier = _generate(shipped, parsed, again)


def test_an_edit_to_one_situation_of_many_renders_few_pages_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = build_corpus(tmp_path / "corpus", 60)
    parsed: ParsedFiles = {}
    earlier = _generate(corpus.root, parsed)
    rendered: list[str] = []
    from generator import render

    real = render._ENV.get_template
    monkeypatch.setattr(render._ENV, "get_template", lambda name, *rest, **named: rendered.append(name) or real(name, *rest, **named))
    assert corpus.edited is not None
    corpus.edited.write_text(_new_step_words(corpus.edited.read_text(encoding="utf-8")), encoding="utf-8")
    again = _generate(corpus.root, parsed, earlier)
    assert rendered.count("playbook.md.j2") < 10, rendered
    monkeypatch.undo()
    assert _pages(again) == _pages(_generate(corpus.root))


def test_an_edit_outside_the_situations_renders_every_page_again(shipped: Path) -> None:
    parsed: ParsedFiles = {}
    earlier = _generate(shipped, parsed)
    claim = next((shipped / "content/claims").iterdir())
    original = claim.read_text(encoding="utf-8")
    claim.write_text(original.replace("statement: ", "statement: Quokka ", 1), encoding="utf-8")
    try:
        again = _generate(shipped, parsed, earlier)
        assert _pages(again) == _pages(_generate(shipped))
    finally:
        claim.write_text(original, encoding="utf-8")


def test_only_changed_files_are_parsed_again(shipped: Path) -> None:
    parsed: ParsedFiles = {}
    first = _generate(shipped, parsed)
    second = _generate(shipped, parsed)
    assert first.content is not None and second.content is not None
    assert all(a.document is b.document for a, b in zip(first.content.all_records, second.content.all_records, strict=True))
