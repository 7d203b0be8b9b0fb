"""The MkDocs plugin: a thin adapter from MkDocs events to :func:`generator.pipeline.generate`.

- ``on_config``: run the pipeline; abort the build with every problem; set the navigation.
- ``on_files``: add the generated pages as virtual files whose "edit" link opens the YAML, and
  publish ``claims.json``, ``export.json``, the Atom feed ``feed.xml`` and the JSON Schemas under
  ``schemas/`` for editors and machines.
- ``on_page_markdown``: give each page its description and schema.org data (``generator/theme/main.html``
  prints them in the page's head).
- ``on_post_page``, ``on_post_template``: fix Material's markup where it fails accessibility
  (``generator/theme_fixes.py``), write each page's Content-Security-Policy and mark links that
  leave the site ``rel="noopener noreferrer"`` (``generator/page_safety.py``).
- ``on_post_build``: rewrite the search index the search plugin wrote (``generator/search.py``): the
  readers' words of ``content/search-terms/`` and snippets of a sentence; on the published site, index
  it with Pagefind and leave Material's page only a stub that says where Pagefind's index is.
- ``on_serve``: make ``mkdocs serve`` rebuild when a content file changes.

Under ``serve`` (a dirty build), ``generator/preview.py`` decides which pages an edit changed: only
those are built again, the search entries of the others are kept, and the preview's search uses the
whole index (as the offline copy does) instead of waiting for Pagefind.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs import utils
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .claims import LEDGER_FILE, ledger_json
from .export import EXPORT_FILE, FEED_FILE, atom_feed, export_json
from .loader import ParsedFiles
from .metadata import json_ld
from .model import Content
from .page_safety import PageSafetyError, harden
from .pipeline import Generated, generate
from .preview import Preview, site_key
from .render import location, navigation, navigation_paths, page_url, relative_url
from .review import DEFAULT_GRACE_DAYS, BuildDayError, ReviewPolicy
from .schema import schema_files
from .search import (
    SEARCH_WORKER,
    enrich_index,
    material_meta,
    pagefind_pages,
    pagefind_stub,
    search_worker_script,
    terms_of,
    write_pagefind,
)
from .site_config import PLUGIN_NAME, SiteConfigError, SiteSettings, page_texts
from .theme_fixes import fix_theme_markup

log = logging.getLogger("mkdocs.plugins.missing_funds_playbook")

IFRAME_WORKER = "assets/javascripts/iframe-worker.js"
"""Material's offline copy runs its search worker in a frame (browsers refuse workers from
file://). Its offline plugin would load the iframe-worker shim from unpkg.com, and that shim writes
an inline script no policy can know in advance, so the copy loads our own stand-in
(``web/iframe-worker.js``, which loads ``iframe-worker-scope.js`` into the frame). The name must
contain "iframe-worker", or Material's offline plugin adds the unpkg.com one."""
OFFLINE_ZIP = "downloads/missing-funds-playbook-offline.zip"
SITUATIONS = "playbooks/index.md"
"""The list of every situation: where the header's search button leads without JavaScript."""
SEARCH_INDEX = "search/search_index.json"
"""Where Material's search plugin writes its index."""


BROWSER_ASSETS = {
    "static/evidence.js": "assets/javascripts/evidence.js",
    "static/iframe-worker.js": IFRAME_WORKER,
    "static/iframe-worker-scope.js": "assets/javascripts/iframe-worker-scope.js",
    "static/stylesheets/playbook.css": "assets/stylesheets/playbook.css",
    "static/stylesheets/evidence.css": "assets/stylesheets/evidence.css",
    "static/stylesheets/scripted.css": "assets/stylesheets/scripted.css",
    "static/javascripts/checklists.js": "assets/javascripts/checklists.js",
    "static/javascripts/triage.js": "assets/javascripts/triage.js",
    "static/javascripts/platform.js": "assets/javascripts/platform.js",
}
"""Files of the package the site serves, wherever the plugin is installed, all made by `npm run build`
into ``generator/static/``: the stylesheets and the checklist, triage and platform scripts written in
``generator/assets/``, minified (a phone's first load is counted in bytes: ``benchmarks/site.py``), the
evidence builder bundled from ``web/`` with the locked npm packages, and the offline copy's stand-in for
Worker."""
EXTRA_CSS = ("assets/stylesheets/playbook.css", "assets/stylesheets/scripted.css")
EXTRA_JAVASCRIPT = ("assets/javascripts/checklists.js", "assets/javascripts/triage.js", "assets/javascripts/platform.js")
"""Loaded on every page (the evidence page loads its own stylesheet and script)."""
THEME = Path(__file__).parent / "theme"
"""Overrides of Material's templates the pages need: the Content-Security-Policy placeholder, the
escaped ``<title>``, the feed link, JSON-LD and the offline footer."""
MARKDOWN_EXTENSIONS = ("toc", "attr_list", "pymdownx.escapeall")
"""What the generated Markdown is written for: heading ids (``{ #q-… }``) and escaped text."""


class GeneratedPage(File):
    """A page made from content. MkDocs asks ``is_modified()`` in a dirty build (the preview's) and builds
    the page only if so; a page in memory would otherwise always say yes."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class PlaybookConfig(base.Config):
    """Options of the ``missing-funds-playbook`` plugin in ``mkdocs.yml``."""

    content_dir = c.Type(str, default="content")
    """Folder of YAML content, relative to the folder that holds ``mkdocs.yml``."""

    grace_days = c.Type(int, default=DEFAULT_GRACE_DAYS)
    """Days a claim or page may stay due for review before the build fails."""

    set_nav = c.Type(bool, default=True)
    """Build the navigation from the content; turn off to write ``nav:`` by hand."""

    descriptions = c.Type(dict, default={})
    """The search-result description of each page the site makes itself, by page name (``faq``, ``myths``...:
    see :data:`generator.site_config.PAGES`); a page left out is described by its title."""

    intros = c.Type(dict, default={})
    """The paragraph at the top of each page the site makes itself, by page name; a page left out has none."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Generates the site's pages from ``content/``."""

    def __init__(self) -> None:
        self.serving = False
        """Set by ``on_startup`` under ``mkdocs serve``: the live preview, whose pages allow MkDocs' reload script."""
        self.generated: Generated | None = None
        self.preloaded: Generated | None = None
        """Set by the CLI, which has already run the pipeline, so it is not run twice."""
        self.last_good: Generated | None = None
        """The last content without errors, served while a broken edit is being fixed."""
        self.offline_zip: Path | None = None
        """The offline copy to publish at :data:`OFFLINE_ZIP` (set by ``python -m generator build --with-offline``)."""
        self.parsed: ParsedFiles | None = None
        """Under ``serve``: the content files already parsed, so an edit re-parses only what changed."""
        self.preview: Preview | None = None
        """Under ``serve`` with dirty builds: what the last build wrote, so the next builds only the pages that changed."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin instance across `mkdocs serve` rebuilds, so it can remember
        the last good content and what the last build wrote."""
        self.serving = command == "serve"
        self.preloaded = self.last_good = self.generated = None  # a new session: nothing of an earlier one in this process
        self.parsed = {} if self.serving else None
        self.preview = Preview() if self.serving and dirty else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        preloaded, self.preloaded = self.preloaded, None  # for this build only, even one that fails below
        self._root = Path(config.config_file_path).resolve().parent
        _equip(config)
        if _offline(config):
            # Pages opened from disk need links to files (x.html), not folders; set before rendering,
            # as Material's offline plugin does it only after this plugin has run.
            config.use_directory_urls = False
            config.extra["polyfills"] = [IFRAME_WORKER]
        if preloaded:
            generated, reported = preloaded, True
        else:
            try:
                policy = ReviewPolicy(grace_days=self.config.grace_days)
            except BuildDayError as exc:
                raise PluginError(str(exc)) from exc
            try:
                site = SiteSettings(config.site_name, self.config.content_dir, page_texts("descriptions", self.config.descriptions),
                                    page_texts("intros", self.config.intros), config.site_url or "")  # fmt: skip
            except SiteConfigError as exc:
                raise PluginError(f"{PLUGIN_NAME}: {exc}") from exc
            generated = generate(self._root, self.config.content_dir, config.use_directory_urls, policy, site=site, parsed=self.parsed,
                                 earlier=self.last_good if self.serving else None)  # fmt: skip
            reported = False
        if not generated.ok:
            problems = generated.problems
            lines = "\n".join(str(problem) for problem in problems.sorted())
            if not (self.serving and self.last_good is not None):
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
        if self.preview is not None:
            self.preview.start(generated.pages, site_key(config.nav, config.config_file_path, config.use_directory_urls, config.site_url))
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if search is not None and hasattr(search, "search_index_prev"):
                search.search_index_prev = None  # its merge assumes one page changed: the preview merges instead
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.preview is not None and self.preview.builds_everything:  # everything is built again: from an empty folder, as a clean build
            utils.clean_directory(config.site_dir)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.generated is not None
        listed = navigation_paths(config.nav or []) if self.config.set_nav else None
        for page in self.generated.pages:
            file = GeneratedPage.generated(config, page.path, content=page.markdown)
            assert isinstance(file, GeneratedPage)
            if listed is not None and page.path not in listed:  # left out on purpose (render.navigation): no MkDocs notice
                file.inclusion = InclusionLevel.NOT_IN_NAV
            file.edit_uri = page.source_file
            file.changed = self.preview is None or self.preview.is_changed(page.path)
            files.append(file)
        assert self.generated.content is not None
        content = self.generated.content
        files.append(File.generated(config, LEDGER_FILE, content=ledger_json(content, config.use_directory_urls)))
        files.append(File.generated(config, EXPORT_FILE, content=export_json(content, config.use_directory_urls)))
        if config.site_url:  # Atom needs absolute addresses
            feed = atom_feed(content, config.site_url, config.use_directory_urls, config.site_name)
            files.append(File.generated(config, FEED_FILE, content=feed))
        for name, target in BROWSER_ASSETS.items():
            source = Path(__file__).parent / name
            if not source.is_file():
                raise PluginError(f"{source} is missing: in a checkout, run `make setup`, "
                                  "which installs the JavaScript packages and builds the site's scripts and stylesheets; "
                                  "an installed package that lacks it was built without that step")  # fmt: skip
            files.append(File.generated(config, target, abs_src_path=str(source)))
        worker = Path(__file__).parent / "assets/javascripts/search-worker.js"
        files.append(File.generated(config, SEARCH_WORKER, content=search_worker_script(worker.read_text(encoding="utf-8"))))
        if self.offline_zip is not None:
            files.append(File.generated(config, OFFLINE_ZIP, abs_src_path=str(self.offline_zip)))
            config.extra["offline_zip"] = {"path": OFFLINE_ZIP, "megabytes": f"{self.offline_zip.stat().st_size / 1e6:.1f}"}
        for name, schema in sorted(schema_files().items()):
            files.append(File.generated(config, f"schemas/{name}", content=json.dumps(schema, indent=2) + "\n"))
        return files

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.preview is not None:
            # by URL as page.url says it (the start page's is "", not "./")
            outputs = {("" if file.url == "./" else file.url): file.abs_dest_path for file in files.documentation_pages()}
            for gone in self.preview.place(outputs):
                _remove_output(Path(gone), Path(config.site_dir))
        return nav

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        assert self.generated is not None
        generated = self.generated.by_path.get(page.file.src_uri)
        if generated is not None:
            # MkDocs' templates do not autoescape: the description goes in an attribute as it is.
            page.meta["description"] = escape(generated.description)
            if generated.structured_data:
                page.meta["structured_data"] = json_ld(generated.structured_data)
            search = material_meta(generated.path, generated.section)
            if search:
                page.meta["search"] = search
        return markdown

    def on_page_context(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        if self.preview is not None:
            self.preview.built.add(page.url)
        return context

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        situations = None
        if self.generated is not None and SITUATIONS in self.generated.by_path:
            situations = relative_url(page.file.src_uri, SITUATIONS, "", config.use_directory_urls)
        return _finish(output, config, page.file.src_uri, self.serving, situations)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        situations = None  # a template page (404.html) is served at any depth: only an absolute address works
        if config.site_url and self.generated is not None and SITUATIONS in self.generated.by_path:
            situations = config.site_url.rstrip("/") + "/" + page_url(SITUATIONS, config.use_directory_urls)
        return _finish(output_content, config, template_name, self.serving, situations)

    @event_priority(-50)  # after the search plugin writes the index (0), before the offline plugin inlines it (-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index_file = Path(config.site_dir) / SEARCH_INDEX
        if self.generated is not None and self.generated.content is not None and index_file.is_file():  # else the search plugin is off
            self._write_search(index_file, self.generated.content, config)
        if self.preview is not None:
            self.preview.succeeded()

    def on_build_error(self, *, error: Exception) -> None:
        if self.preview is not None:
            self.preview.failed()

    def _write_search(self, index_file: Path, content: Content, config: MkDocsConfig) -> None:
        addresses = {p.id: page_url(location(p)[0], config.use_directory_urls) for p in content.playbooks}
        terms = terms_of(content.sorted("search-term"), addresses)
        index = json.loads(index_file.read_text(encoding="utf-8"))
        if self.preview is not None:
            index = self.preview.merge_search(index)
        index = enrich_index(index, terms)
        if not _offline(config) and not self.serving:  # the preview searches the whole index, as the offline copy does
            # The published site searches with Pagefind's chunked index: each query downloads only
            # the pieces it needs. Material's page still downloads search_index.json on every page,
            # so that file keeps only what our worker needs to find Pagefind; the offline copy
            # (built with the offline plugin) keeps the whole index, which lunr searches there.
            try:
                write_pagefind(config.site_dir, pagefind_pages(index))
            except RuntimeError as exc:  # Pagefind is a program of its own: its failure is one line, not a traceback
                raise PluginError(f"search index: {exc}") from exc
            index = pagefind_stub(index)
        index_file.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._root / self.config.content_dir))
        return server


def _equip(config: MkDocsConfig) -> None:
    """Give a site built with this plugin what its pages need, whatever its own mkdocs.yml lists:
    Material with our template overrides, the Markdown extensions, the stylesheet and scripts."""
    if config.theme.name != "material":
        raise PluginError(f"the missing-funds-playbook plugin needs the Material theme (theme: name: material), not '{config.theme.name}'")
    if str(THEME) not in config.theme.dirs:
        # After the site's own custom_dir (which may override ours), before Material's templates.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
    names = [extension if isinstance(extension, str) else type(extension).__module__ for extension in config.markdown_extensions]
    config.markdown_extensions.extend(extension for extension in MARKDOWN_EXTENSIONS if extension not in names)
    config.extra_css.extend(css for css in EXTRA_CSS if css not in config.extra_css)
    listed = {str(script) for script in config.extra_javascript}
    config.extra_javascript.extend(script for script in EXTRA_JAVASCRIPT if script not in listed)


def _finish(html: str, config: MkDocsConfig, name: str, preview: bool, situations: str | None = None) -> str:
    """A rendered page as published (or, ``preview``, as ``serve`` shows it): Material's markup fixed,
    then its policy and link attributes written; ``situations``: the address of the list of every
    situation, where search leads without JavaScript."""
    try:
        return harden(fix_theme_markup(html, situations), config.site_url, preview)
    except PageSafetyError as exc:
        raise PluginError(f"{name}: {exc}; the page is not published (an inline script that reached the page is a bug in the "
                          "generator's escaping; a changed Material template needs generator/page_safety.py updated)") from exc


def _remove_output(output: Path, site_dir: Path) -> None:
    """Remove the output of a page that is gone, and its folder if nothing else is in it."""
    output.unlink(missing_ok=True)
    folder = output.parent
    if folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _offline(config: MkDocsConfig) -> bool:
    """Whether this build is the copy to open from disk (Material's offline plugin is enabled)."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(offline is not None and offline.config.get("enabled"))
