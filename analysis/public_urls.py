"""The analysis's public page, served in every language: ``portal/urls.py`` includes it
inside the language prefixes."""

from django.urls import path

from analysis import public_views

urlpatterns = [
    path("consultations/findings/<int:consultation_id>/", public_views.findings,
         name="analysis_findings"),
]
