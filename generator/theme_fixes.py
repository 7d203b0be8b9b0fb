"""Fixes to Material's own markup where its templates offer no block to extend.

Each fix is found by the accessibility tests (axe-core in Chromium), which fail if Material's
markup changes so that a fix no longer applies.
"""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
"""Material's search overlay: a dialog without a name, which a screen reader announces as just "dialog"."""


def fix_theme_markup(html: str) -> str:
    """``html`` with Material's search dialog named."""
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search this site">', 1)
