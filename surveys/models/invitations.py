import hashlib
import secrets

from django.db import models
from django.db.models.functions import Lower

from surveys.models.audiences import Audience

# No 0/O or 1/I/L: a code read off a letter must not be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def code_hash(survey_id: int, code: str) -> str:
    """The hex SHA-256 of a survey's code, as the used-code store keeps it (64 characters).

    ``code`` is the code as stored (``services.normalise_code``). Not keyed: only codes
    already used are stored this way, and a used code opens nothing."""
    return hashlib.sha256(f"{survey_id}:{code}".encode()).hexdigest()


class SurveyInvitation(models.Model):
    """A single-use code sent to one address.

    The address is kept only to send reminders and is deleted when the survey
    closes. Using the code never writes to this row: its use is a row in
    ``SurveyUsedCode`` (a hash, in a transaction of its own), so no column or system
    column of an invitation changes when its answers are stored. The audience is the
    one the answers are counted under; the person answering cannot change it.
    """

    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE,
                               related_name="invitations")
    code = models.CharField(max_length=12, unique=True, default=new_code)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.PARENTS)
    email = models.EmailField(blank=True)
    # The language the invitation is written in ("en", "pl" or "ar"), from the invitation
    # file's optional language column; English when the file gave none.
    language = models.CharField(max_length=8, default="en", blank=True)
    # The hash of the code (``code_hash``), so "not used yet" is one query against the
    # used-code store.
    code_hash = models.CharField(max_length=64, db_index=True, editable=False, default="")
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The reminder mailing that reminds this invitation, and when it was asked for (set at
    # once on the officer's confirm, before anything is sent, so a second confirm finds it
    # already reminded: ``surveys.reminders``).
    reminder = models.ForeignKey("surveys.SurveyMailing", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="reminded")
    reminder_requested_at = models.DateTimeField(null=True, blank=True)
    # The sending that carries its code; ``sent_at`` is set when the mail server took it.
    mailing = models.ForeignKey("surveys.SurveyMailing", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="invitations")

    class Meta:
        constraints = [
            # One invitation per address and survey, however many lists carry it, while the
            # address is kept (it is deleted when the survey closes).
            models.UniqueConstraint(Lower("email"), "survey", condition=~models.Q(email=""),
                                    name="surveys_invited_once"),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code_hash = code_hash(self.survey_id, self.code)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "code" in update_fields:
            kwargs["update_fields"] = {*update_fields, "code_hash"}
        super().save(*args, **kwargs)


class SurveyUsedCode(models.Model):
    """That one invitation code of a survey has been used: only its hash, nothing else.

    Written in its own transaction before the answers are stored, so its transaction id
    (``xmin``) is never the answers'. No time, no sequence: the hash is the key, and the
    nightly job rewrites a survey's rows in hash order (``services.used_codes_reorder``),
    so neither their order on disk nor their transaction ids follow the order of use.
    """

    code_hash = models.CharField(max_length=64, primary_key=True)
    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE,
                               related_name="+")

    def __str__(self):
        return self.code_hash[:12]


class SurveyStoppedAddress(models.Model):
    """An address that asked for no more e-mails about a survey (its invitation's "no more
    e-mails" link), kept as a keyed digest only (``surveys.no_more_emails.digest``: an HMAC
    with the site's secret key; never the address). No list sent later invites it again, the
    officer's check of a list counts it apart, and no sending or reminder reaches it.
    Deleted with the survey's addresses when the survey closes."""

    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE,
                               related_name="+")
    address_digest = models.CharField(max_length=64)
    stopped_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "address_digest"],
                                    name="surveys_stopped_once"),
        ]

    def __str__(self):
        return f"no more e-mails ({self.stopped_at:%Y-%m-%d})"
