from django.core.exceptions import PermissionDenied
from django.db import models


class EvidenceEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("Evidence entries cannot be changed.")

    def delete(self):
        raise PermissionDenied("Evidence entries cannot be deleted.")


class EvidenceEntry(models.Model):
    """One co-production event, chained by hash to the one before it.

    Append only: entries are written by ``charter.services.evidence_append`` and
    never changed or deleted by the application (on PostgreSQL a trigger
    refuses too). ``manage.py verify_evidence`` re-checks the whole chain.
    """

    class Kind(models.TextChoices):
        REVIEW_OPENED = "review_opened", "Forum review opened"
        REVIEW_DECIDED = "review_decided", "Forum review decided"
        COMMENT_MADE = "comment_made", "Forum comment made"
        COMMENT_EDITED = "comment_edited", "Forum comment edited"
        COMMENT_ANSWERED = "comment_answered", "Forum comment answered"
        COMMENT_RESOLVED = "comment_resolved", "Change made for a comment"
        DISAGREEMENT_STATED = "disagreement_stated", "Disagreement stated"
        DISAGREEMENT_UPDATED = "disagreement_updated", "Disagreement positions updated"
        DISAGREEMENT_RESOLVED = "disagreement_resolved", "Disagreement resolved"
        VERSION_PUBLISHED = "version_published", "Version published"
        MEETING_RECORDED = "meeting_recorded", "Meeting recorded"
        PRECONSULTATION_OPENED = "preconsultation_opened", "Forum pre-consultation opened"
        PRECONSULTATION_CLOSED = "preconsultation_closed", "Forum pre-consultation closed"
        CONSULTATION_OPENED = "consultation_opened", "Consultation opened"
        CONSULTATION_CLOSED = "consultation_closed", "Consultation closed"
        CONSULTATION_OVERRIDE = "consultation_override", "Consultation allowed in a holiday"
        ANALYSIS_REVIEWED = "analysis_reviewed", "Consultation analysis reviewed by the forum"
        OUTCOME_PUBLISHED = "outcome_published", "Consultation outcome published"
        CONTACTS_ANONYMISED = "contacts_anonymised", "Respondents' contact details removed"
        SURVEY_REVIEWED = "survey_reviewed", "Survey agreed with the forum"
        SURVEY_OPENED = "survey_opened", "Survey opened"
        SURVEY_CLOSED = "survey_closed", "Survey closed"
        SURVEY_INVITATIONS_SENT = "survey_invitations_sent", "Survey invitations sent"
        SURVEY_ADDRESSES_DELETED = "survey_addresses_deleted", "Survey invitation addresses deleted"
        SURVEY_COMMENT_MODERATED = "survey_comment_moderated", "Survey comment approved or redacted"
        SURVEY_RESULTS_PUBLISHED = "survey_results_published", "Survey results published"
        SURVEY_ACTION_UPDATED = "survey_action_updated", "Survey action status changed"
        PAGE_UNPUBLISHED = "page_unpublished", "Page taken off the site outside the forum"
        REVIEW_DEADLINE_CHANGED = "review_deadline_changed", "Forum review deadline changed"
        TRANSLATION_PUBLISHED = "translation_published", "Translation published"

    sequence = models.PositiveIntegerField(unique=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    subject = models.CharField(max_length=100, help_text="What the event is about, e.g. page:12.")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, related_name="+",
        # The log outlives the page: deleting a page must not touch its entries.
        on_delete=models.DO_NOTHING, db_constraint=False,
    )
    recorded_at = models.DateTimeField()
    recorded_at_text = models.CharField(max_length=40, editable=False)
    payload_json = models.TextField()
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    objects = EvidenceEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        verbose_name = "evidence entry"
        verbose_name_plural = "evidence log"
        indexes = [models.Index(fields=["page", "sequence"])]

    def __str__(self):
        return f"#{self.sequence} {self.get_kind_display()} ({self.subject})"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise PermissionDenied("Evidence entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Evidence entries cannot be deleted.")
