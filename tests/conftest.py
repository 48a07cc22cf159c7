import datetime as dt
import os
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import translation

from core import memo
from portal.selectors import forget_content_languages
from tests import shared_data, sqlite_template
from tests.factories import PortalTree, UserFactory
from tests.mail_server import smtp  # noqa: F401 (a real SMTP server, for any test)

ROLE_GROUPS = {
    "anonymous": None,
    "parent": [],
    "forum_rep": ["Forum representatives"],
    "officer": ["Officers"],
    "board_member": ["Governance board"],
}


def pytest_configure(config):
    """Run the whole session at the moment named by ``PORTAL_TEST_NOW``, when it is set.

    ``PORTAL_TEST_NOW`` is an ISO 8601 date-time with its offset (``2027-03-26T12:00:00+00:00``)
    or a plain date (taken as 12:00 UTC). The clock then ticks on from that moment, so
    the suite behaves as if it were started on that day. CI uses it to run the tests marked
    ``calendar`` on weekends, bank holidays, school holidays and the days the clocks change
    (``.ci/run``); a test that only passes on the day it was written fails there.
    """
    value = os.environ.get("PORTAL_TEST_NOW")
    if not value:
        return
    moment = dt.datetime.fromisoformat(value)
    if len(value) == 10:
        moment = moment.replace(hour=12)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    traveller = time_machine.travel(moment, tick=True)
    traveller.start()
    config._portal_clock = traveller


def pytest_report_header(config):
    lines = []
    if value := os.environ.get("PORTAL_TEST_NOW"):
        lines.append(f"clock: started at {value} (PORTAL_TEST_NOW)")
    if APP_ROLE:
        lines.append(f"database: the tests connect as {APP_ROLE} (PORTAL_TEST_APP_ROLE)")
    return lines


#: The PostgreSQL role the running portal connects as in production (``portal_app``, see
#: scripts/postgres-roles.sql). When set, the suite runs as that role, as CI does.
APP_ROLE = os.environ.get("PORTAL_TEST_APP_ROLE", "")
GRANTS = Path(__file__).resolve().parents[1] / "scripts" / "postgres-grants.sql"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the tests that read the same shared rows one after another (tests/shared_data.py),
    after pytest-django has put the database tests first.

    Under the application role, skip the tests marked ``insider``: they play someone who
    owns the tables (switching the append-only trigger off to change a row), which that
    role cannot be. CI runs them again as the owner (scripts/check-database-roles.sh)."""
    items.sort(key=lambda item: shared_data.run_order(getattr(item, "fixturenames", ())))
    if not APP_ROLE:
        return
    skip = pytest.mark.skip(reason=f"needs the tables' owner; {APP_ROLE} cannot do this")
    for item in items:
        if "insider" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """On SQLite, each process's test database is a copy of one migrated file rather than
    migrated afresh (tests/sqlite_template.py)."""
    sqlite_template.use_for(connections["default"])


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and with ``PORTAL_TEST_APP_ROLE`` the production split
    of roles: the database is made and migrated by the role the suite connects as (the
    owner, as ``manage.py migrate`` is in production), given scripts/postgres-grants.sql,
    and every test then connects as the application role, which may only read and add to
    the evidence log. The owner takes the connection back to drop the database."""
    if not APP_ROLE:
        yield
        return
    connection = connections["default"]
    owner = connection.settings_dict["USER"]
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute(GRANTS.read_text())
        connection.close()
    connection.settings_dict["USER"] = APP_ROLE
    yield
    with django_db_blocker.unblock():
        connection.close()
    connection.settings_dict["USER"] = owner


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language. A request to ``/pl/`` or ``/ar/``
    leaves its language active in the thread afterwards (Django's ``LocaleMiddleware`` does
    not switch it back), so without this a later test's ``reverse()`` and ``gettext`` would
    answer in Polish or Arabic depending on which test ran before it on the same worker."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Emptying the cache starts the page cache's generation again, so what core.memo keeps
    # for a generation must go too: else a test reads the previous test's routes and sites.
    cache.clear()
    forget_content_languages()
    memo.forget_all()
    yield
    cache.clear()
    forget_content_languages()
    memo.forget_all()


@pytest.fixture(autouse=True)
def _own_checkpoint_store(settings, tmp_path):
    """Each test keeps the evidence log's checkpoint files in a folder of its own."""
    settings.EVIDENCE_CHECKPOINT_DIR = tmp_path / "checkpoints"


@pytest.fixture(scope="session")
def _shared_rows(django_db_setup, django_db_blocker):
    """This process's shared rows (tests/shared_data.py), rolled back when the run ends."""
    rows = shared_data.SharedRows()
    yield rows
    with django_db_blocker.unblock():
        rows.drop()
    if rows.loads:  # seen with -s: how often this process loaded each set, and how long it took
        print("\nshared rows loaded:", ", ".join(f"{n} {s:.1f} s" for n, s in rows.loads))


def _commits(request) -> bool:
    """Whether this test needs real commits (pytest-django's test for a transactional test)."""
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture
def _shared_rows_switched(request, _shared_rows, django_db_blocker):
    """Put in place the shared rows this test asks for, or take them away when it asks for
    none or needs real commits (tests/shared_data.py)."""
    name, commits = shared_data.wanted(request.fixturenames), _commits(request)
    if name and commits:
        pytest.fail(f"{name!r} is shared in a transaction, so a test that commits cannot use it")
    with django_db_blocker.unblock():
        _shared_rows.use(None if commits else name)


@pytest.fixture
def _django_db_helper(_shared_rows_switched, _django_db_helper):
    """pytest-django's per-test database set-up (``db``, ``transactional_db``, the
    ``django_db`` mark), after the shared rows are switched for this test. (pytest-django
    4.x names the fixture behind all three this; the ``demo`` fixture checks it ran.)"""
    yield


@pytest.fixture
def demo(db, _shared_rows):
    """The demo site, loaded once per test process and read or changed by this test in a
    savepoint of its own (tests/shared_data.py)."""
    assert _shared_rows.name == "demo"
    return None


@pytest.fixture
def tree(db):
    return PortalTree()


@pytest.fixture
def login_as(client):
    """Log the test client in as one of the portal's roles ("anonymous" stays logged out)."""

    def _login(role: str):
        if role == "admin":
            user = UserFactory(username="admin", is_superuser=True, is_staff=True)
        elif ROLE_GROUPS[role] is None:
            return None
        else:
            user = UserFactory(username=role, groups=ROLE_GROUPS[role])
        client.force_login(user)
        return user

    return _login


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", groups=["Officers"])


@pytest.fixture
def forum_rep(db):
    return UserFactory(username="forumrep", groups=["Forum representatives"])


@pytest.fixture
def other_rep(db):
    return UserFactory(username="otherrep", groups=["Forum representatives"])


@pytest.fixture
def board_member(db):
    return UserFactory(username="board", groups=["Governance board"])
