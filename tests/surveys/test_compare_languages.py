"""Comparing two versions of a survey in Polish or Arabic: the fields' labels ("When",
"Opens", "Who is asked"), the dates, yes or no and the "added"/"removed" markers are in
the reader's language and never inside ``lang="en"``; only the survey's English words are
marked English (WCAG 3.1.2). Polish dates put the month in the genitive."""

import pytest

from tests.consultations.test_proposed_languages import _Markers
from tests.portal.test_no_unmarked_english import marked_english_wrongly, unmarked_english

pytestmark = pytest.mark.django_db

WHEN = {"pl": ("Kiedy", "Początek:", "Wyniki opublikowane:"),
        "ar": ("متى", "تُفتح في:", "نُشرت النتائج:")}


def _page(client, language: str) -> str:
    response = client.get(f"/{language}/surveys/2025/compare/1/2/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_labels_dates_and_markers_are_in_the_readers_language(demo, client, settings,
                                                              language):
    settings.PORTAL_PAGE_CACHE = False
    html = _page(client, language)
    reader = _Markers()
    reader.feed(html)
    assert reader.markers, "the demo's version 2 publishes the results"
    assert all(lang == language for _, lang in reader.markers), reader.markers
    runs = {run: lang for lang, run in reader.runs}
    for words in WHEN[language]:
        found = [lang for run, lang in runs.items() if words in run]
        assert found and not any(lang.startswith("en") for lang in found), (words, runs)
    assert "Opens:" not in html and "Results published:" not in html
    assert marked_english_wrongly(html, language) == []
    # The results summary, still English, is marked English.
    assert any(lang == "en" and "people answered" in run for lang, run in reader.runs)
    assert unmarked_english(html, language) == []


def test_polish_dates_put_the_month_in_the_genitive(demo, client, settings):
    settings.PORTAL_PAGE_CACHE = False
    html = _page(client, "pl")
    assert "2 czerwca 2025" in html
    assert "Czerwiec" not in html
