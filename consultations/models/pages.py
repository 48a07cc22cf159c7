from __future__ import annotations

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from charter.coproduction import CoProducedPageMixin, change_note_field, shown_date
from charter.panels import ForumCommentsPanel, ReadabilityPanel
from charter.search import NormalisedSearchMixin
from charter.versions import field_lines, listed
from consultations import selectors
from consultations.blocks import QUESTION_BLOCKS
from consultations.forms import ConsultationPageForm
from consultations.hooks import outcome_links
from consultations.models.status import Status
from consultations.panels import ConsultationStatusPanel, WindowSuggestionsPanel
from consultations.views import public as public_views
from core.cache import CACHEABLE_ATTR, CachedPageMixin
from portal.closing import close_moment

DEFAULT_PRIVACY = (
    "We use your answers to decide what to do about this proposal. We publish a summary of "
    "what people said, never your name. If you give contact details, we use them only to "
    "contact you about this consultation, and we delete them after the outcome is published."
)


def consultation_status(*, now, pre_opens, pre_closes, opens, closes, has_outcome) -> str:
    """Where a consultation is, from its dates (plain values in, a status out). It is open
    until the end of its closing minute: "closes at 11:59pm" takes 23:59:30."""
    end = close_moment(closes)
    if has_outcome and now >= end:
        return Status.OUTCOME
    if now >= end:
        return Status.CLOSED
    if now >= opens:
        return Status.OPEN
    if pre_opens and pre_closes and pre_opens <= now < pre_closes:
        return Status.PRE_CONSULTATION
    return Status.UPCOMING


class ConsultationIndexPage(CachedPageMixin, Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1
    template = "consultations/consultation_index_page.html"

    class Meta:
        verbose_name = "consultations index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = selectors.consultations_by_status(
            ConsultationPage.objects.child_of(self))
        return context


class ConsultationPage(NormalisedSearchMixin, CachedPageMixin, CoProducedPageMixin, Page):
    """A consultation on a policy change: checked against the school calendar, reviewed by
    the forum first, answered by families, and closed with "you said, we did"."""

    policy = models.ForeignKey("wagtailcore.Page", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="consultations",
                               help_text="The policy this consultation is about, if any.")
    proposed_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="Proposed draft of the policy",
        help_text="The draft families read while the consultation is open. Save the page "
                  "with the policy chosen to see its drafts here.")
    summary = models.TextField(max_length=800, help_text="What is proposed and why, plainly.")
    audiences = ParentalManyToManyField("consultations.ConsultationAudience", blank=True,
                                        verbose_name="Who it is for")
    calendar = models.ForeignKey("consultations.SchoolCalendar", on_delete=models.PROTECT,
                                 related_name="consultations",
                                 help_text="The term dates the windows are checked against.")
    pre_opens = models.DateTimeField("Forum pre-consultation opens")
    pre_closes = models.DateTimeField("Forum pre-consultation closes")
    opens = models.DateTimeField("Consultation opens")
    closes = models.DateTimeField("Consultation closes")
    override_reason = models.TextField(
        blank=True, max_length=1000, verbose_name="Reason to run in a holiday",
        help_text="Only if there is no other way: the public window may then touch a holiday. "
                  "The reason is logged and shown on the consultation page.")
    questions = StreamField(QUESTION_BLOCKS, min_num=1)
    other_ways = models.TextField(
        verbose_name="How to respond another way",
        default="Ask us for a paper copy, an easy read version or another language, or answer "
                "by phone: call the transport team.")
    privacy_notice = models.TextField(default=DEFAULT_PRIVACY)
    analysis = models.TextField(blank=True, verbose_name="What people told us",
                                help_text="The summary of responses. It goes to the forum for "
                                          "review with the outcome before both are published.")
    outcome = models.TextField(blank=True, verbose_name="You said, we did",
                               help_text="What we decided, and what changed because of what "
                                         "people said.")
    outcome_version = models.ForeignKey(
        "charter.PageVersion", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="consultations", verbose_name="Policy version that changed",
        help_text="The version of the policy this consultation changed.")
    change_note = change_note_field()

    content_panels = [
        *Page.content_panels,
        ConsultationStatusPanel(heading="Status and responses"),
        ReadabilityPanel(),
        FieldPanel("summary", widget=forms.Textarea(attrs={"rows": 4})),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("policy"), FieldPanel("proposed_revision")],
                        heading="The policy"),
        MultiFieldPanel([
            FieldPanel("calendar"),
            HelpPanel("Both windows must stay clear of school holidays, half terms, bank "
                      "holidays and closure days. The forum's window ends before the public "
                      "one opens."),
            FieldRowPanel([FieldPanel("pre_opens"), FieldPanel("pre_closes")]),
            FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
            WindowSuggestionsPanel(heading="Windows that fit"),
            FieldPanel("override_reason"),
        ], heading="When"),
        FieldPanel("questions"),
        FieldPanel("other_ways"),
        FieldPanel("privacy_notice"),
        MultiFieldPanel([FieldPanel("analysis"), FieldPanel("outcome"),
                         FieldPanel("outcome_version")], heading="After it closes"),
        MultiFieldPanel([FieldPanel("change_note")], heading="This version"),
        ForumCommentsPanel(),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary", boost=2),
                     index.SearchField("outcome"),
                     index.SearchField("normalised_search_text")]
    base_form_class = ConsultationPageForm
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []
    template = "consultations/consultation_page.html"

    class Meta:
        verbose_name = "consultation"

    # --- status ------------------------------------------------------------------

    def status_at(self, now=None) -> str:
        return consultation_status(
            now=now or timezone.now(), pre_opens=self.pre_opens, pre_closes=self.pre_closes,
            opens=self.opens, closes=self.closes, has_outcome=bool(self.outcome.strip()))

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    # --- plain language and forum review -------------------------------------------

    def plain_text_intro(self) -> str:
        return self.summary

    compare_intro_label = gettext_lazy("What is proposed")

    def comparable_details(self) -> list[tuple[str, str, str]]:
        return [
            ("dates", _("When"), field_lines([
                (_("Forum pre-consultation opens"), shown_date(self.pre_opens)),
                (_("Forum pre-consultation closes"), shown_date(self.pre_closes)),
                (_("Consultation opens"), shown_date(self.opens)),
                (_("Consultation closes"), shown_date(self.closes)),
                (_("Reason to run in a holiday"), self.override_reason),
            ])),
            ("audiences", _("Who it is for"), listed(str(a) for a in self.audiences.all())),
            ("policy", _("The policy it is about"),
             f"[[page:{self.policy_id}]]" if self.policy_id else "–"),
            ("other_ways", _("How to respond another way"), self.other_ways),
            ("privacy", _("Privacy notice"), self.privacy_notice),
        ]

    def comparable_body(self) -> list[tuple[str, str, str]]:
        answer = {True: _("Answer needed"), False: _("Optional")}
        out = []
        for block, (key, heading, text) in zip(self.questions, self.plain_text_sections(),
                                                strict=False):
            out.append((key, heading, f"{text}\n{answer[bool(block.value.get('required'))]}"))
        return out + self.plain_text_sections()[len(out):]

    def plain_text_sections(self) -> list[tuple[str, str, str]]:
        out = []
        for block in self.questions:
            value = block.value
            text = "\n".join(x for x in [value["question"], value.get("help_text") or "",
                                         value.get("statement") or "",
                                         *list(value.get("choices") or [])] if x)
            out.append((block.id, value["question"][:120], text))
        if self.analysis.strip():
            out.append(("analysis", _("What people told us"), self.analysis))
        if self.outcome.strip():
            out.append(("outcome", _("You said, we did"), self.outcome))
        return out

    def searchable_parts(self) -> list[str]:
        """The words a search reads (``charter.search``): the title, what is proposed, the
        questions and, once there is an outcome, the summary of responses and the outcome
        (the page shows the summary only with its outcome). Not the sections' headings: the
        page shows its own, in the reader's language."""
        texts = [text for key, _, text in self.plain_text_sections()
                 if key != "analysis" or self.outcome.strip()]
        return [self.title, self.plain_text_intro(), *texts, self.search_description or ""]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What the apps built on consultations link from a published outcome (the findings
        # theme by theme); nothing is asked before the outcome is published.
        context["outcome_links"] = outcome_links(self) if self.status == Status.OUTCOME else []
        return context

    # --- views -------------------------------------------------------------------

    @path("respond/", name="respond")
    def respond_view(self, request):
        return public_views.respond(request, self)

    @path("respond/thank-you/<str:reference>/", name="thanks")
    def thanks_view(self, request, reference):
        return public_views.thanks(request, self, reference)

    @path("proposed/", name="proposed")
    def proposed_view(self, request):
        return public_views.proposed(request, self)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The response form carries a CSRF token and per-visitor errors: never cache it.
        if getattr(request, "routable_resolver_match", None) and \
                request.routable_resolver_match.url_name in ("respond", "thanks"):
            setattr(response, CACHEABLE_ATTR, False)
        return response
