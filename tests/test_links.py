"""The link policy reads an address the way a browser does (WHATWG URL standard, via ada-url).

A phishing link hides its real host in the gap between how a person reads an address and how the
browser parses it: ``https://evil.example\\@www.okx.com/`` reads as OKX and opens evil.example.
Every form below is one a browser opens somewhere other than where it seems to lead, and each must
be refused; every legitimate address beside them must still pass.
"""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import REPO

from generator.checks.link_policy import URL_IN_TEXT
from generator.links import ADDRESS_RULES, RULES, Brand, Violation, _resemblance, host_of, judge, leaves_site, policy_lists, shown

OKX = Brand("OKX", ("okx.com",))
BRANDS = [OKX, Brand("Demo Exchange", ("demo-exchange.com",)), Brand("Coinbase", ("coinbase.com",)), Brand("Binance", ("binance.com",))]

CONFUSABLE = [
    # userinfo: everything before '@' is a user name; the host is what follows
    ("https://www.okx.com@evil.example/", "userinfo", "opens evil.example"),
    ("https://okx.com:password@evil.example/help", "userinfo", "opens evil.example"),
    ("HTTPS://WWW.OKX.COM@EVIL.EXAMPLE/", "userinfo", "opens evil.example"),
    ("https://www.okx.com%2F@evil.example/", "userinfo", "opens evil.example"),
    ("https://support@www.okx.com/help", "userinfo", "opens www.okx.com"),
    ("https://@www.okx.com/help", "userinfo", "opens www.okx.com"),
    # backslashes: the browser reads them as '/'
    ("https://evil.example\\@www.okx.com/help", "backslash", "opens evil.example, not www.okx.com"),
    ("https:\\\\bit.ly\\x", "backslash", "opens bit.ly"),
    ("https:/\\bit.ly/x", "backslash", "opens bit.ly"),
    ("https://bit.ly\\okx", "backslash", "opens bit.ly"),
    ("https://www.okx.com\\help", "backslash", "opens www.okx.com"),
    # slashes: the browser skips any number of them after https:
    ("https:///bit.ly/x", "slashes", "opens bit.ly"),
    ("https:////www.okx.com/help", "slashes", "opens www.okx.com"),
    ("https:/bit.ly/x", "slashes", "opens bit.ly"),
    ("https:bit.ly/x", "slashes", "opens bit.ly"),
    # hosts written so that the browser decodes them into another name
    ("https://%6Fkx-login.com/", "encoded-host", "opens okx-login.com"),
    ("https://www.%6Fkx.com/help", "encoded-host", "opens www.okx.com"),
    ("https://bit%2Ely/x", "encoded-host", "opens bit.ly"),
    ("https://ｂｉｔ.ｌｙ/x", "encoded-host", "opens bit.ly"),
    ("https://okx。com.evil.example/", "encoded-host", "opens okx.com.evil.example"),
    # numeric hosts, in the forms WHATWG turns into IP addresses
    ("https://127.0.0.1/", "ip-address", "127.0.0.1"),
    ("https://0x7f.1/", "ip-address", "127.0.0.1"),
    ("https://2130706433/", "ip-address", "127.0.0.1"),
    ("https://0177.0.0.1/", "ip-address", "127.0.0.1"),
    ("https://1.1.1/", "ip-address", "1.1.0.1"),
    ("https://[::1]/", "ip-address", "[::1]"),
    ("https://[::ffff:7f00:1]/okx", "ip-address", "[::ffff:7f00:1]"),
    # ports other than 443
    ("https://www.okx.com:8443/help", "port", "8443"),
    ("https://okx.com:80/", "port", "80"),
    # a trailing dot names the same zone under another site name
    ("https://okx.com./help", "trailing-dot", "okx.com."),
    ("https://www.okx.com../", "trailing-dot", "www.okx.com.."),
    # characters the browser deletes or no reader can see
    ("https://ok\nx.com/", "control-character", "a line break"),
    ("https://ok\tx-login.com/", "control-character", "a tab"),
    ("https://www.okx.com/he\rlp", "control-character", "a line break"),
    ("https://ok\u200bx.com/", "control-character", "U+200B"),
    ("https://okx\u00ad-login.com/", "control-character", "U+00AD"),
    # hosts a browser cannot open, or that are no public domain name
    ("https://www.okx.com%40evil.example/", "encoded-host", "%-escapes"),
    ("https://ok/", "invalid-host", "not a public domain name"),
    # homoglyphs: Cyrillic or Greek letters that look Latin, written or punycode-encoded
    ("https://оkx.com/", "look-alike", "reads as okx.com"),
    ("https://xn--kx-emc.com/", "look-alike", "reads as okx.com"),
    ("https://www.ОКХ.com/", "look-alike", "reads as www.okx.com"),
    ("https://οkx.com/help", "look-alike", "reads as okx.com"),
    ("https://bіnance.com/", "look-alike", "reads as binance.com"),
    ("https://coinbаse-login.com/", "look-alike", "a hyphenated variant of Coinbase's name"),
    ("https://ökx.com/", "look-alike", "reads as okx.com"),
    # one typing slip from an official domain
    ("https://okz.com/", "look-alike", "one typing slip from okx.com (a letter changed)"),
    ("https://oxk.com/", "look-alike", "one typing slip from okx.com (two letters swapped)"),
    ("https://okkx.com/", "look-alike", "one typing slip from okx.com (a letter added)"),
    ("https://www.kx.com/", "look-alike", "one typing slip from okx.com (a letter missing)"),
    ("https://ox.com/", "look-alike", "one typing slip from okx.com (a letter missing)"),
    ("https://okx.cm/", "look-alike", "under another domain ending, using OKX's name"),
    ("https://0kz.com/", "look-alike", "one typing slip from okx.com"),
    ("https://demo-exchnage.com/", "look-alike", "one typing slip from demo-exchange.com"),
    ("https://coinbsae.com/", "look-alike", "one typing slip from coinbase.com"),
    ("https://okz.com.evil.example/", "look-alike", "one typing slip from okx.com"),
]  # fmt: skip

LEGITIMATE = [
    "https://www.okx.com/help",
    "https://okx.com/",
    "https://www.okx.com/help/how-to-query-unique-accounts",
    "https://aws.okx.com/en-br/help/how-do-i-link-an-authenticator-app",
    "https://www.ic3.gov/",
    "https://pages.nist.gov/800-63-4/sp800-63b.html",
    "https://www.ncsc.gov.uk/collection/phishing-scams",
    "https://www.okx.com/help?lang=en&page=2",
    "https://www.okx.com/help#withdrawals",
    "https://en.wikipedia.org/wiki/Phishing#Link_manipulation",
    "https://support.google.com/accounts/answer/185839?hl=en&co=GENIE.Platform%3DAndroid",
    "https://example.org/files/My%20Guide.pdf",
    "https://www.okx.com/help/a%2Fb",
    "HTTPS://WWW.OKX.COM/help",
    "https://WWW.IC3.GOV/Home/FileComplaint",
    "Https://Help.Demo-Exchange.com/",
    "https://medium.com/@okx/some-post",
    "https://www.okx.com:443/help",
    "https://www.okx.com/help?q=a@b",
    "https://www.okta.com/",
    "https://www.box.com/",
    "https://www.ox.ac.uk/",
    "https://ok.ru/",
    "https://www.coinbase.com/learn",
    "https://help.demo-exchange.com/withdrawal-lock",
]  # fmt: skip


def test_the_lists_are_large_enough() -> None:
    assert len(CONFUSABLE) >= 30 and len(LEGITIMATE) >= 15


@pytest.mark.parametrize(("url", "rule", "says"), CONFUSABLE, ids=[repr(url) for url, _, _ in CONFUSABLE])
def test_a_browser_confusable_address_is_refused(url: str, rule: str, says: str) -> None:
    violations = judge(url, BRANDS)
    assert any(v.rule == rule and says in v.message for v in violations), violations


@pytest.mark.parametrize("url", LEGITIMATE)
def test_a_legitimate_address_passes(url: str) -> None:
    assert judge(url, BRANDS) == []


@pytest.mark.parametrize("url", LEGITIMATE[:4] + ["https://www.okx.com:443/help", "HTTPS://WWW.OKX.COM/help"])
def test_an_official_address_passes_as_the_platforms_own(url: str) -> None:
    assert judge(url, BRANDS, presented_as=OKX) == []


def test_the_host_judged_is_the_host_the_browser_opens() -> None:
    assert host_of("https://evil.example\\@www.okx.com/help") == "evil.example"
    assert host_of("https:///bit.ly/x") == "bit.ly"
    assert host_of("https:\\\\bit.ly\\x") == "bit.ly"
    assert host_of("https://%6Fkx-login.com/") == "okx-login.com"
    assert host_of("https://ok\nx.com/") == "okx.com"
    assert host_of("HTTPS://WWW.OKX.COM./") == "www.okx.com"
    assert host_of("https://0x7f.1/") == "127.0.0.1"
    assert host_of("not an address") == ""


def test_a_link_presented_as_the_platforms_own_is_judged_on_the_host_it_opens() -> None:
    violations = judge("https://evil.example\\@www.okx.com/help", BRANDS, presented_as=OKX)
    expected = "the link is presented as OKX's own, but evil.example is not one of its domains (okx.com)"
    assert Violation("platform-domain", expected) in violations


def test_the_other_rules_apply_to_the_host_the_browser_opens() -> None:
    assert {v.rule for v in judge("https:///bit.ly/x", BRANDS)} == {"slashes", "shortener"}
    assert {v.rule for v in judge("https:\\\\bit.ly\\x", BRANDS)} == {"backslash", "shortener"}
    assert {v.rule for v in judge("https://%6Fkx-login.com/", BRANDS)} == {"encoded-host", "look-alike"}
    assert {v.rule for v in judge("https://www.okx.com/%6Aoin/12345678", BRANDS)} == {"affiliate-path"}
    assert {v.rule for v in judge("https://www.okx.com/help/../join/12345678", BRANDS)} == {"affiliate-path"}


def test_the_browser_form_rules_cannot_be_excused() -> None:
    """A link exception may only name the rules in RULES: a browser-confusable address is never legitimate."""
    assert not set(ADDRESS_RULES) & set(RULES)
    assert not Violation("userinfo", "").excusable and Violation("look-alike", "").excusable
    assert {rule for _, rule, _ in CONFUSABLE} - {"look-alike"} <= set(ADDRESS_RULES)
    schema = json.loads((REPO / "generator/schemas/link-exception.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["properties"]["rule"]["enum"]) == RULES


def test_other_non_latin_hosts_keep_the_punycode_rule() -> None:
    assert [v.rule for v in judge("https://bücher.de/", BRANDS)] == ["punycode"]
    assert "(bücher.de)" in judge("https://xn--bcher-kva.de/", BRANDS)[0].message


def test_an_encoded_look_alike_names_what_it_reads_as() -> None:
    [violation] = judge("https://xn--kx-nmc.com/", BRANDS)  # Cyrillic es, "сkx.com"
    assert violation.rule == "look-alike"
    assert "uses non-Latin or encoded letters" in violation.message and "сkx.com" in violation.message


def test_mailto_and_other_schemes_are_unchanged() -> None:
    assert judge("mailto:support@okx.com", BRANDS, allow_mailto=True) == []
    assert [v.rule for v in judge("mailto:support@okx.com", BRANDS)] == ["scheme"]
    assert [v.rule for v in judge("http://www.okx.com/", BRANDS)] == ["scheme"]
    assert [v.rule for v in judge("javascript:alert(1)", BRANDS)] == ["script-scheme"]
    assert [v.rule for v in judge("JaVa\nScRiPt:alert(1)", BRANDS)] == ["script-scheme"]
    assert not any(v.excusable for v in judge("javascript:alert(1)", BRANDS))
    assert [v.rule for v in judge("//evil.example/", BRANDS)] == ["scheme"]
    assert [v.rule for v in judge(" \tjavascript:alert(1)", BRANDS)] == ["script-scheme"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Never open https:\\\\bit.ly\\x again.", "https:\\\\bit.ly\\x"),
        ("Never open https:///bit.ly/x again.", "https:///bit.ly/x"),
        ("Never open HTTPS://BIT.LY/x.", "HTTPS://BIT.LY/x"),
        ("Never open https:/\\bit.ly/x, ever.", "https:/\\bit.ly/x"),
        ("Never open https:bit.ly/x again.", "https:bit.ly/x"),
        ("Never open https://evil.example\\@www.okx.com/help again.", "https://evil.example\\@www.okx.com/help"),
        ("Never open https://%6Fkx-login.com/ again.", "https://%6Fkx-login.com/"),
        ("Never log in at оkx.com.", "оkx.com"),
        ("Open ftp://okx.com/file.", "ftp://okx.com/file"),
    ],
)
def test_prose_scanning_finds_the_whole_hostile_address(text: str, found: str) -> None:
    assert [match.group(0) for match in URL_IN_TEXT.finditer(text)] == [found]


@pytest.mark.parametrize("text", ["Wait 24 hours: then retry.", "Keep it safe, e.g. offline.", "Version 1.5.", "See: /help", "C:\\Wallets"])
def test_prose_scanning_leaves_ordinary_text_alone(text: str) -> None:
    assert URL_IN_TEXT.findall(text) == []


def test_a_listed_former_domain_is_no_look_alike_yet_not_official() -> None:
    assert judge("https://www.okex.com/help/x", BRANDS) == []
    assert [v.rule for v in judge("https://www.okex.com/help/x", BRANDS, presented_as=OKX)] == ["platform-domain"]
    assert [v.rule for v in judge("https://www.оkex.com/", BRANDS)] == ["look-alike"]  # a homoglyph of it still is one


def test_every_listed_not_look_alike_is_needed() -> None:
    """An entry the look-alike rule would pass anyway only widens the policy: it must go."""
    shipped = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((REPO / "content/platforms").glob("*.yaml"))]
    brands = tuple(Brand(platform["name"], tuple(platform["official_domains"])) for platform in shipped if not platform.get("general"))
    for domain, reason in policy_lists()["not_look_alikes"].items():
        assert reason and _resemblance(domain, brands) is not None, domain


@pytest.mark.parametrize(
    ("address", "leaves"),
    [("../faq/", False), ("/missing-funds-playbook/faq/#x", False), ("#top", False), ("?q=1", False), ("https://www.ic3.gov/", True),
     ("//evil.example/", True), ("\\\\evil.example/", True), ("/\\evil.example/", True), ("\\/evil.example/", True),
     ("/\t/evil.example/", True),
     ("ht\ttps://evil.example/", True), ("mailto:x@example.org", True), ("data:image/png;base64,AA", True), ("javascript:alert(1)", True)],
)  # fmt: skip
def test_an_address_leaves_the_site_as_the_browser_resolves_it(address: str, leaves: bool) -> None:
    assert leaves_site(address) is leaves


def test_an_address_is_shown_on_one_line() -> None:
    assert shown("https://ok\nx.com/\u200b") == "https://ok\\u000ax.com/\\u200b"
    assert shown("https://www.okx.com/help") == "https://www.okx.com/help"


MIRRORS = {
    # Seen in the stored search results copying each platform's help pages, with phone numbers or
    # fake sign-in forms, or shaped like them; each must be refused wherever it is written.
    "OKX": ["okxwebsite.com", "okx.vote", "okx.cab", "okx.softwaremiracle.cn", "okxweb3.crypto-endpoint.com", "oucnyi.com",
            "ouyigw.red", "cnouyi.clothing", "ouchyi.net", "oyigwzh.com", "okx-support.help", "0kx.com"],
    "Binance": ["tj-binance.com", "fv-binance.com", "apk-binance.com", "mcbinance.com", "binance-register.co", "binance.weixuanerp.com",
                "m.bian-bianance.net", "wap.xnb-binance.com.cn", "binance.reviews", "babiafox.com", "binnance.com",
                "binance.com.login-help.io"],
    "Coinbase": ["coin-base-login-sso.pages.dev", "coinbasse-en-usa.pages.dev", "faq-coinbas-wallet-en.typedream.app",
                 "coinbase-cloud.mintlify.app", "coinbase.statuspage.io", "coinsupport.io", "coinwalletvip.com", "cryptocustomercare.org",
                 "coinbase-support.help", "coinbsae.com", "c0inbase.com", "help-coinbase.net"],
    "Kraken": ["krakenlogin.co.com", "krakencrypto.co.com", "krakensupport.futurefund.com", "id-kraken-nhlqk.daftpage.com",
               "krakin-login.pages.dev", "krakn-login-eu.pages.dev", "craken-logi.pages.dev", "kraikenlogins.webflow.io", "krakem.com",
               "kraken-login-x.pages.dev", "krakenvhod.cc", "kraken-sandbox.mintlify.app"],
}  # fmt: skip


def _shipped_brands() -> tuple[Brand, ...]:
    shipped = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((REPO / "content/platforms").glob("*.yaml"))]
    return tuple(Brand(p["name"], tuple(p["official_domains"])) for p in shipped if not p.get("general"))


@pytest.mark.parametrize(("platform", "host"), [(platform, host) for platform, hosts in MIRRORS.items() for host in hosts])
def test_a_mirror_of_a_profiled_platform_is_refused_wherever_it_is_written(platform: str, host: str) -> None:
    violations = judge(f"https://{host}/en/help/account-frozen", _shipped_brands())
    assert [v.rule for v in violations if v.rule == "look-alike"], host
    assert any(platform in v.message for v in violations), [v.message for v in violations]


def test_every_profiled_platform_has_mirrors_tested() -> None:
    assert {brand.name for brand in _shipped_brands()} == set(MIRRORS)
    assert all(len(hosts) >= 10 for hosts in MIRRORS.values())


@pytest.mark.parametrize("host", ["finance.yahoo.com", "coindesk.com", "krakatoa.org", "binary.com", "bianca.com", "ok.ru", "www.fcc.gov"])
def test_ordinary_names_near_a_platform_name_pass(host: str) -> None:
    assert judge(f"https://{host}/", _shipped_brands()) == []
