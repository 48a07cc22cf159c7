"""After the forum agrees a write-up: its pages keep showing the counts it agreed; coding
that changes afterwards is said plainly, theme by theme, and an officer can open a new round
with the forum while the public keeps the agreed version. And a number under the minimum
typed into a write-up is caught before it is saved or sent."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from analysis import writeup_services
from analysis.models import Coding, Theme, WriteUp
from charter.models import EvidenceEntry
from surveys.models import SurveyPage
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    _results,
    _send_and_agree,
    _told_us,
    _url,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

# Six answers recoded took a theme from fewer than 10 to 10: how many is held back.
CHANGED = ("Coding has changed since the forum agreed this: answers were recoded. How many is "
           "held back, because a small number could identify someone.")


@pytest.fixture
def agreed(published, agreed_frame, officer, forum_rep):  # noqa: F811
    return _send_and_agree(_generate(published, officer), officer, forum_rep)


def _recode(agreed_frame, comments, officer):  # noqa: F811
    """Six more comments given "Kind staff" after the agreement: 4 (hidden) becomes 10."""
    kind = Theme.objects.get(frame=agreed_frame, code="kind")
    Coding.objects.bulk_create([
        Coding(comment=c, question_id=agreed_frame.question_id, theme=kind, coded_by=officer,
               coded_at=timezone.now()) for c in comments[24:]])


@pytest.mark.parametrize("role", ["officer", "forum_rep"])
def test_the_agreed_page_shows_the_agreed_counts_and_says_what_changed(
        client, published, agreed, agreed_frame, comments, officer, forum_rep, role):  # noqa: F811
    client.force_login(officer if role == "officer" else forum_rep)
    html = client.get(_page_url(published)).content.decode()
    assert "the counts the forum agreed" in html
    assert "Coding has changed" not in html
    assert "Agreed on the forum’s behalf by forumrep" in html
    _recode(agreed_frame, comments, officer)
    html = client.get(_page_url(published)).content.decode()
    # The table is still the one agreed: "Kind staff" held back (under 10), not today's 10.
    table = html.split("the counts the forum agreed", 1)[1].split("</table>", 1)[0]
    assert "held back" in table and "<bdi>10</bdi>" not in table
    if role == "officer":
        assert CHANGED in html
        changes = html.split("Themes whose count has changed", 1)[1].split("</table>", 1)[0]
        assert "Kind staff" in changes and "<bdi>10</bdi>" in changes
        assert "Late transport" not in changes
    else:
        # A representative is told coding changed, with no number recoded and no count
        # now: six answers changed since the counts published, fewer than the minimum
        # (see test_forum_table_held_back).
        assert "Coding has changed since the forum agreed this." in html
        assert CHANGED not in html and "Themes whose count has changed" not in html
        assert "<bdi>10</bdi>" not in html
    assert ("Send it back to the forum to agree again" in html) == (role == "officer")


def test_a_new_round_keeps_the_agreed_version_public_until_agreed_again(
        client, published, agreed, agreed_frame, comments, officer, forum_rep,  # noqa: F811
        django_capture_on_commit_callbacks):
    _recode(agreed_frame, comments, officer)
    client.force_login(officer)
    response = client.post(_url(published, "reopen"))
    assert response.status_code == 302
    write_up = WriteUp.objects.get(pk=agreed.pk)
    assert write_up.status == WriteUp.Status.DRAFT
    entry = EvidenceEntry.objects.filter(kind="analysis_reopened").get()
    assert "Kind staff" not in entry.payload_json
    assert [t.text for t in entry.texts.all()] == ["Kind staff"]
    # The officer writes the new round from the themes; the public keeps the agreed one.
    _generate(published, officer)
    client.logout()
    public = _told_us(_results(client, SurveyPage.objects.get(pk=published.pk)))
    assert "Kind staff: held back." in public and "fewer than 10" not in public
    write_up = WriteUp.objects.get(pk=agreed.pk)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    with django_capture_on_commit_callbacks(execute=True):  # the cached pages are dropped
        writeup_services.write_up_agree(write_up=write_up, user=forum_rep)
    public = _told_us(_results(client, SurveyPage.objects.get(pk=published.pk)))
    # The new round is public; six more people since the counts published before, so
    # those counts stay (and the draft's words give them), with a note.
    assert "Counts not updated: fewer than 10 answers were added, taken out or recoded" in public
    assert "10 of 30 people" not in public and "Kind staff" in public


def test_sent_back_to_change_its_words_when_no_coding_changed(published, agreed,  # noqa: F811
                                                              officer):  # noqa: F811
    """With no coding changed, a new round is how an officer changes an agreed write-up's
    words (it is never taken back off the public pages): logged as such, the agreed version
    kept for the public."""
    writeup_services.write_up_reopen(write_up=agreed, user=officer)
    write_up = WriteUp.objects.get(pk=agreed.pk)
    assert write_up.status == WriteUp.Status.DRAFT and write_up.agreed
    entry = EvidenceEntry.objects.filter(kind="analysis_reopened").get()
    # No theme changed: nothing to name, in the entry or beside it.
    assert "themes_changed" not in entry.payload_json
    assert not entry.texts.filter(field="themes_changed").exists()
    assert "change its words" in entry.payload_json
    with pytest.raises(ValidationError, match="Only a write-up the forum agreed"):
        writeup_services.write_up_reopen(write_up=write_up, user=officer)


# --- small numbers typed by an officer -------------------------------------------------------


@pytest.fixture
def draft(published, agreed_frame, officer):  # noqa: F811
    return _generate(published, officer)


def _edit(client, page, draft, text, **extra):
    data = {"writeup-text": text,
            **{f"writeup-finding_{f.pk}": f.text for f in draft.findings.all()}, **extra}
    return client.post(_url(page, "edit"), data)


def test_a_small_number_is_refused_with_its_sentence_and_the_words_kept(
        client, published, draft, officer):  # noqa: F811
    client.force_login(officer)
    typed = "Thank you all. 4 families said the escort was rude."
    response = _edit(client, published, draft, typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "“4 families said the escort was rude.”" in html
    assert "small-number rule" in html
    assert "I have checked this does not identify anyone" in html
    assert typed in html  # nothing typed is lost
    assert WriteUp.objects.get(pk=draft.pk).text != typed
    # Ticked without a reason: still refused, still kept.
    response = _edit(client, published, draft, typed, **{"writeup-checked": "on"})
    assert response.status_code == 400
    assert typed in response.content.decode()
    # Ticked with a reason: kept, and the check is logged.
    response = _edit(client, published, draft, typed, **{
        "writeup-checked": "on", "writeup-reason": "The four are the council's own staff."})
    assert response.status_code == 302
    assert WriteUp.objects.get(pk=draft.pk).text == typed
    entry = EvidenceEntry.objects.get(kind="analysis_small_numbers_kept")
    # Kept beside the log entry, never in it (see test_write_up_public_log).
    assert "4 families said the escort was rude." not in entry.payload_json
    assert "council's own staff" in entry.texts.get(field="reason").text
    writeup_services.write_up_send(write_up=draft, user=officer)  # checked: it may go


def test_sending_a_small_number_no_one_checked_is_refused(
        published, draft, officer):  # noqa: F811
    WriteUp.objects.filter(pk=draft.pk).update(text="Four parents said so.")
    with pytest.raises(ValidationError, match="Four parents said so"):
        writeup_services.write_up_send(write_up=WriteUp.objects.get(pk=draft.pk), user=officer)
    assert WriteUp.objects.get(pk=draft.pk).status == WriteUp.Status.DRAFT


def test_the_send_button_tells_the_officer_which_sentence(
        client, published, draft, officer):  # noqa: F811
    WriteUp.objects.filter(pk=draft.pk).update(text="Four parents said so.")
    client.force_login(officer)
    html = client.post(_url(published, "send"), follow=True).content.decode()
    assert "Four parents said so." in html and "small-number rule" in html
    assert reverse("analysis_survey_page", args=[published.pk])
