"""A migrated SQLite database kept as a file, copied into each test process's database.

Applying the project's and Wagtail's 300-odd migrations takes about half a minute, and CI
starts a dozen test processes on SQLite (two workers, one per chosen calendar day, the
browser tests' server). The first process to need it migrates a file once, in a separate
``manage.py migrate`` with the test settings; every process then copies that file into its
own in-memory test database with SQLite's backup API, as Django's parallel test runner does
for its workers. The file's name holds a hash of every migration file, the installed
packages' versions and ``INSTALLED_APPS``, so a changed migration makes a new one.

``PORTAL_TEST_MIGRATE=1`` runs the migrations in each process instead, as Django would.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.metadata
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def _key() -> str:
    """A hash of what decides the migrated schema and rows: every migration file of every
    installed app, the installed packages and their versions, and ``INSTALLED_APPS``."""
    digest = hashlib.sha256()
    digest.update(repr(settings.INSTALLED_APPS).encode())
    # A set: a package seen twice on sys.path (python -m adds the working folder) counts once.
    packages = {f"{dist.metadata['Name']}=={dist.version}".lower()
                for dist in importlib.metadata.distributions()}
    digest.update("\n".join(sorted(packages)).encode())
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def template() -> Path:
    """The migrated database file for this code, made first if it is not there yet.

    Safe to call from several processes at once (a file lock). Raises
    ``subprocess.CalledProcessError`` if the migrations fail."""
    folder = Path(settings.VAR_DIR) / "test-db"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"template-{_key()}.sqlite3"
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return path
        with tempfile.TemporaryDirectory(dir=folder) as scratch:
            env = {**os.environ, "PORTAL_VAR_DIR": scratch,
                   "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
            for name in ("DATABASE_URL", "PORTAL_TEST_NOW"):
                env.pop(name, None)
            subprocess.run(  # noqa: S603 (our own manage.py)
                [sys.executable, str(ROOT / "manage.py"), "migrate", "--run-syncdb",
                 "--no-input", "-v0"], env=env, cwd=ROOT, check=True)
            # Files for other code are left a day, for a checkout on another branch (a
            # process copying one reads it read-only, so a file removed under it fails loudly).
            for old in folder.glob("template-*.sqlite3"):
                if time.time() - old.stat().st_mtime > 86400:
                    old.unlink()
            shutil.move(Path(scratch) / "portal.sqlite3", path)
        return path


def use_for(connection) -> None:
    """Make ``connection``'s test database a copy of ``template()`` instead of migrating it.

    Replaces ``connection.creation.create_test_db`` for an in-memory SQLite test database;
    any other database, or ``PORTAL_TEST_MIGRATE=1``, is left to Django."""
    if connection.vendor != "sqlite" or os.environ.get("PORTAL_TEST_MIGRATE") == "1":
        return
    creation = connection.creation
    migrate_as_django_does = creation.create_test_db

    def create_test_db(verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        name = creation._get_test_db_name()
        if not creation.is_in_memory_db(name):
            return migrate_as_django_does(verbosity, autoclobber, serialize, keepdb)
        source = sqlite3.connect(f"file:{template()}?mode=ro", uri=True)
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["NAME"] = name
        connection.ensure_connection()
        source.backup(connection.connection)
        source.close()
        if serialize:
            connection._test_serialized_contents = creation.serialize_db_to_string()
        call_command("createcachetable", database=connection.alias)
        return name

    creation.create_test_db = create_test_db
