import secrets

from django.conf import settings
from django.db import models

# No 0/O or 1/I/L: a reference read out over the phone must not be misheard.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class ConsultationResponse(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", "Online form"
        PAPER = "paper", "Paper"
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"

    consultation = models.ForeignKey("consultations.ConsultationPage", on_delete=models.PROTECT,
                                     related_name="responses")
    reference = models.CharField(max_length=12, unique=True, default=new_reference)
    respondent_type = models.CharField(max_length=20)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    answers = models.JSONField(default=dict, help_text="Answer per question block id.")
    about_section = models.CharField(max_length=64, blank=True)
    contact_consent = models.BooleanField(default=False)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_anonymised_at = models.DateTimeField(null=True, blank=True)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                      editable=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   help_text="The officer who keyed in a paper, phone or "
                                             "email response.")
    submitted_at = models.DateTimeField(auto_now_add=True)
    late = models.BooleanField(
        default=False, help_text="Sent after the close, from a form opened before it, inside "
                                 "the grace period (Settings > Consultation settings).")

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["consultation", "submitted_at"])]

    def __str__(self):
        return self.reference


class ResponseCount(models.Model):
    """Online responses stored from one internet address in one clock hour, for the flood
    limit. The address is kept only as a keyed hash (``portal.client_address``), and rows
    older than the hour before are deleted as new ones are written."""

    address = models.CharField(max_length=64)
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["address", "hour"],
                                               name="consultations_one_count_per_hour")]
        indexes = [models.Index(fields=["hour"])]

    def __str__(self):
        return f"{self.count} at {self.hour:%Y-%m-%d %H}:00"
