from __future__ import annotations

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Page
from wagtail.search import index

from charter.coproduction import (
    CoProducedPageForm,
    CoProducedPageMixin,
    change_note_field,
    shown_date,
)
from charter.panels import ForumCommentsPanel, ReadabilityPanel
from charter.search import NormalisedSearchMixin
from charter.versions import field_lines, listed
from core.cache import CACHEABLE_ATTR, CachedPageMixin
from surveys import selectors
from surveys.models.actions import SurveyAction
from surveys.models.audiences import Audience, SurveyAudience
from surveys.models.placements import SurveyPlacement, group_by_step
from surveys.models.status import SurveyStatus, survey_status
from surveys.panels import SurveyStatusPanel
from surveys.views import public as public_views
from surveys.views import results as results_views

# Named here for what imported them from this module before they had their own.
__all__ = ["Audience", "SurveyAction", "SurveyAudience", "SurveyIndexPage", "SurveyPage",
           "SurveyPlacement", "SurveyStatus", "group_by_step", "survey_status"]


class SurveyIndexPage(CachedPageMixin, Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["surveys.SurveyPage"]
    max_count_per_parent = 1
    template = "surveys/survey_index_page.html"

    class Meta:
        verbose_name = "surveys index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["surveys"] = selectors.surveys_for_index(SurveyPage.objects.child_of(self))
        return context


class SurveyPageForm(CoProducedPageForm):
    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens"), cleaned.get("closes")
        if opens and closes and closes <= opens:
            self.add_error("closes", "The survey must close after it opens.")
        if cleaned.get("results_published") and closes and closes > timezone.now():
            self.add_error("results_published", "Results can be published only after the "
                                                "survey closes.")
        return cleaned


class SurveyPage(NormalisedSearchMixin, CachedPageMixin, CoProducedPageMixin, Page):
    """One year's satisfaction survey: agreed with the forum before it opens, answered
    anonymously, and closed with results both sides agree to publish."""

    year = models.PositiveSmallIntegerField(help_text="The survey year, e.g. 2026.")
    intro = models.TextField(max_length=1200, help_text="What the survey is for and how long "
                                                       "it takes, in plain words.")
    opens = models.DateTimeField()
    closes = models.DateTimeField()
    requires_code = models.BooleanField(
        default=False, verbose_name="Only people with an invitation code can answer",
        help_text="Leave unticked to let anyone with the link answer; invitation codes then "
                  "stop the same person answering twice.")
    results_published = models.BooleanField(
        default=False, verbose_name="Publish the results",
        help_text="Tick when the results are agreed, then send the page to the forum: they "
                  "appear when the forum agrees.")
    results_summary = models.TextField(
        blank=True, verbose_name="What the results tell us",
        help_text="A few plain sentences on the results, agreed with the forum.")
    change_note = change_note_field()

    content_panels = [
        *Page.content_panels,
        SurveyStatusPanel(heading="Status and responses"),
        FieldPanel("year"),
        FieldPanel("intro", widget=forms.Textarea(attrs={"rows": 4})),
        # The introduction and results summary are prose families read: scored as policies are.
        ReadabilityPanel(),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")], heading="When"),
        FieldPanel("requires_code"),
        InlinePanel("audiences", heading="Who is asked", label="Audience",
                    help_text="How many people in each group could answer, for response rates."),
        InlinePanel("placements", heading="Questions", label="Question", min_num=1,
                    help_text="Questions from the bank, in order. Questions with the same page "
                              "number are shown together."),
        MultiFieldPanel([FieldPanel("results_summary"), FieldPanel("results_published"),
                         InlinePanel("actions", label="Action")],
                        heading="Results and what we will do"),
        MultiFieldPanel([FieldPanel("change_note")], heading="This version"),
        ForumCommentsPanel(),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"),
                     index.SearchField("results_summary"),
                     index.SearchField("normalised_search_text")]
    # What a search result's excerpt reads (``plain_text_sections``), read for all the
    # results at once (``portal.views.search``).
    excerpt_prefetch = ("placements__question", "actions")
    base_form_class = SurveyPageForm
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types: list[str] = []
    template = "surveys/survey_page.html"

    class Meta:
        verbose_name = "survey"

    # --- status --------------------------------------------------------------------

    def status_at(self, now=None) -> str:
        return survey_status(now=now or timezone.now(), opens=self.opens, closes=self.closes,
                             results_published=self.results_published)

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self) -> str:
        return SurveyStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    def steps(self) -> list[list[SurveyPlacement]]:
        """The questions grouped into the short pages people answer them on, in order."""
        return group_by_step(self.placements.all())

    # --- plain language and forum review -------------------------------------------

    def plain_text_intro(self) -> str:
        return self.intro

    compare_interface_fields = ("dates", "audiences")

    def comparable_details(self) -> list[tuple[str, str, str]]:
        return [
            ("dates", str(_("When")), field_lines([
                (_("Year"), self.year),
                (_("Opens"), shown_date(self.opens)),
                (_("Closes"), shown_date(self.closes)),
                (_("Only people with an invitation code can answer"),
                 _("Yes") if self.requires_code else _("No")),
                (_("Results published"), _("Yes") if self.results_published else _("No")),
            ])),
            ("audiences", str(_("Who is asked")),
             listed(a.get_audience_display() for a in self.audiences.all())),
        ]

    def comparable_body(self) -> list[tuple[str, str, str]]:
        """The survey's pages as people answer them (each question with whether an answer is
        needed), then the results and actions."""
        needed = {True: str(_("Answer needed")), False: str(_("Optional"))}
        out = []
        for number, step in enumerate(self.steps(), start=1):
            text = "\n".join(
                "\n".join(x for x in [p.question.wording, p.question.help_text,
                                      *p.question.choice_list, needed[bool(p.required)]] if x)
                for p in step)
            out.append((f"step-{number}", str(_("Page %(number)s of the survey")
                                              % {"number": number}), text))
        # The sections' headings said in the reader's language, as every field's label is;
        # each action's status too, in brackets, so a comparison marks the action's words
        # English but not the status ("[W toku]": see ``language_marks.compared_text``).
        headings = {"results": _("What the results tell us"), "actions": _("You said, we did")}
        actions = "\n".join(f"{a.action} ({a.owner}) [{a.get_status_display()}]"
                            for a in self.actions.all())
        return out + [(key, str(headings.get(key, heading)), actions if key == "actions" else text)
                      for key, heading, text in self.plain_text_sections()
                      if not key.startswith("step-")]

    def plain_text_sections(self) -> list[tuple[str, str, str]]:
        out = []
        for number, step in enumerate(self.steps(), start=1):
            text = "\n".join(
                "\n".join(x for x in [p.question.wording, p.question.help_text,
                                      *p.question.choice_list] if x)
                for p in step)
            out.append((f"step-{number}", f"Page {number} of the survey", text))
        if self.results_summary.strip():
            out.append(("results", "What the results tell us", self.results_summary))
        actions = "\n".join(f"{a.action} ({a.owner}, {a.get_status_display()})"
                            for a in self.actions.all())
        if actions:
            out.append(("actions", "You said, we did", actions))
        return out

    def searchable_parts(self) -> list[str]:
        """The words a search reads (``charter.search``): the title, the introduction, the
        questions with their help and choices, the results summary and the actions. Not the
        sections' headings ("Page 1 of the survey"): the page shows its own, in the reader's
        language."""
        texts = [text for _, _, text in self.plain_text_sections()]
        return [self.title, self.intro, *texts, self.search_description or ""]

    # --- views ---------------------------------------------------------------------

    @path("respond/", name="respond")
    def respond_view(self, request):
        return public_views.respond_start(request, self)

    @path("respond/<int:step>/", name="respond_step")
    def respond_step_view(self, request, step):
        return public_views.respond_step(request, self, step)

    @path("respond/check/", name="respond_check")
    def respond_check_view(self, request):
        return public_views.respond_check(request, self)

    @path("respond/thank-you/", name="thanks")
    def thanks_view(self, request):
        return public_views.thanks(request, self)

    @path("results/", name="results")
    def results_view(self, request):
        return results_views.results(request, self)

    @path("results/csv/", name="results_csv")
    def results_csv_view(self, request):
        return results_views.results_csv(request, self)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Answering keeps answers in the visitor's session and carries a CSRF token; the
        # results CSV is a stream, which the page cache cannot store.
        match = getattr(request, "routable_resolver_match", None)
        if match and match.url_name.startswith(("respond", "thanks", "results_csv")):
            setattr(response, CACHEABLE_ATTR, False)
        return response


