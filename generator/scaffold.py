"""``python -m generator new KIND ID``: a new content file that already passes the checks.

A first-time contributor should start from a file that says, in comments, what each field is for,
rather than from a blank page and a schema. The file is written only if it does not exist yet; every
text to replace begins with ``REPLACE:``, and ``check`` refuses the file until none is left.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

from .kinds import KIND_BY_NAME
from .review import build_day

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

TEMPLATES = {
    "faq": """\
# A question readers ask, answered truthfully. The file name is the id.
# Fields: generator/schemas/faq.schema.json (editors with the YAML language server complete them).
id: {id}
# The question in the reader's own words, one line.
question: "REPLACE: What does a reader ask here?"
# The direct answer first, then the detail. Plain text only. A figure (a time, a percentage, an
# amount) must come from a claim: write {{claim:ID}} where it goes, never the number itself.
answer: "REPLACE: the answer, in your own words."
# Where it appears in the list: lower numbers first.
order: 500
# Playbooks to read next, by id (see content/playbooks/).
playbooks: []
""",
    "playbook": """\
# One cause of a missing or wrong balance, and what to do about it. The file name is the id.
# Fields: generator/schemas/playbook.schema.json. Plain text only; figures only through {{claim:ID}}.
id: {id}
title: "REPLACE: What the reader sees, in their words"
summary: "REPLACE: One or two calm sentences on what is happening and whether the money is at risk."
# critical, high, medium or low: how fast the reader must act.
severity: medium
symptoms:
  - "REPLACE: Something the reader sees that points to this situation."
# What to do now, most urgent first. Each step: a short action, and an optional detail.
steps:
  - action: "REPLACE: The first thing to do"
    detail: "REPLACE: Why, and exactly how."
dont:
  - "REPLACE: Something that makes it worse."
evidence:
  - "REPLACE: Something to collect for official support."
# When someone last checked the whole playbook against its sources.
reviewed: "{today}"
""",
    "claim": """\
# One figure, time window or promise, tied to the words of a source. The file name is the id.
# Fields: generator/schemas/claim.schema.json.
id: {id}
# What the claim says, in one plain sentence of our own.
statement: "REPLACE: what the source says, in one sentence."
# The source's id (content/sources/). The quote below must be copied word for word from one of
# that source's stored excerpts; if the passage is not there yet, add it to the source first.
source: {source}
quote: {quote}
# verified (read on the official page), unverified (secondary or unconfirmed) or disputed (false:
# shown only in a myth that corrects it).
status: unverified
# When you compared the quote with the source.
checked: "{today}"
# Add `value: 24 hours` (the figure as pages show it; the quote must state it) to use {{claim:{id}}}
# in text; without a value, cite the claim with {{cite:{id}}}.
""",
    "source": """\
# A page that claims quote. The file name is the id. Fields: generator/schemas/source.schema.json.
id: {id}
title: "REPLACE: The page's title as the page shows it"
publisher: "REPLACE: Who publishes the page"
# The full https:// address: never a short link, never one with tracking or referral codes.
url: https://example.org/REPLACE-with-the-page-address
# When you read the page.
retrieved: "{today}"
# Passages copied word for word from the page; claims quote from these.
excerpts:
  - "REPLACE: Copy the passage that supports your claim here, word for word."
""",
}
"""Kinds a contributor most often adds. Each template loads and passes the schema as written, but
every text to write starts with ``REPLACE:`` (and the address holds ``/REPLACE``), which the
``placeholders`` check refuses until the editor has replaced it."""


def generator_command() -> str:
    """How to run this generator again, as the reader can type it: with the Python that runs now
    (the project's .venv; plain ``python`` may lack the packages), relative to the working folder
    when it lies below it."""
    python = Path(sys.executable)
    try:
        shown = python.relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = str(python)
    return f"{shown} -m generator"


class ScaffoldError(Exception):
    """A reason the file was not written, for one line of output."""


def scaffold(root: Path, kind: str, ident: str, source: str | None = None, today: date | None = None, content_dir: str = "content") -> Path:
    """Write ``<content_dir>/<folder>/<ident>.yaml`` for ``kind``; return its path."""
    if kind not in TEMPLATES:
        raise ScaffoldError(f"cannot scaffold '{kind}'; choose one of: {', '.join(sorted(TEMPLATES))}")
    if not ID.match(ident):
        raise ScaffoldError(f"'{ident}' is not an id: use lower-case words joined by hyphens, such as can-support-see-my-password")
    target = root / content_dir / KIND_BY_NAME[kind].folder / f"{ident}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target.relative_to(root)} already exists; edit it, or choose another id")
    values = {"id": ident, "today": (today or build_day()).isoformat(), "source": source or "", "quote": ""}
    if kind == "claim":
        values.update(_source_for_claim(root, content_dir, source))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(TEMPLATES[kind].format(**values), encoding="utf-8")
    return target


def _source_for_claim(root: Path, content_dir: str, source: str | None) -> dict[str, str]:
    """A claim must quote a stored excerpt, so it starts from one of its source's excerpts."""
    import json

    import yaml

    if not source:
        raise ScaffoldError("a claim needs its source: add --source SOURCE-ID (see content/sources/, or scaffold one with `new source`)")
    path = root / content_dir / "sources" / f"{source}.yaml"
    if not path.is_file():
        raise ScaffoldError(f"no source '{source}' in {content_dir}/sources/; scaffold it first with `new source {source}`")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    excerpts = data.get("excerpts") if isinstance(data, dict) else None
    if not excerpts or not isinstance(excerpts[0], str):
        raise ScaffoldError(f"{path.relative_to(root)} has no excerpt to quote; add the passage first")
    return {"source": source, "quote": json.dumps(excerpts[0], ensure_ascii=False)}
