"""Editor panels for the public site's pages."""

from __future__ import annotations

from django.urls import reverse
from wagtail.admin.panels import Panel


class ReadabilityPanel(Panel):
    """The plain-language score of the page and of each section, beside the target.

    It is shown while editors write and refreshed from the unsaved form (see
    ``portal/static/portal/js/readability-panel.js``), so an editor sees the
    effect of a shorter sentence without saving a draft.
    """

    def __init__(self, heading="Plain language check", **kwargs):
        super().__init__(heading=heading, **kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "plain_language"

    class BoundPanel(Panel.BoundPanel):
        template_name = "portal/admin/readability_panel.html"

        def check_url(self) -> str:
            page = self.instance
            if page.pk:
                return reverse("portal_readability_edit", args=[page.pk])
            parent = getattr(self.form, "parent_page", None)
            if parent is None:
                return ""
            meta = page._meta
            return reverse(
                "portal_readability_add", args=[meta.app_label, meta.model_name, parent.pk]
            )

        def get_context_data(self, parent_context=None):
            from portal.selectors import page_readability, plain_language_settings

            context = super().get_context_data(parent_context)
            page = self.instance
            site = page.get_site() if page.pk else None
            context.update(
                readability_context(page_readability(page, site=site),
                                    plain_language_settings(site)),
                check_url=self.check_url(),
            )
            return context


def readability_context(report, options) -> dict:
    """What the panel's template shows; shared by the panel and the live check."""
    target = options.reading_age_target
    return {
        "report": report,
        "target": target,
        "long_sentence_words": options.long_sentence_words,
        "meets_target": report is not None and report.whole.meets(target),
    }
