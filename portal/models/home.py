from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.cache import CachedPageMixin
from portal.models.faqs import FAQIndexPage
from portal.models.glossary import GlossaryPage
from portal.models.policies import PolicyPage
from portal.models.updates import UpdatePage
from portal.selectors import home_sections


class HomePage(CachedPageMixin, Page):
    """The front door: what a parent came for, first."""

    intro = models.TextField(
        blank=True, help_text="One or two sentences saying what this site is for."
    )
    help_heading = models.CharField(max_length=120, blank=True, default="Need help now?")
    help_text = models.TextField(
        blank=True,
        help_text="Where to go if transport has not turned up or something is wrong today. "
                  "Write {phone} for the transport team's number (the one in Service details).",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("help_heading"),
        FieldPanel("help_text"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.PolicyIndexPage", "portal.FAQIndexPage", "portal.GlossaryPage",
                     "portal.UpdateIndexPage", "charter.CharterPage",
                     "charter.WorkingAgreementPage", "consultations.ConsultationIndexPage",
                     "surveys.SurveyIndexPage"]
    max_count_per_parent = 1
    template = "portal/home_page.html"

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(
            self, policies=PolicyPage.objects.all(), faq_pages=FAQIndexPage.objects.all(),
            glossary_pages=GlossaryPage.objects.all(), updates=UpdatePage.objects.all()))
        return context
