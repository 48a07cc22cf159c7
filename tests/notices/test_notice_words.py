"""What the e-mails and pages around notices say: the confirmation names what was asked
for, notices come from the portal by name and ask for no automatic reply, an English title
in a Polish notice is marked, and a board member refused a page is not told it is for board
members."""

import pytest
from django.core import mail
from django.utils import timezone

from charter.models import EvidenceEntry
from notices import emails, services
from notices.models import Subscriber


def test_the_confirmation_says_what_was_asked_for_and_how_often(client, site):
    client.post(f"/pl/notices/subscribe/?page={site.policy.pk}", {
        "email": "parent@example.com", "topics": [f"page:{site.policy.pk}", "results"],
        "frequency": "weekly", "page": site.policy.pk})
    [message] = mail.outbox
    # Not translated: marked, as the "subscription confirmed" e-mail marks it (r14n F6).
    assert f"- Zmiany w „{site.policy.title} (po angielsku)”" in message.body
    assert "Raz w tygodniu" in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.from_email == "SEND travel portal <send-travel@example.gov.uk>"


def test_the_name_on_the_portal_s_messages_is_a_setting(client, site, settings):
    settings.PORTAL_EMAIL_FROM_NAME = "Travel Council"
    client.post("/notices/subscribe/", {"email": "p@example.com", "topics": ["results"],
                                        "frequency": "weekly"})
    assert mail.outbox[0].from_email == "Travel Council <send-travel@example.gov.uk>"
    assert "How often: Once a week" in mail.outbox[0].body
    assert "- Survey results" in mail.outbox[0].body


@pytest.mark.django_db
def test_an_english_title_in_a_polish_results_notice_is_marked(site):
    entry = EvidenceEntry(kind="survey_results_published", page=site.policy,
                          recorded_at=timezone.now())
    subscriber = Subscriber(pk=1, email="pl@example.com", language="pl",
                            frequency="immediately", confirmed_at=timezone.now())
    polish = services.describe(entry, "pl")
    assert polish["title"] == f"{site.policy.title} (po angielsku)"
    message = emails.notice_message(subscriber=subscriber, notices=[polish])
    assert message.subject.endswith(f"{site.policy.title} (po angielsku)")
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert services.describe(entry, "en-gb")["title"] == site.policy.title


def test_a_board_member_refused_a_page_is_not_told_it_is_for_board_members(
        client, login_as, site):
    login_as("board_member")
    response = client.get("/notices/yours/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "board members" not in html
    assert "This page is not for the role your account has on the portal." in html
