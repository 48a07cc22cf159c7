"""`make run` on another port: `PORT=8100 make run` serves the site on 8100 (a second checkout,
or something else on 8000), and 8000 when PORT is not set."""

import os
import shlex
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from honcho.environ import expand_processes, parse_procfile

ROOT = Path(__file__).resolve().parents[2]
#: How long runserver may take to start listening on a busy machine.
WAIT_SECONDS = 90


def _honcho_line(env: dict[str, str]) -> str:
    """The command ``make run`` starts honcho with (its last step), as ``make -n`` prints it."""
    # make from PATH, as a person runs it.
    printed = subprocess.run(  # noqa: S603
        ["make", "-n", "run"],  # noqa: S607
        cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return next(line for line in reversed(printed.stdout.splitlines()) if "honcho" in line)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _environment(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PORT", "MAKEFLAGS", "MAKELEVEL")}
    env.update(extra)
    return env


def test_make_run_gives_honcho_8000_unless_port_is_set():
    assert shlex.split(_honcho_line(_environment()))[-2:] == ["--port", "8000"]
    assert shlex.split(_honcho_line(_environment(PORT="8100")))[-2:] == ["--port", "8100"]


def test_the_site_gets_the_port_honcho_is_given_and_beat_another():
    with (ROOT / "Procfile.run").open() as procfile:
        processes = parse_procfile(procfile.read()).processes
    started = {p.name: p.env["PORT"] for p in expand_processes(processes, port=8100)}
    assert started["web.1"] == "8100"
    assert started["beat.1"] != "8100"


@pytest.mark.slow
def test_the_site_listens_on_the_port_make_run_is_given(tmp_path):
    port = _free_port()
    honcho = shlex.split(_honcho_line(_environment(PORT=str(port))))
    assert honcho[-2:] == ["--port", str(port)]
    env = _environment(PORTAL_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="portal.settings.dev",
                       PYTHONUNBUFFERED="1")
    env.pop("DATABASE_URL", None)
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        # The site only: beat has no database to read in this empty data folder.
        site = subprocess.Popen(  # noqa: S603 - make run's own command line
            [*(word for word in honcho if "=" not in word), "web"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline and site.poll() is None and not _listening(port):
                time.sleep(0.5)
            listening = _listening(port)
        finally:
            os.killpg(site.pid, signal.SIGTERM)
            site.wait(timeout=30)
    assert listening, log.read_text(errors="replace")[-3000:]
