from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import tasks
from accounts.views import admin as admin_views
from charter.permissions import is_administrator
from outbox.kinds import OUTBOX_KIND_HOOK, OutboxKind


@hooks.register("register_admin_urls")
def _accounts_admin_urls():
    return [
        path("sign-in-audit/", admin_views.audit_log, name="accounts_audit_log"),
        path("sign-in-lockouts/", admin_views.lockouts, name="accounts_lockouts"),
        path("sign-in-lockouts/unlock/", admin_views.unlock, name="accounts_unlock"),
        path("sign-in-lockouts/remove-two-factor/", admin_views.remove_two_factor,
             name="accounts_remove_two_factor"),
    ]


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_administrator(request.user)


@hooks.register("register_settings_menu_item")
def _audit_log_menu_item():
    return AdministratorMenuItem("Sign-in audit log", reverse("accounts_audit_log"),
                                 icon_name="list-ul", order=900)


@hooks.register("register_settings_menu_item")
def _lockouts_menu_item():
    return AdministratorMenuItem("Locked-out sign-ins", reverse("accounts_lockouts"),
                                 icon_name="lock", order=901)


def _sign_in_notice_again(release) -> None:
    tasks.send_sign_in_notice.delay(release.object_id)


def _email_changed_notice_again(release) -> None:
    tasks.send_email_changed_notice.delay(release.object_id)


@hooks.register(OUTBOX_KIND_HOOK)
def _account_kinds():
    """The sign-in notice, and the notice to an account's old address that the address was
    changed, on the officers' "E-mails never confirmed" page: one released is sent again at
    once (its task queued, ``outbox.send_once`` sending it once), if the account still has
    an address (is still there). One deferred by the recipient's mail server is sent by the
    ten-minute job once its pause is over (``tasks.sign_in_notices_resend``,
    ``tasks.email_changed_notices_resend``)."""
    return [
        OutboxKind(name=tasks.SIGN_IN_NOTICE_KIND,
                   label=_("New sign-in, to the account holder"),
                   goes_again=_("It goes within minutes, if the account still has an "
                                "e-mail address."),
                   send_again=_sign_in_notice_again,
                   not_going=tasks.released_sign_in_notices_not_going,
                   resend_due=tasks.sign_in_notices_resend),
        OutboxKind(name=tasks.EMAIL_CHANGED_KIND,
                   label=_("E-mail address changed, to the old address"),
                   goes_again=_("It goes within minutes, if the account is still there."),
                   send_again=_email_changed_notice_again,
                   not_going=tasks.released_email_changed_not_going,
                   resend_due=tasks.email_changed_notices_resend),
    ]
