"""Search terms (``content/search-terms/``) that cannot work as written.

A word readers type belongs to one term: in two, an editor changing one would not see the other. A
``means`` phrase that no text of the content uses finds nothing (the page that used it was rewritten,
or the phrase was misspelt), so the readers' words it stands for would find nothing either.
"""

from __future__ import annotations

from ..model import Content
from ..problems import Problems
from ..search import phrase_pattern, words_of


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
            if not phrase_pattern(phrase).search(corpus):
                where = term.where("means", index)
                problems.warning(where.path, where.line, where.column,
                                 f"no text of the content uses '{phrase}', so '{term.id}' finds nothing with it; "
                                 "write the words as the pages do, or remove it")  # fmt: skip


def _corpus(content: Content) -> str:
    """Every text and title of the content, as search compares words: lower case, one space between words."""
    texts = [prose.value for prose in content.prose]
    texts += [str(getattr(record, "title", "")) for records in content.records.values() for record in records.values()]
    return " ".join(" ".join(words_of(text)) for text in texts)
