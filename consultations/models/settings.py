from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from consultations.scheduling import DEFAULT_MINIMUM_TERM_DAYS
from portal.closing import DEFAULT_GRACE_MINUTES


@register_setting(icon="calendar-alt")
class ConsultationSettings(BaseSiteSetting):
    minimum_term_days = models.PositiveSmallIntegerField(
        default=DEFAULT_MINIMUM_TERM_DAYS,
        help_text="The shortest public consultation, in term-time working days. The DfE's "
                  "home-to-school travel guidance has recommended 28 for travel policy changes.")
    responses_per_hour = models.PositiveSmallIntegerField(
        default=10, help_text="Responses one internet address may send in an hour, to stop "
                              "floods. Only responses stored count, never attempts. Paper "
                              "and phone responses keyed in by officers are not limited.")
    late_grace_minutes = models.PositiveSmallIntegerField(
        default=DEFAULT_GRACE_MINUTES, verbose_name="Grace after the close (minutes)",
        help_text="A form opened before the consultation closed may still be sent this many "
                  "minutes after it closes. The response is marked late for officers.")
    anonymise_after_days = models.PositiveSmallIntegerField(
        default=180, help_text="Days after the outcome is published when respondents' contact "
                               "details are removed.")

    class Meta:
        verbose_name = "consultation settings"


def consultation_settings() -> ConsultationSettings:
    """The default site's consultation settings (one council, one site)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return ConsultationSettings.for_site(site) if site else ConsultationSettings()
