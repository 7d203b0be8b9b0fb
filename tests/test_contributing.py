"""CONTRIBUTING.md's walkthrough, run literally: every ``sh`` block of the section, in order, in a
fresh clone of the repository. If the guide and the tools drift apart, this fails."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, shipped_env

SECTION = "## Walkthrough: add a frequently asked question"


def walkthrough_commands() -> list[str]:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def test_the_walkthrough_has_the_steps_a_contributor_needs() -> None:
    commands = walkthrough_commands()
    assert commands[0] == "make setup"
    assert any(command.startswith(".venv/bin/python -m generator new faq ") for command in commands)
    assert any("check" in command for command in commands) and any("build" in command for command in commands)


def test_the_walkthrough_runs_as_written(tmp_path: Path) -> None:
    clone = tmp_path / "fork"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    for name in (".venv", "node_modules"):  # what `make setup` made here; the stamp makes it a no-op there
        if (REPO / name).exists():
            (clone / name).symlink_to(REPO / name)
    shutil.copytree(REPO / "generator/static", clone / "generator/static")  # the bundle `npm run build` made
    os.utime(REPO / ".venv/.installed")
    # The clone lacks what this checkout has not committed yet: changed, staged, moved and new (not ignored) files.
    def listed(*command: str) -> list[str]:
        return subprocess.run(["git", *command], cwd=REPO, capture_output=True, text=True, check=True).stdout.splitlines()

    for gone in listed("diff", "--name-only", "--diff-filter=D", "HEAD"):
        (clone / gone).unlink(missing_ok=True)
    for changed in listed("diff", "--name-only", "--diff-filter=d", "HEAD") + listed("ls-files", "--others", "--exclude-standard"):
        (clone / changed).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / changed, clone / changed, follow_symlinks=False)
    env = shipped_env()
    for command in walkthrough_commands():
        run = subprocess.run(command, shell=True, cwd=clone, capture_output=True, text=True, check=False, env=env, timeout=600)
        assert run.returncode == 0, f"`{command}` failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    faq = (clone / "content/faqs/can-support-see-my-password.yaml").read_text(encoding="utf-8")
    assert "question: Can OKX support see my password?" in faq
    assert "Can OKX support see my password?" in (clone / "site/faq/index.html").read_text(encoding="utf-8")
