"""The Service details number is one a phone can dial, checked against libphonenumber's
numbering data: odd shapes ("01234567890-", one digit at a time, "+0000000000") are refused
with a plain message; the ways officers write a real number ("01234 - 567890", "01234 567
890", "+44 1234 567890") are kept as typed, and every page gives the tel: link to dial it."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.models import ServiceDetails
from portal.phone_numbers import NotOneNumber, link_phone_numbers, normalised_phone, tel_href

ODD = {
    "01234567890-": "end it with a digit",
    "0-1-2-3-4-5-6-7-8-9-0": "not one digit at a time",
    "+0000000000": "is not one UK phone number",
    "0000 000 0000": "is not one UK phone number",
    "-01234 567890": "Start the number with 0 or +",
}


@pytest.mark.parametrize(("typed", "said"), ODD.items())
def test_odd_shapes_are_refused_with_a_plain_message(typed, said):
    with pytest.raises(NotOneNumber) as refused:
        normalised_phone(typed)
    assert said in str(refused.value)
    assert "0300 123 4567" in str(refused.value)  # an example of what to type


@pytest.mark.parametrize(("typed", "href"), [
    ("01234 - 567890", "tel:+441234567890"),
    ("01234 567 890", "tel:+441234567890"),
    ("+44 1234 567890", "tel:+441234567890"),
    ("0300 123 4567", "tel:+443001234567"),
    ("0800-123-4567", "tel:+448001234567"),
    ("+48 22 123 45 67", "tel:+48221234567"),  # another country's number, valid there
    # One digit after a country code is how France writes its numbers.
    ("+33 1 23 45 67 89", "tel:+33123456789"),
])
def test_real_numbers_are_kept_as_typed_and_dial_the_number(typed, href):
    assert normalised_phone(typed) == typed
    assert tel_href(normalised_phone(typed)) == href


@pytest.mark.parametrize("typed", ["01632 960001", "07700 900123", "+44 7700 900000",
                                   "020 7946 0123"])
def test_ofcoms_drama_numbers_the_demo_and_tests_use_are_kept(typed):
    assert normalised_phone(typed) == typed


@given(st.sampled_from(["01234 567890", "0300 123 4567", "07700 900123"]),
       st.sampled_from([" ", "-", " - "]))
def test_any_one_separator_between_groups_is_linked_in_text(number, separator):
    typed = number.replace(" ", separator)
    kept = normalised_phone(typed)
    html = link_phone_numbers(f"Phone {kept} today.", lambda h, t: f'<a href="{h}">{t}</a>')
    assert f'<a href="{tel_href(number)}">{kept}</a>' in html


@pytest.mark.django_db
def test_an_officer_typing_an_odd_number_sees_why_and_the_old_one_stays(demo, client, login_as):
    from wagtail.models import Site

    from portal.models import PortalSettings

    details = ServiceDetails.objects.get(
        pk=PortalSettings.for_site(Site.objects.get(is_default_site=True)).service_details.pk)
    login_as("officer")
    url = f"/admin/snippets/portal/servicedetails/edit/{details.pk}/"
    fields = {"service_name": details.service_name, "email": details.email,
              "opening_hours": "", "footer_note": ""}
    for typed, said in ODD.items():
        response = client.post(url, {**fields, "phone": typed})
        assert response.status_code == 200
        assert said in response.content.decode()
        details.refresh_from_db()
        assert details.phone == "01234 567 890"
    client.post(url, {**fields, "phone": "01234 - 567890"})
    details.refresh_from_db()
    assert details.phone == "01234 - 567890"
    client.logout()
    for prefix in ("", "/pl", "/ar"):
        html = client.get(f"{prefix}/").content.decode()
        assert re.search(r'<a [^>]*href="tel:\+441234567890"[^>]*>(<bdi[^>]*>)?01234 - 567890',
                         html), prefix


# --- numbers whose tel: link would not dial (issue 13, F2) ------------------------------------


@pytest.mark.parametrize(("shown", "href"), [
    ("+44 0300 123 4567", "tel:+443001234567"),  # the trunk 0 after +44 is not dialled
    ("0044 300 123 4567", "tel:+443001234567"),  # 00 is the UK's international prefix
    ("1234 567890", "tel:+441234567890"),  # a UK number written without its 0
    ("+4401234567890", "tel:+441234567890"),  # as the phone link chooser writes it
])
def test_a_tel_link_dials_the_number_meant(shown, href):
    assert tel_href(shown) == href


def test_the_choosers_tel_link_is_written_to_dial():
    html = link_phone_numbers('<a href="tel:+4401234567890">01234 567 890</a>',
                              lambda href, text: text)
    assert 'href="tel:+441234567890"' in html


@pytest.mark.parametrize("typed", ["+44 0300 123 4567", "1234 567890"])
def test_service_details_refuse_a_number_typed_so_it_would_misdial(typed):
    with pytest.raises(NotOneNumber):
        normalised_phone(typed)


def test_service_details_keep_a_number_with_the_international_prefix():
    assert tel_href(normalised_phone("0044 300 123 4567")) == "tel:+443001234567"
