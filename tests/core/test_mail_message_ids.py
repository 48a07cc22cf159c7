"""Django's and Wagtail's own e-mails (password reset, workflow notices) carry a Message-ID on
the site's own host, as the portal's own do: ``<…@localhost>`` counts against a message at
spam filters. Read from a real SMTP server (aiosmtpd on this machine)."""

import pytest
from django.core import mail
from wagtail.admin.mail import WorkflowStateSubmissionEmailNotifier
from wagtail.models import WorkflowState

from tests.charter.conftest import send_to_forum
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_sites_host(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"


def test_a_password_reset_email_has_a_message_id_on_the_sites_host(client, smtp,
                                                                   on_the_sites_host):
    UserFactory(username="officer", groups=["Officers"], email="officer@example.org")
    response = client.post("/admin/password_reset/", {"email": "officer@example.org"})
    assert response.status_code == 302
    [reset] = smtp.messages
    assert reset["To"] == "officer@example.org"
    assert "/admin/password_reset/confirm/" in reset.get_body(("plain",)).get_content()
    assert reset["Message-ID"].strip().endswith("@travel.example.gov.uk>")
    assert mail.outbox == []


def test_a_wagtail_workflow_notice_has_a_message_id_on_the_sites_host(
        tree, officer, smtp, on_the_sites_host, django_capture_on_commit_callbacks):
    UserFactory(username="admin", is_superuser=True, is_staff=True, email="admin@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        review = send_to_forum(tree.policy, officer)
    # The portal replaces Wagtail's workflow e-mails with its own notices (notices/signals.py);
    # Wagtail's notifier is called here as Wagtail's signal would, should it ever be on.
    WorkflowStateSubmissionEmailNotifier()(sender=WorkflowState,
                                           instance=review.workflow_state, user=officer)
    wagtails = [m for m in smtp.messages if m["To"] == "admin@example.org"]
    assert wagtails, [(m["To"], m["Subject"]) for m in smtp.messages]
    assert all(m["Message-ID"].strip().endswith("@travel.example.gov.uk>")
               for m in smtp.messages)
    assert len({m["Message-ID"] for m in smtp.messages}) == len(smtp.messages)


def test_a_message_id_already_given_is_kept(smtp, on_the_sites_host):
    mail.EmailMessage("Hello", "Body.", None, ["p@example.org"],
                      headers={"Message-ID": "<given@travel.example.gov.uk>"}).send()
    [only] = smtp.messages
    assert only["Message-ID"].strip() == "<given@travel.example.gov.uk>"
