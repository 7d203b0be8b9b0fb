"""What every published page promises a reader about code and requests, written into its HTML.

- A Content-Security-Policy that lets only scripts we know run: this site's own files, and by hash
  the inline scripts Material's templates and this site's theme write (recognised by their exact text, see
  :func:`known_inline_scripts`). An inline script of any other shape (a title or text that broke out
  of its escaping, an edited page) gets no hash, so it never runs, and :func:`unknown_inline_scripts`
  names it so that the build and ``verify`` fail. The offline copy gets the same policy. GitHub
  Pages cannot send headers, so the policy is a ``<meta>`` element that ``generator/theme/main.html``
  places before any script.
- ``rel="noopener noreferrer"`` on every link to another site, Material's own links included.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from importlib import resources
from urllib.parse import urlsplit

PLACEHOLDER = "__MFP_CSP__"
"""What ``generator/theme/main.html`` writes where the policy goes."""

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.IGNORECASE)
DATA_TYPES = frozenset({"application/json", "application/ld+json"})
"""Script types that hold data (Material's configuration, schema.org JSON-LD): such a script never runs."""
_SOURCE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref="(?P<href>[^"]*)\"""", re.IGNORECASE)
_REL = re.compile(r"""\brel="(?P<rel>[^"]*)\"""", re.IGNORECASE)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_ADDRESS = r"[A-Za-z0-9./:_-]*"
"""What a Jinja expression inside one of Material's inline scripts prints: the site's base address
(``..``, ``.``, ``https://example.org/``). No quote, so it cannot leave the string it stands in."""

_POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # Material draws its icons with data: SVGs in CSS
    "font-src": "'self'",
    "connect-src": "'self'",  # the search index (Pagefind's pieces on the published site)
    # The search worker. On the published site it runs Pagefind, whose search is WebAssembly. No
    # 'wasm-unsafe-eval' is needed: a worker loaded from the site's own address does not inherit the
    # page's policy (a <meta> policy reaches no worker), and the offline copy's frame runs lunr.
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


class PageSafetyError(ValueError):
    """A page that must not be published as it is; ``str()`` says why, in one line."""


class UnknownInlineScript(PageSafetyError):
    """A page holds an inline script that is none of Material's: injected, or Material changed."""


class NoPlaceForPolicy(PageSafetyError):
    """A page has no :data:`PLACEHOLDER`: a template replaced ours without ``{{ super() }}``."""


THEME_SCRIPTS = resources.files("generator") / "theme" / "partials" / "javascripts"
"""This site's own inline scripts (the colour scheme's), which replace Material's of the same name."""


@functools.cache
def known_inline_scripts() -> tuple[re.Pattern[str], ...]:
    """The inline scripts Material's templates and this site's theme write (``partials/javascripts/``), as patterns.

    Read from the installed theme, so an upgrade of Material that changes them is followed, and
    exact but for the base address each may print: an injected script cannot match one.
    """
    folders = (resources.files("material") / "templates" / "partials" / "javascripts", THEME_SCRIPTS)
    patterns = []
    for template in sorted((entry for folder in folders for entry in folder.iterdir()), key=lambda entry: entry.name):
        if not template.name.endswith(".html"):
            continue
        for match in _SCRIPT.finditer(template.read_text(encoding="utf-8")):
            if not _runs_inline(match.group("attrs")):
                continue
            literal = [re.escape(part) for part in _JINJA_EXPRESSION.split(match.group("body"))]
            patterns.append(re.compile(_ADDRESS.join(literal)))
    return tuple(patterns)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in ``html`` that would run (JSON data blocks never run)."""
    bodies = []
    for match in _SCRIPT.finditer(html):
        if _runs_inline(match.group("attrs")):
            bodies.append(match.group("body"))
    return bodies


def runs_inline(has_source: bool, script_type: str | None) -> bool:
    """Whether a ``<script>`` runs the code written inside it: no ``src``, and a type that is not data."""
    return not has_source and (script_type or "").strip().lower() not in DATA_TYPES


def _runs_inline(attrs: str) -> bool:
    found = _TYPE.search(attrs)
    return runs_inline(bool(_SOURCE.search(attrs)), found.group("type") if found else None)


def is_known(script: str) -> bool:
    """Whether ``script`` is, to the letter, one that Material's templates or this site's theme write."""
    return any(pattern.fullmatch(script) for pattern in known_inline_scripts())


def unknown_inline_scripts(html: str) -> list[str]:
    """The inline scripts of ``html`` that the policy does not allow, in page order."""
    return [script for script in inline_scripts(html) if not is_known(script)]


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions (``'sha256-…'``) for the known inline scripts of ``html``, in page order."""
    hashes = []
    for script in inline_scripts(html):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        if is_known(script) and f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def content_security_policy(html: str, preview: bool = False) -> str:
    """The policy for one page: this site's scripts and the known inline ones, nothing else.

    The offline copy needs no exception: its search worker runs in a frame that
    ``web/iframe-worker.js`` fills with script files only. ``preview``: the page as ``serve``
    shows it to an editor on their own machine, where MkDocs adds an inline script that reloads
    the page after an edit, different in every response; that preview alone allows inline
    scripts. A build never does.
    """
    policy = dict(_POLICY)
    policy["script-src"] = "'self' 'unsafe-inline'" if preview else " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def harden(html: str, site_url: str | None, preview: bool = False) -> str:
    """``html`` with its policy in place of :data:`PLACEHOLDER` and ``rel="noopener noreferrer"``
    on links that leave ``site_url``'s host.

    Raises :class:`UnknownInlineScript` for a page with an inline script the policy does not know:
    the policy would stop it, but a page carrying one is broken or attacked, and nobody should
    publish it without looking; :class:`NoPlaceForPolicy` for a page its policy cannot be written into.
    """
    unknown = unknown_inline_scripts(html)
    if unknown:
        raise UnknownInlineScript(f"an inline script that is none of Material's: <script>{unknown[0][:80]}</script>")
    if PLACEHOLDER not in html:
        raise NoPlaceForPolicy("the page has no place for its Content-Security-Policy: a main.html of the site's own custom_dir "
                               "must extend base.html and keep {{ super() }} in its site_meta block")  # fmt: skip
    html = html.replace(PLACEHOLDER, content_security_policy(html, preview), 1)
    return mark_outside_links(html, site_url)


def mark_outside_links(html: str, site_url: str | None) -> str:
    """``html`` with ``rel="noopener noreferrer"`` on every link that leaves ``site_url``'s host."""
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
