"""The outbox: each e-mail (kind, object, recipient) goes at most once, whoever runs the
sending and however often."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.locmem import EmailBackend

from outbox import services
from outbox.models import SentEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class SilentBackend(EmailBackend):
    """Accepts nothing and says nothing, as a mail backend with fail_silently can."""

    def send_messages(self, messages):
        return 0


def _outgoing(*names):
    return [services.Outgoing(f"person:{name}", EmailMessage("Hello", "Body", None,
                                                             [f"{name}@example.org"]))
            for name in names]


def test_a_message_another_run_has_claimed_is_left_to_it():
    about = UserFactory(username="about")
    SentEmail.objects.create(kind="greeting", about=about, recipient_key="person:b")
    delivery = services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"),
                                  chunk_size=2)
    assert delivery.sent == ["person:a", "person:c"] and delivery.skipped == 1
    assert [m.to[0] for m in mail.outbox] == ["a@example.org", "c@example.org"]
    assert services.sent_count(kind="greeting", about=about) == 2
    # The same messages about another object, or of another kind, are other e-mails.
    services.send_once(kind="greeting", about=UserFactory(username="other"),
                       outgoing=_outgoing("a"))
    services.send_once(kind="farewell", about=about, outgoing=_outgoing("a"))
    assert len(mail.outbox) == 4


def test_a_silent_refusal_is_an_error_and_the_message_can_go_later():
    about = UserFactory(username="about")
    with pytest.raises(services.MailNotSent):
        services.send_once(kind="greeting", about=about, outgoing=_outgoing("a"),
                           connection=get_connection(f"{__name__}.SilentBackend"))
    assert not SentEmail.objects.exists()
    services.send_once(kind="greeting", about=about, outgoing=_outgoing("a"))
    assert [m.to[0] for m in mail.outbox] == ["a@example.org"]
    record = SentEmail.objects.get()
    assert record.sent_at is not None and "example.org" not in str(record.__dict__)
