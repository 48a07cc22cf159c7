"""Publishing a survey (always through the forum's review) logs what it adds to the record."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from surveys.models import SurveySettings


@receiver(page_published)
def _survey_published(sender, instance, revision=None, **kwargs):
    from surveys.models import SurveyPage
    from surveys.services import survey_published

    page = instance.specific
    if isinstance(page, SurveyPage) and not page.alias_of_id:
        survey_published(survey=page, revision=revision)


@receiver(post_save, sender=SurveySettings)
def _purge_on_settings_change(sender, created, **kwargs):
    # The minimum number of answers decides what results pages show: drop cached copies.
    from portal.cache import purge_page_cache

    if not created:
        purge_page_cache()
