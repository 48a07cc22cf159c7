"""The transport team's e-mail address is written once, in the English Service details, as the
number is: "{email}" in an FAQ answer, the home help box or a promoted search's description
shows that address as a mailto: link, in every language; the migration that adds the everyday
contact searches to an existing site (portal/0010) writes "{email}", not the demo's address;
portal/0012 replaces typed copies; ``check --deploy`` (portal.W005) names another typed one."""

import importlib
import json

import pytest
from django.apps import apps as django_apps
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Site

from portal.checks import one_transport_email
from portal.models import FAQIndexPage, HomePage, PortalSettings, ServiceDetails
from portal.phone_numbers import (
    EMAIL_PLACEHOLDER,
    email_filled_in,
    email_filled_in_html,
    link_email_addresses,
    typed_email_copies_replaced,
)

NEW = "travel.help@example.gov.uk"
NEW_LINK = f'href="mailto:{NEW}"><bdi dir="ltr">{NEW}</bdi></a>'
DEMO = "send.transport@example.gov.uk"


def _link(href, text):
    return f'<a href="{href}">{text}</a>'


def test_the_placeholder_is_the_address_as_written():
    assert email_filled_in("Write to {email}.", NEW) == f"Write to {NEW}."
    assert email_filled_in("at { E-mail }", NEW) == f"at {NEW}"
    assert email_filled_in_html("<p>{email}</p>", NEW, _link) == \
        f'<p><a href="mailto:{NEW}">{NEW}</a></p>'
    assert email_filled_in_html("<p>{email}</p>", "", _link) == "<p></p>"


def test_an_address_in_text_becomes_a_link_but_not_inside_a_link_or_with_the_full_stop():
    assert link_email_addresses(f"Write to {NEW}.", _link) == \
        f'Write to <a href="mailto:{NEW}">{NEW}</a>.'
    # A link already there is not linked again: styled as the site's own, its address
    # isolated left to right (r13k F4), once however often it is read.
    linked = f'<a class="govuk-link" href="mailto:{NEW}"><bdi dir="ltr">{NEW}</bdi></a>'
    assert link_email_addresses(f'<a href="mailto:{NEW}">{NEW}</a>', _link) == linked
    assert link_email_addresses(linked, _link) == linked


def test_typed_copies_of_the_address_become_the_placeholder_and_other_addresses_stay():
    text = f"E-mail {NEW.upper()} or sendiass@example.org."
    assert typed_email_copies_replaced(text, NEW) == \
        f"E-mail {EMAIL_PLACEHOLDER} or sendiass@example.org."


def test_the_migration_and_the_demo_write_the_placeholder_not_the_demos_address():
    from portal.demo import search as demo_search

    migration = importlib.import_module(
        "portal.migrations.0010_everyday_contact_and_apply_searches")
    for text in (migration.CONTACT, migration.CONTACT_PL, migration.CONTACT_AR,
                 demo_search.CONTACT, demo_search.CONTACT_PL, demo_search.CONTACT_AR):
        assert "@" not in text and EMAIL_PLACEHOLDER in text


pytestmark_db = pytest.mark.django_db


def _new_address():
    details = ServiceDetails.objects.get(
        pk=PortalSettings.for_site(Site.objects.get(is_default_site=True)).service_details.pk)
    details.email = NEW
    details.save()


@pytestmark_db
@pytest.mark.parametrize(("prefix", "words"), [
    ("", "email"), ("", "contact"), ("/pl", "email"), ("/ar", "ايميل"),
])
def test_a_promoted_searchs_description_gives_the_address_changed_once(demo, client, prefix,
                                                                       words):
    _new_address()
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    box = html.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]
    assert NEW_LINK in box and DEMO not in box and "{email}" not in box


@pytestmark_db
def test_the_faq_and_home_help_box_show_email_as_the_address_link(demo, client):
    _new_address()
    faq = FAQIndexPage.objects.get(locale__language_code="en-gb", alias_of__isnull=True)
    raw = json.loads(json.dumps(list(faq.topics.raw_data)))
    question = raw[0]["value"]["questions"][0]
    question = question.get("value", question)  # a list item, as Wagtail stores it
    question["answer"] += "<p>Or e-mail {email}.</p>"
    faq.topics = raw
    faq.save()
    home = HomePage.objects.get(locale__language_code="ar")
    home.help_text = "راسلنا على {email}."
    home.save()
    html = client.get(faq.url).content.decode()
    assert NEW_LINK in html and "{email}" not in html
    html = client.get(home.url).content.decode()
    box = html.split("portal-home-help", 1)[1].split("</aside>", 1)[0]
    assert NEW_LINK in box and "{email}" not in box


@pytestmark_db
def test_the_migration_replaces_typed_copies_of_the_address_once(demo):
    _new_address()
    query = Query.get("write to us")
    faq = FAQIndexPage.objects.get(locale__language_code="en-gb", alias_of__isnull=True)
    SearchPromotion.objects.create(query=query, page=faq,
                                   description=f"E-mail {NEW} or sendiass@example.org.")
    home = HomePage.objects.get(locale__language_code="pl")
    home.help_text = f"Napisz: {NEW.upper()}"
    home.save(update_fields=["help_text"])
    module = importlib.import_module("portal.migrations.0012_transport_email_written_once")
    module.forwards(django_apps, None)
    module.forwards(django_apps, None)  # again: nothing more changes
    assert SearchPromotion.objects.get(query=query).description == \
        "E-mail {email} or sendiass@example.org."
    home.refresh_from_db()
    assert home.help_text == "Napisz: {email}"


@pytestmark_db
def test_check_deploy_names_an_address_typed_that_is_not_service_details(demo):
    assert one_transport_email(None) == []
    promotion = SearchPromotion.objects.filter(query__query_string="email").first()
    promotion.description = f"E-mail {DEMO}."
    promotion.save()
    _new_address()
    found = one_transport_email(None)
    assert [w.id for w in found] == ["portal.W005"]
    assert f"promoted search 'email' ({DEMO})" in found[0].msg
