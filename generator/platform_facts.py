"""Platform facts: what a situation's steps need to know about an exchange, and nothing else.

A situation (an account takeover, a deposit that did not arrive) is the same on every exchange;
what differs is a small set of facts: how to freeze the account, where deposits land, how long
withdrawals are held after a security change. A playbook's steps name them as ``{platform:freeze}``
and each platform profile holds its own wording under ``facts:``. The fact
names and their titles are declared once, in ``platform.schema.json`` (``facts.properties``), so a
new platform is one YAML file and a new fact is one schema entry plus each profile's text.
"""

from __future__ import annotations

import functools

from .schema import schema_files


@functools.cache
def fact_titles() -> dict[str, str]:
    """Every fact name with its title (the label the platform's page shows), in schema order."""
    facts = schema_files()["platform.schema.json"]["properties"]["facts"]["properties"]
    return {name: spec["title"] for name, spec in facts.items()}


def fact_names() -> tuple[str, ...]:
    """What ``{platform:X}`` may name."""
    return tuple(fact_titles())
