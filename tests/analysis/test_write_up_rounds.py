"""A round with the forum agrees the counts that are true when the forum agrees them. Coding
that changes after a draft took its counts (after "Send it back", or while the draft is with
the forum) is said on both sides with the counts then and now; the draft cannot be sent or
agreed until an officer refreshes its counts, which keeps their words and points at the
sentences whose numbers may now be wrong. The forum keeps the version it agreed while a new
round is prepared, and the change check counts only real changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from analysis import writeup, writeup_selectors, writeup_services
from analysis.models import Coding, Theme, WriteUp
from analysis.writeup_selectors import last_sent
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    _send_and_agree,
    _url,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.analysis.test_write_up_after_agreement import _recode
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

# Six answers recoded took "Kind staff" from fewer than 10 to 10: "6 recoded" would give
# the hidden 4 away, so how many is held back.
STALE = ("Coding has changed since this draft’s counts were taken: answers were recoded. How "
         "many is held back, because a small number could identify someone.")


@pytest.fixture
def agreed(published, agreed_frame, officer, forum_rep):  # noqa: F811
    return _send_and_agree(_generate(published, officer), officer, forum_rep)


def _kind_count(counts) -> int | None:
    return next(t["count"] for table in counts for t in table["themes"]
                if t["name"] == "Kind staff")


def _fresh(write_up) -> WriteUp:
    return WriteUp.objects.get(pk=write_up.pk)


def test_a_round_sent_back_sends_and_agrees_the_counts_now_not_the_old_ones(
        client, published, agreed, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    _recode(agreed_frame, comments, officer)  # "Kind staff": fewer than 10 becomes 10
    writeup_services.write_up_reopen(write_up=agreed, user=officer)
    # Sent again without writing it again: refused, the counts would be the old ones.
    with pytest.raises(ValidationError, match="Refresh the counts"):
        writeup_services.write_up_send(write_up=_fresh(agreed), user=officer)
    client.force_login(officer)
    html = client.get(_page_url(published)).content.decode()
    assert STALE in html
    table = html.split("since the draft was written", 1)[1].split("</table>", 1)[0]
    assert "Kind staff" in table and "held back" in table and "<bdi>10</bdi>" in table
    assert "fewer than" not in table
    assert "Refresh the counts" in html
    # The officer's own words, then the refresh: the words are kept, the counts are now's.
    findings = {f"writeup-finding_{f.pk}": f.text for f in _fresh(agreed).findings.all()}
    kind = next(f for f in _fresh(agreed).findings.all() if f.theme.code == "kind")
    findings[f"writeup-finding_{kind.pk}"] = "Kind staff came up fewer than 10 times. We agree."
    response = client.post(_url(published, "edit"),
                           {"writeup-text": "Our own introduction.", **findings})
    assert response.status_code == 302
    html = client.post(_url(published, "refresh"), follow=True).content.decode()
    write_up = _fresh(agreed)
    assert write_up.text == "Our own introduction."
    assert _kind_count(write_up.counts) == 10
    assert STALE not in html
    # The sentence whose number may now be wrong is pointed at; the one without a number not.
    check = html.split("Check the numbers in these sentences", 1)[1].split("</ul>", 1)[0]
    assert "Kind staff came up fewer than 10 times." in check
    assert "We agree." not in check
    # Six more people coded: every share changed, so "20 of 24 (83 %)" is pointed at too.
    assert "Late transport: 20 of 24 people (83 %)." in check
    writeup_services.write_up_send(write_up=write_up, user=officer)
    agreed_again = writeup_services.write_up_agree(write_up=_fresh(agreed), user=forum_rep)
    assert _kind_count(agreed_again.agreed["counted"]) == 10
    # Six people more than the counts published before: the public keeps those, so the two
    # rounds side by side tell nothing of the six (see test_published_counts).
    assert _kind_count(agreed_again.agreed["counts"]) is None
    assert agreed_again.agreed["counts"][0]["not_updated"]
    assert writeup_selectors.coding_changes(_fresh(agreed)) is None
    assert _fresh(agreed).recount == {}


def test_coding_changed_while_with_the_forum_is_shown_and_stops_the_agreement(
        client, published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    _recode(agreed_frame, comments, officer)
    client.force_login(forum_rep)
    html = client.get(_page_url(published)).content.decode()
    # A representative is told coding changed, but given no number recoded, and a table
    # held against what they were shown with the draft: six answers changed since, so it
    # keeps those counts (see test_forum_table_held_back).
    assert "Coding has changed since this draft’s counts were taken." in html
    assert STALE not in html and "In this draft" not in html
    assert "Counts not updated: fewer than 10 answers" in html
    assert "Agree the analysis</button>" not in html
    assert "You can agree once the council has refreshed the counts" in html
    response = client.post(_url(published, "agree"), {"sent": last_sent(write_up)},
                           follow=True)
    assert "cannot be agreed yet" in response.content.decode()
    assert _fresh(write_up).status == WriteUp.Status.WITH_FORUM
    assert not _fresh(write_up).agreed
    # The officer sees it too, takes it back, refreshes and sends; the forum agrees now's.
    client.force_login(officer)
    html = client.get(_page_url(published)).content.decode()
    assert STALE in html and "Take it back, refresh the counts" in html
    writeup_services.write_up_take_back(write_up=write_up, user=officer)
    writeup_services.write_up_refresh_counts(write_up=_fresh(write_up), user=officer)
    writeup_services.write_up_send(write_up=_fresh(write_up), user=officer)
    agreed = writeup_services.write_up_agree(write_up=_fresh(write_up), user=forum_rep)
    # The forum agreed the counts now; the public is given the ones the forum was shown
    # with the draft, six answers before (the two side by side would tell of the six).
    assert _kind_count(agreed.agreed["counted"]) == 10
    assert _kind_count(agreed.agreed["counts"]) is None
    assert agreed.agreed["counts"][0]["not_updated"]


def test_a_version_agreed_on_old_counts_can_be_sent_back(
        published, agreed, agreed_frame, officer):  # noqa: F811
    """Agreed before the counts were taken at agreement: the coding it was agreed on is
    older than the agreement, but its counts differ from today's all the same."""
    old = dict(agreed.agreed)
    old.pop("counted")  # agreed before the counts agreed were kept apart from the public's
    old["counts"] = [{**t, "themes": [{**th, "count": 14, "under_minimum": False}
                                      if th["name"] == "Kind staff" else th
                                      for th in t["themes"]]} for t in old["counts"]]
    WriteUp.objects.filter(pk=agreed.pk).update(agreed=old)
    changes = writeup_selectors.coding_changes(_fresh(agreed))
    assert changes is not None and changes.recoded == 0
    assert [(c.name, c.agreed, c.now) for c in changes.themes] == [("Kind staff", 14, None)]
    writeup_services.write_up_reopen(write_up=_fresh(agreed), user=officer)
    assert _fresh(agreed).status == WriteUp.Status.DRAFT


def test_a_theme_given_and_taken_off_again_is_no_change(
        published, agreed, agreed_frame, comments, officer):  # noqa: F811
    kind = Theme.objects.get(frame=agreed_frame, code="kind")
    now = timezone.now()
    Coding.objects.create(comment=comments[27], question_id=agreed_frame.question_id,
                          theme=kind, coded_by=officer, coded_at=now, removed_at=now,
                          removed_by=officer)
    assert writeup_selectors.coding_changes(_fresh(agreed)) is None
    # One more, kept: one answer recoded, not two.
    Coding.objects.create(comment=comments[28], question_id=agreed_frame.question_id,
                          theme=kind, coded_by=officer, coded_at=timezone.now())
    assert writeup_selectors.recoded_since([agreed_frame], parse_datetime(
        _fresh(agreed).agreed["at"])) == 1
    # ...which is under the minimum, so nobody is told "1 answer recoded".
    changes = writeup_selectors.coding_changes(_fresh(agreed))
    assert changes.recoded is None and changes.recoded_held


@pytest.mark.parametrize(("recoded", "themes", "held"), [
    (4, [], True),  # under the minimum
    (9, [writeup_selectors.ThemeChange("Late", 20, 12, 10)], True),
    (12, [writeup_selectors.ThemeChange("Late", 20, 12, 10)], False),
    # Agreed 16, now fewer than 10: 16 minus 12 recoded bounds the hidden count.
    (12, [writeup_selectors.ThemeChange("Late", 16, None, 10)], True),
    (12, [writeup_selectors.ThemeChange("Late", None, 14, 10)], True),
    (12, [writeup_selectors.ThemeChange("New", None, 14, 10, added=True)], False),
    (12, [writeup_selectors.ThemeChange("Late", None, None, 10)], False),
])
def test_the_number_recoded_follows_the_small_number_rule(recoded, themes, held):
    assert writeup_selectors.recoded_reveals(recoded, themes, [{"minimum": 10}]) is held


def test_a_held_back_count_is_called_held_back_not_fewer_than_10(
        client, published, agreed, officer):  # noqa: F811
    old = dict(agreed.agreed)
    old.pop("counted")  # as agreed before the counts agreed were kept apart from the public's
    old["counts"] = [{**t, "themes": [{**th, "count": None, "under_minimum": False,
                                       "percent": None, "low": None, "high": None}
                                      if th["name"] == "Late transport" else th
                                      for th in t["themes"]]} for t in old["counts"]]
    WriteUp.objects.filter(pk=agreed.pk).update(agreed=old)
    client.force_login(officer)
    html = client.get(_page_url(published)).content.decode()
    changes = html.split("Themes whose count has changed", 1)[1].split("</table>", 1)[0]
    row = changes.split("Late transport", 1)[1].split("</tr>", 1)[0]
    assert "held back" in row and "fewer than" not in row and "<bdi>20</bdi>" in row


def test_the_forum_keeps_the_page_it_agreed_while_a_new_round_is_prepared(
        client, published, agreed, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    _recode(agreed_frame, comments, officer)
    writeup_services.write_up_reopen(write_up=agreed, user=officer)
    writeup_services.write_up_refresh_counts(write_up=_fresh(agreed), user=officer)
    WriteUp.objects.filter(pk=agreed.pk).update(text="The council's new draft, unsent.")
    client.force_login(forum_rep)
    response = client.get(_page_url(published))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sent back for a new round" in html
    assert "the council is preparing a new round" in html
    assert "the counts the forum agreed" in html
    assert agreed.agreed["text"].splitlines()[0] in html
    assert "The council's new draft, unsent." not in html
    assert "Agree the analysis</button>" not in html
    listed = client.get(reverse("analysis_home")).content.decode()
    assert _page_url(published) in listed and "Sent back for a new round" in listed
    # The officer reads that the public still sees the agreed version.
    client.force_login(officer)
    html = client.get(_page_url(published)).content.decode()
    assert "The public still sees the version the forum agreed on" in html


def test_sentences_with_numbers_leave_out_quotes_and_number_free_sentences():
    text = ("Late transport: 12 of 30 people (40 %). It matters.\n“I waited 3 hours.”\n"
            "Most families said so. Thank you.")
    assert writeup.sentences_with_numbers(text) == [
        "Late transport: 12 of 30 people (40 %).", "Most families said so."]


STEPS = ["generate", "edit", "send", "take_back", "comment", "agree", "reopen", "refresh"]


@pytest.mark.parametrize("role", ["officer", "forum_rep"])
def test_a_sent_back_rounds_old_addresses_lead_to_the_current_round(
        client, published, agreed, agreed_frame, comments, officer, forum_rep,  # noqa: F811
        role):
    _recode(agreed_frame, comments, officer)
    writeup_services.write_up_reopen(write_up=agreed, user=officer)
    client.force_login(officer if role == "officer" else forum_rep)
    for step in STEPS:
        response = client.get(_url(published, step))
        assert response.status_code == 302, step
        assert response["Location"] == _page_url(published) + "#write-up"
    page = client.get(_page_url(published)).content.decode()
    assert "Sent back for a new round" in page
    assert _fresh(agreed).status == WriteUp.Status.DRAFT  # opening an address did nothing


@pytest.mark.parametrize("role", ["anonymous", "parent", "board_member"])
def test_the_old_addresses_show_nothing_to_those_who_may_not_see_the_analysis(
        client, login_as, published, agreed, role):  # noqa: F811
    login_as(role)
    response = client.get(_url(published, "agree"))
    if response.status_code == 302:
        assert "login" in response["Location"] or "sign-in" in response["Location"]
    else:
        assert response.status_code in (403, 404)
