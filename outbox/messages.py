"""The message the outbox's senders build: Django's ``EmailMessage`` with a Subject header
that reads back exactly as written.

Django encodes a subject that is not plain ASCII as one long encoded word, without counting
the "Subject: " before it; the mail package then folds the header before that word, so the
header starts with a line break, and a mail program reads the subject back with a space in
front (" استشارة مفتوحة: ...", " Konsultacja otwarta: ..."). RFC 5322 section 2.2.3
(unfolding keeps the white space of a fold) and RFC 2047 section 5 (encoded words). Here the
subject is encoded knowing the header's name, so the first line carries words and nothing
is added when it is read back.
"""

from __future__ import annotations

from email.header import Header

from django.core.mail import EmailMessage

from core.mail import AUTOMATIC_HEADERS, message_id, portal_sender


def subject_header(subject: str) -> Header:
    """``subject`` as a Subject header that folds after its name's first line, never before:
    plain ASCII as it is (folded at spaces), anything else as UTF-8 encoded words."""
    charset = "us-ascii" if subject.isascii() else "utf-8"
    return Header(subject, charset, header_name="Subject")


class PortalEmailMessage(EmailMessage):
    """An ``EmailMessage`` whose Subject reads back exactly as given (``subject_header``)."""

    def message(self, *args, **kwargs):
        msg = super().message(*args, **kwargs)
        # ``replace_header`` keeps the header's place and stores the Header as it is (Django's
        # own ``__setitem__`` would turn it back into the string that folds badly).
        msg.replace_header("Subject", subject_header(str(self.subject)))
        return msg


def automatic_message(*, subject: str, body: str, to: list[str], language: str,
                      headers: dict | None = None) -> PortalEmailMessage:
    """A message the portal writes by itself (a notice, a confirmation, a sign-in notice, a
    reset link): from the portal by name (``core.mail.portal_sender``), a ``Message-ID`` on
    the site's own host, ``Content-Language: language``, ``Auto-Submitted`` (RFC 3834:
    automatic replies stay away), then ``headers`` (``Precedence``, ``List-Unsubscribe``)."""
    return PortalEmailMessage(
        subject=subject, body=body, to=to, from_email=portal_sender(),
        headers={"Message-ID": message_id(), "Content-Language": language,
                 **AUTOMATIC_HEADERS, **(headers or {})})
