"""Platform facts are sourced on the platform's own domain, and only steps refer to them.

A situation's steps are shown once per platform, so ``{platform:FACT}`` belongs there and nowhere
else: a summary or a "do not" is read once, by readers of every exchange. Each profiled platform's
fact is backed by a claim whose source is on one of that platform's official domains (an absent fact
may go unsourced: there is no page for what does not exist). One profile, marked ``general: true``,
holds the words for any other exchange; without it a situation would have nothing to show a reader
of an exchange we do not profile.
"""

from __future__ import annotations

from ..links import brands_of, host_of
from ..model import Content, Platform, Playbook, Prose
from ..platform_facts import fact_names
from ..problems import Problems
from ..text import REFERENCE


def _in_steps(prose: Prose) -> bool:
    return isinstance(prose.owner, Playbook) and prose.path[:1] == ("steps",)


def check(content: Content, problems: Problems) -> None:
    used = False
    for prose in content.prose:
        for match in REFERENCE.finditer(prose.value):
            if match.group(1) != "platform":
                continue
            used = True
            if not _in_steps(prose):
                where = prose.origin(match.start())
                problems.error(where.path, where.line, where.column,
                               f"{prose.field}: {match.group(0)} can only be used in a playbook's steps, which are shown once per "
                               "platform; write this text so it holds on every exchange")  # fmt: skip
    generals = [platform for platform in content.records["platform"].values() if isinstance(platform, Platform) and platform.general]
    for extra in generals[1:]:
        where = extra.where("general")
        problems.error(where.path, where.line, where.column,
                       f"only one profile can hold the general advice; {generals[0].file} already does")  # fmt: skip
    if used and not generals and content.platforms:
        first = content.platforms[0]
        problems.error(first.origin.path, 1, 1, "steps refer to platform facts, but no profile holds the advice for any other exchange: "
                                                "add one with general: true (see content/platforms/)")  # fmt: skip
    for platform, brand in zip(content.profiled_platforms, brands_of(content.profiled_platforms)):
        for name in fact_names():
            fact = platform.fact(name)
            if fact is None or fact.absent:
                continue
            sources = [claim.source.target for claim in (ref.target for ref in fact.text.refs if ref.kind == "claim")
                       if claim is not None and claim.source is not None and claim.source.target is not None]  # fmt: skip
            if not any(source.url and brand.owns(host_of(source.url)) for source in sources):  # the host a browser opens
                where = platform.where("facts", name, "text")
                domains = ", ".join(platform.official_domains)
                problems.error(where.path, where.line, where.column,
                               f"facts.{name}: back this fact with the platform's own page: cite a claim whose source is on "
                               f"{domains} ({{cite:ID}}), or write it as absent if {platform.name} has no such thing")  # fmt: skip
