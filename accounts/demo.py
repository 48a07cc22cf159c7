"""The demo's authenticator: one published key shared by the demo's staff accounts, so a
newcomer running ``make run`` can sign in as the officer, the administrator or a board
member. Never used outside demo mode (the loader gives it only with the demo users)."""

from __future__ import annotations

from base64 import b32encode

from django.contrib.auth import get_user_model
from django_otp.oath import TOTP

from accounts import services

# 20 bytes, as authenticator apps expect; published in the README on purpose.
DEMO_KEY = b"demo-portal-2fa-key!"
DEMO_KEY_HEX = DEMO_KEY.hex()
DEMO_KEY_BASE32 = b32encode(DEMO_KEY).decode()
# The demo accounts whose role requires two-factor.
DEMO_TWO_FACTOR_USERS = ("admin", "officer", "board")


def give_demo_authenticators() -> None:
    """Give each demo staff account the demo authenticator (replacing any it had)."""
    for user in get_user_model().objects.filter(username__in=DEMO_TWO_FACTOR_USERS):
        services.give_demo_authenticator(user=user, key_hex=DEMO_KEY_HEX)


def demo_code() -> str:
    """The 6-digit code the demo authenticator shows now."""
    return str(TOTP(DEMO_KEY).token()).zfill(6)
