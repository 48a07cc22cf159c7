from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from charter.coproduction import CoProducedPageForm
from charter.models import PageVersion
from consultations import scheduling
from consultations.blocks import AGREE_SCALE
from consultations.models.settings import consultation_settings
from core.form_messages import plain_errors
from core.sanitise import TypedEmailField, TypedTextField
from portal.models import PolicyPage

OVERRIDE_MIN_CHARACTERS = scheduling.OVERRIDE_MIN_CHARACTERS


def _describe(window: scheduling.Window) -> str:
    return (f"{window.first_day:%A} {window.first_day.day} {window.first_day:%B %Y} to "
            f"{window.last_day:%A} {window.last_day.day} {window.last_day:%B %Y}")


class ConsultationPageForm(CoProducedPageForm):
    """Refuses windows the school calendar does not allow, and offers ones it does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.admin.widgets import AdminPageChooser
        from wagtail.models import Revision


        if "calendar" in self.fields:
            # A council has a handful of calendars: a plain list is quicker than a chooser.
            field = self.fields["calendar"]
            field.widget = forms.Select(choices=field.choices)
        if "policy" in self.fields:
            self.fields["policy"].widget = AdminPageChooser(target_models=[PolicyPage])
        if "proposed_revision" in self.fields:
            policy_id = self.instance.policy_id
            revisions = (Revision.page_revisions.filter(object_id=str(policy_id))
                         .order_by("-created_at")[:30] if policy_id else Revision.objects.none())
            self.fields["proposed_revision"].queryset = Revision.objects.filter(
                pk__in=[r.pk for r in revisions]).order_by("-created_at")
            self.fields["proposed_revision"].label_from_instance = (
                lambda r: f"Draft saved {timezone.localtime(r.created_at):%d %b %Y %H:%M}"
                          + (f" by {r.user.get_full_name() or r.user.get_username()}"
                             if r.user else ""))
        if "outcome_version" in self.fields:
            policy_id = self.instance.policy_id
            self.fields["outcome_version"].queryset = (
                PageVersion.objects.filter(page_id=policy_id).order_by("-number")
                if policy_id else PageVersion.objects.none())
            self.fields["outcome_version"].label_from_instance = (
                lambda v: f"Version {v.number}, {timezone.localtime(v.published_at):%d %b %Y}: "
                          f"{v.change_note[:60]}")

    def clean(self):
        cleaned = super().clean()
        pre_opens, pre_closes = cleaned.get("pre_opens"), cleaned.get("pre_closes")
        opens, closes = cleaned.get("opens"), cleaned.get("closes")
        calendar = cleaned.get("calendar")
        if pre_opens and pre_closes and pre_closes <= pre_opens:
            self.add_error("pre_closes", "The forum's pre-consultation must close after it opens.")
        if opens and closes and closes <= opens:
            self.add_error("closes", "The consultation must close after it opens.")
        if pre_closes and opens and pre_closes > opens:
            self.add_error("pre_closes", "The forum's pre-consultation must end before the "
                                         "public consultation opens.")
        proposed, policy = cleaned.get("proposed_revision"), cleaned.get("policy")
        if proposed and (not policy or proposed.object_id != str(policy.pk)):
            self.add_error("proposed_revision", "Choose a draft of the policy this consultation "
                                                "is about.")
        if self.errors or not (calendar and opens and closes and pre_opens and pre_closes):
            return cleaned
        self._check_windows(cleaned, calendar, pre_opens, pre_closes, opens, closes)
        return cleaned

    def _check_windows(self, cleaned, calendar, pre_opens, pre_closes, opens, closes):
        years = range(pre_opens.year, closes.year + 3)
        periods = calendar.as_periods(years)
        minimum = consultation_settings().minimum_term_days
        public = scheduling.check_window(scheduling.Window(opens, closes), periods,
                                         minimum_term_days=minimum)
        pre = scheduling.check_window(scheduling.Window(pre_opens, pre_closes), periods,
                                      minimum_term_days=1)
        if pre.touches:
            self.add_error("pre_opens", "The forum's pre-consultation must not run in a school "
                                        "holiday. " + " ".join(pre.problems()))
        reason = (cleaned.get("override_reason") or "").strip()
        # A reason excuses the holidays a window touches, never a window that is too short.
        problems = scheduling.window_problems(public, reason=reason)
        if not problems:
            return
        suggestions = scheduling.suggest_windows(
            scheduling.earliest_public_start(today=timezone.localdate(), pre_closes=pre_closes),
            periods, minimum_term_days=minimum, count=3)
        offer = format_html(
            " Windows that fit: {}.",
            format_html_join("; ", "{}", ((_describe(w),) for w in suggestions)),
        ) if suggestions else " No window that fits was found in the next two years."
        message = format_html("{}{}", " ".join(problems), offer)
        if public.touches and reason and not scheduling.reason_waives_holidays(reason):
            message = format_html("{} A reason to run in a holiday must say why, in at "
                                  "least {} characters.", message, OVERRIDE_MIN_CHARACTERS)
        self.add_error("opens", message)


class SchoolCalendarForm(WagtailAdminModelForm):
    """The calendar editor: refuses holiday periods that overlap, by the rule a file import
    uses (``scheduling.find_overlaps``), naming both periods."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("periods")
        if formset is None:
            return cleaned
        rows = []
        for form in formset.forms:
            if not form.is_valid():
                continue
            data = form.cleaned_data
            first, last = data.get("first_day"), data.get("last_day")
            if data.get("DELETE") or not (first and last) or last < first:
                continue
            rows.append((form, scheduling.Period(first, last, data.get("name") or "",
                                                 data.get("kind") or scheduling.HOLIDAY)))
        for earlier, later in scheduling.find_overlaps([row[1] for row in rows]):
            a, (form, b) = rows[earlier][1], rows[later]
            if (a.first_day, a.last_day) == (b.first_day, b.last_day):
                message = f"“{b.name}” has the same dates as “{a.name}”."
            else:
                message = (f"“{b.name}” overlaps “{a.name}” ({a.first_day.day} "
                           f"{a.first_day:%b %Y} to {a.last_day.day} {a.last_day:%b %Y}).")
            form.add_error("first_day", message)
            self.add_error(None, message)
        return cleaned


def _worded(original: dict, copy: dict | None) -> dict:
    """The original question with a language copy's words where the copy has them (its
    choices only when it has as many, so each stays matched to the original's)."""
    if not copy:
        return original
    words = dict(original)
    for key in ("question", "help_text", "statement"):
        if copy.get(key):
            words[key] = copy[key]
    if len(list(copy.get("choices") or [])) != len(list(original.get("choices") or [])):
        words["choices"] = original.get("choices")
    return words


class _TelInput(forms.TextInput):
    """A phone number's box: ``type="tel"`` brings up a phone's number pad."""

    input_type = "tel"


class ResponseForm(forms.Form):
    """Built from a consultation's questions; field names are the questions' block ids.

    Every message a parent can see is plain and translated, and each question's messages
    name the question by its number and words. ``opened`` is a signed note of when the form
    was first shown, for the grace after the close (``portal.closing``).
    """

    RESPONDENT_TYPES = [
        ("parent", _("A parent or carer")),
        ("young_person", _("A young person")),
        ("school", _("A school or college")),
        ("operator", _("A transport operator")),
        ("other", _("Someone else")),
    ]

    respondent_type = forms.ChoiceField(
        label=_("Who are you answering as?"), choices=RESPONDENT_TYPES, widget=forms.RadioSelect,
        error_messages={"required": _("Say who you are answering as.")})
    about_section = forms.ChoiceField(
        label=_("Which part of the proposed policy is your answer about? (optional)"),
        required=False)
    contact_consent = forms.BooleanField(
        required=False, label=_("I would like you to contact me about my answers. You may keep "
                                "my contact details until the outcome is published."))
    # Browsers and password managers fill these in (WCAG 1.3.5); an address and a number
    # read left to right on an Arabic page.
    contact_name = TypedTextField(required=False, max_length=150, label=_("Your name"),
                                  widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact_email = TypedEmailField(required=False, max_length=254, label=_("Email address"),
                                     error_messages={"invalid": _("Enter an email address "
                                                                  "like name@example.com.")},
                                     widget=forms.EmailInput(attrs={
                                         "autocomplete": "email", "dir": "ltr",
                                         "spellcheck": "false"}))
    contact_phone = TypedTextField(required=False, max_length=40, label=_("Phone number"),
                                   widget=_TelInput(attrs={"autocomplete": "tel", "dir": "ltr"}))
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    opened = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    # Left empty by people; filled in by robots that fill in every field.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))

    def __init__(self, *args, questions, sections=(), wording=None, **kwargs):
        """``questions`` are the original consultation's (their ids and choices are what is
        stored); ``wording``, a language copy's questions, gives the words shown, matched
        by block id, so a Polish reader reads Polish and their answers count with the
        English ones."""
        super().__init__(*args, **kwargs)

        shown = {block.id: block.value for block in (wording or [])}
        self.question_fields = []
        for number, block in enumerate(questions, start=1):
            value, kind = _worded(block.value, shown.get(block.id)), block.block_type
            about = gettext("Question %(number)s, “%(question)s”") % {
                "number": number, "question": value["question"]}
            common = {"label": value["question"], "required": bool(value["required"]),
                      "help_text": value.get("help_text") or ""}
            choices = list(zip(block.value.get("choices") or [], value.get("choices") or [],
                               strict=False))
            if kind == "single_choice":
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
            elif kind == "multiple_choice":
                field = forms.MultipleChoiceField(choices=choices,
                                                  widget=forms.CheckboxSelectMultiple, **common)
            elif kind == "agree_scale":
                common["help_text"] = value["statement"]
                field = forms.ChoiceField(choices=[(c, c) for c in AGREE_SCALE],
                                          widget=forms.RadioSelect, **common)
            else:
                limit = value["max_length"] or 2000
                field = TypedTextField(max_length=limit, widget=forms.Textarea(
                    attrs={"rows": 5}), **common)
            plain_errors(field, about=about)
            field.quoted = value["question"]  # marked as English in messages where it is
            field.error_messages["required"] = gettext(
                "Answer question %(number)s, “%(question)s”: it is needed.") % {
                "number": number, "question": value["question"]}
            name = f"q_{block.id}"
            self.fields[name] = field
            self.question_fields.append((block, name))
        self.fields["about_section"].choices = [("", gettext("The whole proposal")), *sections]
        for name, field in self.fields.items():
            if not name.startswith("q_"):
                plain_errors(field)
        self.fields["respondent_type"].error_messages["invalid_choice"] = gettext(
            "Say who you are answering as: choose one of the answers shown.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_consent") and not (cleaned.get("contact_email")
                                                   or cleaned.get("contact_phone")):
            self.add_error("contact_email", gettext(
                "Give an email address or phone number, or untick the box if you do not want "
                "us to contact you."))
        return cleaned

    def answers(self) -> dict:
        """Block id to the answer given; free text as typed (see ``TypedTextField``)."""
        out = {}
        for block, name in self.question_fields:
            value = self.cleaned_data.get(name)
            if value in ("", None, []):
                continue
            out[block.id] = value
        return out

    def question_rows(self):
        """(block, bound field) pairs, for the template."""
        return [(block, self[name]) for block, name in self.question_fields]

    def answers_as_sent(self) -> list[tuple[str, str]]:
        """(question, answer) pairs from what was posted, valid or not, to show back to
        someone whose answers cannot be stored now (closed, refused)."""
        rows = []
        for _block, name in self.question_fields:
            field = self.fields[name]
            if isinstance(field, forms.MultipleChoiceField):
                value = ", ".join(self.data.getlist(name)) if hasattr(self.data, "getlist") \
                    else ", ".join(self.data.get(name) or [])
            else:
                value = str(self.data.get(name, "") or "")
            rows.append((field.label, value))
        return rows

