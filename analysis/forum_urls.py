"""The analysis pages in the forum area, served in every language (``/forum/analysis/``,
``/pl/forum/analysis/``, ``/ar/forum/analysis/``): ``portal/urls.py`` includes them beside
the forum's own pages (``charter.urls.forum_urlpatterns``)."""

from django.urls import path

from analysis import writeup_views as views

urlpatterns = [
    path("forum/analysis/", views.home, name="analysis_home"),
    path("forum/analysis/frames/<int:frame_id>/", views.frame, name="analysis_frame"),
    path("forum/analysis/frames/<int:frame_id>/theme/", views.frame_theme,
         name="analysis_frame_theme"),
    path("forum/analysis/frames/<int:frame_id>/send/", views.frame_send,
         name="analysis_frame_send"),
    path("forum/analysis/frames/<int:frame_id>/take-back/", views.frame_take_back,
         name="analysis_frame_take_back"),
    path("forum/analysis/frames/<int:frame_id>/propose/", views.frame_comment,
         name="analysis_frame_comment"),
    path("forum/analysis/frames/<int:frame_id>/agree/", views.frame_agree,
         name="analysis_frame_agree"),
    path("forum/analysis/frames/<int:frame_id>/coded.csv", views.coded_csv,
         name="analysis_coded_csv"),
    path("forum/analysis/frames/<int:frame_id>/themes.csv", views.themes_csv,
         name="analysis_themes_csv"),
    path("forum/analysis/consultations/<int:page_id>/redact/", views.redact,
         name="analysis_redact"),
    path("forum/analysis/consultations/<int:page_id>/consent/", views.consent,
         name="analysis_consent"),
    path("forum/analysis/consultations/<int:page_id>/consent/withdrawn/",
         views.consent_withdrawn, name="analysis_consent_withdrawn"),
    path("forum/analysis/consultations/<int:page_id>/erase/", views.response_erase,
         name="analysis_response_erase"),
    path("forum/analysis/surveys/<int:page_id>/erase/", views.response_erase,
         {"kind": "survey"}, name="analysis_survey_response_erase"),
]

# The analysis and its write-up: the same screens for a consultation's written answers and a
# survey's comments (``writeup_views.KINDS``).
for prefix, kind, url_prefix in (("consultations", "consultation", "analysis_"),
                                 ("surveys", "survey", "analysis_survey_")):
    base = f"forum/analysis/{prefix}/<int:page_id>/"
    urlpatterns += [
        path(base, views.analysis, {"kind": kind}, name=f"{url_prefix}page"),
        *(path(f"{base}write-up/{step.replace('_', '-')}/", getattr(views, f"write_up_{step}"),
               {"kind": kind}, name=f"{url_prefix}write_up_{step}")
          for step in ("generate", "edit", "send", "take_back", "comment", "agree",
                       "reopen", "refresh", "remove_details")),
    ]
