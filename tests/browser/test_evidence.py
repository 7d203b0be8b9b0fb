"""The evidence builder as a reader uses it: the support message it writes, the address and
transaction ID checks (against the EIP-55, BIP-173 and BIP-350 test vectors), privacy (no request
leaves 127.0.0.1, nothing is stored until "Save on this device", "Erase everything" forgets), and
the page without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import REPO
from playwright.sync_api import expect

from generator.pipeline import generate

PAGE = "evidence/"

TXID = "9f3c1e5b7a2d4c6e8f0a1b3c5d7e9f2a4b6c8d0e1f3a5b7c9d2e4f6a8b0c1d3e"
SENDER = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"  # a well-known Tron address (Base58Check, version byte 0x41)
RECEIVER = "TBXSw8fM4jpQkGc6zZjsVABFpVN7UvXPdV"  # Base58Check of 0x41 followed by twenty 0x11 bytes

SAFETY = ("Please tell me what you can see on your side, what I should do next, and the case or ticket number for this request. "
          "For my safety I will not share my password, 2FA codes or recovery phrase, and I will continue this conversation "
          "only through your official support channel.")  # fmt: skip

EIP55_ERROR = "Problem: This address fails its EIP-55 checksum: at least one character is wrong. Copy it again from the source."
MIXED_CASE_ERROR = "Problem: This bech32 address mixes upper and lower case, which is never valid."
BECH32_FAILS = "Problem: This address fails its bech32 checksum: at least one character is wrong. Copy it again from the source."
BASE58_FAILS = "Problem: This address fails its Base58Check checksum: at least one character is wrong. Copy it again from the source."
UNUSUAL_TXID = ("Note: This has an unusual shape for a transaction ID. "
                "That can be normal on some networks: compare it character by character with the source.")  # fmt: skip


@pytest.fixture(scope="module")
def playbooks() -> dict[str, str]:
    return {playbook.id: playbook.title for playbook in generate(REPO).content.playbooks}


@pytest.fixture
def builder(phone, site_url: str):
    phone.goto(site_url + PAGE)
    expect(phone.locator(".mfp-evidence__form")).to_be_visible()
    return phone


def _field(page, name: str):
    return page.locator(f"#mfp-evidence-{name}")


def _check(page, name: str):
    return page.locator(f"#mfp-evidence-{name}-check")


def _fill(page, values: dict[str, str]) -> None:
    """Type each value, then leave the field, which checks it at once (typing alone waits for a pause)."""
    for name, value in values.items():
        if name == "situation":
            _field(page, name).select_option(value)
        else:
            _field(page, name).fill(value)
            _field(page, name).blur()


INCIDENT = {
    "situation": "deposit-not-credited",
    "asset": "USDT",
    "network": "TRC20",
    "amount": "250.5",
    "when": "2025-03-14T09:30",
    "zone": "Europe/Berlin",
    "txid": TXID,
    "from": SENDER,
    "to": RECEIVER,
    "saw": "The sending wallet says the transfer is complete.\nMy OKX balance has not changed.",
    "done": "Checked the transaction on a block explorer.\nSaved screenshots of both screens.",
}


def test_a_known_incident_gives_exactly_this_message(builder, playbooks) -> None:
    _fill(builder, INCIDENT)
    title = playbooks["deposit-not-credited"]
    expected = "\n".join([
        f"Subject: {title} (USDT, TRC20)",
        "",
        "Hello OKX support,",
        "",
        "I need your help with a problem on my account. Here are the details.",
        "",
        f"Situation: {title}",
        "Asset: USDT",
        "Network: TRC20",
        "Amount: 250.5",
        "Date and time: 2025-03-14 09:30, time zone Europe/Berlin (UTC+01:00)",
        f"Transaction ID: {TXID}",
        f"Sending address: {SENDER}",
        f"Receiving address: {RECEIVER}",
        "",
        "What I saw:",
        "The sending wallet says the transfer is complete.",
        "My OKX balance has not changed.",
        "",
        "What I have already done:",
        "Checked the transaction on a block explorer.",
        "Saved screenshots of both screens.",
        "",
        SAFETY,
        "",
        "Thank you.",
    ])  # fmt: skip
    expect(builder.locator("#mfp-evidence-output")).to_have_value(expected)
    for name in ("txid", "from", "to"):
        expect(_check(builder, name)).to_have_attribute("data-level", "ok")
    terms, details = (builder.locator(f"#mfp-evidence-record {tag}").all_inner_texts() for tag in ("dt", "dd"))
    record = dict(zip(terms, details, strict=True))
    assert record["Situation"] == title and record["Platform"] == "OKX" and record["Amount"] == "250.5"
    assert record["Date and time"] == "2025-03-14 09:30" and record["Time zone"] == "Europe/Berlin (UTC+01:00)"
    assert record["Deposit memo or tag"] == "Not given" and record["Record made"]
    assert record["What I saw"] == INCIDENT["saw"]


def test_print_shows_only_the_record(builder) -> None:
    _fill(builder, INCIDENT)
    builder.emulate_media(media="print")
    expect(builder.locator(".mfp-evidence__record")).to_be_visible()
    expect(builder.locator("#mfp-evidence-record")).to_contain_text(TXID)
    for hidden in ("article h1", ".mfp-intro", ".mfp-evidence__never", ".mfp-evidence__form", ".mfp-evidence__message",
                   ".mfp-evidence__print"):  # fmt: skip
        expect(builder.locator(hidden)).to_be_hidden()


def test_empty_fields_are_left_out_of_the_message(builder) -> None:
    _fill(builder, {"situation": "other", "platform": "", "network": "ERC20", "txid": "0x" + TXID, "memo": "104233",
                    "when": "2025-07-01T18:05", "zone": "UTC"})  # fmt: skip
    expected = "\n".join([
        "Subject: Help with my account (ERC20)",
        "",
        "Hello,",
        "",
        "I need your help with a problem on my account. Here are the details.",
        "",
        "Network: ERC20",
        "Date and time: 2025-07-01 18:05, time zone UTC",
        f"Transaction ID: 0x{TXID}",
        "Deposit memo or tag: 104233",
        "",
        SAFETY,
        "",
        "Thank you.",
    ])  # fmt: skip
    expect(builder.locator("#mfp-evidence-output")).to_have_value(expected)
    expect(_check(builder, "txid")).to_have_attribute("data-level", "ok")


EIP55_VECTORS = [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
]


def _flip_one_letter(address: str) -> str:
    index = next(i for i in range(len(address) - 1, 1, -1) if address[i].isalpha())
    return address[:index] + address[index].swapcase() + address[index + 1 :]


def test_eip55_checksums_are_verified(builder) -> None:
    _fill(builder, {"network": "ERC20"})
    for address in EIP55_VECTORS:
        _fill(builder, {"to": address})
        expect(_check(builder, "to")).to_have_text("Looks right: The EIP-55 checksum matches.")
        expect(_field(builder, "to")).not_to_have_attribute("aria-invalid", "true")
        _fill(builder, {"to": _flip_one_letter(address)})
        expect(_check(builder, "to")).to_have_text(EIP55_ERROR)
        expect(_field(builder, "to")).to_have_attribute("aria-invalid", "true")
    _fill(builder, {"to": EIP55_VECTORS[0].lower()})
    expect(_check(builder, "to")).to_contain_text("No checksum: double-check every character")
    expect(_check(builder, "to")).to_have_attribute("data-level", "warn")


BITCOIN_VECTORS = [
    ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "Looks right: The bech32 checksum matches."),  # BIP-173, all upper case
    ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "Looks right: The bech32 checksum matches."),
    ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8F3t4", MIXED_CASE_ERROR),
    ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", BECH32_FAILS),
    ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "Looks right: The bech32m checksum matches."),  # BIP-350, version 1
    ("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", "Looks right: The bech32m checksum matches."),
    # BIP-350 invalid: witness version 1 with a bech32 (not bech32m) checksum
    ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", BECH32_FAILS),
    # Base58Check, then the same with its last character changed (a checksum that still matched would be a one-in-billions chance)
    ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "Looks right: The Base58Check checksum matches."),
    ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", BASE58_FAILS),
    ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "Looks right: The Base58Check checksum matches."),
    ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz", BASE58_FAILS),
]  # fmt: skip


def test_bitcoin_addresses_are_decoded(builder) -> None:
    _fill(builder, {"network": "Bitcoin"})
    for address, expected in BITCOIN_VECTORS:
        _fill(builder, {"from": address})
        expect(_check(builder, "from")).to_have_text(expected)
        if expected.startswith("Problem:"):
            expect(_field(builder, "from")).to_have_attribute("aria-invalid", "true")
        else:
            expect(_field(builder, "from")).not_to_have_attribute("aria-invalid", "true")


CANNOT_CHECK = "Note: This kind of address cannot be checked here: compare it character by character with the source."


def test_base58_text_from_networks_not_checked_here_is_not_called_wrong(builder) -> None:
    _fill(builder, {"network": "Solana", "from": "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"})  # Base58, but not Base58Check there
    expect(_check(builder, "from")).to_have_text(CANNOT_CHECK)
    _fill(builder, {"network": "", "to": "3Kc8nN2ufPzcHYNXnQn3wHSmTTMkZzqBrcCvHmnL4Z8qyLfFcfEo"})  # no network, too long for Bitcoin
    expect(_check(builder, "to")).to_have_text(CANNOT_CHECK)
    _fill(builder, {"from": "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"})  # no network, Bitcoin's length: checked
    expect(_check(builder, "from")).to_have_text(BASE58_FAILS)
    _fill(builder, {"network": "ERC20"})  # the network names another family: a second look, not an error
    expect(_check(builder, "from")).to_have_text(
        "Check: This does not look like an Ethereum-style (EVM) address. Check that you copied all of it, and which network was used.")


def test_tron_addresses_and_transaction_id_shapes(builder) -> None:
    _fill(builder, {"network": "TRC20", "from": SENDER, "txid": TXID})
    expect(_check(builder, "from")).to_have_text("Looks right: The checksum of this Tron address matches.")
    expect(_check(builder, "txid")).to_have_attribute("data-level", "ok")
    _field(builder, "to").fill(RECEIVER)  # no need to leave the field: the check comes after a pause in typing
    expect(_check(builder, "to")).to_have_text("Looks right: The checksum of this Tron address matches.")
    _fill(builder, {"from": SENDER[:-1] + "u"})
    expect(_check(builder, "from")).to_have_text(BASE58_FAILS)
    _fill(builder, {"txid": TXID[:-2]})
    expect(_check(builder, "txid")).to_contain_text("looks too short or too long for a transaction ID on this network")
    expect(_check(builder, "txid")).to_have_attribute("data-level", "warn")
    _fill(builder, {"from": EIP55_VECTORS[0]})  # a good EVM address on a Tron transfer: worth a second look
    expect(_check(builder, "from")).to_contain_text("but the network you entered is “TRC20”")
    _fill(builder, {"network": "ERC20"})  # changing the network checks again
    expect(_check(builder, "from")).to_have_text("Looks right: The EIP-55 checksum matches.")
    expect(_check(builder, "txid")).to_have_attribute("data-level", "warn")
    # another network's shape: a gentle note, not an error
    _fill(builder, {"network": "Solana", "txid": "5VfYmGBjvQKe3xgLtTQPSMEUdpEVHrJwLK7yzVrMtQ8A"})
    expect(_check(builder, "txid")).to_have_text(UNUSUAL_TXID)
    expect(_field(builder, "txid")).not_to_have_attribute("aria-invalid", "true")


def test_the_builder_makes_no_request_beyond_this_site(builder, site_url: str) -> None:
    _fill(builder, INCIDENT)
    assert builder.evaluate("document.documentElement.scrollWidth") <= 375, "the filled-in builder is wider than a phone"
    builder.get_by_role("button", name="Copy message").click()
    builder.get_by_role("button", name="Save on this device").click()
    builder.once("dialog", lambda dialog: dialog.accept())
    builder.get_by_role("button", name="Erase everything").click()
    builder.wait_for_timeout(800)  # past the checks' typing pause
    host = urlsplit(site_url).netloc
    outside = [url for url in builder.requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != host]
    assert not outside, outside
    assert any(url.endswith("assets/javascripts/evidence.js") for url in builder.requests)


def _stored(page) -> dict[str, list[str]]:
    """Storage keys, less the site's settings (such as its colour scheme, as "<base path>.__scheme")."""
    stored = page.evaluate("() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})")
    return {area: [key for key in keys if ".__" not in key] for area, keys in stored.items()}


def _everything_stored(page) -> str:
    return page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")


def test_nothing_is_stored_until_save_and_erase_forgets(builder) -> None:
    _fill(builder, INCIDENT)
    builder.wait_for_timeout(800)
    assert _stored(builder) == {"local": [], "session": []}
    assert TXID not in _everything_stored(builder) and "block explorer" not in _everything_stored(builder)
    builder.get_by_role("button", name="Save on this device").click()
    expect(builder.locator(".mfp-evidence__status")).to_contain_text("Saved on this device")
    assert _stored(builder)["local"] == ["mfp-evidence"]
    builder.reload()
    for name, value in INCIDENT.items():
        expect(_field(builder, name)).to_have_value(value)
    expect(builder.locator(".mfp-evidence__status")).to_contain_text("Restored what you saved")
    expect(builder.locator("#mfp-evidence-output")).to_have_value(re.compile(r"^Subject: "))

    builder.once("dialog", lambda dialog: dialog.accept())
    builder.get_by_role("button", name="Erase everything").click()
    expect(builder.locator(".mfp-evidence__status")).to_contain_text("Everything is erased")
    assert "mfp-evidence" not in _stored(builder)["local"] and "mfp-evidence" not in _stored(builder)["session"]
    for name in INCIDENT:
        if name != "zone":  # refilled with this device's time zone, as on a fresh page
            expect(_field(builder, name)).to_have_value("")
    expect(_field(builder, "platform")).to_have_value("OKX")
    expect(builder.locator("#mfp-evidence-output")).to_have_value("")
    assert builder.locator("#mfp-evidence-record dt").count() == 0
    for name in ("txid", "from", "to"):
        expect(_check(builder, name)).to_be_empty()
    builder.reload()
    expect(_field(builder, "asset")).to_have_value("")
    assert _stored(builder) == {"local": [], "session": []} and TXID not in _everything_stored(builder)


def test_erase_asks_first(builder) -> None:
    _fill(builder, {"asset": "USDT"})
    builder.once("dialog", lambda dialog: dialog.dismiss())
    builder.get_by_role("button", name="Erase everything").click()
    expect(_field(builder, "asset")).to_have_value("USDT")


def _follow(page, href: str) -> None:
    """Click a link the way a reader would."""
    page.evaluate("href => { document.querySelectorAll('.mfp-test-link').forEach(link => link.remove());"
                  " const link = document.createElement('a'); link.href = href; link.className = 'mfp-test-link'; link.textContent = 'go';"
                  " document.querySelector('article').append(link); }", href)  # fmt: skip
    page.locator(".mfp-test-link").click()


def test_the_builder_works_after_navigation(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url)
        for _ in range(2):  # twice: the bundle runs on every visit and must set the page up once each time
            _follow(page, site_url + PAGE)
            page.wait_for_url(re.compile(r"/evidence/$"))
            expect(page.locator(".mfp-evidence__form")).to_be_visible()
            _fill(page, {"network": "ERC20", "to": EIP55_VECTORS[1]})
            expect(_check(page, "to")).to_have_text("Looks right: The EIP-55 checksum matches.")
            assert page.locator("#mfp-evidence-output").input_value().startswith("Subject: Help with my account (ERC20)")
            assert page.locator("#mfp-evidence-to").evaluate("input => getComputedStyle(input).width") == \
                page.locator(".mfp-evidence__field").first.evaluate("field => getComputedStyle(field).width")  # evidence.css applies
            _follow(page, site_url + "faq/")
            page.wait_for_url(re.compile(r"/faq/$"))
            expect(page.locator("article h1")).to_contain_text("Frequently asked questions")  # the new content is in
            expect(page.locator("#mfp-evidence")).to_have_count(0)
        page.go_back()
        page.wait_for_url(re.compile(r"/evidence/$"))
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.get_by_role("button", name="Erase everything").click()
        page.wait_for_timeout(300)
        assert len(dialogs) == 1, "the erase button has more than one handler"
    finally:
        context.close()


def test_without_javascript_the_page_lists_what_to_write_down(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + PAGE)
        note = page.locator(".mfp-evidence__nojs")
        expect(note).to_be_visible()
        expect(note).to_contain_text("The message builder needs JavaScript")
        items = note.locator("li").all_inner_texts()
        assert "The transaction ID, also called TxID or hash" in items and "The receiving address" in items and len(items) >= 10
        expect(page.locator(".mfp-evidence__form")).to_be_hidden()
        expect(page.locator(".mfp-evidence__never")).to_be_visible()
    finally:
        context.close()
