"""The coding of written answers: a frame of themes per consultation question, the themes a
person confirmed for each answer (who and when, removals kept), and the suggestions waiting
for a person (which count for nothing).

A written answer is one ``free_text`` question's answer inside a consultation response
(``ConsultationResponse.answers[question_id]``): a code names the response and the
question's block id, so paper, phone and e-mail responses keyed in by officers are coded
the same way as online ones, in whatever language they were written.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class CodingFrame(models.Model):
    """The themes that one consultation question's written answers are coded into.

    Written by officers and reviewed by the forum like a draft: ``status`` moves from draft
    to with the forum to agreed (the review step itself is not built yet).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        WITH_FORUM = "with_forum", "With the forum"
        AGREED = "agreed", "Agreed with the forum"

    consultation = models.ForeignKey("consultations.ConsultationPage", on_delete=models.PROTECT,
                                     related_name="coding_frames", null=True, blank=True)
    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="coding_frames",
                               help_text="A survey's comments: the frame of one question's "
                                         "written answers (question_id: the SurveyQuestion's "
                                         "key). Exactly one of consultation and survey.")
    question_id = models.CharField(max_length=64,
                                   help_text="The free-text question's block id (a survey "
                                             "question's key for a survey frame).")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "question_id"],
                                    name="analysis_one_frame_per_question"),
            models.UniqueConstraint(fields=["survey", "question_id"],
                                    name="analysis_one_frame_per_survey_question"),
            models.CheckConstraint(
                condition=(Q(consultation__isnull=False) & Q(survey__isnull=True))
                | (Q(consultation__isnull=True) & Q(survey__isnull=False)),
                name="analysis_frame_of_a_consultation_or_a_survey"),
        ]

    def __str__(self):
        return f"Coding frame for {self.consultation or self.survey} ({self.question_id})"

    @property
    def page(self):
        """The consultation or the survey whose written answers this frame codes."""
        return self.consultation if self.consultation_id else self.survey


class CurrentThemeManager(models.Manager):
    """The themes still in their frames (not deleted or merged into another)."""

    def get_queryset(self):
        return super().get_queryset().filter(retired_at__isnull=True)


class EveryThemeManager(models.Manager):
    """Every theme, also those deleted or merged (for the record and for codes in use)."""


class Theme(models.Model):
    """One theme of a frame: a short code, a name and a plain description.

    A theme deleted from its frame, or merged into another, is kept (``retired_at``, by
    whom, and ``merged_into``), so the codings that named it stay on record; ``objects`` and
    a frame's ``themes`` give only the current ones, ``all_objects`` every one."""

    frame = models.ForeignKey(CodingFrame, on_delete=models.CASCADE, related_name="themes")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True,
                                      help_text="When it was deleted or merged.")
    retired_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_from")
    words_kept = models.JSONField(
        default=list, blank=True,
        help_text="A name or description the small-number check flagged (\"a child and a "
                  "parent travelling together\") that an officer kept anyway, with their "
                  "reason: [{field, words, reason, by, at}] (services.theme_words_keep; also "
                  "logged, the reason beside the entry). The check passes these words as "
                  "they are; changed words are checked again.")

    objects = CurrentThemeManager()
    all_objects = EveryThemeManager()

    class Meta:
        base_manager_name = "all_objects"
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["frame", "code"],
                                               name="analysis_theme_code_unique_in_frame")]

    def __str__(self):
        return self.name

    def kept(self, field: str) -> dict | None:
        """The officer's decision to keep this theme's ``field`` ("name" or "description")
        although the small-number check flagged it, while the words are still the ones kept
        (``words_kept``); else None."""
        words = getattr(self, field)
        return next((k for k in reversed(self.words_kept or [])
                     if k.get("field") == field and k.get("words") == words), None)


class Coding(models.Model):
    """A theme a person gave one written answer (a consultation response's, or a survey's
    comment for a survey frame): who, when, and whether it came from a suggestion. Taking a
    theme off an answer keeps the row (``removed_at``, ``removed_by``), so who coded what,
    and when, stays on record."""

    response = models.ForeignKey("consultations.ConsultationResponse", on_delete=models.PROTECT,
                                 related_name="codings", null=True, blank=True)
    comment = models.ForeignKey("surveys.SurveyComment", on_delete=models.PROTECT,
                                related_name="analysis_codings", null=True, blank=True,
                                help_text="A survey's written answer (a survey frame's).")
    question_id = models.CharField(max_length=64)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="codings")
    coded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    coded_at = models.DateTimeField()
    from_suggestion = models.BooleanField(default=False)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["coded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_id", "theme"],
                condition=Q(removed_at__isnull=True),
                name="analysis_one_current_coding_per_theme"),
            models.UniqueConstraint(
                fields=["comment", "theme"], condition=Q(removed_at__isnull=True),
                name="analysis_one_current_comment_coding_per_theme"),
            models.CheckConstraint(
                condition=(Q(response__isnull=False) & Q(comment__isnull=True))
                | (Q(response__isnull=True) & Q(comment__isnull=False)),
                name="analysis_coding_of_a_response_or_a_comment"),
        ]
        indexes = [models.Index(fields=["theme", "removed_at"])]

    def __str__(self):
        return f"{self.response} {self.question_id}: {self.theme}"


class SuggestedCode(models.Model):
    """A theme suggested for a written answer not yet coded, with the method's confidence
    (0 to 1). Never counted; confirming it makes a ``Coding`` and removes the suggestion."""

    response = models.ForeignKey("consultations.ConsultationResponse", on_delete=models.CASCADE,
                                 related_name="suggested_codes", null=True, blank=True)
    comment = models.ForeignKey("surveys.SurveyComment", on_delete=models.CASCADE,
                                related_name="analysis_suggestions", null=True, blank=True)
    question_id = models.CharField(max_length=64)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="suggestions")
    confidence = models.FloatField()
    method = models.CharField(max_length=20)
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-confidence", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question_id", "theme"],
                                    name="analysis_one_suggestion_per_theme"),
            models.UniqueConstraint(fields=["comment", "theme"],
                                    name="analysis_one_comment_suggestion_per_theme"),
            models.CheckConstraint(condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                                   name="analysis_confidence_0_to_1"),
        ]

    def __str__(self):
        return f"{self.response} {self.question_id}: {self.theme}? ({self.confidence:.0%})"


# Coding screen


class Flag(models.Model):
    """A written answer (a consultation response's, or a survey's comment for a survey
    frame) put before the forum by an officer, with an optional note.

    Clearing a flag keeps the row (``cleared_at``, ``cleared_by``): who flagged what, and
    when, stays on record. At most one open flag per answer and frame."""

    frame = models.ForeignKey(CodingFrame, on_delete=models.CASCADE, related_name="flags")
    response = models.ForeignKey("consultations.ConsultationResponse", on_delete=models.PROTECT,
                                 related_name="analysis_flags", null=True, blank=True)
    comment = models.ForeignKey("surveys.SurveyComment", on_delete=models.PROTECT,
                                related_name="analysis_flags", null=True, blank=True,
                                help_text="A survey's written answer (a survey frame's).")
    note = models.TextField(blank=True, max_length=1000)
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    flagged_at = models.DateTimeField()
    cleared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["flagged_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["frame", "response"], condition=Q(cleared_at__isnull=True),
                name="analysis_one_open_flag_per_answer"),
            models.UniqueConstraint(
                fields=["frame", "comment"], condition=Q(cleared_at__isnull=True),
                name="analysis_one_open_flag_per_comment"),
            models.CheckConstraint(
                condition=(Q(response__isnull=False) & Q(comment__isnull=True))
                | (Q(response__isnull=True) & Q(comment__isnull=False)),
                name="analysis_flag_on_a_response_or_a_comment"),
        ]

    def __str__(self):
        return f"Flag on {self.response or self.comment} ({self.frame.question_id})"


class ThemeSuggestion(models.Model):
    """A group of uncoded answers that seem to say the same thing (``suggest.suggest_themes``),
    waiting for an officer to accept it as a theme (under its name or another), merge it into
    an existing theme, or ignore it. Accepting or merging adds or names a theme only: no
    answer is coded by it."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        ACCEPTED = "accepted", "Added to the frame"
        MERGED = "merged", "Merged into a theme"
        IGNORED = "ignored", "Ignored"

    frame = models.ForeignKey(CodingFrame, on_delete=models.CASCADE,
                              related_name="theme_suggestions")
    name = models.CharField(max_length=200)
    language = models.CharField(max_length=8, default="en")
    answer_ids = models.JSONField(default=list, help_text="Response keys, nearest the centre "
                                                          "first.")
    quote_ids = models.JSONField(default=list, help_text="Up to three representative "
                                                         "response keys.")
    method = models.CharField(max_length=20)
    made_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", help_text="The theme it became or joined.")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class SuggestionRun(models.Model):
    """One request for suggestions (themes or codes) for a frame, and how far it has got:
    ``done`` of ``total`` steps, finished or stopped with a ``failure`` the officer reads."""

    class Kind(models.TextChoices):
        CODES = "codes", "Suggested codes"
        THEMES = "themes", "Suggested themes"

    frame = models.ForeignKey(CodingFrame, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    done = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveSmallIntegerField(default=3)
    made = models.PositiveIntegerField(default=0, help_text="How many suggestions were stored.")
    finished_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.frame}"

class CodingSession(models.Model):
    """One officer's coding decisions on one frame over a while, summed up for the evidence
    log: the log gets one ``analysis_coded`` entry per session (counts per action and per
    theme, and a hash chained over every decision's own hash), not one per keystroke.

    A session is open while its officer keeps coding: it is closed (its entry written) by
    the first decision after ``services.SESSION_LENGTH`` from its start, or after
    ``services.SESSION_DECISIONS`` decisions, by the hourly task for sessions idle that
    long, and whenever the frame or the write-up goes to the forum (the forum reads a
    complete log). Who coded what, and when, stays in ``Coding`` row by row."""

    frame = models.ForeignKey(CodingFrame, on_delete=models.CASCADE, related_name="sessions")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    started_at = models.DateTimeField()
    last_at = models.DateTimeField()
    decisions = models.PositiveIntegerField(default=0)
    actions = models.JSONField(default=dict, help_text="action -> {decisions, answers}")
    themes = models.JSONField(default=dict, help_text="theme code -> {name, added, removed}")
    coded_answers = models.JSONField(
        default=list, blank=True,
        help_text="Keys of the answers given a code in the session, to count each once in "
                  "its summary (never logged).")
    digest = models.CharField(max_length=64, default="",
                              help_text="SHA-256 chained over each decision's summary.")
    closed_at = models.DateTimeField(null=True, blank=True)
    entry = models.ForeignKey("charter.EvidenceEntry", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["frame", "officer"], condition=Q(closed_at__isnull=True),
            name="analysis_one_open_session_per_officer")]

    def __str__(self):
        return f"Coding by {self.officer} on {self.frame} from {self.started_at:%Y-%m-%d %H:%M}"


# Write-up
#
# The forum's review of a frame, consent to quote and personal details removed from quotes,
# and the "What people told us" write-up with findings linked to themes.


class ThemeExample(models.Model):
    """An example quote that shows what a theme means (typed by an officer; it may be made
    up or shortened: it is shown to the forum with the frame, never in public)."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="examples")
    text = models.TextField(max_length=1000)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text[:60]


class FrameComment(models.Model):
    """A forum representative's proposal on a frame sent to the forum: add a theme, merge
    two, rename one, or anything else. Kept as written, but for personal details an officer
    removed (``writeup_services.forum_comment_words_remove``); officers change the frame."""

    class Proposal(models.TextChoices):
        ADD = "add", "Add a theme"
        MERGE = "merge", "Merge themes"
        RENAME = "rename", "Rename a theme"
        OTHER = "other", "Something else"

    frame = models.ForeignKey(CodingFrame, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    proposal = models.CharField(max_length=10, choices=Proposal.choices)
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", help_text="The theme it is about, if one.")
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_proposal_display()}: {self.text[:50]}"


class ReviewStep(models.Model):
    """One step of the forum's review of a frame or a write-up: sent to the forum, agreed
    by the forum, or taken back by the council to change (who and when)."""

    class Action(models.TextChoices):
        SENT = "sent", "Sent to the forum"
        AGREED = "agreed", "Agreed by the forum"
        TAKEN_BACK = "taken_back", "Taken back to change"
        REOPENED = "reopened", "Sent back to the forum: coding changed"

    frame = models.ForeignKey(CodingFrame, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="review_steps")
    write_up = models.ForeignKey("analysis.WriteUp", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="review_steps")
    action = models.CharField(max_length=12, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.CheckConstraint(
            condition=(Q(frame__isnull=False) & Q(write_up__isnull=True))
            | (Q(frame__isnull=True) & Q(write_up__isnull=False)),
            name="analysis_review_step_of_one_thing")]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d})"


class QuoteConsent(models.Model):
    """The respondent agreed that their words may be quoted (without their name). The
    response form does not ask yet: an officer records it from a paper form, a call or an
    e-mail. Without one, a respondent's words are never quoted."""

    response = models.OneToOneField("consultations.ConsultationResponse",
                                    on_delete=models.CASCADE, related_name="quote_consent")
    how = models.CharField(max_length=200, help_text="Where the agreement was given.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    def __str__(self):
        return f"Consent to quote {self.response}"


class Redaction(models.Model):
    """Words taken out of a written answer before it is quoted (a name, a school, an
    address), with the officer's reason. The answer itself is kept as written."""

    response = models.ForeignKey("consultations.ConsultationResponse", on_delete=models.CASCADE,
                                 related_name="redactions")
    question_id = models.CharField(max_length=64)
    words = models.CharField(max_length=300, help_text="The words to take out, as written.")
    reason = models.CharField(max_length=300)
    redacted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    redacted_at = models.DateTimeField()

    class Meta:
        ordering = ["redacted_at", "pk"]

    def __str__(self):
        return f"Words removed from {self.response}: {self.reason}"


class WriteUp(models.Model):
    """"What people told us" for one consultation, or for one survey's comments: generated
    from confirmed themes, edited by officers, reviewed by the forum with the analysis
    (draft, with the forum, agreed) before the outcome (the consultation's "You said, we
    did", the survey's results) is published."""

    Status = CodingFrame.Status

    consultation = models.OneToOneField("consultations.ConsultationPage", null=True,
                                        blank=True, on_delete=models.PROTECT,
                                        related_name="write_up")
    survey = models.OneToOneField("surveys.SurveyPage", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="write_up",
                                  help_text="A survey's comments' write-up. Exactly one of "
                                            "consultation and survey.")
    text = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    generated_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(
        default=list, blank=True,
        help_text="The theme table the draft was written from, per frame (small numbers "
                  "already hidden): what the forum reviews and the public page shows beside "
                  "the findings. See writeup_services.write_up_generate.")
    counted_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When ``counts`` were taken from the confirmed coding: the draft written, or "
                  "its counts refreshed (the officer's words kept).")
    recount = models.JSONField(
        default=dict, blank=True,
        help_text="The last refresh of the counts, while its findings wait to be checked: "
                  "{at, base: [then, now] per frame, themes: {theme key: [then, now]}}. "
                  "Emptied when the draft is written again or sent.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(null=True, blank=True)
    agreed = models.JSONField(
        default=dict, blank=True,
        help_text="The version the forum last agreed, as the public is shown it: {text, "
                  "findings: [{theme, code, name, description, text}], counts, at, by}. Kept "
                  "while a new round is with the forum (coding changed); emptied when the "
                  "council takes the write-up back.")
    small_numbers_kept = models.JSONField(
        default=list, blank=True,
        help_text="Sentences giving a number under the minimum that an officer checked and "
                  "kept, with their reason: [{sentence, reason, by, at}] (also logged).")
    published_answers = models.JSONField(
        default=dict, blank=True,
        help_text="The answers the counts last shown outside the council (to the public, "
                  "or to the forum beside a draft) were counted from, frame by frame: {frame "
                  "key: {answer key: its confirmed themes' codes}}. The next table shown is "
                  "measured by the answers that differ from these (added, taken out or "
                  "recoded: counting.answers_changed). Never in the log.")
    published_rounds = models.JSONField(
        default=list, blank=True,
        help_text="Every round of counts the public was given (the agreed version's "
                  "\"counts\", one list of theme tables per agreement), oldest first: what a "
                  "new round is compared with (counting.published_counts). The log's "
                  "analysis_agreed entries keep them beside the entry, not in the public "
                  "payload; entries written before held them in the payload.")
    shown_rounds = models.JSONField(
        default=list, blank=True,
        help_text="Every counts table shown outside the council since these were kept, in "
                  "the order shown: [{at, to: \"forum\" or \"public\", sent, tables}]: the "
                  "public's at each agreement, the forum's when a draft is sent (sent) and "
                  "whenever a representative is shown new figures beside it "
                  "(writeup_services.forum_counts_shown). Each new table is held against "
                  "all of them (counting.published_counts). Never in the log.")
    words_removed_on = models.DateField(
        null=True, blank=True,
        help_text="When an officer removed the personal details of the working draft's "
                  "words (writeup_services.write_up_words_remove): a part left empty since "
                  "reads \"Removed on DATE: personal details\". Emptied when it is written "
                  "again.")
    text_withdrawn_deleted = models.PositiveIntegerField(
        default=0,
        help_text="Quotes taken out of the introduction because the answer they came from was "
                  "deleted (the draft says so). Back to 0 when written again.")
    withdrawn_quotes = models.JSONField(
        default=list, blank=True,
        help_text="Keyed hashes (HMAC) of what is known of the answers deleted outright: each "
                  "quote taken out of the draft, and each run of three and of eight words of "
                  "every deleted answer's words (writeup.run_marks). Their words are kept "
                  "nowhere, yet a copy saved again, shortened, cut with \"…\" or in other "
                  "marks, is taken out again on save and wherever the agreed version is shown "
                  "(writeup.drop_quotations); runs in the council's own words or in an answer "
                  "still cleared are spared.")
    removed_words = models.JSONField(
        default=list, blank=True,
        help_text="Keyed hashes (HMAC) of the words removed as personal details: each chosen "
                  "phrase, and, when every word was removed, each run of six words and each "
                  "shorter sentence (\"n:hash\", n the words in it). Typed or pasted back, they "
                  "are taken out again on save (writeup.remove_known_runs).")
    revision = models.PositiveIntegerField(
        default=0,
        help_text="Goes up by one whenever the draft's words change (written, saved, words or "
                  "quotes taken out): a form opened before is refused, its words shown back "
                  "(writeup_services.write_up_edit).")
    revised_because = models.CharField(
        max_length=20, blank=True,
        help_text="Why the draft's words last changed (writeup_services.REVISED): told to an "
                  "officer whose form was opened before.")

    class Meta:
        constraints = [models.CheckConstraint(
            condition=(Q(consultation__isnull=False) & Q(survey__isnull=True))
            | (Q(consultation__isnull=True) & Q(survey__isnull=False)),
            name="analysis_write_up_of_a_consultation_or_a_survey")]

    def __str__(self):
        return f"What people told us: {self.page}"

    @property
    def page(self):
        """The consultation or the survey it reports on."""
        return self.consultation if self.consultation_id else self.survey


class Finding(models.Model):
    """One finding of a write-up, linked to the theme it reports: the published outcome and
    the compare view of the policy version that changed show the link."""

    write_up = models.ForeignKey(WriteUp, on_delete=models.CASCADE, related_name="findings")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="findings")
    text = models.TextField()
    sort_order = models.PositiveSmallIntegerField(default=0)
    quotes = models.JSONField(
        default=list, blank=True,
        help_text="The answers the draft quoted in this finding, as written then: "
                  '[{"response": key} or {"comment": key}, "question": id, "text": words]. '
                  "A quote whose answer may no longer be quoted is withdrawn by its source.")
    withdrawn_deleted = models.PositiveIntegerField(
        default=0,
        help_text="Quotes taken out of these words because the answer they came from was "
                  "deleted (the draft says so beside them). Back to 0 when written again.")

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text[:60]

    @property
    def removed_on(self):
        """The day its words were removed as personal details, while it has no words since
        (``WriteUp.words_removed_on``); else None."""
        if self.text.strip():
            return None
        return self.write_up.words_removed_on


class WriteUpComment(models.Model):
    """A forum representative's comment on the analysis and the write-up. Kept as written,
    but for personal details an officer removed (the whole comment or chosen words)."""

    write_up = models.ForeignKey(WriteUp, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]
