"""The shipped content: clean, covering the whole seed article, every figure sourced, every link honest.

These tests read ``content/`` as it is in the repository and build the real site from it once.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import REPO
from site_helpers import broken_internal_links, foreign_assets, parse_site

from generator.model import Content
from generator.pipeline import Generated, generate
from generator.text import Ref

SEED_CAUSES = [
    "security-change-lock",          # balance hidden after security/profile changes (24-hour lock)
    "funds-in-another-account",      # Funding vs Trading
    "deposit-not-credited",          # confirmations, wrong network, missing memo/tag
    "withdrawal-pending",
    "platform-incident",             # incident or maintenance
    "account-takeover",              # unauthorized access
    "phishing-and-recovery-scams",
]  # fmt: skip
SEED_GUIDES = ["transaction-verification", "cross-platform-funds", "preventive-maintenance"]

SHORTENERS = {"bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "tiny.cc", "s.id", "lnkd.in"}
TRACKING = re.compile(r"^(utm_.*|ref|refid|ref_code|referral|referral_code|invite|invite_code|inviter|aff|affiliate|aff_id|clickid|gclid|fbclid|msclkid|mc_eid)$", re.IGNORECASE)

# Words and names with digits that are not figures: standards, protocols, account features.
NOT_FIGURES = re.compile(r"\b(2FA|EIP-55|ERC-55|BIP[ -]?173|BIP[ -]?350|bech32m?|Base58(Check)?|SP 800-63B(-[34])?|800-63B(-[34])?|800-63-[34]|FIDO2|IC3|SS7|ic3\.gov|bc1|zk-STARKs?|1:1|v5|24/7)\b", re.IGNORECASE)
NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|million|billion|dozen|half|quarter|once|twice)\b"
    r"(?=[\s-]+(minutes?|hours?|days?|weeks?|months?|years?|seconds?|percent|per cent|confirmations?|times|dollars?|%))",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def shipped() -> Generated:
    return generate(REPO)


def test_shipped_content_is_clean(shipped: Generated) -> None:
    assert [str(problem) for problem in shipped.problems.sorted()] == []


def test_a_playbook_for_every_seed_cause(shipped: Generated) -> None:
    content = shipped.content
    assert set(SEED_CAUSES) <= set(content.records["playbook"])
    for playbook in content.playbooks:
        assert playbook.steps and playbook.dont and playbook.evidence and playbook.prevention, playbook.id
        assert playbook.faqs or playbook.myths, f"{playbook.id}: no related FAQ or myth"


def test_every_seed_section_has_a_page(shipped: Generated) -> None:
    content = shipped.content
    assert set(SEED_GUIDES) <= set(content.records["guide"])
    assert "okx" in content.records["platform"]
    assert len(content.risks) >= 4 and len(content.controls) >= 5 and len(content.checklists) >= 3 and len(content.myths) >= 8
    paths = {page.path for page in shipped.pages}
    assert {"index.md", "faq.md", "myths.md", "risks.md", "security-controls.md", "sources.md", "platforms/okx.md"} <= paths


@pytest.mark.parametrize(
    "words",
    [("how long",), ("phishing",), ("own currency",), ("insurance",), ("trade",)],
    ids=["resolution-time", "phishing-recovery", "fiat-value", "insurance", "balance-after-trade"],
)
def test_every_seed_question_is_answered(shipped: Generated, words: tuple[str, ...]) -> None:
    questions = [faq.question.lower() for faq in shipped.content.faqs]
    assert any(all(word in question for word in words) for question in questions), f"no FAQ asks about {words}: {questions}"


def test_false_seed_statements_appear_only_as_corrected_myths(shipped: Generated) -> None:
    myths = " ".join(myth.myth.lower() for myth in shipped.content.myths)
    for topic in ("revers", "safu", "password", "whitelist", "recover"):
        assert topic in myths, f"no myth corrects the seed's statement about {topic!r}"
    for myth in shipped.content.myths:
        assert myth.verdict in ("false", "unsupported", "misleading") and myth.truth.refs, f"{myth.id}: a correction must cite a claim"


def _literal_texts(content: Content):
    """Every literal piece of text a reader sees, with where it was written (claim values excluded)."""
    from generator.text import Text

    def walk(value, where):
        if isinstance(value, Text):
            for paragraph in value.paragraphs:
                for segment in paragraph:
                    if isinstance(segment, str):
                        yield segment, value
        elif isinstance(value, str):
            yield value, where
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from walk(item, where)
        elif hasattr(value, "__dataclass_fields__") and not isinstance(value, (Ref,)):
            for name in value.__dataclass_fields__:
                if name in ("id", "file", "origin", "url", "reviewed", "checked", "retrieved", "excerpts", "quote", "translation",
                            "value", "official_domains", "number", "used_by", "claims", "source", "language", "unconfirmed",
                            "caveat", "note", "statement", "purpose", "severity", "probability", "impact", "verdict", "kind", "audience"):
                    continue  # evidence records quote their sources verbatim; enums are not prose
                yield from walk(getattr(value, name), where)

    for kind, records in content.records.items():
        if kind in ("claim", "source"):
            continue
        for record in records.values():
            for text, _ in walk(record, record):
                yield record.file, text


def test_no_figure_outside_a_claim(shipped: Generated) -> None:
    offending = []
    for file, text in _literal_texts(shipped.content):
        stripped = NOT_FIGURES.sub("", text)
        if re.search(r"\d", stripped) or NUMBER_WORDS.search(stripped):
            offending.append(f"{file}: {text}")
    assert offending == []


def test_the_figure_scan_can_fail() -> None:
    for text in ("wait 24 hours", "95% of cases", "six confirmations", "every 90 days", "$10k"):
        assert re.search(r"\d", NOT_FIGURES.sub("", text)) or NUMBER_WORDS.search(text), text
    for text in ("turn on 2FA", "EIP-55 checksums", "bech32 addresses", "BIP 173"):
        assert not re.search(r"\d", NOT_FIGURES.sub("", text)), text


def _all_urls(content: Content) -> list[tuple[str, str]]:
    urls = []
    for records in content.records.values():
        for record in records.values():
            for name in ("url",):
                if getattr(record, name, None):
                    urls.append((record.file, getattr(record, name)))
            for link in getattr(record, "links", []):
                urls.append((record.file, link.url))
    return urls


def test_every_link_is_https_without_shortener_or_tracking(shipped: Generated) -> None:
    urls = _all_urls(shipped.content)
    assert len(urls) > 20
    bad = []
    for file, url in urls:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme != "https" or host in SHORTENERS or any(TRACKING.match(key) for key, _ in parse_qsl(parts.query)):
            bad.append(f"{file}: {url}")
        if "okx" in host and host != "okx.com" and not host.endswith(".okx.com") and host != "www.okex.com":
            bad.append(f"{file}: {url} (not an official OKX domain)")
    assert bad == []


def test_shipped_site_builds_strict_with_every_page(shipped_site: Path, shipped: Generated) -> None:
    for page in shipped.pages:
        stem = page.path[: -len(".md")]
        html = shipped_site / (stem[: -len("index")] if stem.endswith("index") else stem + "/") / "index.html"
        assert html.is_file(), page.path


def test_shipped_site_links_resolve_and_load_nothing_from_elsewhere(shipped_site: Path) -> None:
    pages = parse_site(shipped_site)
    assert broken_internal_links(shipped_site, pages) == []
    assert foreign_assets(pages) == []
    outbound = [link for parser in pages.values() for link in parser.links if urlsplit(link).scheme]
    assert all(urlsplit(link).scheme in ("https", "mailto") for link in outbound), [link for link in outbound if not link.startswith("https:")]
    assert not [link for link in outbound if (urlsplit(link).hostname or "") in SHORTENERS]
