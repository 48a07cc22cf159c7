"""Admin > Reports > Scheduled jobs tells officers truly what each e-mail job sends and to
whom: the ten-minute "E-mails to subscribers" job also resends the sign-in notices of
every account (parents' and board members' too, not only staff's), and the jobs that send
what an officer released for sending again say so."""

import re

import pytest
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db
URL = "/admin/scheduled-jobs/"


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("<main"):]))


def test_the_subscriber_and_staff_jobs_say_what_they_send_and_to_whom(client, login_as):
    login_as("officer")
    page = _text(client.get(URL))
    subscribers = page[page.index("E-mails to subscribers, and sign-in notices"):]
    assert ("the notices to account holders (parents, forum representatives, board members "
            "and officers) of a new sign-in") in subscribers[:1200]
    assert "staff" not in subscribers[:1500]
    assert "It also sends the notices to subscribers and the confirmation e-mails an officer " \
           "released for sending again" in subscribers[:1200]
    assert ("For whom Parents and carers who subscribed by e-mail; everyone with an account "
            "(parents, forum representatives, board members and officers), for the notices "
            "of a new sign-in") in subscribers[:1500]
    staff = page[page.index("Reminders and notices to the forum and officers"):][:1500]
    assert "Tells forum representatives and officers who chose e-mails at once" in staff
    assert "the notices to them that an officer released for sending again" in staff
    assert "those whose daily e-mail a mail server delayed" in staff
    assert "a weekly e-mail an officer released for sending again goes at once" in page
    assert "a daily e-mail an officer released for sending again goes at once" in page


@pytest.mark.parametrize(("language", "title", "whom"), [
    ("pl", "E-maile do subskrybentów i powiadomienia o logowaniu",
     "wszyscy posiadacze kont (rodzice, przedstawiciele forum, członkowie rady nadzorczej i "
     "urzędnicy) – powiadomienia o nowym logowaniu"),
    ("ar", "رسائل إلى المشتركين وإشعارات تسجيل الدخول",
     "وكل أصحاب الحسابات (الآباء وممثلو المنتدى وأعضاء مجلس الحوكمة والموظفون)"),
])
def test_the_descriptions_read_in_polish_and_arabic(client, login_as, language, title, whom):
    profile = UserProfile.get_for_user(login_as("officer"))
    profile.preferred_language = language
    profile.save()
    page = _text(client.get(URL))
    assert title in page and whom in page
    assert "sign-in notices" not in page and "E-mails to subscribers" not in page


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member"])
def test_nobody_else_reads_them(client, login_as, role):
    login_as(role)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "sign-in notices" not in response.content.decode()
