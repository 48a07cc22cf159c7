"""The export pages' addresses in the Wagtail admin (which asks everyone to sign in)."""

from django.urls import path
from wagtail import hooks

from exports import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("exports/<int:job_id>/", views.job, name="exports_job"),
        path("exports/<int:job_id>/download/", views.download, name="exports_download"),
    ]
