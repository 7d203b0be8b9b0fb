"""Problems: the one shape in which every mistake in the content reaches a person.

Editors and GitHub annotations understand ``path:line:column: severity: message`` (the GNU
compiler form), so every check reports a :class:`Problem` and nothing else: no exception, no
traceback. Checks append to a :class:`Problems` collection so that a run reports everything
at once and fails once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake at one place. ``line`` and ``column`` are 1-based; 0 means "the whole file"."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def github(self) -> str:
        """The problem as a GitHub Actions workflow command, which GitHub shows on the file's line in a pull request."""
        place = f"file={_escape_property(self.path)}"
        if self.line:
            place += f",line={self.line},col={max(self.column, 1)}"
        return f"::{self.severity} {place}::{_escape_data(self.message)}"


def _escape_data(text: str) -> str:
    """Escapes GitHub's workflow-command parser requires in a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """An ordered collection of problems that checks append to."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, column: int, message: str) -> None:
        self.items.append(Problem(path, line, column, "error", message))

    def warning(self, path: str, line: int, column: int, message: str) -> None:
        self.items.append(Problem(path, line, column, "warning", message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        """Distinct errors in file order: the count a summary gives is the lines printed."""
        return [p for p in self.sorted() if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Distinct warnings in file order."""
        return [p for p in self.sorted() if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        """Problems in file order, each file's problems by line, duplicates dropped."""
        return sorted(set(self.items))

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def summary(self) -> str:
        """A closing line such as ``2 errors, 1 warning``."""
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" suffix naming the closest candidate, or ``""`` when none is close."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
