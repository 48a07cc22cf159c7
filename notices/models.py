"""Subscribers and what they follow.

A row exists only once its address confirmed the request (double opt-in): an unconfirmed
request travels in an encrypted link and leaves nothing here. A used link leaves only its
hash (``UsedConfirmation``), so it cannot be used again. Unsubscribing deletes the
subscriber and every subscription; nothing else keeps the address.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from notices import staff_topics, topics


class Subscriber(models.Model):
    """One confirmed address: the language its messages are written in, and how often."""

    class Frequency(models.TextChoices):
        IMMEDIATELY = topics.IMMEDIATELY, _("As soon as something changes")
        WEEKLY = topics.WEEKLY, _("Once a week, in one message")

    email = models.EmailField(unique=True)
    language = models.CharField(max_length=10)
    frequency = models.CharField(max_length=12, choices=Frequency.choices,
                                 default=Frequency.IMMEDIATELY)
    confirmed_at = models.DateTimeField()
    # The end of the last week a digest covered: the next digest starts there.
    digest_through = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "subscriber"
        constraints = [
            # One subscriber an address whatever its capitals (Ann@ and ann@ are one
            # mailbox here): two links confirmed at the same moment cannot make two.
            models.UniqueConstraint(Lower("email"), name="notices_one_subscriber_an_address"),
        ]

    def __str__(self):
        return f"subscriber {self.pk}"


class MergedSubscriberLink(models.Model):
    """A subscriber merged into another (one address in other capitals, migration
    ``notices/0008``): the id its manage and unsubscribe links sign (``old_id``:
    ``tokens.subscriber_token``) and the subscriber kept, so the links in e-mails sent to
    the merged one still reach the subscriptions of that address (``selectors.
    subscriber_for_link``). No address; deleted with the kept subscriber on unsubscribing."""

    old_id = models.PositiveBigIntegerField(primary_key=True)
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE,
                                   related_name="merged_links")

    class Meta:
        verbose_name = "merged subscriber's link"

    def __str__(self):
        return f"subscriber {self.old_id} now {self.subscriber_id}"


class Subscription(models.Model):
    """One thing a subscriber follows: a topic, and for ``page`` the page followed."""

    class Topic(models.TextChoices):
        PAGE = topics.PAGE, _("Changes to this policy")
        CONSULTATIONS = topics.CONSULTATIONS, _("New consultations and their outcomes")
        RESULTS = topics.RESULTS, _("Survey results")
        EVERYTHING = topics.EVERYTHING, _("Everything: every policy, consultation and result")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE,
                                   related_name="subscriptions")
    topic = models.CharField(max_length=20, choices=Topic.choices)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "topic", "page"],
                                    name="notices_one_subscription"),
            models.UniqueConstraint(fields=["subscriber", "topic"],
                                    condition=models.Q(page__isnull=True),
                                    name="notices_one_topic"),
            models.CheckConstraint(condition=models.Q(topic=topics.PAGE, page__isnull=False)
                                   | (~models.Q(topic=topics.PAGE) & models.Q(page__isnull=True)),
                                   name="notices_page_only_for_page_topic"),
        ]

    def __str__(self):
        return f"{self.topic} ({self.page_id or '-'})"


class UsedConfirmation(models.Model):
    """A confirmation link already pressed, kept as a SHA-256 only (no address), so that it
    confirms once: of the random id of the request it carries (``tokens.used_link_key``),
    whatever the spelling of the link; ``token_hash`` is the column's name from when it was
    the token's own hash. Deleted ``tokens.CONFIRM_DAYS`` after use, by when the link has
    expired anyway (``services.used_confirmations_forget``)."""

    token_hash = models.CharField(max_length=64, primary_key=True)
    used_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "used confirmation link"

    def __str__(self):
        return f"confirmation used {self.used_at:%Y-%m-%d}"


class ConfirmationSent(models.Model):
    """One confirmation e-mail asked for, named by a keyed digest of its link's id (never the
    address): what the outbox records it against (``outbox.SentEmail.about``), so the task
    sending it, run again, sends it at most once, never after a refusal for good, and never
    again when the mail server may have queued it. Deleted, with its outbox record,
    ``tokens.CONFIRM_DAYS`` after it was asked for, when its link has expired
    (``services.used_confirmations_forget``).

    Until the message has gone (or been refused for good), the row keeps its link's token
    (``token``: the request, address included, encrypted and authenticated with the site's
    key, as the link itself carries it; never the address in clear) and the followed
    policy's title, so the ten-minute job sends again one the recipient's mail server
    deferred, or an officer released (``services.subscription_emails_resend``). The token
    is emptied once the message is sent or refused, its link used, or expired, and when the
    address unsubscribes (``services.unsubscribe``: found by ``address_digest``, a keyed
    digest of the address, never the address); ``ended`` says which, so a release of it by
    an officer can say why nothing goes."""

    class Ended(models.TextChoices):
        SENT = "sent", "Sent"
        REFUSED = "refused", "Refused by the mail server for good"
        USED = "used", "Its link was used"
        EXPIRED = "expired", "Its link expired"
        UNSUBSCRIBED = "unsubscribed", "The address unsubscribed"

    link_digest = models.CharField(max_length=64, unique=True)
    asked_at = models.DateTimeField(db_index=True)
    token = models.TextField(blank=True, default="")
    page_title = models.CharField(max_length=255, blank=True, default="")
    address_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)
    ended = models.CharField(max_length=12, choices=Ended.choices, blank=True, default="")

    class Meta:
        verbose_name = "confirmation e-mail"

    def __str__(self):
        return f"confirmation asked {self.asked_at:%Y-%m-%d}"


class StaffNoticePreference(models.Model):
    """How a forum representative or an officer hears of the co-production events meant for
    them (``notices.staff_topics``): at once, one e-mail an event, or one e-mail a day, or
    not at all (turned off from a notice: ``OFF``); and in which language. Someone with no
    row hears at once, in English."""

    class Frequency(models.TextChoices):
        IMMEDIATELY = staff_topics.IMMEDIATELY, _("One e-mail for each thing, as it happens")
        DAILY = staff_topics.DAILY, _("One e-mail a day, each morning, listing everything")
        OFF = staff_topics.OFF, _("No e-mails about co-production")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notice_preference")
    frequency = models.CharField(max_length=12, choices=Frequency.choices,
                                 default=Frequency.IMMEDIATELY)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "staff notice preference"

    def __str__(self):
        return f"{self.frequency} for user {self.user_id}"
