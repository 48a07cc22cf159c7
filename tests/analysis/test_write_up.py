"""The frame's review by the forum, the analysis page, the "What people told us" write-up and
the exports, as officers, forum representatives and everyone else meet them."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from analysis import demo, writeup_selectors, writeup_services
from analysis.models import (
    Coding,
    CodingFrame,
    Finding,
    FrameComment,
    QuoteConsent,
    SuggestedCode,
    WriteUp,
)
from analysis.writeup_selectors import last_sent
from charter.models import EvidenceEntry
from consultations.models import ConsultationResponse
from tests.factories import UserFactory
from tests.surveys.conftest import survey, survey_index  # noqa: F401

pytestmark = pytest.mark.usefixtures("term_day")

ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]


@pytest.fixture
def coded(frame, consultation, officer):
    """The first 80 demo answers as responses, each coded with its hand codes; the even
    ones agreed to be quoted."""
    question = frame.question_id
    answers = demo.answers()[:80]
    responses = ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=consultation, respondent_type=a.respondent_type,
                             channel=a.channel, reference=f"R{n:07d}",
                             answers={question: a.text})
        for n, a in enumerate(answers)])
    themes = dict(frame.themes.values_list("code", "pk"))
    now = timezone.now()
    Coding.objects.bulk_create([
        Coding(response=r, question_id=question, theme_id=themes[code], coded_by=officer,
               coded_at=now)
        for r, a in zip(responses, answers, strict=True) for code in a.themes])
    QuoteConsent.objects.bulk_create([
        QuoteConsent(response=r, how="Ticked the box", recorded_by=officer, recorded_at=now)
        for r in responses[::2]])
    return responses


def _agree(frame, officer, rep):
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=rep)


# --- the frame's review ----------------------------------------------------------------------


def test_the_frame_goes_to_the_forum_which_proposes_changes_and_agrees_it(frame, officer,
                                                                          forum_rep):
    writeup_services.theme_save(frame=frame, user=officer, name="Siblings at other schools",
                                description="Brothers and sisters at different schools.",
                                examples=["My two go to different schools", " "])
    added = frame.themes.get(name="Siblings at other schools")
    assert [e.text for e in added.examples.all()] == ["My two go to different schools"]
    writeup_services.frame_send(frame=frame, user=officer)
    frame.refresh_from_db()
    assert frame.status == CodingFrame.Status.WITH_FORUM
    with pytest.raises(ValidationError, match="Take the frame back"):
        writeup_services.theme_save(frame=frame, user=officer, name="Late", description="",
                                    examples=[])
    writeup_services.frame_comment(frame=frame, user=forum_rep, proposal="merge",
                                   text="Merge cost and fairness with transport now",
                                   theme=added)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    frame.refresh_from_db()
    assert frame.status == CodingFrame.Status.AGREED
    logged = list(EvidenceEntry.objects.filter(subject=f"page:{frame.consultation_id}",
                                               kind__startswith="coding_frame")
                  .values_list("kind", flat=True))
    assert logged == ["coding_frame_sent", "coding_frame_agreed"]
    sent = EvidenceEntry.objects.get(kind="coding_frame_sent")
    # Each theme by its key; the names the forum was sent are beside the entry.
    assert "Siblings at other schools" not in sent.payload_json
    assert "Siblings at other schools" in sent.texts.get(field="theme_names").text
    assert "My two go to different schools" not in sent.payload_json
    assert [s.action for s in frame.review_steps.all()] == ["sent", "agreed"]


def test_only_officers_write_and_only_the_forum_agrees(frame, officer, forum_rep):
    with pytest.raises(PermissionDenied):
        writeup_services.frame_send(frame=frame, user=forum_rep)
    writeup_services.frame_send(frame=frame, user=officer)
    with pytest.raises(PermissionDenied):
        writeup_services.frame_agree(frame=frame, user=officer)
    with pytest.raises(PermissionDenied):
        writeup_services.frame_comment(frame=frame, user=officer, proposal="add", text="x")


def test_taking_the_frame_back_makes_it_a_draft_to_send_again(frame, officer, forum_rep):
    _agree(frame, officer, forum_rep)
    writeup_services.frame_take_back(frame=frame, user=officer)
    frame.refresh_from_db()
    assert frame.status == CodingFrame.Status.DRAFT
    with pytest.raises(ValidationError):
        writeup_services.frame_agree(frame=frame, user=forum_rep)


@pytest.mark.parametrize("role,draft_status,sent_status", [
    ("anonymous", 302, 302), ("parent", 403, 403), ("board_member", 403, 403),
    ("forum_rep", 404, 200), ("officer", 200, 200)])
def test_who_sees_the_frame(client, login_as, frame, officer, role, draft_status,
                            sent_status):
    login_as(role)
    url = reverse("analysis_frame", args=[frame.pk])
    assert client.get(url).status_code == draft_status
    writeup_services.frame_send(frame=frame, user=officer)
    assert client.get(url).status_code == sent_status


def test_the_forum_proposes_and_agrees_on_the_page(client, frame, officer, forum_rep):
    writeup_services.frame_send(frame=frame, user=officer)
    client.force_login(forum_rep)
    page = client.get(reverse("analysis_frame", args=[frame.pk]))
    assert "Agree the themes" in page.content.decode()
    sent = client.post(reverse("analysis_frame_comment", args=[frame.pk]),
                       {"proposal-proposal": "", "proposal-text": "Rename cost to fairness"})
    assert sent.status_code == 400
    assert "Rename cost to fairness" in sent.content.decode()  # typed words kept
    sent = client.post(reverse("analysis_frame_comment", args=[frame.pk]),
                       {"proposal-proposal": "rename", "proposal-text": "Rename cost"})
    assert sent.status_code == 302 and FrameComment.objects.get().proposal == "rename"
    client.post(reverse("analysis_frame_agree", args=[frame.pk]), {"sent": last_sent(frame)})
    frame.refresh_from_db()
    assert frame.status == CodingFrame.Status.AGREED


def test_an_officer_adds_a_theme_and_a_mistake_keeps_the_words(client, frame, officer):
    client.force_login(officer)
    url = reverse("analysis_frame_theme", args=[frame.pk])
    sent = client.post(url, {"theme-name": "", "theme-description": "Long words I typed"})
    assert sent.status_code == 400 and "Long words I typed" in sent.content.decode()
    sent = client.post(url, {"theme-name": "Siblings", "theme-description": "Different schools",
                             "theme-examples": "One\nTwo"})
    assert sent.status_code == 302
    assert list(frame.themes.get(name="Siblings").examples.values_list("text", flat=True)) \
        == ["One", "Two"]


def test_a_representative_cannot_change_the_frame(client, frame, officer, forum_rep):
    writeup_services.frame_send(frame=frame, user=officer)
    client.force_login(forum_rep)
    assert client.post(reverse("analysis_frame_theme", args=[frame.pk]),
                       {"theme-name": "Mine"}).status_code == 403
    assert client.post(reverse("analysis_frame_take_back", args=[frame.pk])).status_code == 403


# --- the analysis page -----------------------------------------------------------------------


def test_the_page_shows_counts_with_intervals_and_hides_small_ones(client, frame, coded,
                                                                   officer):
    client.force_login(officer)
    page = client.get(reverse("analysis_page", args=[frame.consultation_id]))
    html = page.content.decode()
    table = writeup_selectors.frame_analysis(frame).table
    shown = [r for r in table.rows if not r.total.hidden and r.total.count]
    assert shown
    row = shown[0]
    pct = round(100 * row.total.share.share)
    low, high = round(100 * row.total.share.low), round(100 * row.total.share.high)
    assert f"{pct}&nbsp;% ({low} to {high}&nbsp;%)" in html
    # Some type's count is small: every hidden count has the one label.
    assert "held back" in html and "fewer than 10</td>" not in html
    for r in table.rows:
        for cell in r.by_type.values():
            if cell.hidden:
                assert cell.count is None
    assert "Not final" in html  # the frame is not agreed yet


def test_quotes_only_from_respondents_who_agreed(frame, coded):
    result = writeup_selectors.frame_analysis(frame, quotes=50)
    consented = {r.pk for r in coded[::2]}
    quoted = {q.response_id for v in result.themes for q in v.quotes}
    assert quoted and quoted <= consented


def test_removed_details_and_their_reason_are_shown_with_the_quote(client, frame, coded,
                                                                   officer):
    result = writeup_selectors.frame_analysis(frame)
    quote = next(q for v in result.themes for q in v.quotes)
    words = quote.text.split()[0]
    client.force_login(officer)
    url = reverse("analysis_redact", args=[frame.consultation_id])
    sent = client.post(url, {"redact-response": quote.response_id, "redact-frame": frame.pk,
                             "redact-words": words, "redact-reason": ""})
    assert sent.status_code == 400 and "Give the reason" in sent.content.decode()
    sent = client.post(url, {"redact-response": quote.response_id, "redact-frame": frame.pk,
                             "redact-words": words, "redact-reason": "Names a school"})
    assert sent.status_code == 302
    again = writeup_selectors.frame_analysis(frame, quotes=50)
    redacted = next(q for v in again.themes for q in v.quotes
                    if q.response_id == quote.response_id)
    assert "[personal details removed]" in redacted.text
    assert [r.reason for r in redacted.removals] == [
        "Removed on 20 January 2027: personal details"]
    html = client.get(reverse("analysis_page", args=[frame.consultation_id])).content.decode()
    assert "Removed on 20 January 2027: Names a school" in html
    # The answer itself is kept as written.
    response = ConsultationResponse.objects.get(pk=quote.response_id)
    assert response.answers[frame.question_id].startswith(words)


def test_an_officer_records_consent_by_reference(client, frame, coded, officer):
    client.force_login(officer)
    url = reverse("analysis_consent", args=[frame.consultation_id])
    sent = client.post(url, {"consent-reference": "NOPE", "consent-how": "Phone call"})
    assert sent.status_code == 400 and "Phone call" in sent.content.decode()
    assert client.post(url, {"consent-reference": coded[1].reference.lower(),
                             "consent-how": "Phone call"}).status_code == 302
    assert QuoteConsent.objects.get(response=coded[1]).how == "Phone call"


@pytest.mark.parametrize("role,draft_status,sent_status", [
    ("anonymous", 302, 302), ("parent", 403, 403), ("board_member", 403, 403),
    ("forum_rep", 404, 200), ("officer", 200, 200)])
def test_who_sees_the_analysis(client, login_as, frame, coded, officer, forum_rep, role,
                               draft_status, sent_status):
    _agree(frame, officer, forum_rep)
    writeup_services.write_up_generate(consultation=frame.consultation, user=officer)
    login_as(role)
    url = reverse("analysis_page", args=[frame.consultation_id])
    assert client.get(url).status_code == draft_status
    writeup_services.write_up_send(write_up=WriteUp.objects.get(), user=officer)
    assert client.get(url).status_code == sent_status


def test_the_analysis_page_takes_a_fixed_number_of_queries(client, frame, coded, officer,
                                                           django_assert_max_num_queries):
    client.force_login(officer)
    url = reverse("analysis_page", args=[frame.consultation_id])
    client.get(url)
    with django_assert_max_num_queries(22):
        client.get(url)


# --- the write-up ----------------------------------------------------------------------------


def test_a_draft_needs_the_forum_to_have_agreed_the_themes(frame, coded, officer):
    with pytest.raises(ValidationError, match="agreed with the forum"):
        writeup_services.write_up_generate(consultation=frame.consultation, user=officer)


def test_the_draft_is_made_from_confirmed_codes_only(frame, coded, officer, forum_rep,
                                                     consultation):
    _agree(frame, officer, forum_rep)
    weather = frame.themes.get(code="weather-dark")
    Coding.objects.filter(theme=weather).update(removed_at=timezone.now(), removed_by=officer)
    extra = ConsultationResponse.objects.create(consultation=consultation, respondent_type="Parent",
                                                answers={frame.question_id: "Rain and dark"})
    SuggestedCode.objects.bulk_create([
        SuggestedCode(response=r, question_id=frame.question_id, theme=weather,
                      confidence=0.99, method="tfidf") for r in [extra]])
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    themes = set(write_up.findings.values_list("theme__code", flat=True))
    assert "weather-dark" not in themes
    assert themes  # the confirmed themes are there
    table = writeup_selectors.frame_analysis(frame).table
    base = table.base.count
    # Answers uncoded (the new one, those coded only to the removed theme) are said too.
    written = ConsultationResponse.objects.filter(consultation=consultation).count()
    assert f"{written} people wrote an answer. {base} of them have been coded so far" \
        in write_up.text
    for finding in write_up.findings.select_related("theme"):
        row = next(r for r in table.rows if r.theme == finding.theme.code)
        if row.total.hidden:
            assert f"of {base} people" not in finding.text
        else:
            assert finding.text.startswith(f"{finding.theme.name}: {row.total.count} of ")
    quoted = " ".join(write_up.findings.values_list("text", flat=True))
    for r in coded[1::2]:  # no consent: never quoted
        assert f"“{r.answers[frame.question_id].strip()}”" not in quoted


def test_the_write_up_is_edited_sent_commented_and_agreed(client, frame, coded, officer,
                                                         forum_rep, consultation):
    _agree(frame, officer, forum_rep)
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    first, second = list(write_up.findings.all())[:2]
    client.force_login(officer)
    sent = client.post(reverse("analysis_write_up_edit", args=[consultation.pk]),
                       {"writeup-text": "In our words.", f"writeup-finding_{first.pk}":
                        "Many said the route is unsafe.", f"writeup-finding_{second.pk}": ""})
    assert sent.status_code == 302
    write_up.refresh_from_db()
    assert write_up.text == "In our words."
    assert Finding.objects.get(pk=first.pk).text == "Many said the route is unsafe."
    assert not Finding.objects.filter(pk=second.pk).exists()
    client.post(reverse("analysis_write_up_send", args=[consultation.pk]))
    write_up.refresh_from_db()
    assert write_up.status == WriteUp.Status.WITH_FORUM
    client.force_login(forum_rep)
    page = client.get(reverse("analysis_page", args=[consultation.pk])).content.decode()
    assert "Many said the route is unsafe." in page and "Agree the analysis" in page
    assert "R0000000" not in page  # references are for officers
    client.post(reverse("analysis_write_up_comment", args=[consultation.pk]),
                {"comment-text": "Fair summary"})
    client.post(reverse("analysis_write_up_agree", args=[consultation.pk]),
                {"sent": last_sent(write_up)})
    write_up.refresh_from_db()
    assert write_up.status == WriteUp.Status.AGREED
    assert write_up.comments.get().text == "Fair summary"
    kinds = list(EvidenceEntry.objects.filter(kind__in=["analysis_sent", "analysis_agreed"])
                 .values_list("kind", flat=True))
    assert kinds == ["analysis_sent", "analysis_agreed"]
    agreed = EvidenceEntry.objects.get(kind="analysis_agreed")
    # The words are kept beside the log entry (the public log holds their hash).
    assert "Many said the route is unsafe." in agreed.texts.get(field="wording").text


def test_the_forum_cannot_edit_the_write_up_and_officers_cannot_agree_it(
        client, frame, coded, officer, forum_rep, consultation):
    _agree(frame, officer, forum_rep)
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    client.force_login(forum_rep)
    assert client.post(reverse("analysis_write_up_edit", args=[consultation.pk]),
                       {"writeup-text": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        writeup_services.write_up_agree(write_up=write_up, user=officer)


# --- exports ---------------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode())))


def test_the_coded_answers_export_streams_one_row_per_answer_with_its_themes(
        client, frame, coded, officer, consultation, django_assert_max_num_queries):
    evil = ConsultationResponse.objects.create(
        consultation=consultation, respondent_type="=cmd|' /C calc'!A0",
        answers={frame.question_id: "=HYPERLINK(\"http://evil\")"})
    client.force_login(officer)
    # Two more than before: the words removed from the write-up, the chunk's removals
    # (tests/analysis/test_coded_csv_without_removed_words.py).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("analysis_coded_csv", args=[frame.pk]))
        rows = _csv(response)
    assert response.streaming
    assert rows[0][:3] == ["reference", "respondent type", "channel"]
    assert len(rows) == 1 + len(coded) + 1
    by_reference = {r[0]: r for r in rows[1:]}
    first = by_reference[coded[0].reference]
    names = dict(frame.themes.values_list("code", "name"))
    expected = [names[c] for c in demo.answers()[0].themes]
    assert sorted(first[6].split("; ")) == sorted(expected)
    assert first[7] == "officer"
    bad = by_reference[evil.reference]
    assert bad[5].startswith("'=") and bad[1].startswith("'=") and bad[6] == ""


def test_the_theme_table_export_keeps_small_numbers_hidden(client, frame, coded, officer):
    client.force_login(officer)
    rows = _csv(client.get(reverse("analysis_themes_csv", args=[frame.pk])))
    assert rows[0][0] == "theme"
    assert any(r[3] == "hidden" and r[4] == "" for r in rows[1:])
    counted = [r for r in rows[1:] if r[2] == "all" and r[3] not in ("hidden", "0")]
    assert counted and all(0 <= float(r[5]) <= float(r[4]) <= float(r[6]) <= 1
                           for r in counted)


@pytest.mark.parametrize("role,status", [("anonymous", 302), ("parent", 403),
                                         ("board_member", 403), ("forum_rep", 403),
                                         ("officer", 200)])
@pytest.mark.parametrize("name", ["analysis_coded_csv", "analysis_themes_csv"])
def test_only_officers_export(client, login_as, frame, role, status, name):
    login_as(role)
    assert client.get(reverse(name, args=[frame.pk])).status_code == status


def test_the_list_shows_representatives_only_what_was_sent(client, frame, officer, forum_rep,
                                                          consultation):
    other = CodingFrame.objects.create(consultation=consultation, question_id="other")
    writeup_services.frame_send(frame=frame, user=officer) if frame.themes.exists() else None
    client.force_login(forum_rep)
    html = client.get(reverse("analysis_home")).content.decode()
    assert reverse("analysis_frame", args=[frame.pk]) in html
    assert reverse("analysis_frame", args=[other.pk]) not in html
    client.force_login(UserFactory(username="o2", groups=["Officers"]))
    html = client.get(reverse("analysis_home")).content.decode()
    assert reverse("analysis_frame", args=[other.pk]) in html


# --- survey comments -------------------------------------------------------------------------


def test_a_frame_holds_a_consultation_question_or_a_survey_question_never_both(
        consultation, survey):  # noqa: F811
    frame = CodingFrame.objects.create(survey=survey, question_id="12")
    assert frame.consultation is None and str(survey) in str(frame)
    with pytest.raises(IntegrityError), transaction.atomic():
        CodingFrame.objects.create(survey=survey, consultation=consultation, question_id="13")
    with pytest.raises(IntegrityError), transaction.atomic():
        CodingFrame.objects.create(question_id="14")


def test_a_proposal_sent_after_the_session_ended_comes_back_after_signing_in(
        client, frame, officer, forum_rep):
    writeup_services.frame_send(frame=frame, user=officer)
    sent = client.post(reverse("analysis_frame_comment", args=[frame.pk]),
                       {"proposal-proposal": "add", "proposal-text": "A theme for siblings"})
    assert sent.status_code == 302 and "sign-in" in sent["Location"]
    client.force_login(forum_rep)
    page = client.get(reverse("analysis_frame", args=[frame.pk])).content.decode()
    assert "A theme for siblings" in page and "You were signed out" in page
    assert not FrameComment.objects.exists()


def test_the_forum_reads_the_frame_in_polish_and_arabic(client, frame, officer, forum_rep):
    writeup_services.frame_send(frame=frame, user=officer)
    client.force_login(forum_rep)
    polish = client.get(f"/pl/forum/analysis/frames/{frame.pk}/").content.decode()
    assert "Zatwierdź tematy" in polish and "Zaproponuj zmianę" in polish
    arabic = client.get(f"/ar/forum/analysis/frames/{frame.pk}/").content.decode()
    assert "وافق على المواضيع" in arabic
    # The council's English title is marked as English on the Arabic page.
    assert 'lang="en" dir="ltr">Walking distances' in arabic


def test_the_forum_area_links_to_the_analyses(client, forum_rep):
    client.force_login(forum_rep)
    home = client.get(reverse("forum_home")).content.decode()
    assert f'href="{reverse("analysis_home")}"' in home
