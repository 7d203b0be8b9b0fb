"""What a project's ``mkdocs.yml`` says that the generator needs outside MkDocs.

The plugin reads its options from MkDocs' own configuration; the command line runs the pipeline
before MkDocs is started (``check`` never starts it), so it reads the same two settings here: the
site's name, which the generated pages print, and the plugin's ``content_dir``. Another team that
installs the plugin gets its own name and folder everywhere, with no constant of ours left over.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PLUGIN_NAME = "missing-funds-playbook"
"""The name the plugin is registered under (``pyproject.toml`` entry point, ``plugins:`` in mkdocs.yml)."""
DEFAULT_SITE_NAME = "Missing Funds Playbook"
"""Used by the pipeline when called without a configuration (the tests' fixture corpus)."""
DEFAULT_CONTENT_DIR = "content"


class SiteConfigError(Exception):
    """``mkdocs.yml`` cannot be read; ``str()`` says why, in one line."""


@dataclass(frozen=True)
class SiteSettings:
    """The settings the pipeline takes from ``mkdocs.yml``."""

    site_name: str = DEFAULT_SITE_NAME
    content_dir: str = DEFAULT_CONTENT_DIR


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
    site_name = data.get("site_name")
    content_dir = options.get("content_dir", DEFAULT_CONTENT_DIR)
    return SiteSettings(site_name if isinstance(site_name, str) and site_name else DEFAULT_SITE_NAME,
                        content_dir if isinstance(content_dir, str) and content_dir else DEFAULT_CONTENT_DIR)  # fmt: skip


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
