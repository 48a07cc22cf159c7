"""A deleted answer's words never come back (review bk15g, F1): a quote of it that an officer
had shortened, cut with "…" or put in other quotation marks on a page opened before the
deletion is taken out when saved, and wherever the agreed version is shown, although the
answer is gone. What is kept of it is keyed hashes of its runs of words
(``WriteUp.withdrawn_quotes``), never its text; the council's own words and the words of an
answer still cleared are never withdrawn."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from analysis import writeup_services
from analysis.models import Coding, Finding, Flag, WriteUp
from analysis.writeup import _words, drop_quotations, run_marks
from consultations.models import ConsultationResponse
from tests.analysis.test_write_up_outcome import (  # noqa: F401 - fixtures
    _publish_outcome,
    agreed_write_up,
    closed,
)

ANSWER = ("Our taxi driver does not speak to my son and plays loud music. My son is non "
          "verbal and cannot tell me. The escort mentioned it.")
WORDS = ANSWER.replace(".", "").split()
GONE = run_marks(ANSWER)
MARKS = [("“", "”"), ('"', '"'), ("«", "»"), ("„", "”"), ("‘", "’"), ("「", "」")]


def _gone(words: str) -> bool:
    return words in GONE


# --- the rule, without a database ------------------------------------------------------------


@pytest.mark.parametrize("quote", [
    "“Our taxi driver does not speak to my son and plays loud music…”",
    "«Our taxi driver does not speak to my son and plays loud music. My son is non verbal "
    "and cannot tell me. The escort mentioned it.»",
    "“Our taxi driver … plays loud music”",
    "„my son is non verbal”",
    "'plays LOUD music, my son…'",
])
def test_a_tidied_quote_of_a_deleted_answer_is_taken_out(quote):
    text = f"Problems with transport now: 20 of 200 people (10 %).\n{quote}\nOur own words."
    assert drop_quotations(text, _gone) == (
        "Problems with transport now: 20 of 200 people (10 %).\nOur own words.", 1)


def test_a_pasted_line_of_its_words_without_marks_is_taken_out():
    text = ("Our own words.\n— our taxi driver does not speak to my son and plays music\n"
            "My son is non verbal.\nThe bus was late.")
    assert drop_quotations(text, _gone) == ("Our own words.\nThe bus was late.", 2)


@given(st.integers(0, len(WORDS) - 3), st.integers(3, 12), st.sampled_from(MARKS),
       st.booleans())
def test_any_three_words_in_a_row_of_it_in_any_marks_go(start, length, marks, cut):
    words = WORDS[start:start + length]
    if len(words) < 3:
        return
    quoted = " ".join(words) + ("…" if cut else "")
    text = f"Our words before.\n{marks[0]}{quoted}{marks[1]} Our words after."
    out, dropped = drop_quotations(text, _gone)
    assert dropped == 1
    assert "Our words before." in out and "Our words after." in out
    assert " ".join(words) not in out


def test_the_councils_words_and_a_cleared_answers_words_stay():
    # "The escort mentioned it" is also the council's (a theme's name), and "My son is happy
    # now" an answer still cleared to be quoted: runs of them take nothing out.
    spared = run_marks("The escort mentioned it") | run_marks("My son is happy now.")
    text = "“The escort mentioned it.”\n“My son is happy now.”\n“My son is non verbal.”"
    assert drop_quotations(text, _gone, spared=spared) == (
        "“The escort mentioned it.”\n“My son is happy now.”", 1)


def test_what_is_kept_is_runs_of_words_not_the_answer():
    assert all(m.startswith(("q3:", "l8:")) for m in GONE)
    assert max(len(m.split(":", 1)[1].split()) for m in GONE) == 8
    assert ANSWER.lower() not in " ".join(GONE)


# --- the officer's draft and the public pages ------------------------------------------------


def _quoted(write_up) -> tuple[Finding, ConsultationResponse, str]:
    """A finding of the draft, an answer it quotes with 8 words or more, and its words."""
    for finding in write_up.findings.all():
        for source in finding.quotes:
            words = source["text"]
            if len(words.split()) >= 8 and f"“{words}”" in finding.text:
                return finding, ConsultationResponse.objects.get(pk=source["response"]), words
    raise AssertionError("the draft quotes no long answer")


def _delete(response):
    Coding.objects.filter(response=response).delete()
    Flag.objects.filter(response=response).delete()
    response.delete()


def _form(write_up, typed: dict) -> dict:
    data = {"writeup-text": write_up.text, "writeup-then": "save",
            "writeup-revision": write_up.revision}
    for finding in write_up.findings.all():
        data[f"writeup-finding_{finding.pk}"] = typed.get(finding.pk, finding.text)
    return data


def _shortened(words: str) -> str:
    return " ".join(words.split()[:7]).rstrip(".,") + "…"


def test_a_shortened_quote_of_a_deleted_answer_saved_back_is_taken_out_and_never_public(
        client, closed, agreed_write_up, officer, forum_rep, tree):  # noqa: F811
    writeup_services.write_up_agree(write_up=agreed_write_up, user=forum_rep)
    _publish_outcome(closed, officer, forum_rep, tree)
    write_up = writeup_services.write_up_reopen(write_up=agreed_write_up, user=officer)
    write_up = writeup_services.write_up_generate(consultation=closed, user=officer)
    finding, response, words = _quoted(write_up)
    # The officer's tab: the quote shortened, the way an officer tidies a quote.
    tidied = finding.text.replace(f"“{words}”", f"«{_shortened(words)}»")
    _delete(response)  # meanwhile, the answer is deleted outright
    write_up = WriteUp.objects.get(pk=write_up.pk)
    assert words not in Finding.objects.get(pk=finding.pk).text
    assert not ConsultationResponse.objects.filter(pk=response.pk).exists()
    # The tidied words pasted back into the draft as it is now: taken out again, with the
    # note beside them and a word to the officer; the officer's other words kept.
    client.force_login(officer)
    url = reverse("analysis_write_up_edit", args=[closed.pk])
    answer = client.post(url, _form(write_up, {finding.pk: tidied + "\nOur own words."}),
                         follow=True)
    html = answer.content.decode()
    assert "Quotes of an answer that was deleted were in what you saved" in html
    saved = Finding.objects.get(pk=finding.pk)
    assert _shortened(words)[:-1] not in saved.text and "Our own words." in saved.text
    assert saved.withdrawn_deleted >= 2
    # Sent, agreed: the public never reads it, on any language's page.
    writeup_services.write_up_refresh_counts(write_up=WriteUp.objects.get(pk=write_up.pk),
                                             user=officer)
    writeup_services.write_up_send(write_up=WriteUp.objects.get(pk=write_up.pk), user=officer)
    writeup_services.write_up_agree(write_up=WriteUp.objects.get(pk=write_up.pk),
                                    user=forum_rep)
    client.logout()
    public = client.get(reverse("analysis_findings", args=[closed.pk]))
    assert public.status_code == 200
    assert _shortened(words)[:-1] not in public.content.decode()


def test_an_agreed_version_holding_a_tidied_quote_of_a_deleted_answer_is_shown_without_it(
        client, closed, agreed_write_up, officer, forum_rep, tree):  # noqa: F811
    writeup_services.write_up_agree(write_up=agreed_write_up, user=forum_rep)
    _publish_outcome(closed, officer, forum_rep, tree)
    write_up = WriteUp.objects.get(pk=agreed_write_up.pk)
    finding, response, words = _quoted(write_up)
    _delete(response)
    # A version agreed with the quote tidied (saved before this was mended): the stored
    # words still hold it, and nothing is left to compare them with but the hashes.
    write_up = WriteUp.objects.get(pk=write_up.pk)
    agreed = dict(write_up.agreed)
    first = agreed["findings"][0]
    agreed["findings"][0] = {**first,
                             "text": first["text"] + f"\n‘{_shortened(words)}’ a parent said."}
    WriteUp.objects.filter(pk=write_up.pk).update(agreed=agreed)
    assert words not in str(WriteUp.objects.get(pk=write_up.pk).withdrawn_quotes)
    html = client.get(reverse("analysis_findings", args=[closed.pk])).content.decode()
    assert _shortened(words)[:-1] not in html
    assert "Quoted words were taken out after the forum agreed this" in html
    client.force_login(officer)
    html = client.get(reverse("analysis_page", args=[closed.pk])).content.decode()
    agreed_part = html[html.index('id="write-up"'):]
    assert _shortened(words)[:-1] not in re.sub(r"\s+", " ", agreed_part)


def test_the_keys_kept_hold_no_words(closed, agreed_write_up, officer):  # noqa: F811
    write_up = WriteUp.objects.get(pk=agreed_write_up.pk)
    _finding, response, words = _quoted(write_up)
    _delete(response)
    kept = WriteUp.objects.get(pk=write_up.pk).withdrawn_quotes
    assert kept and all(re.fullmatch(r"[0-9a-f]{20}|[0-9a-f]{40}", k) for k in kept)
    assert not any(w in " ".join(kept) for part in _words(words) for w in part if len(w) > 3)
