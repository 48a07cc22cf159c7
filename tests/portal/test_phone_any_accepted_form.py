"""Any number Service details accepts is tappable wherever ``{phone}`` is filled in as plain
text (the home page's help box, the urgent best answer, a promoted search's description),
as rich text already gives it; UK numbers libphonenumber reads ("0800 1111", "0044 …",
"+44 0300 …") are ``tel:`` links in body text; a one-digit country code ("+1 …") and a
dash from a word processor ("01234–567890") are accepted in Service details."""

import pytest
from wagtail.models import Site

from portal.models import HomePage, PortalSettings, ServiceDetails
from portal.phone_numbers import NotOneNumber, link_phone_numbers, normalised_phone


def _link(href, text):
    return f'<a href="{href}">{text}</a>'


@pytest.mark.parametrize(("text", "href"), [
    ("Phone 0800 1111 any time.", "tel:+448001111"),
    ("Phone 0044 1234 567890 today.", "tel:+441234567890"),
    ("Phone +44 0300 123 4567 today.", "tel:+443001234567"),
])
def test_uk_numbers_libphonenumber_reads_are_linked_in_text(text, href):
    assert f'href="{href}"' in link_phone_numbers(text, _link)


def test_the_service_details_number_is_linked_in_text_whatever_its_form():
    text = "Phone +1 202 456 1111 or 01234 567 890; not 1+1 202 456 11112."
    html = link_phone_numbers(text, _link, also="+1 202 456 1111")
    assert '<a href="tel:+12024561111">+1 202 456 1111</a>' in html
    assert '<a href="tel:+441234567890">01234 567 890</a>' in html
    assert html.count("<a ") == 2


@pytest.mark.parametrize("typed", ["+1 202 555 0100", "+1 202 456 1111", "+7 495 123 45 67"])
def test_a_one_digit_country_code_is_kept(typed):
    assert normalised_phone(typed) == typed


def test_a_wrong_non_uk_number_is_refused_as_such():
    with pytest.raises(NotOneNumber) as refused:
        normalised_phone("+1 202 555 01")
    said = str(refused.value)
    assert "country its code names" in said and "one digit at a time" not in said


@pytest.mark.parametrize("dash", ["\u2013", "\u2014", "\u2011", "\u2212"])
def test_a_word_processors_dash_is_kept_as_a_hyphen(dash):
    assert normalised_phone(f"01234{dash}567890") == "01234-567890"
    assert normalised_phone(f"0300 {dash} 123 4567") == "0300 - 123 4567"


FORMS = {"0044 1234 567890": 'href="tel:+441234567890"', "0800 1111": 'href="tel:+448001111"',
         "+1 202 456 1111": 'href="tel:+12024561111"'}


def _set_number(number):
    details = PortalSettings.for_site(Site.objects.get(is_default_site=True)).service_details
    details = ServiceDetails.objects.get(pk=details.pk)
    details.phone = number
    details.full_clean()
    details.save()
    assert details.phone == number


@pytest.mark.django_db
@pytest.mark.parametrize("number", FORMS)
@pytest.mark.parametrize("code", ["en-gb", "ar"])
def test_the_home_pages_help_box_links_the_number_whatever_its_form(demo, client, number, code):
    _set_number(number)
    html = client.get(HomePage.objects.get(locale__language_code=code).url).content.decode()
    box = html.split("portal-home-help", 1)[1].split("</aside>", 1)[0]
    assert FORMS[number] in box


@pytest.mark.django_db
@pytest.mark.parametrize("number", FORMS)
def test_the_urgent_best_answer_links_the_number_whatever_its_form(demo, client, number):
    _set_number(number)
    html = client.get("/search/", {"q": "taxi late"}).content.decode()
    item = html.split("data-portal-urgent-faq", 1)[1].split("</li>", 1)[0]
    assert FORMS[number] in item


@pytest.mark.django_db
@pytest.mark.parametrize("number", FORMS)
@pytest.mark.parametrize(("prefix", "words"), [("", "phone"), ("/ar", "هاتف")])
def test_the_contact_best_answer_links_the_number_whatever_its_form(demo, client, number,
                                                                    prefix, words):
    _set_number(number)
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    box = html.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]
    assert FORMS[number] in box
