"""'You said, we did': the actions a survey's results lead to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class SurveyAction(Orderable):
    """'You said, we did': what the service will do about a result, and how it is going."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_DONE = "not_done", _("Not going ahead")

    page = ParentalKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="actions")
    you_said = models.TextField(max_length=600, verbose_name="You said")
    action = models.TextField(max_length=600, verbose_name="We will / we did")
    owner = models.CharField(max_length=120, help_text="Who is responsible, by role.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    linked_page = models.ForeignKey("wagtailcore.Page", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="Page that changed")
    linked_version = models.ForeignKey("charter.PageVersion", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+",
                                       verbose_name="Policy version that changed")

    panels = [FieldPanel("you_said"), FieldPanel("action"),
              FieldRowPanel([FieldPanel("owner"), FieldPanel("status")]),
              FieldPanel("linked_page"), FieldPanel("linked_version")]

    def __str__(self):
        return self.action[:80]

    def clean(self):
        if self.linked_version_id and self.linked_page_id and \
                self.linked_version.page_id != self.linked_page_id:
            raise ValidationError({"linked_version": "Choose a version of the page above."})
