"""generator/search.py: which pages search weighs, the readers' words of content/search-terms/ put
where search reads them and results never show, snippets of a sentence, and our search worker."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO

from generator.search import (
    SEARCH_WORKER,
    Synonyms,
    Term,
    enrich_index,
    material_meta,
    material_worker,
    search_worker_script,
    sentences,
    use_search_worker,
    weight,
)


def test_situations_weigh_most_and_the_evidence_is_not_searched() -> None:
    assert weight("playbooks/account-takeover.md", "Situations") > weight("okx.md", "Platforms") > weight("faq.md", "FAQ") == 1.0  # type: ignore[operator]
    assert weight("playbooks/index.md", "Situations") == 1.0
    assert weight("sources.md", "Sources") is None and weight("checklists/prevention-pack.md", "Checklists") is None
    assert material_meta("sources.md", "Sources") == {"exclude": True}
    assert material_meta("playbooks/x.md", "Situations") == {"boost": 3.0} and material_meta("faq.md", "FAQ") == {}


def test_readers_words_find_the_text_that_uses_the_sites_words() -> None:
    synonyms = Synonyms([Term(("withdrawl",), ("withdraw",)), Term(("seed",), ("recovery phrase",)), Term(("cant",), ("can't",))])
    assert synonyms.typed_for("My withdrawal is stuck") == {"withdrawl"}  # a word of `means` matches the words it begins
    assert synonyms.typed_for("Someone saw your recovery phrase.") == {"seed"}
    assert synonyms.typed_for("Recovery of the phrase") == set()  # a phrase is its words in order
    assert synonyms.typed_for("I can’t log in") == {"cant"}  # curly apostrophes too
    assert synonyms.typed_for("The seed and the recovery phrase") == set()  # the text has the reader's word itself
    assert synonyms.typed_for("") == set()


def test_sentences_make_a_result_show_the_sentence_that_matched() -> None:
    text = "<ol><li>Freeze it<p>Open the app. Choose Freeze.</p></li></ol> <p>Then wait: 24 hours.</p>"
    assert sentences(text) == "<p>Freeze it</p><p>Open the app.</p><p>Choose Freeze.</p><p>Then wait: 24 hours.</p>"


def test_the_index_gains_hidden_fields_for_the_readers_words() -> None:
    index = {
        "config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
                   "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}},
        "docs": [
            {"location": "playbooks/restricted/", "title": "My exchange froze my account", "text": "<p>Urgency: medium.</p>"},
            {"location": "playbooks/restricted/#do-now", "title": "Do this now",
             "text": "<ul><li>Read the notice. It is restricted.</li></ul>"},
            {"location": "faq/", "title": "Questions", "text": ""},
        ],
    }  # fmt: skip
    terms = [Term(("frozed",), ("froze", "restricted"), ("playbooks/restricted/",)), Term(("acount",), ("account",))]
    page, steps, faq = enrich_index(index, terms)["docs"]
    fields = index["config"]["fields"]
    assert fields["title_synonyms"] == {"boost": 1000.0} and fields["text_synonyms"] == {"boost": 1.0}
    assert fields["situation_terms"]["boost"] >= 1000
    assert page["title_synonyms"] == "acount frozed" and page["situation_terms"] == "frozed"
    assert steps["text_synonyms"] == "frozed" and "situation_terms" not in steps  # the page's own entry only
    assert steps["text"] == "<p>Read the notice.</p><p>It is restricted.</p>"
    assert set(faq) == {"location", "title", "text"}


def test_pages_start_our_worker_which_loads_materials() -> None:
    page = '<script id="__config" type="application/json">{"search": "../assets/javascripts/workers/search.a7633da7.min.js"}</script>'
    assert use_search_worker(page) == page.replace("search.a7633da7.min.js", Path(SEARCH_WORKER).name)
    source = (REPO / "generator/assets/javascripts/search-worker.js").read_text(encoding="utf-8")
    script = search_worker_script(source)
    assert "__MATERIAL_SEARCH_WORKER__" not in script and json.dumps(material_worker()) in script


def test_the_chunked_index_is_written_where_an_event_loop_runs(tmp_path: Path) -> None:
    """A build inside a running event loop (Playwright's sync API in the same test process did it)
    still writes Pagefind's index: with Pagefind's asynchronous Python client, asyncio.run refused with 'cannot be
    called from a running event loop'. Pagefind now runs as a command; this keeps a return to the client honest."""
    import asyncio
    import threading

    from generator.search import PAGEFIND_FOLDER, PagefindPage, write_pagefind

    page = PagefindPage("faq/", '<html lang="en"><body><main><h1>Questions</h1><p>How long does it take?</p></main></body></html>')

    async def build_inside_a_loop() -> None:
        write_pagefind(str(tmp_path), [page])

    # In a thread of its own: this test process may already run a loop (Playwright's, after the browser tests).
    thread = threading.Thread(target=asyncio.run, args=(build_inside_a_loop(),))
    thread.start()
    thread.join()
    assert (tmp_path / PAGEFIND_FOLDER / "pagefind-entry.json").is_file()


def _pagefind_standin(folder: Path, command: str) -> Path:
    """An executable for ``PAGEFIND_BINARY_PATH`` that runs ``command`` with Pagefind's arguments."""
    standin = folder / "pagefind-standin"
    standin.write_text(f'#!/bin/sh\n{command} "$@"\n', encoding="utf-8")
    standin.chmod(0o755)
    return standin


def test_the_index_is_written_by_one_run_of_pagefind_whatever_the_number_of_records(tmp_path: Path, monkeypatch) -> None:
    """Pagefind's Python client sleeps 0.1 s before it reads each answer of its service: one request per
    record made a build of 1,000 playbooks wait over three minutes. The records are indexed as one folder,
    by one run of Pagefind's binary."""
    import gzip
    import shlex

    from pagefind_bin import get_executable

    from generator.search import PAGEFIND_FOLDER, PagefindPage, write_pagefind

    runs = tmp_path / "runs.log"
    real = shlex.quote(str(get_executable()))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_pagefind_standin(tmp_path, f'echo "$*" >> {shlex.quote(str(runs))}; exec {real}')))
    page = ('<html lang="en"><body><h1 data-pagefind-meta="title">Page {0}</h1>'
            '<h2 id="q-{0}">Question {0}</h2><p>Answer {0}</p></body></html>')
    records = [PagefindPage(f"playbooks/p{n}/", page.format(n)) for n in range(40)]
    records += [PagefindPage("faq/", page.format("faq")), PagefindPage("faq/#q-1", page.format(1)), PagefindPage("", page.format("start"))]
    write_pagefind(str(tmp_path / "site"), records)
    assert len(runs.read_text(encoding="utf-8").splitlines()) == 1
    fragments = [gzip.decompress(path.read_bytes()) for path in (tmp_path / "site" / PAGEFIND_FOLDER / "fragment").iterdir()]
    urls = sorted(json.loads(data[len(b"pagefind_dcd"):])["url"].split("#")[0] for data in fragments)
    assert urls == sorted(["/", "/faq/", "/faq/"] + [f"/playbooks/p{n}/" for n in range(40)])


FAKE_PAGEFIND = REPO / "tests" / "fakes" / "pagefind.py"
QUESTIONS = '<html lang="en"><body><main><h1>Questions</h1><p>How long does it take?</p></main></body></html>'


def test_the_index_is_whole_when_pagefind_writes_after_it_answers(tmp_path: Path, monkeypatch) -> None:
    """A fresh-clone CI run: search answered nothing ("module.options is not a function") because the
    site's pagefind.js was empty. Pagefind answers before its writes reach the disk, and its Python
    client stopped the service right after the answer. The stand-in writes half a second late."""
    import shlex
    import sys

    from generator.search import PAGEFIND_FOLDER, PagefindPage, write_pagefind

    command = f"exec {shlex.quote(sys.executable)} {shlex.quote(str(FAKE_PAGEFIND))}"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_pagefind_standin(tmp_path, command)))
    write_pagefind(str(tmp_path / "site"), [PagefindPage("faq/", QUESTIONS)])
    assert "export const options" in (tmp_path / "site" / PAGEFIND_FOLDER / "pagefind.js").read_text(encoding="utf-8")


def test_a_pagefind_that_fails_or_writes_nothing_fails_the_build_with_its_reason(tmp_path: Path, monkeypatch) -> None:
    """Neither a failed run nor a missing index may publish a site whose search answers nothing."""
    import pytest

    from generator.search import PagefindPage, write_pagefind

    records = [PagefindPage("faq/", QUESTIONS)]
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_pagefind_standin(tmp_path, "echo 'Error: no space left' >&2; exit 3 #")))
    with pytest.raises(RuntimeError, match=r"Pagefind failed \(exit code 3\) indexing the search records: Error: no space left"):
        write_pagefind(str(tmp_path / "site"), records)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_pagefind_standin(tmp_path, "true")))
    with pytest.raises(RuntimeError, match="Pagefind left no usable index"):
        write_pagefind(str(tmp_path / "site"), records)
