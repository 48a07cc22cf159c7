"""The reset page only queues the e-mail (``accounts.tasks.send_password_reset``), for an
address with an account and one without alike: the request does the same work either way,
so how long it takes (a slow mail server) does not tell who has an account. The task finds
the account and sends the link; for an unknown address it sends nothing."""

from unittest import mock

import pytest

from accounts import tasks
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RESET = "/admin/password_reset/"


def _ask(client, email):
    return client.post(RESET, {"email": email}, REMOTE_ADDR="203.0.113.8")


def test_the_request_queues_the_same_task_for_a_known_and_an_unknown_address(client, smtp):
    UserFactory(username="known", email="known@example.org")
    with mock.patch.object(tasks.send_password_reset, "delay") as queued:
        known = _ask(client, "known@example.org")
        unknown = _ask(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert smtp.messages == []  # nothing sent inside the request
    assert [call.args for call in queued.call_args_list] == [("known@example.org",),
                                                             ("nobody@example.org",)]
    first, second = (call.kwargs for call in queued.call_args_list)
    assert first == second  # the same work, bar the address typed


def test_the_task_sends_the_link_to_the_account_and_nothing_for_an_unknown_address(smtp):
    UserFactory(username="known", email="known@example.org")
    options = {"domain": "travel.example.gov.uk", "site_name": "SEND travel portal",
               "use_https": True,
               "subject_template_name": "wagtailadmin/account/password_reset/email_subject.txt",
               "email_template_name": "wagtailadmin/account/password_reset/email.txt"}
    assert tasks.send_password_reset("nobody@example.org", **options) == 0
    assert smtp.messages == []
    assert tasks.send_password_reset("known@example.org", **options) == 1
    [reset] = smtp.messages
    assert reset["To"] == "known@example.org"
    assert "/admin/password_reset/confirm/" in reset.get_content()


def test_a_queue_that_cannot_be_reached_leaves_the_page_as_always(client, smtp, caplog):
    UserFactory(username="known", email="known@example.org")
    with mock.patch.object(tasks.send_password_reset, "delay",
                           side_effect=ConnectionError("no broker")):
        response = _ask(client, "known@example.org")
    assert response.status_code == 302
    assert "could not be queued" in caplog.text
    assert "known@example.org" not in caplog.text
