"""The forms people answer a survey with: who they are (and their code), then one per page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from core.form_messages import escaped, plain_errors
from core.numbers import count
from core.sanitise import TypedTextField
from surveys import scales
from surveys.models.audiences import Audience
from surveys.models.placements import SurveyPlacement
from surveys.services import InvitationCodeError, invitation_check, normalise_code

if TYPE_CHECKING:
    from surveys.models.pages import SurveyPage


def field_name(question_id: int) -> str:
    return f"q_{question_id}"


class StartForm(forms.Form):
    """Who someone is answering as, and their invitation code.

    The code is required when the survey says so and optional otherwise; a code given is
    checked now (unknown or already used), so nobody answers every page to be refused at
    the end. ``cleaned_data["code"]`` is the code as stored (spaces and dashes removed).

    With a code, ``cleaned_data["audience"]`` is the audience the invitation was sent to,
    whatever was posted: a code sent to a school answers as a school. A survey that takes
    invited answers only does not ask (``asks_audience`` is False).
    """

    audience = forms.ChoiceField(
        label=_("Who are you answering as?"), widget=forms.RadioSelect,
        error_messages={"required": _("Say who you are answering as."),
                        "invalid_choice": _("Choose one of the answers shown.")})
    code = TypedTextField(
        label=_("Your invitation code"), required=False, max_length=20,
        error_messages={"max_length": _("An invitation code has 8 letters and numbers. Check "
                                        "it against your invitation.")})
    # Left empty by people; filled in by robots that fill in every field.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this empty"))

    def __init__(self, *args, survey: SurveyPage, audiences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        audiences = list(audiences)
        self.fields["audience"].choices = (
            [(a.audience, Audience(a.audience).label) for a in audiences]
            if audiences else list(Audience.choices))
        for field in self.fields.values():
            plain_errors(field)
        self.fields["audience"].error_messages["invalid_choice"] = gettext(
            "Say who you are answering as: choose one of the answers shown.")
        code = self.fields["code"]
        code.error_messages["max_length"] = gettext(
            "An invitation code has 8 letters and numbers. Check it against your invitation.")
        code.required = survey.requires_code
        self.asks_audience = not survey.requires_code
        self.fields["audience"].required = self.asks_audience
        code.error_messages["required"] = _("Enter the code from your invitation.")
        code.help_text = (
            _("It is in the email or letter we sent you: 8 letters and numbers.")
            if survey.requires_code else
            _("If we sent you an invitation, enter its code: it stops the same invitation "
              "being used twice. Leave this empty if you do not have one."))

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data.get("code") or "")
        self.invitation = None
        if code:
            try:
                self.invitation = invitation_check(survey=self.survey, code=code)
            except InvitationCodeError as error:
                raise ValidationError(error.messages, code=error.code) from error
        return code

    def clean(self):
        cleaned = super().clean()
        invitation = getattr(self, "invitation", None)
        if cleaned.get("code") and invitation is not None:
            cleaned["audience"] = invitation.audience
            self.errors.pop("audience", None)
        elif "code" in cleaned and not cleaned.get("audience") and "audience" not in self.errors:
            self.add_error("audience", self.fields["audience"].error_messages["required"])
        return cleaned


def _scale_field(question, common, *, about: str) -> forms.Field:
    options = scales.SCALES[question.kind]
    field = forms.TypedChoiceField(choices=list(options), coerce=int, empty_value=None,
                                   widget=forms.RadioSelect, **common)
    plain_errors(field, about=about)
    if question.kind == scales.YES_NO:
        problem = gettext("choose yes or no.")
    else:
        problem = gettext("choose one of the five answers shown, from “%(top)s” to "
                          "“%(bottom)s”.") % {"top": options[0][1], "bottom": options[-1][1]}
    field.error_messages["invalid_choice"] = gettext("%(about)s: %(problem)s") % {
        "about": escaped(about), "problem": escaped(problem)}
    return field


class StepForm(forms.Form):
    """The questions on one page of a survey. Field names are ``q_<question id>``.

    ``answers()`` gives the values the survey service stores: an int for scale and yes/no
    questions, the choice's text for a single choice, a list for multiple choice, the text
    written for free text; questions left empty are absent. ``first_number`` is the number
    of the page's first question in the whole survey: every message names its question by
    number and topic ("Answer question 3, about “Driver is kind”"), in plain words.
    """

    def __init__(self, *args, placements: list[SurveyPlacement], first_number: int = 1,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.placements = placements
        for number, placement in enumerate(placements, start=first_number):
            self.fields[field_name(placement.question_id)] = self._field(placement, number)

    @staticmethod
    def _field(placement: SurveyPlacement, number: int) -> forms.Field:
        question = placement.question
        topic = question.short_name or question.wording
        about = gettext("Question %(number)s, about “%(topic)s”") % {"number": number,
                                                                     "topic": topic}
        field = StepForm._typed_field(question, placement, number, topic, about)
        field.quoted = topic  # marked as English in its messages where it is
        return field

    @staticmethod
    def _typed_field(question, placement: SurveyPlacement, number: int, topic: str,
                     about: str) -> forms.Field:
        names = {"number": number, "topic": topic}
        common = {"label": question.wording, "required": placement.required,
                  "help_text": question.help_text}
        if scales.is_scale(question.kind):
            field = _scale_field(question, common, about=about)
            field.error_messages["required"] = gettext(
                "Answer question %(number)s, about “%(topic)s”: choose an answer.") % names
            return field
        choices = [(c, c) for c in question.choice_list]
        if question.kind == scales.SINGLE:
            field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
            plain_errors(field, about=about)
            field.error_messages["required"] = gettext(
                "Answer question %(number)s, about “%(topic)s”: choose an answer.") % names
            return field
        if question.kind == scales.MULTIPLE:
            field = forms.MultipleChoiceField(choices=choices,
                                              widget=forms.CheckboxSelectMultiple, **common)
            plain_errors(field, about=about)
            field.error_messages["invalid_choice"] = gettext("%(about)s: %(problem)s") % {
                "about": escaped(about),
                "problem": gettext("choose only from the answers shown.")}
            field.error_messages["required"] = gettext(
                "Answer question %(number)s, about “%(topic)s”: tick at least one "
                "answer.") % names
            return field
        # No max_length: the length is checked in clean(), so a browser never cuts off
        # pasted text without saying so, and the message can say how much to remove.
        field = TypedTextField(widget=forms.Textarea(attrs={"rows": 6}), **common)
        plain_errors(field, about=about)
        field.error_messages["required"] = gettext(
            "Answer question %(number)s, about “%(topic)s”: write an answer.") % names
        field.character_limit = count(scales.FREE_TEXT_MAX_CHARACTERS)  # for the hint
        field.about = about
        return field

    def clean(self):
        cleaned = super().clean()
        limit = scales.FREE_TEXT_MAX_CHARACTERS
        for placement in self.placements:
            if placement.question.kind != scales.FREE_TEXT:
                continue
            name = field_name(placement.question_id)
            text = cleaned.get(name) or ""
            if len(text) > limit:
                self.add_error(name, gettext("%(about)s: %(problem)s") % {
                    "about": self.fields[name].about, "problem": gettext(
                        "keep this answer to %(limit)s characters or fewer. It has %(count)s "
                        "now: remove %(over)s.") % {
                        "limit": count(limit), "count": count(len(text)),
                        "over": count(len(text) - limit)}})
        return cleaned

    def answers(self) -> dict[str, object]:
        """Question id (as text, the session's key type) to the answer given on this page."""
        out = {}
        for placement in self.placements:
            value = self.cleaned_data.get(field_name(placement.question_id))
            if value is None or value == "" or value == []:
                continue
            out[str(placement.question_id)] = value
        return out

    def question_rows(self):
        """(placement, bound field) pairs, for the template."""
        return [(p, self[field_name(p.question_id)]) for p in self.placements]


def initial_for(placements: list[SurveyPlacement], answers: dict) -> dict:
    """A page's form filled in from the answers kept so far."""
    return {field_name(p.question_id): answers[str(p.question_id)]
            for p in placements if str(p.question_id) in answers}


def answer_label(question, value) -> str:
    """An answer as the person saw it: the scale's words rather than the stored number."""
    if value is None or value == "" or value == []:
        return ""
    if scales.is_scale(question.kind):
        labels = {v: str(label) for v, label in scales.SCALES[question.kind]}
        return labels.get(value, str(value))
    if isinstance(value, list):
        return pgettext("between the items of a list", ", ").join(str(v) for v in value)
    return str(value)
