"""Every address in the content obeys the link policy (:mod:`generator.links`), at its YAML position.

Addresses are read from link fields, source addresses, and addresses or bare domains written in
text (a reader can type those too). A link is *presented as a platform's own* when it sits in the
platform's profile, or its title or its source's publisher starts with the platform's name (or ends
with it in brackets: "Whitelist mode (OKX)"); it must then be on one of the platform's domains.
"""

from __future__ import annotations

import re

from ..links import Brand, Violation, brands_of, judge, shown
from ..model import Content, LinkException, Platform, Source
from ..problems import Problems
from ..text import Origin
from .unused import report_unused

URL_IN_TEXT = re.compile(
    r"\b(?:[a-z][a-z0-9+.-]+:[/\\]|https?:|mailto:)[^\s<>\"'{}]*[^\s<>\"'{}.,;:!?)]"
    r"|(?<![@\w.-])(?:(?:[^\W_]|-)+\.)+[^\W\d_]{2,}(?![\w-])",
    re.IGNORECASE,
)
"""An address in text, as a reader would type it: any scheme followed by slashes or backslashes (``https:\\\\bit.ly``,
``https:///bit.ly``, ``HTTPS://``), ``https:`` without them, ``mailto:``, or a bare domain in any script (``оkx.com``
with a Cyrillic о). A one-letter scheme is a Windows drive (``C:\\``), not an address."""
MAY_HOLD_URL = re.compile(r":[/\\]|(?i:https?|mailto):|\.[^\W\d_]{2}")
"""What every match of :data:`URL_IN_TEXT` holds: a colon before a slash or backslash, ``https:``, ``http:`` or
``mailto:``, or a dot followed by two letters. Most texts have none, and looking for them is much quicker than
trying the address patterns at every word."""


def check(content: Content, problems: Problems) -> None:
    brands = brands_of(content.profiled_platforms)
    exceptions = [record for record in content.records["link-exception"].values() if isinstance(record, LinkException)]
    used: set[str] = set()

    def report(url: str, where: Origin, violations: list[Violation]) -> None:
        for violation in violations:
            excused = next((e for e in exceptions if e.url == url and e.rule == violation.rule), None) if violation.excusable else None
            if excused is not None:
                used.add(excused.id)
                continue
            problems.error(where.path, where.line, where.column, f"link {shown(url)}: {violation.message}")

    def brand_named(words: str) -> Brand | None:
        """The platform a title or publisher presents as the page's owner: named first, or in a closing bracket."""
        return next(
            (b for b in brands if re.search(rf"^{re.escape(b.name)}\b|\({re.escape(b.name)}\b[^()]*\)$", words.strip(), re.IGNORECASE)),
            None,
        )

    for record in content.all_records:
        own = next((b for b in brands if isinstance(record, Platform) and b.name == record.name), None)
        for link in getattr(record, "links", []):
            where = link.origin or record.origin
            presented_as = own or brand_named(link.title)
            report(link.url, where, judge(link.url, brands, allow_mailto=isinstance(record, Platform), presented_as=presented_as))
        if isinstance(record, Source) and record.url:
            report(record.url, record.where("url"), judge(record.url, brands, presented_as=brand_named(record.publisher)))
    for prose in content.prose:
        if prose.document.kind == "link-exception":
            continue
        for match in URL_IN_TEXT.finditer(prose.value) if MAY_HOLD_URL.search(prose.value) else ():
            written = match.group(0)
            url = written if ":" in written else f"https://{written}"
            report(written, prose.origin(match.start()), judge(url, brands, allow_mailto=prose.document.kind == "platform"))
    report_unused(content, problems, exceptions, used, "url", lambda e: f"link exception for {e.url} ({e.rule}) no longer matches any link")
