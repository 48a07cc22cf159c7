"""The "E-mails never confirmed" page's address in the Wagtail admin (which asks everyone to
sign in); Reports > Scheduled jobs links to it."""

from django.urls import path
from wagtail import hooks

from outbox import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("outbox/unconfirmed/", views.unconfirmed, name="outbox_unconfirmed")]
