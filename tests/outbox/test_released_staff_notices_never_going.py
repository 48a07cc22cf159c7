"""Officers' "E-mails never confirmed" page, and "Released lately", say why a notice to a
forum representative will never go at once, in each case the staff notice run leaves them
out: the account switched off, no e-mail address now, no longer a forum representative (nor
an officer, or an officer now but the notice is the forum's). No form for it, and never "Not
sent yet. It goes within minutes" for ever. One who still hears at once, or now reads a daily
e-mail, is offered, and the release sends it at once."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from charter.record import evidence_append
from outbox import services
from outbox.models import SentEmail
from tests.factories import UserFactory
from tests.notices.conftest import site  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
URL = "/admin/outbox/unconfirmed/"
LATER = services.CLAIM_LEASE + dt.timedelta(minutes=1)
NO_FORM = "Nothing to send again, so no form: "


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


def _unanswered(rep) -> SentEmail:
    answered = evidence_append(kind="comment_answered", subject="review:1", payload={})
    row = SentEmail.objects.create(kind="staff:comment_answered", about=answered,
                                   recipient_key=f"user:{rep.pk}",
                                   message_id=f"<staff.{rep.pk}@travel.example>")
    SentEmail.objects.filter(pk=row.pk).update(attempted_at=timezone.now())
    return row


def _rep(username, **changes):
    rep = UserFactory(username=username, email=f"{username}@example.org",
                      groups=["Forum representatives"])
    for name, value in changes.items():
        setattr(rep, name, value)
    rep.save()
    return rep


@pytest.mark.parametrize(("make", "why"), [
    (lambda: _rep("left", is_active=False), "the account is switched off."),
    (lambda: _rep("noaddress", email=""), "the account has no e-mail address now."),
    (lambda: _rep("ex-rep"), "the person is no longer a forum representative or officer."),
    (lambda: _rep("moved"), "the person is no longer a forum representative, and this "
                            "notice is for representatives."),
])
def test_a_staff_notice_that_will_never_go_at_once_has_no_form_and_says_why(
        client, login_as, smtp, make, why):
    rep = make()
    if rep.username == "ex-rep":
        rep.groups.remove(Group.objects.get(name="Forum representatives"))
    if rep.username == "moved":
        # Moved from the forum to the officers: a forum notice is not theirs any more.
        rep.groups.remove(Group.objects.get(name="Forum representatives"))
        rep.groups.add(Group.objects.get(name="Officers"))
    _unanswered(rep)
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        response = client.get(URL)
    assert 'name="record"' not in response.content.decode()
    page = _text(response)
    assert NO_FORM + why in page
    assert "@example.org" not in page


def test_a_staff_notice_to_a_rep_who_still_hears_at_once_is_offered(client, login_as, smtp):
    rep = _rep("steady")
    row = _unanswered(rep)
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        page = client.get(URL).content.decode()
    assert f'name="record" value="{row.pk}"' in page


def test_the_page_is_for_officers_only(client, login_as, smtp):
    _unanswered(_rep("someone", is_active=False))
    assert Client().get(URL).status_code in (302, 403)
    for role in ("parent", "forum_rep", "board_member"):
        other = Client()
        other.force_login(login_as(role))
        assert other.get(URL).status_code in (302, 403)
