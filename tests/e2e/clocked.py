"""Run one ``manage.py`` command with the clock started at a given moment.

    python tests/e2e/clocked.py 2027-01-12T10:00:00+00:00 runserver 127.0.0.1:8001 --noreload

The browser tests serve the demo this way from a day on which its consultation and survey
are open, so what they check never depends on the day (or the school holiday) they run in.
The clock ticks on from that moment (time-machine), so sessions and timings behave as usual.
"""

import datetime as dt
import sys
from pathlib import Path

import time_machine

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> None:
    moment = dt.datetime.fromisoformat(argv[1])
    sys.path.insert(0, str(ROOT))
    with time_machine.travel(moment, tick=True):
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", *argv[2:]])


if __name__ == "__main__":
    main(sys.argv)
