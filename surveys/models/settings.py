from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from surveys.statistics import DEFAULT_MINIMUM_RESPONSES


@register_setting(icon="list-ul")
class SurveySettings(BaseSiteSetting):
    minimum_responses = models.PositiveSmallIntegerField(
        default=DEFAULT_MINIMUM_RESPONSES,
        help_text="No figure, chart or comment is shown for fewer answers than this, so no "
                  "family can be picked out.")

    class Meta:
        verbose_name = "survey settings"


def survey_settings() -> SurveySettings:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return SurveySettings.for_site(site) if site else SurveySettings()
