"""`make run` with no broker: celery beat, started as Procfile.run starts it, runs a due job
itself (in-process: ``task_always_eager``), and the job's work and its kept result reach the
database, as they would on a fresh machine with nothing but Python."""

import datetime as dt
import os
import shlex
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from notices.models import UsedConfirmation

ROOT = Path(__file__).resolve().parents[2]
#: How long beat may take to start (Django and Celery loading on a busy machine) and run the
#: job; it runs it within a second or two of starting.
WAIT_SECONDS = 240


def _procfile_command(name: str) -> str:
    """The command line of process ``name`` in Procfile.run (what ``make run`` starts)."""
    for line in (ROOT / "Procfile.run").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"Procfile.run starts no {name!r}")


def _read(database: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(database, timeout=10) as db:
        return db.execute(sql).fetchall()


@pytest.mark.slow
@pytest.mark.django_db
def test_make_runs_beat_runs_a_due_job_itself_with_no_broker(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("make run's embedded set-up is SQLite; CI runs this on SQLite (step 1)")
    assert "celery -A portal beat" in _procfile_command("beat")
    # A harmless job with work to do: a confirmation link used long ago, for the job that
    # forgets them, scheduled every second (as an administrator could in the Django admin).
    UsedConfirmation.objects.create(token_hash="0" * 64,
                                    used_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    every_second = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(name="Forget used links (test)", interval=every_second,
                                task="notices.tasks.forget_used_confirmations")
    # This test's database, as make run's: a file in the data folder (PORTAL_VAR_DIR).
    database = tmp_path / "portal.sqlite3"
    # Dumped as SQL by this test's own connection, which sees the rows above before they are
    # committed (sqlite3's backup would wait for the test's transaction to end).
    connection.ensure_connection()
    copy = sqlite3.connect(database)
    copy.executescript("\n".join(connection.connection.iterdump()))
    copy.close()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL")}
    env.update(PORTAL_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="portal.settings.dev",
               PYTHONUNBUFFERED="1")
    log = tmp_path / "beat.log"
    with log.open("wb") as out:
        beat = subprocess.Popen(  # noqa: S603 - the Procfile's own command line
            ["/bin/sh", "-c", "exec " + _procfile_command("beat")], cwd=ROOT, env=env,
            stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline and beat.poll() is None:
                ran = _read(database, "SELECT status FROM django_celery_results_taskresult "
                            "WHERE task_name = 'notices.tasks.forget_used_confirmations'")
                # The result is stored before beat logs "succeeded": wait for both, or a
                # busy machine stops beat between the two.
                if ran and "succeeded" in log.read_text(errors="replace"):
                    break
                time.sleep(0.5)
        finally:
            beat.terminate()
            try:
                beat.wait(timeout=30)
            except subprocess.TimeoutExpired:
                # Beat still starting (Django and Celery loading) on a busy machine: what it
                # did by now is what the assertions below read.
                beat.kill()
                beat.wait(timeout=30)
    output = log.read_text(errors="replace")
    assert "Sending due task Forget used links (test)" in output, output[-3000:]
    # The job's work, done in the beat process: the old link is forgotten...
    assert _read(database, "SELECT count(*) FROM notices_usedconfirmation") == [(0,)], output
    # ...and its run recorded as the Scheduled jobs page reads it.
    assert ("SUCCESS",) in _read(
        database, "SELECT status FROM django_celery_results_taskresult "
        "WHERE task_name = 'notices.tasks.forget_used_confirmations'"), output[-3000:]
    # No broker was needed: nothing went to a queue (beat ran it: "succeeded" is its log).
    assert "notices.tasks.forget_used_confirmations[" in output and "succeeded" in output
    assert shlex.split(_procfile_command("web"))[1:3] == ["manage.py", "runserver"]
