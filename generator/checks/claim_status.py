"""A disputed claim is never stated as fact: only a myth, which corrects it, may show it.

Unverified claims may be shown, and the templates mark them "unverified" wherever they appear.
"""

from __future__ import annotations

from ..model import Claim, Content, Myth
from ..problems import Problems


def check(content: Content, problems: Problems) -> None:
    for ref in content.refs:
        claim = ref.target
        if isinstance(claim, Claim) and claim.status == "disputed" and not isinstance(ref.owner, Myth):
            problems.error(ref.origin.path, ref.origin.line, ref.origin.column,
                           f"claim '{claim.id}' is disputed and cannot be stated as fact; "
                           "show it only in a myth that corrects it")  # fmt: skip
