"""The model: resolved records point at each other, and that must not make them unprintable."""

from __future__ import annotations

from conftest import MINI

from generator.pipeline import generate


def test_repr_of_a_resolved_record_does_not_follow_references() -> None:
    # A failing assertion prints its operands; when a reference's repr included its target and owner,
    # printing one record walked the whole graph and a failing test hung instead of failing.
    content = generate(MINI).content
    playbook = content.records["playbook"]["withdrawal-locked"]
    assert playbook.faqs and playbook.faqs[0].target is not None
    text = repr(playbook)
    assert "Ref(kind='faq', id='how-long'" in text
    assert "question=" not in text, "the repr followed a reference into the FAQ it points at"
    claim = next(iter(content.records["claim"].values()))
    assert claim.used_by and "used_by" not in repr(claim)
