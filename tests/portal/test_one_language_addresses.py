"""The board's pages are kept in English only (the record is kept in English): they are
served as English pages whatever language the reader asks for, and the language switcher
offers no Polish or Arabic copy that would only give the same English page again."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _switcher(html: str) -> str:
    return html.split('class="portal-languages__list"', 1)[1].split("</ul>", 1)[0]


@pytest.mark.parametrize("address", ["/board/", "page"])
def test_the_board_is_an_english_page_that_says_so_and_offers_no_languages(
        client, login_as, tree, address):
    login_as("board_member")
    url = f"/board/pages/{tree.policy.pk}/" if address == "page" else address
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<html lang="en-gb" dir="ltr"', html)
    assert "The board's record is in English only." in html
    assert 'class="portal-languages__list"' not in html
    assert "Polski" not in html and "العربية" not in html


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_no_board_page_is_served_under_a_language_address(client, login_as, language):
    login_as("board_member")
    response = client.get(f"/{language}/board/")
    assert response.status_code == 404


def test_pages_with_copies_still_offer_every_language(client, tree):
    switcher = _switcher(client.get("/search/?q=bus").content.decode())
    assert "Polski" in switcher and "العربية" in switcher
