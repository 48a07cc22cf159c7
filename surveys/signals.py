"""Publishing a survey (always through the forum's review) logs what it adds to the record."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from core.cache import purge_page_cache
from surveys.models import SurveyPage, SurveySettings
from surveys.services import survey_published


@receiver(page_published)
def _survey_published(sender, instance, revision=None, **kwargs):
    page = instance.specific
    if isinstance(page, SurveyPage) and not page.alias_of_id:
        survey_published(survey=page, revision=revision)


@receiver(post_save, sender=SurveySettings)
def _purge_on_settings_change(sender, created, **kwargs):
    # The minimum number of answers decides what results pages show: drop cached copies.

    if not created:
        purge_page_cache()
