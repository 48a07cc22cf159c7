# ruff: noqa: F811 - the fixtures imported from test_write_up
"""Words an officer removes as personal details go on every path the public, the forum and
the board read (review r15k): whole words only, so "Ali" never takes "quality" apart (which
would give the name away); in every spelling the matching knows (curly apostrophes, dashes,
Arabic prefixes and presentation forms, invisible marks); from the answers a draft written
again quotes, whichever way they spell it; from a draft sent to the forum; and from the
forum's own comments on the frame and the write-up."""

from __future__ import annotations

import json

import pytest
from django.test import TestCase
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import writeup_selectors, writeup_services
from analysis.models import Finding, FrameComment, Redaction, WriteUp, WriteUpComment
from analysis.writeup import REMOVED, redact, remove_phrases
from charter.models import EvidenceEntry, EvidenceText
from consultations.models import ConsultationResponse
from core.normalising import BREAKS, INVISIBLE, fold_for_matching
from tests.analysis.test_write_up import _agree, coded  # noqa: F401 - fixtures
from tests.surveys.conftest import survey, survey_index  # noqa: F401

REASON = "It named a neighbour who asked to be left out."
#: The database tests run on a term day (the consultation's window is open).
term = pytest.mark.usefixtures("term_day")


# --- the rule, without a database --------------------------------------------------------------


@pytest.mark.parametrize("text,words,shown", [
    ("The quality of the bus is poor, Ali said.", "Ali",
     f"The quality of the bus is poor, {REMOVED} said."),
    ("In January Jan waited an hour.", "Jan", f"In January {REMOVED} waited an hour."),
    ("Adamson's mum and Adam both waited.", "Adam",
     f"Adamson's mum and {REMOVED} both waited."),
])
def test_a_quote_loses_the_name_only_as_a_whole_word(text, words, shown):
    assert redact(text, [words]) == shown


def test_a_removal_kept_from_before_that_is_part_of_a_word_takes_the_whole_word():
    # Accepted before removals were whole words: what it hid never shows again.
    assert redact("Jan Kowalski came, then Kowalska", ["kowal"]) == (
        f"Jan {REMOVED} came, then {REMOVED}")
    assert redact("The quality was poor, Ali said", ["Ali"]) == (
        f"The quality was poor, {REMOVED} said")


@pytest.mark.parametrize("text,words", [
    ("Ali O’Brien came late", "O'Brien"),          # curly apostrophe
    ("Ali O'Brien came late", "O’Brien"),
    ("Anna\u2011Maria came late", "Anna-Maria"),     # non-breaking hyphen
    ("Anna–Maria came late", "Anna-Maria"),          # en dash
    ("Anna—Maria came late", "Anna Maria"),          # em dash
    ("قال ومحمد أحمد ذلك", "محمد أحمد"),              # و joined on
    ("رسالة لمحمد أحمد", "محمد أحمد"),                # ل joined on
    ("ذهبت بمحمد فمحمد وكمحمد", "محمد"),
    ("رأيت والشمري وللشمري", "الشمري"),               # the article after و, li + al
    ("ﻛﺮﯾﻢ جاء", "كريم"),                              # presentation forms (U+FBFE)
    ("ﮐﺮﯾﻢ جاء", "كريم"),                              # U+FB90
    ("Jan\u034fek came", "Janek"),                    # combining grapheme joiner
    ("Jan\ufe0f came", "Jan"),                        # variation selector
    ("Jan\u2063 Zieliński came", "Jan Zieliński"),
    ("Jan\u180eek came", "Janek"),
    ("Jan\u200eZieliński came", "Jan Zieliński"),     # a direction mark between the words
    ("Jan\u200fZieliński came", "Jan Zieliński"),
    ("محمد\u200cأحمد جاء", "محمد أحمد"),              # a non-joiner between the words
])
def test_every_spelling_the_matching_knows_goes(text, words):
    shown, found = remove_phrases(text, [words])
    assert found >= 1
    # Nothing of the name is left to read.
    for word in fold_for_matching(words).replace("-", " ").split():
        assert word.replace("'", "") not in fold_for_matching(shown).replace("'", "")


def test_an_arabic_word_that_only_starts_with_the_name_stays():
    assert remove_phrases("محمدي جاء", ["محمد"]) == ("محمدي جاء", 0)


NAMES = st.sampled_from(["Jan Zieliński", "Ali O'Brien", "محمد أحمد", "Kowalska"])


@settings(max_examples=150, deadline=None)
@given(NAMES, st.sampled_from(sorted(INVISIBLE | BREAKS)), st.data())
def test_an_invisible_mark_anywhere_in_a_name_never_keeps_it(name, mark, data):
    at = data.draw(st.integers(min_value=1, max_value=len(name) - 1))
    text = f"We saw {name[:at]}{mark}{name[at:]} at the stop."
    shown, found = remove_phrases(text, [name])
    assert found == 1
    assert shown == f"We saw {REMOVED} at the stop."


# --- a quote on the analysis page ----------------------------------------------------------------



def _quoted(frame):
    """A quote on the analysis page (a response agreed to be quoted)."""
    return next(q for v in writeup_selectors.frame_analysis(frame).themes for q in v.quotes)


def _answer_says(response_id, question, words: str) -> str:
    """The answer rewritten to open with ``words``, as long as before (so the same answer
    stays the one quoted)."""
    response = ConsultationResponse.objects.get(pk=response_id)
    text = response.answers[question]
    text = (words + " " + text[len(words) + 1:]) if len(text) > len(words) + 1 else words
    response.answers = {**response.answers, question: text}
    response.save(update_fields=["answers"])
    return text


def _redact(client, frame, response_id, words):
    return client.post(reverse("analysis_redact", args=[frame.consultation_id]), {
        "redact-response": response_id, "redact-frame": frame.pk, "redact-words": words,
        "redact-reason": REASON})


@term
def test_removing_ali_from_a_quote_leaves_quality_whole_on_the_page(client, frame, coded,
                                                                   officer):
    quote = _quoted(frame)
    _answer_says(quote.response_id, frame.question_id,
                 "Ali says the quality of the escorts in January was poor")
    client.force_login(officer)
    assert _redact(client, frame, quote.response_id, "Ali").status_code == 302
    shown = next(q for v in writeup_selectors.frame_analysis(frame, quotes=50).themes
                 for q in v.quotes if q.response_id == quote.response_id)
    assert shown.text.startswith(f"{REMOVED} says the quality of the escorts in January")
    html = client.get(reverse("analysis_page", args=[frame.consultation_id])).content.decode()
    assert "qu[personal" not in html and "the quality of the escorts" in html


@term
@pytest.mark.parametrize("written,typed", [
    ("Jan  Zieliński told us", "Jan Zieliński"),          # double space
    ("Jan\nZieliński told us", "Jan Zieliński"),          # a line break
    ("Jan\u200e Zieliński told us", "Jan Zieliński"),     # a direction mark
    ("کریم told us", "كريم"),                             # Persian kaf and yeh
])
def test_an_officer_removes_words_as_they_read_them(client, frame, coded, officer, written,
                                                    typed):
    quote = _quoted(frame)
    _answer_says(quote.response_id, frame.question_id, written)
    client.force_login(officer)
    response = _redact(client, frame, quote.response_id, typed)
    assert response.status_code == 302
    shown = next(q for v in writeup_selectors.frame_analysis(frame, quotes=50).themes
                 for q in v.quotes if q.response_id == quote.response_id)
    assert shown.text.startswith(f"{REMOVED} told us")


@term
def test_words_not_in_the_answer_as_whole_words_are_refused(client, frame, coded, officer):
    quote = _quoted(frame)
    _answer_says(quote.response_id, frame.question_id, "The quality was poor")
    client.force_login(officer)
    response = _redact(client, frame, quote.response_id, "Ali")
    assert response.status_code == 400
    assert "Copy the words to remove exactly" in response.content.decode()
    assert not Redaction.objects.exists()


# --- the write-up written again, and sent ---------------------------------------------------------


def _draft_naming(frame, consultation, coded, officer, forum_rep, answer: str, intro: str):
    """A draft whose introduction names someone, and a quoted answer spelling the name
    ``answer``'s way."""
    _agree(frame, officer, forum_rep)
    quote = _quoted(frame)
    _answer_says(quote.response_id, frame.question_id, answer)
    draft = writeup_services.write_up_generate(consultation=consultation, user=officer)
    writeup_services.write_up_edit(write_up=draft, user=officer, text=f"{draft.text}\n{intro}",
                                   findings={f.pk: f.text for f in draft.findings.all()},
                                   checked=True, reason="It counts no one.")
    return WriteUp.objects.get(pk=draft.pk), quote.response_id


def _everything_read(write_up, frame) -> str:
    """What the forum and the public read of the write-up and the analysis, folded."""
    write_up = WriteUp.objects.get(pk=write_up.pk)
    texts = [write_up.text, *(f.text for f in write_up.findings.all()),
             *(q["text"] for f in write_up.findings.all() for q in f.quotes),
             *(q.text for v in writeup_selectors.frame_analysis(frame, quotes=50).themes
               for q in v.quotes)]
    return fold_for_matching("\n".join(texts))


@term
@pytest.mark.parametrize("answer,removed,left", [
    ("Jan Zielinski from our street waits with my son", "Jan Zieliński", "zielinski"),
    ("محمد احمد from our street waits with my son", "محمد أحمد", "محمد"),
    ("Jan-Zielińskiego mum waits with my son", "Jan Zieliński", "zielinsk"),
])
def test_a_draft_written_again_never_quotes_the_name_in_another_spelling(
        frame, consultation, coded, officer, forum_rep, answer, removed, left):
    draft, _response = _draft_naming(frame, consultation, coded, officer, forum_rep, answer,
                                     f"A parent named {removed}.")
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=[removed],
                                             reason=REASON, user=officer)
    again = writeup_services.write_up_generate(consultation=consultation, user=officer)
    assert left not in _everything_read(again, frame)
    sent = writeup_services.write_up_send(write_up=again, user=officer)
    assert left not in _everything_read(sent, frame)


@term
def test_an_answer_naming_them_after_the_removal_is_not_quoted_with_the_name(
        frame, consultation, coded, officer, forum_rep):
    draft, response = _draft_naming(frame, consultation, coded, officer, forum_rep,
                                    "My son waits at the stop every day for the bus",
                                    "A parent named Jan Zieliński.")
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=["Jan Zieliński"],
                                             reason=REASON, user=officer)
    # A paper answer transcribed again after the removal names him, without diacritics.
    _answer_says(response, frame.question_id, "JAN ZIELINSKI waits at the stop")
    again = writeup_services.write_up_generate(consultation=consultation, user=officer)
    assert "zielinski" not in fold_for_matching(
        " ".join([again.text, *(f.text for f in again.findings.all())]))


@term
def test_a_draft_sent_never_holds_words_removed_before(frame, consultation, coded, officer,
                                                      forum_rep):
    draft, _response = _draft_naming(frame, consultation, coded, officer, forum_rep,
                                     "My son waits at the stop every day for the bus",
                                     "A parent named Jan Zieliński.")
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=["Jan Zieliński"],
                                             reason=REASON, user=officer)
    # A finding saved before the removal was remembered (an older draft) names him.
    finding = Finding.objects.filter(write_up=draft).first()
    Finding.objects.filter(pk=finding.pk).update(text=f"{finding.text}\nJan Zielinski said so.")
    sent = writeup_services.write_up_send(write_up=WriteUp.objects.get(pk=draft.pk),
                                          user=officer)
    assert "zielinski" not in _everything_read(sent, frame)
    agreed = writeup_services.write_up_agree(write_up=sent, user=forum_rep)
    assert "zielinski" not in fold_for_matching(str(agreed.agreed))


# --- the forum's own comments ---------------------------------------------------------------------


def _commented(frame, consultation, coded, officer, forum_rep):
    """The forum commented on the frame and on the write-up, naming a neighbour."""
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_comment(frame=frame, user=forum_rep, proposal="other",
                                   text="Add a theme for what Jan Zieliński said.")
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    draft = writeup_services.write_up_generate(consultation=consultation, user=officer)
    writeup_services.write_up_send(write_up=draft, user=officer)
    writeup_services.write_up_comment(write_up=draft, user=forum_rep,
                                      text="Jan Zielinski's mum told us the same.")
    return WriteUp.objects.get(pk=draft.pk)


def _remove_url(consultation):
    return reverse("analysis_write_up_remove_details", args=[consultation.pk])


@term
def test_the_officers_removal_takes_a_name_out_of_the_forums_comments(
        client, frame, consultation, coded, officer, forum_rep):
    write_up = _commented(frame, consultation, coded, officer, forum_rep)
    client.force_login(officer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(_remove_url(consultation),
                               {"remove-words": "Jan Zieliński", "remove-reason": REASON})
    assert response.status_code == 302
    assert FrameComment.objects.get().text == f"Add a theme for what {REMOVED} said."
    assert WriteUpComment.objects.get().text == f"{REMOVED} mum told us the same."
    [entry] = EvidenceEntry.objects.filter(kind="text_removed")
    payload = json.loads(entry.payload_json)
    assert {"frame_comments", "write_up_comments"} <= set(payload["fields"])
    # The reason lives beside the entry only, never in the public payload.
    assert REASON not in entry.payload_json
    assert EvidenceText.objects.filter(entry=entry, text=REASON).exists()
    client.force_login(forum_rep)
    html = client.get(reverse("analysis_page", args=[consultation.pk])).content.decode()
    assert "The forum" in html and "Zieli" not in html
    assert WriteUp.objects.get(pk=write_up.pk).status == "with_forum"


@term
@pytest.mark.parametrize("role,status", [("anonymous", 302), ("parent", 403),
                                         ("forum_rep", 403), ("board_member", 403)])
def test_only_officers_take_words_out_of_the_forums_comments(
        client, login_as, frame, consultation, coded, officer, forum_rep, role, status):
    _commented(frame, consultation, coded, officer, forum_rep)
    before = EvidenceEntry.objects.count()
    login_as(role)
    response = client.post(_remove_url(consultation),
                           {"remove-words": "Jan Zieliński", "remove-reason": REASON})
    assert response.status_code == status
    assert "Jan Zieliński" in FrameComment.objects.get().text
    assert "Jan Zielinski" in WriteUpComment.objects.get().text
    assert EvidenceEntry.objects.count() == before
