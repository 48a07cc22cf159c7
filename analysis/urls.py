"""The officers' analysis screens, inside the Wagtail admin (``/admin/analysis/``).

A consultation's frame and a survey's frame have the same screens (the same views), at
``analysis/<consultation>/<question>/…`` and ``analysis/surveys/<survey>/<question>/…``; the
names of the second set begin ``analysis_survey_``."""

from django.urls import path

from analysis import views

SCREENS = [
    ("code/", views.code, "code"),
    ("themes/", views.themes, "themes"),
    ("suggest/", views.suggest, "suggest"),
    ("runs/<int:run_id>/", views.run, "run"),
]

urlpatterns = [
    path("analysis/", views.index, name="analysis_index"),
    *(path(f"analysis/<int:consultation_id>/<str:question_id>/{tail}", view,
           name=f"analysis_{name}") for tail, view, name in SCREENS),
    *(path(f"analysis/surveys/<int:survey_id>/<str:question_id>/{tail}", view,
           name=f"analysis_survey_{name}") for tail, view, name in SCREENS),
]
