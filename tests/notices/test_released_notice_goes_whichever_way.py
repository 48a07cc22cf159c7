"""A notice handed to the mail server and never confirmed (the connection was lost after
DATA) is sent again only when an officer releases it, after checking the mail server's log.
The person may since have chosen a daily or weekly e-mail: that e-mail never lists the notice
by itself (it may have reached them), so the "E-mails never confirmed" page offers the
release form, and a release sends the notice at once, once, whichever way they read now.
Found by review r14k (its reproductions: a daily and a weekly reader, each sent nothing)."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone

from notices import services
from notices.models import StaffNoticePreference
from outbox import services as outbox_services
from outbox.models import SentEmail
from tests.charter.conftest import send_to_forum
from tests.notices.conftest import site  # noqa: F401 (fixture)
from tests.notices.test_deferred_digests import _change, _immediate, _monday, _received
from tests.notices.test_staff_notices import people  # noqa: F401 (fixture)
from tests.notices.test_subscribing import _new_version, _subscribe, _translate

pytestmark = pytest.mark.django_db
URL = "/admin/outbox/unconfirmed/"
LATER = outbox_services.CLAIM_LEASE + dt.timedelta(minutes=1)
NO_FORM = "Nothing to send again, so no form"


def _never_confirmed(row: SentEmail) -> None:
    SentEmail.objects.filter(pk=row.pk).update(sent_at=None, attempted_at=timezone.now())


def _release(officer: Client, row: SentEmail, capture) -> None:
    """Open the page, check it offers the form for ``row`` and says nothing of a daily or
    weekly e-mail, and send the form."""
    page = officer.get(URL).content.decode()
    assert f'name="record" value="{row.pk}"' in page
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert NO_FORM not in text
    assert "listed there" not in text
    row.refresh_from_db()
    with capture(execute=True):
        response = officer.post(URL, {"record": row.pk, "claim": row.claim, "checked": "on",
                                      "reason": "The relay's log has no delivery line."})
    assert response.status_code == 302


def test_a_notice_to_a_rep_now_on_the_daily_e_mail_goes_once_when_released(
        tree, people, login_as, django_capture_on_commit_callbacks):  # noqa: F811
    rep = people["rep"]
    send_to_forum(tree.policy, people["officer"])
    services.staff_notices_send()
    row = SentEmail.objects.get(recipient_key=f"user:{rep.pk}", kind__startswith="staff:")
    _never_confirmed(row)
    StaffNoticePreference.objects.update_or_create(
        user=rep, defaults={"frequency": StaffNoticePreference.Frequency.DAILY})
    officer = Client()
    officer.force_login(people["officer"])
    with time_machine.travel(timezone.now() + LATER):
        mail.outbox.clear()
        # Not sent again by itself: it may have reached them.
        services.staff_digests_send()
        assert not [m for m in mail.outbox if rep.email in m.to]
        _release(officer, row, django_capture_on_commit_callbacks)
        got = [m for m in mail.outbox if rep.email in m.to]
        assert len(got) == 1 and "Draft for forum review" in got[0].subject
        mail.outbox.clear()
        assert services.staff_notices_send() == 0
    # Tomorrow's daily e-mail does not tell it a second time.
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        services.staff_digests_send()
    assert not [m for m in mail.outbox if rep.email in m.to]


def test_a_notice_to_a_subscriber_now_on_the_weekly_e_mail_goes_once_when_released(
        site, smtp, login_as, django_capture_on_commit_callbacks):  # noqa: F811
    monday = _monday()
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        subscriber = _immediate("weekly@example.org", monday)
    with time_machine.travel(monday - dt.timedelta(days=2), tick=False):
        _change(site, "A clearer letter.")
        services.notices_send()
        row = SentEmail.objects.get(kind="notice", recipient_key=f"subscriber:{subscriber.pk}")
        _never_confirmed(row)
        smtp.messages.clear()
    with time_machine.travel(monday - dt.timedelta(days=1), tick=False):
        officer = Client()
        officer.force_login(login_as("officer"))
        services.subscription_update(subscriber=subscriber, topic_names=["everything"],
                                     page_ids=[], frequency="weekly")
        _release(officer, row, django_capture_on_commit_callbacks)
        got = _received(smtp, "weekly@example.org")
        assert len(got) == 1 and "A clearer letter." in got[0].get_content()
        assert "this week" not in got[0]["Subject"].lower()  # a notice, not a digest
        assert services.notices_send() == 0
    with time_machine.travel(monday, tick=False):
        services.digests_send()
    # Monday's digest does not list it again.
    assert not any("A clearer letter." in m.get_content()
                   for m in _received(smtp, "weekly@example.org")[1:])


def test_a_forum_notice_to_a_rep_now_only_an_officer_is_not_offered_and_is_refused(
        tree, people, login_as):  # noqa: F811
    rep = people["rep"]
    send_to_forum(tree.policy, people["officer"])
    services.staff_notices_send()
    row = SentEmail.objects.get(recipient_key=f"user:{rep.pk}", kind__startswith="staff:")
    _never_confirmed(row)
    rep.groups.remove(Group.objects.get(name="Forum representatives"))
    rep.groups.add(Group.objects.get(name="Officers"))
    officer = Client()
    officer.force_login(people["officer"])
    with time_machine.travel(timezone.now() + LATER):
        page = officer.get(URL).content.decode()
        assert f'name="record" value="{row.pk}"' not in page
        assert ("the person is no longer a forum representative, and this notice is for "
                "representatives.") in " ".join(re.sub(r"<[^>]+>", "", page).split())
        row.refresh_from_db()
        with pytest.raises(outbox_services.WillNotGo):
            outbox_services.unconfirmed_release(
                record_id=row.pk, claim=row.claim, user=people["officer"],
                reason="The relay's log has no delivery line.", checked=True)
        mail.outbox.clear()
        # Nor would the notices run send it to them: the role it was for is not theirs now.
        assert services.staff_notices_send() == 0
    assert SentEmail.objects.filter(pk=row.pk).exists()


def test_a_translation_caught_up_to_a_reader_now_weekly_goes_once_when_released(
        client, site, login_as, django_capture_on_commit_callbacks):  # noqa: F811
    words = {}
    _translate(site.policy, words, "pl")
    polish = _subscribe(client, site, prefix="/pl", email="polish@example.com")
    _new_version(site)
    services.notices_send()  # told of the change in English
    _translate(site.policy, words, "pl")  # the Polish page catches up
    mail.outbox.clear()
    assert services.notices_send() == 1
    row = SentEmail.objects.get(kind="caught_up")
    _never_confirmed(row)
    services.subscription_update(subscriber=polish, topic_names=["everything"],
                                 page_ids=[], frequency="weekly")
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + LATER):
        officer = Client()
        officer.force_login(login_as("officer"))
        _release(officer, row, django_capture_on_commit_callbacks)
        [message] = mail.outbox
        assert message.to == [polish.email] and message.subject.startswith("Już po polsku")
        assert services.notices_send() == 0
        # The weekly e-mail does not tell it again.
        mail.outbox.clear()
        services.digests_send()
    assert not any("Już po polsku" in m.body or "zawiera już zmianę" in m.body
                   for m in mail.outbox)
