"""The admin's account page links officers to their choice of co-production e-mails; the
notices' kinds of e-mail on the officers' "E-mails never confirmed" page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from charter.permissions import can_use_forum_area
from notices import selectors, services, tasks, tokens
from notices.models import StaffNoticePreference
from outbox.kinds import OUTBOX_KIND_HOOK, OutboxKind


@hooks.register("register_account_menu_item")
def _staff_notice_preferences(request):
    """Wagtail's "Account" page: a button to the notice preferences, for officers and forum
    representatives (``None`` hides it from everyone else)."""
    if not can_use_forum_area(request.user):
        return None
    return {"url": reverse("notices:staff_preferences"),
            "label": "E-mails about co-production",
            "help_text": "Each forum comment, decision and consultation date as it happens, "
                         "or one e-mail a day."}


# --- notices on the officers' "E-mails never confirmed" page ---------------------------


def _notices_again(_release) -> None:
    tasks.send_notices.delay()


def _digest_again(release) -> None:
    tasks.send_weekly_digests.delay(subscriber_ids=[release.object_id])


def _subscribed_again(release) -> None:
    tasks.send_subscribed.delay(release.object_id, release.recipient_key)


def _confirmation_again(_release) -> None:
    """Sent by the job that sends confirmations again (``ConfirmationSent`` keeps the link's
    encrypted token until the message has gone), queued now, while the link works."""
    tasks.resend_subscription_emails.delay()


def _staff_notices_again(_release) -> None:
    tasks.send_staff_notices.delay()


def _staff_digest_again(release) -> None:
    user_id = (StaffNoticePreference.objects.filter(pk=release.object_id)
               .values_list("user_id", flat=True).first())
    if user_id is not None:
        tasks.send_staff_digests.delay(user_ids=[user_id])


@hooks.register(OUTBOX_KIND_HOOK)
def _notice_kinds():
    """The notices' kinds of e-mail, and how each released one is sent again: a notice with
    the next run of "Send notices" (queued at once), while its change is still within the
    run's look-back; a digest of that subscriber's, or that person's, alone."""
    look_back = {"days": services.LOOK_BACK.days}
    staff_look_back = {"days": services.STAFF_LOOK_BACK.days}
    return [
        OutboxKind(name="notice", label=_("Notice to a subscriber"),
                   goes_again=_("It goes within minutes, if the change is under %(days)s "
                                "days old and the subscriber still follows it.") % look_back,
                   send_again=_notices_again, describe=selectors.outbox_pages_about,
                   not_going=selectors.released_subscriber_notices_not_going),
        OutboxKind(name="caught_up", label=_("Translation caught up, to a subscriber"),
                   goes_again=_("It goes within minutes, if the translation was published "
                                "under %(days)s days ago.") % look_back,
                   send_again=_notices_again, describe=selectors.outbox_pages_about,
                   not_going=selectors.released_notices_not_going),
        OutboxKind(name="digest", label=_("Weekly digest to a subscriber"),
                   goes_again=_("It goes within minutes, if the subscriber still reads "
                                "weekly, with the changes of the last %(days)s days they "
                                "were not told of.") % look_back,
                   send_again=_digest_again, describe=selectors.outbox_periods,
                   not_going=selectors.released_subscriber_emails_not_going),
        OutboxKind(name="subscribed", label=_("Subscription confirmed, with its links"),
                   goes_again=_("It goes within minutes, if the subscriber has not "
                                "unsubscribed."),
                   send_again=_subscribed_again,
                   not_going=selectors.released_subscriber_emails_not_going),
        OutboxKind(name="staff:", label=_("Notice to the forum or officers"),
                   goes_again=_("It goes within minutes, if what it tells of happened "
                                "under %(days)s days ago.") % staff_look_back,
                   send_again=_staff_notices_again, describe=selectors.outbox_periods,
                   not_going=selectors.released_staff_notices_not_going),
        OutboxKind(name="staff_digest", label=_("Daily e-mail to the forum or officers"),
                   goes_again=_("It goes within minutes, listing what the person was not "
                                "told of in the last %(days)s days.") % staff_look_back,
                   send_again=_staff_digest_again, describe=selectors.outbox_periods,
                   not_going=selectors.released_staff_digests_not_going),
        OutboxKind(name=services.CONFIRMATION_KIND,
                   label=_("Subscription confirmation link, to a new subscriber"),
                   goes_again=_("It goes within minutes, with the same link, if the link "
                                "has not been used and is under %(days)s days old; after "
                                "that the person asks again on the subscribe page.")
                   % {"days": tokens.CONFIRM_DAYS},
                   send_again=_confirmation_again,
                   not_going=selectors.released_confirmations_not_going),
    ]
