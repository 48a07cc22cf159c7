"""Phone and e-mail links written with Wagtail's rich-text link choosers read and dial as the
site's own (issue 13, review r13k): the number or address a link shows is isolated left to
right, so an Arabic page does not turn its digit groups round ("890 567 01234", F1); its
``tel:`` address is dialled in international form, "(0)" dropped (F2); "Tel.07700 900 123" is
still a number, digits inside an e-mail address never are (F3, F8); addresses typed in FAQ and
policy text are mailto: links, isolated too (F4)."""

import json

import pytest
from django.utils.safestring import mark_safe

from portal.models import FAQIndexPage, PolicyPage
from portal.phone_numbers import (
    link_email_addresses,
    link_phone_numbers,
    phone_number_spans,
    phone_numbers_in,
    typed_copies_replaced,
)
from portal.templatetags.phone_links import mail_links, tel_links

# ``tel_links`` without a request reads the default site's Service details (the number it
# links wherever it is written), so these calls read the database.
pytestmark = pytest.mark.django_db
TEL = "tel:+441234567890"
BDI = '<bdi dir="ltr">{}</bdi>'


def _link(href, text):
    return f'<a href="{href}">{text}</a>'


@pytest.mark.parametrize(("href", "shown"), [
    ("tel:01234567890", "01234 567 890"),
    ("tel:+44(0)1234567890", "+44 (0)1234 567 890"),
    ("tel:+44%20(0)1234%20567%20890", "+44 (0)1234 567 890"),
    ("tel:+441234567890", "\u0660\u0661\u0662\u0663\u0664 \u0665\u0666\u0667 \u0668\u0669\u0660"),
])
def test_a_chooser_phone_link_dials_in_international_form_and_reads_left_to_right(href, shown):
    html = str(tel_links(mark_safe(f'<p>اتصل على <a href="{href}">{shown}</a> الآن</p>')))
    assert html == (f'<p>اتصل على <a class="govuk-link portal-tel" href="{TEL}">'
                    f'{BDI.format(shown)}</a> الآن</p>')


def test_a_chooser_phone_link_with_words_isolates_only_its_number():
    html = str(tel_links(mark_safe('<p><a class="x" href="tel:01234 567 890">Phone 01234 567 890 '
                         'today</a></p>')))
    assert html == (f'<p><a class="x govuk-link portal-tel" href="{TEL}">Phone '
                    f'{BDI.format("01234 567 890")} today</a></p>')


def test_a_number_already_isolated_in_a_link_is_not_isolated_twice():
    html = f'<a class="govuk-link portal-tel" href="{TEL}">{BDI.format("01234 567 890")}</a>'
    assert str(tel_links(mark_safe(html))) == html


def test_a_phone_link_with_no_number_to_dial_keeps_its_address():
    assert 'href="tel:"' in str(tel_links(mark_safe('<a href="tel:">Call</a>')))


@pytest.mark.parametrize("text", ["Tel.07700 900 123", "Mob.07700 900 123",
                                  "Tel:07700 900 123", "(07700 900 123)"])
def test_a_number_after_an_abbreviation_is_linked(text):
    html = link_phone_numbers(f"<p>{text}</p>", _link)
    assert '<a href="tel:+447700900123">07700 900 123</a>' in html
    assert phone_numbers_in(text) == ["07700 900 123"]


@pytest.mark.parametrize("address", ["texts@sms-07700900123.example.uk",
                                     "07700900123@sms.example.gov.uk",
                                     "a.07700900123@sms.example.gov.uk",
                                     "texts@01234567890.example.uk"])
def test_digits_inside_an_address_are_never_a_number(address):
    text = f"Text {address} or ring 01234 567 890."
    assert phone_numbers_in(text) == ["01234 567 890"]
    assert [text[a:b] for a, b in phone_number_spans(text)] == ["01234 567 890"]
    assert typed_copies_replaced(text, "07700 900123") == text
    html = link_email_addresses(link_phone_numbers(f"<p>{text}</p>", _link), _link)
    assert html == (f'<p>Text <a href="mailto:{address}">{address}</a> or ring '
                    f'<a href="{TEL}">01234 567 890</a>.</p>')


def test_a_chooser_email_link_and_a_typed_address_are_isolated_mailto_links():
    html = str(mail_links(tel_links(mark_safe(
        '<p>راسلنا <a href="mailto:send@example.gov.uk">send@example.gov.uk</a> أو '
        'help@example.gov.uk</p>'))))
    assert html == ('<p>راسلنا <a class="govuk-link" href="mailto:send@example.gov.uk">'
                    f'{BDI.format("send@example.gov.uk")}</a> أو <a class="govuk-link" '
                    f'href="mailto:help@example.gov.uk">{BDI.format("help@example.gov.uk")}'
                    '</a></p>')


def _with_rich_text(page, field, extra):
    raw = json.loads(json.dumps(list(getattr(page, field).raw_data)))
    if field == "topics":
        question = raw[0]["value"]["questions"][0]
        question = question.get("value", question)
        question["answer"] += extra
    else:
        raw[0]["value"]["body"] += extra
    setattr(page, field, raw)
    page.save_revision().publish()
    return page


CHOSEN = ('<p>Ring <a href="tel:+44 (0)1234 567 890">+44 (0)1234 567 890</a>, '
          '<a href="mailto:chosen@example.gov.uk">chosen@example.gov.uk</a>, '
          'typed@example.gov.uk or Tel.07700 900 123.</p>')


def _readers_sees_links(html):
    main = html.split('id="main-content"', 1)[1]
    assert (f'<a class="govuk-link portal-tel" href="{TEL}">'
            f'{BDI.format("+44 (0)1234 567 890")}</a>') in main
    assert ('<a class="govuk-link" href="mailto:chosen@example.gov.uk">'
            f'{BDI.format("chosen@example.gov.uk")}</a>') in main
    assert ('<a class="govuk-link" href="mailto:typed@example.gov.uk">'
            f'{BDI.format("typed@example.gov.uk")}</a>') in main
    assert ('Tel.<a class="govuk-link portal-tel" href="tel:+447700900123">'
            f'{BDI.format("07700 900 123")}</a>') in main
    assert "tel:+44(0)" not in main and "tel:+44 (0)" not in main


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en-gb", "ar"])
def test_the_faq_shows_chooser_links_and_typed_addresses_as_the_sites_own(demo, client,
                                                                          settings, code):
    settings.PORTAL_PAGE_CACHE = False
    faq = FAQIndexPage.objects.get(locale__language_code=code, alias_of__isnull=True)
    _with_rich_text(faq, "topics", CHOSEN)
    _readers_sees_links(client.get(faq.url).content.decode())


@pytest.mark.django_db
def test_a_policy_section_shows_chooser_links_and_typed_addresses_as_the_sites_own(
        demo, client, settings):
    settings.PORTAL_PAGE_CACHE = False
    policy = PolicyPage.objects.get(locale__language_code="en-gb", slug="travel-assistance")
    _with_rich_text(policy, "sections", CHOSEN)
    _readers_sees_links(client.get(policy.url).content.decode())
