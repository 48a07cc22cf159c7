import pytest
from django_otp.oath import TOTP

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"  # UserFactory's


def current_code(device) -> str:
    """The code an authenticator app shows now for ``device`` (a TOTPDevice)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def make_user(role: str):
    """An account of one of the portal's roles ("parent" has no role)."""
    if role == "admin":
        return UserFactory(username="admin", is_superuser=True, is_staff=True)
    groups = {"parent": [], "forum_rep": ["Forum representatives"], "officer": ["Officers"],
              "board_member": ["Governance board"]}[role]
    return UserFactory(username=role, groups=groups)


@pytest.fixture
def two_factor_on(settings):
    """Two-factor enforced, as in production (the test settings turn it off)."""
    settings.ACCOUNTS_TWO_FACTOR_REQUIRED = True
