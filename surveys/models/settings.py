from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from portal.closing import DEFAULT_GRACE_MINUTES
from surveys.statistics import DEFAULT_MINIMUM_RESPONSES


@register_setting(icon="list-ul")
class SurveySettings(BaseSiteSetting):
    minimum_responses = models.PositiveSmallIntegerField(
        default=DEFAULT_MINIMUM_RESPONSES,
        help_text="No figure, chart or comment is shown for fewer answers than this, so no "
                  "family can be picked out.")
    responses_per_hour = models.PositiveSmallIntegerField(
        default=40, verbose_name="Responses per internet address per hour",
        help_text="On surveys anyone with the link may answer: how many responses one internet "
                  "address may send in an hour. A school or an office shares one address, so "
                  "keep this in the tens. Only responses stored count, never attempts.")
    late_grace_minutes = models.PositiveSmallIntegerField(
        default=DEFAULT_GRACE_MINUTES, verbose_name="Grace after the close (minutes)",
        help_text="Answers started before the survey closed may still be sent this many "
                  "minutes after it closes. The response is marked late.")

    class Meta:
        verbose_name = "survey settings"


def survey_settings() -> SurveySettings:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return SurveySettings.for_site(site) if site else SurveySettings()
