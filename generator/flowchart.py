"""The start page's questions as a picture: a left-to-right flowchart laid out from the triage data.

Each question is a card listing its answers; an arrow runs from every answer to the question or the
playbook it leads to. Questions stand in columns by how many taps they are from the first question,
playbooks in the last column, so the picture reads like the path a reader taps through. Only the
geometry is computed here; ``templates/flowchart.svg.j2`` holds the markup.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

from .model import Playbook, Question, Triage

CARD_WIDTH = 250
PLAYBOOK_WIDTH = 230
COLUMN_GAP = 70
LINE_HEIGHT = 17
PADDING = 10
CHARS_PER_LINE = 34
"""Wrapping width for card text at the picture's font size (a conservative average glyph width)."""


@dataclass
class Row:
    """One answer inside a question card, or the title of a card."""

    lines: list[str]
    y: float
    height: float
    target: Any = None
    """The question or playbook the answer leads to (None for a card's title row)."""


@dataclass
class Card:
    record: Any
    x: float
    y: float
    width: float
    rows: list[Row] = field(default_factory=list)

    @property
    def height(self) -> float:
        return sum(row.height for row in self.rows)


@dataclass
class Arrow:
    start: tuple[float, float]
    end: tuple[float, float]

    @property
    def path(self) -> str:
        (x1, y1), (x2, y2) = self.start, self.end
        middle = (x1 + x2) / 2
        return f"M{x1:.0f},{y1:.0f} C{middle:.0f},{y1:.0f} {middle:.0f},{y2:.0f} {x2 - 6:.0f},{y2:.0f}"


@dataclass
class Flowchart:
    cards: list[Card]
    arrows: list[Arrow]
    width: float
    height: float


def _lines(text: str) -> list[str]:
    return textwrap.wrap(text, CHARS_PER_LINE) or [""]


def _rows(lines: list[str], target: Any = None) -> Row:
    return Row(lines, 0, len(lines) * LINE_HEIGHT + PADDING, target)


def layout(triage: Triage) -> Flowchart:
    """Cards and arrows for ``triage``; questions by tap distance, playbooks in the last column."""
    start = triage.start.target if triage.start else None
    depth: dict[int, int] = {}
    order: list[Question] = []
    queue = [(start, 0)] if isinstance(start, Question) else []
    while queue:
        question, level = queue.pop(0)
        if id(question) in depth:
            continue
        depth[id(question)] = level
        order.append(question)
        for option in question.options:
            if option.next is not None and isinstance(option.next.target, Question):
                queue.append((option.next.target, level + 1))
    playbooks: list[Playbook] = []
    for question in order:
        for option in question.options:
            target = option.playbook.target if option.playbook else None
            if isinstance(target, Playbook) and target not in playbooks:
                playbooks.append(target)

    cards: dict[int, Card] = {}
    columns: dict[int, list[Card]] = {}
    for question in order:
        level = depth[id(question)]
        rows = [_rows(_lines(question.text))] + [_rows(_lines(option.label), _target(option)) for option in question.options]
        card = Card(question, level * (CARD_WIDTH + COLUMN_GAP), 0, CARD_WIDTH, rows)
        cards[id(question)] = card
        columns.setdefault(level, []).append(card)
    last = (max(columns) + 1) if columns else 0
    for playbook in playbooks:
        card = Card(playbook, last * (CARD_WIDTH + COLUMN_GAP), 0, PLAYBOOK_WIDTH, [_rows(_lines(playbook.title))])
        cards[id(playbook)] = card
        columns.setdefault(last, []).append(card)

    height = 0.0
    for column in columns.values():
        y = 0.0
        for card in column:
            card.y = y
            row_y = y
            for row in card.rows:
                row.y = row_y
                row_y += row.height
            y += card.height + 16
        height = max(height, y)

    arrows = []
    for question in order:
        card = cards[id(question)]
        for row in card.rows[1:]:
            target = cards.get(id(row.target))
            if target is not None:
                arrows.append(Arrow((card.x + card.width, row.y + row.height / 2), (target.x, target.y + target.rows[0].height / 2)))
    width = (last + 1) * (CARD_WIDTH + COLUMN_GAP) - COLUMN_GAP if columns else 0
    return Flowchart(list(cards.values()), arrows, width, height)


def _target(option: Any) -> Any:
    if option.next is not None:
        return option.next.target
    return option.playbook.target if option.playbook else None
