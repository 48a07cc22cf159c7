"""The survey's response form in Polish or Arabic: the words the site translated (who you
are answering as, the audiences, the answers on a scale) are read in the reader's
language; only the question bank's English wording is marked English (WCAG 3.1.2)."""

import re

import pytest
from django.utils import translation

from surveys.models.audiences import Audience
from tests.portal.test_no_unmarked_english import _Reader, marked_english_wrongly
from tests.surveys.test_translations import _in, _synchronise

pytestmark = pytest.mark.django_db


def _runs(html: str) -> dict[str, str]:
    reader = _Reader()
    reader.feed("<main" + html.split("<main", 1)[1])
    return {run: lang for lang, run in reader.runs}


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_translated_labels_and_audiences_are_not_marked_english(client, survey, language):
    _synchronise()
    page = _in(language, survey)
    html = client.get(f"{page.url}respond/").content.decode()
    runs = _runs(html)
    with translation.override(language):
        shown = [str(label) for _, label in Audience.choices]
        shown.append(str(translation.gettext("Who are you answering as?")))
    assert shown[-1] in runs and any(words in runs for words in shown[:-1]), (shown, runs)
    assert [w for w in shown if runs.get(w, "").startswith("en")] == []
    assert marked_english_wrongly(html, language) == []


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_on_a_question_page_only_the_english_wording_is_marked(client, survey, language):
    _synchronise()
    page = _in(language, survey)
    client.post(f"{page.url}respond/", {"audience": "parents", "code": ""})
    html = client.get(f"{page.url}respond/1/").content.decode()
    wording = survey.placements.first().question.wording
    assert re.search(rf'<span lang="en" dir="ltr">{re.escape(wording)}</span>', html)
    assert marked_english_wrongly(html, language) == []
    with translation.override(language):
        very = translation.gettext("Very satisfied")
    assert very != "Very satisfied" and very in _runs(html)
    assert not _runs(html)[very].startswith("en")


def test_the_english_form_marks_nothing(client, survey):
    html = client.get(f"{survey.url}respond/").content.decode()
    assert 'lang="en"' not in html.split("<main", 1)[1]
