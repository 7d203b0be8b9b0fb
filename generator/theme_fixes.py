"""Fixes to Material's own markup where its templates offer no block to extend.

Each fix is found by the accessibility tests (axe-core in Chromium), which fail if Material's
markup changes so that a fix no longer applies.
"""

from __future__ import annotations

import re

from markupsafe import escape

from .search import use_search_worker

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
"""Material's search overlay: a dialog without a name, which a screen reader announces as just "dialog"."""


SEARCH_BUTTON = re.compile(r'<label class="md-header__button md-icon" for="__search">\s*(<svg[^>]*>.*?</svg>)\s*</label>', re.DOTALL)
"""The header's search button: without JavaScript Material hides it, and its search with it."""


def fix_theme_markup(html: str, situations: str | None = None) -> str:
    """``html`` with Material's search dialog named, its search run by our worker (``generator/search.py``)
    and, where ``situations`` gives the address of the list of every situation, a search button that
    leads there without JavaScript (the stylesheet shows it only then)."""
    html = use_search_worker(html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search this site">', 1))
    return html if situations is None else SEARCH_BUTTON.sub(lambda m: _with_fallback(m, situations), html, count=1)


def _with_fallback(match: re.Match[str], situations: str) -> str:
    return (f'{match.group(0)}<a class="md-header__button md-icon mfp-search-fallback" href="{escape(situations)}" '
            f'title="Every situation" aria-label="Search: every situation">{match.group(1)}</a>')  # fmt: skip
