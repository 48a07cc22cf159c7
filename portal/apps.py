from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Public site"

    def ready(self):
        from . import signals  # noqa: F401
