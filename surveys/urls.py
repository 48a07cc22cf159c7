"""Survey addresses outside the survey pages: the "no more e-mails" link of an invitation
(in each language; ``portal.urls`` puts it before Wagtail's pages)."""

from django.urls import path

from surveys.views import public

urlpatterns = [
    path("survey-emails/stop/<str:token>/", public.stop_emails, name="survey_stop_emails"),
]
