"""A Polish or Arabic parent who skips a survey question reads a message in their language
that quotes the question's English name marked as English, in the summary and beside it."""

import pytest

from tests.surveys.conftest import question_ids
from tests.surveys.test_responding import _pages
from tests.surveys.test_translations import _in, _synchronise

pytestmark = pytest.mark.django_db

MARKED = '<bdi lang="en" dir="ltr">Overall satisfaction</bdi>'


@pytest.mark.parametrize(("language", "opening", "closing"), [("pl", "„", "”"),
                                                               ("ar", "«", "»")])
def test_the_english_question_name_is_marked_in_a_polish_or_arabic_error(
        client, survey, language, opening, closing):
    _synchronise()
    page = _in(language, survey)
    client.post(f"{page.url}respond/", {"audience": "parents", "code": ""})
    q = question_ids(survey)
    response = client.post(f"{page.url}respond/1/", {f"q_{q['Drivers and assistants']}": "2"})
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    beside = html.split(f'id="q_{q["Overall satisfaction"]}-error"', 1)[1].split("</p>", 1)[0]
    for part in (summary, beside):
        assert f"{opening}{MARKED}{closing}" in part


def test_an_english_error_marks_nothing(client, survey):
    client.post(f"{survey.url}respond/", {"audience": "parents", "code": ""})
    q = question_ids(survey)
    html = client.post(f"{survey.url}respond/1/",
                       {f"q_{q['Drivers and assistants']}": "2"}).content.decode()
    assert "“Overall satisfaction”" in html and "<bdi" not in html


def _check_page(client, page, survey):
    client.post(f"{page.url}respond/", {"audience": "parents", "code": ""})
    for number, fields in _pages(survey).items():
        assert client.post(f"{page.url}respond/{number}/", fields).status_code == 302
    response = client.get(f"{page.url}respond/check/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_the_check_page_marks_each_english_question_and_its_change_link(client, survey,
                                                                        language):
    """A screen reader reads each question on "Check your answers" in an English voice, and
    the hidden words of its "Change" link too, on a Polish or Arabic page."""
    _synchronise()
    html = _check_page(client, _in(language, survey), survey)
    wording = survey.placements.first().question.wording
    assert f'<dt class="govuk-summary-list__key" lang="en" dir="ltr">{wording}</dt>' in html
    assert f'<span lang="en" dir="ltr">{wording}</span></span></a>' in html


def test_the_english_check_page_marks_no_question(client, survey):
    html = _check_page(client, survey, survey)
    wording = survey.placements.first().question.wording
    assert f'<dt class="govuk-summary-list__key">{wording}</dt>' in html
    assert 'lang="en" dir="ltr">' not in html.split("<main", 1)[1]
