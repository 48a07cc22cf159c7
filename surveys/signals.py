"""Publishing a survey (always through the forum's review) logs what it adds to the record."""

from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published)
def _survey_published(sender, instance, revision=None, **kwargs):
    from surveys.models import SurveyPage
    from surveys.services import survey_published

    page = instance.specific
    if isinstance(page, SurveyPage) and not page.alias_of_id:
        survey_published(survey=page, revision=revision)
