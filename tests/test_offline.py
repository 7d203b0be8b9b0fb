"""The offline copy as published: a reproducible zip of the site built for file://, with nothing
in it that reaches the network. tests/browser/test_offline.py opens it in Chromium."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import make_project

from generator.cli import main
from generator.offline import FOLDER
from generator.page_safety import unknown_inline_scripts
from generator.plugin import IFRAME_WORKER, OFFLINE_ZIP


@pytest.fixture(scope="module")
def bundle(shipped_site: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(shipped_site / OFFLINE_ZIP)


def test_the_zip_unpacks_into_one_folder_with_a_readme(bundle: zipfile.ZipFile) -> None:
    names = bundle.namelist()
    assert all(name.startswith(FOLDER + "/") for name in names)
    for needed in ("README.txt", "index.html", "faq.html", "playbooks/account-takeover.html", "search/search_index.js", IFRAME_WORKER):
        assert f"{FOLDER}/{needed}" in names, needed
    assert "open index.html" in bundle.read(f"{FOLDER}/README.txt").decode().lower()
    assert not any("downloads/" in name for name in names), "the copy must not hold a copy of itself"


def test_links_in_the_copy_open_files_and_nothing_reaches_the_network(bundle: zipfile.ZipFile) -> None:
    for name in bundle.namelist():
        if not name.endswith(".html"):
            continue
        html = bundle.read(name).decode()
        assert "unpkg.com" not in html and "iframe-worker.js" in html, name
        for address in re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"', html):
            assert not re.match(r"(?:https?:)?//", address) or 'rel="canonical"' in html, f"{name} loads {address}"
        for link in re.findall(r'<a [^>]*href="([^"#:]+/)"', html):
            pytest.fail(f"{name} links to the folder {link}, which a browser cannot open from disk")


def test_the_copy_runs_only_scripts_it_knows(bundle: zipfile.ZipFile) -> None:
    """The same policy as the site: no 'unsafe-inline', since search runs there from script files only."""
    assert f"{FOLDER}/assets/javascripts/iframe-worker-scope.js" in bundle.namelist()
    for name in bundle.namelist():
        if name.endswith(".html"):
            html = bundle.read(name).decode()
            policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
            assert policy and "script-src 'self'" in policy.group(1) and "unsafe" not in policy.group(1), name
            assert unknown_inline_scripts(html) == [], name


def test_the_footer_offers_the_copy_with_its_size(shipped_site: Path, bundle: zipfile.ZipFile) -> None:
    html = (shipped_site / "faq/index.html").read_text(encoding="utf-8")
    size = f"{(shipped_site / OFFLINE_ZIP).stat().st_size / 1e6:.1f} MB"
    assert f'href="../{OFFLINE_ZIP}" download' in html and size in html


def test_the_zip_is_reproducible(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    zips = []
    for run in ("first", "second"):
        assert main(["--root", str(project), "build", "--with-offline", "--site-dir", str(tmp_path / run)]) == 0
        zips.append((tmp_path / run / OFFLINE_ZIP).read_bytes())
    assert zips[0] == zips[1]


def test_without_the_offline_plugin_the_build_stops_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"\n  - offline:\n      enabled: false", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["--root", str(project), "build", "--with-offline"]) == 1
    assert "needs Material's offline plugin" in capsys.readouterr().err
    assert not (project / "site").exists()
