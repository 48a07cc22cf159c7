from django.apps import AppConfig


class NoticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notices"
    verbose_name = "Notices to subscribers"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import Revision
        from wagtail.signals import page_published

        from charter.models.evidence import EvidenceEntry
        from notices import signals

        page_published.connect(signals.page_published, dispatch_uid="notices.page_published")
        signals.replace_wagtail_workflow_emails()
        for model in (EvidenceEntry, Revision):
            post_save.connect(signals.staff_event_saved, sender=model,
                              dispatch_uid=f"notices.staff_event_saved.{model.__name__}")
