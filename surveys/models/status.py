"""Where a survey is (coming, open, closed, results published), from its dates."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.closing import close_moment


class SurveyStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Coming soon")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed: results coming")
    RESULTS = "results", _("Closed: results published")


def survey_status(*, now, opens, closes, results_published: bool) -> str:
    """Where a survey is, from its dates (plain values in, a status out). It is open until
    the end of its closing minute: "closes at 11:59pm" takes 23:59:30."""
    if now >= close_moment(closes):
        return SurveyStatus.RESULTS if results_published else SurveyStatus.CLOSED
    if now >= opens:
        return SurveyStatus.OPEN
    return SurveyStatus.UPCOMING
