"""The editor's "Plain language check": what the panel (``charter.panels.ReadabilityPanel``,
on every page type that has prose) shows, and the live check's context."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language_info

from portal.readability import measured_language, page_verdict
from portal.selectors import page_readability, plain_language_settings


def readability_panel_context(page, form) -> dict:
    """What ``charter.panels.ReadabilityPanel`` shows for ``page`` in the editor's ``form``
    (answers the ``register_readability_panel`` hook): the page's report against the site's
    target, and the address that re-scores the unsaved form."""
    site = page.get_site() if page.pk else None
    return {
        **readability_context(page_readability(page, site=site), plain_language_settings(site),
                              language=page_language(page)),
        "check_url": _check_url(page, form),
    }


def page_language(page) -> str:
    """The language code of ``page``'s locale ("en-gb", "pl", "ar"); "" before it has one."""
    return page.locale.language_code if getattr(page, "locale_id", None) else ""


def reading_age_not_shown(page) -> str:
    """The name of ``page``'s language, in the editor's own language ("Polish"), when the
    page has prose the plain-language panel would score but its language is one the reading
    age does not apply to (``portal.readability.measured_language``); "" otherwise. What
    the panel, and the translation editor that stands in for it on a Polish or Arabic copy,
    say instead of a score."""
    if not hasattr(page, "plain_text_sections"):
        return ""
    return _not_measured(page_language(page))


def _not_measured(language: str) -> str:
    """The name of ``language`` (a code) in the editor's language when the reading age does
    not apply to it, else ""."""
    if measured_language(language):
        return ""
    try:
        return str(get_language_info(language)["name_translated"])
    except KeyError:
        return language


def _check_url(page, form) -> str:
    if page.pk:
        return reverse("portal_readability_edit", args=[page.pk])
    parent = getattr(form, "parent_page", None)
    if parent is None:
        return ""
    meta = page._meta
    return reverse("portal_readability_add", args=[meta.app_label, meta.model_name, parent.pk])


def readability_context(report, options, *, language: str = "") -> dict:
    """What the panel's template shows; shared by the panel and the live check. ``language``
    is the page's language code: for a language the reading age does not apply to, the
    panel says so (``not_measured``: the language's name) instead of showing a score. The
    status line, its reasons and each row's advice all come from ``verdict``
    (``portal.readability.page_verdict``)."""
    target = options.reading_age_target
    verdict = page_verdict(report, target) if report is not None else None
    return {
        "not_measured": _not_measured(language),
        "report": report,
        "verdict": verdict,
        "target": target,
        "long_sentence_words": options.long_sentence_words,
        "meets_target": verdict is not None and verdict.meets,
    }
