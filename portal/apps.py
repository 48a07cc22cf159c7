from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Public site"

    def ready(self):
        from . import checks, signals  # noqa: F401
