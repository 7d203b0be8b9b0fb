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
from .loader import load_content
from .model import Content, build_content
from .problems import Problems
from .review import ReviewPolicy
from .schema import validate_documents
from .site_config import DEFAULT_CONTENT_DIR, SiteSettings

if TYPE_CHECKING:
    from .render import Page


@dataclass
class Generated:
    """What the pipeline produced: the content, its problems, and (when error-free) the pages."""

    content: Content | None
    problems: Problems
    pages: list[Page] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    @cached_property
    def by_path(self) -> dict[str, Page]:
        """The pages by path, as in the docs folder (``faq.md``)."""
        return {page.path: page for page in self.pages}


def check_content(root: Path, content_dir: str = DEFAULT_CONTENT_DIR, policy: ReviewPolicy | None = None) -> tuple[Content, Problems]:
    """Load, validate, model and cross-check the content; collect every problem.

    ``policy`` fixes the day review dates are judged by (today by default).
    """
    problems = Problems()
    documents = load_content(root, content_dir, problems)
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
             pdfs: dict[str, list[tuple[str, str]]] | None = None, site: SiteSettings | None = None) -> Generated:  # fmt: skip
    """Check the content and, if it has no errors, render every page (linking the printed checklists in ``pdfs``)."""
    content, problems = check_content(root, content_dir, policy)
    return render_content(content, problems, use_directory_urls, pdfs, site)


def render_content(content: Content, problems: Problems, use_directory_urls: bool = True,
                   pdfs: dict[str, list[tuple[str, str]]] | None = None, site: SiteSettings | None = None) -> Generated:  # fmt: skip
    """Render every page of checked ``content`` unless ``problems`` has errors; a build that needs the
    pages twice (the site and its offline copy) checks once and renders twice."""
    if problems.errors:
        return Generated(content, problems)
    from .render import render_pages  # Jinja2 and the templates: only for pages, not for check

    try:
        pages = render_pages(content, use_directory_urls, pdfs, site)
    except Exception as exc:  # noqa: BLE001 - a template bug must still end in one clear message
        problems.error("generator/templates", 1, 1, f"rendering failed ({type(exc).__name__}: {exc}); please report this as a bug")
        return Generated(content, problems)
    return Generated(content, problems, pages)
