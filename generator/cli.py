"""``python -m generator``: check the content, build the site atomically, serve a preview, verify a
built site against the claims ledger, or re-check the sources online.

Exit codes: 0 clean, 1 problems in the content or the build, 2 a usage mistake, 130 interrupted
(Ctrl-C): one line each, never a traceback, and never a half-written or lost site.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .declarations import generated_files
from .pipeline import Generated, check_content, render_content
from .printing import planned_pdfs
from .problems import Problems
from .review import DEFAULT_GRACE_DAYS, BuildDayError, ReviewPolicy, build_day
from .scaffold import ScaffoldError, generator_command, scaffold, scaffoldable
from .site_config import SiteConfigError, SiteSettings, read_site_settings
from .site_dir import UnsafeTarget, check_target, mark, remove_leftovers, staging_folder, swap_in

INTERRUPTED = 130
"""Exit code after Ctrl-C, as shells report a command stopped by SIGINT (128 + 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Missing Funds Playbook: content checks and site builds.")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="repository root holding mkdocs.yml and content/ (default: the current folder)")  # fmt: skip
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="how problems are printed: text (path:line:col: severity: message) "
                             "or github (workflow commands that annotate the pull request)")  # fmt: skip
    parser.add_argument("--today", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="judge review dates as of this day (default: today, or SOURCE_DATE_EPOCH)")  # fmt: skip
    parser.add_argument("--grace-days", type=_days, default=DEFAULT_GRACE_DAYS, metavar="N",
                        help=f"days a record may stay due for review before it is an error (default: {DEFAULT_GRACE_DAYS})")  # fmt: skip
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate all content and print every problem")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build = commands.add_parser("build", help="check, then build the site atomically")
    build.add_argument("--site-dir", type=Path, default=None,
                       help="where to put the site (default: site/ in the root): "
                            "a new or empty folder, or a previous build, which is replaced")  # fmt: skip
    build.add_argument("--strict", action="store_true", help="treat warnings, including MkDocs warnings, as errors")
    build.add_argument("--with-pdf", action="store_true",
                       help="also print every checklist to PDF (A4 and US Letter) with Debian's Chromium and link the files; "
                            "used by the deploy workflow")  # fmt: skip
    build.add_argument("--with-offline", action="store_true",
                       help="also build the copy that works opened from disk, search included, and publish it zipped under downloads/")
    build.add_argument("--site-url", default=None, metavar="URL",
                       help="the address the site is served from, instead of site_url in mkdocs.yml (previews, tests)")  # fmt: skip
    serve = commands.add_parser("serve", help="preview the site, rebuilding on every content change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    verify = commands.add_parser("verify", help="check a built site: every figure in a claim marker that matches the ledger")
    verify.add_argument("site_dir", type=Path, nargs="?", default=None, metavar="SITE_DIR",
                        help="the built site (default: site/ in the root)")  # fmt: skip
    verify.add_argument("--site-url", default=None, metavar="URL",
                        help="the address the site was built for with build --site-url (default: site_url in mkdocs.yml)")  # fmt: skip
    verify.add_argument("--no-crawl", action="store_true",
                        help="skip linkchecker's second check of internal links and anchors over HTTP "
                             "(they are still checked against the files)")  # fmt: skip
    verify.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                        help="processes that read the pages (default: one per core for a site of 100 pages or more, else 1)")  # fmt: skip
    sources = commands.add_parser(
        "sources", help="check every claim's quote against its source: the stored excerpts, or with --online the live pages"
    )
    sources.add_argument("--online", action="store_true",
                         help="fetch every source address and report quotes that no longer appear "
                              "(for the scheduled CI job)")  # fmt: skip
    sources.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="per-page timeout with --online (default: 20)")
    links = commands.add_parser("links", help="crawl a built site's internal links and anchors; with --online its external links too")
    links.add_argument("site_dir", type=Path, nargs="?", default=None, metavar="SITE_DIR",
                       help="the built site (default: site/ in the root)")  # fmt: skip
    links.add_argument("--online", action="store_true",
                       help="also fetch every external link, politely and with one retry (for the scheduled CI job)")  # fmt: skip
    new = commands.add_parser("new", help="write a new content file, valid and commented, to start from")
    new.add_argument("kind", choices=scaffoldable(), help="what to add")
    new.add_argument("id", help="its id and file name: lower-case words joined by hyphens")
    new.add_argument("--source", default=None, metavar="SOURCE-ID", help="for a claim: the source it quotes")
    records = commands.add_parser("records", help="compare (or with --write rewrite) records.py and export.schema.json with the schemas")
    records.add_argument("--write", action="store_true", help="rewrite the files made from generator/schemas/*.schema.json")
    args = parser.parse_args(argv)
    global _FORMAT
    _FORMAT = args.format

    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        parser.error(f"no mkdocs.yml in {root}; run from the repository root or pass --root")
    try:
        read_site_settings(root)
    except SiteConfigError as exc:
        parser.error(str(exc))
    try:
        today = args.today or build_day()
    except BuildDayError as exc:  # SOURCE_DATE_EPOCH names no day: an environment mistake, reported as a usage one
        parser.error(str(exc))
    policy = ReviewPolicy(today, args.grace_days)
    try:
        return _run(args, root, policy)
    except KeyboardInterrupt:  # Ctrl-C: whatever was being written is staged and already cleaned up
        print("interrupted", file=sys.stderr)
        return INTERRUPTED


def _run(args: argparse.Namespace, root: Path, policy: ReviewPolicy) -> int:
    """Run the chosen command."""
    if args.command == "check":
        return _check(root, args.strict, policy)
    if args.command == "build":
        return _build(root, args.site_dir or root / "site", args.strict, policy, args.site_url, args.with_pdf, args.with_offline)
    if args.command == "verify":
        return _verify(root, args.site_dir or root / "site", policy, crawl=not args.no_crawl, site_url=args.site_url, jobs=args.jobs)
    if args.command == "records":
        return _records(args.write)
    if args.command == "new":
        return _new(root, args.kind, args.id, args.source)
    if args.command == "links":
        return _links(root, args.site_dir or root / "site", args.online)
    if args.command == "sources":
        return _sources(root, args.online, args.timeout, policy)
    return _serve(root, args.dev_addr)


def _records(write: bool) -> int:
    """Files made from the kinds' schemas: rewritten with ``--write``, else compared (exit 1 when stale)."""
    package = Path(__file__).parent
    stale = []
    for name, text in generated_files().items():
        path = package / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        if write:
            path.write_text(text, encoding="utf-8")
            print(f"wrote generator/{name}", file=sys.stderr)
        else:
            stale.append(name)
    for name in stale:
        print(f"generator/{name} differs from what the schemas declare; run: {generator_command()} records --write", file=sys.stderr)
    return 1 if stale else 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of days")
    return int(text)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (1 or more)")
    return int(text)


_FORMAT = "text"
"""How problems are printed (``--format``)."""


def _report(problems: Problems, strict: bool) -> bool:
    """Print every problem; return whether the run may go on."""
    for problem in problems.sorted():
        print(problem.github() if _FORMAT == "github" else problem)
    failing = problems.errors or (strict and problems.warnings)
    if problems:
        print(problems.summary(), file=sys.stderr)
    return not failing


def _check(root: Path, strict: bool, policy: ReviewPolicy) -> int:
    """Load, validate, model and cross-check the content; the pages are rendered by ``build``, not here."""
    _, problems = check_content(root, read_site_settings(root).content_dir, policy=policy)
    return 0 if _report(problems, strict) else 1


def _build(root: Path, site_dir: Path, strict: bool, policy: ReviewPolicy, site_url: str | None = None, with_pdf: bool = False,
           with_offline: bool = False) -> int:  # fmt: skip
    """Build into a fresh folder beside ``site_dir`` and swap it in only when the build succeeded.

    ``site_dir`` must be new, empty or a previous build (:func:`generator.site_dir.check_target`):
    the swap replaces the whole folder. It is checked before anything runs and again just before
    the swap. A write that fails (a full disk) stops the build with one line and keeps the old site.
    The content is checked once and rendered once per copy. With ``with_offline`` the copy for reading
    from disk is built and zipped first, so the site can publish and link it. With ``with_pdf`` the
    pages link their checklists' PDFs from the start, and the sheets are printed from the staged site
    into it.
    """
    try:
        site_dir = check_target(site_dir, root)
    except UnsafeTarget as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    settings = read_site_settings(root)
    content, problems = check_content(root, settings.content_dir, policy=policy)
    pdfs = planned_pdfs(content.checklists) if with_pdf else None
    generated = render_content(content, problems, pdfs=pdfs, site=settings)
    if not _report(generated.problems, strict):
        print(f"build aborted; {site_dir} was left as it was", file=sys.stderr)
        return 1
    staging: Path | None = None
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(site_dir)
        staging = staging_folder(site_dir)
        with tempfile.TemporaryDirectory(prefix="offline-copy-") as scratch:
            offline_zip = _offline_copy(root, Path(scratch), strict, generated, settings, policy.today) if with_offline else None
            built = offline_zip is not None or not with_offline
            built = built and _mkdocs_build(root, staging, strict, generated, site_url, offline_zip=offline_zip)
            if built and with_pdf:
                built = _print_checklists(root, staging, strict, generated)
        if not built:
            print(f"build aborted; {site_dir} was left as it was", file=sys.stderr)
            return 1
        mark(staging)
        check_target(site_dir, root)  # again: the folder may have been filled while the site was built
        swap_in(staging, site_dir)
    except UnsafeTarget as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, a folder without write permission: one line, not a traceback
        print(f"error: {exc.filename or site_dir}: {exc.strerror or exc}; build aborted, {site_dir} was left as it was", file=sys.stderr)
        return 1
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    print(f"site built in {site_dir}", file=sys.stderr)
    return 0


def _print_checklists(root: Path, staging: Path, strict: bool, generated: Generated) -> bool:
    """Print the staged site's checklists into its ``pdf/`` folder, where its pages already link them."""
    from .printing import print_checklists

    assert generated.content is not None
    problems = Problems()
    print_checklists(staging, generated.content.checklists, staging / "pdf", problems, _use_directory_urls(root))
    return _report(problems, strict)


def _offline_copy(root: Path, scratch: Path, strict: bool, generated: Generated, settings: SiteSettings, day: date) -> Path | None:
    """Build the site for reading from disk into ``scratch`` and zip it; return the zip, or None if the build failed.

    Its pages are rendered from the content already checked, with links to files (x.html) instead of folders."""
    from .offline import zip_offline_copy

    assert generated.content is not None
    offline = render_content(generated.content, Problems(), use_directory_urls=False, site=settings)
    if not _report(offline.problems, strict):
        return None
    site = scratch / "site"
    if not _mkdocs_build(root, site, strict, offline, offline=True):
        return None
    return zip_offline_copy(site, scratch / "offline.zip", day)


def _verify(root: Path, site_dir: Path, policy: ReviewPolicy, crawl: bool = True, site_url: str | None = None,
            jobs: int | None = None) -> int:  # fmt: skip
    """Read the built pages back, each parsed once: every figure against the claims ledger, every
    address against the link policy, every internal link and anchor against the site's files; with
    ``crawl``, linkchecker crawls the internal links and anchors again over HTTP."""
    from .linkcheck import check_internal_links
    from .verify import verify_site

    settings = read_site_settings(root)
    content, problems = check_content(root, settings.content_dir, policy=policy)
    if problems.errors:
        _report(problems, strict=False)
        print("verify needs content without errors; fix those first", file=sys.stderr)
        return 1
    problems = Problems()
    site_dir, shown_as = _site_label(root, site_dir)
    config = _site_config(root)
    site_path = urlsplit(site_url or config.site_url or "/").path or "/"
    pages = verify_site(site_dir, content, problems, shown_as, config.use_directory_urls, site_path, settings, workers=jobs)
    links = 0
    if crawl and pages:
        crawled_problems = Problems()
        links = check_internal_links(site_dir, crawled_problems, shown_as)
        seen = {(problem.path, problem.line, problem.column) for problem in problems}
        # one message per link
        problems.extend(problem for problem in crawled_problems if (problem.path, problem.line, problem.column) not in seen)
    ok = _report(problems, strict=True)
    crawled = f", {links} links crawled" if crawl else ""
    print(f"verified {pages} pages{crawled} and {len(content.claims)} claims in {shown_as}" if ok else "verify failed", file=sys.stderr)
    return 0 if ok else 1


def _sources(root: Path, online: bool, timeout: float, policy: ReviewPolicy) -> int:
    """Offline: the quotes against the stored excerpts (part of ``check``). Online: against the live pages."""
    content, _ = check_content(root, read_site_settings(root).content_dir, policy=policy)
    if not online:
        from .checks import claim_quotes

        quotes = Problems()
        claim_quotes.check(content, quotes)
        ok = _report(quotes, strict=False)
        outcome = "every quote is in its stored excerpts" if ok else "quotes differ"
        print(f"{len(content.sources)} sources, {len(content.claims)} claims: {outcome}", file=sys.stderr)
        return 0 if ok else 1
    from .online import recheck_sources

    problems = Problems()
    report = recheck_sources(content.sorted("source"), problems, timeout=timeout)
    ok = _report(problems, strict=False)
    print(report.summary(), file=sys.stderr)
    return 0 if ok else 1


def _new(root: Path, kind: str, ident: str, source: str | None) -> int:
    try:
        path = scaffold(root, kind, ident, source, content_dir=read_site_settings(root).content_dir)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(root).as_posix()}; replace every text that starts with REPLACE:, then run: {generator_command()} check",
          file=sys.stderr)  # fmt: skip
    return 0


def _links(root: Path, site_dir: Path, online: bool) -> int:
    """linkchecker over a built site: internal links and anchors; with ``online``, external links as well."""
    from .external_links import check_external_links
    from .linkcheck import check_internal_links
    from .verify import NO_SITE

    site_dir, shown_as = _site_label(root, site_dir)
    problems = Problems()
    if not any(site_dir.rglob("*.html")):
        problems.error(shown_as, 0, 0, NO_SITE)
        _report(problems, strict=False)
        return 1
    crawled = check_internal_links(site_dir, problems, shown_as)
    summary = f"{crawled} internal links crawled"
    if online:
        summary += "; " + check_external_links(site_dir, problems, shown_as).summary()
    ok = _report(problems, strict=False)
    print(summary, file=sys.stderr)
    return 0 if ok else 1


def _site_label(root: Path, site_dir: Path) -> tuple[Path, str]:
    """The site folder, and how messages name it: relative to the repository when it is inside it."""
    site_dir = site_dir.resolve()
    return site_dir, site_dir.relative_to(root).as_posix() if site_dir.is_relative_to(root) else str(site_dir)


def _site_config(root: Path) -> Any:
    from mkdocs.config import load_config

    return load_config(config_file=str(root / "mkdocs.yml"))


def _use_directory_urls(root: Path) -> bool:
    return bool(_site_config(root).use_directory_urls)


# Material 9.7+ prints a banner about its end of life (May 2027) on every run; the README says
# so once, and the pure generator core keeps the door open to another engine.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _mkdocs_build(root: Path, site_dir: Path, strict: bool, generated: Generated, site_url: str | None = None,
                  offline_zip: Path | None = None, offline: bool = False) -> bool:  # fmt: skip
    """One MkDocs build of ``generated``; ``offline`` makes the copy for reading from disk."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, MkDocsException

    from .plugin import PlaybookPlugin

    _log_to_stderr()
    try:
        overrides: dict[str, Any] = {"site_url": site_url} if site_url else {}
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict, **overrides)
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does: a plugin kept from an earlier run forgets it
        plugin = config.plugins.get("missing-funds-playbook")
        if isinstance(plugin, PlaybookPlugin):
            plugin.preloaded = generated
            plugin.offline_zip = offline_zip
        copy = config.plugins.get("material/offline")
        if offline:
            if copy is None:
                print("error: the offline copy needs Material's offline plugin listed in mkdocs.yml (plugins: - offline)", file=sys.stderr)
                return False
            copy.config.enabled = True
        build(config)
    except MkDocsException as exc:
        # A plugin's BuildError (Pagefind failing, say) reaches here as "Aborted with a BuildError!": its reason is the context.
        reason = exc.__context__ if isinstance(exc, Abort) and isinstance(exc.__context__, BuildError) else exc
        print(f"error: {reason}", file=sys.stderr)
        return False
    return True


def _serve(root: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    _log_to_stderr()
    logging.getLogger("mkdocs.commands.build").addFilter(_accurate_dirty_builds)
    interrupted = False

    def on_ctrl_c(signum: int, frame: object) -> None:
        """Python's own reaction (KeyboardInterrupt), remembered: MkDocs' server swallows it and returns as if it had ended."""
        nonlocal interrupted
        interrupted = True
        raise KeyboardInterrupt

    in_main_thread = threading.current_thread() is threading.main_thread()  # only there may a handler be set
    previous = signal.signal(signal.SIGINT, on_ctrl_c) if in_main_thread else None
    try:
        # Served at the root of dev_addr, whatever path the published site_url has. Dirty builds: after an
        # edit MkDocs builds only the pages the plugin says changed (generator/preview.py).
        serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True, site_url=f"http://{dev_addr}/", build_type="dirty")
    except MkDocsException as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if in_main_thread:
            signal.signal(signal.SIGINT, previous)
    if interrupted:
        raise KeyboardInterrupt  # main() says "interrupted" and exits 130
    return 0


def _accurate_dirty_builds(record: logging.LogRecord) -> bool:
    """Leave out MkDocs' warning that a dirty build may show a stale navigation: the plugin builds every
    page again when the navigation changes."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time, so it survives stream swaps in tests."""

    stream = property(lambda self: sys.stderr, lambda self, value: None)


def _log_to_stderr() -> None:
    """Show MkDocs' own messages as ``mkdocs`` prints them: ``INFO    -  message``."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
