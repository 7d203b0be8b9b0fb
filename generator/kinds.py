"""The content kinds: which folder under ``content/`` holds which kind of record."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One kind of content record, stored one record per file in its own folder."""

    name: str
    """Singular name, also the schema's file name: ``generator/schemas/<name>.schema.json``."""
    folder: str
    """Folder under ``content/``."""


KINDS: tuple[Kind, ...] = (
    Kind("platform", "platforms"),
    Kind("source", "sources"),
    Kind("claim", "claims"),
    Kind("playbook", "playbooks"),
    Kind("checklist", "checklists"),
    Kind("faq", "faqs"),
    Kind("risk", "risks"),
    Kind("control", "controls"),
    Kind("myth", "myths"),
    Kind("guide", "guides"),
    Kind("triage", "triage"),
    Kind("allowed-figure", "allowed-figures"),
    Kind("link-exception", "link-exceptions"),
)
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS}
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
