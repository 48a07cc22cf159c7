"""Written answers appear in public only after an officer approves or redacts each one, with a
reason where words are removed or it is not published; every decision is logged."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from charter.models import EvidenceEntry
from surveys import services
from surveys.models import SurveyComment
from tests.surveys.conftest import question_ids

pytestmark = pytest.mark.django_db
Moderation = SurveyComment.Moderation
TEXT = "The driver, Dave Smith, was late every Monday and nobody told us."


def _text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def comments(survey):
    """Three written answers, all waiting for an officer, in the order they were written
    (their keys are random, so the order is taken from the texts)."""
    ids = question_ids(survey)
    texts = (TEXT, "More notice when the route changes.", "Thank you to the escorts.")
    for text in texts:
        services.survey_submit(survey=survey, audience="parents",
                               answers={ids["Overall satisfaction"]: 3},
                               comments={ids["One thing to improve"]: text})
    return sorted(SurveyComment.objects.all(), key=lambda c: texts.index(c.text))


def _url(survey, **query):
    url = reverse("surveys_comments", args=[survey.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _decide(client, survey, comment, **data):
    return client.post(_url(survey), {"comment": comment.pk, **data})


def test_approving_as_written_publishes_the_words_and_logs_it(client, login_as, survey,
                                                              comments):
    officer = login_as("officer")
    comment = comments[1]
    response = _decide(client, survey, comment, decision="approved")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.moderation == Moderation.APPROVED and comment.is_public
    assert comment.public_text == comment.text
    assert comment.moderated_by == officer
    entry = EvidenceEntry.objects.get(kind="survey_comment_moderated")
    assert json.loads(entry.payload_json) == {"survey": survey.pk, "comment": str(comment.pk),
                                              "decision": "approved"}
    assert entry.page_id == survey.pk


def test_removing_words_publishes_the_edited_text_with_the_reason_logged(
    client, login_as, survey, comments
):
    login_as("officer")
    comment = comments[0]
    _decide(client, survey, comment, decision="redacted",
            public_text="The driver was late every Monday and nobody told us.",
            reason="It named a driver.")
    comment.refresh_from_db()
    assert comment.moderation == Moderation.REDACTED and comment.is_public
    assert comment.public_text == "The driver was late every Monday and nobody told us."
    assert comment.text == TEXT  # the original is kept for officers
    assert comment.moderation_reason == "It named a driver."
    entry = EvidenceEntry.objects.get(kind="survey_comment_moderated")
    payload = json.loads(entry.payload_json)
    # The reason often repeats the detail removed: beside the entry, never in the public log.
    assert payload["decision"] == "redacted" and set(payload["reason"]) == {"text_sha256"}
    assert "named a driver" not in entry.payload_json
    assert [(t.field, t.text) for t in entry.texts.all()] == [("reason", "It named a driver.")]
    client.logout()
    public = b"".join(client.get(reverse("record_download")).streaming_content).decode()
    assert "named a driver" not in public


def test_withholding_publishes_nothing_and_logs_the_reason(client, login_as, survey, comments):
    login_as("officer")
    comment = comments[2]
    _decide(client, survey, comment, decision="withheld", reason="Could identify the family.")
    comment.refresh_from_db()
    assert comment.moderation == Moderation.WITHHELD and not comment.is_public
    assert comment.public_text == ""
    assert EvidenceEntry.objects.filter(kind="survey_comment_moderated").count() == 1


@pytest.mark.parametrize("decision", ["redacted", "withheld"])
def test_removing_words_or_withholding_needs_a_reason_and_keeps_what_was_typed(
    client, login_as, survey, comments, decision
):
    login_as("officer")
    comment = comments[0]
    typed = "The driver was late every Monday & nobody told us."
    response = _decide(client, survey, comment, decision=decision, public_text=typed,
                       reason="No")
    assert response.status_code == 400
    html = _text(response)
    assert f"The decision on comment {comment.pk} was not saved." in html
    assert "Say why, so the board can see it was fair." in html
    # What the officer typed is back in the form, to correct rather than retype.
    assert "The driver was late every Monday &amp; nobody told us.</textarea>" in html
    assert ">No</textarea>" in html
    assert f'value="{decision}" checked' in html
    comment.refresh_from_db()
    assert comment.moderation == Moderation.PENDING
    assert not EvidenceEntry.objects.filter(kind="survey_comment_moderated").exists()


def test_removing_words_needs_words_removed(client, login_as, survey, comments):
    login_as("officer")
    comment = comments[1]
    html = _text(_decide(client, survey, comment, decision="redacted", public_text=comment.text,
                         reason="Tidying it up."))
    assert "Nothing was removed: approve it as written instead." in html
    html = _text(_decide(client, survey, comment, decision="redacted", public_text="",
                         reason="Tidying it up."))
    assert "Give the words to publish." in html
    assert ">Tidying it up.</textarea>" in html


def test_no_decision_chosen_is_refused_beside_the_choice(client, login_as, survey, comments):
    login_as("officer")
    response = _decide(client, survey, comments[0], reason="Because.")
    assert response.status_code == 400
    assert "Choose approve, remove words, or do not publish." in _text(response)


def test_waiting_comments_come_first_with_counts_and_a_filter(client, login_as, survey,
                                                              comments):
    officer = login_as("officer")
    services.comment_moderate(comment=comments[0], user=officer, decision="withheld",
                              reason="Names a driver.")
    html = _text(client.get(_url(survey)))
    assert "All (3)" in html and "Waiting for an officer (2)" in html
    assert "Not published (1)" in html
    positions = [html.index(f'id="comment-{c.pk}"') for c in comments]
    # Waiting ones first (among themselves in key order, not the order they arrived in).
    assert max(positions[1], positions[2]) < positions[0]
    withheld = _text(client.get(_url(survey, state="withheld")))
    assert f'id="comment-{comments[0].pk}"' in withheld
    assert f'id="comment-{comments[1].pk}"' not in withheld
    assert "Reason: Names a driver." in withheld


def test_a_comment_from_another_survey_cannot_be_moderated_here(client, login_as, survey,
                                                                comments, survey_index):
    from tests.surveys.conftest import make_survey

    login_as("officer")
    other = make_survey(survey_index, year=2027, slug="2027")
    assert _decide(client, other, comments[0], decision="approved").status_code == 404
    assert client.post(_url(survey), {"comment": "x", "decision": "approved"}).status_code \
        == 404


def test_only_officers_moderate_even_through_the_service(survey, comments, forum_rep,
                                                         board_member):
    for user in (forum_rep, board_member):
        with pytest.raises(PermissionDenied):
            services.comment_moderate(comment=comments[0], user=user, decision="approved")


def test_the_service_refuses_without_a_reason(survey, comments, officer):
    with pytest.raises(ValidationError) as error:
        services.comment_moderate(comment=comments[0], user=officer, decision="withheld")
    assert "reason" in error.value.message_dict


def test_a_written_answer_keeps_the_language_of_the_page_it_was_typed_on(survey):
    """So the results page can mark it in that language on a page in another one."""
    ids = question_ids(survey)
    services.survey_submit(survey=survey, audience="parents",
                           answers={ids["Overall satisfaction"]: 3},
                           comments={ids["One thing to improve"]: "Kierowca się spóźniał."},
                           language="pl")
    services.survey_submit(survey=survey, audience="parents",
                           answers={ids["Overall satisfaction"]: 4},
                           comments={ids["One thing to improve"]: "Earlier letters."})
    languages = dict(SurveyComment.objects.values_list("text", "language"))
    assert languages == {"Kierowca się spóźniał.": "pl", "Earlier letters.": ""}
