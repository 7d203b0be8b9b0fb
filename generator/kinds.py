"""The content kinds, as their schemas declare them: which folder under ``content/`` holds which kind.

Adding a kind is adding ``generator/schemas/<kind>.schema.json`` with ``x-folder`` and ``x-order``
(see :mod:`generator.declarations`), regenerating ``records.py``, and a template if it has a page.
"""

from __future__ import annotations

from .declarations import Kind, declared_kinds

KINDS: tuple[Kind, ...] = declared_kinds()
"""Every kind, in loading order (``x-order``)."""
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS}
KIND_BY_NAME = {kind.name: kind for kind in KINDS}

__all__ = ["KINDS", "KIND_BY_FOLDER", "KIND_BY_NAME", "Kind"]
