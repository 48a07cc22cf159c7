# ruff: noqa: F811 - the fixtures imported from test_write_up
"""A quote's removal of personal details as officers read it (bk15j F5 and the open "names
records by label"): on the list of removals, "Answer R… to “<consultation>”" linking to the
analysis page where the quote is, its reason read by officers and the board only, the whole
list in a fixed number of queries however many removals; on the analysis page in Polish and
Arabic, "Removed on DATE: reason" in the officer's language, with the date in it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from analysis import writeup_services
from consultations.models import ConsultationResponse
from tests.analysis.test_quote_removal_reason_beside_log import REASON, _page, _quoted
from tests.analysis.test_write_up import coded  # noqa: F401 - a fixture
from tests.surveys.conftest import survey, survey_index  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("term_day")]


def _remove(response, frame, officer):
    words = response.answers[frame.question_id].split()[0]
    writeup_services.redaction_add(response=response, question_id=frame.question_id,
                                   words=words, reason=REASON, user=officer)


def test_the_list_names_the_answer_and_links_to_its_quote(client, frame, coded, officer,
                                                          django_assert_max_num_queries):
    response = ConsultationResponse.objects.get(pk=_quoted(frame)[0])
    _remove(response, frame, officer)
    client.force_login(officer)
    html = client.get(reverse("charter_removals")).content.decode()
    link = reverse("analysis_page", args=[frame.consultation_id])
    title = frame.consultation.title
    assert f'<a href="{link}">Answer {response.reference} to “{title}”</a>' in html
    assert "analysis.redaction:" not in html
    assert "Officers and the board" in html
    # Five more removals: the same number of queries (no query for each).
    with django_assert_max_num_queries(30) as one:
        client.get(reverse("charter_removals"))
    for other in [r for r in coded if r.pk != response.pk][:5]:
        _remove(other, frame, officer)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(reverse("charter_removals")).content.decode()
    assert html.count(f"to “{title}”</a>") == 6


@pytest.mark.parametrize(("prefix", "notice"), [
    ("/pl", f"Usunięto 20 stycznia 2027: {REASON}"),
    ("/ar", f"حُذفت في 20 يناير 2027: {REASON}"),
])
def test_the_officer_reads_the_removal_in_their_language(client, frame, coded, officer,
                                                          prefix, notice):
    response = ConsultationResponse.objects.get(pk=_quoted(frame)[0])
    _remove(response, frame, officer)
    client.force_login(officer)
    html = _page(client, frame, prefix)
    assert notice in html
    assert "Removed on 20 January 2027" not in html
