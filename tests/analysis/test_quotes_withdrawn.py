"""A quote in a write-up the forum agreed whose answer may no longer be quoted (a survey
comment set to "Do not publish" or its words removed, a consultation answer whose consent
is gone or whose details were removed) is taken out where the public and the board read the
write-up, without a new round."""

from __future__ import annotations

import pytest
from django.utils import timezone

from analysis.models import Coding, Flag, SuggestedCode, WriteUp
from analysis.writeup import REMOVED, withdraw_quotes
from analysis.writeup_services import quotes_withdraw_deleted
from surveys.models import SurveyComment, SurveyPage
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _results,
    _send_and_agree,
    _told_us,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

NOTE = "Quoted words were taken out after the forum agreed this"


# --- the rule, without a database ------------------------------------------------------------


def test_a_quote_of_an_answer_no_longer_cleared_is_taken_out_with_its_line():
    text = "Kind staff: fewer than 10 people.\n“We had four drivers.”\n“Lovely escort.”"
    shown, lost = withdraw_quotes(text, typed=["We had four drivers.", "Lovely escort."],
                                  public=["Lovely escort."])
    assert (shown, lost) == ("Kind staff: fewer than 10 people.\n“Lovely escort.”", 1)


def test_a_quote_whose_details_were_removed_since_is_taken_out():
    typed = ["Jo at Oak Lane School waits an hour."]
    public = [f"{REMOVED} waits an hour."]
    shown, lost = withdraw_quotes("Late.\n“Jo at Oak Lane School waits an hour.”",
                                  typed=typed, public=public)
    assert lost == 1 and "Oak Lane" not in shown
    # Quoted as it is cleared now (details removed, or cut with "…"): it stays.
    for quote in (f"“{REMOVED} waits an hour.”", "“… waits an hour.”"):
        assert withdraw_quotes(f"Late.\n{quote}", typed=typed, public=public)[1] == 0


def test_words_in_quotation_marks_that_are_no_ones_answer_stay():
    text = "Some called the service “always late”, and it was."
    assert withdraw_quotes(text, typed=["The bus is slow."], public=[]) == (text, 0)


# --- the public results and the board ------------------------------------------------------


def test_a_comment_withheld_after_the_agreement_is_no_longer_quoted(
        client, login_as, settings, officer, forum_rep,
        published, agreed_frame, comments):  # noqa: F811
    settings.PORTAL_PAGE_CACHE = False
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    quoted = [c for c in comments if c.text in write_up.agreed["findings"][0]["text"]]
    assert quoted, "the agreed write-up quotes an approved comment"
    withheld = quoted[0]
    kept = [c for c in comments if c.text in "".join(f["text"] for f in
                                                     write_up.agreed["findings"])
            and c.pk != withheld.pk]
    page = SurveyPage.objects.get(pk=published.pk)
    assert withheld.text in _told_us(_results(client, page))
    SurveyComment.objects.filter(pk=withheld.pk).update(
        moderation=SurveyComment.Moderation.WITHHELD, moderation_reason="identifies the family",
        moderated_by=officer, moderated_at=timezone.now())
    for language in ("", "/pl", "/ar"):
        html = client.get(f"{language}{page.url}results/").content.decode()
        told = _told_us(html)
        assert withheld.text not in told, language
        assert all(c.text in told for c in kept), language
        if language == "/pl":
            assert "usunięto stąd cytowane słowa" in told
    assert NOTE in _told_us(_results(client, page))
    login_as("board_member")
    board = client.get("/board/analysis/").content.decode()
    assert withheld.text not in board and NOTE in board
    assert all(c.text in board for c in kept)


def test_a_comment_deleted_outright_after_the_agreement_is_no_longer_quoted(
        client, login_as, settings, officer, forum_rep,
        published, agreed_frame, comments):  # noqa: F811
    settings.PORTAL_PAGE_CACHE = False
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    quoted = [c for c in comments if c.text in write_up.agreed["findings"][0]["text"]]
    deleted = quoted[0]
    kept = [c for c in comments if c.text in "".join(f["text"] for f in
                                                     write_up.agreed["findings"])
            and c.pk != deleted.pk]
    page = SurveyPage.objects.get(pk=published.pk)
    assert deleted.text in _told_us(_results(client, page))
    # Its codes go first (they protect it), then the comment itself.
    for model in (Coding, Flag, SuggestedCode):
        model.objects.filter(comment=deleted).delete()
    SurveyComment.objects.filter(pk=deleted.pk).delete()
    told = _told_us(_results(client, page))
    assert deleted.text not in told and NOTE in told
    assert all(c.text in told for c in kept)
    login_as("board_member")
    board = client.get("/board/analysis/").content.decode()
    assert deleted.text not in board and NOTE in board
    assert deleted.text not in str(WriteUp.objects.get(pk=write_up.pk).agreed)


def test_a_deleted_answer_whose_words_no_agreed_version_quotes_changes_nothing(
        published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    agreed = write_up.agreed
    assert quotes_withdraw_deleted(texts=["Words nobody quoted."],
                                   survey_id=published.pk) == 0
    assert WriteUp.objects.get(pk=write_up.pk).agreed == agreed
