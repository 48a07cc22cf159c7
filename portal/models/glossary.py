from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.cache import CachedPageMixin
from portal.selectors import glossary_terms_by_letter


class GlossaryPage(CachedPageMixin, Page):
    """The A to Z jargon buster."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "portal/glossary_page.html"

    class Meta:
        verbose_name = "glossary page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["letters"] = glossary_terms_by_letter(self.locale_id)
        context["alphabet"] = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
        return context
