"""The analysis's background work: suggested codes for a frame, made on this machine with
the configured method (``ANALYSIS_METHOD``), stored as suggestions that count for nothing
until a person confirms them."""

from __future__ import annotations

from celery import shared_task

from analysis import selectors, services, suggest
from analysis.checks import configured_method
from analysis.models import CodingFrame


@shared_task
def suggest_codes_for_frame(frame_id: int) -> int:
    """Suggest themes for each uncoded written answer of the frame, learnt from the codes
    confirmed so far; returns how many suggestions were stored (0 when nothing is coded
    yet, or no theme has both confirmed examples and answers without it)."""
    frame = CodingFrame.objects.get(pk=frame_id)
    method = configured_method()
    made = suggest.suggest_codes(selectors.written_answers(frame),
                                 selectors.confirmed_by_answer(frame),
                                 list(frame.themes.values_list("code", flat=True)),
                                 method=method)
    return services.store_suggestions(frame=frame, suggestions=made, method=method)
