"""A bus pass asked for in Polish or Arabic, as families type it, finds the travel help policy
first with its answer in the reader's language, as "bus pass" does in English (issue 13,
review r13k F6)."""

import importlib

import pytest
from django.apps import apps as django_apps
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.models import PolicyPage

pytestmark = pytest.mark.django_db

ANSWER = {"": "A free bus pass is one kind of travel help",
          "/pl": "Bezpłatny bilet autobusowy to jeden z rodzajów pomocy w dojazdach",
          "/ar": "تذكرة الحافلة المجانية نوع من المساعدة في التنقل"}


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "bus pass"),
    ("/pl", "bilet autobusowy"),
    ("/pl", "bilet"),
    ("/pl", "bilety autobusowe"),  # another form of the words
    ("/pl", "karta autobusowa"),
    ("/ar", "تذكرة حافلة"),
    ("/ar", "بطاقة الباص"),
    ("/ar", "تذكره باص"),  # ه for ة, as typed on many phones
])
def test_a_bus_pass_in_any_language_has_the_travel_help_policy_as_best_answer(
        demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    assert "data-portal-promotions" in html, f"no best answer for {words}"
    promoted = html.split("data-portal-promotions", 1)[1].split("</div>", 1)[0]
    assert f'href="{prefix}/policies/travel-assistance/"' in promoted
    assert ANSWER[prefix] in promoted


MIGRATION = importlib.import_module(
    "portal.migrations.0014_bus_pass_searches_in_every_language")
BUS_PASS = ("bus pass", "bilet", "bilet autobusowy", "karta autobusowa", "تذكرة حافلة",
            "بطاقة الباص", "تذكرة باص", "بطاقة حافلة")


def test_an_existing_site_gets_them_once_and_an_officers_own_is_kept(demo, client, settings):
    settings.PORTAL_PAGE_CACHE = False
    SearchPromotion.objects.filter(query__query_string__in=BUS_PASS).delete()
    policy = PolicyPage.objects.get(locale__language_code="en-gb", slug="travel-assistance")
    SearchPromotion.objects.create(query=Query.get("karta autobusowa"), page=policy,
                                   description="Opis urzędnika.")
    MIGRATION.forwards(django_apps, None)
    added = SearchPromotion.objects.filter(query__query_string__in=BUS_PASS).count()
    MIGRATION.forwards(django_apps, None)
    assert SearchPromotion.objects.filter(query__query_string__in=BUS_PASS).count() == added
    assert list(SearchPromotion.objects.filter(query__query_string="karta autobusowa")
                .values_list("description", flat=True)) == ["Opis urzędnika."]
    for prefix, words in (("", "bus pass"), ("/pl", "bilet"), ("/pl", "bus pass"),
                          ("/ar", "بطاقة الباص")):
        html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
        promoted = html.split("data-portal-promotions", 1)[1].split("</div>", 1)[0]
        assert ANSWER[prefix] in promoted, words
