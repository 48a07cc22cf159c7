"""The forms of the frame's review and the write-up. Each has its own prefix, so several sit
on one page with distinct ids; labels are translated (the forum reads them in its language)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.models import FrameComment, Theme
from core.form_messages import plain_errors


class _Plain(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            plain_errors(field)


class ThemeForm(_Plain):
    prefix = "theme"
    name = forms.CharField(label=_("Name"), max_length=120,
                           error_messages={"required": _("Give the theme a name.")},
                           help_text=_("A few plain words, as a parent would say it."))
    description = forms.CharField(label=_("What it covers"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("One or two sentences: what an answer says to "
                                              "get this theme."))
    examples = forms.CharField(label=_("Example quotes"), required=False, max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("One a line. Take out names and anything else "
                                           "that could identify a family."))

    keep = forms.BooleanField(
        label=_("Keep these words anyway"), required=False,
        help_text=_("Only when the check is wrong and the words count no one, for example "
                    "“a child and a parent travelling together”. The forum sees that you "
                    "kept them, and why; it goes in the record."))
    keep_reason = forms.CharField(label=_("Why these words identify no one"), required=False,
                                  max_length=500)

    #: Set by the view when the words were flagged: the form then offers ``keep``.
    asks_keep = False

    def example_lines(self) -> list[str]:
        return [line for line in self.cleaned_data["examples"].splitlines() if line.strip()]


class FrameCommentForm(_Plain):
    prefix = "proposal"
    proposal = forms.ChoiceField(label=_("What do you propose?"), widget=forms.RadioSelect,
                                 choices=[(FrameComment.Proposal.ADD, _("Add a theme")),
                                          (FrameComment.Proposal.MERGE, _("Merge themes")),
                                          (FrameComment.Proposal.RENAME, _("Rename a theme")),
                                          (FrameComment.Proposal.OTHER, _("Something else"))])
    theme = forms.ModelChoiceField(label=_("Which theme is it about? (if one)"), required=False,
                                   queryset=Theme.objects.none(),
                                   empty_label=_("None, or several"))
    text = forms.CharField(label=_("Your proposal"), max_length=4000,
                           error_messages={"required": _("Write what you propose.")},
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("For a merge, name the themes; for a new name, give "
                                       "it."))

    def __init__(self, *args, frame, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = frame.themes.all()


class CommentForm(_Plain):
    prefix = "comment"
    text = forms.CharField(label=_("Your comment on the analysis"), max_length=4000,
                           error_messages={"required": _("Write your comment.")},
                           widget=forms.Textarea(attrs={"rows": 5}))


class RedactionForm(_Plain):
    prefix = "redact"
    response = forms.IntegerField(widget=forms.HiddenInput)
    frame = forms.IntegerField(widget=forms.HiddenInput)
    words = forms.CharField(label=_("Words to remove"), max_length=300,
                            help_text=_("Copy them exactly as written, for example a name."),
                            error_messages={"required": _("Copy the words to remove.")})
    reason = forms.CharField(label=_("Reason"), max_length=300,
                             help_text=_("Kept beside the evidence log for officers and the "
                                         "board. Everyone else reads “Removed on DATE: "
                                         "personal details”."),
                             error_messages={"required": _("Give the reason for removing "
                                                           "them.")})


class PhrasesRemovalForm(_Plain):
    """Chosen personal details to take out of every copy of a write-up and its themes
    (``writeup_services.write_up_phrases_remove``): typed, one a line, or picked from the
    phrases the checks flagged (``flagged``, given by the view)."""

    prefix = "remove"
    words = forms.CharField(
        label=_("Words to remove"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line, exactly as written, for example a name or a school. Each "
                    "is replaced by “[personal details removed]” wherever the write-up or "
                    "its themes have it; every other word stays."))
    flagged = forms.MultipleChoiceField(
        label=_("Or pick from the words the checks flagged"), required=False,
        widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(
        label=_("Why they are removed"), max_length=500,
        help_text=_("Kept beside the record for the board, never shown in public. Do not "
                    "repeat the personal details here."),
        error_messages={"required": _("Give the reason the words are removed.")})

    def __init__(self, *args, flagged=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["flagged"].choices = [(p, p) for p in flagged]
        if not flagged:
            del self.fields["flagged"]

    def phrases(self) -> list[str]:
        """The words typed, one a line, then those picked."""
        typed = [line for line in self.cleaned_data["words"].splitlines() if line.strip()]
        return [*typed, *self.cleaned_data.get("flagged", [])]


class ConsentForm(_Plain):
    prefix = "consent"
    reference = forms.CharField(label=_("Response reference"), max_length=12)
    how = forms.CharField(label=_("Where they agreed to be quoted"), max_length=200,
                          help_text=_("For example: ticked the box on the paper form; said "
                                      "yes on the phone on 3 March."))


class ConsentWithdrawnForm(_Plain):
    prefix = "withdrawn"
    reference = forms.CharField(label=_("Response reference"), max_length=12)
    how = forms.CharField(label=_("How they withdrew their consent"), max_length=200,
                          help_text=_("For example: phoned on 3 March to say they do not want "
                                      "to be quoted."))


class ResponseEraseForm(_Plain):
    """A respondent's request to delete their response (``writeup_services.response_erase``):
    its reference, how they asked, and the officer's confirmation."""

    prefix = "erase"
    reference = forms.CharField(label=_("Response reference"), max_length=12)
    how = forms.CharField(label=_("How they asked for it to be deleted"), max_length=200,
                          help_text=_("For example: emailed on 3 March asking us to delete "
                                      "their response. Kept for staff beside the record; do "
                                      "not repeat their name or words."))
    confirm = forms.BooleanField(
        label=_("Delete the response, its coding and every quote of it, for good"),
        error_messages={"required": _("Tick the box to confirm: a deleted response cannot be "
                                      "brought back.")})

    def __init__(self, *args, kind: str = "consultation", **kwargs):
        super().__init__(*args, **kwargs)
        if kind == "survey":
            # Survey responses are anonymous: named by one of their comments' keys.
            self.fields["reference"].label = _("The comment’s key")
            self.fields["reference"].help_text = _(
                "The 8 characters shown beside the comment on the coding and moderation "
                "screens. The whole response it belongs to is deleted.")


#: Said beside words of the draft that lost a quote because its answer was deleted.
WITHDRAWN_FROM_DRAFT = _("Quoted words were taken out of this draft: the answer they came "
                         "from was deleted.")


class WriteUpForm(_Plain):
    prefix = "writeup"
    text = forms.CharField(label=_("Introduction"), required=False, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 5}))

    checked = forms.BooleanField(
        label=_("I have checked this does not identify anyone"), required=False,
        help_text=_("Only for a number under the minimum that counts no one (a route, a "
                    "date) or that you are sure cannot identify a family. It is logged."))
    reason = forms.CharField(label=_("Why it is safe to keep"), required=False, max_length=500)
    replace = forms.BooleanField(
        label=_("Replace my words with a new draft from the themes"), required=False,
        help_text=_("Only for “Write the draft again from the themes”: it replaces the "
                    "introduction and every finding, and what you typed is lost."))
    #: Which button sent the form: save only, or save and then send, refresh or redraft.
    then = forms.ChoiceField(required=False, choices=[(c, c) for c in
                                                      ("", "save", "send", "refresh",
                                                       "redraft")])
    #: The draft's ``WriteUp.revision`` when the form was opened: a form opened before the
    #: words changed is refused, its words shown back (``writeup_services.write_up_edit``).
    revision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, findings=(), text_withdrawn: int = 0, **kwargs):
        """``findings``: the draft's, each a field; ``text_withdrawn``: quotes taken out of
        the introduction because their answer was deleted (each field whose words lost one
        says so in its hint, ``WITHDRAWN_FROM_DRAFT``)."""
        super().__init__(*args, **kwargs)
        if text_withdrawn:
            self.fields["text"].help_text = WITHDRAWN_FROM_DRAFT
        self.finding_fields = []
        for finding in findings:
            name = f"finding_{finding.pk}"
            hint = _("Leave empty to drop this finding.")
            if finding.withdrawn_deleted:
                hint = f"{WITHDRAWN_FROM_DRAFT} {hint}"
            self.fields[name] = forms.CharField(
                label=finding.theme.name, required=False, max_length=4000,
                initial=finding.text, widget=forms.Textarea(attrs={"rows": 4}),
                help_text=hint)
            plain_errors(self.fields[name])
            self.finding_fields.append(name)

    def findings(self) -> dict[int, str]:
        return {int(name.removeprefix("finding_")): self.cleaned_data[name]
                for name in self.finding_fields}

    def asks_check(self) -> bool:
        """Whether to show the "I have checked" box: a small number was found, or the box
        was ticked."""
        return self.is_bound and bool(self.non_field_errors() or self.errors.get("reason")
                                      or self.data.get(self.add_prefix("checked")))

    def finding_bound_fields(self):
        return [self[name] for name in self.finding_fields]

    def typed(self) -> list[tuple[str, str]]:
        """What was typed in each part, as (its label, the words), the introduction first:
        shown back when the form cannot be saved."""
        data = self.data if self.is_bound else {}
        return [(str(self.fields[name].label), data.get(self.add_prefix(name), ""))
                for name in ["text", *self.finding_fields]]
