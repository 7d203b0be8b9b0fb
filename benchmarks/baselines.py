"""The floors each command is compared with, measured in the same run on the same files.

- ``check`` against parsing the same YAML files with PyYAML's C loader, in a process of its own;
- ``build`` against a plain Material build of the same pages given as Markdown (the project's
  mkdocs.yml, theme, extensions and navigation, without the generator's plugin);
- ``verify`` against parsing every built HTML file once with the parser verify uses
  (``html.parser.HTMLParser``), and against linkchecker alone over the same site.

``python -m benchmarks.baselines plain ROOT`` writes the plain project: it is run as a subprocess
so the generator's own cost of producing the Markdown stays out of the benchmark process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .measure import PYTHON, Run, run

PLAIN_CONFIG = "mkdocs.plain.yml"
PLAIN_DOCS = "plain-docs"
PLUGIN = "missing-funds-playbook"

YAML_FLOOR = """\
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
"""Read and parse every content file once, with libyaml: what any checker must at least do."""

HTML_FLOOR = """\
import pathlib, sys
from html.parser import HTMLParser
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.html")):
    parser = HTMLParser(convert_charrefs=True)
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
"""
"""Read and parse every built page once, with the parser and settings of generator/verify.py."""


def check_floor(root: Path, env: dict[str, str], timeout: float) -> Run:
    return run([PYTHON, "-c", YAML_FLOOR, str(root / "content")], env=env, timeout=timeout)


def html_floor(site: Path, env: dict[str, str], timeout: float) -> Run:
    return run([PYTHON, "-c", HTML_FLOOR, str(site)], env=env, timeout=timeout)


def prepare_plain(root: Path, env: dict[str, str], timeout: float) -> Run:
    """Render the pages once (``generate``) and write the plain project beside the corpus."""
    return run([PYTHON, "-m", "benchmarks.baselines", "plain", str(root)], env=env, timeout=timeout)


def plain_build(root: Path, site: Path, env: dict[str, str], timeout: float) -> Run:
    """``mkdocs build`` of the pre-rendered pages into a fresh ``site``."""
    command = [PYTHON, "-m", "mkdocs", "build", "--quiet", "--config-file", str(root / PLAIN_CONFIG), "--site-dir", str(site)]
    return run(command, env=env, timeout=timeout)


def write_plain_project(root: Path) -> int:
    """The same site as ``python -m generator build`` makes, from files instead of the plugin; returns the page count.

    The pages are ``generate(...).pages`` as Markdown, the navigation is ``render.navigation``,
    and the files the plugin adds (claims.json, the evidence bundle, the schemas) are copied in,
    so both builds write the same files.
    """
    from generator.claims import LEDGER_FILE, ledger_json
    from generator.pipeline import generate
    from generator.plugin import BROWSER_ASSETS
    from generator.render import navigation
    from generator.schema import schema_files

    config: dict[str, Any] = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    use_directory_urls = bool(config.get("use_directory_urls", True))
    generated = generate(root, use_directory_urls=use_directory_urls)
    if not generated.ok or generated.content is None:
        raise SystemExit(f"the corpus has errors; first: {next(iter(generated.problems.sorted()))}")
    docs = root / PLAIN_DOCS
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(root / config.get("docs_dir", "docs"), docs)
    for page in generated.pages:
        (docs / page.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.path).write_text(page.markdown, encoding="utf-8")
    (docs / LEDGER_FILE).write_text(ledger_json(generated.content, use_directory_urls), encoding="utf-8")
    for name, target in BROWSER_ASSETS.items():
        (docs / target).parent.mkdir(parents=True, exist_ok=True)
        (docs / target).write_bytes((resources.files("generator") / name).read_bytes())
    (docs / "schemas").mkdir(exist_ok=True)
    for name, schema in schema_files().items():
        (docs / "schemas" / name).write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    config["plugins"] = [p for p in config.get("plugins", []) if not (p == PLUGIN or (isinstance(p, dict) and PLUGIN in p))]
    config["docs_dir"] = PLAIN_DOCS
    config["nav"] = navigation(generated.pages)
    (root / PLAIN_CONFIG).write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(generated.pages)


def linkchecker(site: Path, env: dict[str, str], timeout: float) -> tuple[Run, int]:
    """linkchecker alone over ``site``, served as ``verify`` serves it; returns the run and the links it reported."""
    from generator.linkcheck import INTERNAL_CONFIG, serve_site

    with tempfile.TemporaryDirectory(prefix="linkcheck-") as folder, serve_site(site) as base:
        config = Path(folder) / "linkcheckerrc"
        config.write_text(INTERNAL_CONFIG, encoding="utf-8")
        os.chmod(folder, 0o755)
        os.chmod(config, 0o644)  # readable after linkchecker drops root privileges
        command = [PYTHON, "-m", "linkcheck", "-f", str(config), "--no-status", "--no-robots", "-v", "-o", "csv", base]
        result = run(command, cwd=Path(folder), env=env, timeout=timeout, ok_codes=(0, 1))  # 1: "found problems"
    return result, max(result.stdout_lines - 1, 0) if result.ok else 0  # less the CSV header row


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.baselines", description="Write the plain Material project for a corpus.")
    parser.add_argument("command", choices=("plain",))
    parser.add_argument("root", type=Path)
    args = parser.parse_args(argv)
    print(write_plain_project(args.root.resolve()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
