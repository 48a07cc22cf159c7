"""A subject reads back exactly as written, whatever its script and length: Django's own
folding put a line break before a long non-ASCII subject, which mail programs read as a
space in front ("outbox.messages")."""

import email
from email.policy import default as default_policy

from django.core.mail import EmailMessage
from hypothesis import given, settings
from hypothesis import strategies as st

from outbox.messages import PortalEmailMessage

#: Words as subjects have them: Latin with Polish letters, Arabic, digits, punctuation.
WORD = st.text(alphabet=st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789ąćęłńóśźżĄŁŻ:;,.!?()«»“”„—-'")
    + list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةى،؛")), min_size=1, max_size=20) \
    | st.sampled_from(["(بالإنجليزية)", "(po angielsku)", "Konsultacja otwarta:"])


def _read_back(message) -> str:
    raw = message.message().as_bytes(linesep="\r\n")
    return email.message_from_bytes(raw, policy=default_policy)["Subject"]


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=14).map(" ".join))
def test_any_subject_reads_back_as_written(subject):
    message = PortalEmailMessage(subject, "body", "portal@example.org", ["x@example.org"])
    assert _read_back(message) == subject
    # The lines on the wire stay within RFC 5322's 78 characters.
    head = message.message().as_bytes(linesep="\r\n").split(b"\r\n\r\n")[0]
    assert all(len(line) <= 78 for line in head.split(b"\r\n"))


def test_django_alone_puts_a_space_in_front_of_a_long_arabic_subject():
    """Why the portal's messages set the header themselves."""
    subject = "استشارة مفتوحة: Walking distances for children under 8 (بالإنجليزية)"
    plain = EmailMessage(subject, "body", "portal@example.org", ["x@example.org"])
    assert _read_back(plain) == " " + subject
    ours = PortalEmailMessage(subject, "body", "portal@example.org", ["x@example.org"])
    assert _read_back(ours) == subject
