"""Who may see and do what in the frame's review, the analysis and the write-up, in one place.

- Officers see every frame and analysis, write and change drafts, send them to the forum,
  take them back, record consent to quote, remove personal details and export.
- Forum representatives see a frame or an analysis once it has been sent to them (not a
  draft; but a write-up sent back for a new round keeps the version they agreed, which
  they still see), comment on it and agree it while it is with them.
- Everyone else (a parent, a board member) sees none of it here: the board reads the
  sending and agreeing in the evidence log.
"""

from __future__ import annotations

from analysis.models import CodingFrame, WriteUp
from charter.permissions import is_forum_rep, is_officer


def can_see_frame(user, frame: CodingFrame) -> bool:
    return is_officer(user) or (is_forum_rep(user) and frame.status != CodingFrame.Status.DRAFT)


def can_see_analysis(user, write_up: WriteUp | None) -> bool:
    """Officers always; a forum representative once the write-up was sent to the forum, and
    still while a version the forum agreed is kept (a new round being prepared: they read
    the agreed version, never the council's new draft)."""
    return is_officer(user) or (is_forum_rep(user) and write_up is not None
                                and (write_up.status != WriteUp.Status.DRAFT
                                     or bool(write_up.agreed)))


def can_review(user, thing) -> bool:
    """A forum representative, while ``thing`` (a frame or a write-up) is with the forum."""
    return is_forum_rep(user) and thing is not None and thing.status == "with_forum"


def can_export(user) -> bool:
    return is_officer(user)
