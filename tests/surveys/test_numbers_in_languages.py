"""Counts on the survey invitation pages are written as the officer's language writes them:
"20,000" in English, "20 000" (a no-break space) in Polish, "20٬000" in Arabic; and lists
on Arabic pages are joined with the Arabic comma."""

import re

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.users.models import UserProfile

from portal.views import result_count, results_place
from surveys import invitation_files, services
from surveys.models import SurveyMailing
from tests.surveys.conftest import question_ids
from tests.surveys.test_invitations import _upload, _url
from tests.surveys.test_results import add_responses, closed_survey, scale_answers
from tests.surveys.test_translations import _results_html

pytestmark = pytest.mark.django_db
TWENTY_THOUSAND = {"en-gb": "20,000", "pl": "20\u00a0000", "ar": "20\u066c000"}


def _text(response) -> str:
    """The page's HTML with runs of ASCII white space made one space (a no-break space kept:
    str.split() would take it for a space)."""
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def _officer_reading(login_as, language):
    officer = login_as("officer")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = language
    profile.save()
    return officer


@pytest.mark.parametrize("language", ["en-gb", "pl", "ar"])
def test_the_progress_page_and_invitations_page_write_counts_in_the_officers_language(
        client, login_as, survey, language):
    officer = _officer_reading(login_as, language)
    mailing = services.invitations_create(
        survey=survey, user=officer, rows=[services.InvitationRow("a@example.org", "parents")])
    SurveyMailing.objects.filter(pk=mailing.pk).update(total=20_000)
    progress = _text(client.get(reverse("surveys_mailing", args=[survey.pk, mailing.pk])))
    said = {"en-gb": "0 of 20,000 invitations sent.", "pl": "0 z 20\u00a0000",
            "ar": "0 من 20\u066c000"}[language]
    assert said in progress
    page = _text(client.get(_url(survey)))
    assert f"0 of {TWENTY_THOUSAND[language]}" in page or \
        f"0 z {TWENTY_THOUSAND[language]}" in page or f"0 من {TWENTY_THOUSAND[language]}" in page
    # The upload hint's limit ("Up to 1 MB and 20,000 addresses a file").
    assert TWENTY_THOUSAND[language] in page.split("<form", 1)[-1] or \
        page.count(TWENTY_THOUSAND[language]) >= 2
    others = set(TWENTY_THOUSAND.values()) - {TWENTY_THOUSAND[language]}
    assert not any(other in page or other in progress for other in others)
    # Items of a list: the Arabic comma on Arabic pages, the Latin one elsewhere.
    if language == "ar":
        assert "parents، young_people، schools" in page and "parents, young" not in page
    else:
        assert "parents, young_people, schools, operators" in page


@pytest.mark.parametrize(("language", "said"), [
    ("en-gb", "more than 20,000 addresses"),
    ("pl", "20\u00a0000"),
    ("ar", "20\u066c000"),
])
def test_a_file_with_too_many_addresses_is_refused_with_the_limit_in_the_officers_language(
        client, login_as, survey, language, said, monkeypatch):
    _officer_reading(login_as, language)
    monkeypatch.setattr(invitation_files, "MAX_ROWS", 20_000)
    rows = "".join(f"p{n}@example.org\n" for n in range(20_001)).encode()
    page = _text(_upload(client, survey, rows))
    assert said in page
    assert "20,000" not in page or language == "en-gb"


def test_an_unknown_audience_lists_the_audiences_with_the_arabic_comma(client, login_as,
                                                                       survey):
    _officer_reading(login_as, "ar")
    page = _text(_upload(client, survey, b"email,audience\nnot@example.org,pupils\n"))
    assert "parents، young people" in page and "parents, young people" not in page


# --- the check page says each audience's count with its noun in the right form ------------


@pytest.mark.parametrize(("language", "said"), [
    ("en-gb", ["2,500 parents and carers", "1 school or college", "3 young people"]),
    ("pl", ["2\u00a0500 rodziców i opiekunów", "1 szkoła lub uczelnia",
            "3 młode osoby"]),
])
def test_the_check_page_counts_each_audience_with_its_noun_agreeing(
        client, login_as, survey, language, said):
    _officer_reading(login_as, language)
    rows = (b"email,audience,language\n"
            + b"".join(f"p{n}@example.org,parents,pl\n".encode() for n in range(2_500))
            + b"s@example.org,schools,\n"
            + b"".join(f"y{n}@example.org,young_people,ar\n".encode() for n in range(3)))
    page = _text(_upload(client, survey, rows))
    for phrase in said:
        assert phrase in page
    assert "rodzice i opiekunowie" not in page


def test_the_check_page_shows_each_rows_language(client, login_as, survey):
    _officer_reading(login_as, "en-gb")
    page = _text(_upload(client, survey, b"email,audience,language\n"
                                         b"ola@example.org,parents,pl\n"
                                         b"sam@example.org,parents,\n"
                                         b"amal@example.org,parents,ar\n"))
    table = page[page.index("<table class=\"listing\""):]
    table = table[:table.index("</table>")]
    assert '<th scope="col">Language</th>' in table
    assert "<td>ola@example.org</td><td>Parents and carers</td><td>Polish</td>" in table
    assert "<td>sam@example.org</td><td>Parents and carers</td><td>English</td>" in table
    assert "<td>amal@example.org</td><td>Parents and carers</td><td>Arabic</td>" in table


# --- counts on public pages: survey results, the write-up's theme counts, search -----------

#: 1,250 takes the plural form of "many" in Polish ("osób") and Arabic ("شخصًا").
THOUSANDS = {"en-gb": "1,250", "pl": "1\u00a0250", "ar": "1\u066c250"}
INVITED = {"en-gb": "20,000", "pl": "20\u00a0000", "ar": "20\u066c000"}
SAID = {"en-gb": "{n} people answered this survey.",
        "pl": "Na tę ankietę odpowiedziało {n} osób.",
        "ar": "أجاب {n} شخصًا عن هذا الاستبيان."}


def _main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


@pytest.mark.parametrize("language", ["en-gb", "pl", "ar"])
def test_the_public_results_page_groups_its_counts_as_the_readers_language_does(
        survey_index, language):
    survey = closed_survey(survey_index, 2026, populations={"parents": 20_000})
    overall = question_ids(survey)["Overall satisfaction"]
    add_responses(survey, scale_answers(overall, [5] * 1_250))
    main = _main(_results_html(survey, language))
    assert SAID[language].format(n=THOUSANDS[language]) in main  # the headline
    assert f">{THOUSANDS[language]}<" in main  # answered, in the audiences table
    assert f">{INVITED[language]}<" in main  # could answer
    assert f">{THOUSANDS[language]}</td>" in main  # the answers table's "People"
    assert THOUSANDS[language] in main.split("<desc")[1].split("</desc>")[0]  # the chart
    assert "1250" not in main and "20000" not in main
    others = (set(THOUSANDS.values()) | set(INVITED.values())) - {THOUSANDS[language],
                                                                   INVITED[language]}
    assert not any(other in main for other in others)


@pytest.mark.parametrize("language", ["en-gb", "pl", "ar"])
def test_a_written_up_theme_count_is_grouped_as_the_readers_language_does(language):
    with translation.override(language):
        cells = render_to_string("analysis/theme_count_cells.html",
                                 {"t": {"count": 1_250, "percent": None}})
        cell = render_to_string("analysis/writeup_cell.html",
                                {"cell": {"hidden": False, "count": 1_250}})
    assert f"<bdi>{THOUSANDS[language]}</bdi>" in cells
    assert f"<bdi>{THOUSANDS[language]}</bdi>" in cell


@pytest.mark.parametrize(("language", "line", "kinds", "place"), [
    ("en-gb", "1,203 results for “bus”", "1 best answer, 2 words explained, 1,200 pages",
     "page 101 of 120: pages 1,001 to 1,010 of the 1,200 found"),
    ("pl", "1\u00a0203", "1\u00a0200", "1\u00a0001"),
    ("ar", "1\u066c203", "1\u066c200", "1\u066c001"),
])
def test_the_search_page_s_counts_are_grouped_as_the_readers_language_does(
        language, line, kinds, place):
    page_obj = Paginator(range(1_200), 10).page(101)
    with translation.override(language):
        said, breakdown = result_count("bus", pages=1_200, promotions=1, terms=2)
        said = strip_tags(said)  # the typed words come back inside <bdi>
        where = results_place(page_obj)
    assert line in said and kinds in breakdown and place in where
    assert not re.search(r"\d{4}", said + breakdown + where)
