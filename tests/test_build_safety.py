"""``build`` never deletes what it did not build, and stops cleanly on Ctrl-C or a full disk.

The build replaces its whole target folder by a staged copy, so a wrong ``--site-dir`` once deleted
the repository (``--site-dir .``) or its content (``--site-dir content``). Every target here lives in
the test's own temporary folder: the ``project`` fixture is a copy of the mini corpus.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MARKER = ".missing-funds-playbook-build"


def _tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (dotfiles and empty folders included) with its bytes' digest, its link target, or ``dir``."""
    tree: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            tree[name] = "-> " + os.readlink(path)
        elif path.is_dir():
            tree[name] = "dir"
        else:
            tree[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return tree


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if ".building-" in path.name or ".previous-" in path.name)


def _refused(run, where: Path, before: dict[str, str]) -> None:
    """The build said no in one line, exited 1 and left every file in place."""
    assert run.code == 1, run.err
    assert run.out == ""
    assert len(run.err.splitlines()) == 1 and run.err.startswith("error: "), run.err
    assert "Traceback" not in run.err
    assert _tree(where) == before


# --- targets that are not ours ------------------------------------------------------------------


def test_a_foreign_folder_is_refused(project: Path, tmp_path: Path, cli) -> None:
    photos = tmp_path / "photos"
    (photos / "2024").mkdir(parents=True)
    (photos / "2024/beach.jpg").write_bytes(b"\xff\xd8 not really a photo")
    (photos / ".hidden").write_text("keep me\n")
    before = _tree(tmp_path)
    run = cli("--root", project, "build", "--site-dir", photos)
    _refused(run, tmp_path, before)
    assert "not empty" in run.err and str(photos) in run.err


@pytest.mark.parametrize(
    ("site_dir", "reason"),
    [(".", "project root"), ("content", "content"), ("content/faqs", "content"), ("..", "holds the project"), (".git", ".git")],
    ids=["project-root", "content", "inside-content", "parent-of-the-project", "git"],
)
@pytest.mark.parametrize("marked", [False, True], ids=["plain", "with-a-build-marker"])
def test_the_project_and_its_ancestors_are_refused(project: Path, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch, site_dir: str,
                                                   reason: str, marked: bool) -> None:  # fmt: skip
    """Relative to the current folder, as typed at a shell; refused even if the folder carries a build marker."""
    (project / ".git/objects").mkdir(parents=True)
    (project / ".git/HEAD").write_text("ref: refs/heads/main\n")
    if marked:
        (project / site_dir / MARKER).write_text("planted\n")
    monkeypatch.chdir(project)
    before = _tree(tmp_path)
    run = cli("--root", project, "build", "--site-dir", site_dir)
    _refused(run, tmp_path, before)
    assert reason in run.err


@pytest.mark.parametrize("marked", [False, True], ids=["plain", "with-a-build-marker"])
def test_the_home_folder_is_refused(project: Path, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch, marked: bool) -> None:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh/id_ed25519").write_text("not a real key\n")
    (home / "notes.txt").write_text("groceries\n")
    if marked:
        (home / MARKER).write_text("planted\n")
    monkeypatch.setenv("HOME", str(home))
    before = _tree(tmp_path)
    run = cli("--root", project, "build", "--site-dir", home)
    _refused(run, tmp_path, before)
    assert "home folder" in run.err
    _refused(cli("--root", project, "build", "--site-dir", tmp_path), tmp_path, before)  # it holds the home folder (and the project)


def test_a_symlink_to_the_project_is_refused(project: Path, tmp_path: Path, cli) -> None:
    link = tmp_path / "site-link"
    link.symlink_to(project, target_is_directory=True)
    before = _tree(tmp_path)
    _refused(cli("--root", project, "build", "--site-dir", link), tmp_path, before)


def test_a_file_is_refused(project: Path, tmp_path: Path, cli) -> None:
    target = tmp_path / "site.txt"
    target.write_text("a file, not a folder\n")
    before = _tree(tmp_path)
    run = cli("--root", project, "build", "--site-dir", target)
    _refused(run, tmp_path, before)
    assert "not a folder" in run.err


def test_the_guard_runs_before_anything_else(project: Path, tmp_path: Path, cli) -> None:
    """A refused target costs no build: nothing is checked, staged or cleaned up beside it."""
    (tmp_path / ".photos.building-999999999-x").mkdir()  # looks like a killed build's leftover, but it is not beside our target
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "a.jpg").write_bytes(b"x")
    before = _tree(tmp_path)
    _refused(cli("--root", project, "build", "--site-dir", photos), tmp_path, before)


# --- targets that are fine ----------------------------------------------------------------------


@pytest.mark.parametrize("exists", [False, True], ids=["new", "empty"])
def test_a_new_or_empty_folder_is_built_and_marked(project: Path, tmp_path: Path, cli, exists: bool) -> None:
    target = tmp_path / "out" / "site"
    if exists:
        target.mkdir(parents=True)
    run = cli("--root", project, "build", "--site-dir", target)
    assert run.code == 0, run.err
    assert (target / "index.html").is_file()
    assert (target / MARKER).is_file()
    assert _leftovers(target.parent) == []


def test_a_previous_build_is_rebuilt(project: Path, cli) -> None:
    assert cli("--root", project, "build").code == 0
    site = project / "site"
    first = _tree(site)
    (site / "stale.html").write_text("<p>from an older build</p>\n")
    run = cli("--root", project, "build")
    assert run.code == 0, run.err
    # Pagefind's chunked index (pagefind/) is not byte-for-byte reproducible between builds yet (its
    # files differ run to run; a known gap, see the CHANGELOG): every other file must be the same.
    def unsearched(tree: dict[str, str]) -> dict[str, str]:
        return {name: value for name, value in tree.items() if not name.startswith("pagefind/")}

    assert unsearched(_tree(site)) == unsearched(first), "the rebuild replaced the whole folder, stray files included"
    assert _leftovers(project) == []


def test_the_marker_stays_out_of_the_offline_copy_and_verify_passes(project: Path, cli) -> None:
    import zipfile

    assert cli("--root", project, "build", "--with-offline").code == 0
    with zipfile.ZipFile(project / "site/downloads/missing-funds-playbook-offline.zip") as bundle:
        assert not [name for name in bundle.namelist() if MARKER in name]
    run = cli("--root", project, "verify", "--no-crawl")
    assert run.code == 0, run.out + run.err


def test_the_site_folder_is_never_missing_during_the_swap(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever renames the swap makes, site/index.html exists after each one: a server never sees a gap."""
    assert cli("--root", project, "build").code == 0
    site = project / "site"
    seen: list[bool] = []
    for name in ("rename", "replace"):
        real = getattr(os, name)

        def spy(*args, _real=real, **kwargs):  # type: ignore[no-untyped-def]
            result = _real(*args, **kwargs)
            seen.append((site / "index.html").is_file())
            return result

        monkeypatch.setattr(os, name, spy)
    assert cli("--root", project, "build").code == 0
    assert all(seen), seen
    assert (site / "index.html").is_file() and (site / MARKER).is_file()


def test_the_swap_falls_back_to_two_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the file system cannot exchange two folders, the old site moves aside for the new one and ends where the staging was."""
    from generator import site_dir as site_folder

    old, new = tmp_path / "site", tmp_path / ".site.building-1"
    for folder, text in ((old, "old"), (new, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    monkeypatch.setattr(site_folder, "_exchange", lambda a, b: False)
    site_folder.swap_in(new, old)
    assert (old / "index.html").read_text() == "new" and (new / "index.html").read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site.building-1", "site"]


# --- Ctrl-C and a full disk ---------------------------------------------------------------------


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, module: object, name: str, before: bool = False) -> None:
    """Send this process a real SIGINT right after (or before) ``module.name`` runs."""
    real = getattr(module, name)

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        if before:
            os.kill(os.getpid(), signal.SIGINT)
        result = real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # the KeyboardInterrupt arrives here
        return result

    monkeypatch.setattr(module, name, interrupted)


def _run_interrupted(cli, *args: str | Path):  # type: ignore[no-untyped-def]
    try:
        return cli(*args)
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C escaped as a KeyboardInterrupt (a traceback on the command line)")


def test_ctrl_c_during_a_build_keeps_the_old_site(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.commands.build

    assert cli("--root", project, "build").code == 0
    before = _tree(project / "site")
    _interrupt_after(monkeypatch, mkdocs.commands.build, "build")  # the staged site is written, not yet swapped in
    run = _run_interrupted(cli, "--root", project, "build")
    assert run.code == 130
    assert run.err.splitlines()[-1] == "interrupted" and "Traceback" not in run.err
    assert _tree(project / "site") == before
    assert _leftovers(project) == []


def test_ctrl_c_during_check(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import cli as cli_module

    _interrupt_after(monkeypatch, cli_module, "check_content", before=True)  # what `check` runs (it renders no page)
    run = _run_interrupted(cli, "--root", project, "check")
    assert (run.code, run.out, run.err) == (130, "", "interrupted\n")


def test_a_real_ctrl_c_during_a_build(project: Path) -> None:
    """The whole program, as a shell runs it: SIGINT to its process group while it writes the staged site."""
    first = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"], capture_output=True, check=False)
    assert first.returncode == 0
    before = _tree(project / "site")
    build = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "build"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while not any(path.name.startswith(".site.building-") and any(path.rglob("*.html")) for path in project.iterdir()):
        assert time.monotonic() < deadline and build.poll() is None, "the build finished before it could be interrupted"
        time.sleep(0.01)
    os.killpg(build.pid, signal.SIGINT)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 130, err
    assert err.splitlines()[-1] == "interrupted" and "Traceback" not in err, err
    assert _tree(project / "site") == before
    assert _leftovers(project) == []


def test_a_real_ctrl_c_stops_serve(project: Path, free_port: int) -> None:
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{free_port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert time.monotonic() < deadline and server.poll() is None, "serve did not start"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{free_port}/", timeout=5):
                    break
            except OSError:
                time.sleep(0.3)
        os.killpg(server.pid, signal.SIGINT)
        _, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.communicate()
    assert server.returncode == 130, err
    assert err.splitlines()[-1] == "interrupted" and "Traceback" not in err, err


@pytest.mark.parametrize("named", [True, False], ids=["open", "write"])
def test_a_full_disk_keeps_the_old_site(project: Path, cli, monkeypatch: pytest.MonkeyPatch, named: bool) -> None:
    """ENOSPC from MkDocs' writer: with the path (as ``open`` raises it) or without (as ``write`` does)."""
    import mkdocs.utils

    assert cli("--root", project, "build").code == 0
    before = _tree(project / "site")
    real = mkdocs.utils.write_file
    written: list[str] = []

    def full(content: bytes, output_path: str) -> None:
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), *([output_path] if named else []))
        written.append(output_path)
        real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    run = cli("--root", project, "build")
    assert run.code == 1
    errors = [line for line in run.err.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and "Traceback" not in run.err, run.err
    assert "No space left on device" in errors[0]
    assert (".site.building-" if named else str(project / "site")) in errors[0], errors[0]
    assert _tree(project / "site") == before
    assert _leftovers(project) == []


def test_a_failed_search_index_keeps_the_old_site(project: Path, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind, a separate program, fails: one error line with its reason, and the site as it was."""
    assert cli("--root", project, "build").code == 0
    before = _tree(project / "site")
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: out of memory' >&2\nexit 2\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    run = cli("--root", project, "build")
    assert run.code == 1
    errors = [line for line in run.err.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and "Traceback" not in run.err, run.err
    assert "Pagefind failed (exit code 2)" in errors[0] and "Error: out of memory" in errors[0], errors[0]
    assert _tree(project / "site") == before
    assert _leftovers(project) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2(RENAME_EXCHANGE) is Linux's; elsewhere the swap is two renames")
def test_the_swap_is_one_exchange_on_linux(tmp_path: Path) -> None:
    from generator import site_dir as site_folder

    old, new = tmp_path / "site", tmp_path / ".site.building-1"
    for folder, text in ((old, "old"), (new, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    assert site_folder._exchange(new, old)
    assert (old / "index.html").read_text() == "new" and (new / "index.html").read_text() == "old"
