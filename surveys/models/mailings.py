from django.conf import settings
from django.db import models


class SurveyMailing(models.Model):
    """One sending of a survey's invitations or reminders, done in the background.

    The officer's confirm stores the codes and this row at once; a task then sends the
    e-mails (``surveys.tasks.send_survey_mailing``), each recorded in the outbox so a
    retried task never sends one twice. ``total`` is how many were to go when it was asked.
    """

    class Kind(models.TextChoices):
        INVITATIONS = "invitations", "Invitations"
        REMINDERS = "reminders", "Reminders"

    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE,
                               related_name="mailings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    total = models.PositiveIntegerField(default=0)
    # Reminders asked for before reminders named their invitations (``SurveyInvitation.
    # reminder``) go to the unused codes up to this one; newer reminders leave it empty.
    up_to_invitation = models.PositiveBigIntegerField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Why the last attempt stopped, when it gave up; empty while all is well.
    failure = models.TextField(blank=True)
    # The confirm form's idempotency key (reminders): the same form sent twice (Back and
    # press again, a double tap) finds this mailing instead of making a second one.
    request_key = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["request_key"], condition=~models.Q(request_key=""),
            name="surveys_mailing_request_key_once")]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.survey_id} ({self.total})"

    @property
    def email_kind(self) -> str:
        """The outbox kind of each message this mailing sends."""
        return f"survey_{self.kind}"
