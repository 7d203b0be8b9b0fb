"""The plugin as another team installs it: the sdist and wheel built from this package, installed into
a fresh virtual environment, build a site of that team's own from its own mkdocs.yml.

Only the package's files are copied to build it and only content goes into the other site: if the
package forgot a stylesheet, a script, a template or a schema, this site shows it. No network: the
fresh environment finds the dependencies (MkDocs, Material, ...) in this project's locked .venv
through a path file, and the package itself comes from the wheel, never from this checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import MINI, REPO, shipped_env

OTHER_SITE = """\
site_name: Harbour Exchange Help
docs_dir: pages
theme:
  name: material
plugins:
  - search
  - missing-funds-playbook:
      content_dir: data
"""
"""A site that lists none of our extensions, stylesheets, scripts or overrides."""


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed; returns its Python."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    # sdist first, then the wheel from the sdist: what pip does with a release, so both must be whole.
    built = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist"), str(source)],
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    fresh = venv / "bin" / "python"
    purelib = Path(subprocess.run([str(fresh), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip())  # fmt: skip
    (purelib / "locked-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheel = next((work / "dist").glob("*.whl"))
    install = [sys.executable, "-m", "pip", "--python", str(fresh), "install", "--no-deps", "--no-index", "--quiet", str(wheel)]
    installed = subprocess.run(install, capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr
    return fresh


def test_the_wheel_and_sdist_carry_what_the_site_needs(fresh_python: Path) -> None:
    wheel = next(fresh_python.parent.parent.parent.glob("dist/*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("generator/static/evidence.js", "generator/static/iframe-worker.js", "generator/static/iframe-worker-scope.js",
                   "generator/static/stylesheets/playbook.css", "generator/static/javascripts/checklists.js",
                   "generator/theme/main.html", "generator/templates/playbook.md.j2", "generator/schemas/playbook.schema.json",
                   "generator/link_policy.yaml"):  # fmt: skip
        assert needed in names, needed
    where = subprocess.run([str(fresh_python), "-c", "import generator; print(generator.__file__)"],
                           capture_output=True, text=True, check=True, cwd=fresh_python.parent)  # fmt: skip
    assert str(fresh_python.parent.parent) in where.stdout, "the fresh environment must import the installed wheel, not this checkout"


@pytest.mark.parametrize("command", ["mkdocs", "generator"])
def test_another_site_builds_from_its_own_mkdocs_yml(fresh_python: Path, tmp_path: Path, command: str) -> None:
    site = tmp_path / "harbour"
    (site / "pages").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(OTHER_SITE, encoding="utf-8")
    shutil.copytree(MINI / "content", site / "data")
    run = [str(fresh_python), "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml")] if command == "mkdocs" else \
          [str(fresh_python), "-m", "generator", "--root", str(site), "build", "--strict"]  # fmt: skip
    built = subprocess.run(run, capture_output=True, text=True, check=False, cwd=tmp_path, env=shipped_env(PYTHONPATH=""))
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    pages = sorted((site / "site").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Missing Funds Playbook" not in html, f"{page}: another site's name must not say ours"
        assert "{ #" not in html and 'tabindex="-1" }' not in html, f"{page}: attribute lists must be applied, not shown"
        assert 'http-equiv="Content-Security-Policy" content="default-src' in html and "__MFP_CSP__" not in html, page
    start = (site / "site/index.html").read_text(encoding="utf-8")
    assert "<title>Harbour Exchange Help</title>" in start
    assert 'href="assets/stylesheets/playbook.css"' in start and 'src="assets/javascripts/checklists.js"' in start
    for asset in ("assets/stylesheets/playbook.css", "assets/javascripts/triage.js", "assets/javascripts/evidence.js"):
        assert (site / "site" / asset).is_file(), asset
    checklist = (site / "site/checklists/basics/index.html").read_text(encoding="utf-8")
    assert "Harbour Exchange Help · Account basics" in checklist, "the print stamp names the site it belongs to"


def test_a_theme_that_is_not_material_is_refused_plainly(fresh_python: Path, tmp_path: Path) -> None:
    site = tmp_path / "plain"
    (site / "pages").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(OTHER_SITE.replace("name: material", "name: mkdocs"), encoding="utf-8")
    shutil.copytree(MINI / "content", site / "data")
    built = subprocess.run([str(fresh_python), "-m", "mkdocs", "build", "-f", str(site / "mkdocs.yml")],
                           capture_output=True, text=True, check=False, cwd=tmp_path, env=shipped_env(PYTHONPATH=""))  # fmt: skip
    assert built.returncode == 1 and "needs the Material theme" in built.stderr and "Traceback" not in built.stderr
