"""An e-mail the mail server never answered after DATA (``outcome_unknown``) is kept
unconfirmed and never sent again by itself. An officer who checked the mail server's log that
it was not delivered releases it from Reports > Scheduled jobs > "E-mails never confirmed",
with a reason kept for officers (never the address); it then goes once. A second press, or a
second tab, does nothing more. Read from the project's real test SMTP server (aiosmtpd)."""

import datetime as dt
from collections import Counter

import pytest
import time_machine
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation

from notices import services as notice_services
from notices.models import Subscriber
from outbox import selectors, services
from outbox.models import ReleasedEmail, SentEmail
from surveys import services as survey_services
from surveys import tasks as survey_tasks
from surveys.models import SurveyInvitation, SurveyMailing
from tests.charter.test_forum_translations import ROOT, _python_strings, _template_strings
from tests.factories import UserFactory, publish
from tests.notices.conftest import site  # noqa: F401 (fixture)
from tests.surveys.conftest import survey, survey_index  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
URL = "/admin/outbox/unconfirmed/"
REFUSED = ["anonymous", "parent", "forum_rep", "board_member"]
#: Long enough after a hang-up for the claim lease to have passed (a live worker may be in
#: the middle of sending a message attempted within it).
LATER = services.CLAIM_LEASE + dt.timedelta(minutes=1)


def _outgoing(*names):
    return [services.Outgoing(f"person:{name}", EmailMessage("Hello", "Body", None,
                                                             [f"{name}@example.org"]))
            for name in names]


def _hung_up(smtp, about, *, names=("a", "b", "c"), on="b"):
    """Send to ``names``: the server queues ``on``'s message and hangs up before answering."""
    smtp.hang_up = {f"{on}@example.org"}
    with pytest.raises(services.SendingStopped, match="SMTPServerDisconnected"):
        services.send_once(kind="greeting", about=about, outgoing=_outgoing(*names))
    smtp.hang_up = set()
    return SentEmail.objects.get(recipient_key=f"person:{on}")


def _form(row, **fields):
    return {"record": row.pk, "claim": str(row.claim), "checked": "on",
            "reason": "The mail server's log has no line for this Message-ID.", **fields}


def _text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize("role", REFUSED)
def test_only_officers_and_administrators_see_or_release_unconfirmed_e_mails(
        client, login_as, role, smtp):
    row = _hung_up(smtp, UserFactory(username="about"))
    login_as(role)
    with time_machine.travel(timezone.now() + LATER):
        assert client.get(URL).status_code in (302, 403)
        response = client.post(URL, _form(row))
    assert response.status_code in (302, 403)
    assert SentEmail.objects.filter(pk=row.pk).exists() and not ReleasedEmail.objects.exists()
    if role != "anonymous":
        with pytest.raises(services.PermissionDenied):
            services.unconfirmed_release(record_id=row.pk, claim=row.claim,
                                         user=login_as(role) or None, reason="x" * 20,
                                         checked=True)


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_officers_and_administrators_read_each_one_with_the_message_id_to_look_for(
        client, login_as, role, smtp):
    row = _hung_up(smtp, UserFactory(username="about"))
    [queued] = [m for m in smtp.messages if m["To"] == "b@example.org"]
    assert row.message_id == queued["Message-ID"]  # the id the server's log has
    login_as(role)
    with time_machine.travel(timezone.now() + LATER):
        page = _text(client.get(URL))
        jobs = _text(client.get(reverse("portal_scheduled_jobs")))
    assert "1 e-mail waiting for a decision" in page
    assert "person:b" in page and row.message_id.strip("<>") in page
    assert "b@example.org" not in page and "person:a" not in page
    assert "1 e-mail of any kind (notices, survey invitations, reminders) was never " \
        "confirmed by the mail server" in jobs and URL in jobs


def test_a_message_within_the_claim_lease_is_not_offered(client, login_as, smtp):
    """Attempted moments ago, it may be a live worker's, about to be confirmed."""
    row = _hung_up(smtp, UserFactory(username="about"))
    login_as("officer")
    assert "0 e-mails waiting for a decision" in _text(client.get(URL))
    response = client.post(URL, _form(row))
    assert response.status_code == 409 and SentEmail.objects.filter(pk=row.pk).exists()


def test_released_it_goes_once_and_a_second_press_or_tab_does_nothing_more(
        client, login_as, smtp, django_capture_on_commit_callbacks):
    about = UserFactory(username="about")
    row = _hung_up(smtp, about)
    officer = login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        # Not ticked, or no reason: refused, and what was typed comes back.
        unticked = client.post(URL, _form(row, checked="", reason="Checked: not in the log."))
        assert unticked.status_code == 400
        assert "Confirm that you checked the mail server&#x27;s log" in unticked.content.decode()
        assert "Checked: not in the log." in unticked.content.decode()
        assert client.post(URL, _form(row, reason="ok")).status_code == 400
        assert SentEmail.objects.filter(pk=row.pk).exists()

        response = client.post(URL, _form(
            row, reason="Server log for b@example.org shows no delivery."))
        assert response.status_code == 302
        # The same form again (a second press, the same page in another tab): nothing more.
        again = client.post(URL, _form(row, reason="Pressed twice."))
        assert again.status_code == 409
        assert "already released for sending again (by officer" in _text(again)
        assert "Pressed twice." in _text(again)  # the words typed, shown back (not saved)
    release = ReleasedEmail.objects.get()
    assert release.released_by == officer and release.message_id == row.message_id
    assert release.reason == "Server log for [address] shows no delivery."
    assert not SentEmail.objects.filter(pk=row.pk).exists()

    # The next run sends it (and c, never reached when the connection dropped), once;
    # every later run, and the old form, send nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_once(kind="greeting", about=about,
                                      outgoing=_outgoing("a", "b", "c"))
        assert delivery.sent == ["person:b", "person:c"]
        assert services.send_once(kind="greeting", about=about,
                                  outgoing=_outgoing("a", "b", "c")).sent == []
    with time_machine.travel(timezone.now() + LATER):
        stale = client.post(URL, _form(row))
        page = _text(client.get(URL))
    assert stale.status_code == 409 and ReleasedEmail.objects.count() == 1
    assert Counter(m["To"] for m in smtp.messages) == {
        "a@example.org": 1, "b@example.org": 2, "c@example.org": 1}  # b: lost, then once
    assert "Released lately" in page and "Sent again," in page
    assert "Server log for [address] shows no delivery." in page
    assert "b@example.org" not in page


def test_an_old_form_cannot_release_a_later_attempt_at_the_same_message(smtp, officer):
    """Released, sent again and again unanswered: the first form's claim is not the new
    attempt's, so it releases nothing (and says the first release was made)."""
    about = UserFactory(username="about")
    first = _hung_up(smtp, about)
    moment = timezone.now() + LATER
    release, made = services.unconfirmed_release(
        record_id=first.pk, claim=first.claim, user=officer, reason="Not in the log at all.",
        checked=True, now=moment)
    assert made
    with time_machine.travel(moment):
        second = _hung_up(smtp, about, names=("b",))
    assert second.pk != first.pk and second.claim != first.claim
    again, made = services.unconfirmed_release(
        record_id=first.pk, claim=first.claim, user=officer, reason="Not in the log at all.",
        checked=True, now=moment + LATER)
    assert (again, made) == (release, False)
    assert SentEmail.objects.filter(pk=second.pk, attempted_at__isnull=False).exists()
    assert [r.outcome for r in selectors.releases_recent()] == [selectors.UNCONFIRMED_AGAIN]
    with pytest.raises(services.NotUnconfirmed):
        services.unconfirmed_release(record_id=second.pk, claim=first.claim, user=officer,
                                     reason="Not in the log at all.", checked=True,
                                     now=moment + LATER)


def test_a_confirmed_or_refused_message_cannot_be_released(smtp, officer):
    about = UserFactory(username="about")
    smtp.no_such_user = {"c@example.org"}
    services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "c"))
    later = timezone.now() + LATER
    for key in ("person:a", "person:c"):
        row = SentEmail.objects.get(recipient_key=key)
        with pytest.raises(services.NotUnconfirmed):
            services.unconfirmed_release(record_id=row.pk, claim=row.claim, user=officer,
                                         reason="Not in the log at all.", checked=True,
                                         now=later)
    assert SentEmail.objects.count() == 2 and not ReleasedEmail.objects.exists()


def test_a_released_survey_invitation_goes_again_once_through_its_mailing(
        client, login_as, smtp, survey, officer,  # noqa: F811 (the fixture)
        django_capture_on_commit_callbacks):
    """The whole path with a real kind: the mailing is set going again at once, the one
    invitation goes, everyone else's is not sent twice."""
    smtp.hang_up = {"p1@example.org"}
    rows = [survey_services.InvitationRow(f"p{n}@example.org", "parents") for n in range(3)]
    mailing = survey_services.invitations_create(survey=survey, user=officer, rows=rows)
    survey_tasks.send_survey_mailing.delay(mailing.pk)  # in-process; retried after the drop
    smtp.hang_up = set()
    assert Counter(m["To"] for m in smtp.messages) == {
        "p0@example.org": 1, "p1@example.org": 1, "p2@example.org": 1}
    invitation = SurveyInvitation.objects.get(email="p1@example.org")
    row = SentEmail.objects.get(recipient_key=f"invitation:{invitation.pk}")
    assert row.sent_at is None and row.attempted_at is not None
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        page = _text(client.get(URL))
        assert f"Survey invitation: {survey.title}" in page
        assert "It goes within minutes, while the survey is open." in page
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(URL, _form(row)).status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(URL, _form(row)).status_code == 409
        page = _text(client.get(URL))
    assert Counter(m["To"] for m in smtp.messages) == {
        "p0@example.org": 1, "p1@example.org": 2, "p2@example.org": 1}
    assert SentEmail.objects.get(recipient_key=f"invitation:{invitation.pk}").sent_at
    assert SurveyMailing.objects.get(pk=mailing.pk).finished_at is not None
    assert "0 e-mails waiting for a decision" in page and "Sent again," in page


def test_the_page_reads_a_fixed_number_of_queries_however_many_are_listed(
        client, login_as, officer, django_assert_max_num_queries):
    about = UserFactory(username="about")
    long_ago = timezone.now() - LATER
    for n in range(30):
        # Those released are greetings: a notice about an account would never go (no
        # subscriber), so its release is refused.
        row = SentEmail.objects.create(kind="notice" if n % 2 and n % 3 else "greeting",
                                       about=about,
                                       recipient_key=f"person:{n}", message_id=f"<{n}@x>")
        SentEmail.objects.filter(pk=row.pk).update(attempted_at=long_ago)
        if n % 3 == 0:
            services.unconfirmed_release(record_id=row.pk, claim=row.claim, user=officer,
                                         reason="Not in the log at all.", checked=True)
    login_as("officer")
    # Signing in and the admin's own furniture (15), the rows (one), what each is about (one a
    # kind), the releases with who made them (one) and where each stands now (one).
    with django_assert_max_num_queries(19):
        page = _text(client.get(URL))
    assert "20 e-mails waiting for a decision" in page


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_every_word_of_the_page_and_the_kinds_is_translated(language):
    """An officer reading the admin in Polish or Arabic reads the page, and each kind's
    name and "if released" words, in their language."""
    strings = _template_strings(ROOT / "templates/outbox/admin/unconfirmed.html")
    for path in ("outbox/views.py", "outbox/forms.py", "outbox/services.py",
                 "notices/wagtail_hooks.py", "surveys/wagtail_hooks.py",
                 "accounts/wagtail_hooks.py"):
        strings |= _python_strings(ROOT / path)
    assert len(strings) > 40
    with translation.override(language):
        missing = [s for _c, s, plural in strings
                   if (translation.ngettext(s, plural, 1) if plural
                       else translation.gettext(s)) == s]
    assert missing == []


def test_a_released_notice_goes_again_once_with_the_next_notices_run(
        client, login_as, smtp, site,  # noqa: F811 (the fixture)
        django_capture_on_commit_callbacks):
    """A subscriber's notice of a change, lost when the connection dropped: released, the
    notices job (queued at once) sends it to that subscriber only, once."""
    for email in ("lost@example.com", "fine@example.com"):
        Subscriber.objects.create(email=email, language="en-gb", frequency="immediately",
                                  confirmed_at=timezone.now()
                                  ).subscriptions.create(topic="page", page=site.policy)
    site.policy.change_note = "A new walking distance."
    site.policy.in_short = "Children under 8 walk up to 1.5 miles."
    publish(site.policy)
    smtp.hang_up = {"lost@example.com"}
    with pytest.raises(services.SendingStopped, match="SMTPServerDisconnected"):
        notice_services.notices_send()
    smtp.hang_up = set()
    notice_services.notices_send()  # the task's retry: the lost one is not sent again
    assert Counter(m["To"] for m in smtp.messages) == {"lost@example.com": 1,
                                                       "fine@example.com": 1}
    row = SentEmail.objects.get(kind="notice", sent_at__isnull=True)
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        assert f"Notice to a subscriber: {site.policy.title}" in _text(client.get(URL))
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(URL, _form(row)).status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(URL, _form(row)).status_code == 409
        notice_services.notices_send()  # the ten-minute run finds nothing more to send
    assert Counter(m["To"] for m in smtp.messages) == {"lost@example.com": 2,
                                                       "fine@example.com": 1}
