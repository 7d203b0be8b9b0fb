"""The triage map's geometry: columns by tap distance, playbooks last, one arrow per answer."""

from __future__ import annotations

from conftest import MINI

from generator.flowchart import CARD_WIDTH, COLUMN_GAP, layout
from generator.model import Playbook, Question
from generator.pipeline import generate


def test_questions_stand_in_columns_by_taps_and_playbooks_come_last() -> None:
    content = generate(MINI).content
    triage = content.start
    chart = layout(triage)
    questions = [card for card in chart.cards if isinstance(card.record, Question)]
    playbooks = [card for card in chart.cards if isinstance(card.record, Playbook)]
    assert questions[0].record is triage.start.target and questions[0].x == 0
    assert {card.record.id for card in playbooks} == {playbook.id for playbook in content.playbooks}
    last = max(card.x for card in questions) + CARD_WIDTH + COLUMN_GAP
    assert all(card.x == last for card in playbooks)
    assert len(chart.arrows) == sum(len(question.options) for question in triage.questions)
    for card in chart.cards:
        assert 0 <= card.x and card.x + card.width <= chart.width and 0 <= card.y and card.y + card.height <= chart.height


def test_every_arrow_starts_at_an_answer_and_ends_at_a_card() -> None:
    chart = layout(generate(MINI).content.start)
    lefts = {(card.x, card.y + card.rows[0].height / 2) for card in chart.cards}
    for arrow in chart.arrows:
        assert arrow.end in lefts
        assert arrow.path.startswith(f"M{arrow.start[0]:.0f},{arrow.start[1]:.0f} C")
