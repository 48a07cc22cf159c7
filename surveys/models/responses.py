import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.models.audiences import Audience


class SurveyResponse(models.Model):
    """One person's answers. Anonymous: no name, address, code or time of day is kept, so a
    response can never be matched to an invitation. The key is random (no sequence), so
    neither it nor its answers' keys tell the order responses arrived in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.PROTECT,
                               related_name="responses")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    submitted_on = models.DateField()
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                      editable=False)
    late = models.BooleanField(
        default=False, help_text="Sent after the close, from answers started before it, inside "
                                 "the grace period (Settings > Survey settings).")

    class Meta:
        indexes = [models.Index(fields=["survey", "audience"], name="surveys_response_audience")]

    def __str__(self):
        return f"Response {self.pk} to {self.survey_id}"


class SurveyAnswer(models.Model):
    """One answer to one closed question (one row per ticked choice of a multiple choice).

    Scale answers are numbers (5 is the top point); choices are their text. ``survey`` is
    repeated here so results are counted with one grouped query over an index. Random
    key, like the response's.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey("surveys.SurveyQuestion", on_delete=models.PROTECT,
                                 related_name="answers")
    value_int = models.SmallIntegerField(null=True, blank=True)
    value_text = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["survey", "question", "value_int", "value_text"],
                                name="surveys_answers_counted")]

    def __str__(self):
        return f"{self.question_id}: {self.value_text or self.value_int}"


class SurveyComment(models.Model):
    """A written answer. Shown in public only once an officer approved or redacted it.
    Random key, like the response's; listed by question, then key (not by arrival)."""

    class Moderation(models.TextChoices):
        PENDING = "pending", _("Waiting for an officer")
        APPROVED = "approved", _("Approved as written")
        REDACTED = "redacted", _("Approved with words removed")
        WITHHELD = "withheld", _("Not published")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE,
                                 related_name="comments")
    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey("surveys.SurveyQuestion", on_delete=models.PROTECT,
                                 related_name="comments")
    text = models.TextField()
    language = models.CharField(
        max_length=12, blank=True, default="",
        help_text="The language of the page it was typed on (a language code such as 'pl'); "
                  "blank when not known (written before this was kept).")
    moderation = models.CharField(max_length=20, choices=Moderation.choices,
                                  default=Moderation.PENDING)
    public_text = models.TextField(blank=True, help_text="The words shown in public.")
    moderation_reason = models.TextField(blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["question_id", "pk"]
        indexes = [models.Index(fields=["survey", "moderation"], name="surveys_comment_moderation")]

    def __str__(self):
        return self.text[:60]

    @property
    def short_id(self) -> str:
        """The first 8 characters of the random key: enough to name it to a colleague."""
        return str(self.pk)[:8]

    @property
    def is_public(self) -> bool:
        return self.moderation in (self.Moderation.APPROVED, self.Moderation.REDACTED)


class SurveyResponseCount(models.Model):
    """Responses stored from one internet address in one clock hour, for the flood limit on
    surveys anyone with the link may answer. Only a keyed hash of the address is kept, with
    no link to any response (a response keeps no time of day either); rows older than the
    hour before are deleted as new ones are written."""

    address = models.CharField(max_length=64)
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["address", "hour"],
                                               name="surveys_one_count_per_hour")]
        indexes = [models.Index(fields=["hour"])]

    def __str__(self):
        return f"{self.count} at {self.hour:%Y-%m-%d %H}:00"


class SurveyResultsShown(models.Model):
    """One round of a survey's figures as the public was given them (``figures``: the shape
    of ``surveys.statistics.figures_to_show``), kept just before a response is deleted after
    the results were published, so that the public page is held against every round shown
    before and never moves a figure by 1 to 9 (which would tell what the person deleted
    answered). Counts only: no response, answer or words."""

    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE,
                               related_name="+")
    shown_at = models.DateTimeField()
    figures = models.JSONField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Figures shown for survey {self.survey_id} at {self.shown_at:%Y-%m-%d %H:%M}"
