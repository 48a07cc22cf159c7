"""The forum's and officers' e-mails (issue 14, part 2): each event reaches the right people
once, in the language each chose, at once or in one e-mail a day; reminders two school days
before a deadline; officers told of consultation dates and calendar clashes."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from charter import deadlines
from charter import selectors as charter_selectors
from charter import services as charter_services
from charter.models import EvidenceEntry, ForumReviewTaskState
from charter.models.comments import CommentAnswer
from consultations.models import HolidayPeriod
from consultations.models.settings import consultation_settings
from notices import services, tasks
from notices.models import StaffNoticePreference
from outbox.models import SentEmail
from tests.charter.conftest import send_to_forum
from tests.consultations.conftest import make_consultation
from tests.factories import UserFactory

Decision = ForumReviewTaskState.Decision
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def people(db, settings, officer, forum_rep, other_rep, board_member):
    """Two representatives, an officer, a board member and a parent with an account, all
    with accounts older than any moment these tests travel to: someone added later is not
    told of what happened before them, and the suite also runs with the clock started in
    2027 and 2028 (scripts/test-calendar-days.sh)."""
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    parent = UserFactory(username="parent")
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    User.objects.filter(pk__in=[officer.pk, forum_rep.pk, other_rep.pk, board_member.pk,
                                parent.pk]).update(date_joined=long_ago)
    return {"officer": officer, "rep": forum_rep, "other": other_rep, "board": board_member,
            "parent": parent}


def _to(subject_part):
    return sorted(m.to[0] for m in mail.outbox if subject_part in m.subject)


def test_a_draft_in_review_reaches_the_representatives_only_and_only_once(tree, people):
    review = send_to_forum(tree.policy, people["officer"])
    assert services.staff_notices_send() == 2
    assert _to("Draft for forum review") == ["forumrep@example.org", "otherrep@example.org"]
    message = next(m for m in mail.outbox if m.to == ["forumrep@example.org"])
    assert f"https://travel.example.gov.uk/forum/drafts/{review.pk}/" in message.body
    assert f"{review.deadline:%B %Y}" in message.body
    assert "/notices/yours/" in message.body
    # Run again (a retry, the ten-minute beat): nobody is told twice.
    mail.outbox.clear()
    assert services.staff_notices_send() == 0
    assert mail.outbox == []


def test_each_event_reaches_the_role_it_concerns(tree, people):
    review = send_to_forum(tree.policy, people["officer"])
    services.staff_notices_send()
    mail.outbox.clear()
    comment = charter_services.comment_submit(review=review, author=people["rep"],
                                              body="Say who to ring.")
    services.staff_notices_send()
    assert _to("New forum comment") == ["officer@example.org"]
    charter_services.comment_answer(comment=comment, officer=people["officer"],
                                    disposition=CommentAnswer.Disposition.ACCEPTED)
    services.staff_notices_send()
    assert _to("answered a forum comment") == ["forumrep@example.org", "otherrep@example.org"]
    charter_services.review_set_deadline(review=review, deadline=review.deadline
                                         + dt.timedelta(days=7), user=people["officer"],
                                         reason="Half term agreed.")
    services.staff_notices_send()
    assert _to("Review deadline changed") == ["forumrep@example.org", "otherrep@example.org"]
    moved = next(m for m in mail.outbox if "deadline changed" in m.subject)
    assert "Half term agreed." in moved.body
    charter_services.review_decide(
        review=review, user=people["rep"], decision=Decision.AGREED,
        disagreements=[{"topic": "Walking", "forum_position": "Keep 2 miles."}])
    services.staff_notices_send()
    assert _to("forum's decision") == ["forumrep@example.org", "officer@example.org",
                                       "otherrep@example.org"]
    assert _to("stated a disagreement") == ["officer@example.org"]
    # The board and a parent with an account hear of none of it.
    assert not {"board@example.org", "parent@example.org"} & {m.to[0] for m in mail.outbox}


def test_a_draft_saved_again_during_review_is_told_to_the_forum(tree, people):
    review = send_to_forum(tree.policy, people["officer"])
    services.staff_notices_send()
    mail.outbox.clear()
    page = tree.policy.get_latest_revision_as_object()
    page.in_short = "A shorter summary."
    page.save_revision(user=people["officer"])
    assert services.staff_notices_send() == 2
    assert _to("The draft under review has changed") == ["forumrep@example.org",
                                                         "otherrep@example.org"]
    assert f"/forum/drafts/{review.pk}/" in mail.outbox[0].body


def test_a_representative_who_chose_polish_reads_polish(tree, people):
    services.staff_preference_set(user=people["rep"], frequency="immediately", language="pl")
    send_to_forum(tree.policy, people["officer"])
    services.staff_notices_send()
    polish = next(m for m in mail.outbox if m.to == ["forumrep@example.org"])
    english = next(m for m in mail.outbox if m.to == ["otherrep@example.org"])
    assert polish.extra_headers["Content-Language"] == "pl"
    assert polish.subject != english.subject
    assert "Projekt" in polish.subject
    assert "/pl/notices/yours/" in polish.body


def test_a_daily_reader_gets_one_e_mail_a_day_listing_what_they_were_not_told(tree, people):
    services.staff_preference_set(user=people["rep"], frequency="daily", language="en-gb")
    review = send_to_forum(tree.policy, people["officer"])
    services.staff_notices_send()
    assert _to("Draft for forum review") == ["otherrep@example.org"]
    # Three school days later by the service's own calendar, whatever today is (three days
    # later may be a Saturday or a holiday).
    closed = charter_selectors.deadline_closed_days(range(review.deadline.year,
                                                          review.deadline.year + 2))
    later = deadlines.add_school_days(review.deadline, 3, closed)
    charter_services.review_set_deadline(review=review, deadline=later,
                                         user=people["officer"], reason="The chair is away.")
    assert services.staff_notices_send() == 1  # the other representative, at once
    mail.outbox.clear()
    assert services.staff_digests_send() == 1
    [digest] = mail.outbox
    assert digest.to == ["forumrep@example.org"]
    assert "2 things" in digest.subject
    assert "A draft is waiting" in digest.body and "The chair is away." in digest.body
    # Again the same day, or the next run of the immediate task: nothing repeats.
    assert services.staff_digests_send() == 0
    assert services.staff_notices_send() == 0
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        assert services.staff_digests_send() == 0
    # Switching to "each time" does not send the listed events again.
    services.staff_preference_set(user=people["rep"], frequency="immediately", language="en-gb")
    assert services.staff_notices_send() == 0


def test_a_worker_that_dies_mid_send_sends_nobody_twice(tree, people, monkeypatch):
    send_to_forum(tree.policy, people["officer"])
    sent = []
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages

    def dies_after_one(self, messages):
        if sent:
            raise OSError("connection lost")
        sent.append(messages)
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", dies_after_one)
    with pytest.raises(OSError):
        services.staff_notices_send()
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    services.staff_notices_send()
    assert _to("Draft for forum review") == ["forumrep@example.org", "otherrep@example.org"]


@pytest.mark.calendar
def test_the_forum_is_reminded_two_school_days_before_a_deadline_once(tree, people):
    # Sent on Monday 7 December 2026: ten school days end on Monday 4 January 2027 with the
    # Christmas bank holidays skipped (the forum's calendar here is England's bank holidays).
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=LONDON), tick=False):
        review = send_to_forum(tree.policy, people["officer"])
        services.staff_notices_send()
    deadline = review.deadline
    mail.outbox.clear()
    day = dt.datetime.combine(deadline - dt.timedelta(days=14), dt.time(8), tzinfo=LONDON)
    reminded_on = []
    while day.date() <= deadline:
        with time_machine.travel(day, tick=False):
            if services.staff_notices_send():
                reminded_on.append(day.date())
        day += dt.timedelta(days=1)
    assert len(reminded_on) == 1
    assert _to("Two school days left") == ["forumrep@example.org", "otherrep@example.org"]
    # The first day with two school days or fewer left: never a weekend or bank holiday
    # counted as one.
    from notices.staff_topics import school_days_left

    closed = {dt.date(2026, 12, 25), dt.date(2026, 12, 28), dt.date(2027, 1, 1)}
    first = reminded_on[0]
    assert school_days_left(first, deadline, closed) <= 2
    assert school_days_left(first - dt.timedelta(days=1), deadline, closed) > 2


def test_officers_hear_a_consultation_opens_and_closes_within_two_days(
        people, consultation_index, calendar):
    with time_machine.travel(dt.datetime(2027, 9, 11, 10, tzinfo=LONDON), tick=False):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=2,
                                         closes_in_days=40)
        services.staff_notices_send()
        assert _to("Consultation opens soon") == ["officer@example.org"]
        assert services.staff_notices_send() == 0
    with time_machine.travel(consultation.closes - dt.timedelta(days=1), tick=False):
        services.staff_notices_send()
    assert _to("Consultation closes soon") == ["officer@example.org"]
    message = next(m for m in mail.outbox if "closes soon" in m.subject)
    assert f"/admin/pages/{consultation.pk}/edit/" in message.body


def test_officers_hear_when_a_calendar_change_puts_a_consultation_in_a_holiday(
        people, consultation_index, calendar):
    # Monday 13 September to Thursday 21 October 2027: 29 school days, the forum's week before
    # it in term too, no holiday or bank holiday touched.
    with time_machine.travel(dt.datetime(2027, 9, 1, 10, tzinfo=LONDON), tick=False):
        make_consultation(consultation_index, calendar, opens_in_days=12, closes_in_days=50)
        services.staff_notices_send()
        assert not _to("clash")
        HolidayPeriod.objects.create(calendar=calendar, name="Extra closure", kind="closure",
                                     first_day=dt.date(2027, 9, 20),
                                     last_day=dt.date(2027, 9, 20))
        services.staff_notices_send()
        assert _to("clash with the school calendar") == ["officer@example.org"]
        assert services.staff_notices_send() == 0


# --- the page where each person chooses ----------------------------------------------

URL = "/notices/yours/"


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("parent", 403),
                                          ("board_member", 403), ("forum_rep", 200),
                                          ("officer", 200)])
def test_who_may_choose_their_e_mails(db, client, login_as, role, status):
    login_as(role)
    response = client.get(URL)
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith("/sign-in/?next=/notices/yours/")


def test_a_representative_chooses_a_daily_e_mail_in_arabic(client, forum_rep):
    client.force_login(forum_rep)
    html = client.get(URL).content.decode()
    assert "two school days before a review" in html
    assert "a new forum comment" not in html  # officers' list is not theirs
    response = client.post(URL, {"frequency": "daily", "language": "ar"})
    assert response.status_code == 302
    preference = StaffNoticePreference.objects.get(user=forum_rep)
    assert (preference.frequency, preference.language) == ("daily", "ar")


def test_a_choice_left_out_comes_back_with_a_plain_message_and_what_was_chosen(
        client, officer):
    client.force_login(officer)
    response = client.post(URL, {"language": "pl"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose how often you would like to hear from us." in html
    assert 'value="pl" checked' in html
    assert not StaffNoticePreference.objects.exists()


def test_the_forum_home_and_the_admin_account_page_link_to_the_choice(client, forum_rep,
                                                                     login_as):
    client.force_login(forum_rep)
    assert URL in client.get(reverse("forum_home")).content.decode()
    login_as("officer")
    assert URL in client.get("/admin/account/").content.decode()


def test_tasks_run_in_process_without_a_broker(tree, people,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_to_forum(tree.policy, people["officer"])
    assert _to("Draft for forum review") == ["forumrep@example.org", "otherrep@example.org"]
    assert tasks.send_staff_notices() == 0
    assert SentEmail.objects.filter(kind="staff:review_opened").count() == 2


@pytest.fixture
def scans(monkeypatch):
    """Each staff-notice scan queued (``send_staff_notices.delay``), counted, not run."""
    queued = []
    monkeypatch.setattr(tasks.send_staff_notices, "delay", lambda: queued.append(1))
    return queued


def test_a_transaction_that_logs_many_events_queues_one_scan(
        tree, people, scans, django_capture_on_commit_callbacks):
    review = send_to_forum(tree.policy, people["officer"])
    scans.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for number in range(3):
            charter_services.comment_submit(review=review, author=people["rep"],
                                            body=f"Comment {number}: say who to ring.")
    assert scans == [1]
    # The next transaction queues its own.
    with django_capture_on_commit_callbacks(execute=True):
        charter_services.comment_submit(review=review, author=people["rep"], body="And one more.")
    assert scans == [1, 1]


def test_a_draft_saved_outside_the_forum_review_queues_no_scan(
        tree, people, scans, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = tree.policy.get_latest_revision_as_object()
        draft.in_short = "A draft nobody reviews yet."
        draft.save_revision(user=people["officer"])
    assert scans == []


def test_a_draft_saved_during_the_forum_review_queues_a_scan_and_reaches_the_forum(
        tree, people, scans, django_capture_on_commit_callbacks):
    send_to_forum(tree.policy, people["officer"])
    services.staff_notices_send()
    scans.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft = tree.policy.get_latest_revision_as_object()
        draft.in_short = "Changed while the forum reads it."
        draft.save_revision(user=people["officer"])
    assert scans == [1]
    services.staff_notices_send()
    assert _to("draft under review has changed") == ["forumrep@example.org",
                                                   "otherrep@example.org"]


def test_a_decision_sends_no_wagtail_workflow_e_mail_only_the_portals_notice(tree, people):
    """Wagtail's own "approved" e-mail repeated the portal's notice, in English, at once,
    with a link to localhost; the portal's notice is the only one, on PORTAL_BASE_URL."""
    review = send_to_forum(tree.policy, people["officer"])
    charter_services.review_decide(review=review, user=people["rep"],
                                   decision=Decision.AGREED)
    services.staff_notices_send()
    assert not [m.subject for m in mail.outbox
                if "has been approved" in m.subject or "submitted" in m.subject.lower()]
    [decision] = [m for m in mail.outbox
                  if "forum's decision" in m.subject and m.to == ["officer@example.org"]]
    links = re.findall(r"https?://[^\s]+", decision.body)
    assert links and all(link.startswith("https://travel.example.gov.uk/") for link in links)
    assert "localhost" not in decision.body


def test_someone_added_later_is_not_told_of_what_happened_before_them(tree, people):
    review = send_to_forum(tree.policy, people["officer"])
    charter_services.comment_submit(review=review, author=people["rep"], body="Say who to ring.")
    services.staff_notices_send()
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        UserFactory(username="officer2", email="officer2@example.org", groups=["Officers"])
        assert services.staff_notices_send() == 0
        assert services.staff_digests_send() == 0
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        charter_services.comment_submit(review=review, author=people["rep"], body="And when.")
        services.staff_notices_send()
    assert "officer2@example.org" in _to("New forum comment")


def test_polish_e_mails_give_dates_and_decisions_in_correct_polish(tree, people):
    from django.utils import formats, translation

    services.staff_preference_set(user=people["rep"], frequency="immediately", language="pl")
    review = send_to_forum(tree.policy, people["officer"])
    services.staff_notices_send()
    charter_services.review_decide(review=review, user=people["other"],
                                   decision=Decision.AGREED)
    services.staff_notices_send()
    polish = " ".join(m.body for m in mail.outbox if m.to == ["forumrep@example.org"])
    with translation.override("pl"):
        month = formats.date_format(review.deadline, "E")  # genitive: "grudnia"
    assert f"do {review.deadline.day} {month} {review.deadline.year}" in polish
    assert ": uzgodniono" in polish and "uzgodniony" not in polish


# --- a daily e-mail describes each thing as it stands when it is sent -----------------


def _digest_for(address):
    [digest] = [m for m in mail.outbox if m.to == [address]]
    return digest


def test_a_daily_e_mail_says_a_draft_decided_since_is_decided_not_waiting(tree, people):
    services.staff_preference_set(user=people["rep"], frequency="daily", language="en-gb")
    review = send_to_forum(tree.policy, people["officer"])
    old_deadline = review.deadline
    charter_services.review_decide(review=review, user=people["other"],
                                   decision=Decision.AGREED)
    mail.outbox.clear()
    assert services.staff_digests_send() == 1
    digest = _digest_for("forumrep@example.org")
    assert "2 things" in digest.subject  # the draft sent, the decision: nothing else
    opened = digest.body.split("1. ", 1)[1].split("\n2. ", 1)[0]
    assert tree.policy.title in opened
    assert "is waiting" not in opened
    assert f"{old_deadline:%B %Y}" not in opened and "Please comment" not in opened
    assert "The forum has since decided: agreed." in opened


def test_a_daily_e_mail_gives_a_waiting_draft_its_moved_deadline(tree, people):
    services.staff_preference_set(user=people["rep"], frequency="daily", language="en-gb")
    review = send_to_forum(tree.policy, people["officer"])
    old_deadline = review.deadline
    new_deadline = old_deadline + dt.timedelta(days=7)
    charter_services.review_set_deadline(review=review, deadline=new_deadline,
                                         user=people["officer"], reason="Half term agreed.")
    mail.outbox.clear()
    services.staff_digests_send()
    body = _digest_for("forumrep@example.org").body
    opened = body.split("1. ", 1)[1].split("\n2. ", 1)[0]
    assert "A draft is waiting for the forum's review" in opened
    assert f"Please comment and decide by {new_deadline:%A} {new_deadline.day} " in opened
    assert f"{old_deadline:%A} {old_deadline.day} {old_deadline:%B}" not in opened
    # The move itself is listed too, with both dates and the reason.
    assert "Half term agreed." in body and "The deadline for the forum's review" in body


def test_a_daily_e_mail_keeps_a_draft_change_made_before_the_review_ended(tree, people):
    services.staff_preference_set(user=people["rep"], frequency="daily", language="en-gb")
    review = send_to_forum(tree.policy, people["officer"])
    draft = tree.policy.get_latest_revision_as_object()
    draft.in_short = "Changed while the forum reads it."
    draft.save_revision(user=people["officer"])
    charter_services.review_decide(review=review, user=people["other"],
                                   decision=Decision.CHANGES_REQUESTED,
                                   note="Please say who to ring.")
    mail.outbox.clear()
    services.staff_digests_send()
    body = _digest_for("forumrep@example.org").body
    assert "3 things" in _digest_for("forumrep@example.org").subject
    changed = next(part for part in body.split("\n\n") if "changed the draft" in part)
    assert "while the forum was reviewing it" in changed
    assert "before you decide" not in changed
    assert "The forum has since decided: sent back for changes." in changed
    # A draft saved after the review ended is nobody's news.
    after = tree.policy.get_latest_revision_as_object()
    after.in_short = "Saved after the review."
    after.save_revision(user=people["officer"])
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        assert services.staff_digests_send() == 0


def test_an_immediate_notice_of_a_draft_already_decided_says_so(tree, people):
    """A notice sent late (a worker down for a while) tells the draft as it is now."""
    review = send_to_forum(tree.policy, people["officer"])
    charter_services.review_decide(review=review, user=people["other"],
                                   decision=Decision.AGREED_WITH_DISAGREEMENT,
                                   disagreements=[{"topic": "Walking",
                                                   "forum_position": "Keep 2 miles."}])
    services.staff_notices_send()
    [opened] = [m for m in mail.outbox if m.to == ["forumrep@example.org"]
                and "Draft for forum review" in m.subject]
    assert "is waiting" not in opened.body
    assert "The forum has since decided: agreed, with a stated disagreement." in opened.body


def test_a_polish_daily_e_mail_says_the_decision_since_in_polish(tree, people):
    services.staff_preference_set(user=people["rep"], frequency="daily", language="pl")
    review = send_to_forum(tree.policy, people["officer"])
    charter_services.review_decide(review=review, user=people["other"],
                                   decision=Decision.AGREED)
    mail.outbox.clear()
    services.staff_digests_send()
    body = _digest_for("forumrep@example.org").body
    assert "Forum już zdecydowało: uzgodniono." in body
    assert "czeka na opinię forum" not in body


def test_the_daily_e_mails_read_a_fixed_number_of_queries(tree, people,
                                                        django_assert_max_num_queries):
    """However many events each lists: the reviews as they stand are read once for all."""
    for user in (people["rep"], people["other"], people["officer"]):
        services.staff_preference_set(user=user, frequency="daily", language="en-gb")
    review = send_to_forum(tree.policy, people["officer"])
    for number in range(3):
        charter_services.comment_submit(review=review, author=people["rep"],
                                        body=f"Comment {number}: say who to ring.")
    charter_services.review_set_deadline(review=review, deadline=review.deadline
                                         + dt.timedelta(days=7), user=people["officer"],
                                         reason="Half term agreed.")
    charter_services.review_decide(review=review, user=people["other"],
                                   decision=Decision.AGREED)
    # What a running site has already made or cached once: the consultation settings' row
    # (made on first read) and the content types the outbox keys its records on.
    consultation_settings()
    for model in (EvidenceEntry, StaffNoticePreference):
        ContentType.objects.get_for_model(model)
    # Per person: their digest claimed, handed to the mail server, taken, its events recorded.
    with django_assert_max_num_queries(36):
        assert services.staff_digests_send() == 3


def test_an_arabic_officer_reads_the_calendar_clash_all_in_arabic(
        people, consultation_index, calendar):
    """The problems come from the holiday rule (English words for the admin); the e-mail says
    each in the officer's language, dates too."""
    from django.utils import formats, translation

    services.staff_preference_set(user=people["officer"], frequency="immediately",
                                  language="ar")
    with time_machine.travel(dt.datetime(2027, 9, 1, 10, tzinfo=LONDON), tick=False):
        make_consultation(consultation_index, calendar, opens_in_days=12, closes_in_days=50)
        services.staff_notices_send()
        mail.outbox.clear()
        # Two closure days in the public window (leaving 27 school days of the 28 needed) and
        # one in the forum's week before it.
        HolidayPeriod.objects.create(calendar=calendar, name="Extra closure", kind="closure",
                                     first_day=dt.date(2027, 9, 20),
                                     last_day=dt.date(2027, 9, 21))
        HolidayPeriod.objects.create(calendar=calendar, name="Training day", kind="closure",
                                     first_day=dt.date(2027, 9, 6), last_day=dt.date(2027, 9, 6))
        assert services.staff_notices_send() == 1
    [message] = mail.outbox
    body = message.body
    for english in ("It touches", "term-time", "the minimum is", "Forum pre-consultation",
                    "Extra closure", "Training day", "September", "Monday"):
        assert english not in body
    with translation.override("ar"):
        day = {d: formats.date_format(d, "l j F Y") for d in
               (dt.date(2027, 9, 20), dt.date(2027, 9, 21), dt.date(2027, 9, 6))}
    assert (f"تتداخل مع إغلاق للمدارس: يوم إغلاق، من {day[dt.date(2027, 9, 20)]} "
            f"إلى {day[dt.date(2027, 9, 21)]}.") in body
    assert "مدتها 27 يومًا دراسيًا؛ والحد الأدنى 28." in body
    assert (f"تتداخل مراجعة المنتدى التي تسبقها مع إغلاق للمدارس: يوم إغلاق، "
            f"{day[dt.date(2027, 9, 6)]}.") in body


def test_an_english_officer_reads_each_clash_in_plain_words(people, consultation_index,
                                                           calendar):
    with time_machine.travel(dt.datetime(2027, 9, 1, 10, tzinfo=LONDON), tick=False):
        make_consultation(consultation_index, calendar, opens_in_days=12, closes_in_days=50)
        services.staff_notices_send()
        mail.outbox.clear()
        HolidayPeriod.objects.create(calendar=calendar, name="Extra closure", kind="closure",
                                     first_day=dt.date(2027, 9, 20),
                                     last_day=dt.date(2027, 9, 21))
        services.staff_notices_send()
    [message] = mail.outbox
    assert ("- It runs into a school closure: closure day, Monday 20 September 2027 to "
            "Tuesday 21 September 2027.") in message.body
    assert "- It lasts 27 school days; the minimum is 28." in message.body


def test_a_polish_representative_reads_the_polish_title_where_the_page_has_one(tree, people):
    from tests.charter.test_translated_record import translate

    words = {}
    polish_page = translate(tree.policy, words, code="pl")
    services.staff_preference_set(user=people["rep"], frequency="immediately", language="pl")
    send_to_forum(tree.policy, people["officer"])
    services.staff_notices_send()
    polish = next(m for m in mail.outbox if m.to == ["forumrep@example.org"])
    english = next(m for m in mail.outbox if m.to == ["otherrep@example.org"])
    assert polish_page.title in polish.subject and polish_page.title in polish.body
    assert tree.policy.title not in polish.subject + polish.body
    assert tree.policy.title in english.subject


@pytest.mark.parametrize(("language", "section", "english"), [
    ("pl", "Część: Walking distances (po angielsku).", "(po angielsku)"),
    ("ar", "القسم: Walking distances (بالإنجليزية).", "(بالإنجليزية)"),
])
def test_a_section_and_a_title_still_in_english_are_marked_so_in_polish_and_arabic(
        tree, people, language, section, english):
    """A comment names the draft's section in the draft's words (English): a Polish or
    Arabic officer's notice says it is in English, as it says of an untranslated title; an
    English officer's notice marks nothing."""
    english_officer = UserFactory(username="officer2", email="officer2@example.org",
                                  groups=["Officers"])
    User.objects.filter(pk=english_officer.pk).update(date_joined=dt.datetime(
        2020, 1, 1, tzinfo=dt.UTC))
    services.staff_preference_set(user=people["officer"], frequency="immediately",
                                  language=language)
    review = send_to_forum(tree.policy, people["officer"])
    services.staff_notices_send()
    mail.outbox.clear()
    charter_services.comment_submit(review=review, author=people["rep"], body="Say who to ring.",
                                    block_id="walking", section_heading="Walking distances")
    assert services.staff_notices_send() == 2
    theirs = next(m for m in mail.outbox if m.to == ["officer@example.org"])
    plain = next(m for m in mail.outbox if m.to == ["officer2@example.org"])
    assert section in theirs.body
    assert f"{tree.policy.title} {english}" in theirs.subject
    assert f"{tree.policy.title} {english}" in theirs.body
    assert "Section: Walking distances." in plain.body and "(in English)" not in plain.body
