import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from charter.deadlines import england_bank_holidays
from consultations import scheduling
from consultations.forms import SchoolCalendarForm
from consultations.panels import CalendarFilesPanel


class SchoolCalendar(ClusterableModel):
    """The term dates a consultation is checked against: one per area or kind of school."""

    name = models.CharField(max_length=120)
    area = models.CharField(max_length=120, blank=True,
                            help_text="Where these dates apply, e.g. the whole county.")
    include_bank_holidays = models.BooleanField(
        default=True, help_text="Add England's bank holidays automatically.")

    panels = [
        FieldPanel("name"),
        FieldPanel("area"),
        FieldPanel("include_bank_holidays"),
        CalendarFilesPanel(heading="Files"),
        InlinePanel("periods", heading="Holidays and closures", label="Holiday or closure"),
    ]

    base_form_class = SchoolCalendarForm

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def bank_holidays(self, years) -> list[scheduling.Period]:
        """England's bank holidays in ``years`` when the calendar adds them (else none)."""
        if not self.include_bank_holidays:
            return []
        return scheduling.bank_holiday_periods(sorted(england_bank_holidays(years).items()))

    def export_periods(self, *, today: dt.date | None = None) -> list[scheduling.Period]:
        """Everything the calendar closes, for its ICS export: its own periods, and the bank
        holidays it adds by itself from last year to two years ahead (or as far as its
        own dates reach), each date once."""
        own = [p.as_period() for p in self.periods.all()]
        today = today or timezone.localdate()
        first = min([today.year - 1, *(p.first_day.year for p in own)])
        last = max([today.year + 2, *(p.last_day.year for p in own)])
        taken = {(p.first_day, p.last_day) for p in own if p.kind == scheduling.BANK_HOLIDAY}
        added = [b for b in self.bank_holidays(range(first, last + 1))
                 if (b.first_day, b.last_day) not in taken]
        return sorted(own + added, key=lambda p: (p.first_day, p.last_day, p.name))

    def as_periods(self, years=None) -> list[scheduling.Period]:
        """Every closed period, plain values for the scheduling rule."""
        periods = [p.as_period() for p in self.periods.all()]
        if years is None:
            today = timezone.localdate()
            years = range(today.year - 1, today.year + 3)
        return periods + self.bank_holidays(years)


class HolidayPeriod(Orderable):
    class Kind(models.TextChoices):
        HOLIDAY = scheduling.HOLIDAY, scheduling.KIND_LABELS[scheduling.HOLIDAY]
        HALF_TERM = scheduling.HALF_TERM, scheduling.KIND_LABELS[scheduling.HALF_TERM]
        BANK_HOLIDAY = scheduling.BANK_HOLIDAY, scheduling.KIND_LABELS[scheduling.BANK_HOLIDAY]
        CLOSURE = scheduling.CLOSURE_DAY, scheduling.KIND_LABELS[scheduling.CLOSURE_DAY]

    calendar = ParentalKey(SchoolCalendar, on_delete=models.CASCADE, related_name="periods")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.HOLIDAY)
    first_day = models.DateField()
    last_day = models.DateField()

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("first_day"),
              FieldPanel("last_day")]

    class Meta(Orderable.Meta):
        ordering = ["first_day"]

    def __str__(self):
        return f"{self.name} ({self.first_day:%d %b %Y} to {self.last_day:%d %b %Y})"

    def clean(self):
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": "The last day is before the first day."})

    def as_period(self) -> scheduling.Period:
        return scheduling.Period(self.first_day, self.last_day, self.name, self.kind)
