"""Admin wiring for surveys: the question bank, and the officers' survey views."""

from django import forms
from django.urls import Resolver404, path, resolve, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

import portal.hooks
from charter.hooks import BOARD_SECTIONS_HOOK
from core.resend import RESEND_FORM_HOOK, ResendSpec
from exports.kinds import EXPORT_KIND_HOOK, ExportKind, ExportSubject
from outbox.kinds import OUTBOX_KIND_HOOK, OutboxKind
from portal.hooks import HOME_SECTIONS_HOOK
from portal.selectors import page_route
from surveys import scales, services, tasks
from surveys.exports import RESPONSES_EXPORT, response_export_rows
from surveys.forms import StartForm, StepForm
from surveys.models import SurveyMailing, SurveyPage, SurveyQuestion, SurveyResponse
from surveys.models.questions import LOCKED_FIELDS
from surveys.models.settings import survey_settings
from surveys.panels import QuestionLockPanel
from surveys.selectors import (
    board_surveys,
    mailings_job_attention,
    open_surveys,
    released_invitations_not_going,
    responses_answering,
    survey_of_record,
    survey_steps,
)
from surveys.views import admin as admin_views


@hooks.register(HOME_SECTIONS_HOOK)
def _home_surveys(locale_id: int) -> dict:
    """The home page lists the surveys taking answers now in its language."""
    return {"open_surveys": open_surveys(SurveyPage.objects.all(), locale_id)}


@hooks.register(portal.hooks.JOB_ATTENTION_HOOK)
def _mailings_attention() -> list[portal.hooks.JobAttention]:
    """Reports > Scheduled jobs: the survey sendings not finished, and those stuck, beside
    the job that finishes them."""
    return [mailings_job_attention()]


@hooks.register(BOARD_SECTIONS_HOOK)
def _board_surveys() -> dict:
    """The board's home page and packs show each year's survey results, small numbers held
    back below the surveys' minimum number of responses."""
    minimum = survey_settings().minimum_responses
    return {"surveys": board_surveys(SurveyPage.objects.all(), minimum=minimum),
            "survey_minimum": minimum}


@hooks.register("register_admin_urls")
def _survey_admin_urls():
    return [
        path("surveys/<int:page_id>/invitations/", admin_views.invitations,
             name="surveys_invitations"),
        path("surveys/<int:page_id>/mailings/<int:mailing_id>/", admin_views.mailing,
             name="surveys_mailing"),
        path("surveys/<int:page_id>/comments/", admin_views.comments, name="surveys_comments"),
        path("surveys/<int:page_id>/export/", admin_views.responses_csv,
             name="surveys_responses_csv"),
    ]


def _export_subject(page_id: int) -> ExportSubject | None:
    survey = SurveyPage.objects.filter(pk=page_id).only("title", "slug").first()
    if survey is None:
        return None
    return ExportSubject(title=survey.title, filename=f"{survey.slug}-responses.csv",
                         start_url=reverse("surveys_responses_csv", args=[page_id]),
                         back_url=reverse("wagtailadmin_pages:edit", args=[page_id]))


@hooks.register(EXPORT_KIND_HOOK)
def _responses_export() -> ExportKind:
    """Officers export every anonymous response to a survey as a file written in the
    background (``exports``); the subject is the survey of record (every language's
    answers)."""
    return ExportKind(
        name=RESPONSES_EXPORT, what="responses",
        rows=lambda page_id: response_export_rows(SurveyPage.objects.get(pk=page_id)),
        count=lambda page_id: SurveyResponse.objects.filter(survey_id=page_id).count(),
        describe=_export_subject)


def _meaning(name: str, value) -> object:
    """A locked field's value as it is asked: spaces and blank lines do not change meaning."""
    if name == "choices":
        return scales.parse_choices(value or "")
    return " ".join(str(value or "").split())


class QuestionEditView(EditView):
    """Saves through ``services.question_reword``: once a question has answers, a change to
    its kind, wording or choices becomes a new question and the officer lands on it."""

    reworded_from = None

    def save_instance(self):
        form = self.form
        question = form.instance  # already carries the submitted values
        original = SurveyQuestion.objects.get(pk=question.pk)
        changed = {name: form.cleaned_data[name] for name in form.changed_data
                   if name in form.cleaned_data}
        meaning_changed = any(_meaning(name, getattr(original, name)) !=
                              _meaning(name, form.cleaned_data.get(name))
                              for name in LOCKED_FIELDS if name in form.cleaned_data)
        if not original.has_answers():
            saved = services.question_reword(question=question, **changed)
            log(instance=saved, action="wagtail.edit", user=self.request.user)
            return saved
        if meaning_changed:
            self.reworded_from = (original, responses_answering(original))
            new = services.question_reword(question=original, **changed)
            log(instance=new, action="wagtail.create", user=self.request.user)
            return new
        # Only the short name, help text or flags changed: the question means the same, so
        # it is saved in place, with its asked words exactly as they were.
        for name in LOCKED_FIELDS:
            setattr(question, name, getattr(original, name))
        return super().save_instance()

    def get_success_message(self):
        if self.reworded_from:
            _old, count = self.reworded_from
            return (f"This question has answers, so your change was saved as a new question; "
                    f"the old wording keeps its {count} answer{'s' if count != 1 else ''}. "
                    "Add the new question to surveys in place of the old one.")
        return super().get_success_message()

    def get_success_url(self):
        if self.reworded_from:
            return reverse(self.edit_url_name, args=[self.object.pk])
        return super().get_success_url()


class SurveyQuestionViewSet(SnippetViewSet):
    model = SurveyQuestion
    icon = "help"
    menu_label = "Survey questions"
    menu_order = 180
    add_to_admin_menu = True
    edit_view_class = QuestionEditView
    list_display = ["short_name", "kind", "charter_statement", "retired"]
    list_filter = ["kind", "charter_statement", "retired"]
    # The bank is small and seeded by migration (which the search index never sees), so a
    # plain database match finds every question, indexed or not.
    search_fields = ["short_name", "wording"]
    search_backend_name = None
    ordering = ["retired", "short_name", "pk"]
    panels = [QuestionLockPanel(heading="Answers"), *SurveyQuestion.panels]


register_snippet(SurveyQuestionViewSet)


# --- answers refused for their security token -------------------------------------------


class _InvitationFileForm(forms.Form):
    file = forms.FileField(label="CSV file of e-mail addresses")


@hooks.register(RESEND_FORM_HOOK)
def _describe_refused_answers(request):
    """A survey page's questions, so the page that offers refused answers again labels each
    answer with its question, in the survey's language; or the invitation upload's file."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and match.url_name == "surveys_invitations":
        return ResendSpec(form=_InvitationFileForm())
    route = page_route(request)
    if route is None or not isinstance(route.page, SurveyPage):
        return None
    survey = route.page
    record = survey_of_record(survey)
    spec = {"language": survey.locale.language_code, "title": survey.title,
            "secret_fields": frozenset({"website"})}
    if route.url_name == "respond":
        return ResendSpec(form=StartForm(survey=record, audiences=record.audiences.all()),
                          **spec)
    if route.url_name == "respond_step":
        steps = survey_steps(record)
        step = route.kwargs.get("step", 0)
        if 1 <= step <= len(steps):
            return ResendSpec(form=StepForm(placements=steps[step - 1]), **spec)
    if route.url_name in ("respond_step", "respond_check"):
        return ResendSpec(**spec)
    return None


def _mailing_again(release) -> None:
    mailing = services.mailing_reopen(mailing_id=release.object_id)
    if mailing is not None:
        tasks.mailing_start(mailing)


@hooks.register(OUTBOX_KIND_HOOK)
def _mailing_kinds():
    """Invitations and reminders on the officers' "E-mails never confirmed" page: one
    released goes when its mailing is set going again (at once), while the survey is open,
    and a reminder only to someone who has not used their code."""
    return [
        OutboxKind(name=f"survey_{SurveyMailing.Kind.INVITATIONS}", label=_("Survey invitation"),
                   goes_again=_("It goes within minutes, while the survey is open."),
                   send_again=_mailing_again, describe=services.mailing_titles,
                   not_going=released_invitations_not_going),
        OutboxKind(name=f"survey_{SurveyMailing.Kind.REMINDERS}", label=_("Survey reminder"),
                   goes_again=_("It goes within minutes, while the survey is open, if the "
                                "person has not used their code."),
                   send_again=_mailing_again, describe=services.mailing_titles,
                   not_going=released_invitations_not_going),
    ]
