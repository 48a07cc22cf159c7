from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

COMMENT_MAX_CHARACTERS = 2000
QUOTE_MAX_CHARACTERS = 500


class ForumComment(models.Model):
    """A forum representative's comment on one section of a draft.

    Anchored to the StreamField block's id, so it stays with its section when
    sections are reordered, and to the revision it was made on, so it stays
    readable when a later version removes the section.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE,
                             related_name="forum_comments")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT,
                                 related_name="+", help_text="The draft commented on.")
    review = models.ForeignKey("charter.ForumReviewTaskState", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="comments")
    block_id = models.CharField(max_length=64, blank=True,
                                help_text="The section's block id; blank for the whole page.")
    section_heading = models.CharField(max_length=200, blank=True)
    quote = models.TextField(blank=True, max_length=QUOTE_MAX_CHARACTERS)
    body = models.TextField(help_text="Limited rich text, sanitised.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="forum_comments")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False,
        help_text="The form's one-time key: a double-clicked submit makes one comment.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page", "created_at"])]

    def __str__(self):
        where = self.section_heading or "the whole page"
        return f"Comment on {where} ({self.created_at:%d %b %Y})"

    @property
    def is_answered(self) -> bool:
        try:
            return self.answer is not None
        except CommentAnswer.DoesNotExist:
            return False

    @property
    def answered_after_decision(self):
        """When the forum decided on the draft this comment was made on (a datetime), if the
        council's answer came only after that: the forum decided without reading it, and
        every page that shows the answer says so. None otherwise. Reads ``review`` and
        ``answer`` (select them with the comment)."""
        if not self.is_answered or self.review_id is None:
            return None
        review = self.review
        if review is None or not (review.decision or review.status != review.STATUS_IN_PROGRESS):
            return None
        finished = review.finished_at
        if finished is None or self.answer.answered_at <= finished:
            return None
        return finished


class CommentAnswer(models.Model):
    """The council's answer to a forum comment: a disposition, and a reason unless accepted."""

    class Disposition(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        NOTED = "noted", _("Noted")

    comment = models.OneToOneField(ForumComment, on_delete=models.CASCADE, related_name="answer")
    disposition = models.CharField(max_length=20, choices=Disposition.choices)
    reason = models.TextField(blank=True, max_length=COMMENT_MAX_CHARACTERS)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField()
    answered_late = models.BooleanField(
        default=False, help_text="Answered after the forum review's deadline."
    )
    resolved_by_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The revision that made the change this comment asked for.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["answered_at"]

    def __str__(self):
        return f"{self.get_disposition_display()}: {self.comment}"
