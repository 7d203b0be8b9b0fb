"""The MkDocs plugin: a thin adapter from MkDocs events to :func:`generator.pipeline.generate`.

- ``on_config``: run the pipeline; abort the build with every problem; set the navigation.
- ``on_files``: add the generated pages as virtual files whose "edit" link opens the YAML, and
  publish ``claims.json`` and the JSON Schemas under ``schemas/`` for editors and machines.
- ``on_serve``: make ``mkdocs serve`` rebuild when a content file changes.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .ledger import LEDGER_FILE, ledger_json
from .pipeline import Generated, generate
from .render import navigation
from .review import DEFAULT_GRACE_DAYS, ReviewPolicy
from .schema import schema_files

log = logging.getLogger("mkdocs.plugins.missing_funds_playbook")


BROWSER_ASSETS = {"static/evidence.js": "assets/javascripts/evidence.js"}
"""Files the site serves that are built outside docs/: the evidence builder's bundle, made by
`npm run build` from web/evidence.js and the locked npm packages."""


class PlaybookConfig(base.Config):
    """Options of the ``missing-funds-playbook`` plugin in ``mkdocs.yml``."""

    content_dir = c.Type(str, default="content")
    """Folder of YAML content, relative to the folder that holds ``mkdocs.yml``."""

    grace_days = c.Type(int, default=DEFAULT_GRACE_DAYS)
    """Days a claim or page may stay due for review before the build fails."""

    set_nav = c.Type(bool, default=True)
    """Build the navigation from the content; turn off to write ``nav:`` by hand."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Generates the site's pages from ``content/``."""

    def __init__(self) -> None:
        self.generated: Generated | None = None
        self.preloaded: Generated | None = None
        """Set by the CLI, which has already run the pipeline, so it is not run twice."""
        self.last_good: Generated | None = None
        """The last content without errors, served while a broken edit is being fixed."""
        self.pdf_files: list[Path] = []
        """Printed checklists to publish under ``pdf/`` (set by ``python -m generator build --with-pdf``)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin instance across `mkdocs serve` rebuilds, so it can remember
        the last good content."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._root = Path(config.config_file_path).resolve().parent
        generated, reported = (self.preloaded, True) if self.preloaded else (generate(self._root, self.config.content_dir, config.use_directory_urls, ReviewPolicy(grace_days=self.config.grace_days)), False)
        self.preloaded = None
        if not generated.ok:
            problems = generated.problems
            lines = "\n".join(str(problem) for problem in problems.sorted())
            if not (getattr(self, "serving", False) and self.last_good is not None):
                raise PluginError(f"content has problems ({problems.summary()}):\n{lines}")
            # While serving, a broken edit must not take the preview down (mkdocs would hang every
            # request until the next good build): keep serving the last good content, say why.
            log.error(f"content has problems ({problems.summary()}); still serving the last good build:\n{lines}")
            generated, reported = self.last_good, True
        self.last_good = generated
        if not reported:  # the CLI printed them already
            for problem in generated.problems.warnings:
                log.warning(str(problem))
        self.generated = generated
        if self.config.set_nav:
            config.nav = navigation(generated.pages)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.generated is not None
        for page in self.generated.pages:
            file = File.generated(config, page.path, content=page.markdown)
            file.edit_uri = page.source_file
            files.append(file)
        assert self.generated.content is not None
        files.append(File.generated(config, LEDGER_FILE, content=ledger_json(self.generated.content, config.use_directory_urls)))
        for name, target in BROWSER_ASSETS.items():
            source = Path(__file__).parent / name
            if not source.is_file():
                raise PluginError(f"{source} is missing; run `make setup`, which installs the JavaScript packages and bundles the evidence builder")
            files.append(File.generated(config, target, abs_src_path=str(source)))
        for pdf in self.pdf_files:
            files.append(File.generated(config, f"pdf/{pdf.name}", abs_src_path=str(pdf)))
        for name, schema in sorted(schema_files().items()):
            files.append(File.generated(config, f"schemas/{name}", content=json.dumps(schema, indent=2) + "\n"))
        return files

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._root / self.config.content_dir))
        return server
