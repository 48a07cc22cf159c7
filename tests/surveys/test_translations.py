"""The annual survey in Polish and Arabic: a parent reading in their language can answer it
and read its results, with the interface's words in that language; English is unchanged."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale

from surveys.views.results import results as results_view
from tests.surveys.conftest import question_ids
from tests.surveys.test_results import add_responses, closed_survey, scale_answers

pytestmark = pytest.mark.django_db

# Words a parent sees, in each language: the home page's survey box, the survey page, the
# start page, a question page, an error from the invitation check, and the results page.
WORDS = {
    "en-gb": {
        "home": ["Tell us how travel went: the annual survey is open",
                 "It is anonymous and takes a few minutes."],
        "survey": ["Start the survey", "This survey is anonymous", "Parents and carers"],
        "start": ["Before you start", "Continue", "Who are you answering as?",
                  "The survey has 3 short pages of questions."],
        "step": ["Page 1 of 3", "Continue", "Very satisfied", "Very dissatisfied",
                 "Neither satisfied nor dissatisfied"],
        "unknown_code": ["We do not recognise that code."],
        "results": ["Headline figures", "12 people answered this survey.",
                    "satisfied or very satisfied", "Very satisfied", "Download the figures"],
    },
    "pl": {
        "home": ["Powiedz nam, jak wyglądały dojazdy: coroczna ankieta jest otwarta",
                 "Jest anonimowa i zajmuje kilka minut."],
        "survey": ["Rozpocznij ankietę", "Ta ankieta jest anonimowa", "Rodzice i opiekunowie"],
        "start": ["Zanim zaczniesz", "Dalej", "W jakiej roli odpowiadasz?",
                  "Ankieta ma 3 krótkie strony pytań."],
        "step": ["Strona 1 z 3", "Dalej", "Bardzo zadowolony(-a)", "Bardzo niezadowolony(-a)",
                 "Ani zadowolony(-a), ani niezadowolony(-a)"],
        "unknown_code": ["Nie rozpoznajemy tego kodu."],
        "results": ["Najważniejsze liczby", "Na tę ankietę odpowiedziało 12 osób.",
                    "zadowolonych lub bardzo zadowolonych", "Bardzo zadowolony(-a)",
                    "Pobierz liczby"],
    },
    "ar": {
        "home": ["أخبرنا كيف كانت المواصلات: الاستبيان السنوي مفتوح",
                 "لا نسأل عن اسمك، ويستغرق بضع دقائق."],
        "survey": ["ابدأ الاستبيان", "هذا الاستبيان مجهول الهوية", "الآباء ومقدمو الرعاية"],
        "start": ["قبل أن تبدأ", "متابعة", "بأي صفة تجيب؟",
                  "في الاستبيان 3 صفحات قصيرة من الأسئلة."],
        "step": ["الصفحة 1 من 3", "متابعة", "راضٍ جدًا", "غير راضٍ جدًا", "لا راضٍ ولا غير راضٍ"],
        "unknown_code": ["لا نتعرّف على هذا الرمز."],
        "results": ["الأرقام الرئيسية", "أجاب 12 شخصًا عن هذا الاستبيان.",
                    "راضون أو راضون جدًا", "راضٍ جدًا", "تنزيل الأرقام"],
    },
}
ENGLISH_ONLY = ["Before you start", "Continue", "Very satisfied", "Start the survey"]
DIRECTION = {"en-gb": "ltr", "pl": "ltr", "ar": "rtl"}


def _synchronise():
    from wagtail_localize.synctree import synchronize_tree

    english = Locale.get_default()
    for code in ("pl", "ar"):
        synchronize_tree(english, Locale.objects.get(language_code=code))


def _in(language, page):
    """The page as readers of ``language`` reach it: the English page or its alias."""
    if language == "en-gb":
        return page
    return page.get_translation(Locale.objects.get(language_code=language))


def _html(response, status=200) -> str:
    assert response.status_code == status, response.status_code
    return response.content.decode()


def _results_html(survey, language) -> str:
    """The results page of ``survey`` as the results view renders it in ``language``."""
    request = RequestFactory().get(f"{survey.url}results/")
    request.user = AnonymousUser()
    with translation.override(language):
        response = results_view(request, survey)
        response.render()
    return _html(response)


def _published_with(survey_index, points):
    survey = closed_survey(survey_index, 2026)
    add_responses(survey, scale_answers(question_ids(survey)["Overall satisfaction"], points))
    return survey


def _assert_words(html, language, key):
    for words in WORDS[language][key]:
        assert words in html, (language, key, words)
    if language != "en-gb":
        for words in ENGLISH_ONLY:
            assert f">{words}<" not in html, (language, key, words)


@pytest.mark.parametrize("language", ["en-gb", "pl", "ar"])
def test_a_parent_answers_the_survey_in_their_language(client, survey, language):
    _synchronise()
    page = _in(language, survey)
    prefix = "" if language == "en-gb" else f"/{language}"
    assert page.url == f"{prefix}/surveys/2026/"
    _assert_words(_html(client.get(f"{prefix}/")), language, "home")

    html = _html(client.get(page.url))
    assert f'<html lang="{language}" dir="{DIRECTION[language]}"' in html
    _assert_words(html, language, "survey")

    start = _html(client.get(f"{page.url}respond/"))
    _assert_words(start, language, "start")

    refused = _html(client.post(f"{page.url}respond/",
                                {"audience": "parents", "code": "ZZZZ9999"}), status=400)
    _assert_words(refused, language, "unknown_code")

    response = client.post(f"{page.url}respond/", {"audience": "parents", "code": ""})
    assert response.status_code == 302 and response["Location"] == f"{page.url}respond/1/"
    step = _html(client.get(f"{page.url}respond/1/"))
    assert f'<html lang="{language}" dir="{DIRECTION[language]}"' in step
    _assert_words(step, language, "step")


TWELVE = [5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 2, 1]


@pytest.mark.parametrize("language", ["en-gb", "pl", "ar"])
def test_the_results_read_in_their_language(survey_index, language):
    html = _results_html(_published_with(survey_index, TWELVE), language)
    _assert_words(html, language, "results")


@pytest.mark.parametrize(("language", "count", "words"), [
    ("pl", 0, "Na tę ankietę odpowiedziało 0 osób."),
    ("pl", 3, "Na tę ankietę odpowiedziały 3 osoby."),
    ("pl", 12, "Na tę ankietę odpowiedziało 12 osób."),
    ("pl", 22, "Na tę ankietę odpowiedziały 22 osoby."),
    ("ar", 0, "لم يُجب أحد عن هذا الاستبيان."),
    ("ar", 1, "أجاب شخص واحد عن هذا الاستبيان."),
    ("ar", 2, "أجاب شخصان عن هذا الاستبيان."),
    ("ar", 3, "أجاب 3 أشخاص عن هذا الاستبيان."),
    ("ar", 12, "أجاب 12 شخصًا عن هذا الاستبيان."),
])
def test_counts_take_the_plural_form_of_the_number(survey_index, language, count, words):
    """Polish has three plural forms for whole numbers (1; 2-4, 22-24...; the rest), Arabic
    six (none, one, two, 3-10, 11-99, 100 and over)."""
    html = _results_html(_published_with(survey_index, ([5, 4, 3] * 8)[:count]), language)
    assert words in html


def test_the_polish_results_page_counts_the_answers_given_in_every_language(client,
                                                                            survey_index):
    survey = _published_with(survey_index, TWELVE)
    _synchronise()
    html = _html(client.get(f"{_in('pl', survey).url}results/"))
    assert "Na tę ankietę odpowiedziało 12 osób." in html


def test_an_officer_opening_a_translated_copys_comments_sees_the_originals(
        client, login_as, survey):
    from django.urls import reverse

    from surveys import services
    from tests.surveys.conftest import question_ids

    ids = question_ids(survey)
    services.survey_submit(survey=survey, audience="parents",
                           answers={ids["Overall satisfaction"]: 4},
                           comments={ids["One thing to improve"]: "Earlier letters, please."},
                           submission_key="translated-copy")
    _synchronise()
    login_as("officer")
    html = client.get(reverse("surveys_comments", args=[_in("pl", survey).pk])).content.decode()
    assert "Earlier letters, please." in html
