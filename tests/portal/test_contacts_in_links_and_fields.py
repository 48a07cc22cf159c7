"""The transport number and address where an officer writes them: "{phone}" / "{email}" as a
rich-text link's target (Wagtail's phone and e-mail link choosers write ``href="tel:{phone}"``)
become the bare number or address, so "Call us" dials the team and the FAQ's structured data
reads "Call us" (finding F3 of issue 13); the Service details address cannot leave the link's
href and is refused with quotes or other signs (F4); the number is kept in ASCII digits with one
space or hyphen between groups (F8)."""

import json

import pytest
from django.core.exceptions import ValidationError

from portal.models import FAQIndexPage, PortalSettings, ServiceDetails
from portal.phone_numbers import (
    NotOneNumber,
    email_filled_in_html,
    link_email_addresses,
    link_phone_numbers,
    normalised_phone,
    phone_filled_in_html,
    tel_href,
)
from portal.selectors import _mail_link
from portal.templatetags.phone_links import mail_links

TEL = "tel:+441234567890"


def _link(href, text):
    return f'<a href="{href}">{text}</a>'


@pytest.mark.parametrize("address", ["07700900123@sms.example.gov.uk",
                                     "a.07700900123@sms.example.gov.uk",
                                     "texts@01234567890.example.uk"])
def test_an_address_made_of_a_phone_number_is_one_mailto_link(address):
    # Numbers are linked before addresses (bk13j F2): the digits of an address are not a
    # number to dial, and the address stays whole.
    html = link_email_addresses(link_phone_numbers(f"<p>Text {address} or ring 01234 567 890.</p>",
                                                   _link), _link)
    assert html == (f'<p>Text <a href="mailto:{address}">{address}</a> or ring '
                    f'<a href="{TEL}">01234 567 890</a>.</p>')


def test_a_placeholder_as_a_links_target_is_the_number_or_address_alone():
    html = phone_filled_in_html('<p><a href="tel:{phone}">Call us</a> on {phone}.</p>',
                                "01234 567 890", _link)
    assert html == (f'<p><a href="{TEL}">Call us</a> on '
                    f'<a href="{TEL}">01234 567 890</a>.</p>')
    html = email_filled_in_html('<p><a href="mailto:{email}">e-mail us</a> at {email}</p>',
                                "send.transport@example.gov.uk", _link)
    assert html == ('<p><a href="mailto:send.transport@example.gov.uk">e-mail us</a> at '
                    '<a href="mailto:send.transport@example.gov.uk">'
                    'send.transport@example.gov.uk</a></p>')


def test_a_placeholder_in_a_links_words_is_not_a_link_inside_the_link():
    html = phone_filled_in_html('<a href="/contact/">Ring {phone}</a>', "01234 567 890", _link)
    assert html == '<a href="/contact/">Ring <bdi dir="ltr">01234 567 890</bdi></a>'


def test_the_number_a_phone_link_shows_reads_left_to_right_on_an_arabic_page():
    # What Wagtail's phone link chooser writes with no words selected (bk13j F1): the link
    # dials the number and its words are the number, isolated left to right.
    html = phone_filled_in_html('<p>اتصل <a href="tel:{phone}">{phone}</a></p>',
                                "01234 567 890", _link)
    assert html == ('<p>اتصل <a href="tel:+441234567890">'
                    '<bdi dir="ltr">01234 567 890</bdi></a></p>')


def test_an_address_with_quotes_cannot_leave_the_href():
    # One stored before the field refused quotes: still inside its href, not an attribute.
    bad = '"/onmouseover=alert(1)//"@example.gov.uk'
    html = email_filled_in_html('<p>{email} <a href="mailto:{email}">us</a></p>', bad,
                                _mail_link)
    assert 'mailto:"' not in html and ' onmouseover' not in html
    assert html.count('href="mailto:&quot;/onmouseover=alert(1)//&quot;@example.gov.uk"') == 2


def _faq_with_answer(extra):
    faq = FAQIndexPage.objects.get(locale__language_code="en-gb", alias_of__isnull=True)
    raw = json.loads(json.dumps(list(faq.topics.raw_data)))
    question = raw[0]["value"]["questions"][0]
    question = question.get("value", question)
    question["answer"] += extra
    faq.topics = raw
    faq.save_revision().publish()
    return faq


@pytest.mark.django_db
def test_call_us_linked_to_the_placeholder_dials_the_team_on_the_faq(demo, client):
    faq = _faq_with_answer('<p><a href="tel:{phone}">Call us</a> or '
                           '<a href="mailto:{email}">e-mail us</a>.</p>')
    html = client.get(faq.url).content.decode()
    # Styled as the site's own phone and e-mail links (r13k F1, F4).
    assert f'<a class="govuk-link portal-tel" href="{TEL}">Call us</a>' in html
    assert ('<a class="govuk-link" href="mailto:send.transport@example.gov.uk">e-mail us</a>'
            in html)
    assert '">Call us' not in html.replace(f'"{TEL}">Call us', "")
    assert 'href="tel:<a' not in html and "{phone}" not in html and "{email}" not in html
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1]
                      .split("</script>", 1)[0])
    answer = data["mainEntity"][0]["acceptedAnswer"]["text"]
    assert answer.endswith("Call us or e-mail us."), answer


def _english_details():
    from wagtail.models import Site

    return ServiceDetails.objects.get(
        pk=PortalSettings.for_site(Site.objects.get(is_default_site=True)).service_details.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ['"/onmouseover=alert(1)//"@example.gov.uk',
                                   '"send transport"@example.gov.uk', "send'x@example.gov.uk"])
def test_service_details_refuse_an_address_with_quotes_or_other_signs(demo, typed):
    details = _english_details()
    details.email = typed
    with pytest.raises(ValidationError) as refused:
        details.full_clean()
    assert "no quotes" in " ".join(refused.value.message_dict["email"])
    details.email = "travel.help+send@example.gov.uk"
    details.full_clean()
    assert details.email == "travel.help+send@example.gov.uk"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "officer"])
def test_an_officer_saving_a_quoted_address_sees_it_refused_and_the_old_one_kept(
        demo, client, login_as, role):
    details = _english_details()
    login_as(role)
    url = f"/admin/snippets/portal/servicedetails/edit/{details.pk}/"
    fields = {"service_name": details.service_name, "phone": details.phone,
              "opening_hours": "", "footer_note": ""}
    response = client.post(url, {**fields, "email": '"/onmouseover=alert(1)//"@example.gov.uk'})
    assert response.status_code == 200
    assert "no quotes, spaces or other signs" in response.content.decode()
    details.refresh_from_db()
    assert details.email == "send.transport@example.gov.uk"


@pytest.mark.parametrize(("typed", "kept"), [
    ("0\u0663\u0660\u0660 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667", "0300 123 4567"),
    ("+\u0664\u0664 \u0661\u0662\u0663\u0664 \u0665\u0666\u0667 \u0668\u0669\u0660",
     "+44 1234 567 890"),
    ("\u0660\u0663\u0660\u0660 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667", "0300 123 4567"),
    ("\u06f0\u06f3\u06f0\u06f0 \u06f1\u06f2\u06f3 \u06f4\u06f5\u06f6\u06f7", "0300 123 4567"),
])
def test_arabic_indic_digits_are_kept_as_the_digits_a_phone_dials(typed, kept):
    assert normalised_phone(typed) == kept
    assert tel_href(typed) == tel_href(kept)
    assert tel_href(typed).isascii()


@pytest.mark.parametrize("typed", ["01234-------567890", "01234 -- 567890", "0300 123--4567"])
def test_runs_of_separators_are_refused_with_a_plain_message(typed):
    with pytest.raises(NotOneNumber) as refused:
        normalised_phone(typed)
    assert "one space or one hyphen" in str(refused.value)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "officer"])
def test_an_officer_pasting_an_arabic_number_sees_ascii_digits_on_every_page(
        demo, client, login_as, role):
    details = _english_details()
    login_as(role)
    url = f"/admin/snippets/portal/servicedetails/edit/{details.pk}/"
    client.post(url, {"service_name": details.service_name,
                      "phone": "0\u0663\u0660\u0660 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667",
                      "email": details.email, "opening_hours": "", "footer_note": ""})
    details.refresh_from_db()
    assert details.phone == "0300 123 4567"
    client.logout()
    html = client.get("/ar/").content.decode()
    assert 'href="tel:+443001234567"' in html and "\u0663\u0660\u0660" not in html


# --- an address with an apostrophe is linked whole (issue 13, F6) ----------------------------


@pytest.mark.parametrize(("written", "address"), [
    ("j.o'neill@example.gov.uk", "j.o'neill@example.gov.uk"),
    ("j.o&#x27;neill@example.gov.uk", "j.o'neill@example.gov.uk"),  # as a plain field escapes it
    ("j.o&#39;neill@example.gov.uk", "j.o'neill@example.gov.uk"),
    ("travel+send@example.gov.uk", "travel+send@example.gov.uk"),
])
def test_an_address_with_an_apostrophe_is_one_mailto_link_to_that_mailbox(written, address):
    html = link_email_addresses(f"<p>Write to {written}.</p>", _link)
    assert html == f'<p>Write to <a href="mailto:{address}">{written}</a>.</p>'


def test_a_quote_before_an_address_is_not_part_of_it():
    html = link_email_addresses("<p>'send@example.gov.uk'</p>", _link)
    assert html == "<p>'<a href=\"mailto:send@example.gov.uk\">send@example.gov.uk</a>'</p>"


def test_the_mail_links_filter_links_an_apostrophe_address_from_a_plain_field():
    html = str(mail_links("Ask j.o'neill@example.gov.uk"))
    assert html.count("<a ") == 1
    assert 'href="mailto:j.o&#x27;neill@example.gov.uk"' in html
    assert "j.o&#x27;neill@example.gov.uk</bdi></a>" in html
