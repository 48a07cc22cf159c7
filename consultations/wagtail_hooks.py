"""Admin wiring for consultations."""

from django import forms
from django.contrib import messages
from django.urls import Resolver404, path, resolve, reverse
from django.utils import timezone, translation
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from charter.calendars import SCHOOL_CALENDARS_HOOK, CalendarSource
from charter.hooks import COMPARE_FINDINGS_HOOK
from consultations import selectors
from consultations.forms import ResponseForm
from consultations.models import ConsultationPage, ConsultationResponse, SchoolCalendar, Status
from consultations.views import admin as admin_views
from consultations.views.public import _sections
from consultations.windows import window_conflicts
from core.resend import RESEND_FORM_HOOK, ResendSpec
from eligibility.blocks import rules_data
from eligibility.proposals import RULE_PROPOSALS_HOOK, Proposal
from exports.kinds import EXPORT_KIND_HOOK, ExportKind, ExportSubject
from portal.hooks import HOME_SECTIONS_HOOK
from portal.selectors import content_language, page_route


@hooks.register("register_admin_urls")
def _consultation_admin_urls():
    return [
        path("consultations/<int:page_id>/responses/", admin_views.responses,
             name="consultations_responses"),
        path("consultations/<int:page_id>/responses/add/", admin_views.add_response,
             name="consultations_add_response"),
        path("consultations/<int:page_id>/export/", admin_views.export_responses,
             name="consultations_export"),
        path("school-calendars/<int:calendar_id>/import/", admin_views.import_calendar,
             name="consultations_import_calendar"),
        path("school-calendars/<int:calendar_id>/calendar.ics", admin_views.export_calendar,
             name="consultations_export_calendar"),
        path("consultations/suggest-windows/", admin_views.suggest_windows,
             name="consultations_suggest_windows"),
    ]


def _export_subject(page_id: int) -> ExportSubject | None:
    consultation = ConsultationPage.objects.filter(pk=page_id).only("title", "slug").first()
    if consultation is None:
        return None
    return ExportSubject(title=consultation.title,
                         filename=f"{consultation.slug}-responses.csv",
                         start_url=reverse("consultations_export", args=[page_id]),
                         back_url=reverse("consultations_responses", args=[page_id]))


@hooks.register(EXPORT_KIND_HOOK)
def _responses_export() -> ExportKind:
    """Officers export every response to a consultation (with contact details) as a file
    written in the background (``exports``)."""
    return ExportKind(
        name=selectors.RESPONSES_EXPORT, what="responses",
        rows=lambda page_id: selectors.export_rows(ConsultationPage.objects.get(pk=page_id)),
        count=lambda page_id: ConsultationResponse.objects.filter(
            consultation_id=page_id).count(),
        describe=_export_subject)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def _warn_of_calendar_conflicts(request, instance):
    """Saving a calendar in its editor names, at once, every consultation it now conflicts
    with (as a file import does), one warning each, once per consultation in any language."""
    if not isinstance(instance, SchoolCalendar):
        return
    seen = set()
    for consultation, problems in window_conflicts(instance.consultations.all()):
        if consultation.translation_key in seen:
            continue
        seen.add(consultation.translation_key)
        messages.warning(request, f"“{consultation.title}” no longer fits this calendar: "
                                  f"{' '.join(problems)}")


class SchoolCalendarViewSet(SnippetViewSet):
    model = SchoolCalendar
    icon = "date"
    menu_label = "School calendars"
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["name", "area"]


register_snippet(SchoolCalendarViewSet)


@hooks.register(COMPARE_FINDINGS_HOOK)
def _compare_findings(page_id: int, from_number: int, to_number: int) -> list:
    """The consultations whose outcome changed a page between two of its versions."""
    return selectors.consultation_findings(ConsultationPage.objects.all(), page_id,
                                           from_number, to_number)


@hooks.register(HOME_SECTIONS_HOOK)
def _home_consultations(locale_id: int) -> dict:
    """The home page lists the consultations open now in its language."""
    return {"open_consultations": selectors.open_consultations(ConsultationPage.objects.all(),
                                                               locale_id)}


@hooks.register(SCHOOL_CALENDARS_HOOK)
def _school_calendars_for_review_deadlines():
    """The school calendars, offered to the co-production engine: the forum's review
    deadlines count school days in one of them (chosen in the co-production settings), so
    they skip the same holidays as the consultations' blackout."""
    return CalendarSource(choices=selectors.school_calendar_choices,
                          closed_periods=selectors.school_calendar_closed_periods)


# --- a response refused for its security token ------------------------------------------


def _consultation_for(request) -> ConsultationPage | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name in ("consultation_respond", "consultations_add_response"):
        return ConsultationPage.objects.filter(pk=match.kwargs["page_id"]).first()
    route = page_route(request)
    if route is not None and isinstance(route.page, ConsultationPage) and (
            route.url_name == "respond"):
        return route.page
    return None


@hooks.register(RESEND_FORM_HOOK)
def _describe_refused_response(request):
    """The response form's questions and answers, so the page that offers a refused response
    again labels each answer with its question, in the consultation's language."""
    consultation = _consultation_for(request)
    if consultation is None:
        return None
    form = ResponseForm(questions=consultation.questions, sections=_sections(consultation))
    return ResendSpec(form=form, language=consultation.locale.language_code,
                      title=consultation.title, secret_fields=frozenset({"website"}))


class _CalendarFileForm(forms.Form):
    file = forms.FileField(label="Term-dates file (CSV or ICS)")


@hooks.register(RESEND_FORM_HOOK)
def _describe_refused_calendar_import(request):
    """A term-dates upload refused for its security token: name the file to choose again."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name != "consultations_import_calendar":
        return None
    calendar = SchoolCalendar.objects.filter(pk=match.kwargs["calendar_id"]).first()
    return ResendSpec(form=_CalendarFileForm(), title=calendar.name if calendar else "")


def _rule_proposals(policy, *, public: bool = True) -> list[Proposal]:
    """The proposed versions of ``policy``'s eligibility rules: from live consultations on it
    that propose a draft, open to the public now (``public``) or also being drafted, with
    the forum or upcoming (not public: for officers and the forum)."""
    now = timezone.now()
    pages = (ConsultationPage.objects.filter(policy__translation_key=policy.translation_key,
                                             proposed_revision__isnull=False)
             .select_related("proposed_revision", "locale").order_by("opens"))
    if public:
        pages = pages.live()
    # Each consultation once, in the reader's language where it is translated, so its links
    # (the page, the response form) stay in that language.
    active = translation.get_language()
    pages = sorted(pages, key=lambda c: (c.opens, c.locale.language_code != active))
    found, seen = [], set()
    for consultation in pages:
        status = consultation.status_at(now)
        if consultation.translation_key in seen or (public and status != Status.OPEN) or \
                status in (Status.CLOSED, Status.OUTCOME):
            continue
        seen.add(consultation.translation_key)
        draft = consultation.proposed_revision.as_object()
        data = rules_data(getattr(draft, "eligibility_rules", None))
        url = consultation.get_url() or ""
        found.append(Proposal(title=consultation.title, url=url,
                              respond_url=url + consultation.reverse_subpage("respond"),
                              rules=data, is_open=status == Status.OPEN,
                              # The language of its words: an untranslated copy's are
                              # English.
                              language=content_language(consultation)))
    return found


@hooks.register(RULE_PROPOSALS_HOOK)
def _register_rule_proposals():
    return _rule_proposals
