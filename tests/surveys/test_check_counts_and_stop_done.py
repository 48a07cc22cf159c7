"""Review r14k, F9. The officer's check of an invitation list counts by language only the
invitations that go (the count the send button names), never a line left out. And a "no more
e-mails" link opened again after the stop was done says it is done, in the reader's
language, and offers no button to press again."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys import services
from surveys.models import SurveyInvitation
from tests.surveys.conftest import survey, survey_index  # noqa: F401

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


def test_invitations_by_language_counts_only_those_that_go(
        client, login_as, survey, officer, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(survey=survey, user=officer, rows=[
            services.InvitationRow("before@x.test", "parents", "ar"),
            services.InvitationRow("stopped@x.test", "parents", "ar")])
    services.invitation_stop(
        invitation_id=SurveyInvitation.objects.get(email="stopped@x.test").pk)
    login_as("officer")
    check = client.post(reverse("surveys_invitations", args=[survey.pk]), {
        "action": "upload", "file": SimpleUploadedFile(
            "list.csv", b"email,audience,language\nbefore@x.test,parents,ar\n"
                        b"stopped@x.test,parents,ar\nnew@x.test,parents,en\n", "text/csv")})
    page = _text(check)
    assert "Send 1 invitation" in page
    assert "Invitations by language: English 1." in page
    assert "Arabic" not in page.split("Invitations by language:")[1].split(".")[0]


@pytest.mark.parametrize("prefix, done", [
    ("/pl", "Ten adres był już usunięty: nic więcej nie zostanie na niego wysłane."),
    ("/ar", "كنا قد حذفنا هذا العنوان من قبل: لن يُرسل إليه شيء آخر."),
    ("", "We had already deleted this address: nothing more will be sent to it."),
])
def test_a_stop_link_opened_after_the_stop_says_it_is_done(
        client, survey, officer, prefix, done):  # noqa: F811
    services.invitations_send(survey=survey, user=officer, rows=[
        services.InvitationRow("jo@x.test", "parents")])
    invitation = SurveyInvitation.objects.get()
    url = f"{prefix}/survey-emails/stop/{services.stop_token(invitation.pk)}/"
    before = client.get(url)
    assert '<form method="post">' in before.content.decode()
    assert client.post(url).status_code == 200
    after = client.get(url)
    assert after.status_code == 200
    assert done in _text(after)
    assert '<form method="post">' not in after.content.decode()
