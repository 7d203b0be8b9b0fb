"""What every published page promises a reader about code and requests, written into its HTML.

- A Content-Security-Policy: scripts only from this site, plus the exact inline scripts Material
  writes into the page (by hash), so an injected ``<script>`` or an ``onclick=`` attribute never
  runs and nothing is fetched from another origin. GitHub Pages cannot send headers, so the policy
  is a ``<meta>`` element, which ``overrides/main.html`` places before any script.
- ``rel="noopener noreferrer"`` on every link to another site, Material's own links included.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

PLACEHOLDER = "__MFP_CSP__"
"""What ``overrides/main.html`` writes where the policy goes."""

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)
_SOURCE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref="(?P<href>[^"]*)\"""", re.IGNORECASE)
_REL = re.compile(r"""\brel="(?P<rel>[^"]*)\"""", re.IGNORECASE)

_POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # Material draws its icons with data: SVGs in CSS
    "font-src": "'self'",
    "connect-src": "'self'",  # search index, instant navigation, sitemap
    "worker-src": "'self'",  # the search worker
    "manifest-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions (``'sha256-…'``) for every inline script that runs, in page order."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if _SOURCE.search(attrs) or _DATA_TYPE.search(attrs):
            continue  # external scripts fall under 'self'; JSON data blocks never run
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode()).digest()).decode()
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def content_security_policy(html: str, offline: bool = False) -> str:
    """The policy for one page.

    ``offline``: the copy opened from disk, where Material's search runs its worker in a frame
    that an ``iframe-worker`` shim writes with an inline script whose text holds the file's path on
    the reader's disk. No hash can be known in advance, so that copy allows inline scripts; every
    other rule, no request to another origin above all, stays the same.
    """
    policy = dict(_POLICY)
    policy["script-src"] = "'self' 'unsafe-inline'" if offline else " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def harden(html: str, site_url: str | None, offline: bool = False) -> str:
    """``html`` with its policy in place of :data:`PLACEHOLDER` and ``rel="noopener noreferrer"``
    on links that leave ``site_url``'s host."""
    if PLACEHOLDER in html:
        html = html.replace(PLACEHOLDER, content_security_policy(html, offline), 1)
    own_host = urlsplit(site_url or "").netloc
    return _LINK.sub(lambda match: _with_rel(match, own_host), html)


def _with_rel(match: re.Match[str], own_host: str) -> str:
    attrs = match.group("attrs")
    href = _HREF.search(attrs)
    if href is None:
        return match.group(0)
    parts = urlsplit(href.group("href"))
    if parts.scheme not in ("http", "https") or parts.netloc == own_host:
        return match.group(0)
    rel = _REL.search(attrs)
    if rel is None:
        return f'<a{attrs} rel="noopener noreferrer">'
    values = rel.group("rel").split()
    values += [value for value in ("noopener", "noreferrer") if value not in values]
    return "<a" + attrs[: rel.start()] + f'rel="{" ".join(values)}"' + attrs[rel.end() :] + ">"
