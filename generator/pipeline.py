"""The whole pipeline in one call: load → validate → model → check → render.

The CLI and the MkDocs plugin both call :func:`generate`, so they can never disagree about what
the content means or which problems it has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .checks import run_checks
from .loader import ParsedFiles, load_content
from .model import Content, Playbook, build_content
from .problems import Problems
from .review import ReviewPolicy
from .schema import validate_documents
from .site_config import DEFAULT_CONTENT_DIR, SiteSettings

if TYPE_CHECKING:
    from .render import Kept, Page


@dataclass
class Generated:
    """What the pipeline produced: the content, its problems, and (when error-free) the pages."""

    content: Content | None
    problems: Problems
    pages: list[Page] = field(default_factory=list)
    record_pages: dict[str, Kept] = field(default_factory=dict)
    """Each record page with the playbooks its rendering reached: what the next render may keep."""
    settings: str = ""
    """The render's settings besides the content, as text: a render with other settings keeps nothing."""

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    @cached_property
    def by_path(self) -> dict[str, Page]:
        """The pages by path, as in the docs folder (``faq.md``)."""
        return {page.path: page for page in self.pages}


def check_content(root: Path, content_dir: str = DEFAULT_CONTENT_DIR, policy: ReviewPolicy | None = None,
                  parsed: ParsedFiles | None = None) -> tuple[Content, Problems]:  # fmt: skip
    """Load, validate, model and cross-check the content; collect every problem.

    ``policy`` fixes the day review dates are judged by (today by default); ``parsed`` keeps the
    files an earlier run parsed (the preview's, see :func:`generator.loader.load_content`).
    """
    problems = Problems()
    documents = load_content(root, content_dir, problems, parsed)
    valid = validate_documents(documents, problems)
    complete = not problems.errors
    content = build_content(valid, problems, policy)
    validated = {id(document) for document in valid}  # by identity: comparing documents field by field made this quadratic
    invalid = [document for document in documents if id(document) not in validated]
    by_file_name = {(d.kind, PurePosixPath(d.path).stem) for d in invalid}
    by_id = {(d.kind, d.data.get("id")) for d in invalid if isinstance(d.data, dict)}
    content.unvalidated_ids = by_file_name | by_id
    run_checks(content, problems, complete=complete)
    return content, problems


def generate(root: Path, content_dir: str = DEFAULT_CONTENT_DIR, use_directory_urls: bool = True, policy: ReviewPolicy | None = None,
             pdfs: dict[str, list[tuple[str, str]]] | None = None, site: SiteSettings | None = None,
             parsed: ParsedFiles | None = None, earlier: Generated | None = None) -> Generated:  # fmt: skip
    """Check the content and, if it has no errors, render every page (linking the printed checklists in ``pdfs``).

    The preview passes what it ``parsed`` and generated ``earlier``, so that one edit re-parses one file
    and renders again only the pages it can change."""
    content, problems = check_content(root, content_dir, policy, parsed)
    return render_content(content, problems, use_directory_urls, pdfs, site, earlier)


def render_content(content: Content, problems: Problems, use_directory_urls: bool = True,
                   pdfs: dict[str, list[tuple[str, str]]] | None = None, site: SiteSettings | None = None,
                   earlier: Generated | None = None) -> Generated:  # fmt: skip
    """Render every page of checked ``content`` unless ``problems`` has errors; a build that needs the
    pages twice (the site and its offline copy) checks once and renders twice.

    With an ``earlier`` render of the same settings, a record page whose rendering reached no changed
    record is kept as it was: when the edit changed only playbooks (same files, same ids), a page that did
    not reach one of them through a reference or a whole list shows nothing that changed."""
    if problems.errors:
        return Generated(content, problems)
    from .render import Renderer  # Jinja2 and the templates: only for pages, not for check

    settings = repr((use_directory_urls, pdfs, site, content.policy))
    renderer = Renderer(content, use_directory_urls, pdfs, site)
    if earlier is not None and earlier.content is not None and earlier.settings == settings:
        changed = changed_playbooks(earlier.content, content)
        if changed is not None:
            renderer.kept = {path: kept for path, kept in earlier.record_pages.items() if not kept.playbooks & changed}
    try:
        pages = renderer.pages()
    except Exception as exc:  # noqa: BLE001 - a template bug must still end in one clear message
        problems.error("generator/templates", 1, 1, f"rendering failed ({type(exc).__name__}: {exc}); please report this as a bug")
        return Generated(content, problems)
    return Generated(content, problems, pages, renderer.reached, settings)


def changed_playbooks(before: Content, after: Content) -> set[str] | None:
    """The ids of the playbooks whose files changed between two loads, or None when anything else changed
    (another kind's file, a file added or removed, an id changed): then every page is rendered again.

    Unchanged files keep their parsed document (see :func:`generator.loader.load_content`), so a
    record whose document is another object comes from a file that changed."""
    old = {record.file: record for record in before.all_records}
    new = {record.file: record for record in after.all_records}
    if old.keys() != new.keys():
        return None
    changed = set()
    for file, record in new.items():
        if record.document is not old[file].document:
            if not isinstance(record, Playbook) or record.id != old[file].id:
                return None
            changed.add(record.id)
    return changed
