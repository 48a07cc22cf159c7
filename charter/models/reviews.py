from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState


class ForumReviewTaskState(TaskState):
    """One forum review of one draft: its deadline and the forum's decision."""

    class Decision(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        AGREED_WITH_DISAGREEMENT = ("agreed_with_disagreement",
                                    _("Agreed with a stated disagreement"))
        CHANGES_REQUESTED = "changes_requested", _("Sent back for changes")

    deadline = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decision_note = models.TextField(blank=True, max_length=2000)
    decided_late = models.BooleanField(default=False)

    class Meta:
        verbose_name = "forum review"


class ReviewAgreement(models.Model):
    """One representative's agreement to a draft, waiting for the others the co-production
    settings require (``agreements_needed``). When enough different representatives have
    agreed the same words, the last of them records the forum's decision."""

    review = models.ForeignKey(ForumReviewTaskState, on_delete=models.CASCADE,
                               related_name="agreements")
    representative = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                       related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL,
                                 related_name="+", help_text="The draft this agreement is to.")
    decision = models.CharField(max_length=30, choices=ForumReviewTaskState.Decision.choices)
    note = models.TextField(blank=True, max_length=2000)
    disagreements = models.JSONField(default=list, blank=True)
    agreed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "representative"],
                                               name="one_agreement_per_representative")]

    def __str__(self):
        return f"{self.representative} agreed review {self.review_id}"


class DraftReading(models.Model):
    """The draft a representative last looked at in a review, so the draft page can show
    them what changed since."""

    review = models.ForeignKey(ForumReviewTaskState, on_delete=models.CASCADE,
                               related_name="readings")
    representative = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                       related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "representative"],
                                               name="one_reading_per_representative")]

    def __str__(self):
        return f"{self.representative} read review {self.review_id}"


class ForumReviewTask(Task):
    """The forum's step in the Co-production workflow.

    Forum representatives decide from the forum area (/forum/), not the
    Wagtail admin, so the task offers no admin actions: an officer cannot
    approve a draft on the forum's behalf. Entering the task opens the review (its
    deadline, the forum's e-mail, the log entry) through Wagtail's ``task_submitted``
    signal, answered in ``charter/signals.py``.
    """

    school_days = models.PositiveSmallIntegerField(
        default=10, help_text="Default time the forum has to review a draft, in school days."
    )

    admin_form_fields = [*Task.admin_form_fields, "school_days"]
    task_state_class = ForumReviewTaskState

    class Meta:
        verbose_name = "forum review"
        verbose_name_plural = "forum reviews"

    @classmethod
    def get_description(cls):
        return _("Forum representatives review the draft, comment on it and decide, "
                 "from the forum area.")

    def get_actions(self, obj, user):
        return []

    def locked_for_user(self, obj, user):
        # The draft under review stays editable: officers answer comments by changing it.
        return False
