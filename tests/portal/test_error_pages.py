"""Error pages in the site's design, in plain words, in the reader's language."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from portal import views

LANGUAGES = [("", "en-gb", "ltr"), ("/pl", "pl", "ltr"), ("/ar", "ar", "rtl")]
WORDS = {
    400: {"en-gb": "Sorry, we could not read what was sent",
          "pl": "nie udało się odczytać tego, co zostało wysłane",
          "ar": "عذرًا، لم نتمكن من قراءة ما أُرسل"},
    403: {"en-gb": "You cannot open this page", "pl": "Nie możesz otworzyć tej strony",
          "ar": "لا يمكنك فتح هذه الصفحة"},
    404: {"en-gb": "Page not found", "pl": "Nie znaleziono strony",
          "ar": "الصفحة غير موجودة"},
    500: {"en-gb": "Sorry, something went wrong on our side",
          "pl": "Przepraszamy, coś poszło nie tak po naszej stronie",
          "ar": "عذرًا، حدث خطأ من جهتنا"},
}


def _request(path):
    translation.activate("en-gb")  # as LocaleMiddleware does first for an unprefixed address
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


def _check(html, status, lang, direction):
    assert f'<html lang="{lang}" dir="{direction}"' in html
    assert WORDS[status][lang] in html
    assert 'class="portal-header' in html  # the site's design, not Django's bare page


@pytest.mark.django_db
@pytest.mark.parametrize("prefix,lang,direction", LANGUAGES)
def test_page_not_found_speaks_the_readers_language(client, tree, prefix, lang, direction):
    response = client.get(f"{prefix}/no-such-page/")
    assert response.status_code == 404
    _check(response.content.decode(), 404, lang, direction)


@pytest.mark.django_db
@pytest.mark.parametrize("prefix,lang,direction", LANGUAGES)
def test_bad_request_and_forbidden_speak_the_readers_language(tree, prefix, lang, direction):
    for status, handler in ((400, views.bad_request), (403, views.permission_denied)):
        response = handler(_request(f"{prefix}/forum/"), Exception())
        assert response.status_code == status
        _check(response.content.decode(), status, lang, direction)


@pytest.mark.django_db
def test_a_signed_in_person_without_the_role_gets_the_plain_403(client, tree, login_as):
    login_as("board_member")
    response = client.get("/forum/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot open this page" in html and "contact the transport team" in html


@pytest.mark.parametrize("prefix,lang,direction", LANGUAGES)
def test_the_500_page_renders_with_no_database(prefix, lang, direction):
    # No database mark: any query here fails the test.
    response = views.server_error(RequestFactory().get(f"{prefix}/search/"))
    assert response.status_code == 500
    _check(response.content.decode(), 500, lang, direction)


@pytest.mark.django_db
def test_a_crash_shows_the_500_page_in_the_readers_language(client, tree, monkeypatch):
    def broken():
        raise RuntimeError("the database went away")

    monkeypatch.setattr(views, "active_locale", broken)
    client.raise_request_exception = False
    response = client.get("/ar/search/?q=bus")
    assert response.status_code == 500
    _check(response.content.decode(), 500, "ar", "rtl")


@pytest.mark.parametrize(("prefix", "said"), [
    ("", "phone the transport team:"),
    ("/pl", "zadzwoń do zespołu transportu:"),
    ("/ar", "فاتصل بفريق المواصلات:"),
])
def test_the_500_page_gives_the_transport_teams_number_to_tap(prefix, said):
    # No database mark: the number comes from the settings, not the service details.
    html = views.server_error(RequestFactory().get(f"{prefix}/search/")).content.decode()
    assert said in html
    assert 'href="tel:+441234567890"' in html
