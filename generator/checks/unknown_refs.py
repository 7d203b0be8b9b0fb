"""Every reference names a record that exists, and ``{claim:ID}`` names a claim with a value."""

from __future__ import annotations

from ..model import Claim, Content
from ..platform_facts import fact_names
from ..problems import Problems, did_you_mean
from ..scaffold import generator_command

SCAFFOLD_HINT = frozenset({"source", "claim"})
"""Kinds whose missing record is usually one still to write (evidence cited ahead of it), not a typo:
the message says how to scaffold it."""


def check(content: Content, problems: Problems) -> None:
    for ref in content.refs:
        if ref.target is not None and not (isinstance(ref.target, Claim) and ref.show_value and not ref.target.value):
            continue  # the usual case, decided before the reference's position is worked out
        where = (ref.origin.path, ref.origin.line, ref.origin.column)
        if ref.target is None and (ref.kind, ref.id) in content.unvalidated_ids:
            continue  # the target exists but has its own schema errors, reported there
        if ref.target is None and ref.kind == "platform-fact":
            if ref.id in fact_names():
                problems.error(*where, f"{{platform:{ref.id}}} needs platform profiles with their facts in content/platforms/")
            else:
                hint = did_you_mean(ref.id, fact_names()) or "; the facts are: " + ", ".join(fact_names())
                problems.error(*where, f"unknown platform fact '{ref.id}'{hint}")
        elif ref.target is None:
            if ref.kind == "question":
                known = [key.split("/", 1)[1] for key in content.questions if key.startswith(f"{ref.scope}/")]
            else:
                known = list(content.records.get(ref.kind, {}))
            hint = did_you_mean(ref.id, known)
            if not hint and ref.kind in SCAFFOLD_HINT:
                hint = (
                    f"; to add it, run: {generator_command()} new {ref.kind} {ref.id}"
                    f"{' --source SOURCE-ID' if ref.kind == 'claim' else ''}"
                )
            problems.error(*where, f"unknown {ref.kind} '{ref.id}'{hint}")
        elif isinstance(ref.target, Claim) and ref.show_value and not ref.target.value:
            problems.error(*where, f"claim '{ref.id}' has no value to show; write {{cite:{ref.id}}} to cite it, or give the claim a value")
