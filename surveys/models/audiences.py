"""Who a survey asks, and how many of each group could answer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class Audience(models.TextChoices):
    """Who answers: the 360-degree view the officers' response asked for."""

    PARENTS = "parents", _("Parents and carers")
    YOUNG_PEOPLE = "young_people", _("Young people")
    SCHOOLS = "schools", _("Schools and colleges")
    OPERATORS = "operators", _("Transport operators")


class SurveyAudience(Orderable):
    page = ParentalKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="audiences")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    population = models.PositiveIntegerField(
        null=True, blank=True, verbose_name="How many could answer",
        help_text="For example, the number of families with travel help. Leave empty if "
                  "nobody knows.")

    panels = [FieldRowPanel([FieldPanel("audience"), FieldPanel("population")])]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "audience"],
                                               name="surveys_audience_once_per_survey")]

    def __str__(self):
        return self.get_audience_display()
