from django.conf import settings
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
        MEETING_ROWS_REMOVED = ("meeting_rows_removed",
                                "Meeting actions or attendees removed")
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
        RESPONSE_RECEIVED = "response_received", "Consultation response received"
        TEXT_REMOVED = "text_removed", "Personal text removed"
        PAGE_UNPUBLISHED = "page_unpublished", "Page taken off the site outside the forum"
        REVIEW_DEADLINE_CHANGED = "review_deadline_changed", "Forum review deadline changed"
        TRANSLATION_PUBLISHED = "translation_published", "Translation published"
        REVIEW_AGREEMENT_PENDING = ("review_agreement_pending",
                                    "Forum agreement recorded, waiting for confirmation")
        ANSWERS_CODED = "analysis_coded", "Written answers coded"
        CODING_FRAME_SENT = "coding_frame_sent", "Coding frame sent to the forum"
        CODING_FRAME_AGREED = "coding_frame_agreed", "Coding frame agreed by the forum"
        ANALYSIS_SENT = "analysis_sent", "Analysis and write-up sent to the forum"
        ANALYSIS_AGREED = "analysis_agreed", "Analysis and write-up agreed by the forum"
        ANALYSIS_REOPENED = ("analysis_reopened",
                             "Write-up sent back to the forum: coding changed after it was agreed")
        ANALYSIS_SMALL_NUMBERS_KEPT = ("analysis_small_numbers_kept",
                                       "Officer kept a small number in the write-up, saying "
                                       "it identifies no one")
        CODING_FRAME_TAKEN_BACK = ("coding_frame_taken_back",
                                   "Coding frame the forum agreed taken back by the council")
        QUOTE_CONSENT_WITHDRAWN = ("quote_consent_withdrawn",
                                   "Respondent withdrew consent to be quoted")
        RESPONSE_ERASED = ("response_erased",
                           "Consultation response deleted at the respondent's request")

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
    # 1: made before signed checkpoints (texts in the payload); 2: texts kept beside it.
    hash_version = models.PositiveSmallIntegerField(default=1, editable=False)

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


class EvidenceText(models.Model):
    """A personal text (a comment, an answer's reason, a position) kept beside its entry.

    The entry's payload holds only ``text_digest(salt, text)``, so the text can be removed
    (UK GDPR erasure) without breaking the chain: removal empties ``text`` and ``salt`` and
    is itself logged as a ``text_removed`` entry. ``source_model`` and ``source_pk`` name
    the record the text came from, so its removal reaches every copy.
    """

    entry = models.ForeignKey(EvidenceEntry, on_delete=models.PROTECT, related_name="texts")
    field = models.CharField(max_length=40)
    salt = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True)
    source_model = models.CharField(max_length=60)
    source_pk = models.PositiveBigIntegerField()
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.TextField(blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "field"],
                                               name="charter_evidencetext_one_per_field")]
        indexes = [models.Index(fields=["source_model", "source_pk"])]

    def __str__(self):
        return f"{self.field} of entry #{self.entry_id}"


class CheckpointQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("Checkpoints cannot be changed.")

    def delete(self):
        raise PermissionDenied("Checkpoints cannot be deleted.")


class EvidenceCheckpoint(models.Model):
    """A signed statement of the log's state: ``count`` entries ending in ``head_hash``,
    whose RFC 9162 Merkle tree has the root ``tree_root`` (receipts' inclusion proofs lead
    to it).

    Signed with the Ed25519 key named in the settings (never stored in the database) and
    also written to the checkpoint store outside it, so an insider who rewrites or cuts
    the log cannot make the signed checkpoints agree. Append only, like the log.
    """

    class Reason(models.TextChoices):
        PUBLISH = "publish", "A version was published"
        DECISION = "decision", "The forum decided on a draft"
        BOARD_PACK = "board_pack", "A board pack was made"
        DAILY = "daily", "Daily checkpoint"
        MANUAL = "manual", "Made by hand"

    count = models.PositiveIntegerField()
    head_hash = models.CharField(max_length=64)
    made_at = models.DateTimeField()
    made_at_text = models.CharField(max_length=40)
    origin = models.CharField(max_length=200)
    public_key = models.CharField(max_length=64)
    signature = models.CharField(max_length=128, unique=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    tree_root = models.CharField(
        max_length=64, blank=True, default="", db_default="",
        help_text="RFC 9162 Merkle tree root (hex) of the first count entries; signed with "
                  "the rest. Empty on checkpoints made before the log had a tree.")

    objects = CheckpointQuerySet.as_manager()

    class Meta:
        ordering = ["count", "made_at"]
        get_latest_by = ["count", "made_at"]

    def __str__(self):
        return f"Checkpoint: {self.count} entries, {self.head_hash[:12]} ({self.made_at_text})"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise PermissionDenied("Checkpoints cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Checkpoints cannot be deleted.")
