"""The e-mail backend of ``make run`` and the demo: each message written to a file of its own.

Django's file backend writes one file per *connection*: a connection opened and closed with
nothing to send leaves an empty file, and a mailing sent over one connection goes into a
single file. A newcomer looking in ``var/sent-mail/`` for their confirmation e-mail then
skips hundreds of empty files. Here each message is one ``.eml`` file (a mail program opens
it), named by the time it was written, so the newest is last in a sorted listing.
"""

import datetime as dt
import itertools
import os
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends import filebased
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid

_numbers = itertools.count()


def message_id() -> str:
    """A new ``Message-ID`` on the site's own host (the host of ``PORTAL_BASE_URL``, Django's
    ``WAGTAILADMIN_BASE_URL``), not the machine's name: Django's default is the server's
    host name, often ``localhost``, which spam filters count against a message."""
    return make_msgid(domain=urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or None)


#: Headers of every message the portal writes by itself (notices, confirmations, sign-in
#: notices): RFC 3834 says an out-of-office or other automatic reply must not answer it.
AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated"}


def portal_sender() -> str:
    """The From of the portal's own messages: ``DEFAULT_FROM_EMAIL`` with the display name
    ``PORTAL_EMAIL_FROM_NAME`` (by default the portal's name, "SEND travel portal"), unless
    ``DEFAULT_FROM_EMAIL`` already has a name of its own."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    display = name or getattr(settings, "PORTAL_EMAIL_FROM_NAME", "")
    return formataddr((display, address)) if display else settings.DEFAULT_FROM_EMAIL


class SiteMessageIdBackend(BaseEmailBackend):
    """The ``EMAIL_BACKEND`` of every setting: the backend ``PORTAL_EMAIL_BACKEND`` names (SMTP
    in production, files under ``make run``), with a ``Message-ID`` on the site's own host
    (``message_id``) given to any message that has none.

    Django's and Wagtail's own e-mails (password reset, workflow and moderation notices, error
    reports) are built without one, so Django would use the machine's name; doing it here
    covers every message, whoever builds it. A ``Message-ID`` already set is kept.
    Keyword arguments (``file_path``, ``host`` and so on) go to the backend wrapped.
    """

    def __init__(self, fail_silently: bool = False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.inner = get_connection(settings.PORTAL_EMAIL_BACKEND, fail_silently=fail_silently,
                                    **kwargs)

    def open(self):
        return self.inner.open()

    def close(self) -> None:
        self.inner.close()

    def send_messages(self, email_messages) -> int:
        """Give each message without a ``Message-ID`` one on the site's host, then send them
        all through the wrapped backend; returns what it returns (how many were sent)."""
        for message in email_messages or ():
            if not any(name.lower() == "message-id" for name in message.extra_headers):
                message.extra_headers["Message-ID"] = message_id()
        return self.inner.send_messages(email_messages)


class OneFilePerMessageBackend(filebased.EmailBackend):
    """Django's file backend (``EMAIL_FILE_PATH``, the same checks that the folder can be
    written), with one ``YYYYMMDD-HHMMSS-<process>-<n>.eml`` file per message and none for a
    connection that sends nothing."""

    def open(self) -> bool:
        # A file is made per message, in write_message: opening a connection makes none.
        return False

    def close(self) -> None:
        pass

    def send_messages(self, email_messages) -> int:
        """Write each message to a new file; returns how many were written."""
        if not email_messages:
            return 0
        written = 0
        with self._lock:
            for message in email_messages:
                try:
                    self._write_one(message)
                except Exception:
                    if not self.fail_silently:
                        raise
                else:
                    written += 1
        return written

    def _write_one(self, message) -> None:
        moment = dt.datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 - local, for people
        name = f"{moment}-{os.getpid()}-{next(_numbers):06d}.eml"
        with open(os.path.join(self.file_path, name), "xb") as out:
            out.write(message.message().as_bytes() + b"\n")
