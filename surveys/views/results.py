"""The public results of a survey: the page and its CSV. Everyone sees the same thing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation

from portal.csv_export import streamed_csv
from surveys.hooks import results_sections
from surveys.models.settings import SurveySettings
from surveys.results import public_results, results_public, results_table_rows
from surveys.selectors import survey_of_record

if TYPE_CHECKING:
    from surveys.models.pages import SurveyPage


def _public_or_404(survey: SurveyPage) -> None:
    if not results_public(survey):
        raise Http404("These results are not published.")


def _minimum(request) -> int:
    # For the request's site, which Wagtail's routing has already found: no extra query.
    return SurveySettings.for_request(request).minimum_responses


def results(request, survey: SurveyPage):
    """The results page, once the live page publishes them and the survey has closed, with
    the sections other apps add (``surveys.hooks``) when its figures are shown."""
    _public_or_404(survey)
    # Answers given on any language's copy belong to the original survey.
    data = public_results(survey_of_record(survey), minimum=_minimum(request))
    return TemplateResponse(request, "surveys/results.html", {
        "page": survey, "self": survey, "results": data,
        "sections": [] if data.held_back else results_sections(survey),
    })


def results_csv(request, survey: SurveyPage):
    """The results tables as CSV, streamed; held-back figures are left out as on the page."""
    _public_or_404(survey)
    # Read now, so a failure is an error page rather than a broken download.
    record = survey_of_record(survey)
    data = public_results(record, minimum=_minimum(request))
    language = translation.get_language()

    def rows():
        # The rows are written after the view returns: keep the request's language.
        with translation.override(language):
            yield from results_table_rows(record, results=data)

    return streamed_csv(rows(), filename=f"{survey.slug}-results.csv")
