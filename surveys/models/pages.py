from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Orderable, Page
from wagtail.search import index

from charter.coproduction import (
    CoProducedPageForm,
    CoProducedPageMixin,
    change_note_field,
    shown_date,
)
from charter.panels import ForumCommentsPanel
from charter.versions import field_lines, listed
from core.cache import CACHEABLE_ATTR, CachedPageMixin
from portal.closing import close_moment
from surveys.panels import SurveyStatusPanel


class Audience(models.TextChoices):
    """Who answers: the 360-degree view the officers' response asked for."""

    PARENTS = "parents", _("Parents and carers")
    YOUNG_PEOPLE = "young_people", _("Young people")
    SCHOOLS = "schools", _("Schools and colleges")
    OPERATORS = "operators", _("Transport operators")


class SurveyStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Coming soon")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed: results coming")
    RESULTS = "results", _("Closed: results published")


def group_by_step(placements) -> list[list[SurveyPlacement]]:
    """Placements grouped into the survey's pages, in page order, each page in its order."""
    grouped: dict[int, list[SurveyPlacement]] = {}
    for placement in placements:
        grouped.setdefault(placement.step, []).append(placement)
    return [grouped[k] for k in sorted(grouped)]


def survey_status(*, now, opens, closes, results_published: bool) -> str:
    """Where a survey is, from its dates (plain values in, a status out). It is open until
    the end of its closing minute: "closes at 11:59pm" takes 23:59:30."""
    if now >= close_moment(closes):
        return SurveyStatus.RESULTS if results_published else SurveyStatus.CLOSED
    if now >= opens:
        return SurveyStatus.OPEN
    return SurveyStatus.UPCOMING


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
        from surveys.selectors import surveys_for_index

        context = super().get_context(request, *args, **kwargs)
        context["surveys"] = surveys_for_index(self)
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


class SurveyPage(CachedPageMixin, CoProducedPageMixin, Page):
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
                     index.SearchField("results_summary")]
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
        return out + [row for row in self.plain_text_sections()
                      if not row[0].startswith("step-")]

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

    # --- views ---------------------------------------------------------------------

    @path("respond/", name="respond")
    def respond_view(self, request):
        from surveys.views.public import respond_start

        return respond_start(request, self)

    @path("respond/<int:step>/", name="respond_step")
    def respond_step_view(self, request, step):
        from surveys.views.public import respond_step

        return respond_step(request, self, step)

    @path("respond/check/", name="respond_check")
    def respond_check_view(self, request):
        from surveys.views.public import respond_check

        return respond_check(request, self)

    @path("respond/thank-you/", name="thanks")
    def thanks_view(self, request):
        from surveys.views.public import thanks

        return thanks(request, self)

    @path("results/", name="results")
    def results_view(self, request):
        from surveys.views.results import results

        return results(request, self)

    @path("results/csv/", name="results_csv")
    def results_csv_view(self, request):
        from surveys.views.results import results_csv

        return results_csv(request, self)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Answering keeps answers in the visitor's session and carries a CSRF token; the
        # results CSV is a stream, which the page cache cannot store.
        match = getattr(request, "routable_resolver_match", None)
        if match and match.url_name.startswith(("respond", "thanks", "results_csv")):
            setattr(response, CACHEABLE_ATTR, False)
        return response


class SurveyPlacement(Orderable):
    """A bank question's place in one year's survey."""

    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="placements")
    question = models.ForeignKey("surveys.SurveyQuestion", on_delete=models.PROTECT,
                                 related_name="placements")
    step = models.PositiveSmallIntegerField(
        "Page of the survey", default=1,
        help_text="Questions with the same number are asked on the same page.")
    required = models.BooleanField(default=False)

    panels = [FieldPanel("question"), FieldRowPanel([FieldPanel("step"),
                                                     FieldPanel("required")])]

    class Meta(Orderable.Meta):
        ordering = ["step", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["page", "question"],
                                               name="surveys_question_once_per_survey")]

    def __str__(self):
        return str(self.question)

    def clean(self):
        if self.step is not None and self.step < 1:
            raise ValidationError({"step": "Pages are numbered from 1."})


class SurveyAudience(Orderable):
    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="audiences")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    population = models.PositiveIntegerField(
        null=True, blank=True, verbose_name="How many could answer",
        help_text="For example, the number of families with travel help. Leave empty if "
                  "nobody knows.")

    panels = [FieldRowPanel([FieldPanel("audience"), FieldPanel("population")])]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "audience"],
                                               name="surveys_audience_once_per_survey")]

    def __str__(self):
        return self.get_audience_display()


class SurveyAction(Orderable):
    """'You said, we did': what the service will do about a result, and how it is going."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_DONE = "not_done", _("Not going ahead")

    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="actions")
    you_said = models.TextField(max_length=600, verbose_name="You said")
    action = models.TextField(max_length=600, verbose_name="We will / we did")
    owner = models.CharField(max_length=120, help_text="Who is responsible, by role.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    linked_page = models.ForeignKey("wagtailcore.Page", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="Page that changed")
    linked_version = models.ForeignKey("charter.PageVersion", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+",
                                       verbose_name="Policy version that changed")

    panels = [FieldPanel("you_said"), FieldPanel("action"),
              FieldRowPanel([FieldPanel("owner"), FieldPanel("status")]),
              FieldPanel("linked_page"), FieldPanel("linked_version")]

    def __str__(self):
        return self.action[:80]

    def clean(self):
        if self.linked_version_id and self.linked_page_id and \
                self.linked_version.page_id != self.linked_page_id:
            raise ValidationError({"linked_version": "Choose a version of the page above."})
