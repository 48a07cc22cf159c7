"""The jargon buster in Polish or Arabic: what an acronym stands for, where the list still
gives the English source's words ("(Education, Health and Care plan)"), is marked English
(WCAG 3.1.2); nothing is marked on the English list."""

import re

import pytest
from wagtail.models import Locale

from portal.models.terms import GlossaryTerm

pytestmark = pytest.mark.django_db

EHCP = "Education, Health and Care plan"


def _stands_for(html: str) -> list[str]:
    return re.findall(r'<span class="portal-muted">\((.*?)\)</span></dt>', html)


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_the_english_expansion_is_marked_english(demo, client, settings, language):
    settings.PORTAL_PAGE_CACHE = False
    html = client.get(f"/{language}/jargon-buster/").content.decode()
    shown = _stands_for(html)
    assert any(f'<span lang="en" dir="ltr">{EHCP}</span>' in words for words in shown), shown


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_a_translated_expansion_is_not_marked_english(demo, client, settings, language):
    settings.PORTAL_PAGE_CACHE = False
    source = GlossaryTerm.objects.get(locale__language_code="en-gb", stands_for=EHCP)
    term = source.get_translation(Locale.objects.get(language_code=language))
    term.stands_for = {"pl": "Plan edukacji, zdrowia i opieki",
                       "ar": "خطة التعليم والصحة والرعاية"}[language]
    term.save()
    html = client.get(f"/{language}/jargon-buster/").content.decode()
    assert term.stands_for in _stands_for(html)


def test_the_english_list_marks_nothing(demo, client, settings):
    settings.PORTAL_PAGE_CACHE = False
    html = client.get("/jargon-buster/").content.decode()
    assert EHCP in _stands_for(html)
    assert 'lang="en"' not in html.split("<main", 1)[1]
