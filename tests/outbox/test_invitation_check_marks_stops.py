"""The officer's check of a survey invitation list, before anything is sent, marks each line
left out and says why in plain words: an address that asked for no more e-mails about the
survey (a survey stop), or one invited before; and counts those left out for a stop."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile

from surveys import services
from surveys.models import SurveyInvitation
from tests.surveys.conftest import survey, survey_index  # noqa: F401

pytestmark = pytest.mark.django_db


def _check(client, survey):  # noqa: F811
    return client.post(reverse("surveys_invitations", args=[survey.pk]), {
        "action": "upload", "file": SimpleUploadedFile(
            "list.csv", b"email,audience\nJo@X.test,parents\nkept@x.test,parents\n"
                        b"new@x.test,parents\n", "text/csv")})


def _rows(response) -> dict[str, str]:
    """Each previewed address and what its last cell says, tags taken out."""
    html = response.content.decode()
    html = html[html.index('<table class="listing">'):]
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [" ".join(re.sub(r"<[^>]+>", "", c).split())
                 for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
        rows[cells[1]] = cells[-1]
    return rows


@pytest.fixture
def stopped_and_invited(survey, officer, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(survey=survey, user=officer, rows=[
            services.InvitationRow("jo@x.test", "parents"),
            services.InvitationRow("kept@x.test", "parents")])
    services.invitation_stop(
        invitation_id=SurveyInvitation.objects.get(email="jo@x.test").pk)
    return survey


def test_each_line_left_out_for_a_survey_stop_is_marked_and_counted(
        client, login_as, stopped_and_invited):
    login_as("officer")
    check = _check(client, stopped_and_invited)
    assert check.status_code == 200
    rows = _rows(check)
    assert rows == {
        "jo@x.test": "Left out: asked for no more e-mails about this survey",
        "kept@x.test": "Left out: invited before",
        # Nothing is sent yet: the column says what sending will do, not what was done.
        "new@x.test": "Yes, when you send",
    }
    page = " ".join(re.sub(r"<[^>]+>", "", check.content.decode()).split())
    assert "Gets an invitation?" in page
    assert "Sent an invitation?" not in page
    assert ("1 address asked for no more e-mails about this survey: it is left out and gets "
            "nothing.") in page
    assert "1 was invited before and will not get a second code." in page
    assert "Send 1 invitation" in page


@pytest.mark.parametrize("language, stop, before, goes, heading", [
    ("pl", "Pominięty: poprosił, by nie wysyłać więcej wiadomości o tej ankiecie",
     "Pominięty: zaproszony wcześniej", "Tak, gdy je wyślesz", "Dostaje zaproszenie?"),
    ("ar", "مستبعد: طلب عدم إرسال المزيد من الرسائل عن هذا الاستبيان",
     "مستبعد: دُعي من قبل", "نعم، حين ترسلها", "هل تصله دعوة؟"),
])
def test_the_marks_are_in_the_officer_s_language(
        client, login_as, stopped_and_invited, language, stop, before, goes, heading):
    profile = UserProfile.get_for_user(login_as("officer"))
    profile.preferred_language = language
    profile.save()
    check = _check(client, stopped_and_invited)
    rows = _rows(check)
    assert rows["kept@x.test"] == before
    assert stop in rows.values()
    assert rows["new@x.test"] == goes
    assert heading in check.content.decode()


@pytest.mark.parametrize("role", ["parent", "forum_rep", "board_member"])
def test_nobody_but_officers_checks_a_list(client, login_as, stopped_and_invited, role):
    login_as(role)
    response = _check(client, stopped_and_invited)
    assert response.status_code in (302, 403)
    assert "Left out" not in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, stopped_and_invited):
    response = _check(client, stopped_and_invited)
    assert response.status_code == 302 and "login" in response["Location"]
