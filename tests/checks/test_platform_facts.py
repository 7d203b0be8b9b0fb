"""Platform facts: only steps refer to them, each profiled platform backs them with its own pages,
and one general profile speaks for every other exchange."""

from __future__ import annotations

from checks.conftest import FACTS, PLAYBOOK
from generator.checks import platform_facts, unknown_refs

SOURCE = "id: {id}\ntitle: Freeze\npublisher: {publisher}\nurl: {url}\nretrieved: '2026-11-01'\nexcerpts: [Tap Freeze.]\n"
OFFICIAL = SOURCE.format(id="help", publisher="OKX", url="https://www.okx.com/help/freeze")
ELSEWHERE = SOURCE.format(id="help", publisher="A blog", url="https://blog.example.org/okx")
CLAIM = "id: c\nstatement: OKX can be frozen in the app.\nsource: {source}\nquote: Tap Freeze.\nstatus: verified\nchecked: '2026-11-25'\n"
PROFILE = (
    "id: okx\nname: OKX\nofficial_domains: [okx.com]\n"
    "links:\n  - title: Help\n    url: https://www.okx.com/help\n    purpose: help\n"
    "accounts:\n  - name: Funding\n    purpose: Deposits.\n"
    "support_channels:\n  - name: Chat\n    how: In the app.\n"
    "reviewed: '2026-11-25'\n"
) + FACTS.replace("  freeze:\n    absent: Not stated.\n", "  freeze:\n    text: In the app, tap Freeze.{cite:c}\n")
GENERAL = "id: {id}\nname: Another exchange\ngeneral: true\nreviewed: '2026-11-25'\n" + FACTS
STEP_WITH_FACT = PLAYBOOK.format(id="p").replace("  - action: A\n", "  - action: A\n    detail: '{platform:freeze}'\n")


def _files(**changes: str) -> dict[str, str]:
    files = {
        "content/sources/help.yaml": OFFICIAL,
        "content/claims/c.yaml": CLAIM.format(source="help"),
        "content/platforms/okx.yaml": PROFILE,
        "content/platforms/elsewhere.yaml": GENERAL.format(id="elsewhere"),
        "content/playbooks/p.yaml": STEP_WITH_FACT,
    }
    files.update(changes)
    return files


def test_steps_with_facts_and_a_sourced_profile_pass(run_check) -> None:
    assert run_check(platform_facts.check, _files()) == []


def test_a_fact_outside_the_steps_is_refused_where_it_is_written(run_check) -> None:
    playbook = STEP_WITH_FACT.replace("summary: S.", "summary: 'Freeze it: {platform:freeze}'")
    assert run_check(platform_facts.check, _files(**{"content/playbooks/p.yaml": playbook})) == [
        ("content/playbooks/p.yaml:3:22: error: summary: {platform:freeze} can only be used in a playbook's steps, which are shown once "
        "per platform; write this text so it holds on every exchange"),
    ]


def test_an_unknown_fact_is_named_with_a_suggestion(run_check) -> None:
    playbook = STEP_WITH_FACT.replace("{platform:freeze}", "{platform:frezee}")
    assert run_check(unknown_refs.check, _files(**{"content/playbooks/p.yaml": playbook})) == [
        "content/playbooks/p.yaml:8:14: error: unknown platform fact 'frezee' (did you mean 'freeze'?)",
    ]


def test_a_fact_backed_only_by_another_domain_is_refused(run_check) -> None:
    files = _files(**{"content/sources/help.yaml": ELSEWHERE})
    assert run_check(platform_facts.check, files) == [
        ("content/platforms/okx.yaml:17:11: error: facts.freeze: back this fact with the platform's own page: cite a claim whose source "
        "is on okx.com ({cite:ID}), or write it as absent if OKX has no such thing"),
    ]


def test_steps_with_facts_need_the_general_profile_and_only_one(run_check) -> None:
    files = _files()
    del files["content/platforms/elsewhere.yaml"]
    assert run_check(platform_facts.check, files) == [
        ("content/platforms/okx.yaml:1:1: error: steps refer to platform facts, but no profile holds the advice for any other exchange: "
        "add one with general: true (see content/platforms/)"),
    ]
    files = _files(**{"content/platforms/other.yaml": GENERAL.format(id="other")})
    assert run_check(platform_facts.check, files) == [
        ("content/platforms/other.yaml:3:10: error: only one profile can hold the general advice; "
         "content/platforms/elsewhere.yaml already does"),
    ]
