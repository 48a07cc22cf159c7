"""A bank question's place in one year's survey, and the survey's pages of questions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


def group_by_step(placements) -> list[list[SurveyPlacement]]:
    """Placements grouped into the survey's pages, in page order, each page in its order."""
    grouped: dict[int, list[SurveyPlacement]] = {}
    for placement in placements:
        grouped.setdefault(placement.step, []).append(placement)
    return [grouped[k] for k in sorted(grouped)]


class SurveyPlacement(Orderable):
    """A bank question's place in one year's survey."""

    page = ParentalKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="placements")
    question = models.ForeignKey("surveys.SurveyQuestion", on_delete=models.PROTECT,
                                 related_name="placements")
    step = models.PositiveSmallIntegerField(
        "Page of the survey", default=1,
        help_text="Questions with the same number are asked on the same page.")
    required = models.BooleanField(default=False)

    panels = [FieldPanel("question"), FieldRowPanel([FieldPanel("step"),
                                                     FieldPanel("required")])]

    class Meta(Orderable.Meta):
        ordering = ["step", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["page", "question"],
                                               name="surveys_question_once_per_survey")]

    def __str__(self):
        return str(self.question)

    def clean(self):
        if self.step is not None and self.step < 1:
            raise ValidationError({"step": "Pages are numbered from 1."})
