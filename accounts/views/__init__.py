"""The account pages people use: two-factor code, setting it up, recovery codes, the
account page (sign out everywhere), and the page shown to a locked-out sign-in."""

from __future__ import annotations

from base64 import b32encode

import segno
from axes.helpers import get_cool_off
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import rules, selectors, services
from accounts.forms import CodeForm
from accounts.models import AccountEvent
from accounts.session import HAS_TWO_FACTOR, NOTICE, landing_page, remembered_language

Kind = AccountEvent.Kind
# The recovery codes just made, shown once on the next page and then forgotten.
NEW_CODES = "accounts_new_recovery_codes"


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return ""


def _secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for people who cannot scan a QR code."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def _landing(request) -> str:
    """Where to go when no page asked: ``landing_page`` in the language signed in in."""
    return landing_page(request.user, remembered_language(request))


@login_required
def two_factor(request):
    """Ask for the code from the authenticator app (or a recovery code) after the password."""
    if request.user.is_verified():
        return redirect(_next(request) or _landing(request))
    if not selectors.has_two_factor(request.user):
        return redirect(reverse("accounts:setup") + (f"?next={_next(request)}"
                                                     if _next(request) else ""))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            used_recovery = isinstance(device, StaticDevice)
            services.record(Kind.RECOVERY_CODE_USED if used_recovery else Kind.TWO_FACTOR_PASSED,
                            request=request, user=request.user)
            if used_recovery:
                request.session[NOTICE] = "recovery_used"
                return redirect(reverse("accounts:account"))
            return redirect(_next(request) or _landing(request))
        services.record(Kind.TWO_FACTOR_FAILED, request=request, user=request.user)
        form.add_error("code", _("The code is not right. Check your authenticator app and "
                                 "try again with the code it shows now."))
    return render(request, "accounts/two_factor.html", {
        "form": form, "next": _next(request),
        "has_passkeys": selectors.passkeys(request.user).exists(),
        "has_authenticator": selectors.authenticator(request.user) is not None,
    })


@login_required
def setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), then give a code."""
    if selectors.has_two_factor(request.user) and not request.user.is_verified():
        # Replacing an authenticator needs the current one first (or a recovery code).
        return redirect(reverse("accounts:two_factor") + f"?next={reverse('accounts:setup')}")
    device = services.start_enrolment(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = services.confirm_enrolment(user=request.user, device=device, request=request)
            otp_login(request, device)
            request.session[HAS_TWO_FACTOR] = True
            request.session[NEW_CODES] = codes
            return redirect(reverse("accounts:recovery_codes")
                            + (f"?next={_next(request)}" if _next(request) else ""))
        form.add_error("code", _("The code is not right. Check the app shows this portal, "
                                 "and type the code it shows now."))
    qr = segno.make(device.config_url, error="m")
    return render(request, "accounts/setup.html", {
        "form": form, "next": _next(request),
        # role="img" so screen readers announce the picture by its title.
        "qr_svg": qr.svg_inline(scale=5, border=4, light="white",
                                title=_("QR code to scan with your authenticator app"),
                                ).replace("<svg ", '<svg role="img" ', 1),
        # On a phone the QR code cannot be scanned by the phone showing it: an otpauth: link
        # opens the authenticator app with the key instead.
        "config_url": device.config_url,
        "secret": _secret_for_typing(device),
        "required": rules.two_factor_required(selectors.account_roles(request.user)),
    })


@login_required
def recovery_codes(request):
    """The recovery codes just made, shown this once."""
    codes = request.session.pop(NEW_CODES, None)
    if not codes:
        return redirect("accounts:account")
    return render(request, "accounts/recovery_codes.html", {
        "codes": codes, "next": _next(request) or _landing(request)})


@login_required
def account(request):
    """The account page: two-factor status and changes, and signing out everywhere."""
    user = request.user
    roles = selectors.account_roles(user)
    return render(request, "accounts/account.html", {
        "has_two_factor": selectors.has_two_factor(user),
        "required": rules.two_factor_required(roles),
        "offered": rules.two_factor_offered(roles),
        "codes_left": selectors.recovery_codes_left(user),
        "passkey_count": selectors.passkeys(user).count(),
        "has_authenticator": selectors.authenticator(user) is not None,
        "notice": request.session.pop(NOTICE, ""),
    })


def _verified(request):
    return request.user.is_verified() or not selectors.has_two_factor(request.user)


@login_required
@require_POST
def make_recovery_codes(request):
    if not _verified(request):
        return redirect("accounts:two_factor")
    request.session[NEW_CODES] = services.new_recovery_codes(user=request.user, request=request)
    return redirect("accounts:recovery_codes")


@login_required
@require_POST
def remove_two_factor(request):
    """Turn two-factor off: only for roles that are offered it, not required to use it."""
    if rules.two_factor_required(selectors.account_roles(request.user)):
        return redirect("accounts:account")
    if not _verified(request):
        return redirect("accounts:two_factor")
    services.remove_two_factor(user=request.user, request=request)
    request.session[HAS_TWO_FACTOR] = False
    request.session[NOTICE] = "removed"
    return redirect("accounts:account")


@login_required
@require_POST
def sign_out_everywhere(request):
    """End every session of this account, this one included."""
    services.sign_out_everywhere(user=request.user, request=request)
    logout(request)
    request.session[NOTICE] = "everywhere"
    return redirect("sign_in")


def locked_out(request, original_response=None, credentials=None):
    """What a locked-out sign-in sees (django-axes' AXES_LOCKOUT_CALLABLE), on every login
    form: a plain message in the site's design, status 429, the typed username kept."""
    username = ""
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(request, "accounts/locked_out.html", {
        "username": username, "minutes": minutes, "action": request.path,
        "next": request.POST.get("next", "") if request.method == "POST" else "",
    }, status=429)
