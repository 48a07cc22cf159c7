"""`make run` (and the worker, cluster and bench targets) starts with `var`, which makes the
folder the database and sent e-mails go in: ./var, and PORTAL_VAR_DIR when it is somewhere
else, so `PORTAL_VAR_DIR=/some/new/folder make run` does not fail with "unable to open
database file"."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_var_makes_a_portal_var_dir_that_does_not_exist_yet(tmp_path):
    wanted = tmp_path / "not" / "there" / "yet"
    env = {**os.environ, "PORTAL_VAR_DIR": str(wanted)}
    subprocess.run([MAKE, "--no-print-directory", "-C", str(ROOT), "var"],  # noqa: S603
                   env=env, check=True, capture_output=True, timeout=60)
    assert wanted.is_dir()
