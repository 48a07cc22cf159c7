"""Every officers' survey URL against every role: only officers (and administrators) get in."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from exports.models import ExportJob
from surveys import services
from surveys.models import SurveyComment, SurveyInvitation
from tests.surveys.conftest import question_ids

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member", "admin"]
ALLOWED = {"officer", "admin"}


@pytest.fixture
def objects(survey):
    ids = question_ids(survey)
    services.survey_submit(survey=survey, audience="parents",
                           answers={ids["Overall satisfaction"]: 4},
                           comments={ids["One thing to improve"]: "More notice of changes."})
    question = survey.placements.first().question
    return {"survey": survey, "question": question, "comment": SurveyComment.objects.get()}


def _urls(objects):
    survey, question = objects["survey"], objects["question"]
    return {
        "invitations": reverse("surveys_invitations", args=[survey.pk]),
        "comments": reverse("surveys_comments", args=[survey.pk]),
        "responses_csv": reverse("surveys_responses_csv", args=[survey.pk]),
        "question_list": reverse("wagtailsnippets_surveys_surveyquestion:list"),
        "question_edit": reverse("wagtailsnippets_surveys_surveyquestion:edit",
                                 args=[question.pk]),
        "survey_edit": reverse("wagtailadmin_pages:edit", args=[survey.pk]),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["invitations", "comments", "responses_csv", "question_list",
                                  "question_edit", "survey_edit"])
def test_who_can_open_each_admin_page(client, login_as, objects, role, name):
    login_as(role)
    response = client.get(_urls(objects)[name])
    if role in ALLOWED:
        assert response.status_code == 200
    else:
        # The admin sends anyone else to sign in, or back with "no permission".
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/" in response["Location"] \
            or "sign-in" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_can_invite_remind_moderate_or_export(client, login_as, objects, role,
                                                     django_capture_on_commit_callbacks):
    login_as(role)
    urls = _urls(objects)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(urls["invitations"], {
            "action": "upload",
            "file": SimpleUploadedFile("list.csv", b"email\nalex@example.org\n", "text/csv")})
        client.post(urls["invitations"], {"action": "confirm", "checked": (
            client.session.get("pending_invitations") or {}).get("digest", "")})
        # Reminders wait 48 hours after an invitation.
        SurveyInvitation.objects.update(sent_at=timezone.now() - dt.timedelta(days=3))
        client.post(urls["invitations"], {"action": "remind-confirm"})
    client.post(urls["comments"], {"comment": objects["comment"].pk, "decision": "approved"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(urls["responses_csv"])
    allowed = role in ALLOWED
    assert ExportJob.objects.filter(status="done").exists() == allowed
    assert SurveyInvitation.objects.exists() == allowed
    # One invitation, one reminder.
    assert len(mail.outbox) == (2 if allowed else 0)
    objects["comment"].refresh_from_db()
    assert (objects["comment"].moderation == "approved") == allowed


def test_the_survey_editor_links_to_every_officers_view(client, login_as, objects):
    login_as("officer")
    html = client.get(_urls(objects)["survey_edit"]).content.decode()
    assert "Status and responses" in html
    assert "1 response." in html
    assert "1 waiting for moderation" in html
    for name in ("invitations", "comments", "responses_csv"):
        assert _urls(objects)[name] in html


def test_the_question_bank_is_in_the_admin_menu_and_lists_the_bank(client, login_as, objects):
    login_as("officer")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Survey questions" in html
    listing = client.get(_urls(objects)["question_list"]).content.decode()
    assert "Equal partner" in listing and "Overall satisfaction" in listing
    found = client.get(_urls(objects)["question_list"], {"q": "equal partner"})
    assert "Equal partner" in found.content.decode()
    assert "Overall satisfaction" not in found.content.decode()
