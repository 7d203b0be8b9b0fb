"""The link policy: which addresses this site may send a frightened reader to.

A help site about phishing must never itself route a reader through a short link, a tracking or
affiliate link, or a look-alike of the exchange they are worried about. :func:`judge` applies the
policy to one address and returns what is wrong with it, as short reasons; the ``link-policy``
check runs it over every address in the content (at its YAML position) and ``verify`` over every
``href`` and ``src`` of the built site. The lists live in ``link_policy.yaml``, each entry with
its reason; a link that must break a rule is written in ``content/link-exceptions/`` with a reason
of its own.

Addresses are read the way the browser reads them, with a WHATWG URL parser (``ada-url``, the
parser behind Node.js), never with ``urllib``: a phishing link lives in the gap between the two.
``https://evil.example\\@www.okx.com/`` reads as OKX to ``urlsplit`` and to a person, and the
browser opens evil.example. So the rules judge the host the browser opens, and an address whose
text hides that host (a user name before ``@``, backslashes, extra slashes, %-escaped or numeric
hosts, invisible characters, ...) is refused outright under one of :data:`ADDRESS_RULES`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, unquote

import yaml
from ada_url import URL, HostType, idna_to_unicode

SCRIPT_SCHEMES = frozenset({"javascript", "vbscript"})
"""Schemes whose address is code to run, not a place to go."""

RULES = ("scheme", "shortener", "tracking", "affiliate-path", "look-alike", "punycode", "platform-domain")
"""The rules a link exception can name (the link-exception schema lists the same names)."""

ADDRESS_RULES = (
    "control-character", "slashes", "backslash", "userinfo", "encoded-host", "ip-address", "port", "trailing-dot", "invalid-host",
    "script-scheme",
)  # fmt: skip
"""Rules for an address that the browser reads otherwise than a person does, or that names no public site.

No link exception can excuse them: the help site never needs a user name, a backslash, a numeric
host or a non-standard port in a link, and an address written that way is how a phishing link
hides where it goes."""

# Letters that pass for others in a domain name: digits and Cyrillic or Greek look-alikes. Applied
# after Unicode compatibility decomposition without accents, so ö, ｏ and ℴ already read as o.
_CONFUSABLE = str.maketrans({
    "0": "o", "1": "l", "3": "e", "5": "s", "7": "t", "|": "l",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ь": "b", "в": "b", "м": "m", "н": "h", "т": "t", "г": "r", "п": "n", "ё": "e", "ї": "i",
    "ο": "o", "α": "a", "κ": "k", "χ": "x", "ν": "v", "ι": "i", "ε": "e", "ρ": "p", "τ": "t", "υ": "u", "β": "b", "η": "n", "μ": "u",
    "ɡ": "g", "ı": "i", "ȷ": "j", "ɑ": "a",
})  # fmt: skip

_HOME_HOST = "site.invalid"
_HOME = f"https://{_HOME_HOST}/page/"
"""Stands for a page of this site when a relative address is resolved (``.invalid`` never names a real site)."""
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_EDGES = "".join(map(chr, range(0x21)))
"""C0 controls and space: the browser strips them from both ends of an address."""


@dataclass(frozen=True)
class Violation:
    """One rule an address breaks, and why that matters to a reader."""

    rule: str
    message: str

    @property
    def excusable(self) -> bool:
        """Whether a link exception may excuse it: never for an address that hides where it goes."""
        return self.rule in RULES


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
    """The shipped lists of shorteners, tracking parameters, affiliate paths, and domains that are no look-alikes."""
    data = yaml.safe_load((resources.files(__package__) / "link_policy.yaml").read_text(encoding="utf-8"))
    return {
        "shorteners": {entry["domain"]: entry["reason"] for entry in data["shorteners"]},
        "tracking": [(re.compile(entry["pattern"], re.IGNORECASE), entry["reason"]) for entry in data["tracking_parameters"]],
        "paths": [(re.compile(entry["pattern"], re.IGNORECASE), entry["reason"]) for entry in data["affiliate_paths"]],
        "not_look_alikes": {entry["domain"]: entry["reason"] for entry in data["not_look_alikes"]},
        "seen_look_alikes": {entry["domain"]: (entry["imitates"], entry["reason"]) for entry in data["seen_look_alikes"]},
    }


def _browser_text(url: str) -> str:
    """``url`` as the WHATWG parser sees it first: no C0 controls or spaces at either end, no tab or line break anywhere."""
    return re.sub(r"[\t\n\r]", "", url.strip(_EDGES))


def _parse(url: str, base: str | None = None) -> URL | None:
    """The address the browser would open, or None when it would refuse to open any."""
    try:
        return URL(url, base)
    except ValueError:
        return None


def scheme_of(url: str) -> str:
    """The scheme the browser reads in ``url``, in lower case ("" for a relative address)."""
    found = _SCHEME.match(_browser_text(url))
    return found.group(1).lower() if found else ""


def host_of(url: str) -> str:
    """The host the browser opens for ``url``, in lower case, without port or trailing dot ("" when there is none)."""
    parsed = _parse(url)
    return parsed.hostname.rstrip(".") if parsed is not None else ""


def leaves_site(address: str) -> bool:
    """Whether following ``address`` from a page of this site leaves it, as the browser resolves it.

    ``\\\\evil.example/`` or ``/\\evil.example/`` carry no scheme, yet the browser opens evil.example.
    """
    opened = _parse(address, _HOME)
    if opened is None:
        return bool(scheme_of(address)) or _browser_text(address).startswith(("//", "\\", "/\\"))
    return opened.protocol != "https:" or opened.host != _HOME_HOST


def shown(url: str) -> str:
    """``url`` for a message: invisible characters spelled out, so one problem stays on one line."""
    return "".join(f"\\u{ord(c):04x}" if _invisible(c) else c for c in url)


def judge(url: str, brands: list[Brand], *, allow_mailto: bool = False, presented_as: Brand | None = None) -> list[Violation]:
    """Every rule ``url`` breaks. ``presented_as``: the platform whose own page the link claims to be."""
    scheme = scheme_of(url)
    if scheme == "mailto":
        return [] if allow_mailto else [Violation("scheme", "mailto: links belong only in a platform profile's support links")]
    if scheme in SCRIPT_SCHEMES:
        return [Violation("script-scheme", f"{scheme}: runs code in the reader's browser instead of opening a page; it is never allowed, "
                                           "not even by a link exception")]  # fmt: skip
    if scheme != "https":
        shown_scheme = f"{scheme}:" if scheme else "an address without https://"
        elsewhere = _parse(url, _HOME) if not scheme else None  # //evil.example or \\evil.example: another site all the same
        opens = f" (from a page, the browser opens {elsewhere.hostname})" if elsewhere is not None and elsewhere.host != _HOME_HOST else ""
        return [Violation("scheme", f"{shown_scheme} is not allowed{opens}; write the full https:// address")]
    parsed = _parse(url)
    problems = _written_problems(url, parsed)
    if parsed is None:
        if not problems:
            problems.append(Violation("invalid-host", "browsers cannot open this address: its host is not a valid domain name"))
        return problems
    host = parsed.hostname.rstrip(".")
    problems.extend(_host_problems(parsed))
    lists = policy_lists()
    shortener = next((domain for domain in lists["shorteners"] if host == domain or host.endswith("." + domain)), None)
    if shortener:
        why = lists["shorteners"][shortener]
        problems.append(Violation("shortener", f"{shortener} is a URL shortener ({why}); link the destination page itself"))
    for name, _ in parse_qsl(parsed.search.removeprefix("?"), keep_blank_values=True):  # as the server splits it; bad UTF-8 reads as U+FFFD
        reason = next((why for pattern, why in lists["tracking"] if pattern.search(name)), None)
        if reason:
            problems.append(Violation("tracking", f"parameter '{name}' is a tracking or referral code ({reason}); remove it"))
    path = unquote(parsed.pathname)  # the server reads /%6Aoin/ as /join/
    reason = next((why for pattern, why in lists["paths"] if pattern.search(path)), None)
    if reason:
        problems.append(Violation("affiliate-path", f"path '{path}' looks like a referral link ({reason}); link the plain page"))
    if parsed.host_type == HostType.DEFAULT:
        problems.extend(_look_alike(host, tuple(brands)))
    if presented_as is not None and not presented_as.owns(host) and not any(v.rule in ("look-alike", "punycode") for v in problems):
        problems.append(Violation("platform-domain", f"the link is presented as {presented_as.name}'s own, but {host} is not one of its "
                                                     f"domains ({', '.join(presented_as.domains)})"))  # fmt: skip
    return problems


def _invisible(char: str) -> bool:
    """A character no reader sees in an address: C0 controls, DEL, and format characters (zero-width, soft hyphen, bidi)."""
    return ord(char) < 0x20 or ord(char) == 0x7F or unicodedata.category(char) == "Cf"


def _written_problems(url: str, parsed: URL | None) -> list[Violation]:
    """Where the text of an https address reads otherwise than the browser parses it, before the host is looked at.

    The browser deletes tabs and line breaks, reads ``\\`` as ``/``, skips any number of slashes after
    ``https:``, takes everything before the last ``@`` of the authority as a user name, and decodes
    %-escapes and full-width letters in the host. A person reading the text does none of that.
    """
    problems: list[Violation] = []
    opens = f"so it opens {parsed.hostname}" if parsed is not None else "and no browser can open the result"
    hidden = [] if url.isascii() and url.isprintable() else sorted({char for char in url if _invisible(char)})
    if hidden:
        names = dict.fromkeys("a tab" if c == "\t" else "a line break" if c in "\n\r" else f"the invisible character U+{ord(c):04X}"
                              for c in hidden)  # fmt: skip
        where = f" (the browser opens {parsed.href})" if parsed is not None else ""
        problems.append(Violation("control-character", f"it holds {', '.join(names)}, which no reader sees; the browser deletes or "
                                                       f"refuses such characters, so the address shown is not the address opened{where}; "
                                                       f"remove {'it' if len(hidden) == 1 else 'them'}"))  # fmt: skip
    text = _browser_text(url)
    rest = text[len(scheme_of(text)) + 1 :]
    slashes = rest[: len(rest) - len(rest.lstrip("/\\"))]
    after = rest[len(slashes) :]
    authority = re.split(r"[/\\?#]", after, maxsplit=1)[0]  # what the browser takes for the authority
    read_as = re.split(r"[/?#]", after, maxsplit=1)[0].rpartition("@")[2]  # what a person (and urlsplit) takes for it
    read_host = re.sub(r":\d*$", "", read_as).lower()
    if "\\" in re.split(r"[?#]", text, maxsplit=1)[0]:
        other = f", not {read_host}" if parsed is not None and re.fullmatch(r"[\w.-]+", read_host) and read_host != parsed.hostname else ""
        problems.append(Violation("backslash", f"the browser reads each '\\' before the query as '/', {opens}{other}; "
                                               "write forward slashes only"))  # fmt: skip
    elif slashes != "//":
        count = {0: "no slash", 1: "one slash"}.get(len(slashes), f"{len(slashes)} slashes")
        problems.append(Violation("slashes", f"'https:' is followed by {count}, not two; the browser skips any number of slashes "
                                             f"there, {opens}, but the address does not read the way it works; "
                                             "write https:// and the host"))  # fmt: skip
    userinfo, at, host_text = authority.rpartition("@")
    if at:
        goes = f"the browser opens {parsed.hostname}" if parsed is not None else "no browser can open this address"
        problems.append(Violation("userinfo", f"the part before '@' ('{userinfo}@') is a user name, not the site: {goes}; phishing "
                                              "links put a trusted name there to hide their real host; "
                                              "remove everything up to the '@'"))  # fmt: skip
    host_text = host_text if host_text.startswith("[") else re.sub(r":\d*$", "", host_text)
    if "%" in host_text:
        problems.append(Violation("encoded-host", f"the host '{host_text}' is written with %-escapes, which the browser decodes, {opens}; "
                                                  "write the host in plain letters"))  # fmt: skip
    elif parsed is not None and not host_text.isascii() and not any(label.startswith("xn--") for label in parsed.hostname.split(".")):
        problems.append(Violation("encoded-host", f"the host '{host_text}' is written in full-width or other stand-in characters "
                                                  f"that the browser turns into plain ones, {opens}; "
                                                  "write the host in plain letters"))  # fmt: skip
    return problems


def _host_problems(parsed: URL) -> list[Violation]:
    """A host no reader can recognise as a site: numeric, on another port, with a trailing dot, or without a dot at all."""
    problems: list[Violation] = []
    host = parsed.hostname
    if parsed.host_type != HostType.DEFAULT:
        problems.append(Violation("ip-address", f"the browser reads the host as the numeric address {host}; a reader cannot tell "
                                                "whose server that is, so link the site by its domain name"))  # fmt: skip
    elif host.endswith("."):
        problems.append(Violation("trailing-dot", f"the host '{host}' ends with a dot; browsers treat it as another site than "
                                                  f"{host.rstrip('.')} (its saved passwords and security settings do not apply); "
                                                  "remove the dot"))  # fmt: skip
    elif "." not in host:
        problems.append(Violation("invalid-host", f"'{host}' is not a public domain name (it has no dot); the browser would look for "
                                                  "it on the reader's own network"))  # fmt: skip
    if parsed.port:
        problems.append(Violation("port", f"port {parsed.port} is not the standard https port; another port of the same name can be "
                                          f"another service, so link the address without ':{parsed.port}'"))  # fmt: skip
    return problems


@functools.lru_cache(maxsize=4096)
def _look_alike(host: str, brands: tuple[Brand, ...]) -> tuple[Violation, ...]:
    """A host that imitates a profiled platform: brand inside another domain, variants, typing slips, homoglyphs, punycode.

    ``host`` is the ASCII host the browser opens; an internationalised name is decoded to Unicode and
    reduced to a Latin skeleton, so ``xn--kx-emc.com`` (Cyrillic о) is caught as a copy of okx.com.
    """
    if any(brand.owns(host) for brand in brands) or any(host == d or host.endswith("." + d) for d in policy_lists()["not_look_alikes"]):
        return ()
    seen = next(((d, entry) for d, entry in policy_lists()["seen_look_alikes"].items() if host == d or host.endswith("." + d)), None)
    if seen is not None:
        imitates, why = seen[1]
        brand = next((b for b in brands if b.name == imitates), None)
        close = _not_it(brand) if brand else f"it is not {imitates}"
        return (Violation("look-alike", f"{host} is a known copy of {imitates}'s pages ({why}); {close}"),)
    decoded = _decode(host)
    if decoded == host and not any(label.startswith("xn--") for label in host.split(".")):
        found = _resemblance(host, brands)
        if found is None:
            return ()
        brand, how = found
        if how.startswith("puts "):
            return (Violation("look-alike", f"{host} {how}; it is not {brand.name}"),)
        return (Violation("look-alike", f"{host} {how}; {_not_it(brand)}"),)
    skeleton = _skeleton(decoded)
    owner = next((brand for brand in brands if brand.owns(skeleton)), None)
    found = (owner, "") if owner is not None else _resemblance(skeleton, brands)
    shown_host = f"'{host}'{f' ({decoded})' if decoded != host else ''}"
    if found is None:
        return (Violation("punycode", f"host {shown_host} uses non-Latin or encoded letters, the way homoglyph look-alikes do; "
                                      "link the plain domain"),)  # fmt: skip
    brand, how = found
    which = f", which {how}" if how else ""
    return (Violation("look-alike", f"host {shown_host} uses non-Latin or encoded letters and reads as {skeleton}{which}; "
                                    f"{_not_it(brand)}"),)  # fmt: skip


def _not_it(brand: Brand) -> str:
    """The close of a look-alike message: where the platform really is."""
    return f"{brand.name}'s own domains are {', '.join(brand.domains)}, so it is not {brand.name}"


def _resemblance(host: str, brands: tuple[Brand, ...]) -> tuple[Brand, str] | None:
    """The platform ``host`` imitates and how, in words that follow the host's name; None when it imitates none."""
    labels = host.split(".")
    for brand in brands:
        for domain in brand.domains:
            if f".{domain}." in f".{host}.":
                return brand, f"puts {domain} in front of another domain"
        for token in brand.tokens:
            for label in labels:
                skeleton = _skeleton(label)
                joined = skeleton.replace("-", "")
                if token in label or token in skeleton or token in joined:
                    how = ("a hyphenated variant of" if "-" in label else "an extended variant of" if label != token and token in label
                           else "a look-alike spelling of" if token not in label else "under another domain ending, using")  # fmt: skip
                    return brand, f"is {how} {brand.name}'s name"
        for domain in brand.domains:
            slip = _typing_slip(labels, domain)
            if slip:
                return brand, f"is one typing slip from {domain} ({slip})"
        for token in brand.tokens:
            for label in labels:
                misspelt = _misspelling(_skeleton(label).replace("-", ""), token)
                if misspelt:
                    return brand, f"spells {brand.name}'s name with {misspelt} ('{label}')"
    return None


MISSPELLING_MIN = 6
"""Brand names at least this long are also caught misspelt inside a label (krakn-login, coinbasse-en,
kraiken): one letter added, missing, changed or two swapped. Shorter names (okx) are left to the
whole-domain typing slips, since one edit of a short name reaches ordinary words."""
_SOUND_ALIKE = {frozenset("ck"), frozenset("il"), frozenset("mn")}
"""First letters a misspelling may change: they sound or look alike (craken). Any other first letter
starts another word (binance and finance), which is no imitation."""


def _misspelling(label: str, token: str) -> str | None:
    """How some stretch of ``label`` is one edit from ``token``, in words; None when none is."""
    if len(token) < MISSPELLING_MIN:
        return None
    for size in (len(token) - 1, len(token), len(token) + 1):
        for start in range(len(label) - size + 1):
            how = _one_edit(label[start : start + size], token)
            if how:
                return how
    return None


def _one_edit(written: str, token: str) -> str | None:
    """How ``written`` is one edit from ``token`` keeping its first letter (or changing it to one that sounds alike)."""
    same_start = written[:1] == token[:1]
    if len(written) == len(token) + 1 and same_start and any(written[:i] + written[i + 1 :] == token for i in range(len(written))):
        return "a letter added"
    if len(written) + 1 == len(token) and same_start and any(token[:i] + token[i + 1 :] == written for i in range(1, len(token))):
        return "a letter missing"
    if len(written) == len(token):
        diffs = [i for i, (a, b) in enumerate(zip(written, token, strict=True)) if a != b]
        if len(diffs) == 1 and (diffs[0] > 0 or frozenset((written[0], token[0])) in _SOUND_ALIKE):
            return "a letter changed"
        if len(diffs) == 2 and diffs[0] > 0 and diffs[1] == diffs[0] + 1:
            first, second = diffs
            if (written[first], written[second]) == (token[second], token[first]):
                return "two letters swapped"
    return None


def _typing_slip(labels: list[str], domain: str) -> str | None:
    """How consecutive labels of a host are one edit away from an official ``domain``, written out with its ending.

    The whole domain is compared, not its name alone: one edit of "okx" reaches real names such as
    ok.ru or ox.ac.uk, while one edit of "okx.com" (okz.com, oxk.com, okkx.com, kx.com, okx.cm) is
    almost always a squat. Names shorter than three letters are left out: one edit of x.com is
    half the short domains there are. Both sides are compared as skeletons, so 0kz.com counts too.
    """
    size = domain.count(".") + 1
    if len(domain.split(".")[0]) < 3 or len(labels) < size:
        return None
    official = _skeleton(domain)
    for start in range(len(labels) - size + 1):
        written = _skeleton(".".join(labels[start : start + size]))
        if written == official:
            return "a look-alike spelling"
        if len(written) == len(official) + 1 and any(written[:i] + written[i + 1 :] == official for i in range(len(written))):
            return "a letter added"
        if len(written) + 1 == len(official) and any(official[:i] + official[i + 1 :] == written for i in range(len(official))):
            return "a letter missing"
        if len(written) == len(official):
            diffs = [i for i, (a, b) in enumerate(zip(written, official, strict=True)) if a != b]
            if len(diffs) == 1:
                return "a letter changed"
            if len(diffs) == 2:
                first, second = diffs
                if second == first + 1 and (written[first], written[second]) == (official[second], official[first]):
                    return "two letters swapped"
    return None


def _skeleton(name: str) -> str:
    """``name`` reduced to the Latin letters it shows: accents dropped, compatibility forms folded, homoglyphs mapped."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    return folded.translate(_CONFUSABLE).replace("rn", "m").replace("vv", "w")


def _decode(host: str) -> str:
    """``host`` in Unicode, as an internationalised name shows it (unchanged when it holds no valid punycode)."""
    decoded = idna_to_unicode(host)
    return unicodedata.normalize("NFC", decoded) if decoded else host
