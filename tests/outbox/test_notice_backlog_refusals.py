"""Reports > Scheduled jobs counts the notice e-mails the mail servers refused for good each
way, with its own reason, in the words the survey mailing pages use: the address does not
exist, the message itself refused (as spam), deferred at every try and given up; and says
how many wait because the recipient's mail server deferred them."""

import datetime as dt
import html as html_lib
import re

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from outbox.models import SentEmail
from outbox.selectors import deferral_line, notice_backlog, refusal_lines
from outbox.services import DeliveryCounts
from surveys.selectors import _refusals as survey_sentences

pytestmark = pytest.mark.django_db
URL = "/admin/scheduled-jobs/"
Refusal = SentEmail.Refusal


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main"):]
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def _rows(now):
    """Notices refused each way (two addresses gone, one message judged spam, one given up
    after deferrals), one deferred to a later try, and a survey invitation refused (not a
    notice: not counted here)."""
    about = ContentType.objects.get_for_model(SentEmail)
    rows = [("notice", Refusal.RECIPIENT), ("staff:comment_made", Refusal.RECIPIENT),
            ("digest", Refusal.MESSAGE), ("staff_digest", Refusal.DEFERRED),
            ("survey_invitations", Refusal.MESSAGE)]
    for number, (kind, refusal) in enumerate(rows):
        SentEmail.objects.create(kind=kind, content_type=about, object_id=number,
                                 recipient_key=f"key:{number}", attempted_at=now,
                                 refused_at=now, refusal=refusal, failure="550 [address]")
    SentEmail.objects.create(kind="notice", content_type=about, object_id=99,
                             recipient_key="subscriber:9", retry_at=now + dt.timedelta(
                                 minutes=10), deferrals=1, failure="452 Mailbox full")


def test_each_way_of_refusing_is_counted_apart():
    now = timezone.now()
    _rows(now)
    backlog = notice_backlog(now=now)
    assert (backlog.failed, backlog.refused, backlog.refused_recipient,
            backlog.refused_message, backlog.given_up) == (4, 4, 2, 1, 1)
    assert (backlog.waiting, backlog.deferred, backlog.unconfirmed) == (1, 1, 0)


def test_the_jobs_page_says_each_refusal_in_the_survey_pages_words(client, login_as):
    now = timezone.now()
    _rows(now)
    login_as("officer")
    with time_machine.travel(now + dt.timedelta(minutes=1), tick=False):
        page = _text(client.get(URL))
    backlog = page[page.index("Notice e-mails not sent yet"):]
    assert "Failed for good 4 (2 refused by the mail server because the addresses do not " \
           "exist or take no mail: not sent again.)" in backlog
    assert "(1 refused by the receiving mail server, which judged the message itself (as " \
           "spam, say), not the address: not sent again." in backlog
    assert "(1 could not be delivered: the recipient's mail server said \"not now\" (a full " \
           "mailbox, say) at every try for 16 hours, so it was given up.)" in backlog
    assert "Waiting to be sent or retried 1 (1 deferred by the recipient's mail server" in \
        backlog
    # The survey mailing page says the same counts in the same words.
    counts = DeliveryCounts(sent=0, sending=0, waiting=0, unconfirmed=0, refused=4,
                            refused_message=1, given_up=1, deferred=1)
    for sentence in survey_sentences(counts):
        assert sentence in backlog
    assert survey_sentences(counts) == refusal_lines(counts) + [deferral_line(counts)]
    assert "@" not in backlog and "key:" not in backlog


def test_a_polish_officer_reads_them_in_polish(client, login_as):
    now = timezone.now()
    _rows(now)
    officer = login_as("officer")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "pl"
    profile.save()
    page = _text(client.get(URL))
    with translation.override("pl"):
        expected = refusal_lines(notice_backlog(now=now))
    assert len(expected) == 3 and all(line in page for line in expected)
    assert "Odrzucone przez serwer poczty odbiorcy" in page
    assert "refused by the mail server" not in page
