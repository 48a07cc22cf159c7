"""Officers' "E-mails never confirmed" page tells the truth about an e-mail that will never
go, whatever its kind: the person turned these e-mails off, unsubscribed, or asked for no
more e-mails about a survey.

The mail server never answered after DATA, so the e-mail waits for an officer's decision.
The officer opens the page (its form); meanwhile the person stops their e-mails. Opened
again, the page offers no form for it and says why; the form of the page opened before,
sent now (or a request made by hand), releases nothing and says why: the release service
itself refuses (``outbox.services.WillNotGo``), the message stays listed as it was, and
nothing goes. Never an address on the page."""

import datetime as dt
import re
from collections import Counter

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from accounts.models import AccountEvent
from charter.models import EvidenceEntry
from charter.record import evidence_append
from notices import tasks as notice_tasks
from notices import tokens
from notices.models import StaffNoticePreference, Subscriber
from outbox import services
from outbox.models import ReleasedEmail, SentEmail
from surveys import services as survey_services
from surveys import tasks as survey_tasks
from surveys.models import SurveyInvitation
from tests.factories import UserFactory
from tests.notices.conftest import site  # noqa: F401 (fixture)
from tests.surveys.conftest import survey, survey_index  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
URL = "/admin/outbox/unconfirmed/"
LATER = services.CLAIM_LEASE + dt.timedelta(minutes=1)
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def _text(response) -> str:
    """The page's words as read, tags taken out."""
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


def _unanswered(kind, about, recipient_key) -> SentEmail:
    """An e-mail handed to the mail server, which never answered after DATA."""
    row = SentEmail.objects.create(kind=kind, about=about, recipient_key=recipient_key,
                                   message_id=f"<{kind}.{recipient_key}@travel.example>")
    SentEmail.objects.filter(pk=row.pk).update(attempted_at=timezone.now())
    row.refresh_from_db()
    return row


def _forms(page: str) -> dict[str, dict]:
    """The release forms on the page, by the record each is for."""
    records = re.findall(r'name="record" value="([^"]+)"', page)
    claims = re.findall(r'name="claim" value="([^"]+)"', page)
    return {record: {"record": record, "claim": claim, "checked": "on",
                     "reason": "The relay's log has no delivery line for it."}
            for record, claim in zip(records, claims, strict=True)}


def _refused(officer, form, why, django_capture_on_commit_callbacks):
    """The form sent: nothing released, the officer told why, the message still waiting."""
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = officer.post(URL, form)
    assert response.status_code == 409
    assert (f"Nothing was released, because this message would never go: {why}"
            in _text(response))
    assert queued == []
    assert SentEmail.objects.filter(pk=form["record"], sent_at__isnull=True,
                                    attempted_at__isnull=False).exists()
    assert not ReleasedEmail.objects.filter(record_id=form["record"]).exists()


def test_a_staff_notice_released_after_the_rep_turned_notices_off_says_it_never_goes(
        client, login_as, smtp, django_capture_on_commit_callbacks):
    rep = UserFactory(username="rep", groups=["Forum representatives"])
    preference = StaffNoticePreference.objects.create(
        user=rep, frequency=StaffNoticePreference.Frequency.IMMEDIATELY)
    answered = evidence_append(kind="comment_answered", subject="review:1", payload={})
    row = _unanswered("staff:comment_answered", answered, f"user:{rep.pk}")
    daily = _unanswered("staff_digest", preference, "day:2026-12-01")
    officer = Client()
    officer.force_login(login_as("officer"))
    with time_machine.travel(timezone.now() + LATER):
        forms = _forms(officer.get(URL).content.decode())
        assert str(row.pk) in forms  # hears at once: the notice is still to go, offered
        # The rep then chose the daily e-mail: that day's e-mail is still to go, offered.
        StaffNoticePreference.objects.filter(pk=preference.pk).update(
            frequency=StaffNoticePreference.Frequency.DAILY)
        forms.update(_forms(officer.get(URL).content.decode()))
        assert str(daily.pk) in forms
        # The rep presses their mail program's one-click "Unsubscribe".
        off = Client().post(f"/notices/staff-emails/{tokens.staff_token(rep.pk)}/", ONE_CLICK)
        assert off.status_code == 200
        assert StaffNoticePreference.objects.get(user=rep).frequency == "off"
        again = _text(officer.get(URL))
        assert 'name="record"' not in officer.get(URL).content.decode()
        assert again.count("Nothing to send again, so no form: the person turned these "
                           "e-mails off.") == 2
        # The forms of the page opened before, sent now: refused, and nothing goes.
        for record in (row.pk, daily.pk):
            _refused(officer, forms[str(record)], "the person turned these e-mails off.",
                     django_capture_on_commit_callbacks)
        assert notice_tasks.send_staff_notices.apply().get() == 0
        after = _text(officer.get(URL))
    assert smtp.messages == []
    assert after.count("Nothing to send again, so no form: the person turned these "
                       "e-mails off.") == 2
    assert rep.email not in after


def test_a_staff_notice_to_a_deleted_account_says_so(client, login_as, smtp):
    rep = UserFactory(username="gone", groups=["Forum representatives"])
    _unanswered("staff:comment_made", rep, f"user:{rep.pk}")
    User.objects.filter(pk=rep.pk).delete()
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        page = _text(client.get(URL))
    assert "Nothing to send again, so no form: the account was deleted." in page


def test_a_subscriber_s_notice_digest_and_welcome_released_after_unsubscribing_never_go(
        client, login_as, smtp, site,  # noqa: F811 (the fixture)
        django_capture_on_commit_callbacks):
    subscriber = Subscriber.objects.create(email="gone@example.org", language="pl",
                                           frequency="weekly", confirmed_at=timezone.now())
    subscriber.subscriptions.create(topic="everything")
    change = EvidenceEntry.objects.filter(kind="version_published").latest("sequence")
    rows = [_unanswered("notice", change, f"subscriber:{subscriber.pk}"),
            _unanswered("digest", subscriber, "week:2026-W49"),
            _unanswered("subscribed", subscriber, "link:abc")]
    officer = Client()
    officer.force_login(login_as("officer"))
    with time_machine.travel(timezone.now() + LATER):
        # A weekly reader's notice, digest and welcome are all offered: a released notice
        # goes at once whichever way they read now.
        forms = _forms(officer.get(URL).content.decode())
        assert {str(row.pk) for row in rows} <= set(forms)
        stopped = Client().post(
            f"/pl/notices/unsubscribe/{tokens.subscriber_token(subscriber.pk)}/", ONE_CLICK)
        assert stopped.status_code == 200
        assert not Subscriber.objects.exists()
        again = _text(officer.get(URL))
        assert again.count("Nothing to send again, so no form: the person "
                           "unsubscribed.") == 3
        for row in rows:
            _refused(officer, forms[str(row.pk)], "the person unsubscribed.",
                     django_capture_on_commit_callbacks)
        assert notice_tasks.send_notices.apply().get() == 0
        after = _text(officer.get(URL))
    assert smtp.messages == []
    assert after.count("Nothing to send again, so no form: the person unsubscribed.") == 3
    assert "gone@example.org" not in after


def test_a_weekly_digest_to_someone_who_now_hears_at_once_says_how_it_goes(
        client, login_as, smtp):
    subscriber = Subscriber.objects.create(email="quick@example.org", language="en-gb",
                                           frequency="immediately", confirmed_at=timezone.now())
    _unanswered("digest", subscriber, "week:2026-W49")
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        page = _text(client.get(URL))
    assert ("Nothing to send again, so no form: they now hear at once: what it listed goes "
            "that way.") in page


def test_a_survey_invitation_released_after_no_more_e_mails_says_it_never_goes(
        client, login_as, smtp, survey, django_capture_on_commit_callbacks):  # noqa: F811
    officer_user = login_as("officer")
    smtp.hang_up = {"p1@example.org"}
    rows = [survey_services.InvitationRow(f"p{n}@example.org", "parents") for n in range(2)]
    mailing = survey_services.invitations_create(survey=survey, user=officer_user, rows=rows)
    survey_tasks.send_survey_mailing.delay(mailing.pk)  # in-process; retried after the drop
    smtp.hang_up = set()
    invitation = SurveyInvitation.objects.get(email="p1@example.org")
    row = SentEmail.objects.get(recipient_key=f"invitation:{invitation.pk}")
    assert row.sent_at is None and row.attempted_at is not None
    with time_machine.travel(timezone.now() + LATER):
        forms = _forms(client.get(URL).content.decode())
        assert str(row.pk) in forms
        # The invitation reached them after all; they press its "no more e-mails" link.
        stopped = Client().post(
            f"/survey-emails/stop/{survey_services.stop_token(invitation.pk)}/", ONE_CLICK)
        assert stopped.status_code == 200
        again = _text(client.get(URL))
        assert ("Nothing to send again, so no form: the person asked for no more e-mails "
                "about this survey.") in again
        _refused(client, forms[str(row.pk)],
                 "the person asked for no more e-mails about this survey.",
                 django_capture_on_commit_callbacks)
        after = _text(client.get(URL))
    assert Counter(m["To"] for m in smtp.messages) == {"p0@example.org": 1,
                                                       "p1@example.org": 1}
    assert ("Nothing to send again, so no form: the person asked for no more e-mails "
            "about this survey.") in after
    assert "p1@example.org" not in after


def test_a_sign_in_notice_to_an_account_with_no_address_now_says_so(client, login_as, smtp):
    holder = UserFactory(username="holder")
    event = AccountEvent.objects.create(user=holder, kind=AccountEvent.Kind.choices[0][0])
    _unanswered("sign_in_notice", event, f"user:{holder.pk}")
    User.objects.filter(pk=holder.pk).update(email="")
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        page = _text(client.get(URL))
    assert "Nothing to send again, so no form: the account has no e-mail address now." in page


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member"])
def test_only_an_officer_can_even_ask_to_release_one_that_would_never_go(
        client, login_as, smtp, role):
    rep = UserFactory(username="offrep", groups=["Forum representatives"])
    StaffNoticePreference.objects.create(user=rep, frequency="off")
    row = _unanswered("staff:comment_answered", rep, f"user:{rep.pk}")
    login_as(role)
    form = {"record": row.pk, "claim": row.claim, "checked": "on",
            "reason": "The relay's log has no delivery line for it."}
    with time_machine.travel(timezone.now() + LATER):
        assert client.post(URL, form).status_code in (302, 403)
    assert SentEmail.objects.filter(pk=row.pk).exists()
    assert not ReleasedEmail.objects.exists()


def test_the_release_service_itself_refuses_one_that_would_never_go(login_as, smtp):
    """Not only the page: any caller of ``unconfirmed_release`` (a direct POST, an old tab,
    a shell) is refused with the reason, and nothing is released."""
    rep = UserFactory(username="offrep2", groups=["Forum representatives"])
    StaffNoticePreference.objects.create(user=rep, frequency="off")
    row = _unanswered("staff:comment_answered", rep, f"user:{rep.pk}")
    with time_machine.travel(timezone.now() + LATER), \
            pytest.raises(services.WillNotGo) as refused:
        services.unconfirmed_release(record_id=row.pk, claim=row.claim,
                                     user=login_as("officer"), checked=True,
                                     reason="The relay's log has no delivery line for it.")
    assert refused.value.why == "the person turned these e-mails off."
    assert SentEmail.objects.filter(pk=row.pk).exists()
    assert not ReleasedEmail.objects.exists()

