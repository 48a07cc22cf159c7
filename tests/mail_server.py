"""A real SMTP server on this machine (aiosmtpd) for tests: it keeps what it accepts, and
can refuse some recipients for good (550) or for now (451, 452), or close the session (421)
for every message after a few."""

import collections
import email
import socket
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """An SMTP handler that keeps what it accepts. ``refuse_after`` makes it close the
    session (421, try later) at DATA for every message after that many, as a mail server
    under strain does; an address in ``no_such_user`` is refused for good at RCPT (550, a
    mailbox closed), one in ``busy`` for now (451 at RCPT, naming the address as Postfix
    does: greylisting, a domain's rate limit), and one in ``shutting_down`` has the session
    closed at its RCPT (421). An address in ``full`` is deferred at the end of DATA (452, a
    mailbox over its quota), and one in ``spam`` refused for good there (554, a filter's
    verdict on the message); one in ``hang_up`` has its message queued and the connection
    dropped before the answer to the final "." is read."""

    def __init__(self):
        self.messages = []
        self.refuse_after = None
        self.no_such_user: set[str] = set()
        self.busy: set[str] = set()
        self.shutting_down: set[str] = set()
        self.full: set[str] = set()
        self.spam: set[str] = set()
        self.hang_up: set[str] = set()
        # How many times each address was answered "not now" (451 or 452), and how many
        # times a message to it was begun (its RCPT), whatever the answer.
        self.deferred: dict[str, int] = {}
        self.attempts: collections.Counter[str] = collections.Counter()

    def _defer(self, address: str) -> None:
        self.deferred[address] = self.deferred.get(address, 0) + 1

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        self.attempts[address.lower()] += 1
        if address.lower() in self.no_such_user:
            return f"550 5.1.1 <{address}>: Recipient address rejected: No such user"
        if address.lower() in self.busy:
            self._defer(address.lower())
            return f"451 4.3.0 <{address}>: Mailbox temporarily unavailable"
        if address.lower() in self.shutting_down:
            return "421 4.3.2 Service shutting down, closing transmission channel"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.refuse_after is not None and len(self.messages) >= self.refuse_after:
            return "421 4.3.2 Too busy, try again later"
        recipients = {address.lower() for address in envelope.rcpt_tos}
        if recipients & self.spam:
            return "554 5.7.1 Message rejected as spam"
        if recipients & self.full:
            for address in recipients & self.full:
                self._defer(address)
            return f"452 4.2.2 <{sorted(recipients)[0]}>: Mailbox full"
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        if recipients & self.hang_up:
            server.transport.abort()  # queued, and the answer to "." never arrives
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """Django's SMTP backend pointed at a fresh local ``Inbox`` server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    # Behind the portal's own EMAIL_BACKEND, which gives messages their Message-ID.
    settings.EMAIL_BACKEND = "core.mail.SiteMessageIdBackend"
    settings.PORTAL_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()
