from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "analysis"
    verbose_name = "Analysis of written answers"

    def ready(self):
        from django.core import checks

        from analysis.checks import check_analysis_method

        checks.register(check_analysis_method)

        from . import signals  # noqa: F401
