"""The proposal page in Polish or Arabic, while the draft is English: the draft's words are
marked English, but the words the site adds in the reader's language (the "added" and
"removed" markers a screen reader reads, and the "[Summary]" label) are not inside them, so
each is read in its own voice (WCAG 3.1.2)."""

import pytest
from django.utils import translation

from consultations.models import ConsultationPage
from tests.portal.test_no_unmarked_english import _Reader

pytestmark = pytest.mark.django_db

SUMMARY = {"pl": "[Podsumowanie]", "ar": "[ملخص]"}


class _Markers(_Reader):
    """As ``_Reader``, and the language each ``<ins>``/``<del>`` (whose marker the CSS
    writes before it) is in."""

    def __init__(self):
        super().__init__()
        self.markers: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        if tag in ("ins", "del"):
            lang = next((lang for _, lang, _ in reversed(self.stack) if lang is not None), "")
            self.markers.append((tag, lang))


def _changes(html: str) -> str:
    return html.split("portal-diff__text", 1)[1].split("The proposed policy in full", 1)[0]


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_markers_and_labels_are_in_the_readers_language_and_the_draft_english(
        demo, client, language):
    consultation = ConsultationPage.objects.get(locale__language_code="en-gb",
                                                slug="walking-distances-under-8")
    html = client.get(f"/{language}{consultation.url}proposed/").content.decode()
    assert "portal-diff__text" in html
    reader = _Markers()
    reader.feed(html)
    assert reader.markers, "the demo proposal adds or removes words"
    assert all(lang == language for _, lang in reader.markers), reader.markers
    with translation.override(language):
        label = SUMMARY[language]
    labelled = [(lang, run) for lang, run in reader.runs if label in run]
    assert labelled, "the demo proposal changes a summary box"
    assert all(lang == language for lang, _ in labelled), labelled
    # The draft's own words are still marked English.
    assert any(lang == "en" and "walk" in run.lower() for lang, run in reader.runs)


def test_the_english_page_marks_nothing(demo, client):
    consultation = ConsultationPage.objects.get(locale__language_code="en-gb",
                                                slug="walking-distances-under-8")
    html = client.get(f"{consultation.url}proposed/").content.decode()
    assert 'lang="en"' not in _changes(html)
