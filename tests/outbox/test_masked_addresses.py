"""An address in an officer's release reason, or in a log line, is masked and nothing else:
the comma or full stop after it stays, and a quoted local part with a space in it goes
whole. One rule for both (``portal.log_redaction.without_addresses``)."""

import logging

import pytest
import time_machine
from django.core.mail import EmailMessage
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from outbox import services
from outbox.models import ReleasedEmail, SentEmail
from portal.log_redaction import AddressesRemoved, without_addresses
from tests.factories import UserFactory
from tests.outbox.test_release_unconfirmed import LATER

URL = "/admin/outbox/unconfirmed/"


@pytest.mark.parametrize(("typed", "kept"), [
    ("Mail log shows no delivery for hang@x.test, bounced at relay",
     "Mail log shows no delivery for [address], bounced at relay"),
    ("Nothing in the log for the message to jo@x.org.",
     "Nothing in the log for the message to [address]."),
    ("Relay dropped it (jo.smith+kids@school.example.org); checked twice",
     "Relay dropped it ([address]); checked twice"),
    ('Log shows "jo smith"@x.pl: no delivery', "Log shows [address]: no delivery"),
    ("Sent to <Jo@X.org>, never answered", "Sent to [address], never answered"),
])
def test_the_reason_kept_masks_the_address_and_keeps_its_punctuation(
        client, db, login_as, smtp, typed, kept):
    about = UserFactory(username="about")
    smtp.hang_up = {"b@example.org"}
    with pytest.raises(services.SendingStopped):
        services.send_once(kind="greeting", about=about, outgoing=[services.Outgoing(
            "person:b", EmailMessage("Hello", "Body", None, ["b@example.org"]))])
    row = SentEmail.objects.get()
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        response = client.post(URL, {"record": row.pk, "claim": str(row.claim),
                                     "checked": "on", "reason": typed})
        assert response.status_code == 302
        page = " ".join(client.get(URL).content.decode().split())
    assert ReleasedEmail.objects.get().reason == kept
    assert kept.replace('"', "&quot;") in page or kept in page
    assert "@" not in ReleasedEmail.objects.get().reason


def test_a_log_line_loses_a_quoted_local_part_whole():
    handler = logging.StreamHandler()
    handler.addFilter(AddressesRemoved())
    record = logging.getLogger("test").makeRecord(
        "test", logging.ERROR, __file__, 1, "Refused %s and %s.",
        ('"jo smith"@x.pl', "kim@x.test"), None)
    assert handler.filter(record)
    assert handler.format(record) == "Refused [address] and [address]."


LOCAL = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,15}", fullmatch=True).filter(
    lambda s: ".." not in s and not s.endswith("."))
DOMAIN = st.from_regex(r"[a-z0-9-]{1,10}(\.[a-z0-9-]{1,10}){0,2}\.[a-z]{2,6}", fullmatch=True)


@given(LOCAL, DOMAIN, st.sampled_from([",", ".", ";", ":", ")", "!", "?", ""]))
def test_any_address_is_masked_and_what_follows_it_stays(local, domain, after):
    address = f"{local}@{domain}"
    text = f"Sent to ({address}{after} then nothing."
    masked = without_addresses(text)
    assert "@" not in masked
    assert masked == f"Sent to ([address]{after} then nothing."
