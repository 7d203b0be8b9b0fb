"""The online re-check: do the cited pages still say what the claims quote?

A claim is only as good as the page behind it, and pages change without notice. A scheduled job
fetches every source that has an address, turns the page into the text a reader sees, and checks
that each claim's quote (and each stored excerpt) is still there, word for word after
:func:`~generator.quotes.normalise`. What it finds is reported as ordinary :class:`Problem` lines,
never as a traceback: an address that cannot be read is one error at the source, a quote that
drifted is one error at the claim.

Only the standard library is used, so the check needs nothing beyond the project's own install.
Fetching goes through a replaceable ``fetch`` function so that tests never touch the network.
"""

from __future__ import annotations

import codecs
import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .model import Source
from .problems import Problems
from .quotes import normalise, quote_in

USER_AGENT = "MissingFundsPlaybook-source-check/1 (+https://github.com/missing-funds-playbook)"
"""Says who is asking, so a site owner who sees the weekly request knows what it is."""
MAX_BYTES = 5 * 1024 * 1024
"""No cited page is this large; a bigger body is a download or a mistake, not a page to read."""
_EXCERPT_SHOWN = 60


@dataclass(frozen=True)
class FetchedPage:
    """What a fetch returned: the address after redirects, the status, the media type and the body as text.

    ``text`` is the decoded body as served (HTML markup included); :func:`page_text` turns it into
    what a reader sees. For a body that is not text (a PDF, an image) ``text`` is empty.
    """

    url: str
    status: int
    content_type: str
    text: str


class FetchError(Exception):
    """An address could not be read; ``reason`` is short and meant for a person ("HTTP 404")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


Fetch = Callable[[str, float], FetchedPage]


@dataclass
class RecheckReport:
    """Counts for the closing line of a run; the details are in the problems.

    Every source is counted once: ``checked`` (read and compared), ``skipped`` (no address),
    ``failed`` (address unreadable) or ``manual`` (read, but not text this check can compare, such
    as a PDF). ``drifted`` counts claims whose quote is gone, ``excerpts_missing`` stored excerpts.
    """

    total: int = 0
    checked: int = 0
    skipped: int = 0
    failed: int = 0
    manual: int = 0
    drifted: int = 0
    excerpts_missing: int = 0

    def summary(self) -> str:
        """A line such as ``36 sources: 30 checked, 5 without an address, 1 unreachable, 2 quotes drifted``."""
        parts = [f"{self.checked} checked", f"{self.skipped} without an address", f"{self.failed} unreachable"]
        if self.manual:
            parts.append(f"{self.manual} to check by hand")
        parts.append(_plural(self.drifted, "quote") + " drifted")
        if self.excerpts_missing:
            parts.append(_plural(self.excerpts_missing, "excerpt") + " missing")
        return f"{_plural(self.total, 'source')}: {', '.join(parts)}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


# --- fetching ------------------------------------------------------------------------------------


def fetch_page(url: str, timeout: float) -> FetchedPage:
    """Fetch ``url`` with urllib, following redirects; raise :class:`FetchError` with a short reason.

    ``timeout`` bounds every network wait and, roughly, the whole body read; the body is capped at
    :data:`MAX_BYTES`. Only http and https are fetched, also after a redirect.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError("not an http or https address")
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "identity",
    })  # fmt: skip
    try:
        with _opener().open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "") or ""
            length = response.headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > MAX_BYTES:
                raise FetchError(_too_large())
            body = _read_capped(response, deadline, timeout)
            status, final = response.status, response.geturl()
    except FetchError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure ends as one short reason, never a traceback
        if isinstance(exc, urllib.error.HTTPError):
            exc.close()
        raise FetchError(describe_failure(exc, timeout)) from None
    kind = _kind(content_type, body)
    text = decode_body(body, content_type, html=kind == "html") if kind != "other" else ""
    return FetchedPage(final, status, content_type, text)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http and https only: a page must not send the checker to ftp: or file:."""

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        location = headers.get("location") or headers.get("uri")
        scheme = urlsplit(urljoin(req.full_url, location)).scheme if location else "http"
        if scheme not in ("http", "https"):
            fp.close()
            raise FetchError(f"redirected to a {scheme}: address")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener() -> urllib.request.OpenerDirector:
    """An opener that speaks only HTTP(S); built per call so proxy settings are read at fetch time."""
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                    _HttpOnlyRedirects(), urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPErrorProcessor(), urllib.request.UnknownHandler()):  # fmt: skip
        opener.add_handler(handler)
    return opener


def _read_capped(response: http.client.HTTPResponse, deadline: float, timeout: float) -> bytes:
    """The body, read in pieces so that neither a huge body nor a trickling server can hold the run."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(65536):
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(_too_large())
        if time.monotonic() > deadline:
            raise FetchError(_timed_out(timeout))
        chunks.append(chunk)
    return b"".join(chunks)


def _tls_words(exc: ssl.SSLError) -> str:
    """OpenSSL's reason code as words: ``WRONG_VERSION_NUMBER`` becomes "wrong version number"."""
    return str(exc.reason).replace("_", " ").lower() if exc.reason else str(exc)


_NOT_FOUND = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, name)}


def _too_large() -> str:
    mib, rest = divmod(MAX_BYTES, 1024 * 1024)
    return f"larger than {mib} MiB" if mib and not rest else f"larger than {MAX_BYTES} bytes"


def _timed_out(timeout: float) -> str:
    return f"timed out after {timeout:g} s"


def describe_failure(exc: BaseException, timeout: float) -> str:
    """A short, human reason for a failed fetch: "HTTP 404", "connection refused", "timed out after 20 s"."""
    if isinstance(exc, FetchError):
        return exc.reason
    if isinstance(exc, urllib.error.HTTPError):
        if 300 <= exc.code < 400:
            return "too many redirects" if "infinite loop" in str(exc.msg) else f"HTTP {exc.code} without a usable redirect"
        return f"HTTP {exc.code}"
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, BaseException):
            return describe_failure(reason, timeout)
        return str(reason)
    if isinstance(exc, TimeoutError):
        return _timed_out(timeout)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate rejected: {exc.verify_message or _tls_words(exc)}"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error: {_tls_words(exc)}"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(exc, ConnectionResetError | BrokenPipeError):
        return "connection reset by the server"
    if isinstance(exc, socket.gaierror):
        return "host name not found" if exc.errno in _NOT_FOUND else f"address lookup failed ({exc.strerror})"
    if isinstance(exc, http.client.IncompleteRead):
        return "the page ended before it was complete"
    if isinstance(exc, http.client.HTTPException):
        return f"not a valid HTTP answer ({type(exc).__name__})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    if isinstance(exc, ValueError):
        return f"not a valid address ({exc})"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


# --- decoding ------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_ALIASES = {
    # Browsers read these labels as their supersets (WHATWG Encoding), and so do we: a page labelled
    # ISO-8859-1 with curly quotes in 0x93/0x94 means windows-1252.
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932", "windows-31j": "cp932",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
}  # fmt: skip


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None for a label no one knows."""
    if not label:
        return None
    name = _ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _kind(content_type: str, body: bytes) -> str:
    """``html``, ``text`` or ``other``: how a body is read. A body without a type is sniffed."""
    media = _media_type(content_type)
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media.startswith("text/"):
        return "text"
    if not media:
        return "html" if re.match(rb"\s*(<!doctype\s+html|<html)", body[:1024], re.IGNORECASE) else "text"
    return "other"


def decode_body(body: bytes, content_type: str, *, html: bool) -> str:
    """Bytes to text as a browser would: byte-order mark, then the Content-Type charset, then
    (for HTML) ``<meta charset>``, then UTF-8; undecodable bytes become U+FFFD instead of failing."""
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return body.decode(bom_codec, errors="replace")
    match = _CHARSET_PARAM.search(content_type)
    codec = _codec(match.group(1)) if match else None
    if codec is None and html:
        meta = _META_CHARSET.search(body[:4096])
        codec = _codec(meta.group(1).decode("ascii")) if meta else None
        if codec and codec.startswith("utf-16"):
            codec = "utf-8"  # a <meta> that could be read as ASCII cannot be UTF-16 (WHATWG)
    return body.decode(codec or "utf-8", errors="replace")


# --- HTML to visible text ------------------------------------------------------------------------

_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg"})
"""Elements whose text a reader never sees as page text (code, styles, fallbacks, drawings)."""
_BLOCKS = frozenset([
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main",
    "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
])  # fmt: skip


class _TextExtractor(HTMLParser):
    """Collects the text a reader sees: no scripts or styles, entities decoded, blocks kept apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden.append(tag)
        elif tag in _BLOCKS and not self.hidden:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and not self.hidden:
            self.parts.append("\n")  # <br/>, <hr/>; a self-closed <svg/> hides nothing

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:
            while self.hidden.pop() != tag:
                pass
        elif tag in _BLOCKS and not self.hidden:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, with a line break wherever a block element starts or ends."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def page_text(page: FetchedPage) -> str | None:
    """What a reader sees on ``page``, or None when it is neither HTML nor text (a PDF, an image)."""
    kind = _kind(page.content_type, page.text.lstrip()[:1024].encode("utf-8", errors="replace"))
    if kind == "other":
        return None
    return html_to_text(page.text) if kind == "html" else page.text


# --- the re-check --------------------------------------------------------------------------------


def recheck_sources(sources: Iterable[Source], problems: Problems, *, timeout: float = 20.0, workers: int = 4,
                    fetch: Fetch | None = None) -> RecheckReport:  # fmt: skip
    """Fetch every source that has an address and report quotes and excerpts the page no longer has.

    Pages are fetched in a small thread pool (each address once), but problems are added in the
    order of ``sources``, so two runs over the same pages report the same lines in the same order.
    """
    sources = list(sources)
    fetch = fetch or fetch_page
    report = RecheckReport(total=len(sources))
    urls = list(dict.fromkeys(source.url for source in sources if source.url))

    def attempt(url: str) -> FetchedPage | str:
        try:
            page = fetch(url, timeout)
        except Exception as exc:  # noqa: BLE001 - an unreadable address is a problem line, not a crash
            return describe_failure(exc, timeout)
        return f"HTTP {page.status}" if page.status >= 400 else page

    results: dict[str, FetchedPage | str] = {}
    if urls:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls))), thread_name_prefix="source-check") as pool:
            results = dict(zip(urls, pool.map(attempt, urls), strict=True))

    for source in sources:
        if not source.url:
            report.skipped += 1
            continue
        _compare(source, source.url, results[source.url], problems, report)
    return report


def _compare(source: Source, url: str, result: FetchedPage | str, problems: Problems, report: RecheckReport) -> None:
    """Report what one source's page lost: one error per drifted quote, one warning per missing excerpt."""
    where = (source.file, source.origin.line, source.origin.column)
    if isinstance(result, str):
        report.failed += 1
        problems.error(*where, f"source '{source.id}': {url} could not be read ({result})")
        return
    try:
        text = page_text(result)
    except Exception as exc:  # noqa: BLE001 - html.parser is lenient, but a bad page must not stop the run
        report.failed += 1
        problems.error(*where, f"source '{source.id}': {url} could not be read (unreadable page: {type(exc).__name__})")
        return
    if text is None:
        report.manual += 1
        media = _media_type(result.content_type) or "no content type"
        problems.warning(*where, f"source '{source.id}': {url} is not a web page or plain text ({media}); "
                                 "re-read it by hand to check the quotes that cite it")  # fmt: skip
        return
    report.checked += 1
    for claim in source.claims:
        if claim.quote and not quote_in(claim.quote, text):
            report.drifted += 1
            quote_at = claim.where("quote")
            problems.error(quote_at.path, quote_at.line, quote_at.column,
                           f"claim '{claim.id}': its quote no longer appears at {url} (the source may have changed; "
                           "re-read it and update the quote, the stored excerpt and the checked date)")  # fmt: skip
    for excerpt in source.excerpts:
        if excerpt.strip() and not quote_in(excerpt, text):
            report.excerpts_missing += 1
            problems.warning(*where, f"source '{source.id}': the stored excerpt \"{_shorten(excerpt)}\" no longer appears at {url} "
                                     "(re-read the page and update the excerpt)")  # fmt: skip


def _shorten(text: str) -> str:
    """The first words of ``text``, at most about 60 characters, with an ellipsis when cut."""
    text = normalise(text)
    if len(text) <= _EXCERPT_SHOWN:
        return text
    cut = text[:_EXCERPT_SHOWN].rsplit(" ", 1)[0] if " " in text[:_EXCERPT_SHOWN] else text[:_EXCERPT_SHOWN]
    return cut.rstrip(" ,;:.") + "…"
