from django import forms
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
from portal.blocks import PolicySectionBlock, comparable_section_texts, section_texts
from portal.selectors import kept_reading_view, policy_reading_view


class UpdateIndexPage(CachedPageMixin, Page):
    """Letters and news to families, newest first."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.UpdatePage"]
    max_count_per_parent = 1
    template = "portal/update_index_page.html"

    class Meta:
        verbose_name = "updates index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["updates"] = (
            UpdatePage.objects.child_of(self).live().public()
            .only("id", "title", "summary", "date", "url_path", "path", "depth", "locale_id",
                  "slug")
            .order_by("-date", "-id")
        )
        return context


class UpdatePage(NormalisedSearchMixin, CachedPageMixin, CoProducedPageMixin, Page):
    """A letter or news item to families. Significant communications are written with the forum
    too (clause 4 of the working agreement), so updates go through the same review."""

    date = models.DateField()
    summary = models.TextField(max_length=400, help_text="One or two plain sentences.")
    body = StreamField([("section", PolicySectionBlock())], min_num=1)
    change_note = change_note_field()

    content_panels = [
        *Page.content_panels,
        ReadabilityPanel(),
        FieldPanel("date"),
        FieldPanel("summary", widget=forms.Textarea(attrs={"rows": 3})),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("change_note")], heading="This version"),
        ForumCommentsPanel(),
    ]
    search_fields = [*Page.search_fields, index.SearchField("normalised_search_text"),
                     index.SearchField("summary", boost=2), index.SearchField("body")]
    base_form_class = CoProducedPageForm
    parent_page_types = ["portal.UpdateIndexPage"]
    subpage_types: list[str] = []
    template = "portal/update_page.html"

    class Meta:
        verbose_name = "update to families"

    # The same shape as a policy's sections, so the same reading view serves both.
    @property
    def sections(self):
        return self.body

    @property
    def in_short(self):
        return self.summary

    def plain_text_intro(self) -> str:
        return self.summary

    def plain_text_sections(self) -> list[tuple[str, str, str]]:
        return section_texts(self.body)

    compare_intro_label = gettext_lazy("Summary")

    compare_interface_fields = ("date",)

    def comparable_details(self) -> list[tuple[str, str, str]]:
        return [("date", _("Date"), shown_date(self.date))]

    def comparable_body(self) -> list[tuple[str, str, str]]:
        return comparable_section_texts(self.body, summary_label=_("Summary"))

    def reading_sections(self) -> list[tuple[str, str, str]]:
        """As ``plain_text_sections``, as a reader hears them: the plain-language input."""
        return section_texts(self.body, for_reading=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(kept_reading_view(self, request, policy_reading_view))
        return context
