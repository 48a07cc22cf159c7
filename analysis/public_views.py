"""The public page of a published outcome's findings, theme by theme
(``/consultations/<key>/findings/``, in every language): each finding of the write-up the
forum agreed, under its theme's name and plain description. Shown only once the
consultation's outcome is published (the consultation is live and its status is "outcome");
before that, it does not exist (404). Counts and quotes are in the findings' own words,
which the forum agreed; no answer is shown here."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

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
        "consultation": consultation, "themes": list(themes.values()),
        "write_up": found[0].write_up,
    })
