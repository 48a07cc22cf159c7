"""A Polish or Arabic reader's error messages quote the consultation's English question
marked as English (WCAG 3.1.2), in the error summary and beside the question, so a screen
reader reads it in an English voice and, in Arabic, its "?" stays on the question's side."""

import re

import pytest
from wagtail.models import Locale

from tests.consultations.conftest import question_ids
from tests.consultations.test_response_paths import _answers, _synchronise

pytestmark = pytest.mark.django_db

QUESTION = "Under-8s should walk no more than 1.5 miles."
MARKED = f'<bdi lang="en" dir="ltr">{QUESTION}</bdi>'


def _failed(client, consultation, language):
    _synchronise()
    copy = consultation.get_translation(Locale.objects.get(language_code=language))
    agree, *_ = question_ids(consultation)
    data = _answers(consultation)
    del data[f"q_{agree}"]
    response = client.post(f"/{language}/consultations/respond/{copy.pk}/", data)
    assert response.status_code == 400
    return response.content.decode()


@pytest.mark.parametrize("language,opening,closing", [("pl", "„", "”"), ("ar", "«", "»")])
def test_the_quoted_english_question_is_marked_in_the_summary_and_beside_it(
        client, consultation, language, opening, closing):
    html = _failed(client, consultation, language)
    summary = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html,
                        re.S).group(1)
    assert f"{opening}{MARKED}{closing}" in summary
    agree = question_ids(consultation)[0]
    beside = re.search(rf'<p class="govuk-error-message" id="q_{agree}-error">(.*?)</p>', html,
                       re.S).group(1)
    assert f"{opening}{MARKED}{closing}" in beside
    # Nowhere is the English question quoted without its mark.
    assert html.count(f"{opening}{QUESTION}") == 0


def test_an_english_page_marks_nothing(client, consultation):
    agree, *_ = question_ids(consultation)
    data = _answers(consultation)
    del data[f"q_{agree}"]
    html = client.post(consultation.url + "respond/", data).content.decode()
    assert f"“{QUESTION}”" in html
    assert "<bdi" not in html


def test_words_in_the_question_are_still_escaped(client, consultation):
    page = consultation
    blocks = page.questions
    raw = blocks.raw_data
    raw[0]["value"]["question"] = "Is <b>1.5 miles</b> & more too far?"
    page.questions = raw
    page.save_revision().publish()
    html = _failed(client, page, "ar")
    assert '<bdi lang="en" dir="ltr">Is &lt;b&gt;1.5 miles&lt;/b&gt; &amp; more too far?</bdi>' \
        in html
    assert "<b>1.5" not in html
