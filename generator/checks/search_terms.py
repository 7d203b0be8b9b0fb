"""Search terms (``content/search-terms/``) that cannot work as written.

A word readers type belongs to one term: in two, an editor changing one would not see the other. A
``means`` phrase that no text of the content uses finds nothing (the page that used it was rewritten,
or the phrase was misspelt), so the readers' words it stands for would find nothing either.
"""

from __future__ import annotations

import re

from ..model import Content
from ..problems import Problems


def check(content: Content, problems: Problems) -> None:
    terms = content.sorted("search-term")
    if not terms:
        return
    first: dict[str, str] = {}
    for term in terms:
        for index, word in enumerate(term.typed):
            if word in first and first[word] != term.id:
                where = term.where("typed", index)
                problems.error(where.path, where.line, where.column,
                               f"'{word}' is also typed in search term '{first[word]}'; keep each word in one term")  # fmt: skip
            first.setdefault(word, term.id)
    corpus = _corpus(content)
    for term in terms:
        for index, phrase in enumerate(term.means):
            if not _in_words(phrase).search(corpus):
                where = term.where("means", index)
                problems.warning(where.path, where.line, where.column,
                                 f"no text of the content uses '{phrase}', so '{term.id}' finds nothing with it; "
                                 "write the words as the pages do, or remove it")  # fmt: skip


_SPACE_FOR_NON_WORD = bytes(byte if chr(byte) in "abcdefghijklmnopqrstuvwxyz0123456789'" else 0x20 for byte in range(256))
"""Keeps the bytes of the characters search reads as a word's (:func:`generator.search.words_of`), and makes every
other byte a space (those of a character beyond ASCII too)."""


def _corpus(content: Content) -> str:
    """Every text and title of the content, as search compares words: lower case, with spaces before and between the words.

    Made in one pass over the joined texts, byte by byte: the same words in the same order as joining
    :func:`generator.search.words_of` of each text, which took a list per text and five times as long."""
    texts = [prose.value for prose in content.prose]
    texts += [str(getattr(record, "title", "")) for records in content.records.values() for record in records.values()]
    return (" " + " ".join(texts).lower().replace("\u2019", "'")).encode("utf-8").translate(_SPACE_FOR_NON_WORD).decode("ascii")


def _in_words(phrase: str) -> re.Pattern[str]:
    """:func:`generator.search.phrase_pattern` for the corpus above, where a space stands before every word: each word of
    the phrase, in order, as the start of a word. Starting with a plain space and a word, the pattern is looked for with a
    quick scan rather than tried at every character."""
    return re.compile(" " + r"[a-z0-9']* +".join(re.escape(word) for word in phrase.split()))
