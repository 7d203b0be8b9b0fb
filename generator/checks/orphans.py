"""Records nothing points at: a claim no text uses, a source no claim cites.

An unused claim or source is a figure that was sourced but never published, or one whose text
was deleted; either way an editor should look.
"""

from __future__ import annotations

from ..model import Content
from ..problems import Problems


def check(content: Content, problems: Problems) -> None:
    for claim in content.claims:
        if not claim.used_by:
            problems.warning(claim.origin.path, claim.origin.line, claim.origin.column,
                             f"claim '{claim.id}' is not used by any text; "
                             f"show it with {{claim:{claim.id}}} or {{cite:{claim.id}}}, or delete it")  # fmt: skip
    for source in content.sources:
        if not source.claims:
            problems.warning(source.origin.path, source.origin.line, source.origin.column,
                             f"source '{source.id}' is not cited by any claim; cite it or delete it")  # fmt: skip
