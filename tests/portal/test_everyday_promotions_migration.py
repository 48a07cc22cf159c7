"""An existing site gets the everyday words' promoted searches ("apply", "wniosek",
"استمارة", "call", "ring", "email", "جوال"…) from a data migration, not only from the demo
loader: added once, never beside or over an officer's own promotion of the same words."""

import importlib

import pytest
from django.apps import apps as django_apps
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.models import FAQIndexPage, PolicyPage

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("portal.migrations.0010_everyday_contact_and_apply_searches")
EVERYDAY = ("apply", "wniosek", "استمارة", "call", "ring", "email", "جوال", "telefon", "هاتف")


def _migrate():
    MIGRATION.forwards(django_apps, None)


def _promotions(words):
    return SearchPromotion.objects.filter(query__query_string=words)


def test_an_existing_site_without_them_gets_them(demo, client):
    SearchPromotion.objects.filter(query__query_string__in=EVERYDAY).delete()
    _migrate()
    faq = FAQIndexPage.objects.get(locale__language_code="en-gb")
    travel = PolicyPage.objects.get(locale__language_code="en-gb", slug="travel-assistance")
    assert _promotions("call").get().page_id == faq.pk
    assert _promotions("wniosek").get().page_id == travel.pk
    assert _promotions("استمارة").get().page_id == travel.pk
    html = client.get("/ar/search/", {"q": "جوال"}).content.decode()
    box = html.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]
    assert 'href="tel:+441234567890"' in box
    html = client.get("/pl/search/", {"q": "wniosek"}).content.decode()
    assert "Jak złożyć wniosek" in html.split("data-portal-promotions", 1)[1]


def test_running_it_again_or_after_the_demo_adds_nothing(demo):
    before = SearchPromotion.objects.count()
    _migrate()
    _migrate()
    assert SearchPromotion.objects.count() == before


def test_an_officers_own_promotion_of_the_words_is_kept_and_nothing_added_beside_it(demo):
    SearchPromotion.objects.filter(query__query_string__in=EVERYDAY).delete()
    faq = FAQIndexPage.objects.get(locale__language_code="en-gb")
    SearchPromotion.objects.create(query=Query.get("ring"), page=faq,
                                   description="Our own words.")
    _migrate()
    assert list(_promotions("ring").values_list("description", flat=True)) == [
        "Our own words."]


def test_nothing_is_added_where_the_pages_are_missing(db):
    _migrate()
    assert not SearchPromotion.objects.exists()
