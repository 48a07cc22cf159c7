"""The public page of a published outcome's findings, theme by theme
(``/consultations/<key>/findings/``, in every language): each finding of the write-up the
forum agreed, under its theme's name and plain description. Shown only once the
consultation's outcome is published (the consultation is live and its status is "outcome");
before that, it does not exist (404). Counts and quotes are in the findings' own words,
which the forum agreed; no answer is shown here. The page links to the consultation in the
reader's language when it has a live copy in it, else to the one whose findings these are."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Locale

from analysis import writeup_selectors as reads
from consultations.models import ConsultationPage


def findings(request, consultation_id):
    consultation = get_object_or_404(ConsultationPage.objects.live(), pk=consultation_id)
    if consultation.status != "outcome":
        raise Http404
    found = reads.published_findings([consultation]).get(consultation.pk, [])
    if not found:
        raise Http404
    themes: dict[int, dict] = {}
    for finding in found:
        entry = themes.setdefault(finding.theme_id, {"theme": finding.theme, "findings": []})
        entry["findings"].append(finding)
    return TemplateResponse(request, "analysis/writeup_findings.html", {
        "consultation": _readers_copy(consultation), "themes": list(themes.values()),
        "write_up": found[0].write_up,
    })


def _readers_copy(consultation: ConsultationPage) -> ConsultationPage:
    """``consultation``'s live copy in the reader's language (a translation, or the alias
    showing the original untranslated), else ``consultation`` itself. At most two queries."""
    active = Locale.get_active()
    if consultation.locale_id == active.pk:
        return consultation
    copy = ConsultationPage.objects.live().filter(
        translation_key=consultation.translation_key, locale=active).first()
    return copy or consultation
