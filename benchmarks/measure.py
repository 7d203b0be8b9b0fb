"""Timing, memory and size primitives: every measured command runs as its own process.

Each command runs in a fresh subprocess so that process start, imports and peak memory count the
same way for the generator and for its baselines. The child's own peak RSS comes from ``wait4``
(its rusage alone, not the sum over every child the benchmark ever ran, as RUSAGE_CHILDREN gives),
and a command that runs past its time limit is killed with its whole process group and recorded as
timed out: a lower bound, not a number.
"""

from __future__ import annotations

import calendar
import gzip
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

GZIP_LEVEL = 6
"""zlib's default level, what common web servers and CDNs use for text: the bytes a reader receives."""


@dataclass
class Run:
    """One finished (or killed) command."""

    seconds: float
    returncode: int
    peak_rss_mb: float
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""
    stdout_lines: int = 0
    """Lines the command printed, blank lines and ``#`` comments left out (its output is kept only in part)."""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def run(
    command: Sequence[str], *, cwd: Path = REPO, env: dict[str, str] | None = None, timeout: float = 600.0, ok_codes: tuple[int, ...] = (0,)
) -> Run:
    """Run ``command`` to completion (or ``timeout``), timing it from spawn to exit and keeping the tail of its output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        killed = threading.Event()
        start = time.perf_counter()
        process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True)

        def kill() -> None:
            killed.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        lines = _count_lines(out)
        result = Run(seconds, process.returncode, usage.ru_maxrss / 1024, killed.is_set(), _tail(out), _tail(err), lines)
    if result.returncode in ok_codes and not result.timed_out:
        result.returncode = 0
    return result


def _tail(file: IO[bytes], limit: int = 4000) -> str:
    file.seek(max(0, file.seek(0, os.SEEK_END) - limit))
    return file.read().decode("utf-8", errors="replace")


def _count_lines(file: IO[bytes]) -> int:
    file.seek(0)
    return sum(1 for line in file if line.strip() and not line.startswith(b"#"))


def environment(**extra: str) -> dict[str, str]:
    """The environment every measured command gets: this repository first on the path, a pinned day, no banners."""
    from .corpus import PINNED_DAY

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env["SOURCE_DATE_EPOCH"] = str(calendar.timegm(PINNED_DAY.timetuple()))  # read as UTC by generator.review.build_day
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


@dataclass
class Series:
    """Repeated runs of one measurement; the median is what the table shows."""

    runs: list[Run] = field(default_factory=list)

    @property
    def timed_out(self) -> bool:
        return any(r.timed_out for r in self.runs)

    @property
    def failed(self) -> bool:
        return any(not r.ok and not r.timed_out for r in self.runs)

    @property
    def seconds(self) -> float | None:
        """Median wall time; for a timed-out measurement, the time limit it exceeded (a lower bound)."""
        if not self.runs:
            return None
        if self.timed_out:
            return max(r.seconds for r in self.runs)
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_rss_mb(self) -> float | None:
        return max((r.peak_rss_mb for r in self.runs), default=None)

    def as_json(self) -> dict[str, Any]:
        return {
            "median_s": _round(self.seconds),
            "runs_s": [round(r.seconds, 3) for r in self.runs],
            "timed_out": self.timed_out,
            "failed": self.failed,
            "peak_rss_mb": _round(self.peak_rss_mb, 1),
            **({"error": next(r.stderr[-1500:] or r.stdout[-1500:] for r in self.runs if not r.ok)} if self.failed else {}),
        }


def ratio(numerator: Series | float | None, denominator: Series | float | None) -> float | None:
    """``numerator / denominator`` (a lower bound when the numerator timed out; None when either is missing)."""
    top = numerator.seconds if isinstance(numerator, Series) else numerator
    bottom = denominator.seconds if isinstance(denominator, Series) else denominator
    if top is None or not bottom:
        return None
    return top / bottom


def gzipped(data: bytes) -> int:
    """Size of ``data`` gzipped at :data:`GZIP_LEVEL`."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
