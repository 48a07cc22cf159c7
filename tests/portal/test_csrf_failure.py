"""A form refused for its security token comes back filled in, ready to send again.

Every POST form in the product, sent the way a browser would when the token no longer
matches (cookies cleared, the form opened days ago, an app's own browser): the typed text
comes back on a plain page with a fresh token, and sending that page stores exactly once.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from charter import services as charter_services
from charter.models import CommentAnswer, Disagreement, ForumComment, ForumReviewTaskState
from consultations.models import ConsultationResponse
from surveys.models import SurveyResponse
from tests.consultations.conftest import question_ids
from tests.factories import UserFactory
from tests.surveys.conftest import question_ids as survey_question_ids
from tests.surveys.test_responding import _pages as survey_pages

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """The first POST form on a page, read as a browser would send it."""

    def __init__(self, form_id=None):
        super().__init__()
        self.form_id = form_id
        self.action, self.enctype, self.fields, self.files, self.labels = None, "", [], [], {}
        self._in_form, self._textarea, self._done, self._label_for = False, None, False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self._done and (a.get("method") or "").lower() == "post" and (
                self.form_id in (None, a.get("id"))):
            self._in_form, self.action, self.enctype = True, a.get("action"), a.get("enctype", "")
        if not self._in_form:
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind == "file":
                self.files.append(a["name"])
            elif kind in ("hidden", "text") or a.get("checked") is not None:
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
        elif tag == "label":
            self._label_for = a.get("for")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._label_for:
            self.labels[self._label_for] = self.labels.get(self._label_for, "") + data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "label":
            self._label_for = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True

    def data(self) -> dict[str, list[str] | str]:
        out: dict[str, list[str]] = {}
        for name, value in self.fields:
            out.setdefault(name, []).append(value)
        return out


def _read(response, form_id=None) -> _Form:
    form = _Form(form_id)
    form.feed(response.content.decode())
    return form


def refused(client: Client, url: str, data: dict):
    """Send ``data`` as a browser whose security cookie was cleared after the form opened."""
    client.cookies.pop(settings.CSRF_COOKIE_NAME, None)
    response = client.post(url, {**data, "csrfmiddlewaretoken": "a" * 32})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your form has not been sent yet" in html
    assert "a" * 32 not in html  # the old token is never echoed
    return response


def send_again(client: Client, response, files: dict | None = None):
    """Press "Send again" on the refused page, changing nothing (files chosen again)."""
    form = _read(response)
    data = form.data()
    assert len(data["csrfmiddlewaretoken"]) == 1
    assert form.action
    for name in form.files:
        data[name] = (files or {})[name]
    return client.post(form.action, data)


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def _signed_in(client, username, groups, **extra):
    user = UserFactory(username=username, groups=groups, **extra)
    client.force_login(user)
    return user


# --- consultation response -------------------------------------------------------------


@pytest.mark.parametrize("how", ["cookie cleared", "token from another day"])
def test_a_refused_consultation_response_comes_back_and_is_stored_once(csrf_client,
                                                                       consultation, how):
    agree, single, multi, free = question_ids(consultation)
    data = {"respondent_type": "parent", f"q_{agree}": "Agree", f"q_{single}": "Bus pass",
            f"q_{multi}": ["Monday", "Friday"], f"q_{free}": "My son is 6 & \"anxious\".",
            "contact_name": "Ala Nowak", "submission_key": "key-1", "website": ""}
    url = reverse("consultation_respond", args=[consultation.pk])
    if how == "cookie cleared":
        response = refused(csrf_client, url, data)
    else:
        csrf_client.get(consultation.url + "respond/")  # a cookie, but another token
        response = csrf_client.post(url, {**data, "csrfmiddlewaretoken": "b" * 32})
        assert response.status_code == 403
    html = response.content.decode()
    form = _read(response)
    # Written answers are shown to read and change, labelled with their questions.
    assert "My son is 6 &amp; &quot;anxious&quot;." in html
    assert "Anything else?" in html and "Your name" in html
    assert form.data()[f"q_{free}"] == ["My son is 6 & \"anxious\"."]
    # Choices are shown in words and carried.
    assert "A parent or carer" in html and form.data()[f"q_{multi}"] == ["Monday", "Friday"]
    assert "website" not in form.data()
    assert form.action == url
    sent = send_again(csrf_client, response)
    assert sent.status_code == 302
    stored = ConsultationResponse.objects.get()
    assert stored.answers[free] == "My son is 6 & \"anxious\"."
    assert stored.answers[multi] == ["Monday", "Friday"]
    # Sent once more (a second click, an old tab): still one response.
    send_again(csrf_client, response)
    assert ConsultationResponse.objects.count() == 1


# --- survey: start, a page of questions, the check page --------------------------------


def test_refused_survey_pages_come_back_and_the_survey_is_stored_once(csrf_client, survey):
    url = survey.url + "respond/"
    response = refused(csrf_client, url, {"audience": "parents", "code": "", "website": ""})
    assert "Parents and carers" in response.content.decode() or "parent" in (
        response.content.decode().lower())
    assert send_again(csrf_client, response).status_code == 302
    q = survey_question_ids(survey)
    for number, fields in survey_pages(survey).items():
        csrf_client.get(f"{url}{number}/")
        response = refused(csrf_client, f"{url}{number}/", fields)
        if number == 3:
            html = response.content.decode()
            assert "Tell us sooner when the driver changes." in html
            # Each answer is labelled with its question, not with the field's name.
            improve = survey.placements.get(question_id=q["One thing to improve"]).question
            assert improve.wording in html
            assert "Q " + str(q["One thing to improve"]) not in html
            assert _read(response).data()[f"q_{q['One thing to improve']}"] == [
                "Tell us sooner when the driver changes."]
        assert send_again(csrf_client, response).status_code == 302
    csrf_client.get(url + "check/")
    response = refused(csrf_client, url + "check/", {})
    assert send_again(csrf_client, response).status_code == 302
    stored = SurveyResponse.objects.get()
    assert stored.answers.count() >= 6
    send_again(csrf_client, response)
    assert SurveyResponse.objects.count() == 1


# --- forum: comment, change of comment, decision, disagreement position ----------------


def test_a_refused_forum_comment_comes_back_and_is_stored_once(csrf_client, review,
                                                               section_ids):
    _signed_in(csrf_client, "rep", ["Forum representatives"])
    url = reverse("forum_comment", args=[review.pk])
    response = refused(csrf_client, url, {
        "block_id": section_ids[0], "submission_key": "k1", "quote": "two miles",
        "body": "<p>Please say what happens on snow days.</p>"})
    html = response.content.decode()
    assert "Your comment" in html and "The words you are commenting on" in html
    assert "Please say what happens on snow days." in html
    assert send_again(csrf_client, response).status_code == 302
    assert send_again(csrf_client, response).status_code == 302  # the same key: not doubled
    stored = ForumComment.objects.get()
    assert "snow days" in stored.body and stored.quote == "two miles"


def test_a_refused_change_of_comment_comes_back_and_is_saved(csrf_client, review, section_ids):
    rep = _signed_in(csrf_client, "rep", ["Forum representatives"])
    item = charter_services.comment_submit(review=review, author=rep, body="<p>First.</p>",
                                           block_id=section_ids[0], section_heading="S")
    url = reverse("forum_comment_edit", args=[item.pk])
    response = refused(csrf_client, url, {"body": "<p>Second thoughts.</p>", "quote": ""})
    assert "Second thoughts." in response.content.decode()
    assert send_again(csrf_client, response).status_code == 302
    item.refresh_from_db()
    assert "Second thoughts." in item.body


def test_a_refused_forum_decision_comes_back_and_is_recorded_once(csrf_client, review):
    _signed_in(csrf_client, "rep", ["Forum representatives"])
    url = reverse("forum_decide", args=[review.pk])
    response = refused(csrf_client, url, {
        "decision": "agreed_with_disagreement", "seen_revision": review.revision_id,
        "note": "", "disagreement_topic": "Walking distance", "disagreement_section": "",
        "disagreement_position": "Two miles is too far for young children."})
    html = response.content.decode()
    assert "The forum&#x27;s position, in its own words" in html
    assert "The whole page" in html  # the section chosen, in words
    assert "Two miles is too far for young children." in html
    assert send_again(csrf_client, response).status_code == 302
    review.refresh_from_db()
    assert review.status != ForumReviewTaskState.STATUS_IN_PROGRESS
    assert Disagreement.objects.get().forum_position == "Two miles is too far for young children."
    send_again(csrf_client, response)
    assert Disagreement.objects.count() == 1


def test_a_refused_disagreement_position_comes_back_and_is_saved(csrf_client, review, tree):
    rep = _signed_in(csrf_client, "rep", ["Forum representatives"])
    item = charter_services.disagreement_state(page=tree.policy, user=rep, topic="T",
                                               forum_position="P")
    url = reverse("forum_disagreement", args=[item.pk])
    response = refused(csrf_client, url, {"position": "We still think it is too far."})
    assert "Position, in your own words" in response.content.decode()
    assert send_again(csrf_client, response).status_code == 302
    item.refresh_from_db()
    assert item.forum_position == "We still think it is too far."


# --- officers: answers to comments, calendar import, invitation upload, Wagtail's admin --


def test_a_refused_answer_to_a_comment_comes_back_and_is_saved_once(csrf_client, review,
                                                                    forum_rep, section_ids):
    comment = charter_services.comment_submit(review=review, author=forum_rep, body="<p>C</p>",
                                              block_id=section_ids[0], section_heading="S")
    _signed_in(csrf_client, "officer2", ["Officers"])
    url = reverse("charter_answer_comment", args=[comment.pk])
    response = refused(csrf_client, url, {"disposition": "not_accepted",
                                          "reason": "The law sets the distance."})
    html = response.content.decode()
    assert "The law sets the distance." in html and "Not accepted" in html
    assert send_again(csrf_client, response).status_code == 302
    assert CommentAnswer.objects.get().reason == "The law sets the distance."


CLEAN = (b"name,first day,last day,kind\n"
         b"Autumn half term,2026-10-26,2026-10-30,half term\n")


def test_a_refused_calendar_import_asks_for_the_file_again(csrf_client, calendar):
    _signed_in(csrf_client, "officer2", ["Officers"])
    url = reverse("consultations_import_calendar", args=[calendar.pk])
    response = refused(csrf_client, url, {"file": SimpleUploadedFile("d.csv", CLEAN)})
    html = response.content.decode()
    assert "choose the file again" in html
    assert 'enctype="multipart/form-data"' in html
    sent = send_again(csrf_client, response,
                      files={"file": SimpleUploadedFile("d.csv", CLEAN, "text/csv")})
    assert sent.status_code == 200
    assert "Check the dates before you save them" in sent.content.decode()


def test_a_refused_invitation_upload_asks_for_the_file_again(csrf_client, survey):
    _signed_in(csrf_client, "officer2", ["Officers"])
    url = reverse("surveys_invitations", args=[survey.pk])
    content = b"email\nalex@example.org\n"
    response = refused(csrf_client, url, {
        "action": "upload", "file": SimpleUploadedFile("i.csv", content, "text/csv")})
    assert "CSV file of e-mail addresses" in response.content.decode()
    sent = send_again(csrf_client, response,
                      files={"file": SimpleUploadedFile("i.csv", content, "text/csv")})
    assert sent.status_code == 200
    assert "alex@example.org" in sent.content.decode()


def test_an_admin_user_in_wagtails_admin_gets_the_same_protection(csrf_client, tree):
    _signed_in(csrf_client, "admin2", [], is_superuser=True, is_staff=True)
    url = reverse("wagtailadmin_pages:edit", args=[tree.home.pk])
    page = csrf_client.get(url)
    assert page.status_code == 200
    form = _read(page, "page-edit-form")
    data = form.data()
    data["title"] = ["Home for families in the county"]
    data.pop("csrfmiddlewaretoken")
    response = refused(csrf_client, url, data)
    assert "Home for families in the county" in response.content.decode()
    sent = send_again(csrf_client, response)
    assert sent.status_code == 302, sent.content.decode()[:3000]
    tree.home.refresh_from_db()
    assert tree.home.get_latest_revision().as_object().title == "Home for families in the county"


# --- what never comes back, and the reader's language ------------------------------------


def test_passwords_and_tokens_are_never_echoed(csrf_client, db):
    response = refused(csrf_client, reverse("sign_in"), {
        "username": "forumrep", "password": "correct-horse-battery"})
    html = response.content.decode()
    assert "correct-horse-battery" not in html
    assert 'value="forumrep"' in html


@pytest.mark.parametrize("prefix,lang,direction,words", [
    ("", "en-gb", "ltr", "Your form has not been sent yet"),
    ("/pl", "pl", "ltr", "Twój formularz nie został jeszcze wysłany"),
    ("/ar", "ar", "rtl", "لم يُرسَل النموذج بعد"),
])
def test_the_page_speaks_the_language_of_the_address(csrf_client, tree, prefix, lang,
                                                     direction, words):
    client = csrf_client
    client.cookies.pop(settings.CSRF_COOKIE_NAME, None)
    response = client.post(f"{prefix}/", {"message": "Dzień dobry, mam pytanie."})
    html = response.content.decode()
    assert response.status_code == 403
    assert f'lang="{lang}"' in html and f'dir="{direction}"' in html
    assert words in html
    assert "Dzień dobry, mam pytanie." in html
    # Typed text takes its own direction, whatever the page's (a Polish answer on an
    # Arabic page reads left to right).
    assert re.search(r'<(textarea|input)[^>]*dir="auto"[^>]*name="message"', html)
