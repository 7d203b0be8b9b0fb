"""Moves this Python process's clock ``MFP_CLOCK_AHEAD_DAYS`` days ahead, with time-machine.

``make test-later`` runs the suite half a year in the future to prove that no test depends on the
real day. It puts this folder on ``PYTHONPATH``, so pytest and every Python subprocess a test
starts import this module at start-up (as Python does with any ``sitecustomize``) and live on the
same moved clock. Chromium is not moved.
"""

from __future__ import annotations

import datetime
import os

_DAYS = os.environ.get("MFP_CLOCK_AHEAD_DAYS", "")
if _DAYS:
    import time_machine

    time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=int(_DAYS)), tick=True).start()
