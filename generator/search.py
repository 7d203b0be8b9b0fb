"""Search: what the site's search finds, and for which words, decided once here.

What is decided does not depend on the engine that runs the search:

* what is not searched: the evidence pages (:data:`UNINDEXED`: the sources page, the prevention pack,
  which repeats every checklist) and, inside pages, what only repeats other pages or is navigation
  (templates mark it with :data:`UNSEARCHED`: lists of related pages, jump links, the standing
  warning, the steps for each exchange other than the general ones, source markers);
* how much a page weighs (:data:`BOOSTS`): the situations first, then an exchange's own page;
* the search terms (``content/search-terms/``): words readers type that the pages do not use, and
  what they mean (the site's words, the situations that answer them).

The rest of this module is the adapter to the engine the site runs now, Material's lunr search: page
metadata (:func:`material_meta`) and the index as the search plugin wrote it, rewritten after the
build (:func:`enrich_index`): the search terms in fields search reads but results never show, and
the text cut into sentences, so a result shows the sentence that matched and not a whole list.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from markupsafe import Markup

UNSEARCHED = Markup(' data-search-exclude="true"')
"""The attribute that keeps an element (or, on a heading, its whole section) out of the search index.
Material's search plugin honours it and removes it from the published page."""

UNINDEXED = frozenset({"sources.md", "checklists/prevention-pack.md", "map.md"})
"""Pages search never shows: the evidence behind the figures (every page links its markers there),
the pack that repeats every prevention checklist and the map that repeats the start page's questions."""

BOOSTS = {"playbooks/": 3.0, "platforms": 1.5}
"""How much more a page weighs than an ordinary one: a situation (``playbooks/ID.md``), and an
exchange's own page."""

SYNONYM_FIELDS = {"title": "title_synonyms", "text": "text_synonyms"}
"""For each field of Material's index, the hidden field that holds the readers' words for what it says."""
SITUATION_FIELD = "situation_terms"
"""The hidden field that holds the readers' words a situation answers (a search term's ``situations``)."""
SITUATION_BOOST = 1000.0
"""As much as a word of the title: the situation a search term names comes first for its words."""


def weight(path: str, section: str) -> float | None:
    """A page's weight in search (1 is ordinary); ``None``: the page is not searched."""
    if path in UNINDEXED:
        return None
    if path.startswith("playbooks/") and path != "playbooks/index.md":
        return BOOSTS["playbooks/"]
    if section == "Platforms":
        return BOOSTS["platforms"]
    return 1.0


def material_meta(path: str, section: str) -> dict[str, Any]:
    """What Material's search plugin reads from a page's ``search`` metadata."""
    page_weight = weight(path, section)
    if page_weight is None:
        return {"exclude": True}
    return {"boost": page_weight} if page_weight != 1.0 else {}


@dataclass(frozen=True)
class Term:
    """Words readers type, the site's words they mean, and the pages that answer them."""

    typed: tuple[str, ...]
    means: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    """Addresses of the pages that answer the words, relative to the site's root (``playbooks/x/``)."""


_WORD = re.compile(r"[a-z0-9']+")


def words_of(text: str) -> list[str]:
    """The words of plain text as search compares them: lower case, curly apostrophes made straight."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


class Synonyms:
    """Which readers' words find a text: those of every term whose ``means`` the text uses."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = [term for term in terms if term.means]
        self._phrases = [
            (index, phrase.split(), phrase_pattern(phrase))
            for index, term in enumerate(self.terms) for phrase in term.means
        ]  # fmt: skip
        self._typed: dict[str, frozenset[str]] = {}

    def typed_for(self, text: str) -> set[str]:
        """The readers' words that should find ``text`` (plain text), leaving out the words it has itself."""
        typed = self._typed.get(text)
        if typed is None:
            typed = self._typed[text] = frozenset(self._find_typed(text))
        return set(typed)

    def _find_typed(self, text: str) -> set[str]:
        words = sorted(set(words_of(text)))
        if not words:
            return set()
        found: set[str] = set()
        lowered = text.lower().replace("\u2019", "'")
        for index, phrase, pattern in self._phrases:
            term = self.terms[index]
            if set(term.typed) <= found:
                continue
            if not all(_has_prefix(words, word) for word in phrase):  # fast: most phrases fail here
                continue
            if len(phrase) == 1 or pattern.search(lowered):
                found.update(term.typed)
        return {word for word in found if not _has_prefix(words, word)}


@functools.lru_cache(maxsize=4)
def synonyms_for(terms: tuple[Term, ...]) -> Synonyms:
    """One :class:`Synonyms` per set of terms, with what it found: the preview indexes mostly the same texts after each edit."""
    return Synonyms(terms)


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Each word of the phrase, in order, as the start of a word of the text (search matches prefixes)."""
    return re.compile(r"(?<![a-z0-9'])" + r"[a-z0-9']*[^a-z0-9']+".join(re.escape(word) for word in phrase.split()))


def _has_prefix(sorted_words: list[str], prefix: str) -> bool:
    """Whether a word of ``sorted_words`` begins with ``prefix``."""
    at = bisect_left(sorted_words, prefix)
    return at < len(sorted_words) and sorted_words[at].startswith(prefix)


# Material's lunr index -------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_BLOCK = re.compile(r"</?(?:p|li|ul|ol)>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def plain(fragment: str) -> str:
    """The text of an index field's HTML."""
    return html.unescape(_TAG.sub(" ", fragment))


def sentences(fragment: str) -> str:
    """An index text as one paragraph per sentence.

    Material's results show the blocks (top-level elements) that matched, two at most: a whole list
    of steps is one block and fills a phone's screen. Each sentence as its own block makes a result
    show the sentence that matched. Only the tags the search plugin keeps are read (``p``, lists,
    ``code``, ``pre``, ``sub``, ``sup``); the text stays escaped as the plugin wrote it."""
    blocks: list[str] = []
    for block in _BLOCK.split(fragment):
        block = " ".join(block.split())
        if block:
            blocks.extend(f"<p>{sentence}</p>" for sentence in _SENTENCE_END.split(block) if sentence.strip())
    return "".join(blocks)


def enrich_index(index: dict[str, Any], terms: Iterable[Term]) -> dict[str, Any]:
    """Material's ``search_index.json`` with the search terms and clean snippets (see the module's docstring).

    The readers' words go in fields results never show: ``title_synonyms`` weighs as the title
    and ``text_synonyms`` as the text, so a misspelling ranks as the word it stands for would; a
    situation a term names gets the term's words in ``situation_terms``, as heavy as its title, on the
    page's first entry (the page itself, not one of its sections)."""
    terms = tuple(terms)
    synonyms = synonyms_for(terms)
    situations: dict[str, set[str]] = {}
    for term in terms:
        for page in term.pages:
            situations.setdefault(page, set()).update(term.typed)
    fields = index["config"]["fields"]
    for field, hidden in SYNONYM_FIELDS.items():
        fields[hidden] = {"boost": float(fields.get(field, {}).get("boost", 1.0))}
    fields[SITUATION_FIELD] = {"boost": SITUATION_BOOST}
    for doc in index["docs"]:
        doc["text"] = sentences(doc.get("text", ""))
        for field, hidden in SYNONYM_FIELDS.items():
            typed = synonyms.typed_for(plain(doc.get(field, "")))
            if typed:
                doc[hidden] = " ".join(sorted(typed))
        if "#" not in doc["location"] and doc["location"] in situations:
            doc[SITUATION_FIELD] = " ".join(sorted(situations[doc["location"]]))
    return index


SEARCH_WORKER = "assets/javascripts/workers/search-worker.js"
"""Our search worker (``generator/assets/javascripts/search-worker.js``), beside Material's, which it loads."""
_MATERIAL_WORKER = re.compile(r"search\.[0-9a-f]+\.min\.js")


def material_worker() -> str:
    """The file name of the search worker of the installed Material theme (``search.<hash>.min.js``)."""
    folder = resources.files("material").joinpath("templates", "assets", "javascripts", "workers")
    names = sorted(path.name for path in folder.iterdir() if _MATERIAL_WORKER.fullmatch(path.name))
    if len(names) != 1:
        raise LookupError(f"expected one search worker in {folder}, found {names or 'none'}")
    return names[0]


def search_worker_script(source: str) -> str:
    """Our worker's code with the name of Material's worker it loads."""
    return source.replace("__MATERIAL_SEARCH_WORKER__", material_worker())


def use_search_worker(html: str) -> str:
    """A page whose configuration starts our search worker instead of Material's (the address in ``__config``)."""
    return re.sub(r'(workers/)search\.[0-9a-f]+\.min\.js(?=")', r"\1" + SEARCH_WORKER.rsplit("/", 1)[1], html, count=1)


def terms_of(records: Iterable[Any], page_address: Mapping[str, str]) -> list[Term]:
    """The search terms of ``content/search-terms/``, their situations as page addresses (``page_address``: by playbook id)."""
    return [
        Term(tuple(record.typed), tuple(record.means),
             tuple(page_address[ref.id] for ref in record.situations if ref.id in page_address))
        for record in records
    ]  # fmt: skip


# Pagefind: the published site's engine -----------------------------------------------------------

PAGEFIND_FOLDER = "pagefind"
"""Where the published site's chunked index goes (Pagefind's ``pagefind.js``, its WebAssembly and the chunks)."""
TERM_FIELDS = {"title_synonyms": "title_terms", "text_synonyms": "text_terms", SITUATION_FIELD: "situation_terms"}
"""Each hidden field of Material's index as a Pagefind metadata field: searched, never shown."""
HEADINGS_FIELD = "headings"
"""The Pagefind metadata field that holds a page's section titles: in Material's index a section's title
weighs as much as the page's, and Pagefind's heading weights saturate as any repeated word does."""
META_WEIGHTS = {"title": 30.0, HEADINGS_FIELD: 30.0, "title_terms": 30.0, "text_terms": 1.0, "situation_terms": 30.0}
"""How much a match in each metadata field adds (Pagefind's ``metaWeights``; a word of the text scores
at most about 2.4 times its rarity): a word of a title or a section's title far more than the text, as
in Material's index, and the readers' words as what they stand for (a title, the text); the situation a
search term names as its title (as :data:`SITUATION_BOOST` does for lunr). Chosen over the query set of
``tests/search/queries.yaml``: at 10 the FAQ's "Where do I report…" loses "police report" to the
situations that mention the police, at 30 and above nothing changes."""
SECTION_WEIGHT = 7.0
"""A section heading's weight (``data-pagefind-weight``; text is 1, Pagefind's own ``h1`` is 7): in
Material's index a section title weighs as the page title."""
EXCERPT_WORDS = 24
"""How many words of a page a result shows around the words that matched (Material's results show a sentence or two)."""
STOP_WORDS = frozenset(
    """a able about across after all almost also am among an and any are as at be because been but by can cannot could dear
    did do does either else ever every for from get got had has have he her hers him his how however i if in into is it
    its just least let like likely may me might most must my neither no nor not of off often on only or other our own
    rather said say says she should since so some than that the their them then there these they this tis to too twas us
    wants was we were what when where which while who whom why will with would yet you your""".split()  # noqa: SIM905 (a list of words)
)
"""Words taken out of a query before it is searched: lunr's English stop words, which the offline copy's
lunr leaves out of its index. Pagefind keeps every word, and matches each word of a query as the start
of a word ("me" would find "memo") and shows only pages with every word of the query."""
BOOST_FILTER = "boost"
"""The Pagefind filter that names a page's weight (:func:`weight`) when it is not 1: the worker
multiplies a result's score by it, as lunr does with a document's boost."""


@dataclass(frozen=True)
class PagefindPage:
    """One page as Pagefind indexes it: its address (as in Material's index) and the HTML it reads."""

    url: str
    html: str


RECORD_WORDS = 4000
"""The most words one Pagefind record holds. A query downloads the records of its first results whole,
so none may grow with the site: a page longer than this (the FAQ, the list of every situation) is
indexed as one record per section, and a section longer than this keeps its first sentences up to
it (in the list of every situation, each entry is the title of a page that is searched itself)."""


def pagefind_pages(index: Mapping[str, Any]) -> list[PagefindPage]:
    """Material's index (as :func:`enrich_index` left it) as small HTML documents for Pagefind: one per
    page, or one per section of a page longer than :data:`RECORD_WORDS`.

    What search finds is what the lunr index holds, nothing read again from the pages: the sections
    that are searched, their text cut into sentences, the readers' words in metadata fields (searched,
    never shown in a result), the page's weight as a filter. Each section is a heading with the
    section's anchor, so a result can lead to it."""
    pages: dict[str, list[Mapping[str, Any]]] = {}
    for doc in index["docs"]:
        pages.setdefault(str(doc["location"]).split("#", 1)[0], []).append(doc)
    built = []
    for url, docs in pages.items():
        top = next((doc for doc in docs if "#" not in doc["location"]), docs[0])
        if sum(len(plain(str(doc.get("text", ""))).split()) for doc in docs) <= RECORD_WORDS:
            built.append(_record(url, top, docs))
        else:
            built.extend(_record(str(doc["location"]), top, [doc]) for doc in docs)
    return built


def _record(url: str, top: Mapping[str, Any], docs: list[Mapping[str, Any]]) -> PagefindPage:
    """One Pagefind record: the page's title, then ``docs`` (the page's own text, its sections)."""
    body = [f'<h1 data-pagefind-meta="title">{html.escape(plain(top.get("title", "")))}</h1>']
    for doc in docs:
        if doc is not top:
            anchor = html.escape(str(doc["location"]).split("#", 1)[1])
            body.append(f'<h2 id="{anchor}" data-pagefind-weight="{SECTION_WEIGHT:g}">{html.escape(plain(doc.get("title", "")))}</h2>')
        body.append(_capped(str(doc.get("text", ""))))
    headings = " ".join(plain(str(doc.get("title", ""))) for doc in docs if doc is not top)
    if headings.strip():
        body.append(f'<span data-pagefind-meta="{HEADINGS_FIELD}:{html.escape(" ".join(headings.split()))}"></span>')
    for field, meta in TERM_FIELDS.items():
        words = sorted({word for doc in docs for word in str(doc.get(field, "")).split()})
        if words:
            body.append(f'<span data-pagefind-meta="{meta}:{html.escape(" ".join(words))}"></span>')
    boost = float(top.get("boost", 1.0))
    if boost != 1.0:
        body.append(f'<span data-pagefind-filter="{BOOST_FILTER}:{boost:g}"></span>')
    head = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head>'
    return PagefindPage(url, f'{head}<body>{"".join(body)}</body></html>')


def _capped(text: str) -> str:
    """An index text (one ``<p>`` per sentence) cut after the sentence that reaches :data:`RECORD_WORDS` words."""
    kept, words = [], 0
    for sentence in text.split("</p>"):
        if words >= RECORD_WORDS:
            break
        kept.append(sentence)
        words += len(plain(sentence).split())
    return "</p>".join(kept) + ("</p>" if words >= RECORD_WORDS and not kept[-1].endswith("</p>") else "")


def pagefind_stub(index: Mapping[str, Any]) -> dict[str, Any]:
    """What the published ``search_index.json`` holds once Pagefind answers: no documents, and what our
    worker needs to ask Pagefind (where its files are, the weights). Material's page downloads this
    file on every page; the full index stays in the offline copy."""
    boosts = sorted({float(doc["boost"]) for doc in index["docs"] if float(doc.get("boost", 1.0)) != 1.0})
    config = dict(index["config"])
    config["pagefind"] = {
        "root": "../" * SEARCH_WORKER.count("/"),  # from our worker's address to the site's root
        "path": PAGEFIND_FOLDER + "/",
        "ranking": {"metaWeights": META_WEIGHTS, "pageLength": 0.0},
        "excerptLength": EXCERPT_WORDS,
        "boostFilter": BOOST_FILTER,
        "boosts": [f"{boost:g}" for boost in boosts],
        "stopWords": sorted(STOP_WORDS),
    }
    return {"config": config, "docs": []}


def write_pagefind(site_dir: str, pages: Iterable[PagefindPage]) -> None:
    """Index ``pages`` with Pagefind (its binary, installed from PyPI with the ``pagefind[bin]`` package)
    and write the chunked index to :data:`PAGEFIND_FOLDER` under ``site_dir``.

    The records are written to a scratch folder, and Pagefind's binary indexes it in one run, which
    ends when every file of the index is on disk. Pagefind's Python client was used before: it sleeps
    0.1 s before it reads each answer of its service (a request per record cost a build of 1,000
    playbooks three minutes), and it stops the service right after the last answer, which Pagefind
    sends before its writes reach the disk: a CI run published an empty ``pagefind.js``.

    A record's file is where its address leads (``faq/`` is ``faq/index.html``); a section's record is
    a folder of its page named from ``#`` on (``faq/#2/index.html``), which Pagefind keeps as it is in
    the record's address, and the search worker reads a record's page from its address up to the ``#``."""
    import tempfile

    output = os.path.join(os.path.abspath(site_dir), PAGEFIND_FOLDER)
    count = 0
    with tempfile.TemporaryDirectory(prefix="pagefind-records-") as records:
        for count, page in enumerate(pages, start=1):
            path = os.path.join(records, *_record_file(page.url, count).split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as file:
                file.write(page.html)
        _run_pagefind(records, output)
    _check_pagefind(output, count)
    for name in os.listdir(output):
        if name.startswith(PAGEFIND_UNUSED):
            os.remove(os.path.join(output, name))


def _run_pagefind(records: str, output: str) -> None:
    """Run Pagefind's binary over ``records`` into ``output``, from the records' folder and without the
    caller's ``PAGEFIND_*`` settings: Pagefind reads a configuration file in its working folder and
    its options from the environment, and the index depends on nothing but the records."""
    import subprocess

    from pagefind.service import get_executable  # PAGEFIND_BINARY_PATH, or the pagefind_bin package's

    binary = get_executable()
    if binary is None:
        raise RuntimeError("Pagefind's binary is missing: install the locked requirements (pagefind[bin])")
    env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    run = subprocess.run([str(binary), "--site", records, "--output-path", output, "--force-language", "en", "--quiet"],
                         cwd=records, env=env, capture_output=True, text=True, check=False)  # fmt: skip
    if run.returncode != 0:
        said = (run.stderr or run.stdout).strip()[-2000:]
        raise RuntimeError(f"Pagefind failed (exit code {run.returncode}) indexing the search records: {said}")


def _check_pagefind(output: str, count: int) -> None:
    """Fail the build when the index Pagefind left is not whole: every record indexed, and its script there."""
    try:
        with open(os.path.join(output, "pagefind-entry.json"), encoding="utf-8") as file:
            indexed = sum(language["page_count"] for language in json.load(file)["languages"].values())
        script = os.path.getsize(os.path.join(output, "pagefind.js"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RuntimeError(f"Pagefind left no usable index in {output}: {exc}") from exc
    if indexed != count:
        raise RuntimeError(f"Pagefind indexed {indexed} of the site's {count} search records")
    if not script:
        raise RuntimeError(f"Pagefind left an empty pagefind.js in {output}: search would answer nothing")


def _record_file(url: str, number: int) -> str:
    """Where the record of ``url`` (a page's address, relative, with ``#anchor`` for a section's record) is
    written for Pagefind, which makes the record's address from it: the page's file, or for a section a
    folder of the page named ``#`` and the record's number (the anchors come from the record's headings)."""
    page, section, _ = url.partition("#")
    if any(part in (".", "..") for part in page.split("/")):
        raise ValueError(f"a search record's address leaves the site: {url!r}")
    if section:
        return f"{page}#{number}/index.html"
    return page + "index.html" if page.endswith("/") or not page else page


PAGEFIND_UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.", "pagefind-worker.",
                   "wasm.unknown.")  # fmt: skip
"""Files Pagefind writes that the site does not use: its own search interfaces (Material's is the
site's), its worker (ours runs Pagefind), the WebAssembly for pages of no known language (every page is English)."""
