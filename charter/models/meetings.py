from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class ChildHistoricalRecords(HistoricalRecords):
    """History for a meeting's rows (attendees, actions).

    django-simple-history copies each foreign key with its own class; a ParentalKey
    may not be copied that way (modelcluster refuses ``related_name="+"``), so the
    history table keeps it as a plain foreign key to the meeting.
    """

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for field in fields.values():
            if isinstance(field, ParentalKey):
                field.__class__ = models.ForeignKey
        return fields


class CoproductionMeeting(ClusterableModel):
    """A meeting between the service and the forum, or of the governance board, with its
    agenda, notes, decisions and actions.

    A meeting dated after today is planned, not held (``charter.governance.is_held``).
    A board pack covers what happened since the board's previous held meeting.
    """

    class Kind(models.TextChoices):
        COPRODUCTION = "coproduction", _("Co-production meeting (service and forum)")
        BOARD = "board", _("Governance board meeting")

    date = models.DateField()
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.COPRODUCTION,
        help_text=_("A governance board meeting gets a board pack covering everything since "
                    "the board last met."))
    title = models.CharField(max_length=200, default="Co-production meeting")
    agenda = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    panels = [
        FieldPanel("date"),
        FieldPanel("kind"),
        FieldPanel("title"),
        InlinePanel("attendees", heading="Who attended", label="Attendee"),
        FieldPanel("agenda"),
        FieldPanel("notes"),
        FieldPanel("decisions"),
        MultiFieldPanel([InlinePanel("actions", label="Action")], heading="Actions"),
    ]

    class Meta:
        ordering = ["-date"]
        verbose_name = "Co-production meeting"
        verbose_name_plural = "Co-production meetings"

    def __str__(self):
        return f"{self.title}, {self.date:%d %B %Y}"

    def delete(self, *args, **kwargs):
        """Refused: a meeting is part of the record (its actions are on the board).

        Correct a meeting by editing it; every saved state is kept and logged.
        """
        raise PermissionDenied(MEETING_KEPT)


MEETING_KEPT = _("A meeting is part of the co-production record, so it cannot be deleted. "
                 "Edit it to correct it: every saved version is kept and logged.")


class MeetingAttendee(Orderable):
    meeting = ParentalKey(CoproductionMeeting, on_delete=models.CASCADE, related_name="attendees")
    role = models.CharField(max_length=100, help_text="e.g. Forum representative, Officer.")
    organisation = models.CharField(max_length=150)

    history = ChildHistoricalRecords()

    panels = [FieldPanel("role"), FieldPanel("organisation")]

    def __str__(self):
        return f"{self.role}, {self.organisation}"


class MeetingAction(Orderable):
    meeting = ParentalKey(CoproductionMeeting, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(max_length=300)
    owner = models.CharField(max_length=150, help_text="A role or organisation, not a name.")
    due_date = models.DateField()
    done = models.BooleanField(default=False)
    history = ChildHistoricalRecords()

    panels = [FieldPanel("action"), FieldPanel("owner"), FieldPanel("due_date"),
              FieldPanel("done")]

    def __str__(self):
        return self.action
