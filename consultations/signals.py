"""Publishing a consultation logs what it adds to the record (override, analysis, outcome)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from consultations.models import ConsultationPage
from consultations.services import consultation_published


@receiver(page_published)
def _consultation_published(sender, instance, revision=None, **kwargs):
    page = instance.specific
    if isinstance(page, ConsultationPage) and not page.alias_of_id:
        consultation_published(consultation=page, revision=revision)
