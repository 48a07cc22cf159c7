"""The board sees every year's survey side by side, with small numbers held back."""

import pytest
from django.urls import reverse

from surveys import services
from tests.surveys.conftest import make_survey, question_ids

pytestmark = pytest.mark.django_db


def _row(html, survey) -> str:
    section = html[html.index('id="surveys"'):]
    row = section[section.index(survey.title):]
    return row[:row.index("</tr>")]


def _answer(survey, scores, audience="parents"):
    ids = question_ids(survey)
    for n, score in enumerate(scores):
        services.survey_submit(survey=survey, audience=audience,
                               answers={ids["Overall satisfaction"]: score},
                               submission_key=f"{survey.pk}-{audience}-{n}")


def test_the_board_reads_responses_rate_and_satisfaction_for_each_year(client, login_as,
                                                                      survey):
    _answer(survey, [5] * 8 + [4] * 4 + [2] * 4)  # 12 of 16 satisfied
    _answer(survey, [5, 5], audience="operators")  # operators' size is not known
    login_as("board_member")
    html = client.get(reverse("board_home")).content.decode()
    assert "Satisfaction surveys, year on year" in html
    row = _row(html, survey)
    assert "18</td>" in row  # responses
    assert "3.7 %" in row  # 16 parents of 430 asked (operators, size unknown, not counted)
    assert "78 %" in row  # 14 of 18 in the top two points


def test_a_year_with_too_few_answers_is_held_back(client, login_as, survey):
    _answer(survey, [5, 5, 5])
    login_as("officer")
    html = client.get(reverse("board_home")).content.decode()
    assert "Held back: too few answers" in _row(html, survey)


def test_the_board_survey_table_reads_a_fixed_number_of_queries(client, login_as, survey_index,
                                                               django_assert_max_num_queries):
    login_as("board_member")
    first = make_survey(survey_index, year=2024, slug="2024")
    _answer(first, [5] * 12)
    # The board home also reads held and planned board meetings, the forum's reviews and
    # removals from meeting records (PostgreSQL reads one more than SQLite: 43).
    with django_assert_max_num_queries(43) as one_year:
        client.get(reverse("board_home"))
    for year in (2025, 2026):
        _answer(make_survey(survey_index, year=year, slug=str(year)), [4] * 12)
    with django_assert_max_num_queries(len(one_year.captured_queries)):
        assert client.get(reverse("board_home")).status_code == 200


@pytest.mark.parametrize("role,status", [("anonymous", 302), ("parent", 403),
                                         ("forum_rep", 403), ("officer", 200),
                                         ("board_member", 200)])
def test_only_the_board_and_officers_see_the_survey_table(client, login_as, survey, role,
                                                          status):
    login_as(role)
    assert client.get(reverse("board_home")).status_code == status
