"""The board reads the whole record: a pack for each board meeting covering everything since
the board last met (printed, and as a tagged PDF with page numbers in one font), the whole
record as a CSV, and meetings dated in the future counted as planned, never as held."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from charter import services
from charter.coproduction import coproduction_workflow
from charter.models import (
    CoproductionMeeting,
    ForumReviewTaskState,
    MeetingAction,
    MeetingAttendee,
    PageVersion,
)
from tests.charter.test_public_record import second_version  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
Decision = ForumReviewTaskState.Decision
Kind = CoproductionMeeting.Kind
TZ = dt.UTC


def at(day: dt.date, hour: int = 12):
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=TZ), tick=False)


D = dt.date
TODAY = D(2027, 3, 15)


@pytest.fixture
def year(review, forum_rep, officer, section_ids):
    """Board meetings on 1 February and 1 March (held) and 1 April (planned, seen from
    15 March); a forum meeting between them; comments either side of 1 February."""
    made = {}
    with at(D(2027, 1, 20)):
        made["early"] = services.comment_submit(review=review, author=forum_rep,
                                                body="<p>Said before February.</p>")
    with at(D(2027, 2, 15)):
        late = services.comment_submit(review=review, author=forum_rep,
                                       block_id=section_ids[1], section_heading="Walking distances",
                                       body="<p>First words on distances.</p>")
        late = services.comment_edit(comment=late, user=forum_rep,
                                     body="<p>Second words on distances.</p>")
        services.comment_answer(comment=late, officer=officer, disposition="noted",
                                reason="We will look again in spring.")
        services.review_decide(review=review, user=forum_rep,
                               decision=Decision.AGREED_WITH_DISAGREEMENT,
                               note="Agreed, with one point left open.",
                               disagreements=[{"topic": "Walking distance",
                                               "forum_position": "Too far for our children."}])
    for day, title in ((D(2027, 2, 1), "February board"), (D(2027, 3, 1), "March board"),
                       (D(2027, 4, 1), "April board")):
        made[title] = CoproductionMeeting.objects.create(date=day, title=title, kind=Kind.BOARD)
    forum = CoproductionMeeting.objects.create(
        date=D(2027, 2, 10), title="Forum meeting", agenda="1. Walking distances",
        notes="The forum asked for shorter walks.", decisions="Review the distances by May.")
    MeetingAttendee.objects.create(meeting=forum, role="Forum representative",
                                   organisation="Parent carer forum")
    MeetingAction.objects.create(meeting=forum, action="Measure the walking routes",
                                 owner="Officer", due_date=D(2027, 5, 1))
    CoproductionMeeting.objects.create(date=D(2027, 3, 20), title="Spring forum meeting",
                                       agenda="Planned agenda")
    return made


ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_board_officers_and_administrators_read_the_packs(client, login_as, role, db):
    meeting = CoproductionMeeting.objects.create(date=D(2027, 2, 1), title="Board",
                                                 kind=Kind.BOARD)
    login_as(role)
    for url in (reverse("board_meeting_pack", args=[meeting.pk]),
                reverse("board_meeting_pack_pdf", args=[meeting.pk]),
                reverse("board_record_csv")):
        response = client.get(url)
        if role in ("board_member", "officer", "admin"):
            assert response.status_code == 200, url
        elif role == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
        else:
            assert response.status_code == 403, url


def test_a_meeting_that_is_not_the_boards_has_no_pack(client, login_as, db):
    forum = CoproductionMeeting.objects.create(date=D(2027, 2, 1), title="Forum")
    login_as("board_member")
    assert client.get(reverse("board_meeting_pack", args=[forum.pk])).status_code == 404


def test_the_pack_covers_everything_since_the_last_board_meeting(client, login_as, year):
    with at(TODAY):
        login_as("board_member")
        html = client.get(reverse("board_meeting_pack", args=[year["March board"].pk])
                          ).content.decode()
    assert "since the board's last meeting on 1 February 2027 up to 1 March 2027" in html
    assert "Said before February." not in html
    assert "Second words on distances." in html
    assert "First words on distances." in html  # the earlier wording
    assert "We will look again in spring." in html
    assert "Agreed, with one point left open." in html  # the forum's note to the council
    assert "Agreed with a stated disagreement" in html
    assert "Too far for our children." in html
    # The forum meeting between the two board meetings, with what came of it.
    for text in ("1. Walking distances", "The forum asked for shorter walks.",
                 "Review the distances by May.", "Measure the walking routes",
                 "Forum representative, Parent carer forum"):
        assert text in html
    assert "Latest signed checkpoint of the evidence log" in html
    assert "forumrep" not in html  # representatives are never named to the board


def test_a_pack_for_a_planned_meeting_says_so_and_counts_nothing_planned_as_held(
        client, login_as, year):
    with at(TODAY):
        login_as("board_member")
        html = client.get(reverse("board_meeting_pack", args=[year["April board"].pk])
                          ).content.decode()
    assert "since the board's last meeting on 1 March 2027" in html
    assert "this meeting is planned" in html
    assert "Planned, not yet held" in html and "Spring forum meeting" in html
    assert "No meetings were held in this period." in html


def test_the_board_home_does_not_count_a_future_meeting_as_held(client, login_as, db):
    CoproductionMeeting.objects.create(date=TODAY - dt.timedelta(days=30), title="Held one")
    CoproductionMeeting.objects.create(date=TODAY + dt.timedelta(days=5), title="Next one")
    with at(TODAY):
        login_as("board_member")
        html = client.get(reverse("board_home")).content.decode()
    # The gap runs to today: the meeting in five days has not closed it.
    assert "13 Feb 2027 to 15 Mar 2027 (30 days)" in html
    planned = html.index("Planned, not yet held")
    assert planned < html.index("Next one") < html.index("Held one")


def _pdf_text(content: bytes) -> tuple[str, object]:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_the_pack_pdf_is_tagged_numbered_and_in_one_font(client, login_as, year):
    with at(TODAY):
        login_as("board_member")
        response = client.get(reverse("board_meeting_pack_pdf", args=[year["March board"].pk]))
    assert response["Content-Type"] == "application/pdf"
    text, reader = _pdf_text(response.content)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    pages = len(reader.pages)
    assert pages > 1
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "Second words on distances." in text and "Measure the walking routes" in text
    families, embedded = set(), []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            families.add(str(font["/BaseFont"]).split("+")[-1].split("-")[0])
            descriptor = (font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                          if "/DescendantFonts" in font else font["/FontDescriptor"])
            embedded.append(any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                          "/FontFile3")))
    assert families == {"Pack"}  # the pack's one family (Liberation Sans), nothing else
    assert embedded and all(embedded)


def test_the_whole_record_is_one_csv(client, login_as, year):
    with at(TODAY):
        login_as("board_member")
        response = client.get(reverse("board_record_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    kinds = {row[0] for row in rows[1:]}
    assert {"version", "forum review", "comment", "earlier wording", "disagreement",
            "meeting", "planned meeting", "action"} <= kinds
    texts = "\n".join(",".join(row) for row in rows)
    assert "Said before February." in texts and "Second words on distances." in texts
    assert "Agreed, with one point left open." in texts
    planned = next(row for row in rows if row[0] == "planned meeting")
    assert planned[5] == "Spring forum meeting"


def test_a_change_the_forum_won_and_a_later_version_undid_is_shown(
        client, login_as, second_version, officer, forum_rep):  # noqa: F811
    original = PageVersion.objects.get(page=second_version, number=1).revision.as_object()
    draft = second_version.get_latest_revision_as_object()
    draft.sections[1].value["body"] = original.sections[1].value["body"]
    draft.change_note = "Back to the old distances."
    draft.save_revision(user=officer)
    coproduction_workflow().start(draft, officer)
    review = draft.current_workflow_task_state.specific
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    assert PageVersion.objects.filter(page=second_version).count() == 3
    login_as("board_member")
    html = client.get(reverse("board_page", args=[second_version.pk])).content.decode()
    assert "1 change the forum asked for and the council accepted was later undone" in html
    assert "made in version 2, undone in version 3" in html


def test_the_pack_and_board_page_query_counts_do_not_grow(
        client, login_as, year, review, officer, forum_rep, section_ids,
        django_assert_max_num_queries):
    from tests.charter.conftest import send_to_forum

    pack = reverse("board_meeting_pack", args=[year["March board"].pk])
    page = reverse("board_page", args=[review.workflow_state.object_id])
    with at(TODAY):
        login_as("board_member")
    with at(TODAY), django_assert_max_num_queries(80) as before_pack:
        client.get(pack)
    with at(TODAY), django_assert_max_num_queries(60) as before_page:
        client.get(page)
    with at(D(2027, 2, 20)):
        again = send_to_forum(review.workflow_state.content_object, officer,
                              in_short="Round two.", change_note="Round two.")
        for i in range(6):
            c = services.comment_submit(review=again, author=forum_rep, block_id=section_ids[0],
                                        body=f"<p>Comment {i}</p>")
            services.comment_edit(comment=c, user=forum_rep, body=f"<p>Comment {i}, edited</p>")
            services.comment_answer(comment=c, officer=officer, disposition="accepted")
        services.review_decide(review=again, user=forum_rep,
                               decision=Decision.AGREED_WITH_DISAGREEMENT, note="Fine.",
                               disagreements=[{"topic": f"Point {i}", "forum_position": "No."}
                                              for i in range(3)])
    for i in range(4):
        meeting = CoproductionMeeting.objects.create(date=D(2027, 2, 2 + i), title=f"M{i}")
        MeetingAction.objects.create(meeting=meeting, action=f"Action {i}", owner="Officer",
                                     due_date=D(2027, 6, 1))
        MeetingAttendee.objects.create(meeting=meeting, role="Officer", organisation="Council")
    with at(TODAY), django_assert_max_num_queries(len(before_pack.captured_queries)):
        html = client.get(pack).content.decode()
    assert "Comment 5, edited" in html and "Action 3" in html
    with at(TODAY), django_assert_max_num_queries(len(before_page.captured_queries)):
        client.get(page)


def test_a_meeting_pack_is_listed_on_the_board_home(client, login_as, year):
    with at(TODAY):
        login_as("board_member")
        html = client.get(reverse("board_home")).content.decode()
    assert reverse("board_meeting_pack", args=[year["March board"].pk]) in html
    assert reverse("board_record_csv") in html
    # The board meeting of 1 April is listed with its pack, marked planned (seen from
    # 15 March); the held ones are not.
    packs = html[html.index('id="board-packs"'):]
    april = packs[packs.index("1 April 2027"):]
    assert april[:april.index("</li>")].count("Planned") == 1
    march = packs[packs.index("1 March 2027"):]
    assert "Planned" not in march[:march.index("</li>")]


def test_the_running_footer_carries_no_quote_or_markup_into_the_style_sheet():
    from charter.views.board import pack_footer

    assert pack_footer('Board pack: Parents\' "guide" </style><b>&') == (
        "Board pack: Parents guide /styleb")
