from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="group")
class CoproductionSettings(BaseSiteSetting):
    meeting_cadence_days = models.PositiveSmallIntegerField(
        default=14, help_text="The agreed longest gap between co-production meetings, in days."
    )

    class Meta:
        verbose_name = "co-production settings"
