"""The analysis's background work: suggested codes and suggested themes for a frame, made on
this machine with the configured method (``ANALYSIS_METHOD``), stored as suggestions that
count for nothing until a person confirms them.

Without a broker (the default install) Celery runs each task in the officer's request; with
one, on a worker. Either way each request is a ``SuggestionRun`` whose progress the
officer's page shows.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from analysis import selectors, services, suggest
from analysis.checks import configured_method
from analysis.models import CodingFrame, SuggestionRun

logger = logging.getLogger(__name__)


@shared_task
def close_idle_coding_sessions() -> int:
    """Hourly: each coding session with no decision for ``services.SESSION_LENGTH`` gets its
    one summary entry in the evidence log. Returns how many were closed."""
    return services.coding_sessions_close(idle_since=timezone.now() - services.SESSION_LENGTH)


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


def _themes(run: SuggestionRun, method: str) -> int:
    frame = run.frame
    coded = selectors.confirmed_by_answer(frame)
    uncoded = [a for a in selectors.written_answers(frame) if a.id not in coded]
    services.run_step(run.pk, done=1)
    groups = suggest.suggest_themes(uncoded, method=method)
    services.run_step(run.pk, done=2)
    return services.store_theme_suggestions(frame=frame, groups=groups, method=method)


def _codes(run: SuggestionRun, method: str) -> int:
    frame = run.frame
    answers = selectors.written_answers(frame)
    confirmed = selectors.confirmed_by_answer(frame)
    services.run_step(run.pk, done=1)
    made = suggest.suggest_codes(answers, confirmed,
                                 list(frame.themes.values_list("code", flat=True)),
                                 method=method)
    services.run_step(run.pk, done=2)
    return services.store_suggestions(frame=frame, suggestions=made, method=method)


@shared_task
def run_suggestions(run_id: int) -> int:
    """Make what a ``SuggestionRun`` asked for (codes or themes), moving its progress on at
    each step; returns how many suggestions were stored. A failure is written on the run
    (the officer's page says what went wrong and offers to start again), never raised."""
    run = SuggestionRun.objects.select_related("frame").get(pk=run_id)
    try:
        method = configured_method()
        made = (_codes if run.kind == SuggestionRun.Kind.CODES else _themes)(run, method)
    except Exception as error:
        logger.exception("Suggestions for frame %s stopped", run.frame_id)
        services.run_step(run.pk, failure=(
            f"The suggestions could not be made ({type(error).__name__}). Start again; if it "
            "stops again, tell the portal's administrator."))
        return 0
    services.run_step(run.pk, done=run.total, made=made, finished=True)
    return made


def _enqueue(run_id: int) -> None:
    try:
        run_suggestions.delay(run_id)
    except Exception as error:
        logger.exception("Suggestions for run %s could not be queued", run_id)
        services.run_step(run_id, failure=(
            f"The suggestions could not be started ({type(error).__name__}). Start again."))


def run_queue(run: SuggestionRun) -> None:
    """Queue a run once the current transaction commits (at once outside one)."""
    run_id = run.pk
    transaction.on_commit(lambda: _enqueue(run_id), robust=True)
