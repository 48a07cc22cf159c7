"""The officers' analysis screens, inside the Wagtail admin (``/admin/analysis/``)."""

from django.urls import path

from analysis import views

urlpatterns = [
    path("analysis/", views.index, name="analysis_index"),
    path("analysis/<int:consultation_id>/<str:question_id>/code/", views.code,
         name="analysis_code"),
    path("analysis/<int:consultation_id>/<str:question_id>/themes/", views.themes,
         name="analysis_themes"),
    path("analysis/<int:consultation_id>/<str:question_id>/suggest/", views.suggest,
         name="analysis_suggest"),
    path("analysis/<int:consultation_id>/<str:question_id>/runs/<int:run_id>/", views.run,
         name="analysis_run"),
    path("analysis/surveys/<int:survey_id>/<str:question_id>/code/", views.survey_code,
         name="analysis_survey_code"),
]
