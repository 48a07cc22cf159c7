"""The public survey pages: the index by year, each survey's page, the home page's link,
who may read them, and their query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.models import SurveyAudience
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]

# The index reads its surveys (and the view restrictions ``public()`` needs); a survey's
# page reads its versions, open disagreements and audiences. Both also read the site,
# the page and its ancestors' restrictions, the settings, like every page.
# The survey page reads its language once, to show the record of the right page.
MAX_QUERIES = {"index": 12, "survey": 16}


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- the index --------------------------------------------------------------------------


def test_the_index_lists_surveys_newest_year_first_with_their_status(client, survey_index):
    make_survey(survey_index, year=2024, opens_in_days=-700, closes_in_days=-650,
                results_published=True)
    make_survey(survey_index, year=2025, opens_in_days=-300, closes_in_days=-280)
    make_survey(survey_index, year=2026)
    make_survey(survey_index, year=2027, opens_in_days=200, closes_in_days=230)
    html = client.get("/surveys/").content.decode()
    positions = [html.index(f'<h2 class="govuk-heading-l">{y}</h2>')
                 for y in (2027, 2026, 2025, 2024)]
    assert positions == sorted(positions)
    for label in ("Coming soon", "Open", "Closed: results coming", "Closed: results published"):
        assert label in html
    assert 'href="/surveys/2024/results/"' in html  # published results are linked
    assert 'href="/surveys/2025/results/"' not in html  # results not agreed yet are not


def test_the_index_leaves_out_surveys_not_published(client, survey_index):
    make_survey(survey_index, year=2026).unpublish()
    html = client.get("/surveys/").content.decode()
    assert "There are no surveys yet." in html and "/surveys/2026/" not in html


# --- a survey's page ---------------------------------------------------------------------


def test_an_open_survey_page_says_what_it_is_for_and_starts_the_survey(client, survey):
    html = client.get(survey.url).content.decode()
    assert "Travel satisfaction survey 2026" in html
    assert '<strong class="govuk-tag govuk-tag--green">Open</strong>' in html
    assert "Tell us how travel to school went this year." in html
    assert "Open for answers" in html
    assert "Parents and carers" in html and "Schools and colleges" in html
    assert "This survey is anonymous" in html
    assert f'href="{survey.url}respond/"' in html and "Start the survey" in html
    assert "/results/" not in html


def test_a_survey_not_open_yet_says_when_it_opens(client, survey_index):
    page = make_survey(survey_index, year=2027, opens_in_days=10, closes_in_days=40)
    html = client.get(page.url).content.decode()
    assert "Coming soon" in html and "You can answer from" in html
    assert "Start the survey" not in html


def test_a_closed_survey_links_its_results_only_once_published(client, survey_index):
    waiting = make_survey(survey_index, year=2024, opens_in_days=-60, closes_in_days=-30)
    html = client.get(waiting.url).content.decode()
    assert "after the parent carer forum agrees them" in html
    assert "Start the survey" not in html and "/results/" not in html
    done = make_survey(survey_index, year=2025, opens_in_days=-60, closes_in_days=-30,
                       results_published=True, results_summary="Most families are happy.")
    html = client.get(done.url).content.decode()
    assert "Most families are happy." in html
    assert f'href="{done.url}results/"' in html


# --- the home page ------------------------------------------------------------------------


def test_the_home_page_lists_an_open_survey_and_not_a_closed_one(client, survey_index,
                                                                 settings):
    settings.PORTAL_PAGE_CACHE = False
    make_survey(survey_index, year=2026, title="This year's travel survey")
    make_survey(survey_index, year=2025, title="Last year's travel survey",
                opens_in_days=-400, closes_in_days=-370)
    html = client.get("/").content.decode()
    assert "Tell us how travel went: the annual survey is open" in html
    assert "This year&#x27;s travel survey" in html
    assert "Last year" not in html


def test_the_home_page_says_nothing_about_surveys_when_none_is_open(client, survey_index,
                                                                   settings):
    settings.PORTAL_PAGE_CACHE = False
    make_survey(survey_index, year=2027, opens_in_days=10, closes_in_days=40)
    assert "the annual survey is open" not in client.get("/").content.decode()


# --- who may read them --------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_read_published_surveys(client, survey, login_as, role):
    login_as(role)
    for url in ("/surveys/", survey.url, survey.url + "respond/"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ROLES)
def test_a_survey_not_published_is_not_found_at_any_of_its_addresses(client, survey_index,
                                                                     login_as, role):
    draft = make_survey(survey_index, year=2028)
    draft.unpublish()
    login_as(role)
    for tail in ("", "respond/", "respond/1/", "respond/check/", "respond/thank-you/"):
        assert client.get(f"/surveys/2028/{tail}").status_code == 404, tail


# --- query counts --------------------------------------------------------------------------


def _more_surveys(index, count, *, start=2000):
    for i in range(count):
        make_survey(index, year=start + i, opens_in_days=-400 + i, closes_in_days=-380 + i,
                    results_published=i % 2 == 0)


def test_the_index_query_count_is_flat_from_one_survey_to_ten(client, survey, settings,
                                                              django_assert_max_num_queries):
    settings.PORTAL_PAGE_CACHE = False
    _count(client, "/surveys/")  # warm the site root paths
    one = _count(client, "/surveys/")
    _more_surveys(survey.get_parent(), 9)
    _count(client, "/surveys/")
    ten = _count(client, "/surveys/")
    assert ten == one
    with django_assert_max_num_queries(MAX_QUERIES["index"]):
        client.get("/surveys/")


def test_a_survey_page_query_count_is_flat_as_surveys_and_audiences_grow(
        client, survey, settings, django_assert_max_num_queries):
    settings.PORTAL_PAGE_CACHE = False
    _count(client, survey.url)
    one = _count(client, survey.url)
    _more_surveys(survey.get_parent(), 9)
    for audience in ("young_people", "operators"):
        SurveyAudience.objects.create(page=survey, audience=audience, population=10)
    _count(client, survey.url)
    grown = _count(client, survey.url)
    assert grown == one
    with django_assert_max_num_queries(MAX_QUERIES["survey"]):
        client.get(survey.url)


def test_the_survey_editor_scores_the_words_families_read(client, login_as, survey):
    """The introduction and results summary get the plain-language check policies get."""
    survey.intro = ("The local authority shall, in accordance with its statutory obligations, "
                    "ascertain the satisfaction of families with the discretionary arrangements "
                    "made for eligible children notwithstanding their circumstances.")
    survey.save_revision().publish()
    login_as("officer")
    html = client.get(f"/admin/pages/{survey.pk}/edit/").content.decode()
    assert "Plain language check" in html
    assert "above target" in html
