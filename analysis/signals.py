"""An answer deleted outright takes its quotes out of the agreed write-up, as a consent
withdrawn does (``writeup_services.quotes_withdraw_deleted``); and officers may erase a
write-up's words kept beside the evidence log (sent, agreed, kept small numbers) through
the charter's removal route, as they erase a forum comment's (``record.text_remove``,
logged as ``text_removed``), and remove personal details from a forum representative's own
comment on a frame or a write-up there: the whole comment, or only chosen words
(``writeup_services.forum_comment_words_remove``). Imported by ``AnalysisConfig.ready``."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from analysis.models import FrameComment, Redaction, WriteUp, WriteUpComment
from analysis.writeup_services import (
    forum_comment_words_remove,
    quotes_withdraw_deleted,
    write_up_words_remove,
)
from charter import record
from consultations.models.responses import ConsultationResponse
from surveys.models import SurveyComment


@receiver(post_delete, sender=ConsultationResponse)
def _response_deleted(sender, instance, **kwargs):
    quotes_withdraw_deleted(texts=list((instance.answers or {}).values()),
                            consultation_id=instance.consultation_id)


@receiver(post_delete, sender=SurveyComment)
def _comment_deleted(sender, instance, **kwargs):
    quotes_withdraw_deleted(texts=[instance.text, instance.public_text],
                            survey_id=instance.survey_id)


def _write_up_page(write_up: WriteUp) -> str:
    """The officer's page of the write-up, to go back to after erasing its texts."""
    if write_up.survey_id:
        return reverse("analysis_survey_page", args=[write_up.survey_id])
    return reverse("analysis_page", args=[write_up.consultation_id])


record.removable_register(
    "write-up", WriteUp, back=_write_up_page, erase=write_up_words_remove,
    label=gettext_lazy("the write-up’s words: kept beside the evidence log, in the working "
                       "draft and in the version the forum agreed"),
    readers=gettext_lazy("The public results or findings page, the forum’s pages and the "
                         "board’s show “Removed on DATE: personal details” in place of the "
                         "write-up’s words, in the reader’s language; the themes and counts "
                         "stay."))


def _frame_page(comment: FrameComment) -> str:
    """The frame's page, where officers read the forum's proposals on it."""
    return reverse("analysis_frame", args=[comment.frame_id])


def _comment_write_up_page(comment: WriteUpComment) -> str:
    return _write_up_page(comment.write_up)


# A representative's own comment on a frame or a write-up: the whole comment, or only the
# words an officer chooses (a name written in it), without touching the write-up itself.
_COMMENT_READERS = gettext_lazy(
    "The forum’s and officers’ pages show “Removed on DATE: personal details” in place of "
    "the whole comment, in the reader’s language (officers read your reason); chosen words "
    "read “[personal details removed]”, every other word stays.")
record.removable_register(
    "frame-comment", FrameComment, back=_frame_page, fields=["text"],
    erase_words=forum_comment_words_remove, shown=lambda c: c.text, readers=_COMMENT_READERS,
    label=gettext_lazy("a forum representative’s comment on a coding frame"))
record.removable_register(
    "write-up-comment", WriteUpComment, back=_comment_write_up_page, fields=["text"],
    erase_words=forum_comment_words_remove, shown=lambda c: c.text, readers=_COMMENT_READERS,
    label=gettext_lazy("a forum representative’s comment on the analysis and the write-up"))


def _redaction_names(pks: list[int]) -> dict[int, tuple[str, str]]:
    """The removals list's names of quotes' removals: "Answer R0000021 to “<consultation>”",
    linking to the officer's analysis page, where the quote and its reason are. One
    query."""
    return {r.pk: (gettext("Answer %(reference)s to “%(title)s”") % {
                "reference": r.response.reference, "title": r.response.consultation.title},
                   reverse("analysis_page", args=[r.response.consultation_id]))
            for r in Redaction.objects.filter(pk__in=pks)
            .select_related("response__consultation")}


def _write_up_names(pks: list[int]) -> dict[int, tuple[str, str]]:
    """The removals list's names of write-ups' removals: "Write-up of “<page>”", linking to
    the officer's page of the write-up. One query."""
    return {w.pk: (gettext("Write-up of “%(title)s”") % {
                "title": (w.consultation or w.survey).title}, _write_up_page(w))
            for w in WriteUp.objects.filter(pk__in=pks).select_related("consultation",
                                                                         "survey")}


# Their reasons are read by officers and the board only; everyone else reads "Removed on
# DATE: personal details".
record.removal_names_register("analysis.redaction", _redaction_names)
record.removal_names_register("analysis.writeup", _write_up_names)


def _frame_comment_names(pks: list[int]) -> dict[int, tuple[str, str]]:
    """The removals list's names of frame comments' removals: "Forum comment on the themes
    of “<page>”", linking to the frame's page. One query."""
    return {c.pk: (gettext("Forum comment on the themes of “%(title)s”") % {
                "title": (c.frame.consultation or c.frame.survey).title}, _frame_page(c))
            for c in FrameComment.objects.filter(pk__in=pks)
            .select_related("frame__consultation", "frame__survey")}


def _write_up_comment_names(pks: list[int]) -> dict[int, tuple[str, str]]:
    """The removals list's names of write-up comments' removals: "Forum comment on the
    write-up of “<page>”", linking to the analysis page. One query."""
    return {c.pk: (gettext("Forum comment on the write-up of “%(title)s”") % {
                "title": (c.write_up.consultation or c.write_up.survey).title},
                   _comment_write_up_page(c))
            for c in WriteUpComment.objects.filter(pk__in=pks)
            .select_related("write_up__consultation", "write_up__survey")}


record.removal_names_register("analysis.framecomment", _frame_comment_names)
record.removal_names_register("analysis.writeupcomment", _write_up_comment_names)
