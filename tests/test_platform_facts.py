"""Platforms as data: a new exchange is one YAML file (with its sources and claims), no Python.

The site must gain the platform's landing page, its place in the chooser, and its variant of every
situation whose steps refer to platform facts, in its own words and with its own sources.
"""

from __future__ import annotations

from pathlib import Path

from conftest import make_project

from generator.pipeline import generate
from generator.platform_facts import fact_names, fact_titles

THIRD = """\
id: third
name: Third Exchange
summary: A third made-up exchange, added by a test as one file.
order: 30
official_domains: [third-exchange.example]
links:
  - title: Third Exchange freeze page
    url: https://help.third-exchange.example/freeze
    purpose: security
    playbooks: [account-takeover]
accounts:
  - name: Main wallet
    purpose: Everything lands here.
support_channels:
  - name: Ticket form
    how: Open a ticket from the official website.
facts:
  freeze:
    text: Send the word FREEZE from the official app's help screen.{cite:third-freeze}
  support:
    text: Open a ticket from the official website.{cite:third-freeze}
  deposits:
    absent: Third Exchange has one wallet for everything.
  security_hold:
    text: Third Exchange holds withdrawals for {claim:third-hold} after a security change.
  wrong_network:
    absent: Third Exchange says nothing about the wrong network.
  missing_memo:
    absent: Third Exchange lists no coins that need a memo.
  unsupported_token:
    absent: Third Exchange says nothing about tokens it does not list.
  status_page:
    absent: Third Exchange has no status page.
reviewed: "2026-11-25"
"""
THIRD = THIRD.replace("reviewed:", "".join(  # every other fact, as the profile of a young exchange often must: absent
    f"  {name}:\n    absent: Third Exchange does not say.\n" for name in fact_names() if f"  {name}:" not in THIRD) + "reviewed:")
SOURCE = """\
id: third-help
title: Freeze and holds
publisher: Third Exchange
url: https://help.third-exchange.example/freeze
retrieved: "2026-11-20"
excerpts:
  - Send FREEZE from the help screen to lock your account. Withdrawals are held for 48 hours after a security change.
"""
CLAIMS = {
    "third-freeze": "id: third-freeze\nstatement: Third Exchange can be frozen from the app.\nsource: third-help\n"
                    "quote: Send FREEZE from the help screen to lock your account.\nstatus: verified\nchecked: '2026-11-25'\n",
    "third-hold": "id: third-hold\nstatement: Third Exchange holds withdrawals after a security change.\nvalue: 48 hours\n"
                  "source: third-help\nquote: Withdrawals are held for 48 hours after a security change.\n"
                  "status: verified\nchecked: '2026-11-25'\n",
}  # fmt: skip


def test_a_new_platform_is_one_file_plus_its_evidence(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    content = project / "content"
    before = generate(project)
    assert before.ok and "third.md" not in before.by_path
    (content / "platforms" / "third.yaml").write_text(THIRD, encoding="utf-8")
    (content / "sources" / "third-help.yaml").write_text(SOURCE, encoding="utf-8")
    for ident, text in CLAIMS.items():
        (content / "claims" / f"{ident}.yaml").write_text(text, encoding="utf-8")

    after = generate(project)
    assert after.ok, [str(problem) for problem in after.problems]
    landing = after.by_path["third.md"].markdown
    assert "Send the word FREEZE from the official app" in landing and "48 hours" in landing
    assert all(f'id="fact-{name}"' in landing for name in fact_titles())
    assert [page.path for page in after.pages if page.section == "Platforms"] == ["demo.md", "sample.md", "third.md"]
    assert 'value="third"' in after.by_path["index.md"].markdown  # the chooser offers it

    varying = [path for path, page in after.by_path.items() if path.startswith("playbooks/") and 'class="mfp-variant"' in page.markdown]
    assert varying == ["playbooks/withdrawal-locked.md", "playbooks/account-takeover.md"]
    for path in varying:
        page = after.by_path[path].markdown
        third = page[page.index('id="on-third"') : page.index("</section>", page.index('id="on-third"'))]
        assert "Third Exchange" in third
        # every variant before the general one, which stays last
        assert page.index('id="on-sample"') < page.index('id="on-third"') < page.index('id="on-elsewhere"')
    takeover = after.by_path["playbooks/account-takeover.md"].markdown
    block = takeover[takeover.index('id="on-third"') :]
    assert "Send the word FREEZE" in block.split("</section>")[0]
    assert "https://help.third-exchange.example/freeze" in block.split("</section>")[0]
    locked = after.by_path["playbooks/withdrawal-locked.md"].markdown
    assert "48 hours" in locked[locked.index('id="on-third"') :].split("</section>")[0]


def test_a_platform_missing_a_fact_is_told_which(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    without_status = THIRD.replace("  status_page:\n    absent: Third Exchange has no status page.\n", "")
    (project / "content" / "platforms" / "third.yaml").write_text(without_status, encoding="utf-8")
    generated = generate(project)
    assert "content/platforms/third.yaml:18:3: error: facts: missing required field 'status_page'" in [str(p) for p in generated.problems]


def test_fact_names_come_from_the_schema() -> None:
    assert fact_names() == ("freeze", "support", "deposits", "security_hold", "wrong_network", "missing_memo",
                            "unsupported_token", "status_page", "never_asks", "lost_second_factor", "restricted_account",
                            "travel_rule", "cancel_withdrawal", "delisting", "p2p_disputes", "phone_line",
                            "report_stolen_funds")  # fmt: skip
