"""The transport team's number is written once, in the English Service details: the FAQ's
urgent answer, the home page's help box and promoted searches' descriptions say "{phone}",
and the reader sees that number as a ``tel:`` link, in every language. The data migration
replaces the typed copies an existing site holds; ``check --deploy`` (portal.W004) still names
a number typed anywhere."""

import importlib
import json
import re

import pytest
from django.apps import apps as django_apps
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Site

from portal.checks import one_transport_phone
from portal.models import FAQIndexPage, HomePage, PortalSettings, ServiceDetails
from portal.phone_numbers import (
    PHONE_PLACEHOLDER,
    phone_filled_in,
    phone_filled_in_html,
    typed_copies_replaced,
)

NEW = "01234 111 222"
NEW_TEL = 'href="tel:+441234111222"'
OLD_TEL = 'href="tel:+441234567890"'


def _link(href, text):
    return f'<a href="{href}">{text}</a>'


def test_the_placeholder_is_the_number_as_written():
    assert phone_filled_in("Phone us on {phone}.", "01234 567 890") == \
        "Phone us on 01234 567 890."
    assert phone_filled_in("on { Phone }", "0800 123 4567") == "on 0800 123 4567"


def test_in_rich_text_the_placeholder_is_a_tel_link_whatever_the_form_of_the_number():
    html = phone_filled_in_html("<p>Phone {phone} now.</p>", "+44 1234 567 890", _link)
    assert html == '<p>Phone <a href="tel:+441234567890">+44 1234 567 890</a> now.</p>'
    # A number a UK rule would not find is still tappable.
    assert 'href="tel:112"' in phone_filled_in_html("<p>{phone}</p>", "112", _link)


def test_typed_copies_of_the_number_become_the_placeholder_and_other_numbers_stay():
    text = "Phone 01234 567890 or +44 1234 567 890; out of hours 01273 290 000."
    assert typed_copies_replaced(text, "01234 567 890") == (
        f"Phone {PHONE_PLACEHOLDER} or {PHONE_PLACEHOLDER}; out of hours 01273 290 000.")
    assert typed_copies_replaced("In 2026, 1234 families", "01234 567 890") == \
        "In 2026, 1234 families"


pytestmark_db = pytest.mark.django_db


def _english_details():
    return PortalSettings.for_site(Site.objects.get(is_default_site=True)).service_details


def _new_number():
    details = ServiceDetails.objects.get(pk=_english_details().pk)
    details.phone = NEW
    details.save()


def _faq(code):
    return FAQIndexPage.objects.get(locale__language_code=code, alias_of__isnull=True)


@pytestmark_db
@pytest.mark.parametrize("prefix", ["", "/pl", "/ar"])
def test_the_faq_page_gives_the_number_changed_once_as_a_tel_link(demo, client, prefix):
    _new_number()
    faq = _faq({"": "en-gb", "/pl": "pl", "/ar": "ar"}[prefix])
    html = client.get(faq.url).content.decode()
    main = html.split('id="main-content"', 1)[1]
    assert NEW_TEL in main and OLD_TEL not in main
    assert "{phone}" not in html
    # The structured data carries the number a reader sees.
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html,
                                re.S).group(1))
    answers = " ".join(q["acceptedAnswer"]["text"] for q in data["mainEntity"])
    assert NEW in answers and "{phone}" not in answers


@pytestmark_db
@pytest.mark.parametrize(("prefix", "words"), [
    ("", "taxi late"), ("/pl", "taksówka spóźniona"), ("/ar", "الباص ما اجا"),
])
def test_the_urgent_best_answer_gives_the_number_changed_once(demo, client, prefix, words):
    _new_number()
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    item = html.split("data-portal-urgent-faq", 1)[1].split("</li>", 1)[0]
    assert NEW_TEL in item and OLD_TEL not in item and "{phone}" not in item


@pytestmark_db
@pytest.mark.parametrize(("prefix", "words"), [
    ("", "phone number"), ("", "call"), ("/pl", "telefon"), ("/ar", "هاتف"),
])
def test_a_promoted_searchs_description_gives_the_number_changed_once(demo, client, prefix,
                                                                      words):
    _new_number()
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    box = html.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]
    assert NEW_TEL in box and OLD_TEL not in box and "{phone}" not in box


@pytestmark_db
@pytest.mark.parametrize("code", ["en-gb", "pl", "ar"])
def test_the_home_pages_help_box_gives_the_number_changed_once(demo, client, code):
    _new_number()
    home = HomePage.objects.get(locale__language_code=code)
    html = client.get(home.url).content.decode()
    box = html.split("portal-home-help", 1)[1].split("</aside>", 1)[0]
    assert NEW_TEL in box and "{phone}" not in box


@pytestmark_db
def test_check_deploy_is_silent_about_places_that_follow_service_details(demo):
    _new_number()
    said = " ".join(w.msg for w in one_transport_phone(None))
    assert "FAQ" not in said and "promoted search" not in said and "home page" not in said


@pytestmark_db
def test_a_number_still_typed_is_named_by_check_deploy(demo):
    promotion = SearchPromotion.objects.filter(query__query_string="phone number").first()
    promotion.description = "Phone 01234 999 999."
    promotion.save()
    found = one_transport_phone(None)
    assert [w.id for w in found] == ["portal.W004"]
    assert "promoted search 'phone number' (01234 999 999)" in found[0].msg


def _typed_back(page, number="01234 567 890"):
    """The FAQ's answers as an existing site holds them: the number typed, in the page and
    its latest revision."""
    raw = json.loads(json.dumps(list(page.topics.raw_data)).replace(PHONE_PLACEHOLDER,
                                                                    number))
    page.topics = raw
    page.save(update_fields=["topics"])
    revision = page.latest_revision
    revision.content = json.loads(json.dumps(revision.content).replace(PHONE_PLACEHOLDER,
                                                                       number))
    revision.save(update_fields=["content"])


def _migrate(name):
    importlib.import_module(f"portal.migrations.{name}").forwards(django_apps, None)


@pytestmark_db
def test_the_migration_replaces_the_typed_copies_once_and_keeps_other_numbers(demo):
    faqs = list(FAQIndexPage.objects.filter(alias_of__isnull=True))
    for page in faqs:
        _typed_back(page, "01234 567890")
    home = HomePage.objects.get(locale__language_code="en-gb")
    home.help_text = "Phone 01234 567 890. Out of hours 01273 290 000."
    home.save(update_fields=["help_text"])
    query = Query.get("ring us")
    SearchPromotion.objects.create(query=query, page=faqs[0],
                                   description="Ring +44 1234 567 890 now.")
    _migrate("0009_transport_phone_written_once")
    _migrate("0009_transport_phone_written_once")  # again: nothing more changes
    for page in FAQIndexPage.objects.filter(alias_of__isnull=True):
        stored = json.dumps(list(page.topics.raw_data), ensure_ascii=False)
        assert "01234 567890" not in stored and stored.count(PHONE_PLACEHOLDER) == 1
        revision = json.dumps(page.latest_revision.content, ensure_ascii=False)
        assert "01234 567890" not in revision and PHONE_PLACEHOLDER in revision
    home.refresh_from_db()
    assert home.help_text == "Phone {phone}. Out of hours 01273 290 000."
    assert SearchPromotion.objects.get(query=query).description == "Ring {phone} now."


@pytestmark_db
def test_the_migration_changes_nothing_without_a_number_in_service_details(demo):
    page = FAQIndexPage.objects.get(locale__language_code="en-gb", alias_of__isnull=True)
    _typed_back(page)
    PortalSettings.objects.update(service_details=None)
    _migrate("0009_transport_phone_written_once")
    page.refresh_from_db()
    assert "01234 567 890" in json.dumps(list(page.topics.raw_data))
