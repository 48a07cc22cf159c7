"""The governance board reads the whole record and exports it; it changes nothing."""

import csv
import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from charter import services
from charter.models import CoproductionMeeting, ForumReviewTaskState, MeetingAction, MeetingAttendee

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]
Decision = ForumReviewTaskState.Decision


@pytest.fixture
def record(review, forum_rep, officer, section_ids, tree):
    c1 = services.comment_submit(review=review, author=forum_rep, block_id=section_ids[1],
                                 section_heading="Walking distances",
                                 body="<p>=SUM(A1) two miles is far.</p>", quote="2 miles")
    services.comment_answer(comment=c1, officer=officer, disposition="not_accepted",
                            reason="The law sets the distance.")
    services.comment_submit(review=review, author=forum_rep, body="<p>Unanswered one.</p>")
    services.review_decide(review=review, user=forum_rep,
                           decision=Decision.AGREED_WITH_DISAGREEMENT,
                           disagreements=[{"topic": "Walking distance",
                                           "forum_position": "Too far for our children."}])
    return tree.policy


def _urls(page):
    return [reverse("board_home"), reverse("board_page", args=[page.pk]),
            reverse("board_pack", args=[page.pk]), reverse("board_csv", args=[page.pk]),
            reverse("board_pack_pdf", args=[page.pk])]


@pytest.mark.parametrize("role", ROLES)
def test_board_members_and_officers_read_the_record_others_do_not(client, record, login_as,
                                                                 role):
    login_as(role)
    for url in _urls(record):
        response = client.get(url)
        if role in ("board_member", "officer"):
            assert response.status_code == 200, url
        elif role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/sign-in/")
        else:
            assert response.status_code == 403


@pytest.mark.parametrize("role", ["board_member"])
def test_the_board_changes_nothing(client, record, login_as, role, review):
    login_as(role)
    comment = record.forum_comments.first()
    disagreement = record.disagreements.first()
    assert client.post(reverse("forum_comment", args=[review.pk]),
                       {"body": "<p>x</p>"}).status_code == 403
    assert client.post(reverse("forum_disagreement", args=[disagreement.pk]),
                       {"position": "x"}).status_code == 403
    assert client.post(reverse("charter_answer_comment", args=[comment.pk]),
                       {"disposition": "accepted"}).status_code in (302, 403)
    assert client.get(f"/admin/pages/{record.pk}/edit/").status_code in (302, 403)
    disagreement.refresh_from_db()
    assert disagreement.forum_position == "Too far for our children."


def test_the_board_home_shows_each_page_and_the_chain_state(client, record, login_as):
    login_as("board_member")
    html = client.get(reverse("board_home")).content.decode()
    assert record.title in html
    assert "1 of 2" in html  # comments answered of made
    entries = services.evidence_verify().count
    assert f"{entries:,} entries, intact" in html


def test_the_page_record_has_the_numbers_the_board_asks_for(client, record, login_as):
    login_as("board_member")
    html = client.get(reverse("board_page", args=[record.pk])).content.decode()
    assert "2 made, 1 answered" in html
    assert "Not accepted: 1" in html and "Unanswered: 1" in html
    assert "1 held: 1 decided on time, 0 late" in html
    assert "Too far for our children." in html
    assert "forumrep" not in html


def test_the_csv_has_one_row_per_comment_and_defuses_formulas(client, record, login_as):
    login_as("board_member")
    response = client.get(reverse("board_csv", args=[record.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, first, second = rows[0], rows[1], rows[2]
    assert header[0] == "comment" and "changed in version" in header
    assert first[2] == "Walking distances"
    assert first[4].startswith("'=SUM")  # would otherwise run as a formula
    assert first[5] == "Not accepted" and first[6] == "The law sets the distance."
    assert first[9] == "2"  # the version published from the draft it was made on
    assert second[5] == "Not answered yet"
    assert any(row and row[0] == "disagreement" for row in rows)


def test_the_board_pack_is_a_printable_page(client, record, login_as):
    login_as("board_member")
    html = client.get(reverse("board_pack", args=[record.pk])).content.decode()
    assert "portal/css/board-pack.css" in html and "Board pack" in html
    assert "Too far for our children." in html
    # The print rules (A4 pages, "Page N of M") come from the stylesheet, not an inline
    # <style> the Content-Security-Policy would refuse.
    assert "<style" not in html
    css = (settings.BASE_DIR / "portal/static/portal/css/board-pack.css").read_text()
    assert "@page" in css and "counter(pages)" in css


@pytest.mark.calendar
def test_meeting_gaps_and_overdue_actions_are_flagged(client, login_as, db):
    today = timezone.localdate()
    old = CoproductionMeeting.objects.create(date=today - dt.timedelta(days=60), title="Spring")
    CoproductionMeeting.objects.create(date=today - dt.timedelta(days=20), title="Summer")
    MeetingAttendee.objects.create(meeting=old, role="Forum representative",
                                   organisation="Parent carer forum")
    MeetingAction.objects.create(meeting=old, action="Publish the FAQ in Polish",
                                 owner="Officer", due_date=today - dt.timedelta(days=5))
    login_as("board_member")
    html = client.get(reverse("board_home")).content.decode()
    assert "2 gaps longer than the cadence" in html
    assert "Publish the FAQ in Polish" in html
    assert "Forum representative, Parent carer forum" in html


def test_a_meeting_saved_in_the_admin_is_logged(client, login_as):
    from charter.models import EvidenceEntry

    login_as("officer")
    response = client.post(reverse("wagtailsnippets_charter_coproductionmeeting:add"), {
        "date": "2026-11-02", "kind": "coproduction", "title": "November meeting",
        "agenda": "", "notes": "",
        "decisions": "Agreed the FAQ.",
        "attendees-TOTAL_FORMS": "1", "attendees-INITIAL_FORMS": "0",
        "attendees-MIN_NUM_FORMS": "0", "attendees-MAX_NUM_FORMS": "1000",
        "attendees-0-role": "Officer", "attendees-0-organisation": "Transport team",
        "attendees-0-ORDER": "1", "attendees-0-id": "", "attendees-0-DELETE": "",
        "actions-TOTAL_FORMS": "0", "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0", "actions-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = EvidenceEntry.objects.get(kind="meeting_recorded")
    assert "Transport team" in entry.payload_json
    meeting = CoproductionMeeting.objects.get()
    assert meeting.history.count() == 1


def test_the_board_page_query_count_does_not_grow(client, record, login_as, review, forum_rep,
                                                  officer, django_assert_max_num_queries):
    login_as("board_member")
    url = reverse("board_page", args=[record.pk])
    with django_assert_max_num_queries(40) as before:
        client.get(url)
    from tests.charter.conftest import send_to_forum
    again = send_to_forum(record, officer, in_short="Round two.", change_note="Round two.")
    for i in range(10):
        c = services.comment_submit(review=again, author=forum_rep, body=f"<p>{i}</p>")
        services.comment_answer(comment=c, officer=officer, disposition="accepted")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url)


def test_long_comment_lists_come_a_page_at_a_time_but_exports_have_them_all(
    client, record, login_as, review, forum_rep
):
    from tests.charter.conftest import send_to_forum

    again = send_to_forum(record, review.workflow_state.requested_by, in_short="Round 2.",
                          change_note="Round 2.")
    for i in range(60):
        services.comment_submit(review=again, author=forum_rep, body=f"<p>Numbered {i:03d}</p>")
    login_as("board_member")
    html = client.get(reverse("board_page", args=[record.pk])).content.decode()
    assert "62 made" in html
    assert "Comments 1 to 50 of 62" in html
    assert "Later comments" in html
    assert "Numbered 059" not in html
    second = client.get(reverse("board_page", args=[record.pk]) + "?page=2").content.decode()
    assert "Numbered 059" in second
    pack = client.get(reverse("board_pack", args=[record.pk])).content.decode()
    assert "Numbered 000" in pack and "Numbered 059" in pack


def test_the_board_pack_is_also_a_pdf_with_its_styles(client, record, login_as):
    login_as("board_member")
    response = client.get(reverse("board_pack_pdf", args=[record.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5000


def test_the_pdf_fetches_nothing_but_the_portals_own_files():
    from charter.views.board import _local_static

    with pytest.raises(ValueError):
        _local_static("https://fonts.example.com/font.css")
    assert b"govuk" in _local_static("http://testserver/static/portal/css/portal.css")


def _meeting_with_rows():
    meeting = CoproductionMeeting.objects.create(date=dt.date(2026, 11, 2), title="November")
    attendee = MeetingAttendee.objects.create(meeting=meeting, role="Officer",
                                              organisation="Transport team", sort_order=0)
    action = MeetingAction.objects.create(meeting=meeting, action="Send the bus timetable",
                                          owner="Transport team",
                                          due_date=dt.date(2026, 11, 20), sort_order=0)
    return meeting, attendee, action


def _edit_meeting(client, meeting, attendee, action, *, remove_action=False, reason="",
                  notes=""):
    return client.post(
        reverse("wagtailsnippets_charter_coproductionmeeting:edit", args=[meeting.pk]), {
            "date": "2026-11-02", "kind": "coproduction", "title": "November",
            "agenda": "", "notes": notes, "decisions": "", "removal_reason": reason,
            "attendees-TOTAL_FORMS": "1", "attendees-INITIAL_FORMS": "1",
            "attendees-MIN_NUM_FORMS": "0", "attendees-MAX_NUM_FORMS": "1000",
            "attendees-0-role": "Officer", "attendees-0-organisation": "Transport team",
            "attendees-0-ORDER": "1", "attendees-0-id": str(attendee.pk),
            "attendees-0-DELETE": "",
            "actions-TOTAL_FORMS": "1", "actions-INITIAL_FORMS": "1",
            "actions-MIN_NUM_FORMS": "0", "actions-MAX_NUM_FORMS": "1000",
            "actions-0-action": action.action, "actions-0-owner": action.owner,
            "actions-0-due_date": "2026-11-20", "actions-0-ORDER": "1",
            "actions-0-id": str(action.pk), "actions-0-DELETE": "1" if remove_action else "",
        })


@pytest.mark.parametrize("reason", ["", "x y z zzzzzz"])
def test_removing_a_meeting_action_without_a_reason_is_refused_with_the_typed_words_kept(
        client, login_as, reason):
    from charter.models import EvidenceEntry

    meeting, attendee, action = _meeting_with_rows()
    login_as("officer")
    response = _edit_meeting(client, meeting, attendee, action, remove_action=True,
                             reason=reason, notes="Typed notes the officer must not lose.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say why you are removing 1 row from this meeting" in html
    assert "Typed notes the officer must not lose." in html
    assert 'name="removal_reason"' in html and f"\n{reason}</textarea>" in html
    assert MeetingAction.objects.filter(pk=action.pk).exists()
    assert not EvidenceEntry.objects.filter(kind="meeting_rows_removed").exists()


def test_a_removed_meeting_action_is_logged_with_who_and_why_and_shown_to_the_board(
        client, login_as):
    from charter.models import EvidenceEntry

    meeting, attendee, action = _meeting_with_rows()
    officer = login_as("officer")
    response = _edit_meeting(client, meeting, attendee, action, remove_action=True,
                             reason="Recorded twice by mistake at the meeting.")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not MeetingAction.objects.filter(pk=action.pk).exists()
    # Its history is kept, and the removal is an entry of its own, before the new snapshot.
    assert MeetingAction.history.filter(id=action.pk, history_type="-").exists()
    removal, snapshot = EvidenceEntry.objects.order_by("-sequence")[:2][::-1]
    assert (removal.kind, snapshot.kind) == ("meeting_rows_removed", "meeting_recorded")
    payload = json.loads(removal.payload_json)
    assert payload["by"] == officer.get_username()
    assert payload["reason"] == "Recorded twice by mistake at the meeting."
    assert payload["removed"] == [{"kind": "action", "action": "Send the bus timetable",
                                   "owner": "Transport team", "due": "2026-11-20",
                                   "done": False}]
    assert services.evidence_verify().intact
    login_as("board_member")
    html = client.get(reverse("board_home")).content.decode()
    removals = html[html.index('id="meeting-removals"'):html.index('id="board-packs"')]
    assert "Send the bus timetable" in removals
    assert "Recorded twice by mistake at the meeting." in removals
    assert f"by {officer.get_username()}" in removals


def test_editing_a_meeting_without_removing_anything_needs_no_reason(client, login_as):
    from charter.models import EvidenceEntry

    meeting, attendee, action = _meeting_with_rows()
    login_as("officer")
    response = _edit_meeting(client, meeting, attendee, action, notes="More notes.")
    assert response.status_code == 302
    assert not EvidenceEntry.objects.filter(kind="meeting_rows_removed").exists()
    assert EvidenceEntry.objects.filter(kind="meeting_recorded").exists()
