from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from charter import deadlines as deadline_rules
from charter.models import CommentAnswer, ForumReviewTaskState
from charter.models.comments import COMMENT_MAX_CHARACTERS, QUOTE_MAX_CHARACTERS
from core.form_messages import plain_text_messages
from core.sanitise import TypedTextField


class CommentForm(forms.Form):
    block_id = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    submission_key = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    quote = TypedTextField(
        required=False, max_length=QUOTE_MAX_CHARACTERS,
        label=_("The words you are commenting on (optional)"),
        help_text=_("Copy them from the section, so the council knows exactly which words."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = TypedTextField(
        label=_("Your comment"),
        help_text=_("Up to 2,000 characters. You can use paragraphs, bold, italics, lists and "
                    "links."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your comment before you send it.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_text_messages(self.fields["quote"], _("The words you quote"))
        plain_text_messages(self.fields["body"], _("Your comment"))


class SectionSelect(forms.Select):
    """The draft's sections to choose from: their headings are in the draft's language
    (English, the language the forum reviews in), so on a Polish or Arabic page each is
    marked ``lang="en" dir="ltr"``; "The whole page" (no value) is the interface's own."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value and not (get_language() or "en").startswith("en"):
            option["attrs"] = {**option["attrs"], "lang": "en", "dir": "ltr"}
        return option


class DecisionForm(forms.Form):
    seen_revision = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=ForumReviewTaskState.Decision.choices, widget=forms.RadioSelect,
        label=_("What does the forum decide?"),
        error_messages={"required": _("Choose what the forum decided."),
                        "invalid_choice": _("Choose one of the decisions shown.")},
    )
    note = TypedTextField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Note to the council"),
        help_text=_("Required if you send the draft back: say what needs to change."),
    )
    disagreement_topic = TypedTextField(
        required=False, max_length=200, label=_("What the forum disagrees about"),
    )
    disagreement_section = forms.CharField(required=False, label=_("Which section"),
                                           widget=SectionSelect)
    disagreement_position = TypedTextField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        label=_("The forum's position, in its own words"),
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = dict(sections)
        plain_text_messages(self.fields["note"], _("Your note to the council"))
        plain_text_messages(self.fields["disagreement_topic"],
                            _("What the forum disagrees about"))
        plain_text_messages(self.fields["disagreement_position"], _("The forum's position"))
        for name, css in (("note", "govuk-textarea"), ("disagreement_topic", "govuk-input"),
                          ("disagreement_section", "govuk-select"),
                          ("disagreement_position", "govuk-textarea")):
            self.fields[name].widget.attrs["class"] = css
        self.fields["disagreement_section"].widget.choices = [
            ("", _("The whole page")), *sections
        ]

    def clean(self):
        cleaned = super().clean()
        Decision = ForumReviewTaskState.Decision
        decision = cleaned.get("decision")
        if decision == Decision.CHANGES_REQUESTED and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say what the forum wants changed before you send it back."))
        if decision == Decision.AGREED_WITH_DISAGREEMENT:
            if not cleaned.get("disagreement_topic", "").strip():
                self.add_error("disagreement_topic", _("Say what the forum disagrees about."))
            if not cleaned.get("disagreement_position", "").strip():
                self.add_error("disagreement_position",
                               _("Write the forum's position in its own words."))
        section = cleaned.get("disagreement_section") or ""
        if section and section not in self.sections:
            self.add_error("disagreement_section", _("Choose a section of this draft."))
        return cleaned

    def disagreements(self) -> list[dict]:
        if self.cleaned_data["decision"] != ForumReviewTaskState.Decision.AGREED_WITH_DISAGREEMENT:
            return []
        block_id = self.cleaned_data.get("disagreement_section") or ""
        return [{
            "topic": self.cleaned_data["disagreement_topic"],
            "forum_position": self.cleaned_data["disagreement_position"],
            "block_id": block_id,
            "section_heading": self.sections.get(block_id, ""),
        }]


class AnswerForm(forms.Form):
    """An officer's answer to a forum comment."""

    disposition = forms.ChoiceField(
        choices=CommentAnswer.Disposition.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose how the council has answered this comment."},
    )
    reason = TypedTextField(
        required=False, max_length=COMMENT_MAX_CHARACTERS, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required unless the comment is accepted in full. The forum and the public "
                  "read it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_text_messages(self.fields["reason"], _("The reason"))

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("disposition") not in (None, CommentAnswer.Disposition.ACCEPTED)
                and not cleaned.get("reason", "").strip()):
            self.add_error("reason", "Give the reason: it is required unless the comment is "
                                     "accepted in full.")
        return cleaned


class DeadlineForm(forms.Form):
    """A new deadline for one forum review, and why. Which dates are allowed is the
    service's to say (``services.review_set_deadline``); its errors land on these fields."""

    deadline = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), label="Agreed deadline",
        error_messages={"required": "Give the new deadline, for example 12/01/2027.",
                        "invalid": "Give the new deadline as a date, for example 12/01/2027."})
    reason = forms.CharField(
        max_length=500, label="Why it changes",
        help_text=f"In a few words (at least {deadline_rules.MIN_REASON_WORDS}): the forum and "
                  f"the board read this.",
        error_messages={"required": "Say why the deadline is changing: the forum and the board "
                                    "read it."})

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not deadline_rules.reason_is_enough(reason):
            raise forms.ValidationError(
                f"Say why the deadline is changing in a few words (at least "
                f"{deadline_rules.MIN_REASON_WORDS} real words): the forum and the board read it.")
        return reason


class PositionForm(forms.Form):
    position = TypedTextField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                              label=_("Position, in your own words"),
                              error_messages={"required": _("Write the position before you "
                                                            "save it.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_text_messages(self.fields["position"], _("The position"))


class ResolveForm(forms.Form):
    note = TypedTextField(required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           label=_("How it was resolved (optional)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_text_messages(self.fields["note"], _("How it was resolved"))


#: The reason's hint for a record kept by another app (a write-up): its readers, the forum's
#: included, see only the notice; the reason stays with staff, beside the log.
STAFF_ONLY_REASON_HINT = _(
    "Everyone who reads it, the public and the forum included, sees “Removed on DATE: "
    "personal details” in place of the text, never your reason. Your reason is kept for staff "
    "only: beside the evidence log, where the board and officers read it; the public log "
    "holds only a hash of it. Do not repeat the personal details here.")


class RemoveTextForm(forms.Form):
    """An officer's reason for removing a personal text: shown where the text was to the
    forum, the board and officers (public pages show only the date, ``record.removed_on``);
    with ``staff_only`` (a record another app keeps, ``record.removable_register``'s), kept
    for staff only, every reader seeing the notice (``STAFF_ONLY_REASON_HINT``)."""

    reason = TypedTextField(
        max_length=500, label=_("Why the personal details are removed"),
        help_text=_("The public pages show “Removed on DATE: personal details” in place of "
                    "the text; the forum, the board and officers read your reason. Do not "
                    "repeat the personal details here."),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason the text is removed.")},
    )

    words = forms.CharField(
        required=False, max_length=2000, label=_("Only these words (optional)"),
        help_text=_("One a line, exactly as written, for example a name. Each is replaced "
                    "by “[personal details removed]” and every other word stays. Leave this "
                    "empty to remove the whole text."),
        widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, staff_only: bool = False, words: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        plain_text_messages(self.fields["reason"], _("The reason"))
        if staff_only:
            self.fields["reason"].help_text = STAFF_ONLY_REASON_HINT
        if not words:  # only a record whose app can take out chosen words offers it
            del self.fields["words"]

    def phrases(self) -> list[str]:
        """The chosen words, one a line ([] for the whole text, or without the field)."""
        return [line for line in (self.cleaned_data.get("words") or "").splitlines()
                if line.strip()]


#: The meeting form's inline rows whose removal must be explained (``MeetingForm``).
MEETING_ROWS = {"actions": "action", "attendees": "attendee"}


def meeting_row_text(kind: str, row) -> dict:
    """What the record keeps of a meeting row removed: its kind and every field it showed."""
    if kind == "action":
        return {"kind": "action", "action": row.action, "owner": row.owner,
                "due": row.due_date.isoformat() if row.due_date else None, "done": row.done}
    return {"kind": "attendee", "role": row.role, "organisation": row.organisation}


class MeetingForm(WagtailAdminModelForm):
    """The admin form for a meeting. Removing a saved action or attendee needs a reason
    (``deadlines.reason_is_enough``: a few real words): the removal is logged with who, when
    and why (``services.meeting_record``) and shown on the board. The rows removed and the
    reason are left on the saved meeting as ``removed_rows`` and ``removal_reason``."""

    removal_reason = forms.CharField(
        required=False, max_length=500, label="Why rows are removed",
        help_text="Needed only when you remove an action or an attendee: the board reads it, "
                  "beside what was removed.",
        widget=forms.Textarea(attrs={"rows": 2}))

    def _removed(self) -> list[dict]:
        removed = []
        for name, kind in MEETING_ROWS.items():
            formset = self.formsets.get(name)
            if formset is None:
                continue
            for form in formset.deleted_forms:
                if form.instance.pk:
                    removed.append(meeting_row_text(kind, form.instance))
        return removed

    def clean(self):
        cleaned = super().clean()
        reason = (cleaned.get("removal_reason") or "").strip()
        cleaned["removal_reason"] = reason
        removed = self._removed()
        if removed and not deadline_rules.reason_is_enough(reason):
            self.add_error("removal_reason", (
                f"Say why you are removing {len(removed)} "
                f"{'row' if len(removed) == 1 else 'rows'} from this meeting, in a few words "
                f"(at least {deadline_rules.MIN_REASON_WORDS} real words): the board reads it."))
        return cleaned

    def save(self, commit=True):
        removed = self._removed()
        meeting = super().save(commit=commit)
        meeting.removed_rows = removed
        meeting.removal_reason = self.cleaned_data.get("removal_reason", "") if removed else ""
        return meeting
