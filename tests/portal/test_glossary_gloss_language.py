"""The explanation a reader gets on tapping, hovering over or focusing a jargon word says
which language it is in: the reader's own on a Polish or Arabic page (also where the page
itself is still English), English where the explanation has not been translated yet, and
the English original's words a translation quotes in brackets marked English (WCAG 3.1.2)."""

import re

import pytest
from django.core.cache import cache

from portal.models import GlossaryTerm
from portal.selectors import forget_content_languages
from portal.text_direction import english_runs

pytestmark = pytest.mark.django_db


def _tip(html: str, slug: str) -> str:
    found = re.search(rf'<span class="portal-term__tip" role="tooltip" id="term-{slug}"[^>]*>'
                      r".*?</span></span>", html, re.S)
    assert found, slug
    return found.group(0)


@pytest.mark.parametrize(("language", "direction"), [("pl", "ltr"), ("ar", "rtl")])
def test_a_translated_gloss_says_its_language_and_marks_the_english_it_quotes(
        demo, client, language, direction):
    html = client.get(f"/{language}/policies/travel-assistance/").content.decode()
    tip = _tip(html, "ehcp")
    assert f'id="term-ehcp" lang="{language}" dir="{direction}">' in tip
    assert '(<span lang="en" dir="ltr">Education, Health and Care plan</span>)' in tip


def test_an_untranslated_gloss_on_a_polish_page_is_marked_english(demo, client):
    english = GlossaryTerm.objects.get(slug="ehcp", locale__language_code="en-gb")
    GlossaryTerm.objects.filter(slug="ehcp", locale__language_code="pl").update(
        explanation=english.explanation, stands_for=english.stands_for)
    cache.clear()
    forget_content_languages()
    tip = _tip(client.get("/pl/policies/travel-assistance/").content.decode(), "ehcp")
    assert 'id="term-ehcp" lang="en" dir="ltr">' in tip
    assert "<span lang" not in tip.split('dir="ltr">', 1)[1]  # marked once, as a whole


def test_an_english_page_adds_no_marks(demo, client):
    tip = _tip(client.get("/policies/travel-assistance/").content.decode(), "ehcp")
    assert 'id="term-ehcp">' in tip and "lang=" not in tip


@pytest.mark.parametrize(("text", "language", "phrases", "runs"), [
    ("Plan (Education, Health and Care plan). Dokument.", "pl",
     ("Education, Health and Care plan",),
     [("Plan (", False), ("Education, Health and Care plan", True), ("). Dokument.", False)]),
    ("Pomoc (np. autobus) dla dzieci", "pl", (), [("Pomoc (np. autobus) dla dzieci", False)]),
    ("خطة (Education plan). وثيقة", "ar", (),
     [("خطة (", False), ("Education plan", True), ("). وثيقة", False)]),
    ("A legal document.", "ar", (), [("A legal document.", True)]),
    ("A plan (Education plan)", "en-gb", ("Education plan",), [("A plan (Education plan)", False)]),
])
def test_english_runs_in_a_gloss(text, language, phrases, runs):
    assert english_runs(text, language=language, english_phrases=phrases) == runs
    assert "".join(run for run, _ in runs) == text


def _explained_box(html: str) -> str:
    return html.split('id="explained-heading"', 1)[1].split("</aside>", 1)[0]


@pytest.mark.parametrize(("language", "direction"), [("pl", "ltr"), ("ar", "rtl")])
def test_the_explained_box_on_a_page_still_in_english_marks_only_the_term_english(
        demo, client, language, direction):
    """On the appeals policy, not translated yet, the box's explanations are in the reader's
    language and say so; the English terms are marked English."""
    html = client.get(f"/{language}/policies/appeals-and-complaints/").content.decode()
    box = _explained_box(html)
    rows = re.findall(r'<dt class="govuk-summary-list__key"([^>]*)>.*?</dt>'
                      r'<dd class="govuk-summary-list__value"([^>]*)>', box, re.S)
    assert rows
    for term_marks, explanation_marks in rows:
        assert term_marks == ' lang="en" dir="ltr"'
        assert explanation_marks == f' lang="{language}" dir="{direction}"'


def test_the_explained_box_on_an_english_page_marks_nothing(demo, client):
    box = _explained_box(client.get("/policies/appeals-and-complaints/").content.decode())
    assert "<dt" in box and "lang=" not in box
