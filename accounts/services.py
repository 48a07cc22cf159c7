"""Writes about accounts: the audit log, two-factor set-up and removal (authenticator
apps, passkeys, recovery codes), signing out everywhere, unlocking a locked-out account.
Each write of several rows is atomic."""

from __future__ import annotations

from axes.utils import reset as axes_reset
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import AccountEvent, AccountState
from portal.client_address import client_address

RECOVERY_CODE_COUNT = 10
# The name shown in authenticator apps next to the code.
ENROLLING = "Authenticator app (being set up)"
AUTHENTICATOR = "Authenticator app"
RECOVERY = "Recovery codes"

Kind = AccountEvent.Kind


def record(kind: str, *, request=None, user=None, username: str = "",
           detail: str = "", notice_email: str = "", language: str = "") -> AccountEvent:
    """Write one audit-log entry. ``username`` defaults to the account's; the address is
    the request's (``portal.client_address``), blank without a request. ``notice_email``:
    for a sign-in, the account's e-mail address now, where its sign-in notice goes;
    ``language``: for a sign-in, the language of the sign-in page ("pl"), or blank."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AccountEvent.objects.create(
        kind=kind, user=user, username=(username or (user.get_username() if user else ""))[:150],
        address=client_address(request)[:64] if request is not None else "",
        detail=detail[:255], notice_email=notice_email, language=language[:16])


def start_enrolment(user) -> TOTPDevice:
    """The authenticator being set up for ``user``: an unconfirmed TOTP device, the same one
    on every visit until it is confirmed (so the QR code does not change on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=ENROLLING).first()
    return device or TOTPDevice.objects.create(user=user, confirmed=False, name=ENROLLING)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def confirm_enrolment(*, user, device: TOTPDevice, request=None) -> list[str]:
    """Make ``device`` (already checked with a code) the account's only authenticator and
    give it fresh recovery codes, returned once in plain text. Earlier authenticators go."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.name = AUTHENTICATOR
    device.save(update_fields=["confirmed", "name"])
    codes = _new_recovery_codes(user)
    record(Kind.TWO_FACTOR_ADDED, request=request, user=user, detail="authenticator app")
    return codes


@transaction.atomic
def new_recovery_codes(*, user, request=None) -> list[str]:
    """Replace the account's recovery codes; the old ones stop working."""
    codes = _new_recovery_codes(user)
    record(Kind.RECOVERY_CODES_MADE, request=request, user=user)
    return codes


@transaction.atomic
def remove_two_factor(*, user, request=None, by=None) -> None:
    """Remove every authenticator, passkey and recovery code of ``user``. ``by`` is the
    administrator who did it for someone who lost their phone (None: the user)."""
    TOTPDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    detail = f"by administrator {by.get_username()}" if by is not None and by != user else ""
    record(Kind.TWO_FACTOR_REMOVED, request=request, user=user, detail=detail)


PASSKEY_NAME_MAX = 64  # django-otp's Device.name


@transaction.atomic
def passkey_added(*, user, passkey: WebAuthnCredential, request=None) -> list[str]:
    """Record a passkey just made (django-otp-webauthn stored it) and name it for now.

    When the account had no recovery codes (the passkey is its first second factor), makes
    them and returns them once in plain text; otherwise returns an empty list.
    """
    passkey.name = _("Passkey added on %(date)s") % {
        "date": formats.date_format(timezone.localdate(), "j F Y")}
    passkey.save(update_fields=["name"])
    codes = []
    if not StaticToken.objects.filter(device__user=user, device__confirmed=True).exists():
        codes = _new_recovery_codes(user)
    record(Kind.TWO_FACTOR_ADDED, request=request, user=user,
           detail=f"passkey {passkey.pk}" + ("; recovery codes made" if codes else ""))
    return codes


@transaction.atomic
def rename_passkey(*, passkey: WebAuthnCredential, name: str, request=None) -> None:
    """Give one of the account's passkeys the name its owner chose (at most
    ``PASSKEY_NAME_MAX`` characters; longer is cut)."""
    old = passkey.name
    passkey.name = name.strip()[:PASSKEY_NAME_MAX]
    passkey.save(update_fields=["name"])
    record(Kind.PASSKEY_RENAMED, request=request, user=passkey.user,
           detail=f"passkey {passkey.pk}: {old} -> {passkey.name}")


@transaction.atomic
def remove_passkey(*, passkey: WebAuthnCredential, request=None) -> None:
    """Remove one passkey; the rule that an account which must use two-factor keeps one
    second factor (``rules.may_remove_second_factor``) is the caller's to check."""
    user, pk, name = passkey.user, passkey.pk, passkey.name
    passkey.delete()
    record(Kind.TWO_FACTOR_REMOVED, request=request, user=user, detail=f"passkey {pk}: {name}")


@transaction.atomic
def sign_out_everywhere(*, user, request=None) -> None:
    """End every session of ``user`` that began before now, on every device (the
    middleware ends each on its next request)."""
    AccountState.objects.update_or_create(user=user,
                                          defaults={"sessions_valid_from": timezone.now()})
    record(Kind.SIGNED_OUT_EVERYWHERE, request=request, user=user)


@transaction.atomic
def unlock(*, username: str = "", address: str = "", request=None) -> int:
    """Clear the failed sign-ins of ``username`` or ``address`` (django-axes), so they can
    sign in again at once. Returns how many lock records were cleared."""
    if not username and not address:
        raise ValueError("Name an account or an address to unlock.")
    cleared = axes_reset(username=username or None, ip=address or None)
    record(Kind.UNLOCKED, request=request, username=username,
           detail=(f"address {address}" if address else "")
           + (f"; by {request.user.get_username()}" if request is not None else ""))
    return cleared


@transaction.atomic
def give_demo_authenticator(*, user, key_hex: str) -> TOTPDevice:
    """The demo only: an authenticator with a published key, so a newcomer can sign in."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, key=key_hex,
                                     confirmed=True)
