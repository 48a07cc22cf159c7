"""The board's read-only view of the analysis (``/board/analysis/``, in English as the rest
of the board's record): ``portal/urls.py`` includes it beside the board's own pages."""

from django.urls import path

from analysis import board_views

urlpatterns = [
    path("board/analysis/", board_views.analyses, name="analysis_board"),
]
