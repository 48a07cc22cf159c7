"""The editor's "Plain language check": what the panel (``charter.panels.ReadabilityPanel``,
on every page type that has prose) shows, and the live check's context."""

from __future__ import annotations

from django.urls import reverse

from portal.selectors import page_readability, plain_language_settings


def readability_panel_context(page, form) -> dict:
    """What ``charter.panels.ReadabilityPanel`` shows for ``page`` in the editor's ``form``
    (answers the ``register_readability_panel`` hook): the page's report against the site's
    target, and the address that re-scores the unsaved form."""
    site = page.get_site() if page.pk else None
    return {
        **readability_context(page_readability(page, site=site), plain_language_settings(site)),
        "check_url": _check_url(page, form),
    }


def _check_url(page, form) -> str:
    if page.pk:
        return reverse("portal_readability_edit", args=[page.pk])
    parent = getattr(form, "parent_page", None)
    if parent is None:
        return ""
    meta = page._meta
    return reverse("portal_readability_add", args=[meta.app_label, meta.model_name, parent.pk])


def readability_context(report, options) -> dict:
    """What the panel's template shows; shared by the panel and the live check."""
    target = options.reading_age_target
    return {
        "report": report,
        "target": target,
        "long_sentence_words": options.long_sentence_words,
        "meets_target": report is not None and report.whole.meets(target),
    }
