"""The confirmation e-mail of a subscription goes through the outbox's send-once rules, as
every notice does: a mail server's refusal for good is never retried, a message it may have
queued (the answer after DATA never came) is never sent again, one it deferred is tried again
when its pause is over; and no log line or record keeps the address. Through a real SMTP
server (aiosmtpd on this machine); the task runs in-process and retries as a worker would."""

import datetime as dt
import logging

import pytest
import time_machine
from django.utils import timezone

from notices import services, tasks, tokens
from notices.models import ConfirmationSent
from outbox import deferrals
from outbox.models import SentEmail
from portal.log_redaction import AddressesRemoved
from tests.factories import UserFactory


def _ask(client, email):
    return client.post("/pl/notices/subscribe/", {
        "email": email, "topics": ["everything"], "frequency": "immediately"})


def test_a_confirmation_whose_answer_never_came_is_not_sent_again(client, site, smtp):
    """The server queued it and dropped the connection before answering: the task's
    retries (eight of them) send nothing more, where before each sent it again."""
    smtp.hang_up = {"hangup2@example.org"}
    response = _ask(client, "hangup2@example.org")
    assert response.status_code == 200
    assert [m["To"] for m in smtp.messages] == ["hangup2@example.org"]
    assert smtp.attempts["hangup2@example.org"] == 1
    record = SentEmail.objects.get(kind=services.CONFIRMATION_KIND)
    assert record.attempted_at is not None and record.sent_at is None
    assert "example.org" not in str(record.__dict__)
    assert "example.org" not in ConfirmationSent.objects.get().link_digest


@pytest.mark.parametrize(("where", "email"), [("spam", "spam2@example.org"),
                                              ("no_such_user", "nouser2@example.org")])
def test_a_confirmation_refused_for_good_is_tried_once(client, site, smtp, where, email):
    setattr(smtp, where, {email})
    _ask(client, email)
    assert smtp.attempts[email] == 1 and smtp.messages == []
    record = SentEmail.objects.get(kind=services.CONFIRMATION_KIND)
    assert record.refused_at is not None and "example.org" not in record.failure


def test_a_deferred_confirmation_waits_its_pause_and_then_goes_once(site, smtp, monkeypatch):
    """451 for the address (greylisting, a full mailbox): the task neither retries itself
    (with no broker Celery would run the retry at once, find it not due, and end) nor sends
    before the pause is over; the ten-minute job sends it then, once."""
    wanted = services.subscription_request(email="busy@example.org", topic_names=["everything"],
                                           page=None, frequency="immediately", language="pl")
    token = tokens.request_token(wanted)
    smtp.busy = {"busy@example.org"}
    monkeypatch.setattr(tasks.send_confirmation, "retry", pytest.fail)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        result = tasks.send_confirmation.apply(args=[wanted, token, None])
        assert tasks.send_notices.apply().get() == 0  # not due yet
    assert result.get() == 0 and smtp.messages == []
    assert smtp.attempts["busy@example.org"] == 1
    record = SentEmail.objects.get(kind=services.CONFIRMATION_KIND)
    assert record.retry_at == start + deferrals.FIRST_WAIT and record.deferrals == 1
    assert "busy@example.org" not in record.failure
    kept = ConfirmationSent.objects.get()
    assert kept.token == token and "busy@example.org" not in kept.token  # encrypted
    smtp.busy = set()
    with time_machine.travel(start + deferrals.FIRST_WAIT + dt.timedelta(seconds=1)):
        assert tasks.send_notices.apply().get() == 1
        assert tasks.send_notices.apply().get() == 0
        assert tasks.send_confirmation.apply(args=[wanted, token, None]).get() == 0
    assert [m["To"] for m in smtp.messages] == ["busy@example.org"]
    assert ConfirmationSent.objects.get().token == ""  # gone, so not kept even encrypted


def test_confirmation_records_are_forgotten_with_their_links(site, smtp):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        wanted = services.subscription_request(email="x@example.org", topic_names=["results"],
                                               page=None, frequency="weekly", language="en")
        tasks.send_confirmation.apply(args=[wanted, tokens.request_token(wanted), None])
    assert SentEmail.objects.filter(kind=services.CONFIRMATION_KIND).count() == 1
    with time_machine.travel(start + dt.timedelta(days=tokens.CONFIRM_DAYS, hours=1)):
        services.used_confirmations_forget()
    assert not ConfirmationSent.objects.exists()
    assert not SentEmail.objects.filter(kind=services.CONFIRMATION_KIND).exists()


# --- no address in the logs ---------------------------------------------------------------


def _console():
    """The portal's log handler (``LOGGING``'s console), as the web processes run it."""
    return next(handler for handler in logging.getLogger().handlers
                if any(isinstance(f, AddressesRemoved) for f in handler.filters))


def test_a_failed_password_reset_is_logged_without_the_address(client, db, smtp, caplog):
    """Django logs the mail server's error with its traceback, which names the address."""
    UserFactory(username="officer", groups=["Officers"], email="gone.officer@example.org")
    smtp.no_such_user = {"gone.officer@example.org"}
    with caplog.at_level(logging.ERROR):
        client.post("/admin/password_reset/", {"email": "gone.officer@example.org"})
    [record] = [r for r in caplog.records if "password reset" in r.getMessage()]
    assert "gone.officer@example.org" in str(record.exc_info[1])  # what Django logs...
    console = _console()
    assert console.filter(record)
    line = console.format(record)
    assert "SMTPRecipientsRefused" in line and "550" in line
    assert "gone.officer" not in line and "[address]" in line  # ...and what the log keeps


def test_the_celery_worker_logs_no_address_either():
    from portal.celery import no_addresses_in_worker_logs

    logger = logging.getLogger("celery.test.worker")
    handler = logging.StreamHandler()
    logger.addHandler(handler)
    try:
        no_addresses_in_worker_logs(logger=logger)
        no_addresses_in_worker_logs(logger=logger)
        assert sum(isinstance(f, AddressesRemoved) for f in handler.filters) == 1
        record = logger.makeRecord(logger.name, logging.INFO, __file__, 1,
                                   "Retry in 3s: %r", ({"jo@example.org": (451, b"x")},),
                                   None)
        assert handler.filter(record)
        assert handler.format(record) == "Retry in 3s: {'[address]': (451, b'x')}"
    finally:
        logger.removeHandler(handler)
