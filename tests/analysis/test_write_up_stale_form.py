""""Remove personal details" is not undone by a page opened before it (review bk15g, F2): the
draft's form carries the draft's revision, and a form opened before the words changed is
refused (409) with the typed words shown back and why; the words removed are remembered as
keyed hashes, so typed or pasted back into the draft as it is now they are taken out again.
The removal form tells the officer the truth about who reads the reason (F6)."""

from __future__ import annotations

import re

import pytest
from django.test import TestCase
from django.urls import reverse

from analysis import writeup_services
from analysis.models import WriteUp
from analysis.writeup import REMOVED
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    _url,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

NAMED = "Jane Doe of 12 Oak Road told us her son Tom cries on the bus."
REASON = "Names a parent and her son"


def _fresh(write_up) -> WriteUp:
    return WriteUp.objects.get(pk=write_up.pk)


def _opened(client, page) -> dict:
    """The draft's form as the officer's page shows it now: its fields and their values."""
    html = client.get(_page_url(page)).content.decode()
    form = html[html.index('id="write-up-form"'):]
    form = form[:form.index("</form>")]
    data = {m.group(1): m.group(2) for m in re.finditer(
        r'<input type="hidden" name="(writeup-[\w-]+)" value="([^"]*)"', form)}
    for name, words in re.findall(r'<textarea[^>]*name="(writeup-[\w-]+)"[^>]*>(.*?)</textarea>',
                                  form, flags=re.S):
        data[name] = words.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return data


def _remove_every_word(client, write_up):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("charter_remove_text", args=["write-up", write_up.pk]),
                               {"reason": REASON})
    assert response.status_code == 302


@pytest.fixture
def named(published, agreed_frame, officer, client):  # noqa: F811
    """The survey's draft, the officer's introduction naming a parent and her son."""
    draft = _generate(published, officer)
    writeup_services.write_up_edit(write_up=draft, user=officer, text=NAMED,
                                   findings={f.pk: f.text for f in draft.findings.all()})
    client.force_login(officer)
    return _fresh(draft)


def test_the_form_carries_the_drafts_revision(client, named, published):  # noqa: F811
    assert _opened(client, published)["writeup-revision"] == str(named.revision)


def test_a_form_opened_before_every_word_was_removed_is_refused_with_its_words(
        client, named, published):  # noqa: F811
    stale = {**_opened(client, published), "writeup-then": "save"}
    assert stale["writeup-text"] == NAMED
    _remove_every_word(client, named)  # another tab
    answer = client.post(_url(published, "edit"), stale)
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "Your words were not saved" in html
    assert "Personal details were removed from the draft after you opened this page" in html
    # Shown back without the words removed (review bk15h, F6), and it says so.
    assert "Jane Doe" not in html and "Oak Road" not in html
    assert "Words removed from this write-up as personal details are not shown here" in html
    removed = _fresh(named)
    assert removed.text == "" and removed.words_removed_on is not None
    # Pasted into the draft as it is now, the removed words go again.
    again = {**_opened(client, published), "writeup-then": "save",
             "writeup-text": f"{NAMED}\nOur own words about the mornings."}
    saved = client.post(_url(published, "edit"), again, follow=True)
    assert saved.status_code == 200
    assert "were taken out again" in saved.content.decode()
    text = _fresh(named).text
    assert "Jane Doe" not in text and "Oak Road" not in text and "Tom" not in text
    assert text == f"{REMOVED}.\nOur own words about the mornings."


def test_chosen_words_removed_are_taken_out_again_when_typed_back(
        client, named, published, officer):  # noqa: F811
    stale = {**_opened(client, published), "writeup-then": "save"}
    writeup_services.write_up_phrases_remove(write_up=named, phrases=["Jane Doe", "12 Oak Road"],
                                             reason=REASON, user=officer)
    assert client.post(_url(published, "edit"), stale).status_code == 409
    now = _opened(client, published)
    assert "Jane Doe" not in now["writeup-text"]
    # Typed again, in other case and spacing: taken out again, every other word kept.
    client.post(_url(published, "edit"), {**now, "writeup-then": "save",
                                          "writeup-text": "JANE  doe of 12 oak road, again."})
    assert _fresh(named).text == f"{REMOVED} of {REMOVED}, again."


def test_a_second_tab_saving_after_the_first_is_refused_not_lost(
        client, named, published):  # noqa: F811
    first = {**_opened(client, published), "writeup-then": "save"}
    second = dict(first)
    assert client.post(_url(published, "edit"),
                       {**first, "writeup-text": "The first tab's words."}).status_code == 302
    answer = client.post(_url(published, "edit"),
                         {**second, "writeup-text": "The second tab's words."})
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "The draft was saved from another page after you opened this one." in html
    assert "The second tab&#x27;s words." in html
    assert _fresh(named).text == "The first tab's words."


def test_a_draft_written_again_after_every_word_was_removed_keeps_its_own_words(
        client, named, published):  # noqa: F811
    _remove_every_word(client, named)
    client.post(_url(published, "edit"), {**_opened(client, published),
                                          "writeup-then": "redraft", "writeup-replace": "on"})
    written = _fresh(named)
    assert written.text and REMOVED not in written.text
    client.post(_url(published, "edit"), {**_opened(client, published), "writeup-then": "save"})
    saved = _fresh(named)
    assert saved.text == written.text
    assert all(REMOVED not in f.text for f in saved.findings.all())


def test_the_removal_form_says_the_reason_is_kept_for_staff_only(
        client, named, officer):  # noqa: F811
    client.force_login(officer)
    html = client.get(reverse("charter_remove_text", args=["write-up", named.pk])).content.decode()
    hint = html[html.index('id="id_reason-hint"'):][:600]
    assert "never your reason" in hint and "for staff only" in hint
    assert "the forum, the board and officers read your reason" not in html
    assert "personal details" in hint


def test_the_words_shown_back_leave_out_words_just_removed(
        client, named, published, officer):  # noqa: F811
    """Review bk15h, F6: the page of a form opened before the words were removed shows the
    typed words back without them, and says so; every other typed word is kept."""
    stale = {**_opened(client, published), "writeup-then": "save",
             "writeup-text": NAMED + " Typed after opening."}
    writeup_services.write_up_phrases_remove(write_up=named, phrases=["Jane Doe"],
                                             reason=REASON, user=officer)
    answer = client.post(_url(published, "edit"), stale)
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "Jane Doe" not in html
    assert f"{REMOVED} of 12 Oak Road told us her son Tom cries on the bus. " \
           "Typed after opening." in html.replace("&#x27;", "'")
    assert ("Words removed from this write-up as personal details are not shown here: they "
            "read “[personal details removed]”.") in html
