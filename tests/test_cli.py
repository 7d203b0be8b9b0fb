"""``python -m generator``: exit codes, problem output, and builds that never damage the last good site."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _tree_digest(folder: Path, without: str | None = None) -> str:
    """A digest of every name and byte under ``folder``; ``without``: a subfolder left out."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if without and path.relative_to(folder).as_posix().startswith(without + "/"):
            continue
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_check_clean_corpus_exits_zero(project: Path, cli) -> None:
    run = cli("--root", project, "check")
    assert (run.code, run.out, run.err) == (0, "", "")


def test_check_reports_every_problem_and_exits_one(project: Path, cli) -> None:
    (project / "content/faqs/how-long.yaml").write_text("id: how-long\nquestion: Q?\nanswer: A.\nanswer: B.\n")
    (project / "content/risks/takeover.yaml").write_text((project / "content/risks/takeover.yaml").read_text().replace("severe", "huge"))
    run = cli("--root", project, "check")
    assert run.code == 1
    assert run.lines == [
        "content/faqs/how-long.yaml:4:1: error: duplicate field 'answer' (first at line 3)",
        "content/risks/takeover.yaml:4:9: error: impact: 'huge' is not allowed; use one of: minor, moderate, major, severe",
    ]
    assert run.err == "2 errors, 0 warnings\n"


def test_warnings_fail_only_with_strict(project: Path, cli) -> None:
    spare = (project / "content/claims/transfer-irreversible.yaml").read_text().replace("id: transfer-irreversible", "id: spare")
    (project / "content/claims/spare.yaml").write_text(spare)
    assert cli("--root", project, "check").code == 0
    strict = cli("--root", project, "check", "--strict")
    assert strict.code == 1
    assert strict.lines == [
        ("content/claims/spare.yaml:1:5: warning: claim 'spare' is not used by any text; "
        "show it with {claim:spare} or {cite:spare}, or delete it")
    ]


def test_usage_mistakes_exit_two(tmp_path: Path, cli) -> None:
    assert cli("frobnicate").code == 2
    assert cli().code == 2
    missing = cli("--root", tmp_path, "check")
    assert missing.code == 2 and "no mkdocs.yml" in missing.err


def test_build_writes_the_site(project: Path, cli) -> None:
    run = cli("--root", project, "build", "--strict")
    assert run.code == 0, run.err
    assert (project / "site/index.html").is_file()
    assert (project / "site/playbooks/withdrawal-locked/index.html").is_file()
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "staging folders must be cleaned up"


def test_failed_build_leaves_previous_site_exactly_as_it_was(project: Path, cli) -> None:
    assert cli("--root", project, "build").code == 0
    before = _tree_digest(project / "site")
    (project / "content/faqs/reverse.yaml").write_text("id: reverse\nquestion: Q?\nanswer: See {playbook:nowhere}.\n")
    run = cli("--root", project, "build")
    assert run.code == 1
    assert run.lines == ["content/faqs/reverse.yaml:3:13: error: unknown playbook 'nowhere'"]
    assert "left as it was" in run.err
    assert _tree_digest(project / "site") == before


def test_mkdocs_failure_after_checks_leaves_previous_site(project: Path, cli) -> None:
    assert cli("--root", project, "build").code == 0
    before = _tree_digest(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: missing-overrides\n"))
    run = cli("--root", project, "build")
    assert run.code == 1
    assert "missing-overrides" in run.err and "Traceback" not in run.err
    assert _tree_digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]


def test_no_traceback_from_the_real_command(project: Path) -> None:
    (project / "content/faqs/how-long.yaml").write_bytes(b"id: how-long\nquestion: \xff\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "check"], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "content/faqs/how-long.yaml:2:11: error: file is not valid UTF-8 (byte 0xff)"
    assert "Traceback" not in result.stderr


def test_serve_rebuilds_when_content_changes(project: Path, free_port: int) -> None:
    import urllib.request

    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{free_port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{free_port}/faq/"

    def fetch() -> str:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()

    def wait_for(predicate, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise AssertionError(f"serve exited: {server.stdout.read()}")
            try:
                page = fetch()
                if predicate(page):
                    return page
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError("serve did not show the expected page in time")

    try:
        wait_for(lambda page: "How long does the withdrawal lock last?" in page)
        faq = project / "content/faqs/how-long.yaml"
        faq.write_text(faq.read_text().replace("How long does the withdrawal lock last?", "How long is the lock, freshly edited?"))
        wait_for(lambda page: "How long is the lock, freshly edited?" in page)
        # A broken edit: serve keeps serving the last good build and prints the problem.
        faq.write_text("id: how-long\nquestion: [unclosed\n")
        time.sleep(3)
        assert "How long is the lock, freshly edited?" in wait_for(lambda page: True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        output = server.stdout.read()
        server.stdout.close()
    assert "content/faqs/how-long.yaml:" in output and "YAML syntax error" in output, output[-2000:]


def test_a_build_killed_midway_leaves_the_previous_site_intact(project: Path, cli) -> None:
    assert cli("--root", project, "build").code == 0
    before, before_unsearched = _tree_digest(project / "site"), _tree_digest(project / "site", "pagefind")
    build = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "build"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while not any(path.name.startswith(".site.building-") and any(path.rglob("*.html")) for path in project.iterdir()):
        assert time.monotonic() < deadline and build.poll() is None, "the build finished before it could be killed"
        time.sleep(0.01)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(timeout=20)
    assert _tree_digest(project / "site") == before
    rerun = cli("--root", project, "build")
    assert rerun.code == 0
    # Pagefind's index (pagefind/) is not byte-for-byte reproducible yet (a known gap, see the CHANGELOG).
    assert _tree_digest(project / "site", "pagefind") == before_unsearched, "a rebuild of unchanged content gives the same site"
    assert not [path for path in project.iterdir() if path.name.startswith(".site.")], "the killed build's leftovers are cleaned up"
