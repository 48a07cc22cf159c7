import pytest
from django.core.cache import cache

from tests.factories import PortalTree, UserFactory

ROLE_GROUPS = {
    "anonymous": None,
    "parent": [],
    "forum_rep": ["Forum representatives"],
    "officer": ["Officers"],
    "board_member": ["Governance board"],
}


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
