from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from charter.calendars import calendar_choices


class CoproductionSettingsForm(WagtailAdminModelForm):
    """Offers the school calendars the app that keeps them has registered
    (``charter.calendars``), by name, for the forum's deadlines."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline_calendar"].widget = forms.Select(choices=[
            ("", "The first school calendar (by name)"), *calendar_choices()])


@register_setting(icon="group")
class CoproductionSettings(BaseSiteSetting):
    meeting_cadence_days = models.PositiveSmallIntegerField(
        default=14, help_text="The agreed longest gap between co-production meetings, in days."
    )
    deadline_calendar = models.CharField(
        max_length=60, blank=True, verbose_name="School calendar for the forum's deadlines",
        help_text="Review deadlines, lateness and the board's on-time figures count school "
                  "days in this calendar: its holidays, half terms and closure days are not "
                  "counted, as a parent carer would not count them.",
    )
    agreements_needed = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(5)],
        verbose_name="Representatives who must agree a draft",
        help_text="1: one representative's agreement is the forum's. 2 or more: the first "
                  "agreements are recorded as waiting, and the draft is agreed (and published) "
                  "only when this many different representatives have agreed the same words, "
                  "e.g. so the chair can confirm.",
    )

    base_form_class = CoproductionSettingsForm
    panels = [FieldPanel("meeting_cadence_days"), FieldPanel("deadline_calendar"),
              FieldPanel("agreements_needed")]

    class Meta:
        verbose_name = "co-production settings"
