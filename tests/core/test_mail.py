"""The e-mails of `make run` (var/sent-mail/): one file per message, none for a connection
that sends nothing, so a newcomer finds their confirmation e-mail as the newest file."""

import email

from django.core import mail

from core.mail import message_id
from portal.settings import base


def _connection(folder):
    # The backend make run's settings send through (behind core.mail.SiteMessageIdBackend;
    # the tests' own settings keep mail in memory).
    return mail.get_connection(base.PORTAL_EMAIL_BACKEND, file_path=str(folder))


def test_a_connection_that_sends_nothing_leaves_no_file(tmp_path):
    with _connection(tmp_path):
        pass
    _connection(tmp_path).send_messages([])
    assert list(tmp_path.iterdir()) == []


def test_each_message_of_a_mailing_is_a_file_of_its_own(tmp_path):
    messages = [mail.EmailMessage(f"Invitation {n}", "Please answer the survey.",
                                  "send-travel@example.gov.uk", [f"parent{n}@example.org"])
                for n in range(3)]
    with _connection(tmp_path) as connection:
        assert connection.send_messages(messages) == 3
    files = sorted(tmp_path.iterdir())
    assert [f.suffix for f in files] == [".eml"] * 3
    read = [email.message_from_bytes(f.read_bytes()) for f in files]
    assert [m["To"] for m in read] == ["parent0@example.org", "parent1@example.org",
                                       "parent2@example.org"]
    assert [m["Subject"] for m in read] == ["Invitation 0", "Invitation 1", "Invitation 2"]


def test_a_message_sent_on_its_own_is_one_file(tmp_path):
    mail.send_mail("Confirm your e-mails", "Open the link.", "send-travel@example.gov.uk",
                   ["rodzic@example.org"], connection=_connection(tmp_path))
    (only,) = tmp_path.iterdir()
    assert email.message_from_bytes(only.read_bytes())["To"] == "rodzic@example.org"


def test_message_ids_are_on_the_sites_own_host_not_the_machines(settings):
    """``Message-ID: <…@localhost>`` counts against a message at spam filters: it is on the
    host of ``PORTAL_BASE_URL``, a new one for each message."""
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    first, second = message_id(), message_id()
    assert first.endswith("@travel.example.gov.uk>") and first != second
