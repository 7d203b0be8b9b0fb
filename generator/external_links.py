"""The scheduled external-link check: do the outside addresses the site links to still answer?

Outside pages move and vanish without notice, so a weekly job asks each one. It runs in three
steps, all with the real ``linkchecker``:

1. Crawl the built site, served on 127.0.0.1, quickly and without fetching anything outside: this
   finds every external address and the page, line and column that holds it.
2. Check those addresses politely (``--check-extern``, a few threads, a request rate per host and
   a user agent that names the project). This is a separate run because linkchecker's
   ``maxrequestspersecond`` applies to every host, the local server included: in one run a polite
   rate would make the crawl of the site itself take minutes.
3. Check the addresses that failed once more after ``retry_delay`` seconds, because outside servers
   have bad minutes; only an address that fails twice is reported.

linkchecker reports each address once, at the first place it found it. A broken address is
reported at every page that holds it, so those pages are found by reading the site's HTML.
Hosts that refuse scripts are skipped through a reasoned ignore list, ``external_links.yaml``.
"""

from __future__ import annotations

import math
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import yaml

from .linkcheck import CheckedLink, page_file, run_linkchecker, serve_site
from .problems import Problems

IGNORE_LIST = Path(__file__).with_name("external_links.yaml")
"""The shipped ignore list: hosts not fetched, each with the reason why."""
USER_AGENT = "MissingFundsPlaybook-link-check/1 (+https://github.com/missing-funds-playbook)"
"""Says who is asking, so a site owner who sees the weekly request knows what it is."""

_CRAWL_CONFIG = """\
[checking]
threads=10
maxrequestspersecond=1000
[output]
status=0
"""
"""Step 1: the local crawl; external links are only syntax-checked, nothing outside is fetched."""

_REDIRECT = re.compile(r"Redirected to `(.*?)' status: (\d{3})")
_PERMANENT = {"301", "308"}
_LINK_ATTRIBUTES = {"href", "src", "cite", "action", "poster", "background", "data"}


@dataclass(frozen=True)
class IgnoredLink:
    """Addresses matching ``pattern`` (a regular expression, searched) are not fetched, for ``reason``."""

    pattern: str
    reason: str

    def matches(self, url: str) -> bool:
        return re.search(self.pattern, url) is not None


@dataclass(frozen=True)
class ExternalReport:
    """What the check saw, counted in distinct addresses (one address on three pages counts once)."""

    checked: int
    """Addresses fetched (ignored ones not included)."""
    broken: int
    """Addresses that failed twice."""
    redirected: int
    """Addresses that answer with a permanent redirect."""
    ignored: int
    """Addresses skipped because the ignore list matches them."""
    retried: int
    """Addresses that failed once and were checked again."""

    def summary(self) -> str:
        """A closing line such as ``52 external links: 49 fine, 1 broken, 2 redirected, 3 ignored``."""
        fine = self.checked - self.broken - self.redirected
        return (f"{self.checked} external link{'s' * (self.checked != 1)}: {fine} fine, {self.broken} broken, "
                f"{self.redirected} redirected, {self.ignored} ignored")  # fmt: skip


def load_ignore_list(problems: Problems, path: Path = IGNORE_LIST, shown_as: str | None = None) -> list[IgnoredLink]:
    """Read an ignore list; a bad entry is reported at its line and left out, so its links are checked."""
    shown = shown_as or _shown(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problems.error(shown, line, column, f"not valid YAML: {exc.problem}")
        return []
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        problems.error(shown, 1, 1, "the ignore list must be a list of entries with 'pattern' and 'reason'")
        return []
    entries: list[IgnoredLink] = []
    for item, item_node in zip(data, node.value, strict=True):
        line, column = item_node.start_mark.line + 1, item_node.start_mark.column + 1
        if not isinstance(item, dict):
            problems.error(shown, line, column, "an ignore entry must be a mapping with 'pattern' and 'reason'")
            continue
        pattern, reason = item.get("pattern"), item.get("reason")
        unknown = sorted(str(key) for key in item if key not in ("pattern", "reason"))
        if unknown:
            problems.error(shown, line, column, f"unknown field '{unknown[0]}' in an ignore entry (only 'pattern' and 'reason')")
        elif not isinstance(pattern, str) or not pattern:
            problems.error(shown, line, column, "an ignore entry needs a 'pattern': a regular expression for the addresses")
        elif not isinstance(reason, str) or not reason.strip():
            problems.error(shown, line, column, f"ignore entry '{pattern}' has no reason; say why its links are not checked")
        elif (error := _regex_error(pattern)) is not None:
            problems.error(shown, line, column, f"ignore entry '{pattern}' is not a valid regular expression: {error}")
        else:
            entries.append(IgnoredLink(pattern, " ".join(reason.split())))
    return entries


def external_config(timeout: float, requests_per_second: float) -> str:
    """linkchecker settings for fetching outside pages: few threads, a rate per host, a named user agent."""
    return (f"[checking]\nthreads=4\ntimeout={max(1, math.ceil(timeout))}\nmaxrequestspersecond={requests_per_second:g}\n"
            f"useragent={USER_AGENT}\n[output]\nstatus=0\n")  # fmt: skip


@dataclass(frozen=True)
class _Place:
    """Where a page holds an external address, and the address as that page writes it."""

    file: str
    line: int
    column: int
    written: str


def check_external_links(
    site_dir: Path,
    problems: Problems,
    shown_as: str,
    *,
    ignore: list[IgnoredLink] | None = None,
    timeout: float = 20,
    retry_delay: float = 30.0,
    requests_per_second: float = 1.0,
) -> ExternalReport:
    """Fetch every external address of the built site; report broken ones and permanent redirects at their pages.

    ``ignore`` defaults to the shipped list (its mistakes are reported too). Only http(s) addresses
    are fetched: ``mailto:`` and the like are judged by the link policy, not by a request.
    """
    if ignore is None:
        ignore = load_ignore_list(problems)
    with serve_site(site_dir) as base:
        crawled = run_linkchecker([base], _CRAWL_CONFIG)
    found: dict[str, _Place] = {}  # linkchecker's address without #fragment -> where it first saw it
    ignored: set[str] = set()
    for row in crawled:
        written = urljoin(row.page, row.link.strip())
        if not row.page or row.url.startswith(base) or written.startswith(base) or urlsplit(row.url).scheme not in ("http", "https"):
            continue
        address = urldefrag(row.url).url
        if any(entry.matches(written) or entry.matches(row.url) for entry in ignore):
            ignored.add(address)
        else:
            found.setdefault(address, _Place(page_file(row.page, base), row.line, row.column, written))
    ignore_args = [arg for entry in ignore for arg in ("--ignore-url", entry.pattern)]
    config = external_config(timeout, requests_per_second)
    results = _check(list(found), config, ignore_args)
    failed = [address for address, row in results.items() if not row.valid]
    if failed:
        time.sleep(retry_delay)
        results.update(_check(failed, config, ignore_args))

    broken = {address: row.result for address, row in results.items() if not row.valid}
    moved = {address: target for address, row in results.items() if row.valid and (target := _moved_to(address, row.warning))}
    places = _places(site_dir, base, {found[address].written for address in broken | moved})
    for address in sorted(broken | moved):
        first = found[address]
        here = {first.file: first}
        for place in places.get(urldefrag(first.written).url, []):
            if place.file not in here or (place.line, place.column) < (here[place.file].line, here[place.file].column):
                here[place.file] = place
        for place in sorted(here.values(), key=lambda p: (p.file, p.line, p.column)):
            where = f"{shown_as}/{place.file}"
            if address in broken:
                problems.error(where, place.line, place.column, f"external link '{place.written}' is broken ({_short(broken[address])})")
            else:
                problems.warning(where, place.line, place.column,
                                 f"external link '{place.written}' redirects to '{moved[address]}'; link the final address")  # fmt: skip
    return ExternalReport(len(found), len(broken), len(moved), len(ignored), len(failed))


def _check(addresses: list[str], config: str, extra: list[str]) -> dict[str, CheckedLink]:
    """Fetch each address once, as a start URL that is not crawled (``-r 0``); results by address."""
    if not addresses:
        return {}
    rows = run_linkchecker(addresses, config, "--check-extern", "-r", "0", *extra)
    wanted = set(addresses)
    return {row.link: row for row in rows if row.link in wanted}


def _moved_to(address: str, warning: str) -> str | None:
    """The address after the permanent (301/308) redirects that start ``address``'s chain, if any.

    linkchecker puts each hop in the warning string as ``Redirected to `URL' status: 301 ...``
    and the final address in the ``url`` column; a temporary hop (302/303/307) ends what the
    editor should copy, since what follows it may be a login page or a session address.
    linkchecker also hands a redirect's target the whole cached result of the address that led
    there, warnings included, so the hops up to ``address`` itself belong to another link.
    """
    hops = _REDIRECT.findall(warning)
    arrivals = [at for at, (url, _status) in enumerate(hops) if urldefrag(url).url == address]
    if arrivals:
        hops = hops[arrivals[-1] + 1 :]
    target = None
    for url, status in hops:
        if status not in _PERMANENT:
            break
        target = url
    return target


def _short(result: str) -> str:
    """linkchecker's result without urllib3's connection-pool wording: ``ConnectionError: Connection refused``.

    linkchecker cuts error messages at 240 characters, which often removes the one useful word at
    their end, so the operating system's text for the error number is used where there is one.
    """
    kind = result.partition(":")[0]
    if errno := re.search(r"\[Errno (-?\d+)\] ([^\"'()]*)", result):
        number, text = int(errno.group(1)), errno.group(2).removesuffix("...").strip()
        return f"{kind}: {os.strerror(number) if number > 0 else text}"
    if "timed out" in result:
        return f"{kind}: timed out"
    if ssl := re.search(r"\[SSL: [A-Z_]+\] ([^\"'(]*)", result):
        return f"{kind}: {ssl.group(1).strip()}"
    return " ".join(result.split())


class _LinkFinder(HTMLParser):
    """Finds, in one page, the first tag whose link attribute points at each wanted address."""

    def __init__(self, page_url: str, wanted: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.wanted = wanted
        self.found: dict[str, tuple[int, int, str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in _LINK_ATTRIBUTES and value:
                written = urljoin(self.page_url, value.strip())
                key = urldefrag(written).url
                if key in self.wanted and key not in self.found:
                    line, offset = self.getpos()
                    self.found[key] = (line, offset + 1, written)  # the tag's start, as linkchecker reports it


def _places(site_dir: Path, base: str, written: Iterable[str]) -> dict[str, list[_Place]]:
    """Every page of the site that links to one of ``written`` (compared without #fragment), by address."""
    wanted = {urldefrag(url).url for url in written}
    places: dict[str, list[_Place]] = {}
    if not wanted:
        return places
    for path in sorted(site_dir.rglob("*.html")):
        file = path.relative_to(site_dir).as_posix()
        finder = _LinkFinder(urljoin(base, file), wanted)
        finder.feed(path.read_text(encoding="utf-8", errors="replace"))
        finder.close()
        for key, (line, column, url) in finder.found.items():
            places.setdefault(key, []).append(_Place(file, line, column, url))
    return places


def _regex_error(pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except re.error as exc:
        return str(exc)
    return None


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it, as editors and annotations want it."""
    try:
        return Path(os.path.relpath(path)).as_posix() if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)
