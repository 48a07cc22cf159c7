import datetime as dt
import os

import pytest
import time_machine
from django.core.cache import cache

from tests.factories import PortalTree, UserFactory

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
    value = os.environ.get("PORTAL_TEST_NOW")
    return f"clock: started at {value} (PORTAL_TEST_NOW)" if value else None


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _own_checkpoint_store(settings, tmp_path):
    """Each test keeps the evidence log's checkpoint files in a folder of its own."""
    settings.EVIDENCE_CHECKPOINT_DIR = tmp_path / "checkpoints"


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
