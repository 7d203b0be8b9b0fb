"""What a project's ``mkdocs.yml`` says that the generator needs outside MkDocs.

The plugin reads its options from MkDocs' own configuration; the command line runs the pipeline
before MkDocs is started (``check`` never starts it), so it reads the same settings here: the
site's name, which the generated pages print, the plugin's ``content_dir``, and the plugin's
``descriptions`` and ``intros``: what search results show of the pages that gather many records,
and the paragraph at their top. Another team that installs the plugin gets its own name, folder and
words everywhere, with no constant of ours left over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import did_you_mean

PLUGIN_NAME = "missing-funds-playbook"
"""The name the plugin is registered under (``pyproject.toml`` entry point, ``plugins:`` in mkdocs.yml)."""
DEFAULT_SITE_NAME = "Missing Funds Playbook"
"""Used by the pipeline when called without a configuration (the tests' fixture corpus)."""
DEFAULT_CONTENT_DIR = "content"


PAGES = {
    "start": "index.md", "map": "map.md", "situations": "playbooks/index.md", "checklists": "checklists/index.md",
    "prevention-pack": "checklists/prevention-pack.md", "evidence": "evidence.md", "faq": "faq.md", "myths": "myths.md",
    "security-controls": "security-controls.md", "risks": "risks.md", "sources": "sources.md",
}  # fmt: skip
"""The pages the site makes itself, by the name ``descriptions`` and ``intros`` use for them."""


class SiteConfigError(Exception):
    """``mkdocs.yml`` cannot be read; ``str()`` says why, in one line."""


@dataclass(frozen=True)
class SiteSettings:
    """The settings the pipeline takes from ``mkdocs.yml``."""

    site_name: str = DEFAULT_SITE_NAME
    content_dir: str = DEFAULT_CONTENT_DIR
    descriptions: Mapping[str, str] = field(default_factory=dict)
    """By page name (:data:`PAGES`): the page's ``<meta name="description">``; a page without one is described by its title."""
    intros: Mapping[str, str] = field(default_factory=dict)
    """By page name: the plain-text paragraph at the top of the page; a page without one has none."""
    site_url: str = ""
    """Where the site is published: printed on each checklist, so a sheet on the fridge leads back to
    the page it came from (and to its current version)."""

    def description(self, path: str, fallback: str) -> str:
        name = next((name for name, page in PAGES.items() if page == path), None)
        return self.descriptions.get(name, fallback) if name else fallback

    def intro(self, name: str) -> str:
        return self.intros.get(name, "")


def page_texts(option: str, value: Any) -> dict[str, str]:
    """A ``descriptions`` or ``intros`` option, checked: a mapping of known page names to one-line texts."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SiteConfigError(f"{option} must be a mapping of page names to texts; pages: {', '.join(PAGES)}")
    for name, text in value.items():
        if name not in PAGES:
            hint = did_you_mean(str(name), list(PAGES)) or f"; pages: {', '.join(PAGES)}"
            raise SiteConfigError(f"{option}: unknown page '{name}'{hint}")
        if not isinstance(text, str) or not text.strip():
            raise SiteConfigError(f"{option}.{name} must be a text")
    return {str(name): " ".join(text.split()) for name, text in value.items()}


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs would for these two keys: ``!ENV``, ``!relative`` and Python tags
    elsewhere in the file become empty values instead of errors."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_settings(root: Path) -> SiteSettings:
    """``site_name`` and the plugin's ``content_dir`` from ``root/mkdocs.yml``."""
    path = root / "mkdocs.yml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SiteConfigError(f"{path} cannot be read: {str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path} is not a mapping of settings")
    options = _plugin_options(data.get("plugins"))
    site_name, site_url = data.get("site_name"), data.get("site_url")
    content_dir = options.get("content_dir", DEFAULT_CONTENT_DIR)
    try:
        texts = page_texts("descriptions", options.get("descriptions")), page_texts("intros", options.get("intros"))
    except SiteConfigError as exc:
        raise SiteConfigError(f"{path}, plugin {PLUGIN_NAME}: {exc}") from exc
    return SiteSettings(site_name if isinstance(site_name, str) and site_name else DEFAULT_SITE_NAME,
                        content_dir if isinstance(content_dir, str) and content_dir else DEFAULT_CONTENT_DIR, *texts,
                        site_url if isinstance(site_url, str) else "")  # fmt: skip


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """This plugin's options in a ``plugins:`` list (of names, or one-key mappings) or mapping (MkDocs accepts both)."""
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    else:
        entries = [next(iter(entry.items())) if isinstance(entry, dict) and len(entry) == 1 else (entry, None) for entry in plugins or []]
    for name, options in entries:
        if name == PLUGIN_NAME:
            return options if isinstance(options, dict) else {}
    return {}
