"""Reads about accounts: roles in the rules' words, two-factor devices, the audit log."""

from __future__ import annotations

from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import AccountEvent, AccountState
from charter.permissions import is_administrator, is_board_member, is_forum_rep, is_officer


def account_roles(user) -> frozenset[str]:
    """The account's roles as ``accounts.rules`` names them ("admin", "officer", "board",
    "forum_rep"); empty for the anonymous visitor."""
    if user is None or not user.is_authenticated:
        return frozenset()
    roles = set()
    if is_administrator(user):
        roles.add("admin")
    if is_officer(user):
        roles.add("officer")
    if is_board_member(user):
        roles.add("board")
    if is_forum_rep(user):
        roles.add("forum_rep")
    return frozenset(roles)


def has_two_factor(user) -> bool:
    """True when the account has a confirmed authenticator app (or passkey) set up."""
    return any(True for _ in devices_for_user(user, confirmed=True)
               if not isinstance(_, StaticDevice))


def authenticator(user) -> TOTPDevice | None:
    """The account's confirmed authenticator app, if any."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def passkeys(user):
    """The account's confirmed passkeys, oldest first (``WebAuthnCredential`` rows)."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at",
                                                                                 "pk")


def passkey(user, pk: int) -> WebAuthnCredential | None:
    """One of the account's own passkeys, or None (another account's is never found)."""
    return WebAuthnCredential.objects.filter(user=user, pk=pk).first()


def second_factors(user) -> int:
    """How many authenticator apps and passkeys the account has confirmed."""
    return (TOTPDevice.objects.filter(user=user, confirmed=True).count()
            + WebAuthnCredential.objects.filter(user=user, confirmed=True).count())


def recovery_codes_left(user) -> int:
    """How many unused recovery codes the account has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def sessions_valid_from(user):
    """When the account last signed out everywhere (None if never)."""
    return (AccountState.objects.filter(user=user)
            .values_list("sessions_valid_from", flat=True).first())


def audit_log():
    """The audit log, newest first, with each entry's account."""
    return AccountEvent.objects.select_related("user").order_by("-at", "-pk")
