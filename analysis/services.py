"""Writes for the analysis, each inside one transaction: confirming an answer's themes, and
storing the suggestions a task made (which replace the frame's earlier ones)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from analysis import suggest
from analysis.models import Coding, CodingFrame, SuggestedCode, Theme
from consultations.models.responses import ConsultationResponse


def confirm_codes(*, frame: CodingFrame, response: ConsultationResponse,
                  themes: Iterable[Theme], user, now=None) -> list[Coding]:
    """Make ``themes`` exactly the confirmed themes of ``response``'s written answer to the
    frame's question, as ``user`` at ``now``: new ones are added (marked as from a suggestion
    when one was waiting), others are marked removed (kept on record), and the answer's
    waiting suggestions are cleared. Returns the answer's current codings.

    Raises ``ValidationError`` when the response is not to the frame's consultation, has no
    written answer to the question, or a theme is not the frame's.
    """
    themes = list(themes)
    if response.consultation_id != frame.consultation_id:
        raise ValidationError("This response is not to the frame's consultation.")
    text = response.answers.get(frame.question_id)
    if not isinstance(text, str) or not text.strip():
        raise ValidationError("This response has no written answer to the frame's question.")
    if any(t.frame_id != frame.pk for t in themes):
        raise ValidationError("A theme is not one of this frame's.")
    now = now or timezone.now()
    wanted = {t.pk: t for t in themes}
    with transaction.atomic():
        current = {c.theme_id: c for c in Coding.objects.select_for_update().filter(
            response=response, question_id=frame.question_id, theme__frame=frame,
            removed_at__isnull=True)}
        waiting = SuggestedCode.objects.filter(response=response, question_id=frame.question_id,
                                               theme__frame=frame)
        suggested = set(waiting.values_list("theme_id", flat=True))
        Coding.objects.filter(pk__in=[c.pk for t, c in current.items() if t not in wanted]
                              ).update(removed_at=now, removed_by=user)
        Coding.objects.bulk_create([
            Coding(response=response, question_id=frame.question_id, theme=theme,
                   coded_by=user, coded_at=now, from_suggestion=pk in suggested)
            for pk, theme in wanted.items() if pk not in current])
        waiting.delete()
    return list(Coding.objects.filter(response=response, question_id=frame.question_id,
                                      theme__frame=frame, removed_at__isnull=True))


def store_suggestions(*, frame: CodingFrame, suggestions: Iterable[suggest.SuggestedCode],
                      method: str) -> int:
    """Replace the frame's waiting suggestions with ``suggestions`` (answer ids are response
    keys, themes the frame's codes); suggestions for an answer already coded, or for a theme
    not in the frame, are dropped. Returns how many were stored."""
    themes = dict(frame.themes.values_list("code", "pk"))
    with transaction.atomic():
        coded = set(Coding.objects.filter(theme__frame=frame, question_id=frame.question_id,
                                          removed_at__isnull=True)
                    .values_list("response_id", flat=True))
        SuggestedCode.objects.filter(theme__frame=frame).delete()
        rows = SuggestedCode.objects.bulk_create([
            SuggestedCode(response_id=s.answer_id, question_id=frame.question_id,
                          theme_id=themes[s.theme], confidence=s.confidence, method=method)
            for s in suggestions if s.theme in themes and s.answer_id not in coded])
    return len(rows)
