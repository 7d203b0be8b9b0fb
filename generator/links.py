"""The link policy: which addresses this site may send a frightened reader to.

A help site about phishing must never itself route a reader through a short link, a tracking or
affiliate link, or a look-alike of the exchange they are worried about. :func:`judge` applies the
policy to one address and returns what is wrong with it, as short reasons; the ``link-policy``
check runs it over every address in the content (at its YAML position) and ``verify`` over every
``href`` and ``src`` of the built site. The lists live in ``link_policy.yaml``, each entry with
its reason; a link that must break a rule is written in ``content/link-exceptions/`` with a reason
of its own.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

RULES = ("scheme", "shortener", "tracking", "affiliate-path", "look-alike", "punycode", "platform-domain")
"""The rules a link exception can name."""

# Letters that pass for others in a domain name: digits and Cyrillic or Greek look-alikes.
_CONFUSABLE = str.maketrans({
    "0": "o", "1": "l", "3": "e", "5": "s", "7": "t", "|": "l",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ο": "o", "α": "a", "κ": "k", "χ": "x", "ν": "v", "ι": "i", "ε": "e", "ρ": "p",
})  # fmt: skip


@dataclass(frozen=True)
class Violation:
    """One rule an address breaks, and why that matters to a reader."""

    rule: str
    message: str


@dataclass(frozen=True)
class Brand:
    """A profiled platform as the look-alike rule sees it: its name and the domains it operates."""

    name: str
    domains: tuple[str, ...]

    @property
    def tokens(self) -> set[str]:
        """The words a look-alike copies: the platform's name and its domains' first labels."""
        words = {re.sub(r"[^a-z0-9]", "", self.name.lower())} | {domain.split(".")[0] for domain in self.domains}
        return {word for word in words if len(word) >= 3}

    def owns(self, host: str) -> bool:
        return any(host == domain or host.endswith("." + domain) for domain in self.domains)


def brands_of(platforms: list[Any]) -> list[Brand]:
    """The profiled platforms, as the look-alike rule sees them."""
    return [Brand(platform.name, tuple(platform.official_domains)) for platform in platforms]


@functools.cache
def policy_lists() -> dict[str, Any]:
    """The shipped lists of shorteners, tracking parameters and affiliate paths."""
    data = yaml.safe_load((resources.files(__package__) / "link_policy.yaml").read_text(encoding="utf-8"))
    return {
        "shorteners": {entry["domain"]: entry["reason"] for entry in data["shorteners"]},
        "tracking": [(re.compile(entry["pattern"], re.IGNORECASE), entry["reason"]) for entry in data["tracking_parameters"]],
        "paths": [(re.compile(entry["pattern"], re.IGNORECASE), entry["reason"]) for entry in data["affiliate_paths"]],
    }


def host_of(url: str) -> str:
    """The host of ``url`` in lower case, without port or trailing dot ("" when there is none)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def judge(url: str, brands: list[Brand], *, allow_mailto: bool = False, presented_as: Brand | None = None) -> list[Violation]:
    """Every rule ``url`` breaks. ``presented_as``: the platform whose own page the link claims to be."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "mailto":
        return [] if allow_mailto else [Violation("scheme", "mailto: links belong only in a platform profile's support links")]
    if scheme != "https":
        shown = f"{scheme}:" if scheme else "an address without https://"
        return [Violation("scheme", f"{shown} is not allowed; write the full https:// address")]
    lists = policy_lists()
    host = host_of(url)
    problems: list[Violation] = []
    shortener = next((domain for domain in lists["shorteners"] if host == domain or host.endswith("." + domain)), None)
    if shortener:
        problems.append(Violation("shortener", f"{shortener} is a URL shortener ({lists['shorteners'][shortener]}); link the destination page itself"))
    parts = urlsplit(url)
    for name, _ in parse_qsl(parts.query, keep_blank_values=True):
        reason = next((why for pattern, why in lists["tracking"] if pattern.search(name)), None)
        if reason:
            problems.append(Violation("tracking", f"parameter '{name}' is a tracking or referral code ({reason}); remove it"))
    reason = next((why for pattern, why in lists["paths"] if pattern.search(parts.path)), None)
    if reason:
        problems.append(Violation("affiliate-path", f"path '{parts.path}' looks like a referral link ({reason}); link the plain page"))
    problems.extend(_look_alike(host, brands))
    if presented_as is not None and not presented_as.owns(host) and not any(v.rule in ("look-alike", "punycode") for v in problems):
        problems.append(Violation("platform-domain", f"the link is presented as {presented_as.name}'s own, but {host} is not one of its domains "
                                                     f"({', '.join(presented_as.domains)})"))  # fmt: skip
    return problems


def _look_alike(host: str, brands: list[Brand]) -> list[Violation]:
    """A host that imitates a profiled platform: brand inside another domain, variants, homoglyphs, punycode."""
    if any(brand.owns(host) for brand in brands):
        return []
    if not host.isascii() or any(label.startswith("xn--") for label in host.split(".")):
        decoded = _decode(host)
        return [Violation("punycode", f"host '{host}'{f' ({decoded})' if decoded != host else ''} uses non-Latin or encoded letters, "
                                      "the way homoglyph look-alikes do; link the plain domain")]  # fmt: skip
    labels = host.split(".")
    for brand in brands:
        for domain in brand.domains:
            if f".{domain}." in f".{host}.":
                return [Violation("look-alike", f"{host} puts {domain} in front of another domain; it is not {brand.name}")]
        for token in brand.tokens:
            for label in labels:
                skeleton = label.translate(_CONFUSABLE).replace("rn", "m").replace("vv", "w")
                if token in label or token in skeleton:
                    how = ("a hyphenated variant of" if "-" in label else "an extended variant of" if label != token and token in label
                           else "a look-alike spelling of" if token not in label else "under another domain ending, using")  # fmt: skip
                    return [Violation("look-alike", f"{host} is {how} {brand.name}'s name; {brand.name}'s own domains are "
                                                    f"{', '.join(brand.domains)}, so it is not {brand.name}")]  # fmt: skip
    return []


def _decode(host: str) -> str:
    try:
        return host.encode("ascii").decode("idna") if host.isascii() else unicodedata.normalize("NFC", host)
    except UnicodeError:
        return host
