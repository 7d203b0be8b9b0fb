"""What search engines and link previews read about a page, made from the same YAML as the page.

A short plain-text description for ``<meta name="description">``, and schema.org data as JSON-LD:
``FAQPage`` for the questions, ``HowTo`` for a playbook's steps. Nothing is added that the page
does not say, so a search result never promises more than the page delivers.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Faq, Playbook
from .text import Text

DESCRIPTION_LIMIT = 160
"""Characters a search result shows of a description; longer ones are cut at a word."""


def describe(text: Text | str | None, fallback: str) -> str:
    """A one-line description from ``text`` (or ``fallback`` when there is none), at most
    :data:`DESCRIPTION_LIMIT` characters, cut at a word and ended with an ellipsis."""
    plain = text.plain() if isinstance(text, Text) else (text or "")
    plain = " ".join((plain or fallback).split())
    if len(plain) <= DESCRIPTION_LIMIT:
        return plain
    cut = plain[: DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def faq_page(faqs: list[Faq]) -> dict[str, Any]:
    """schema.org ``FAQPage``: every question with its answer as plain text."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": faq.answer.plain() if faq.answer else ""},
            }
            for faq in faqs
        ],
    }


def how_to(playbook: Playbook) -> dict[str, Any]:
    """schema.org ``HowTo``: the playbook's "do this now" steps, in order, as plain text."""
    steps = []
    for position, step in enumerate(playbook.steps, start=1):
        action = step.action.plain()
        steps.append({"@type": "HowToStep", "position": position, "name": action, "text": step.detail.plain() if step.detail else action})
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "HowTo", "name": playbook.title}
    if playbook.summary:
        data["description"] = playbook.summary.plain()
    data["step"] = steps
    return data


def json_ld(data: dict[str, Any]) -> str:
    """``data`` as JSON safe to place inside ``<script type="application/ld+json">``: no character
    of it can close the element or start a comment, whatever the YAML said."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text
