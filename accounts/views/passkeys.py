"""Passkeys (WebAuthn) as a second factor, through django-otp-webauthn.

The package stores the passkeys (``WebAuthnCredential``, a django-otp device) and runs the
browser ceremonies; its JavaScript (static files, no inline script, so it runs under the
public Content-Security-Policy) calls the four JSON views below. They are the package's
own views with the portal's rules added: only roles offered two-factor may add a passkey,
every passkey made or used (or refused) goes to the audit log, and after a passkey a
signed-in person lands where the password step would have sent them. The pages around
them (the list, naming, removing) are ordinary Django views.

The JSON views answer ``{"detail": ..., "code": ...}`` with status 401/403 when refused
(``django_otp_webauthn.exceptions``), as the package's JavaScript expects.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn_views

from accounts import rules, selectors, services
from accounts.forms import PasskeyNameForm
from accounts.models import AccountEvent
from accounts.session import HAS_TWO_FACTOR
from accounts.views import NEW_CODES, _landing, _next

Kind = AccountEvent.Kind
# A passkey just added and not yet named: its naming page says "added".
JUST_ADDED = "accounts_passkey_just_added"
PASSKEY_NOTICE = "accounts_passkey_notice"


class NotOffered(exceptions.OTPWebAuthnApiError):
    """The account's roles are not offered two-factor, so it may not add a passkey."""

    status_code = 403
    default_code = "not_offered"
    default_detail = gettext_lazy("Passkeys are for forum representatives, officers, "
                                  "board members and administrators.")


def _offered(user) -> bool:
    return rules.two_factor_offered(selectors.account_roles(user))


class _OfferedOnly:
    def check_can_register(self):
        super().check_can_register()
        if not _offered(self.request.user):
            raise NotOffered()


class BeginRegistration(_OfferedOnly, webauthn_views.BeginCredentialRegistrationView):
    """Start adding a passkey: the options for the browser (package view, roles checked)."""


class CompleteRegistration(_OfferedOnly, webauthn_views.CompleteCredentialRegistrationView):
    """Store the new passkey (package view), then record it, give it a first name, and make
    recovery codes if the account had none (shown after the passkey is named)."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        passkey = selectors.passkey(self.request.user, json.loads(response.content)["id"])
        codes = services.passkey_added(user=self.request.user, passkey=passkey,
                                       request=self.request)
        session = self.request.session
        session[HAS_TWO_FACTOR] = True
        session[JUST_ADDED] = passkey.pk
        if codes:
            session[NEW_CODES] = codes
        return response


class BeginAuthentication(webauthn_views.BeginCredentialAuthenticationView):
    """Start the passkey step after the password (package view; with passwordless sign-in
    off, a visitor who has not given their password is refused)."""


class CompleteAuthentication(webauthn_views.CompleteCredentialAuthenticationView):
    """Check the passkey's answer (package view), mark the session as having passed
    two-factor, record it, and send the person on: to the page that asked for them, or to
    their role's landing page."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        passkey_id = json.loads(response.content)["id"]
        services.record(Kind.TWO_FACTOR_PASSED, request=self.request, user=self.request.user,
                        detail=f"passkey {passkey_id}")
        return response

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError):
            services.record(Kind.TWO_FACTOR_FAILED, request=self.request,
                            user=self.request.user, detail=f"passkey: {exc.code}")
        return super().handle_exception(exc)

    def get_success_url(self):
        return self.get_redirect_url() or _landing(self.request)


def _needs_code_first(request):
    """A redirect to the code page when the account has two-factor and this session has
    not given it (adding or changing a passkey needs the current second factor first)."""
    if selectors.has_two_factor(request.user) and not request.user.is_verified():
        return redirect(reverse("accounts:two_factor") + "?"
                        + urlencode({"next": request.get_full_path()}))
    return None


@login_required
def passkeys(request):
    """The account's passkeys: add one, rename or remove each."""
    if not _offered(request.user):
        return redirect("accounts:account")
    if (response := _needs_code_first(request)) is not None:
        return response
    roles = selectors.account_roles(request.user)
    keys = list(selectors.passkeys(request.user))
    others = selectors.second_factors(request.user) - 1
    return render(request, "accounts/passkeys.html", {
        "passkeys": keys,
        "may_remove": rules.may_remove_second_factor(
            roles, others_left=others, enforced=_enforced()),
        "required": rules.two_factor_required(roles),
        "notice": request.session.pop(PASSKEY_NOTICE, ""),
        "has_authenticator": selectors.authenticator(request.user) is not None,
        "next": _next(request),
    })


def _enforced() -> bool:
    return settings.ACCOUNTS_TWO_FACTOR_REQUIRED


def _own_passkey(request, pk: int):
    passkey = selectors.passkey(request.user, pk)
    if passkey is None:
        raise Http404
    return passkey


@login_required
def passkey_name(request, pk: int):
    """Name a passkey ("Work laptop", "My phone") so its owner can tell them apart."""
    if (response := _needs_code_first(request)) is not None:
        return response
    passkey = _own_passkey(request, pk)
    just_added = request.session.get(JUST_ADDED) == passkey.pk
    form = PasskeyNameForm(request.POST or None,
                           initial={"name": "" if just_added else passkey.name})
    if request.method == "POST" and form.is_valid():
        services.rename_passkey(passkey=passkey, name=form.cleaned_data["name"],
                                request=request)
        request.session.pop(JUST_ADDED, None)
        if request.session.get(NEW_CODES):
            return redirect(reverse("accounts:recovery_codes") + "?"
                            + urlencode({"next": _next(request) or reverse("accounts:passkeys")}))
        request.session[PASSKEY_NOTICE] = "named"
        return redirect(_next(request) or reverse("accounts:passkeys"))
    return render(request, "accounts/passkey_name.html", {
        "form": form, "passkey": passkey, "just_added": just_added, "next": _next(request)})


@login_required
@require_POST
def passkey_remove(request, pk: int):
    """Remove a passkey, unless it is the last second factor of a role that must use one."""
    if (response := _needs_code_first(request)) is not None:
        return response
    passkey = _own_passkey(request, pk)
    roles = selectors.account_roles(request.user)
    others = selectors.second_factors(request.user) - 1
    if not rules.may_remove_second_factor(roles, others_left=others, enforced=_enforced()):
        request.session[PASSKEY_NOTICE] = "last"
        return redirect("accounts:passkeys")
    services.remove_passkey(passkey=passkey, request=request)
    request.session[HAS_TWO_FACTOR] = selectors.has_two_factor(request.user)
    request.session[PASSKEY_NOTICE] = "removed"
    return redirect("accounts:passkeys")
