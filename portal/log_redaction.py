"""A logging filter that takes survey invitation codes out of log lines.

The portal never puts a code in an address (invitation links carry it after "#", which
browsers never send), but an old e-mail's link may still ask for ``?code=...``: that
request is answered with a redirect to the same page without it, and this filter makes
sure its line in the application's logs (Django's ``django.server`` and
``django.request`` lines, which print the path and query string) does not keep the code.
The front web server's own access log is set up apart (README: "Logs").

It also takes the query string off every eligibility checker address (``.../checker/?...``):
the checker's pages are GET forms whose answers are in the address
(``eligibility/views.py``), and no log keeps them.

``AddressesRemoved`` takes e-mail addresses out of log lines and their tracebacks: Django's
password reset and Wagtail's workflow notices log a failed send with the mail server's
error, which names the recipient ("SMTPRecipientsRefused: {'jo@example.org': (550, ...)}"),
and Wagtail names the address in its own line. The portal's own sending never puts one in
an error (``outbox.services.SendingStopped``); this catches the rest, on the web processes'
handler (``LOGGING``) and on the Celery worker's (``portal.celery``).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

# "code=" as a query or fragment parameter, up to the next separator.
CODE_PARAMETER = re.compile(r"([?&#;]code=)[^&#\s\"']*", re.IGNORECASE)


# An address with a query string. A checker's (the answers of "What would this mean for my
# child?") is one whose path ends in "checker", with or without its slash and however it is
# percent-encoded ("/checker?", "/%63hecker/?": Django answers both).
ADDRESS_QUERY = re.compile(r"(/[^\s?#\"']*)\?[^#\s\"']*")


def _checker_query_removed(match: re.Match) -> str:
    path = match.group(1)
    last = unquote(path).rstrip("/").rsplit("/", 1)[-1]
    return f"{path}?[removed]" if last.lower() == "checker" else match.group(0)


def without_codes(text: str) -> str:
    """``text`` with the value of every ``code=`` parameter replaced by ``[removed]``, and the
    query string of every checker address by ``[removed]``."""
    return ADDRESS_QUERY.sub(_checker_query_removed, CODE_PARAMETER.sub(r"\1[removed]", text))


# An e-mail address, with or without its angle brackets, its local part quoted (spaces and
# escaped quotes allowed inside: "jo smith"@x.pl) or not. Its domain is labels of letters,
# digits and hyphens joined by full stops (or a bracketed literal), so the punctuation after
# an address in a sentence ("to jo@x.org.", "jo@x.org, then", "jo@x.org!") stays.
_ADDRESS_CHARACTER = r"[^\s<>'\"(){}\[\],;:@]"
_LOCAL_QUOTED = r'"(?:[^"\\\r\n]|\\.){0,128}"'
_DOMAIN_LABEL = r"[\w-]+"  # letters (any script: "żółw.pl"), digits, hyphens
_DOMAIN = rf"(?:{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})*|\[[^\]\s]*\])"
EMAIL_ADDRESS = re.compile(rf"<?(?:{_LOCAL_QUOTED}|{_ADDRESS_CHARACTER}+)@{_DOMAIN}>?")


def without_addresses(text: str) -> str:
    """``text`` with every e-mail address replaced by ``[address]``, the punctuation around
    it kept: "for jo@x.org, bounced" reads "for [address], bounced"; a quoted local part
    with a space goes whole ('"jo smith"@x.pl' reads "[address]")."""
    return EMAIL_ADDRESS.sub("[address]", text)


class AddressesRemoved(logging.Filter):
    """Rewrites a record whose message or traceback names an e-mail address; never drops
    one. The traceback is formatted here (as the handler would) and kept as its text."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = without_addresses(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = without_addresses(record.exc_text)
        return True


class InvitationCodesRemoved(logging.Filter):
    """Rewrites a record whose message holds a ``code=`` parameter; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = without_codes(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
