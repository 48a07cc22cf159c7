"""The governance board's read-only view of the analysis: every coding frame and every
"What people told us" write-up, with its status, who agreed it on the forum's behalf and
when, and the counts the forum agreed. For board members and officers
(``charter.permissions.can_view_board``); anyone else signs in or is refused."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.dateparse import parse_datetime

from analysis import writeup_selectors
from analysis.models import CodingFrame, ReviewStep, WriteUp
from charter.permissions import can_view_board, role_required

board_required = role_required(can_view_board)


def _agreements(**owner) -> dict[int, ReviewStep]:
    """The latest "agreed by the forum" step of each frame or write-up (``frame__in=`` or
    ``write_up__in=``), by its key. One query."""
    field = next(iter(owner)).removesuffix("__in")
    found = {}
    for step in (ReviewStep.objects.filter(**owner, action=ReviewStep.Action.AGREED)
                 .select_related("by").order_by("at", "pk")):
        found[getattr(step, f"{field}_id")] = step
    return found


@board_required
def analyses(request):
    """Every frame (its themes) and every write-up (its words and the counts agreed), with
    their status and the forum's agreement. A fixed number of queries."""
    frames = list(CodingFrame.objects.select_related("consultation", "survey")
                  .prefetch_related("themes").order_by("-pk"))
    write_ups = list(WriteUp.objects.select_related("consultation", "survey").order_by("-pk"))
    sources = writeup_selectors.quote_sources([w for w in write_ups if w.agreed])
    frame_steps = _agreements(frame__in=frames)
    write_up_steps = _agreements(write_up__in=write_ups)
    return TemplateResponse(request, "analysis/board_analyses.html", {
        "frames": [{"frame": f, "agreed": frame_steps.get(f.pk)} for f in frames],
        "write_ups": [{"write_up": w, "agreed": write_up_steps.get(w.pk),
                       # As the public sees it: quotes since withdrawn are taken out.
                       "version": writeup_selectors.agreed_for_public(w, sources),
                       "agreed_at": parse_datetime(w.agreed.get("at") or "")
                       if w.agreed else None}
                      for w in write_ups],
        "board_analysis_url": request.path,
    })


