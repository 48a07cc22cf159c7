"""A parent whose transport has not come types what they would say, on a phone, in their
language: the search finds the urgent help first, from the officers' promoted searches."""

import re

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.models import PolicyPage
from portal.search_text import matching_phrases

pytestmark = pytest.mark.django_db

EVERYDAY = [
    ("", "taxi is late"),
    ("", "taxi"),
    ("", "bus late"),
    ("", "my taxi didnt come"),
    ("", "my taxi didn't come"),
    ("", "Driver"),
    ("", "the driver never came"),
    ("", "no show"),
    ("", "taxi no-show"),
    ("", "didn't turn up"),
    ("", "the bus didnt turn up"),
    ("/pl", "taksowka"),  # no diacritics, as typed on a phone
    ("/pl", "Taksówka"),
    ("/pl", "taksowki"),  # another form of the word
    ("/pl", "taksowka sie spoznia"),
    ("/pl", "taksówka się spóźnia"),
    ("/pl", "kierowca"),
    ("/pl", "kierowca nie przyjechal"),
    ("/pl", "autobus spozniony"),
    ("/ar", "تاكسي"),
    ("/ar", "التكسي"),  # the shorter spelling, with the article
    ("/ar", "سياره اجره"),  # ه for ة and no hamza
    ("/ar", "التاكسي تاخر"),  # no hamza
    ("/ar", "السايق"),  # ي for ئ, as typed on many phones
    ("/ar", "الباص لم يصل"),
    ("/ar", "الحافله متاخره"),  # ه for ة
]


def _promoted(html: str) -> str:
    assert "data-portal-promotions" in html, "no promoted answer"
    return html.split("data-portal-promotions", 1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize(("prefix", "words"), EVERYDAY)
def test_everyday_words_find_the_urgent_help_first(demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    promoted = _promoted(html)
    faq = rf'href="{prefix}/faq/(#[^"]*)?"'
    assert re.search(faq, promoted), words
    # In the reader's language (the FAQ's answer in the reader's language), the number to tap.
    assert {"": "Phone the transport team straight away",
            "/pl": "Od razu zadzwoń do zespołu transportu",
            "/ar": "اتصل بفريق المواصلات فوراً"}[prefix] in promoted
    assert 'href="tel:+441234567890"' in promoted
    # Once, however many of the promoted phrases the words hold ("taxi late" and "late").
    assert len(re.findall(faq, promoted)) == 1


def test_a_promotion_an_officer_adds_is_a_synonym_for_every_search_holding_it(demo, client):
    policy = PolicyPage.objects.get(slug="travel-assistance", locale__language_code="en-gb")
    SearchPromotion.objects.create(query=Query.get("cab"), page=policy,
                                   description="Shared taxis are one kind of travel help.")
    html = client.get("/search/", {"q": "can we get a cab to school"}).content.decode()
    assert 'href="/policies/travel-assistance/"' in _promoted(html)
    assert "data-portal-promotions" not in client.get(
        "/search/", {"q": "cabbage"}).content.decode()


def test_a_longer_promoted_phrase_needs_all_its_words():
    phrases = ["taxi late", "late", "bus pass"]
    assert matching_phrases("my taxi is late again", phrases) == [0, 1]
    assert matching_phrases("taxi", phrases) == []
    assert matching_phrases("pass for the bus", phrases) == [2]
    assert matching_phrases("latest news", phrases) == []


def test_phone_typed_negations_meet_the_written_ones():
    phrases = ["taxi not come"]
    for typed in ["taxi didnt come", "taxi didn't come", "taxi didn’t come", "Taxi did not come"]:
        assert matching_phrases(typed, phrases) == [0], typed


def test_polish_words_without_diacritics_meet_the_promoted_ones():
    assert matching_phrases("kierowca nie przyjechal", ["nie przyjechał"], "pl") == [0]
    assert matching_phrases("taksowka sie spoznia", ["spóźnia"], "pl") == [0]
    assert matching_phrases("سيارة الاجره متاخرة", ["متأخر"], "ar") == [0]


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "complaint"),
    ("", "how do I complain"),
    ("/pl", "skarga"),
    ("/pl", "jak zlozyc skarge"),  # no diacritics, another form of the word
    ("/pl", "zazalenie"),
    ("/ar", "شكوى"),
    ("/ar", "الشكوي"),  # with the article, ي for ى
    ("/ar", "اريد اشتكي"),
])
def test_a_complaint_in_any_language_finds_the_appeals_and_complaints_policy_first(
        demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    assert f'href="{prefix}/policies/appeals-and-complaints/"' in _promoted(html), words


def test_a_misspelt_bus_pass_is_offered_the_phrase(demo, client):
    html = client.get("/search/", {"q": "buss pass"}).content.decode()
    assert 'Did you mean <bdi><a class="govuk-link" href="?q=bus+pass">bus pass</a></bdi>?' in html


@pytest.mark.parametrize("typed", ["النقل", "نقل", "التنقل", "الانتقال"])
def test_arabic_transport_words_find_the_arabic_travel_help_policy(demo, client, typed):
    """The Arabic policy's title says التنقل; a parent types النقل (transport) on a phone."""
    html = client.get("/ar/search/", {"q": typed}).content.decode()
    assert 'href="/ar/policies/travel-assistance/"' in html, typed
