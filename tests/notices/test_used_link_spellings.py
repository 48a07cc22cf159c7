"""A confirmation link is used once, however it is spelt. Its token is URL-safe base64, and
Python's decoder skips characters outside the alphabet and the unused low bits of the last
character, so "…MIA" and "…MIB", or the token with "...." put in, would decrypt to the same
request: the portal takes the link only as it was sent, and remembers a used one by the
request it carries (its random id), never by its spelling. So a person who unsubscribed is
not subscribed again by an old e-mail's link with a character changed."""

import base64
import re
import string

from django.core import mail
from hypothesis import given
from hypothesis import strategies as st

from notices import tokens
from notices.models import Subscriber, UsedConfirmation

BASE = "https://travel.example.gov.uk"
ALPHABET = string.ascii_letters + string.digits + "-_"


def _padded(token: str) -> str:
    return token + "=" * (-len(token) % 4)


def _decoded(token: str) -> bytes | None:
    """What Python's lenient decoder (the one Fernet uses) reads ``token`` as."""
    try:
        return base64.urlsafe_b64decode(_padded(token))
    except ValueError:
        return None


def _other_spellings(token: str) -> list[str]:
    """Spellings of ``token`` that Python's decoder reads as the very same bytes: the last
    character with other unused low bits (when it has any), and junk put in."""
    raw = _decoded(token)
    last = [token[:-1] + c for c in ALPHABET if c != token[-1] and _decoded(token[:-1] + c)
            == raw]
    junk = [token[:20] + "...." + token[20:], token[:8] + "!!!!" + token[8:],
            token[:-4] + "~~~~" + token[-4:]]
    return last[:2] + junk


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _confirm_link(message) -> str:
    found = re.search(re.escape(BASE) + r"(/(?:[a-z]{2}/)?notices/confirm/([^\s/]+)/)",
                      message.body)
    assert found, message.body
    return found.group(1)


def test_an_old_link_changed_by_a_character_does_not_subscribe_again(client, site):
    """Subscribe on a phone in Polish, confirm, unsubscribe in one click; the old e-mail's
    link, with its last character changed or junk put in, subscribes nobody and sends
    nothing."""
    client.post("/pl/notices/subscribe/", {"email": "ola@example.pl",
                                           "topics": ["consultations"],
                                           "frequency": "immediately"})
    link = _confirm_link(mail.outbox[0])
    manage = client.post(link)["Location"]
    assert Subscriber.objects.filter(email="ola@example.pl").exists()
    unsubscribe = manage.replace("/manage/", "/unsubscribe/")
    assert client.post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.exists()
    sent = len(mail.outbox)

    assert client.get(link).status_code == 410  # the link as sent: already used
    token = link.rstrip("/").rsplit("/", 1)[1]
    spellings = _other_spellings(token)
    assert len(spellings) >= 3
    for spelling in spellings:
        # The decoder reads it as the link sent, and the key would decrypt it...
        assert _decoded(spelling) == _decoded(token)
        assert tokens._fernet().decrypt(_padded(spelling).encode())
        # ...but the portal takes it for what it is: not the link that was sent.
        altered = link.replace(token, spelling)
        page = client.get(altered)
        assert page.status_code == 400
        assert "Ten link nie działa" in _text(page)
        assert client.post(altered).status_code == 400
    assert not Subscriber.objects.exists()
    assert len(mail.outbox) == sent  # no second "subscription confirmed"


def test_a_used_link_is_remembered_by_its_request_not_its_spelling(client, site):
    client.post("/notices/subscribe/", {"email": "jo@example.org", "topics": ["results"],
                                        "frequency": "weekly"})
    link = _confirm_link(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    client.post(link)
    [used] = UsedConfirmation.objects.all()
    request = tokens.request_from(token)
    assert used.token_hash == tokens.used_link_key(request, token)
    assert request["link"] not in used.token_hash and "jo@example.org" not in used.token_hash
    assert used.token_hash != tokens.confirm_token_hash(token)


def test_a_link_used_before_links_were_remembered_by_their_request_stays_used(client, site):
    """Used links recorded before this change hold the token's own hash: such a link, pressed
    again after the subscriber left, still says it was used and subscribes nobody."""
    client.post("/notices/subscribe/", {"email": "old@example.org", "topics": ["results"],
                                        "frequency": "weekly"})
    link = _confirm_link(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    UsedConfirmation.objects.create(token_hash=tokens.confirm_token_hash(token),
                                    used_at="2026-12-01T10:00Z")
    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410
    assert not Subscriber.objects.exists()


@given(st.binary(min_size=1, max_size=120))
def test_only_the_one_spelling_of_some_bytes_is_canonical(data):
    token = base64.urlsafe_b64encode(data).decode().rstrip("=")
    assert tokens.canonical(token)
    assert not tokens.canonical(token + "=")
    assert not tokens.canonical(token[:1] + "." + token[1:])
    for c in ALPHABET:
        spelt = token[:-1] + c
        if spelt != token and _decoded(spelt) == data:
            assert not tokens.canonical(spelt)
