"""Four presses of Send at the same moment for one checked list of addresses (a double
click, a second tab, a request sent again), as four real requests in four threads, each
with its own database connection, on PostgreSQL: one mailing, each address one code and
one e-mail, one entry in the evidence log, and every press shown that one mailing."""

import re

from django.core import mail
from django.test import Client

from charter.models import EvidenceEntry
from surveys.models import SurveyInvitation, SurveyMailing
from tests.outbox.at_once import AT_ONCE, at_once, log_guard_lifted_for_flush  # noqa: F401
from tests.surveys.test_invitations import _upload, _url

pytestmark = AT_ONCE
ADDRESSES = [f"parent{n}@example.org" for n in range(40)]


def test_four_presses_at_once_send_one_list_once(client, login_as, survey):
    login_as("officer")
    csv = ("email\n" + "\n".join(ADDRESSES) + "\n").encode()
    assert _upload(client, survey, csv).status_code == 200
    checked = client.session["pending_invitations"]["digest"]
    cookies = client.cookies
    mail.outbox.clear()

    def press():
        officer = Client()
        officer.cookies = cookies  # the same officer, the same session, the same form
        return officer.post(_url(survey), {"action": "confirm", "checked": checked})

    responses = at_once([press] * 4)
    [mailing] = SurveyMailing.objects.all()
    assert [r.status_code for r in responses] == [302] * 4
    shown = {re.search(r"/mailings/(\d+)/", r["Location"])[1] for r in responses}
    assert shown == {str(mailing.pk)}
    assert mailing.total == len(ADDRESSES)
    invitations = list(SurveyInvitation.objects.values_list("email", "code"))
    assert sorted(email for email, _code in invitations) == sorted(ADDRESSES)
    assert len({code for _email, code in invitations}) == len(ADDRESSES)
    assert EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.SURVEY_INVITATIONS_SENT,
                                        page=survey).count() == 1
    # The e-mails went once, from the press that made the mailing (in-process, no broker).
    assert sorted(m.to[0] for m in mail.outbox) == sorted(ADDRESSES)
