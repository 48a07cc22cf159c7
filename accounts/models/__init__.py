"""What the accounts app stores: the audit log of signing in, and each account's
"signed out everywhere" moment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountEvent(models.Model):
    """One line of the sign-in audit log: read by administrators, never changed.

    Not the evidence log (charter): this records security events about accounts, kept for
    investigating misuse, with the client address as the request showed it
    (``portal.client_address``).
    """

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Locked out")
        UNLOCKED = "unlocked", _("Unlocked by an administrator")
        TWO_FACTOR_PASSED = "two_factor_passed", _("Two-factor code accepted")
        TWO_FACTOR_FAILED = "two_factor_failed", _("Two-factor code refused")
        TWO_FACTOR_ADDED = "two_factor_added", _("Two-factor set up")
        TWO_FACTOR_REMOVED = "two_factor_removed", _("Two-factor removed")
        RECOVERY_CODES_MADE = "recovery_codes_made", _("New recovery codes made")
        RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
        SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", _("Signed out everywhere")
        IDLE_SIGNED_OUT = "idle_signed_out", _("Signed out after being idle")
        PASSKEY_RENAMED = "passkey_renamed", _("Passkey renamed")
        EMAIL_CHANGED = "email_changed", _("E-mail address changed")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="account_events")
    # What was typed, for failures with no account behind them (kept short: a typed value).
    username = models.CharField(max_length=150, blank=True)
    address = models.CharField(max_length=64, blank=True)
    detail = models.CharField(max_length=255, blank=True)
    # For a sign-in: the account's e-mail address at that moment, where its sign-in notice
    # goes however late it is sent, so whoever signed in cannot redirect it by changing the
    # account's address. For an address changed: the old address, told of the change.
    # Blank for other events (and sign-ins recorded before it was kept), and blanked once
    # its notice has gone or will never go, after ``rules.NOTICE_ADDRESS_KEPT`` at most, and
    # when the account is deleted (``tasks.notice_addresses_forget``).
    notice_email = models.EmailField(blank=True, default="")
    # For a sign-in: the language of the sign-in page used ("pl" for /pl/sign-in/; blank
    # for the unprefixed /sign-in/, which everyone is sent to and so says nothing): the
    # language of its notice when the account chose none (``tasks.email_language``).
    language = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("sign-in audit entry")
        verbose_name_plural = _("sign-in audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"


class AccountState(models.Model):
    """Per-account session state: sessions that began before ``sessions_valid_from`` are
    ended on their next request ("sign out everywhere")."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="account_state")
    sessions_valid_from = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} sessions from {self.sessions_valid_from}"
