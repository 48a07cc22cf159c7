"""The admin's "Reset your password" (/admin/password_reset/) cannot flood a mailbox: 5
requests an hour for one mailbox and 30 from one internet address, said plainly, the same
for an address with an account and one without; its e-mail comes from the portal's sender
name, is marked automatic, and is in the account's language when one is known."""

import re

import pytest
import time_machine
from django.utils import timezone
from wagtail.users.models import UserProfile

from accounts import password_reset
from accounts.models import AccountEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RESET = "/admin/password_reset/"


def _ask(client, email, address="203.0.113.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def _page_text(response) -> str:
    text = re.sub(r"[A-Za-z0-9]{64}", "[csrf]", response.content.decode())  # per request
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


def test_the_reset_e_mail_is_the_portal_s_own(client, smtp):
    UserFactory(username="forumrep", email="forumrep@example.org")
    assert _ask(client, "forumrep@example.org").status_code == 302
    [reset] = smtp.messages
    assert reset["From"] == "SEND travel portal <send-travel@example.gov.uk>"
    assert reset["Auto-Submitted"] == "auto-generated"
    assert reset["Content-Language"] == "en-gb"
    assert "/admin/password_reset/confirm/" in reset.get_content()


def test_the_reset_e_mail_is_in_the_language_the_person_signed_in_in(client, smtp):
    parent = UserFactory(username="parent", email="parent@example.org")
    AccountEvent.objects.create(kind=AccountEvent.Kind.SIGNED_IN, user=parent, language="pl")
    _ask(client, "parent@example.org")
    [reset] = smtp.messages
    assert reset["Content-Language"] == "pl"
    assert reset["Subject"] != "Password reset"


def test_the_admin_language_chosen_is_used_when_no_sign_in_says_otherwise(client, smtp):
    officer = UserFactory(username="officer", email="officer@example.org")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "ar"
    profile.save()
    _ask(client, "officer@example.org")
    [reset] = smtp.messages
    assert reset["Content-Language"] == "ar"


def test_six_requests_for_one_mailbox_make_five_e_mails_and_a_plain_message(client, smtp):
    UserFactory(username="forumrep", email="forumrep@example.org")
    answers = [_ask(client, "forumrep@example.org", address=f"203.0.113.{n}").status_code
               for n in range(5)]
    assert answers == [302] * 5
    # The same mailbox written otherwise counts too.
    sixth = _ask(client, "ForumRep+x@Example.org", address="203.0.113.99")
    assert sixth.status_code == 429
    assert "asked for too many times in the last hour" in _page_text(sixth)
    assert 'value="ForumRep+x@Example.org"' in sixth.content.decode()
    assert len(smtp.messages) == 5


def test_an_unknown_address_gets_the_same_pages_and_no_e_mail(client, smtp):
    UserFactory(username="forumrep", email="forumrep@example.org")
    known = [_ask(client, "forumrep@example.org") for _n in range(6)]
    unknown = [_ask(client, "nobody@example.org", address="198.51.100.1") for _n in range(6)]
    assert [r.status_code for r in unknown] == [r.status_code for r in known]
    assert [r.get("Location") for r in unknown] == [r.get("Location") for r in known]
    assert _page_text(unknown[-1]).replace("nobody@example.org", "X") == (
        _page_text(known[-1]).replace("forumrep@example.org", "X"))
    assert [m["To"] for m in smtp.messages] == ["forumrep@example.org"] * 5


def test_thirty_requests_from_one_address_and_the_next_is_refused(client, smtp):
    answers = [_ask(client, f"person{n}@example.org").status_code for n in range(30)]
    assert answers == [302] * 30
    refused = _ask(client, "person30@example.org")
    assert refused.status_code == 429
    assert "Too many requests from here" in _page_text(refused)
    # Another internet address is not held back.
    assert _ask(client, "person30@example.org", address="198.51.100.2").status_code == 302


def test_an_hour_later_the_mailbox_may_ask_again(client, smtp):
    UserFactory(username="forumrep", email="forumrep@example.org")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _n in range(password_reset.RESETS_PER_MAILBOX):
            _ask(client, "forumrep@example.org")
        assert _ask(client, "forumrep@example.org").status_code == 429
    assert len(smtp.messages) == password_reset.RESETS_PER_MAILBOX
