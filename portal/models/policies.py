from django import forms
from django.db import models
from django.utils.translation import gettext as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
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
from core.cache import CachedPageMixin
from eligibility.pages import EligibilityCheckerMixin, eligibility_rules_field
from portal.blocks import PolicySectionBlock, comparable_section_texts, section_texts
from portal.selectors import kept_reading_view, policy_reading_view


class PolicyIndexPage(CachedPageMixin, Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.PolicyPage"]
    template = "portal/policy_index_page.html"

    class Meta:
        verbose_name = "policy index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policies"] = (
            PolicyPage.objects.child_of(self).live().public()
            .only("id", "title", "url_path", "in_short", "effective_date", "path", "depth",
                  "locale_id", "slug")
            .order_by("title")
        )
        return context


class PolicyPage(NormalisedSearchMixin, CachedPageMixin, EligibilityCheckerMixin,
                 CoProducedPageMixin, Page):
    """A policy written for parents: a short "in short", then sections with summary boxes."""

    in_short = models.TextField(
        max_length=600,
        verbose_name="In short",
        help_text="Two or three plain sentences: what this policy means for a family.",
    )
    effective_date = models.DateField(
        verbose_name="Effective from", help_text="The date this version of the policy applies from."
    )
    sections = StreamField([("section", PolicySectionBlock())], min_num=1)
    eligibility_rules = eligibility_rules_field()
    change_note = change_note_field()

    content_panels = [
        *Page.content_panels,
        ReadabilityPanel(),
        FieldPanel("in_short", widget=forms.Textarea(attrs={"rows": 3})),
        FieldPanel("effective_date"),
        FieldPanel("sections"),
        FieldPanel("eligibility_rules"),
        MultiFieldPanel([FieldPanel("change_note")], heading="This version"),
        ForumCommentsPanel(),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("normalised_search_text"),
        index.SearchField("in_short", boost=2),
        index.SearchField("sections"),
    ]
    base_form_class = CoProducedPageForm
    parent_page_types = ["portal.PolicyIndexPage"]
    subpage_types: list[str] = []
    template = "portal/policy_page.html"

    class Meta:
        verbose_name = "policy page"

    def plain_text_sections(self) -> list[tuple[str, str, str]]:
        """(block id, heading, plain text) for each section: the forum review input."""
        return section_texts(self.sections)

    def reading_sections(self) -> list[tuple[str, str, str]]:
        """As ``plain_text_sections``, as a reader hears them: the plain-language input."""
        return section_texts(self.sections, for_reading=True)

    def plain_text_intro(self) -> str:
        return self.in_short

    compare_interface_fields = ("effective_date",)

    def comparable_details(self) -> list[tuple[str, str, str]]:
        return [("effective_date", _("In force from"), shown_date(self.effective_date))]

    def comparable_body(self) -> list[tuple[str, str, str]]:
        return (comparable_section_texts(self.sections, summary_label=_("Summary"))
                + self.comparable_rules())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(kept_reading_view(self, request, policy_reading_view))
        return context
