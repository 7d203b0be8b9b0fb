"""No two records of a kind share an id, and no two questions of a triage do.

References are by id, so a second record with the same id would be unreachable and its
content silently lost.
"""

from __future__ import annotations

from ..model import Content, Record, Triage
from ..problems import Problems


def check(content: Content, problems: Problems) -> None:
    first: dict[tuple[str, str], Record] = {}
    for record in content.all_records:
        kind = type(record).__name__.lower()
        key = (kind, record.id)
        if key in first:
            seen = first[key].origin
            problems.error(record.origin.path, record.origin.line, record.origin.column,
                           f"duplicate {kind} id '{record.id}' (also in {seen.path}:{seen.line})")  # fmt: skip
        else:
            first[key] = record
        if isinstance(record, Triage):
            lines: dict[str, int] = {}
            for question in record.questions:
                if question.id in lines:
                    problems.error(question.origin.path, question.origin.line, question.origin.column,
                                   f"duplicate question id '{question.id}' (also at line {lines[question.id]})")  # fmt: skip
                lines.setdefault(question.id, question.origin.line)
