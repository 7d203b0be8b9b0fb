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

import html
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

UNINDEXED = frozenset({"sources.md", "checklists/prevention-pack.md"})
"""Pages search never shows: the evidence behind the figures (every page links its markers there) and
the pack that repeats every prevention checklist."""

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

    def typed_for(self, text: str) -> set[str]:
        """The readers' words that should find ``text`` (plain text), leaving out the words it has itself."""
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
    terms = list(terms)
    synonyms = Synonyms(terms)
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
