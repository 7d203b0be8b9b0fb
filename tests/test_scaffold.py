"""`python -m generator new`: files a first-time contributor starts from, refused until filled in."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.kinds import KIND_BY_NAME, KINDS

UNUSED_UNTIL_USED = {
    "allowed-figure": "is not used by any text",
    "link-exception": "no longer",
}
"""Kinds whose record is an error while nothing uses it: once filled in, that is their only error."""


@pytest.mark.parametrize("kind", sorted(kind.name for kind in KINDS if kind.name != "claim"))
def test_a_scaffolded_file_is_refused_until_every_placeholder_is_replaced(project: Path, cli, kind: str) -> None:
    run = cli("--root", project, "new", kind, f"new-{kind}")
    folder = KIND_BY_NAME[kind].folder
    assert run.code == 0 and run.err.startswith(f"wrote content/{folder}/new-{kind}.yaml")
    assert "replace every text that starts with REPLACE:, then run: " in run.err and run.err.rstrip().endswith("-m generator check")
    path = next((project / "content").rglob(f"new-{kind}.yaml"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and f"id: new-{kind}\n" in text
    check = cli("--root", project, "check")
    errors = [line for line in check.lines if ": error: " in line]
    placeholders = [line for line in errors if "is still the placeholder that `new` wrote" in line]
    assert check.code == 1 and placeholders and len(errors) - len(placeholders) == (kind in UNUSED_UNTIL_USED)
    path.write_text(text.replace("REPLACE: ", "Written: ").replace("/REPLACE", "/written"), encoding="utf-8")
    check = cli("--root", project, "check")
    errors = [line for line in check.lines if ": error: " in line]
    if kind in UNUSED_UNTIL_USED:
        assert len(errors) == 1 and UNUSED_UNTIL_USED[kind] in errors[0], errors
    else:
        assert check.code == 0 and errors == []


def test_a_scaffolded_claim_quotes_its_source_and_passes(project: Path, cli) -> None:
    assert cli("--root", project, "new", "claim", "lock-time", "--source", "demo-help").code == 0
    text = (project / "content/claims/lock-time.yaml").read_text(encoding="utf-8")
    assert 'quote: "You cannot withdraw for 24 hours after changing your password."' in text
    claim = project / "content/claims/lock-time.yaml"
    stated = claim.read_text(encoding="utf-8").replace("REPLACE: the statement", "Withdrawals pause after a password change")
    claim.write_text(stated, encoding="utf-8")
    assert cli("--root", project, "check").lines == [
        ("content/claims/lock-time.yaml:4:5: warning: claim 'lock-time' is not used by any text; "
        "show it with {claim:lock-time} or {cite:lock-time}, or delete it")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "faq", "how-long"], "error: content/faqs/how-long.yaml already exists; edit it, or choose another id"),
        (["new", "faq", "Not_An_Id"], "error: 'Not_An_Id' is not an id: use lower-case words joined by hyphens"),
        (["new", "claim", "x"], "error: a claim needs its source: add --source SOURCE-ID"),
        (["new", "claim", "x", "--source", "nowhere"], "error: no source 'nowhere' in content/sources/"),
    ],
)
def test_scaffolding_refuses_clearly(project: Path, cli, args: list[str], message: str) -> None:
    before = sorted(path.name for path in (project / "content").rglob("*.yaml"))
    run = cli("--root", project, *args)
    assert run.code == 1 and run.err.startswith(message)
    assert sorted(path.name for path in (project / "content").rglob("*.yaml")) == before


def test_new_writes_into_the_content_dir_mkdocs_yml_names(project: Path, cli) -> None:
    (project / "content").rename(project / "data")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("content_dir: content", "content_dir: data"), encoding="utf-8")
    run = cli("--root", project, "new", "faq", "in-data")
    assert run.code == 0 and run.err.startswith("wrote data/faqs/in-data.yaml")
    assert cli("--root", project, "new", "claim", "c", "--source", "demo-help").code == 0
    assert (project / "data/claims/c.yaml").is_file() and not (project / "content").exists()
