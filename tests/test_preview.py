"""The live preview (``serve``'s dirty builds): after an edit it builds only the pages that changed, and
the site it then serves is the site a full build of the edited content gives, file for file."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.pipeline import generate
from generator.plugin import PlaybookPlugin
from generator.preview import Preview
from generator.render import LIST_LIMIT

SERVE_URL = "http://127.0.0.1:8000/"


class Session:
    """One preview as ``serve`` runs it: one plugin kept across builds into one folder."""

    def __init__(self, project: Path, site_dir: Path, dirty: bool = True) -> None:
        self.project, self.site_dir, self.dirty = project, site_dir, dirty
        self.started = False

    def build(self) -> set[str]:
        """Build as ``serve`` does after a change; return the URLs of the pages built."""
        config = load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site_dir))
        if not self.started:
            config.plugins.on_startup(command="serve", dirty=self.dirty)
            self.started = True
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=self.dirty)
        plugin = config.plugins["missing-funds-playbook"]
        assert isinstance(plugin, PlaybookPlugin)
        return plugin.preview.built if plugin.preview is not None else set()


@pytest.fixture
def session(project: Path, tmp_path: Path) -> Iterator[Session]:
    yield Session(project, tmp_path / "preview")
    # The plugin is kept for the whole process (it defines on_startup): leave it as a build finds it.
    load_config(config_file=str(project / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)


def _tree(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}  # fmt: skip


def _full_build(project: Path, tmp_path: Path) -> dict[str, str]:
    """What a preview started afresh on the same content serves."""
    Session(project, tmp_path / "fresh", dirty=False).build()
    return _tree(tmp_path / "fresh")


def _differences(served: dict[str, str], full: dict[str, str]) -> list[str]:
    return sorted(name for name in served.keys() | full.keys() if served.get(name) != full.get(name))


def test_a_text_edit_builds_its_page_alone_and_serves_what_a_full_build_gives(session: Session, project: Path, tmp_path: Path) -> None:
    everything = session.build()
    assert {"", "playbooks/account-takeover/", "faq/"} <= everything
    playbook = project / "content/playbooks/account-takeover.yaml"
    playbook.write_text(playbook.read_text().replace("Logins you do not recognise.", "Logins from a country you never visited."))
    built = session.build()
    assert built == {"playbooks/account-takeover/"}
    served = _tree(session.site_dir)
    assert "Logins from a country you never visited." in (session.site_dir / "playbooks/account-takeover/index.html").read_text()
    assert not _differences(served, _full_build(project, tmp_path))


def test_a_title_in_the_navigation_builds_every_page_again(session: Session, project: Path, tmp_path: Path) -> None:
    everything = session.build()
    playbook = project / "content/playbooks/account-takeover.yaml"
    playbook.write_text(playbook.read_text().replace("title: Someone else is in my account", "title: A stranger is in my account"))
    assert session.build() == everything, "every page shows the navigation, which lists this title"
    assert "A stranger is in my account" in (session.site_dir / "faq/index.html").read_text()
    assert not _differences(_tree(session.site_dir), _full_build(project, tmp_path))


def test_a_broken_edit_builds_nothing_and_keeps_the_last_good_site(session: Session, project: Path) -> None:
    session.build()
    before = _tree(session.site_dir)
    (project / "content/faqs/how-long.yaml").write_text("id: how-long\nquestion: [unclosed\n")
    assert session.build() == set()
    assert _tree(session.site_dir) == before


def test_a_removed_page_is_gone_from_the_preview_when_the_navigation_stays(session: Session, project: Path, tmp_path: Path) -> None:
    """Past LIST_LIMIT situations the navigation lists only the list of them, so a removal changes a few pages."""
    original = (project / "content/playbooks/withdrawal-locked.yaml").read_text()
    for number in range(LIST_LIMIT + 1):
        copy = original.replace("id: withdrawal-locked", f"id: locked-copy-{number}").replace("related: [account-takeover]", "")
        (project / f"content/playbooks/locked-copy-{number}.yaml").write_text(copy)
    session.build()
    assert (session.site_dir / "playbooks/locked-copy-3/index.html").is_file()
    (project / "content/playbooks/locked-copy-3.yaml").unlink()
    built = session.build()
    assert "playbooks/" in built and len(built) < 10, built
    assert not (session.site_dir / "playbooks/locked-copy-3").exists()
    assert not _differences(_tree(session.site_dir), _full_build(project, tmp_path))


def test_the_search_index_after_edits_is_a_full_builds() -> None:
    """Material's search plugin indexes only the pages a dirty build renders: the preview keeps the others'."""
    preview, outputs = Preview(), {"": "index.html", "a/": "a/index.html", "b/": "b/index.html"}
    preview.start([], "site")  # in the order of MkDocs' events: config, nav, each page built, post-build
    preview.place(outputs)
    preview.built = {"", "a/", "b/"}
    index = {"config": {}, "docs": [{"location": ""}, {"location": "a/"}, {"location": "a/#x", "text": "old"}, {"location": "b/"}]}
    preview.merge_search(index)
    preview.succeeded()
    preview.start([], "site")
    preview.place(outputs)
    preview.built = {"a/"}  # the section x of page a/ is gone, a section y is new
    merged = preview.merge_search({"config": {}, "docs": [{"location": "a/"}, {"location": "a/#y", "text": "new"}]})
    assert [doc["location"] for doc in merged["docs"]] == ["", "a/", "a/#y", "b/"]


def test_a_build_after_a_preview_in_the_same_process_is_published_as_a_build(session: Session, project: Path, cli) -> None:
    """The plugin outlives a preview in its process: a build must not keep the preview's policy ('unsafe-inline' for the reload script)."""
    session.build()
    assert "'unsafe-inline'" in (session.site_dir / "faq/index.html").read_text()
    assert cli("--root", project, "build").code == 0
    assert "'unsafe-inline'" not in (project / "site/faq/index.html").read_text()


def test_a_preview_starts_from_nothing_an_earlier_run_in_the_process_left(project: Path, tmp_path: Path) -> None:
    """The plugin outlives every run in its process: content a failed build was handed, or the last good content of
    another preview, must not reach a new preview (the likely cause of a preview test that failed only in a full run, its
    first build showing other content)."""
    other = tmp_path / "other"
    shutil.copytree(project, other)
    faq = other / "content/faqs/how-long.yaml"
    faq.write_text(faq.read_text().replace("How long does the withdrawal lock last?", "A question of the other project?"))
    plugin = load_config(config_file=str(project / "mkdocs.yml")).plugins["missing-funds-playbook"]
    assert isinstance(plugin, PlaybookPlugin)
    plugin.preloaded = plugin.last_good = generate(other, "content")
    session = Session(project, tmp_path / "preview")
    try:
        session.build()
    finally:
        load_config(config_file=str(project / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)
    assert "How long does the withdrawal lock last?" in (session.site_dir / "faq/index.html").read_text()
