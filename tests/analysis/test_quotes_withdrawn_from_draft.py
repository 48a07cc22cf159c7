"""An answer deleted outright is no longer quoted in the officer's working draft either (not
only in the version the forum agreed): its quotes are taken out of the introduction and the
findings with a note beside them, every other word the officer typed is kept, and a copy of
the quote saved again from a page opened before the deletion is taken out again."""

from __future__ import annotations

import pytest

from analysis import writeup_services
from analysis.models import Coding, Finding, Flag, SuggestedCode, WriteUp
from analysis.writeup import drop_quotations, quote_words
from surveys.models import SurveyComment
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
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

NOTE = "Quoted words were taken out of this draft: the answer they came from was deleted."
OWN = "Our own words about the mornings, kept."


# --- the rule, without a database ------------------------------------------------------------


def test_a_quote_is_known_by_its_words_however_typed():
    assert (quote_words("“The bus is LATE, every day.”")
            == quote_words('"the bus is late every day"'))
    gone = {quote_words("“The bus is late every day.”")}
    text = "Late: 20 people.\n“The bus is late every day.”\nOur words. “Kind escort.”"
    assert drop_quotations(text, gone.__contains__) == (
        "Late: 20 people.\nOur words. “Kind escort.”", 1)
    assert drop_quotations(text, set().__contains__) == (text, 0)


# --- the working draft -------------------------------------------------------------------------


def _quoted(write_up, comments):  # noqa: F811
    """A comment the draft quotes in a finding, and that finding."""
    for finding in write_up.findings.all():
        for comment in comments:
            if f"“{comment.text}”" in finding.text:
                return comment, finding
    raise AssertionError("the draft quotes no comment")


def _delete(comment):
    for model in (Coding, Flag, SuggestedCode):
        model.objects.filter(comment=comment).delete()
    SurveyComment.objects.filter(pk=comment.pk).delete()


def test_a_deleted_comment_is_taken_out_of_the_draft_keeping_the_officers_words(
        client, published, agreed_frame, comments, officer):  # noqa: F811
    write_up = _generate(published, officer)
    deleted, finding = _quoted(write_up, comments)
    # The officer's own words, in the introduction and around the quote.
    writeup_services.write_up_edit(
        write_up=write_up, user=officer, text=f"{OWN}\n“{deleted.text}”",
        findings={finding.pk: f"{finding.text}\n{OWN}"})
    client.force_login(officer)
    before = client.get(_page_url(published)).content.decode()  # a page opened before
    _delete(deleted)
    write_up = WriteUp.objects.get(pk=write_up.pk)
    finding = Finding.objects.get(pk=finding.pk)
    assert deleted.text not in write_up.text and OWN in write_up.text
    assert deleted.text not in finding.text and OWN in finding.text
    assert finding.text.startswith("Late transport: 20 of 24 people")
    assert (write_up.text_withdrawn_deleted, finding.withdrawn_deleted) == (1, 1)
    assert all(q.get("text") != deleted.text for q in finding.quotes)
    html = client.get(_page_url(published)).content.decode()
    assert deleted.text not in html
    assert html.count(NOTE) == 2  # beside the introduction and the finding
    # The words on the page opened before the deletion, saved: the quote goes again.
    assert deleted.text in before
    sent = client.post(_url(published, "edit"), {
        "writeup-text": f"{OWN}\n“{deleted.text}”\nAdded after.",
        f"writeup-finding_{finding.pk}": f"{finding.text}\n“{deleted.text}”",
        "writeup-then": "save"})
    assert sent.status_code == 302
    write_up = WriteUp.objects.get(pk=write_up.pk)
    assert deleted.text not in write_up.text and "Added after." in write_up.text
    assert deleted.text not in Finding.objects.get(pk=finding.pk).text
    assert Finding.objects.get(pk=finding.pk).withdrawn_deleted == 2
    # Its words are kept nowhere: only a keyed hash of them.
    assert deleted.text not in str(write_up.withdrawn_quotes)


def test_the_forum_reads_the_draft_without_the_quote_and_with_the_note(
        client, published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    write_up = _generate(published, officer)
    deleted, _finding = _quoted(write_up, comments)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    _delete(deleted)
    client.force_login(forum_rep)
    html = client.get(_page_url(published)).content.decode()
    assert deleted.text not in html and NOTE in html


def test_a_new_round_starts_from_a_draft_without_the_quote(
        published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    deleted, finding = _quoted(write_up, comments)
    _delete(deleted)
    writeup_services.write_up_reopen(write_up=WriteUp.objects.get(pk=write_up.pk),
                                     user=officer)
    assert deleted.text not in Finding.objects.get(pk=finding.pk).text
    assert deleted.text not in str(WriteUp.objects.get(pk=write_up.pk).agreed)
    # Written again from the themes: new words, no note.
    again = _generate(published, officer)
    assert again.text_withdrawn_deleted == 0
    assert not again.findings.filter(withdrawn_deleted__gt=0).exists()


def test_a_line_pasted_without_quotation_marks_is_known_by_its_words_too():
    gone = {quote_words("— The bus is late every day, for my son.")}
    text = "Late: 20 people.\nThe bus is LATE every day for my son\nOur words."
    assert drop_quotations(text, gone.__contains__) == ("Late: 20 people.\nOur words.", 1)


def test_a_pasted_line_taken_out_is_taken_out_again_when_saved_from_a_page_opened_before(
        client, published, agreed_frame, comments, officer):  # noqa: F811
    write_up = _generate(published, officer)
    deleted, finding = _quoted(write_up, comments)
    pasted = f"— {deleted.text}"  # the answer, pasted without quotation marks
    writeup_services.write_up_edit(
        write_up=write_up, user=officer, text=f"{OWN}\n{pasted}",
        findings={finding.pk: f"{finding.text}\n{pasted}\n{OWN}"})
    client.force_login(officer)
    before = client.get(_page_url(published)).content.decode()  # a page opened before
    assert pasted in before
    _delete(deleted)
    write_up = WriteUp.objects.get(pk=write_up.pk)
    assert deleted.text not in write_up.text and OWN in write_up.text
    lost = Finding.objects.get(pk=finding.pk).withdrawn_deleted
    assert deleted.text not in Finding.objects.get(pk=finding.pk).text and lost == 2
    # The words on the page opened before the deletion, saved: the line goes again, with
    # the officer's other words kept and the note counting it.
    sent = client.post(_url(published, "edit"), {
        "writeup-text": f"{OWN}\n{pasted}\nAdded after.",
        f"writeup-finding_{finding.pk}": f"{finding.text}\n{pasted}\n{OWN}",
        "writeup-then": "save"})
    assert sent.status_code == 302
    write_up = WriteUp.objects.get(pk=write_up.pk)
    assert deleted.text not in write_up.text
    assert OWN in write_up.text and "Added after." in write_up.text
    assert write_up.text_withdrawn_deleted == 2
    kept = Finding.objects.get(pk=finding.pk)
    assert deleted.text not in kept.text and OWN in kept.text
    assert kept.withdrawn_deleted == lost + 2  # the draft's own quote, and the line
    assert deleted.text not in str(write_up.withdrawn_quotes)
    html = client.get(_page_url(published)).content.decode()
    assert deleted.text not in html
