from django.apps import AppConfig


class NoticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notices"
    verbose_name = "Notices to subscribers"

    def ready(self):
        from wagtail.signals import page_published

        from notices import signals

        page_published.connect(signals.page_published, dispatch_uid="notices.page_published")
