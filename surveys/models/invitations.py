import secrets

from django.db import models

from surveys.models.pages import Audience

# No 0/O or 1/I/L: a code read off a letter must not be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class SurveyInvitation(models.Model):
    """A single-use code sent to one address.

    The address is kept only to send reminders and is deleted when the survey
    closes. Using the code sets ``used`` and nothing else: no time, no link to the
    response, so answers cannot be traced back to the person invited.
    """

    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE,
                               related_name="invitations")
    code = models.CharField(max_length=12, unique=True, default=new_code)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.PARENTS)
    email = models.EmailField(blank=True)
    used = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The sending that carries its code; ``sent_at`` is set when the mail server took it.
    mailing = models.ForeignKey("surveys.SurveyMailing", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="invitations")

    class Meta:
        indexes = [models.Index(fields=["survey", "used"])]

    def __str__(self):
        return self.code
