"""Signing in, and the account pages, speak the reader's language: Polish and Arabic copies
with the right language and direction, and no English left in what a reader sees."""

import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.accounts.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENGLISH_WORDS = ["Sign in", "Username", "Password", "This is a shared computer",
                 "You will be signed out", "For forum representatives"]


def _main_text(html: str) -> str:
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.split(">", 1)[1]))


@pytest.mark.parametrize(("language", "direction"), [("pl", "ltr"), ("ar", "rtl")])
def test_the_sign_in_page_in_polish_and_arabic_has_no_english(client, language, direction):
    html = client.get(f"/{language}/sign-in/").content.decode()
    assert f'<html lang="{language}" dir="{direction}"' in html
    text = _main_text(html)
    for words in ENGLISH_WORDS:
        assert words not in text, words
    if language == "ar":
        assert not re.search(r"[A-Za-z]{2,}", text), text
    else:
        assert "To jest wspólny komputer" in text


def test_a_wrong_password_is_explained_in_arabic(client, forum_rep):
    html = client.post("/ar/sign-in/", {"username": "forumrep", "password": "wrong"}
                       ).content.decode()
    text = _main_text(html)
    assert "There is a problem" not in text
    assert not re.search(r"[A-Za-z]{2,}", text), text


def test_the_english_sign_in_page_is_unchanged(client):
    html = client.get("/sign-in/").content.decode()
    assert '<html lang="en-gb" dir="ltr"' in html
    assert "This is a shared computer" in html


TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_every_label_of_the_sign_in_and_account_pages_is_translated(language):
    """Each ``{% translate %}`` on the sign-in, lock-out, account and two-factor pages has
    its Polish and Arabic words (the pages use the reader's language once they are served
    at /pl/ and /ar/ addresses, as the sign-in page is)."""
    files = [*(TEMPLATES / "accounts").rglob("*.html"), TEMPLATES / "portal" / "sign_in.html"]
    labels = {m.group(2) for f in files
              for m in re.finditer(r'{% translate (["\'])(.+?)\1', f.read_text())}
    assert len(labels) > 30
    with translation.override(language):
        untranslated = sorted(label for label in labels if gettext(label) == label)
    assert untranslated == []


@pytest.mark.parametrize(("language", "direction", "heading"), [
    ("pl", "ltr", "Skonfiguruj logowanie dwuetapowe"),
    ("ar", "rtl", "إعداد تسجيل الدخول بخطوتين"),
])
def test_signed_in_in_polish_or_arabic_the_two_factor_prompt_speaks_it(
        client, two_factor_on, language, direction, heading):
    """The two-factor pages have English addresses only; someone who signed in at
    /pl/sign-in/ is asked for their code in Polish, in a page marked Polish."""
    UserFactory(username="boardmember", groups=["Governance board"])
    response = client.post(f"/{language}/sign-in/",
                           {"username": "boardmember", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/two-factor/set-up/")
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}"' in html
    assert heading in html
    assert "Set up two-factor sign-in" not in html


def test_signed_in_in_english_the_account_pages_stay_english(client, two_factor_on):
    UserFactory(username="boardmember", groups=["Governance board"])
    client.post("/pl/sign-in/", {"username": "boardmember", "password": PASSWORD})
    client.post("/sign-out/")
    response = client.post("/sign-in/", {"username": "boardmember", "password": PASSWORD},
                           follow=True)
    html = response.content.decode()
    assert '<html lang="en-gb" dir="ltr"' in html
    assert "Set up two-factor sign-in" in html


@pytest.mark.parametrize(("language", "words"), [
    ("pl", "Przejdź do stron dla Twojej roli"), ("ar", "انتقل إلى الصفحات الخاصة بدورك")])
def test_the_403_page_at_an_english_address_speaks_the_sign_in_language(
        client, forum_rep, language, words):
    """A forum representative who signed in in Polish and opens a board page (an English
    address) is told, in Polish, that it is not for them and where their own pages are."""
    client.post(f"/{language}/sign-in/", {"username": "forumrep", "password": PASSWORD})
    response = client.get("/board/")
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert words in html
    assert 'href="/forum/"' in html  # their own pages
    assert 'action="/sign-out/"' in html
