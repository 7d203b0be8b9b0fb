"""The policy and link attributes written into every page (the browser tests show them at work)."""

from __future__ import annotations

import base64
import hashlib

from generator.page_safety import PLACEHOLDER, content_security_policy, harden, inline_script_hashes

PAGE = f"""<head><meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">
<script>var a = 1</script><script src="x.js"></script><script id="__config" type="application/json">{{"a": 1}}</script>
<script type="application/ld+json">{{}}</script></head><body><script>var a = 1</script><script>var b = 2</script></body>"""


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_only_inline_scripts_that_run_are_hashed_once_each() -> None:
    assert inline_script_hashes(PAGE) == [_hash("var a = 1"), _hash("var b = 2")]


def test_the_policy_allows_this_site_and_those_scripts_only() -> None:
    policy = dict(rule.split(" ", 1) for rule in content_security_policy(PAGE).split("; "))
    assert policy["default-src"] == "'none'" and policy["object-src"] == "'none'"
    assert policy["script-src"] == f"'self' {_hash('var a = 1')} {_hash('var b = 2')}"
    assert "'unsafe-inline'" not in policy["style-src"] and "http" not in " ".join(policy.values())


def test_the_offline_copy_allows_inline_scripts_but_no_other_origin() -> None:
    policy = content_security_policy(PAGE, offline=True)
    assert "script-src 'self' 'unsafe-inline';" in policy and "sha256" not in policy and "http" not in policy


def test_harden_fills_the_placeholder_once() -> None:
    html = harden(PAGE + f"<p>{PLACEHOLDER}</p>", "https://example.org/site/")
    assert html.count(PLACEHOLDER) == 1 and f"<p>{PLACEHOLDER}</p>" in html
    assert "script-src 'self' 'sha256-" in html


def test_links_that_leave_the_site_get_noopener_noreferrer() -> None:
    html = harden(
        '<a href="https://other.example/a">x</a><a class="k" href="http://other.example/b" rel="nofollow">y</a>'
        '<a href="https://example.org/site/page/">own</a><a href="../faq/">relative</a><a href="mailto:a@b.c">mail</a>'
        '<a href="https://other.example/c" rel="noreferrer noopener">done</a><abbr title="x">A</abbr>',
        "https://example.org/site/",
    )
    assert html == (
        '<a href="https://other.example/a" rel="noopener noreferrer">x</a><a class="k" href="http://other.example/b" rel="nofollow noopener noreferrer">y</a>'
        '<a href="https://example.org/site/page/">own</a><a href="../faq/">relative</a><a href="mailto:a@b.c">mail</a>'
        '<a href="https://other.example/c" rel="noreferrer noopener">done</a><abbr title="x">A</abbr>'
    )
