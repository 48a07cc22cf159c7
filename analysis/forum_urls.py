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
    path("forum/analysis/consultations/<int:consultation_id>/", views.analysis,
         name="analysis_page"),
    path("forum/analysis/consultations/<int:consultation_id>/write-up/generate/",
         views.write_up_generate, name="analysis_write_up_generate"),
    path("forum/analysis/consultations/<int:consultation_id>/write-up/edit/",
         views.write_up_edit, name="analysis_write_up_edit"),
    path("forum/analysis/consultations/<int:consultation_id>/write-up/send/",
         views.write_up_send, name="analysis_write_up_send"),
    path("forum/analysis/consultations/<int:consultation_id>/write-up/take-back/",
         views.write_up_take_back, name="analysis_write_up_take_back"),
    path("forum/analysis/consultations/<int:consultation_id>/write-up/comment/",
         views.write_up_comment, name="analysis_write_up_comment"),
    path("forum/analysis/consultations/<int:consultation_id>/write-up/agree/",
         views.write_up_agree, name="analysis_write_up_agree"),
    path("forum/analysis/consultations/<int:consultation_id>/redact/", views.redact,
         name="analysis_redact"),
    path("forum/analysis/consultations/<int:consultation_id>/consent/", views.consent,
         name="analysis_consent"),
]
