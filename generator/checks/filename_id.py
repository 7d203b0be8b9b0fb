"""Each record's file is named after its id, so ``{playbook:x}`` can be found as ``x.yaml``."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..model import Content
from ..problems import Problems


def check(content: Content, problems: Problems) -> None:
    for records in content.records.values():
        for record in records.values():
            stem = PurePosixPath(record.file).stem
            if record.id != stem:
                problems.error(record.origin.path, record.origin.line, record.origin.column,
                               f"id '{record.id}' does not match the file name '{stem}.yaml'; rename one to match the other")  # fmt: skip
