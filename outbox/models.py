"""The record of e-mails sent, so that a task run again never sends one twice."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class SentEmail(models.Model):
    """One e-mail of one kind, about one object, to one recipient: at most one row ever.

    ``recipient_key`` names the recipient without their address (``"invitation:42"``),
    so the record outlives an address deleted for privacy. A row goes through three states
    (``outbox.services``): claimed by one run of a task (``claim``, ``claimed_at``), in a
    chunk, before any of the chunk's messages goes; attempted (``attempted_at``) just before
    its own message is handed to the mail server; confirmed (``sent_at``) once the server took
    it. A claim never attempted was never handed over: once it has been held longer than
    ``outbox.services.CLAIM_LEASE`` (its worker died) it is released and the message is sent
    by a later run. An attempt never confirmed may have reached the server (its worker died,
    or the connection was lost before the server answered): it is never sent again by
    itself; the jobs page and the admin count it as failed, and an officer who checked the
    mail server's log that it was not delivered may release it (``ReleasedEmail``), so the
    next run sends it. At most once, never twice. An attempt the
    mail server answered with a refusal for now (4xx) is removed, and sent by the retry; one it
    refused for good (``refused_at``, a 5xx at RCPT or at the end of DATA) is never sent again.
    That is for a refusal of the whole session (a 421); one the recipient's mail server
    deferred (any other 4xx, for that one message: a full mailbox) is instead
    kept with ``retry_at`` and ``deferrals``: a run after ``retry_at`` claims it again, and
    after ``outbox.deferrals.MOST_TRIES`` tries it is refused for good (``refusal``
    "deferred"). ``refusal`` says which way a refused message was refused. A message not
    yet handed over is withdrawn (``withdrawn_at``, ``failure`` saying why) when a later
    message to the same recipient carries what it was to say (a digest deferred, then
    overtaken by the next period's) or its recipient no longer wants it (unsubscribed,
    turned off, or hearing another way now): it neither goes nor waits.
    """

    class Refusal(models.TextChoices):
        RECIPIENT = "recipient", "The address does not exist or takes no mail (5xx at RCPT)"
        MESSAGE = "message", "The message itself was refused, as spam say (5xx after DATA)"
        DEFERRED = "deferred", "Deferred at every try, then given up"

    kind = models.CharField(max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    about = GenericForeignKey("content_type", "object_id")
    recipient_key = models.CharField(max_length=80)
    # Which run of a task claimed the row: only that run sends the message.
    claim = models.UUIDField(default=uuid.uuid4, editable=False)
    claimed_at = models.DateTimeField(auto_now_add=True)
    # Set just before the message is handed to the mail server (never released after this).
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set when the mail server refused the recipient for good (a 5xx such as "550 No such
    # user"): the message is never sent again. ``failure`` says why, without the address.
    refused_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(max_length=200, blank=True)
    refusal = models.CharField(max_length=12, choices=Refusal.choices, blank=True)
    # A message the recipient's mail server deferred (a 4xx for it alone): how many times,
    # and when a run may claim it again (empty once claimed again, sent or given up).
    deferrals = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    # The Message-ID the message was handed over with (set with ``attempted_at``): what an
    # officer looks for in the mail server's log before sending an unconfirmed one again.
    message_id = models.CharField(max_length=255, blank=True)
    # Set when the message was withdrawn before it was handed over: a later message to the
    # same recipient carried what it was to say (a deferred weekly or daily digest whose
    # events the next period's lists: ``outbox.services.earlier_carried``), or the recipient
    # no longer wants it (``outbox.services.waiting_withdrawn``). Never sent, never waiting.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "content_type", "object_id", "recipient_key"],
                                    name="outbox_sent_once"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "kind"])]
        verbose_name = "sent e-mail"

    def __str__(self):
        return f"{self.kind} to {self.recipient_key}"


class ReleasedEmail(models.Model):
    """An unconfirmed message (handed to the mail server, never answered) that an officer
    released for sending again, after checking the mail server's log that it was not
    delivered: who, when, why, and which message (by its outbox row and claim, never an
    address). Written once per row and claim (``outbox.services.unconfirmed_release``): a
    second press of the same form, or another tab's, releases nothing more. Read by officers
    and administrators only; never in the public record."""

    kind = models.CharField(max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    recipient_key = models.CharField(max_length=80)
    # The outbox row released (deleted on release) and the run that had claimed it.
    record_id = models.PositiveBigIntegerField()
    claim = models.UUIDField()
    attempted_at = models.DateTimeField()
    message_id = models.CharField(max_length=255, blank=True)
    released_at = models.DateTimeField()
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record_id", "claim"],
                                               name="outbox_released_once")]
        verbose_name = "released e-mail"

    def __str__(self):
        return f"{self.kind} to {self.recipient_key}, released {self.released_at:%Y-%m-%d}"
