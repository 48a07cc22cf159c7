"""The Service details number as officers type it: one number a phone can dial is kept (any
space character, "+44 (0)"), words or a second number are refused with a plain message, and a
number already stored with them still gives a tel: link to the number alone."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from portal.models import ServiceDetails
from portal.phone_numbers import NotOneNumber, link_phone_numbers, normalised_phone, tel_href


def _link(href, text):
    return f'<a href="{href}">{text}</a>'


@pytest.mark.parametrize(("typed", "href"), [
    ("0300 123 4567 (option 2)", "tel:+443001234567"),
    ("+44 (0)300 123 4567", "tel:+443001234567"),
    ("0300 123 4567 / 07700 900123", "tel:+443001234567"),
    ("0300\u00a0123\u00a04567", "tel:+443001234567"),
    ("0300\u2009123\u202f4567", "tel:+443001234567"),
    ("(01234) 567890", "tel:+441234567890"),
])
def test_the_tel_link_dials_the_number_alone_however_it_was_stored(typed, href):
    assert tel_href(typed) == href


@pytest.mark.parametrize(("typed", "kept"), [
    ("+44 (0)300 123 4567", "+44 300 123 4567"),
    ("0300\u00a0123\u00a04567", "0300 123 4567"),
    ("  0300  123 4567 ", "0300 123 4567"),
    ("(01234) 567890", "01234 567890"),
    ("+48 22 123 45 67", "+48 22 123 45 67"),
    ("", ""),
])
def test_one_dialable_number_is_kept_in_one_form(typed, kept):
    assert normalised_phone(typed) == kept


@pytest.mark.parametrize("typed", ["0300 123 4567 (option 2)", "0300 123 4567 / 07700 900123",
                                   "0300 123 4567 07700 900123", "ring us", "12345"])
def test_words_or_a_second_number_are_refused_plainly(typed):
    with pytest.raises(NotOneNumber) as refused:
        normalised_phone(typed)
    said = str(refused.value)
    assert "0300 123 4567" in said  # an example of what to type


def test_a_number_with_non_breaking_spaces_or_the_uk_0_in_text_is_a_link():
    html = link_phone_numbers("Phone 0300\u00a0123\u00a04567 or +44 (0)300 123 4567.", _link)
    assert html.count('href="tel:+443001234567"') == 2


@given(st.lists(st.sampled_from([" ", "\u00a0", "\u2009", "\u202f", "-"]), min_size=2,
                max_size=2))
def test_any_space_between_groups_dials_the_same_number(separators):
    typed = f"0300{separators[0]}123{separators[1]}4567"
    assert tel_href(typed) == "tel:+443001234567"
    assert tel_href(normalised_phone(typed)) == "tel:+443001234567"


@pytest.mark.django_db
def test_service_details_refuse_words_in_the_phone_field_and_say_where_they_go():
    details = ServiceDetails(phone="0300 123 4567 (option 2)")
    with pytest.raises(ValidationError) as refused:
        details.full_clean()
    assert "Opening hours" in " ".join(refused.value.message_dict["phone"])
    details = ServiceDetails(phone="+44 (0)300\u00a0123 4567")
    details.full_clean()
    assert details.phone == "+44 300 123 4567"


@pytest.mark.django_db
def test_an_officer_saving_a_number_with_words_sees_it_refused_and_kept(client, login_as, tree):
    details = ServiceDetails.objects.create(locale=tree.home.locale, phone="0300 123 4567")
    login_as("admin")
    url = f"/admin/snippets/portal/servicedetails/edit/{details.pk}/"
    form = client.get(url).content.decode()
    assert "on a Polish or Arabic copy this field is ignored" in form
    response = client.post(url, {"service_name": "SEND transport",
                                 "phone": "0300 123 4567 (option 2)", "email": "",
                                 "opening_hours": "", "footer_note": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Put words such as" in html and "0300 123 4567 (option 2)" in html
    details.refresh_from_db()
    assert details.phone == "0300 123 4567"
    client.post(url, {"service_name": "SEND transport", "phone": "+44 (0)300 123 4567",
                      "email": "", "opening_hours": "", "footer_note": ""})
    details.refresh_from_db()
    assert details.phone == "+44 300 123 4567"
