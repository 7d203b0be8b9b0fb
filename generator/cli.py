"""``python -m generator``: check the content, build the site atomically, or serve a preview.

Exit codes: 0 clean, 1 problems in the content or the build, 2 a usage mistake.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .pipeline import Generated, generate
from .problems import Problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Missing Funds Playbook: content checks and site builds.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root holding mkdocs.yml and content/ (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate all content and print every problem")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build = commands.add_parser("build", help="check, then build the site atomically")
    build.add_argument("--site-dir", type=Path, default=None, help="where to put the site (default: site/ in the root)")
    build.add_argument("--strict", action="store_true", help="treat warnings, including MkDocs warnings, as errors")
    serve = commands.add_parser("serve", help="preview the site, rebuilding on every content change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        parser.error(f"no mkdocs.yml in {root}; run from the repository root or pass --root")
    if args.command == "check":
        return _check(root, args.strict)
    if args.command == "build":
        return _build(root, args.site_dir or root / "site", args.strict)
    return _serve(root, args.dev_addr)


def _report(problems: Problems, strict: bool) -> bool:
    """Print every problem; return whether the run may go on."""
    for problem in problems.sorted():
        print(problem)
    failing = problems.errors or (strict and problems.warnings)
    if problems:
        print(problems.summary(), file=sys.stderr)
    return not failing


def _check(root: Path, strict: bool) -> int:
    generated = generate(root)
    return 0 if _report(generated.problems, strict) else 1


def _build(root: Path, site_dir: Path, strict: bool) -> int:
    """Build into a fresh folder beside ``site_dir`` and swap it in only when the build succeeded."""
    generated = generate(root)
    if not _report(generated.problems, strict):
        print(f"build aborted; {site_dir} was left as it was", file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        if not _mkdocs_build(root, staging, strict, generated):
            print(f"build aborted; {site_dir} was left as it was", file=sys.stderr)
            return 1
        _swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"site built in {site_dir}", file=sys.stderr)
    return 0


# Material 9.7+ prints a banner about its end of life (May 2027) on every run; the README says
# so once, and the pure generator core keeps the door open to another engine.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _mkdocs_build(root: Path, site_dir: Path, strict: bool, generated: Generated) -> bool:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _log_to_stderr()
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        plugin = config.plugins.get("missing-funds-playbook")
        if plugin is not None:
            plugin.preloaded = generated  # type: ignore[attr-defined]
        build(config)
    except MkDocsException as exc:
        print(f"error: {exc}", file=sys.stderr)
        return False
    return True


def _swap_in(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging``, restoring the old site if the second rename fails."""
    previous = site_dir.with_name(f".{site_dir.name}.previous-{os.getpid()}")
    had_site = site_dir.exists()
    if had_site:
        os.replace(site_dir, previous)
    try:
        os.replace(staging, site_dir)
    except OSError:
        if had_site:
            os.replace(previous, site_dir)
        raise
    if had_site:
        shutil.rmtree(previous, ignore_errors=True)


def _serve(root: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    _log_to_stderr()
    try:
        serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
    except MkDocsException as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time, so it survives stream swaps in tests."""

    stream = property(lambda self: sys.stderr, lambda self, value: None)  # type: ignore[assignment]


def _log_to_stderr() -> None:
    """Show MkDocs' own messages as ``mkdocs`` prints them: ``INFO    -  message``."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
