"""A searched word inside an e-mail address or a phone number does not cut it in the result's
excerpt: the address stays one whole mailto: link and the number one tel: link isolated left
to right (in Arabic too), with the word unmarked inside them (findings F1, F2 of issue 13)."""

import json

import pytest
from wagtail.search.backends import get_search_backend

from portal.excerpts import excerpt
from portal.models import FAQIndexPage

ADDRESS = "send.transport@example.gov.uk"
MAIL_LINK = f'href="mailto:{ADDRESS}"><bdi dir="ltr">{ADDRESS}</bdi></a>'
TEL_LINK = 'href="tel:+441234567890"><bdi dir="ltr">01234 567 890</bdi></a>'


def _whole_in_one_unmarked_part(parts, whole):
    return any(whole in text and not marked for text, marked in parts) and not any(
        marked and text in whole for text, marked in parts)


@pytest.mark.parametrize("query", ["send", "transport", "example", "ask send"])
def test_a_word_inside_an_address_leaves_the_address_whole_and_unmarked(query):
    parts = excerpt(f"Ask us anything. Or write to {ADDRESS}.", query)
    assert _whole_in_one_unmarked_part(parts, ADDRESS), parts


@pytest.mark.parametrize("query", ["01234", "567", "transport team 01234"])
def test_a_digit_group_searched_leaves_the_number_whole_and_unmarked(query):
    parts = excerpt("Phone the transport team straight away on 01234 567 890.", query)
    assert _whole_in_one_unmarked_part(parts, "01234 567 890"), parts
    assert ("transport", True) in parts or "transport" not in query


def _excerpts(html):
    results = html.split('class="govuk-list portal-results"', 1)[1].split("</ol>", 1)[0]
    return [p.split("</p>", 1)[0] for p in results.split('<p class="govuk-body"')[1:]]


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["ask send", "ask transport"])
def test_the_faq_excerpt_keeps_the_address_one_mailto_link(demo, client, words):
    faq = FAQIndexPage.objects.get(locale__language_code="en-gb", alias_of__isnull=True)
    raw = json.loads(json.dumps(list(faq.topics.raw_data)))
    question = raw[0]["value"]["questions"][0]
    question = question.get("value", question)
    question["answer"] = question["answer"].replace("</p>", " Or write to {email}.</p>", 1)
    faq.topics = raw
    faq.save_revision().publish()
    get_search_backend().add(FAQIndexPage.objects.get(pk=faq.pk))  # as the index job does
    html = client.get("/search/", {"q": words}).content.decode()
    found = [text for text in _excerpts(html) if "@" in text]
    assert found, _excerpts(html)
    for text in found:
        assert MAIL_LINK in text, text
        assert "mailto:." not in text and "</mark>@" not in text
        assert "</mark>.transport" not in text and "@<mark>" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words"), [
    ("", "transport team 01234"), ("/ar", "فريق المواصلات 01234"),
    ("/pl", "zespół transportu 01234"),
])
def test_a_searched_digit_group_keeps_the_number_one_tel_link(demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    found = [text for text in _excerpts(html) if "01234" in text]
    assert found, _excerpts(html)
    for text in found:
        assert TEL_LINK in text, text
        assert "<mark>01234</mark>" not in text
