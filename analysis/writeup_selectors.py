"""Reads for the analysis page, the write-up and the exports. Each read is a fixed number of
queries, whatever the number of answers.

Who may see what is in ``analysis.writeup_permissions``; these reads only gather.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.translation import gettext

from analysis import selectors, writeup
from analysis.counting import Cell, ThemeTable, counts_to_show, then_now_pairs
from analysis.models import (
    Coding,
    CodingFrame,
    QuoteConsent,
    Redaction,
    ReviewStep,
    Theme,
    ThemeExample,
    WriteUp,
)
from analysis.small_numbers import small_numbers
from charter.models import EvidenceEntry
from charter.record import removal_shown, removed_on
from consultations.forms import ResponseForm
from consultations.models import ConsultationPage
from consultations.models.responses import ConsultationResponse
from surveys.hooks import ResultsSection
from surveys.models import SurveyComment, SurveyPage, SurveyQuestion
from surveys.models.audiences import Audience
from surveys.statistics import DEFAULT_MINIMUM_RESPONSES, suppressed, whole_percent

#: Quotes shown per theme on the analysis page.
QUOTES_PER_THEME = 3

# A survey's respondents are typed by their audience ("schools", ...), with its own labels.
_TYPE_LABELS = {**dict(Audience.choices), **dict(ResponseForm.RESPONDENT_TYPES)}


def type_label(code: str):
    """A respondent type in words, translated (the response form's own labels); a type the
    form does not know is shown as stored."""
    return _TYPE_LABELS.get(code, code)


@dataclass(frozen=True)
class Quote:
    """A written answer cleared to be quoted: consent given, personal details removed.
    ``reasons`` are what a survey comment's quote says of words removed by moderation;
    ``removals`` are an officer's removals from a consultation answer (``Redaction``), which
    every reader outside the officers' own screens reads as ``notices`` ("Removed on DATE:
    personal details" in their language) and officers as ``officer_notices`` (with the
    reason typed, kept beside the evidence log)."""

    response_id: int
    reference: str
    respondent_type: str
    text: str
    reasons: tuple[str, ...] = ()
    removals: tuple = field(default=(), compare=False)

    @property
    def notices(self) -> list[str]:
        """One "Removed on DATE: personal details" per removal, in the reader's language:
        never the officer's reason (it may name the person), also for a removal made before
        reasons were kept beside the log (bk15i, F2)."""
        return [removed_notice(timezone.localdate(r.redacted_at)) for r in self.removals]

    @property
    def officer_notices(self) -> list[str]:
        """The removals as officers read them: "Removed on DATE: " in their language and the
        reason kept beside the log (``charter.record.removal_shown``); a removal made
        before, as it was recorded."""
        shown = []
        for r in self.removals:
            if removed_on(r.reason) is None:
                shown.append(f"{gettext('Personal details removed')}: {r.reason}")
            else:
                shown.append(removal_shown(r.reason, r, translated=True))
        return shown


@dataclass
class ThemeView:
    theme: Theme
    total: Cell
    by_type: list[tuple[str, Cell]]
    quotes: list[Quote] = field(default_factory=list)
    quotable: int = 0


@dataclass
class FrameAnalysis:
    """One frame's analysis: the question, the counts, quotes per theme. ``bases``: each
    respondent type in words with its number of coded respondents."""

    frame: CodingFrame
    question: str
    table: ThemeTable
    types: list[str]
    themes: list[ThemeView]
    bases: list[tuple[str, Cell]] = field(default_factory=list)


def question_text(frame: CodingFrame) -> str:
    """The frame's question as asked (its block id when the block has gone); a survey
    frame's, the bank question's wording."""
    if frame.survey_id:
        wording = (SurveyQuestion.objects.filter(pk=frame.question_id)
                   .values_list("wording", flat=True).first())
        return wording or frame.question_id
    for block in frame.consultation.questions:
        if block.id == frame.question_id:
            return block.value["question"]
    return frame.question_id


def _redactions(response_ids) -> dict[tuple[int, str], list[Redaction]]:
    found: dict[tuple[int, str], list[Redaction]] = {}
    for r in Redaction.objects.filter(response_id__in=response_ids):
        found.setdefault((r.response_id, r.question_id), []).append(r)
    return found


def _pick(candidates: list[tuple[int, int, int, Quote]], count: int) -> list[Quote]:
    """Representative quotes from (themes given, length as written, response key, quote):
    answers given the fewest themes first (they speak to this one), then those nearest the
    typical length of the theme's answers. Lengths as written, so removing details from a
    quote does not swap it for another."""
    if not candidates:
        return []
    lengths = sorted(c[1] for c in candidates)
    typical = lengths[len(lengths) // 2]
    ranked = sorted(candidates, key=lambda c: (c[0], abs(c[1] - typical), c[2]))
    return [c[3] for c in ranked[:count]]


def frame_analysis(frame: CodingFrame, *, minimum: int = DEFAULT_MINIMUM_RESPONSES,
                   quotes: int = QUOTES_PER_THEME) -> FrameAnalysis:
    """The frame's table (confirmed codes only) and, per theme, up to ``quotes`` quotes from
    respondents who agreed to be quoted, with personal details removed. Six queries."""
    table = selectors.frame_table(frame, minimum=minimum)
    themes = list(frame.themes.all())
    types = list(table.bases)
    if frame.survey_id:
        return _survey_analysis(frame, table, themes, types, quotes)
    rows = list(Coding.objects.filter(theme__frame=frame, question_id=frame.question_id,
                                      removed_at__isnull=True,
                                      response__quote_consent__isnull=False)
                .values_list("response_id", "theme_id", "response__reference",
                             "response__respondent_type", "response__answers"))
    theme_count: dict[int, int] = {}
    for response_id, *_ in rows:
        theme_count[response_id] = theme_count.get(response_id, 0) + 1
    redactions = _redactions({r[0] for r in rows})
    per_theme: dict[int, list[tuple[int, int, int, Quote]]] = {}
    for response_id, theme_id, reference, kind, answers in rows:
        text = answers.get(frame.question_id)
        if not isinstance(text, str) or not text.strip():
            continue
        removed = redactions.get((response_id, frame.question_id), [])
        quote = Quote(response_id, reference, type_label(kind),
                      writeup.redact(text.strip(), [r.words for r in removed]),
                      removals=tuple(removed))
        per_theme.setdefault(theme_id, []).append(
            (theme_count[response_id], len(text.strip()), response_id, quote))
    views = []
    for theme, row in zip(themes, table.rows, strict=True):
        candidates = per_theme.get(theme.pk, [])
        views.append(ThemeView(theme, row.total,
                               [(type_label(t), row.by_type[t]) for t in types],
                               _pick(candidates, quotes), len(candidates)))
    return FrameAnalysis(frame, question_text(frame), table, types, views,
                         [(type_label(t), table.bases[t]) for t in types])


def _survey_analysis(frame, table, themes, types, quotes: int) -> FrameAnalysis:
    """``frame_analysis`` for a survey frame: the survey's comments are anonymous, so a
    comment is quoted only in the words an officer approved for the public (its moderation:
    approved as written, or with words removed), never as typed. Two more queries."""
    public = (SurveyComment.Moderation.APPROVED, SurveyComment.Moderation.REDACTED)
    rows = list(Coding.objects.filter(theme__frame=frame, removed_at__isnull=True,
                                      comment__moderation__in=public)
                .values_list("comment_id", "theme_id", "comment__response__audience",
                             "comment__public_text", "comment__text", "comment__moderation"))
    theme_count: dict = {}
    for comment_id, *_rest in rows:
        theme_count[comment_id] = theme_count.get(comment_id, 0) + 1
    per_theme: dict[int, list] = {}
    for comment_id, theme_id, audience, public_text, text, moderation in rows:
        words = (public_text or (text if moderation == SurveyComment.Moderation.APPROVED
                                 else "")).strip()
        if not words:
            continue
        quote = Quote(comment_id, str(comment_id)[:8], type_label(audience), words,
                      ("Words removed by an officer",)
                      if moderation == SurveyComment.Moderation.REDACTED else ())
        per_theme.setdefault(theme_id, []).append(
            (theme_count[comment_id], len(text.strip()), str(comment_id), quote))
    views = [ThemeView(theme, row.total, [(type_label(t), row.by_type[t]) for t in types],
                       _pick(per_theme.get(theme.pk, []), quotes),
                       len(per_theme.get(theme.pk, [])))
             for theme, row in zip(themes, table.rows, strict=True)]
    return FrameAnalysis(frame, question_text(frame), table, types, views,
                         [(type_label(t), table.bases[t]) for t in types])


def analysed_field(page) -> str:
    """The field a frame or a write-up names ``page`` by: "survey" for a survey (its
    comments), "consultation" for a consultation. Raises ``TypeError`` for any other page."""
    if isinstance(page, SurveyPage):
        return "survey"
    if isinstance(page, ConsultationPage):
        return "consultation"
    raise TypeError(f"Written answers are analysed for consultations and surveys, not {page!r}")


def frames_of(page) -> list[CodingFrame]:
    """The frames of a consultation's, or a survey's, written answers, in the order they were
    made. One query."""
    field = analysed_field(page)
    return list(CodingFrame.objects.filter(**{field: page}).select_related(field)
                .order_by("pk"))


def not_counted(frame: CodingFrame, base: int | None, *, kept: bool = False,
                minimum: int = DEFAULT_MINIMUM_RESPONSES) -> dict | None:
    """What a reader of ``frame``'s analysis is told about answers not yet coded, or None
    when every written answer is coded: ``{"written": people who wrote an answer,
    "uncoded": answers not coded yet, "not_counted": answers not in the figures the reader
    is shown, "minimum": minimum}``. ``base`` is the coded people in those figures (None
    when held back); ``kept``: the figures are a table kept from before ("Counts not
    updated"), whose base is not today's coding.

    The small-number rule (``analysis.counting``) holds here too: fewer than ``minimum``
    people who wrote is no number ("written" None: "Fewer than 10 people wrote an
    answer"), and no figure of answers left out is given where the base is held back or
    kept, as it would be today's written count less an older or hidden one. Two queries
    (``selectors.coding_progress``)."""
    written, done = selectors.coding_progress(frame)
    if written <= done:
        return None
    told = None if base is None or kept else max(written - base, 0)
    return {"written": written if written >= minimum else None, "uncoded": written - done,
            "not_counted": told if written >= minimum else None, "minimum": minimum}


def last_sent(reviewed) -> int | None:
    """The key of the last time ``reviewed`` (a frame or a write-up) was sent to the forum
    (its last ``ReviewStep`` "sent"), or None: what a representative's page read, so that
    an agreement from a page opened before it was taken back and sent again is refused.
    One query."""
    return (reviewed.review_steps.filter(action=ReviewStep.Action.SENT)
            .order_by("-at", "-pk").values_list("pk", flat=True).first())


def write_up_of(page) -> WriteUp | None:
    """The write-up of a consultation or a survey, if one was started. One query."""
    return WriteUp.objects.filter(**{analysed_field(page): page}).first()


def write_ups_with_forum():
    """Write-ups sent to the forum or agreed, newest first, with their pages; and those sent
    back for a new round (a draft again, with the version the forum agreed kept)."""
    return (WriteUp.objects.exclude(Q(status=WriteUp.Status.DRAFT) & Q(agreed={}))
            .select_related("consultation", "survey").order_by("-pk"))


#: The status a forum's list shows for a write-up sent back for a new round.
NEW_ROUND = "new_round"


def review_status(write_up: WriteUp) -> str:
    """A write-up's status as the lists show it: ``NEW_ROUND`` for a draft that keeps a
    version the forum agreed (sent back after coding changed), else its status."""
    if write_up.status == WriteUp.Status.DRAFT and write_up.agreed:
        return NEW_ROUND
    return write_up.status


def frames_with_forum():
    """Frames sent to the forum or agreed, with their pages (consultations and surveys)."""
    return (CodingFrame.objects.exclude(status=CodingFrame.Status.DRAFT)
            .select_related("consultation", "survey").order_by("-pk"))


def frame_counts(result: FrameAnalysis) -> dict:
    """One frame's theme table as the write-up keeps it (``WriteUp.counts``): plain values,
    small numbers already hidden, shares and their 95 % Wilson interval in whole per cent.

    ``{"frame": key, "question": words, "base": int | None, "minimum": int, "themes":
    [{"theme": key, "name": str, "count": int | None, "under_minimum": bool,
    "percent": int | None, "low": int | None, "high": int | None}]}``; ``count`` None is
    hidden (``under_minimum`` says whether it is itself under the minimum)."""

    def share(cell: Cell) -> dict:
        if cell.share is None or cell.count is None:
            return {"percent": None, "low": None, "high": None}
        return {"percent": whole_percent(cell.share.share),
                "low": whole_percent(cell.share.low), "high": whole_percent(cell.share.high)}

    return {"frame": result.frame.pk, "question": result.question,
            "base": result.table.base.count, "minimum": result.table.minimum,
            "themes": [{"theme": v.theme.pk, "name": v.theme.name, "count": v.total.count,
                        "under_minimum": v.total.primary, **share(v.total)}
                       for v in result.themes]}


@dataclass(frozen=True)
class ThemeChange:
    """One theme whose count, as shown, differs from the one it is compared with (the
    version the forum agreed, or the counts a draft was written from). A count of None is
    held back: under the minimum, hidden so that a smaller one cannot be worked out, or (now)
    within the minimum of a shown "then" (``counting.then_now``); one label for all.
    ``added`` is a theme the earlier counts did not have."""

    name: str
    agreed: int | None
    now: int | None
    minimum: int
    added: bool = False


@dataclass(frozen=True)
class CodingChanges:
    """Confirmed coding changed since counts were taken (the forum's agreement, or a draft's
    counts): how many answers now carry different themes than then (``recoded``: net changes
    only, a theme given and taken off again is none) and the themes whose counts now differ
    (as shown: small numbers hidden on both sides).

    ``recoded`` follows the small-number rule of the tables (``surveys.statistics
    .suppressed``): it is None, with ``recoded_held``, when it is under the minimum, or when
    a theme's count is shown on one side and hidden on the other (then minus recoded could
    give the hidden one away: "agreed 16, now fewer than 10, 7 recoded" is 9)."""

    recoded: int | None
    themes: list[ThemeChange]
    recoded_held: bool = False
    #: As a forum representative is shown it (``forum_changes``): no number of answers
    #: recoded, and the themes' "now" from the table they are shown.
    for_forum: bool = False


def forum_changes(changes: CodingChanges | None, then: list[dict] | None,
                  shown: list[dict]) -> CodingChanges | None:
    """``changes`` (``coding_changes`` or ``counts_changes``) as a forum representative is
    shown them: the themes whose count differs between ``then`` (the counts the public was
    given when the forum agreed, or those the forum was shown when the draft was sent,
    ``writeup_services.sent_counts``; None when none was kept) and ``shown`` (the tables
    they are shown now,
    ``writeup_services.forum_counts_shown``, held against every table shown before), and
    no number of answers recoded: a representative sees the page again and again, and two
    numbers recoded a few apart would tell of a few answers. None when ``changes`` is."""
    if changes is None:
        return None
    themes = counts_differ(then, shown) if then is not None else []
    return CodingChanges(None, themes, for_forum=True)


def live_counts(page) -> list[dict]:
    """The confirmed coding's counts of ``page``'s frames now, as a write-up keeps them
    (``frame_counts``). A few queries per frame."""
    return [frame_counts(frame_analysis(frame, quotes=0)) for frame in frames_of(page)]


def counts_differ(then: list[dict], now: list[dict]) -> list[ThemeChange]:
    """The themes whose count as shown in ``now`` differs from ``then`` (both as
    ``WriteUp.counts`` keeps them), in ``now``'s order. Hidden on both sides is no
    difference (both read "held back"); a "now" within the minimum of a shown "then" is
    held back (``counting.then_now``), so no pair gives a small number by subtraction."""
    before = {th["theme"]: th["count"] for table in then for th in table["themes"]}
    themes = []
    for table in now:
        names = {t["theme"]: t["name"] for t in table["themes"]}
        shown = {t["theme"]: t["count"] for t in table["themes"]}
        themes += [ThemeChange(names[p.key], p.then, p.now, table["minimum"], added=p.added)
                   for p in then_now_pairs({k: before[k] for k in shown if k in before},
                                           shown, table["minimum"])]
    return themes


def coded_answers(page) -> dict[str, dict[str, str]]:
    """Every answer coded in ``page``'s frames now, frame by frame: ``{frame key: {answer
    key: its confirmed themes' codes, sorted, joined by ","}}`` (keys as text, as JSON keeps
    them), for ``counting.answers_changed``. One query per frame."""
    found = {}
    for frame in frames_of(page):
        found[str(frame.pk)] = {str(key): ",".join(sorted(codes)) for key, codes in
                                selectors.confirmed_by_answer(frame).items()}
    return found


#: The evidence log's kind for the forum's agreement of a write-up (``writeup_services``).
WRITE_UP_AGREED = "analysis_agreed"


def _subject(write_up: WriteUp) -> str:
    return f"page:{write_up.consultation_id or write_up.survey_id}"


def rounds_shown(write_up: WriteUp) -> list[list[dict]]:
    """Every round of counts shown outside the council for ``write_up``, oldest first: those
    the log's ``analysis_agreed`` entries written before the counts left the payload
    published there, then those the public was given since (``WriteUp.published_rounds``),
    then every table shown to the public or to the forum's representatives since they were
    kept (``WriteUp.shown_rounds``, in the order shown, so the last of a frame is the last
    shown); else the version agreed, if any. One query."""
    entries = EvidenceEntry.objects.filter(kind=WRITE_UP_AGREED, subject=_subject(write_up))
    rounds = []
    for payload in entries.order_by("sequence").values_list("payload_json", flat=True):
        logged = json.loads(payload)
        # Since the counts left the payload, "counts" there is the hash of the text beside.
        if logged.get("write_up") == write_up.pk and isinstance(logged.get("counts"), list):
            rounds.append(logged["counts"])
    rounds += write_up.published_rounds or []
    rounds += [r["tables"] for r in write_up.shown_rounds or []]
    if not rounds and (write_up.agreed or {}).get("counts"):
        rounds.append(write_up.agreed["counts"])
    return rounds


def counts_for_public(write_up: WriteUp, rounds: list[list[dict]], answers: dict,
                      counts: list[dict]) -> tuple[list[dict], dict]:
    """The counts to show outside the council for ``counts`` (``counting.counts_to_show``,
    given every round shown before and the answers the last one counted,
    ``WriteUp.published_answers``), and the answers to keep as those counted."""
    return counts_to_show(rounds, write_up.published_answers or {}, answers, counts)


def public_counts_now(write_up: WriteUp) -> list[dict]:
    """The counts tables the public (and the forum) would be given if ``write_up`` were
    agreed now (``counts_for_public`` of the confirmed coding now), read only: what the
    draft's figures must follow. A few queries per frame."""
    page = write_up.page
    tables, _answers = counts_for_public(write_up, rounds_shown(write_up), coded_answers(page),
                                         live_counts(page))
    return tables


@dataclass(frozen=True)
class FiguresShown:
    """The figures of ``write_up``'s counts shown, or to be shown, outside the council: every
    base (``bases``), each theme's counts (``themes``: theme key -> figures) and all of them
    (``every``), for the check of the figures an officer types
    (``small_numbers.figures_near``)."""

    bases: set[int]
    themes: dict[int, set[int]]
    every: set[int]


def figures_shown(write_up: WriteUp) -> FiguresShown | None:
    """``FiguresShown`` of every round shown outside the council (``rounds_shown``) and of
    the tables the public would be given now (``public_counts_now``); None while no count
    was shown outside the council yet (the first round: the public will see one table, and
    nothing to set it beside). A few queries per frame."""
    rounds = rounds_shown(write_up)
    if not rounds:
        return None
    bases: set[int] = set()
    themes: dict[int, set[int]] = {}
    for table in [t for r in rounds for t in r] + public_counts_now(write_up):
        if table.get("base") is not None:
            bases.add(table["base"])
        for theme in table.get("themes", []):
            if theme.get("count") is not None:
                themes.setdefault(theme["theme"], set()).add(theme["count"])
    every = bases | {n for counts in themes.values() for n in counts}
    return FiguresShown(bases, themes, every)


@dataclass(frozen=True)
class PublicFigure:
    """A figure the public would be given that is not today's (``public_figures``):
    ``label`` (a theme's name, or None for the people whose answers were coded), the figure
    given (``public``; None: held back) and today's (``now``)."""

    label: str | None
    public: int | None
    now: int | None


def public_figures(write_up: WriteUp | None) -> list[PublicFigure]:
    """The figures the public would be given with ``write_up`` now that differ from today's
    confirmed coding, because counts were shown outside the council before: kept while only
    a few answers changed, or held back when within the minimum of one shown before
    (``counting.published_counts``). What the officer's words must follow; [] when every
    figure is today's, or nothing was shown outside the council yet. A few queries per
    frame."""
    if write_up is None or not rounds_shown(write_up):
        return []
    live = {t["frame"]: t for t in live_counts(write_up.page)}
    found = []
    for table in public_counts_now(write_up):
        now = live.get(table["frame"], {})
        if table.get("base") != now.get("base"):
            found.append(PublicFigure(None, table.get("base"), now.get("base")))
        counts = {t["theme"]: t.get("count") for t in now.get("themes", [])}
        found += [PublicFigure(t["name"], t.get("count"), counts.get(t["theme"]))
                  for t in table["themes"] if t.get("count") != counts.get(t["theme"])]
    return found


def recoded_since(frames, since) -> int:
    """How many answers of ``frames`` carry a different set of confirmed themes now than at
    ``since``: an answer given a theme and then had it taken off again is not counted. Two
    queries."""
    touched = set(Coding.objects.filter(theme__frame__in=frames)
                  .filter(Q(coded_at__gt=since) | Q(removed_at__gt=since))
                  .values_list("response_id", "comment_id").distinct())
    if not touched:
        return 0
    responses = {r for r, _c in touched if r is not None}
    comments = {c for _r, c in touched if c is not None}
    then: dict = {}
    now: dict = {}
    rows = (Coding.objects.filter(theme__frame__in=frames)
            .filter(Q(response_id__in=responses) | Q(comment_id__in=comments))
            .values_list("response_id", "comment_id", "question_id", "theme_id", "coded_at",
                         "removed_at"))
    for response_id, comment_id, question_id, theme_id, coded_at, removed_at in rows:
        key = (response_id, comment_id)
        then.setdefault(key, set())
        now.setdefault(key, set())
        if coded_at <= since and (removed_at is None or removed_at > since):
            then[key].add((question_id, theme_id))
        if removed_at is None:
            now[key].add((question_id, theme_id))
    return sum(1 for key in then if then[key] != now[key])


def _changes(frames, since, then: list[dict], now: list[dict], *,
             counts_only: bool = False) -> CodingChanges | None:
    """``then`` against ``now``: None when nothing changed (with ``counts_only``, when no
    shown count did: a recoding that leaves every count as shown is no change to them)."""
    themes = counts_differ(then, now)
    moved = bool(themes) or ({t["frame"]: t.get("base") for t in then}
                             != {t["frame"]: t.get("base") for t in now})
    if counts_only and not moved:
        return None
    recoded = recoded_since(frames, since)
    if not recoded and not moved:
        return None
    if recoded and recoded_reveals(recoded, themes, [*then, *now]):
        return CodingChanges(None, themes, recoded_held=True)
    return CodingChanges(recoded, themes)


def recoded_reveals(recoded: int, themes: list[ThemeChange], tables: list[dict]) -> bool:
    """Whether showing ``recoded`` (answers recoded) beside the then/now ``themes`` would
    break the small-number rule: it is itself under the tables' minimum
    (``surveys.statistics.suppressed``), or a theme's count is shown on one side and hidden
    on the other, so the shown count and the number recoded could bound or give away the
    hidden one."""
    minimum = max([t.get("minimum") or 0 for t in tables] or [0]) or DEFAULT_MINIMUM_RESPONSES
    if suppressed(recoded, minimum):
        return True
    return any(not c.added and (c.agreed is None) != (c.now is None) for c in themes)


def coding_changes(write_up: WriteUp | None) -> CodingChanges | None:
    """What changed in the confirmed coding of ``write_up``'s frames since the forum agreed
    it (``WriteUp.agreed``), or None when nothing did (or it was never agreed). The counts
    are compared with the ones agreed, as shown (small numbers hidden on both sides), so a
    version agreed with counts older than the coding it was agreed on (before the counts
    were taken at agreement) shows its difference too. A few queries per frame."""
    if write_up is None or not write_up.agreed:
        return None
    since = parse_datetime(write_up.agreed.get("at") or "")
    if since is None:
        return None
    # The counts the forum agreed ("counted"; the public's may be older, see
    # counting.published_counts), else, for a version agreed before they were kept, those.
    agreed = write_up.agreed.get("counted", write_up.agreed.get("counts", []))
    return _changes(frames_of(write_up.page), since, agreed,
                    live_counts(write_up.page))


def counts_changes(write_up: WriteUp | None) -> CodingChanges | None:
    """What changed in the confirmed coding since ``write_up``'s draft took its counts
    (``WriteUp.counts``, when it was written or its counts last refreshed:
    ``WriteUp.counted_at``), or None when no count, as shown, did (or no draft was written).
    While one differs, the draft cannot be sent, nor agreed: the forum would agree counts
    that are no longer true. A few queries per frame."""
    if write_up is None or write_up.counted_at is None:
        return None
    return _changes(frames_of(write_up.page), write_up.counted_at, write_up.counts,
                    live_counts(write_up.page), counts_only=True)


@dataclass(frozen=True)
class RecountFlag:
    """Sentences of one part of a draft (the introduction, or a theme's finding) that give a
    number whose count changed when the counts were refreshed."""

    label: str
    sentences: list[str]


def recount_flags(write_up: WriteUp | None, findings) -> list[RecountFlag]:
    """After "Refresh the counts" (``WriteUp.recount``), the sentences whose numbers may now be
    wrong: in the introduction and every finding when a frame's number of coded people
    changed (the shares change with it), otherwise in the findings of the themes whose count
    changed; in the introduction when an officer's own words there lack a figure the portal
    would now give (``recount["intro"]``; the portal's own introduction is written again
    instead). [] when the counts were not refreshed since the draft was written or sent."""
    recount = write_up.recount if write_up is not None else {}
    if not recount:
        return []
    every = bool(recount.get("base"))
    changed = set(recount.get("themes", {}))
    flags = []
    # The portal writes its own introduction again on refresh: only an officer's own words
    # there that lack a figure now are pointed at (refreshes kept before: any base change).
    if recount.get("intro", every):
        sentences = writeup.sentences_with_numbers(write_up.text)
        if sentences:
            flags.append(RecountFlag(gettext("Introduction"), sentences))
    for finding in findings:
        if every or str(finding.theme_id) in changed:
            sentences = writeup.sentences_with_numbers(finding.text)
            if sentences:
                flags.append(RecountFlag(finding.theme.name, sentences))
    return flags


def has_consent(response_id: int) -> bool:
    return QuoteConsent.objects.filter(response_id=response_id).exists()


# --- exports ---------------------------------------------------------------------------------

CODED_HEADER = ["reference", "respondent type", "channel", "received", "question",
                "answer", "themes", "coded by", "coded at"]


def coded_rows(frame: CodingFrame, *, chunk: int = 500) -> Iterator[list[str]]:
    """One row per written answer to the frame's question (coded or not), with its confirmed
    themes' names joined by "; ", who coded it last and when. Reads the responses in chunks
    of ``chunk`` (three queries a chunk, one more in all), so a large consultation is never
    all in memory. Every cell is made safe for a spreadsheet (``writeup.csv_cell``).

    The answers lose the words an officer removed as personal details, as the pages that
    quote them do (the same ``writeup.REMOVED`` mark): a consultation answer's removals
    (its ``Redaction``s, ``writeup.redact``) and the words removed from the write-up
    (``WriteUp.removed_words``). An export travels (attachments, shared drives), so it keeps
    no more than the pages show; the officers' coding screen keeps the answers as written."""
    yield writeup.csv_row(CODED_HEADER)
    question = question_text(frame)
    field = "survey_id" if frame.survey_id else "consultation_id"
    keys = _removed_words_of(**{field: getattr(frame, field)})
    known, lengths = removed_known(keys)

    def exported(text: str, phrases: list[str] = ()) -> str:
        text = writeup.redact(text, phrases) if phrases else text
        return writeup.remove_known_runs(text, known, lengths)[0] if keys else text

    if frame.survey_id:
        yield from _survey_coded_rows(frame, question, chunk, exported)
        return
    responses = (ConsultationResponse.objects.filter(consultation_id=frame.consultation_id)
                 .order_by("pk").values_list("pk", "reference", "respondent_type", "channel",
                                             "submitted_at", "answers"))
    last = 0
    while True:
        batch = list(responses.filter(pk__gt=last)[:chunk])
        if not batch:
            return
        last = batch[-1][0]
        codes: dict[int, list[tuple[str, str, str]]] = {}
        for response_id, name, user, at in (
                selectors.current_codings(frame).filter(response_id__in=[b[0] for b in batch])
                .order_by("theme__sort_order", "theme_id")
                .values_list("response_id", "theme__name", "coded_by__username", "coded_at")):
            codes.setdefault(response_id, []).append((name, user, at.isoformat()))
        redactions = _redactions([b[0] for b in batch])
        for pk, reference, kind, channel, received, answers in batch:
            text = answers.get(frame.question_id)
            if not isinstance(text, str) or not text.strip():
                continue
            text = exported(text, [r.words for r in
                                   redactions.get((pk, frame.question_id), [])])
            mine = codes.get(pk, [])
            latest = max(mine, key=lambda c: c[2]) if mine else ("", "", "")
            yield writeup.csv_row([reference, kind, channel, received.isoformat(), question,
                                   text, "; ".join(c[0] for c in mine), latest[1], latest[2]])


def _survey_coded_rows(frame: CodingFrame, question: str, chunk: int,
                       exported: Callable[[str], str]) -> Iterator[list[str]]:
    """``coded_rows`` for a survey frame: one row per comment (reference: the first 8
    characters of its random key; type: the response's audience; channel "online"; received:
    the day, as the survey keeps no time); its words as ``exported`` gives them."""
    comments = (SurveyComment.objects.filter(survey_id=frame.survey_id,
                                             question_id=frame.question_id)
                .order_by("pk").values_list("pk", "response__audience",
                                            "response__submitted_on", "text"))
    last = None
    while True:
        page = comments if last is None else comments.filter(pk__gt=last)
        batch = list(page[:chunk])
        if not batch:
            return
        last = batch[-1][0]
        codes: dict = {}
        for comment_id, name, user, at in (
                selectors.current_codings(frame).filter(comment_id__in=[b[0] for b in batch])
                .order_by("theme__sort_order", "theme_id")
                .values_list("comment_id", "theme__name", "coded_by__username", "coded_at")):
            codes.setdefault(comment_id, []).append((name, user, at.isoformat()))
        for pk, audience, received, text in batch:
            if not text.strip():
                continue
            mine = codes.get(pk, [])
            latest = max(mine, key=lambda c: c[2]) if mine else ("", "", "")
            yield writeup.csv_row([str(pk)[:8], audience, "online", received.isoformat(),
                                   question, exported(text), "; ".join(c[0] for c in mine),
                                   latest[1],
                                   latest[2]])


THEME_HEADER = ["theme", "description", "respondent type", "respondents", "share",
                "95% interval low", "95% interval high"]


def theme_rows(frame: CodingFrame) -> list[list[str]]:
    """The theme table as CSV rows: per theme, all coded respondents then each type. A
    hidden count is written "hidden" and has no share (the small-number rule holds in the
    export too)."""
    result = frame_analysis(frame, quotes=0)
    out = [writeup.csv_row(THEME_HEADER)]

    def cells(cell: Cell) -> list[str]:
        if cell.hidden:
            return ["hidden", "", "", ""]
        share = cell.share
        if share is None:
            return [str(cell.count), "", "", ""]
        return [str(cell.count), f"{share.share:.3f}", f"{share.low:.3f}", f"{share.high:.3f}"]

    out.append(writeup.csv_row(["(all coded respondents)", "", "all",
                                *cells(result.table.base)]))
    for kind, cell in result.table.bases.items():
        out.append(writeup.csv_row(["(all coded respondents)", "", kind, *cells(cell)]))
    for view in result.themes:
        out.append(writeup.csv_row([view.theme.name, view.theme.description, "all",
                                    *cells(view.total)]))
        for kind, (_label, cell) in zip(result.types, view.by_type, strict=True):
            out.append(writeup.csv_row([view.theme.name, view.theme.description, kind,
                                        *cells(cell)]))
    return out


# --- the published outcome -------------------------------------------------------------------


@dataclass(frozen=True)
class AgreedTheme:
    """A theme as the forum agreed it (from ``WriteUp.agreed``)."""

    pk: int
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class AgreedWriteUp:
    """The words of a write-up as the forum agreed them."""

    text: str
    #: The day its words were removed as personal details (they read as a notice), or None.
    removed_on: dt.date | None = None
    #: The minimum, when the counts given with it are those published before (only a few
    #: answers changed since: "Counts not updated"); else None.
    counts_not_updated: int | None = None


@dataclass(frozen=True)
class AgreedFinding:
    """One finding as the forum agreed it, with its theme (the public pages' finding)."""

    text: str
    theme: AgreedTheme
    write_up: AgreedWriteUp
    #: Quotes taken out since the forum agreed it (their answers may no longer be quoted).
    withdrawn: int = 0
    #: The day its words were removed as personal details (they read as a notice), or None.
    removed_on: dt.date | None = None

    @property
    def theme_id(self) -> int:
        """The theme's key, as a ``Finding``'s."""
        return self.theme.pk


def _agreed(write_ups):
    """Write-ups with a version the forum agreed (kept while a new round is under way)."""
    return write_ups.exclude(agreed={})


def published_findings(consultations) -> dict[int, list]:
    """For each of ``consultations`` (pages; a translation counts as its original, whose
    responses were analysed), the findings of its write-up as the forum last agreed them
    (``WriteUp.agreed``: kept while a new round is with the forum), theme by theme: key ->
    [AgreedFinding], without the quotes of answers no longer cleared to be quoted
    (``agreed_for_public``). One query, and three more when one was agreed."""
    keys = {c.translation_key: c.pk for c in consultations}
    found: dict[int, list] = {}
    rows = list(_agreed(WriteUp.objects.filter(consultation__translation_key__in=keys))
                .select_related("consultation").order_by("pk"))
    sources = quote_sources(rows) if rows else {}
    for write_up in rows:
        key = keys[write_up.consultation.translation_key]
        agreed = agreed_for_public(write_up, sources)
        kept = [t.get("minimum") or DEFAULT_MINIMUM_RESPONSES
                for t in agreed.get("counts", []) if t.get("not_updated")]
        words = AgreedWriteUp(agreed.get("text", ""), agreed.get("removed_on"),
                              max(kept) if kept else None)
        found.setdefault(key, []).extend(
            AgreedFinding(f["text"], AgreedTheme(f["theme"], f["code"], f["name"],
                                                 f.get("description", "")), words,
                          f["withdrawn"], f.get("removed_on"))
            for f in agreed.get("findings", []))
    return found


# --- quotes withdrawn since the forum agreed ------------------------------------------------


@dataclass
class QuoteSources:
    """The written answers a write-up reports on, for ``writeup.withdraw_quotes``: every
    answer as typed, the words of each now cleared to be quoted, the quotes the draft
    recorded from answers no longer cleared (``gone``) and the words officers removed."""

    typed: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: The council's own words the write-up may repeat (``council_texts``).
    council: list[str] = field(default_factory=list)
    #: The keyed hashes of what is known of answers deleted outright
    #: (``WriteUp.withdrawn_quotes``).
    withdrawn: set[str] = field(default_factory=set)
    _spared: set[str] | None = field(default=None, repr=False)

    def __iter__(self):  # (typed, public), as before
        return iter((self.typed, self.public))

    def spared(self) -> set[str]:
        """The run marks (``writeup.run_marks``) of the words still cleared and of the
        council's own: a deleted answer's run found in them takes nothing out."""
        if self._spared is None:
            self._spared = set().union(*(writeup.run_marks(t)
                                         for t in [*self.public, *self.council]))
        return self._spared

    def withdraw(self, text: str) -> tuple[str, int]:
        """``text`` without the quotes of answers no longer cleared, and without the quotes
        of answers deleted outright however they were tidied (``withdrawn``,
        ``writeup.drop_quotations``), and how many."""
        text, lost = writeup.withdraw_quotes(text, typed=self.typed, public=self.public,
                                             gone=self.gone, removed=self.removed,
                                             council=self.council)
        if self.withdrawn and text:
            text, dropped = writeup.drop_quotations(text, withdrawn_known(self.withdrawn),
                                                    spared=self.spared())
            lost += dropped
        return text, lost


#: Hex characters kept of the keyed hash of a deleted answer's run of words
#: (``WriteUp.withdrawn_quotes``): 80 bits, keyed with the site's secret.
RUN_KEY = 20


def withdrawn_key(words: str) -> str:
    """A keyed hash (HMAC) of a quotation's words (``writeup.quote_words``) or of a run mark
    (``writeup.run_marks``): what a write-up keeps of an answer deleted outright
    (``WriteUp.withdrawn_quotes``: quotations whole, runs cut to ``RUN_KEY`` characters)."""
    return salted_hmac("analysis.withdrawn_quote", words).hexdigest()


def withdrawn_known(keys: Iterable[str]) -> Callable[[str], bool]:
    """Whether a quotation's words, or a run mark, is one of the deleted answers' whose
    keyed hashes are ``keys`` (``writeup.drop_quotations``'s ``gone``)."""
    keys = set(keys)

    def gone(words: str) -> bool:
        key = withdrawn_key(words)
        return key in keys or key[:RUN_KEY] in keys

    return gone


def removed_key(mark: str, kind: str) -> str:
    """What a write-up remembers of words removed as personal details
    (``WriteUp.removed_words``): ``kind`` ("p" a chosen phrase, "w" a run of words removed
    whole), the words' count and a keyed hash of ``mark`` (``writeup.phrase_mark``)."""
    count = mark.split(":", 1)[0]
    return f"{kind}{count}:{salted_hmac('analysis.removed_words', mark).hexdigest()[:RUN_KEY]}"


def removed_known(keys: Iterable[str]) -> tuple[Callable[[str], bool], set[int]]:
    """Whether a phrase mark is one of the words removed before, whose keys are ``keys``
    (``removed_key``), and the counts of words to look for
    (``writeup.remove_known_runs``)."""
    keys = set(keys)
    lengths = {int(k[1:k.index(":")]) for k in keys if ":" in k and k[1:k.index(":")].isdigit()}

    def known(mark: str) -> bool:
        return any(removed_key(mark, kind) in keys for kind in ("p", "w"))

    return known, lengths


def _removed_words_of(**owner) -> list[str]:
    """The keys of every word removed as personal details from the write-ups of one survey
    or consultation (``owner``: ``survey_id=`` or ``consultation_id=``). One query."""
    return [k for words in WriteUp.objects.filter(**owner)
            .values_list("removed_words", flat=True) for k in (words or [])]


def removed_from_survey_text(survey, text: str) -> tuple[str, int]:
    """``text`` (a comment's words about to be approved for ``survey``'s public results)
    with the words removed as personal details from the survey's write-up
    (``WriteUp.removed_words``) replaced by ``writeup.REMOVED``, as the draft editor
    replaces them; every other word kept. Returns (the text, how many passages went).
    One query."""
    keys = _removed_words_of(survey_id=survey.pk)
    if not keys or not text:
        return text, 0
    known, lengths = removed_known(keys)
    return writeup.remove_known_runs(text, known, lengths)


def removed_from_write_up_texts(write_up, texts: list[str]) -> tuple[list[str], int]:
    """``texts`` (words typed for ``write_up``'s draft, shown back when they could not be
    saved) with the words removed from it as personal details (``WriteUp.removed_words``)
    replaced by ``writeup.REMOVED``, as saving them would replace them; every other word
    kept. Returns (the texts, how many passages went). No query."""
    if write_up is None or not write_up.removed_words:
        return list(texts), 0
    known, lengths = removed_known(write_up.removed_words)
    found, out = 0, []
    for text in texts:
        text, n = writeup.remove_known_runs(text, known, lengths)
        out.append(text)
        found += n
    return out, found


def quote_removals(consultation_id: int) -> list[str]:
    """The words removed from any of a consultation's answers' quotes (``Redaction.words``,
    each once): gone from every example quote and flagged answer the forum reads. One
    query."""
    return list(Redaction.objects.filter(response__consultation_id=consultation_id)
                .values_list("words", flat=True).distinct())


def removed_from_theme_words(frame, texts: list[str]) -> tuple[list[str], int]:
    """``texts`` (a theme's name, description, example quotes, as typed for ``frame``) with
    the words removed as personal details typed, pasted or saved back from a page opened
    before, replaced by ``writeup.REMOVED`` as the draft editor replaces them; every other
    word kept: those removed from the write-up of the frame's consultation or survey
    (``WriteUp.removed_words``, ``writeup.remove_known_runs``) and, from the example quotes
    (``texts`` after the first two), for a consultation, those removed from any of its
    answers' quotes (``Redaction``, found as ``writeup.remove_phrases`` finds them: any
    spelling, with endings), which their removal took out of every example then; the
    council's own name and description of a theme may name a place or a school.
    Returns (the texts, how many passages went). Two queries."""
    field = "survey_id" if frame.survey_id else "consultation_id"
    keys = _removed_words_of(**{field: getattr(frame, field)})
    quoted = [] if frame.survey_id else quote_removals(frame.consultation_id)
    if not keys and not quoted:
        return list(texts), 0
    known, lengths = removed_known(keys) if keys else (None, None)
    found, out = 0, []
    for i, text in enumerate(texts):
        if quoted and i >= 2:
            text, n = writeup.remove_phrases(text, quoted)
            found += n
        if keys:
            text, n = writeup.remove_known_runs(text, known, lengths)
            found += n
        out.append(text)
    return out, found


def _recorded_quotes(write_up) -> list[dict]:
    """The quotes whose source the write-up recorded (``Finding.quotes``), in its agreed
    version."""
    return [q for f in (write_up.agreed or {}).get("findings", []) for q in f.get("quotes", [])]


def _still_cleared(quoted: str, cleared: str | None) -> bool:
    if not cleared:
        return False
    return not writeup.withdraw_quotes(f"“{quoted}”", typed=[], public=[cleared],
                                       gone=[quoted])[1]


def council_kept(write_up: WriteUp) -> list[str]:
    """The texts the council itself wrote that ``write_up`` keeps with it, read without a
    query beyond the version agreed: the draft's own sentences (``writeup.draft_words``),
    and the questions, themes' names and descriptions of the version the forum agreed (its
    counts and findings)."""
    agreed = write_up.agreed or {}
    tables = [*agreed.get("counts", []), *agreed.get("counted", [])]
    return list(dict.fromkeys(w for w in [
        *writeup.draft_words(DEFAULT_MINIMUM_RESPONSES),
        *(t.get("question", "") for t in tables),
        *(th.get("name", "") for t in tables for th in t.get("themes", [])),
        *(f.get(k, "") for f in agreed.get("findings", []) for k in ("name", "description"))]
        if isinstance(w, str) and w))


def council_texts(write_ups) -> dict[int, list[str]]:
    """For each of ``write_ups``, by key, the texts the council itself wrote that its words
    may repeat: each frame's question as asked, every theme's name and description (retired
    ones too, and as the forum agreed them) and the draft's own sentences
    (``council_kept``). A respondent who repeats them quotes the council, not themselves
    (``writeup.withdraw_quotes``'s ``council``). Three queries at most, however many
    write-ups; none for none."""
    write_ups = list(write_ups)
    found = {w.pk: council_kept(w) for w in write_ups}
    owner = {("c", w.consultation_id): w.pk for w in write_ups if w.consultation_id}
    owner |= {("s", w.survey_id): w.pk for w in write_ups if w.survey_id}
    if not owner:
        return found
    frames = list(CodingFrame.objects.filter(
        Q(consultation_id__in=[k for t, k in owner if t == "c"])
        | Q(survey_id__in=[k for t, k in owner if t == "s"])).select_related("consultation"))
    of_frame = {f.pk: owner[("c", f.consultation_id) if f.consultation_id
                            else ("s", f.survey_id)] for f in frames}
    wordings = dict(SurveyQuestion.objects.filter(
        pk__in=[f.question_id for f in frames if f.survey_id and f.question_id.isdigit()])
        .values_list("pk", "wording")) if any(f.survey_id for f in frames) else {}
    for frame in frames:
        if frame.survey_id:
            question = wordings.get(int(frame.question_id)) if frame.question_id.isdigit() \
                else None
        else:
            question = next((b.value["question"] for b in frame.consultation.questions
                             if b.id == frame.question_id), None)
        if question:
            found[of_frame[frame.pk]].append(question)
    if frames:
        for frame_id, name, description in (Theme.all_objects.filter(frame__in=frames)
                                            .values_list("frame_id", "name", "description")):
            found[of_frame[frame_id]] += [w for w in (name, description) if w]
    return found


def quote_sources(write_ups, *, council_read: bool = False) -> dict[int, QuoteSources]:
    """For each of ``write_ups``, by key, the written answers it reports on
    (``QuoteSources``). A consultation's answer is cleared while its respondent's consent
    stands, with the personal details removed; a survey comment while an officer approves
    it (in its approved words). A quote the draft recorded from an answer that is gone, or
    no longer cleared in the words quoted, is ``gone``. The council's own words are never
    withdrawn: those the write-up keeps (``council_kept``: enough for a version agreed,
    whose questions and themes it keeps), or with ``council_read``, for a working draft,
    those read now too (``council_texts``: three more queries). Five queries at most, however
    many write-ups."""
    write_ups = list(write_ups)
    found = {w.pk: QuoteSources() for w in write_ups}
    council = (council_texts(write_ups) if council_read
               else {w.pk: council_kept(w) for w in write_ups})
    for key, texts in council.items():
        found[key].council = texts
    for w in write_ups:
        found[w.pk].withdrawn = set(w.withdrawn_quotes or [])
    by_survey = {w.survey_id: w.pk for w in write_ups if w.survey_id}
    by_consultation = {w.consultation_id: w.pk for w in write_ups if w.consultation_id}
    recorded = {w.pk: _recorded_quotes(w) for w in write_ups}
    if by_survey:
        shown = (SurveyComment.Moderation.APPROVED, SurveyComment.Moderation.REDACTED)
        cleared_comment: dict[str, str] = {}
        for comment_id, survey_id, text, public_text, moderation in (
                SurveyComment.objects.filter(survey_id__in=by_survey)
                .values_list("pk", "survey_id", "text", "public_text", "moderation")):
            sources = found[by_survey[survey_id]]
            sources.typed.append(text)
            words = public_text or (text if moderation == SurveyComment.Moderation.APPROVED
                                    else "")
            if moderation in shown and words:
                sources.public.append(words)
                cleared_comment[str(comment_id)] = words
        for key in by_survey.values():
            found[key].gone += [q["text"] for q in recorded[key] if "comment" in q
                                and not _still_cleared(q["text"],
                                                       cleared_comment.get(q["comment"]))]
    if by_consultation:
        questions: dict[int, set[str]] = {}
        for consultation_id, question in (CodingFrame.objects
                                          .filter(consultation_id__in=by_consultation)
                                          .values_list("consultation_id", "question_id")):
            questions.setdefault(consultation_id, set()).add(question)
        rows = list(ConsultationResponse.objects.filter(consultation_id__in=by_consultation)
                    .values_list("pk", "consultation_id", "answers", "quote_consent"))
        redactions = _redactions([pk for pk, *_rest in rows])
        cleared_answer: dict[tuple[int, str], str] = {}
        for pk, consultation_id, answers, consent in rows:
            sources = found[by_consultation[consultation_id]]
            for question in questions.get(consultation_id, ()):
                removed = [r.words for r in redactions.get((pk, question), [])]
                sources.removed += removed
                text = (answers or {}).get(question)
                if not isinstance(text, str) or not text.strip():
                    continue
                sources.typed.append(text)
                if consent:
                    cleared = writeup.redact(text, removed)
                    sources.public.append(cleared)
                    cleared_answer[(pk, question)] = cleared
        for key in by_consultation.values():
            found[key].gone += [
                q["text"] for q in recorded[key] if "response" in q
                and not _still_cleared(q["text"],
                                       cleared_answer.get((q["response"], q["question"])))]
    return found


def agreed_for_public(write_up: WriteUp, sources=None) -> dict:
    """``write_up``'s agreed version (``WriteUp.agreed``) as the public and the board may see
    it now: each quote whose answer may no longer be quoted taken out of its words and its
    findings (``writeup.withdraw_quotes``); ``withdrawn`` counts them, and each finding says
    how many it lost. {} when never agreed. ``sources``: ``quote_sources`` already read for
    it (read here otherwise)."""
    agreed = write_up.agreed or {}
    if not agreed:
        return {}
    if sources is None:
        sources = quote_sources([write_up])
    found = sources[write_up.pk]
    text, withdrawn = found.withdraw(agreed.get("text", ""))
    # Quotes of answers deleted outright were taken out of the stored version itself
    # (``writeup_services.quotes_withdraw_deleted``): they count as withdrawn too.
    withdrawn += agreed.get("withdrawn_deleted", 0) - sum(
        f.get("withdrawn_deleted", 0) for f in agreed.get("findings", []))
    removed = _removed_on(agreed)
    findings = []
    for f in agreed.get("findings", []):
        words, lost = found.withdraw(f["text"])
        lost += f.get("withdrawn_deleted", 0)
        withdrawn += lost
        findings.append({**f, "text": words, "withdrawn": lost,
                         "removed_on": None if words.strip() else removed})
    return {**agreed, "text": text, "findings": findings, "withdrawn": withdrawn,
            "removed_on": None if text.strip() else removed}


def _removed_on(agreed: dict) -> dt.date | None:
    """The day an officer removed the agreed version's words as personal details
    (``writeup_services.write_up_words_remove``), or None."""
    when = agreed.get("words_removed_on")
    return dt.date.fromisoformat(when) if when else None


def flagged_phrases(write_up: WriteUp | None, *, minimum: int = DEFAULT_MINIMUM_RESPONSES
                    ) -> list[str]:
    """Phrases an officer may pick to remove as personal details from ``write_up`` and its
    themes (``writeup_services.write_up_phrases_remove``), in the order found: the people
    named one by one or a small count that the small-number check flags in any copy (the
    working draft, the version agreed, the sentences kept, the themes' names and
    descriptions: "a mum and a dad", "the Okafor twins"), and the words officers already
    removed from the answers it quotes that a copy or a theme's example quote still holds.
    [] without a write-up. A few queries."""
    if write_up is None:
        return []
    agreed = write_up.agreed or {}
    frames = frames_of(write_up.page)
    texts = [write_up.text, *write_up.findings.values_list("text", flat=True),
             agreed.get("text", ""), *(f.get(k, "") for f in agreed.get("findings", [])
                                      for k in ("text", "name", "description")),
             *(k.get("sentence", "") for k in write_up.small_numbers_kept or []),
             *(w for t in Theme.objects.filter(frame__in=frames)
               for w in (t.name, t.description))]
    found = []
    for flagged in small_numbers("\n".join(t for t in texts if t), minimum=minimum):
        # A count typed as one word ("4", "One") is offered with the word after it ("4
        # families", "One parent"): a number alone names no one.
        phrase = re.search(rf"(?<!\w){re.escape(flagged.typed)}(?:\s+\w+)?", flagged.sentence,
                           flags=re.IGNORECASE)
        phrase = phrase.group(0) if phrase else flagged.typed
        if len(phrase.split()) > 1:
            found.append(phrase)
    if write_up.consultation_id:
        # The themes' example quotes too (the forum reads them with the frame, and an
        # officer cannot edit them once it is with the forum): words removed from an answer
        # before its removal reached the examples are offered; not read for small numbers
        # (they are respondents' words, never counts of the council's).
        examples = ThemeExample.objects.filter(theme__frame__in=frames)
        held = [*texts, *examples.values_list("text", flat=True)]
        removed = Redaction.objects.filter(response__consultation_id=write_up.consultation_id)
        found += [w for w in removed.values_list("words", flat=True)
                  if any(writeup.holds_phrase(t, [w]) for t in held)]
    return list(dict.fromkeys(" ".join(p.split()) for p in found))


def removed_notice(when: dt.date) -> str:
    """What a reader sees in place of words removed as personal details, in their language
    (the templates say the same through ``analysis/words_removed.html``)."""
    return gettext("Removed on %(date)s: personal details") % {
        "date": date_format(when, "j E Y")}


def forum_comments_shown(comments, *, officer: bool) -> list:
    """The forum's comments on a frame or a write-up (``FrameComment``, ``WriteUpComment``)
    as a reader is shown them, each with ``shown``: its words, or, where an officer removed
    them whole (``charter.record.text_remove``), "Removed on DATE: …" in the reader's
    language: officers read the reason kept beside the log (``removal_shown``), the forum
    "personal details" (the reason may name the very person). Chosen words removed read
    ``writeup.REMOVED`` inside the comment. Reasons are read once a request."""
    shown = []
    for comment in comments:
        when = removed_on(comment.text)
        if when is None:
            comment.shown = comment.text
        elif officer:
            comment.shown = removal_shown(comment.text, comment, translated=True)
        else:
            comment.shown = removed_notice(when)
        comment.removed = when is not None
        shown.append(comment)
    return shown


# --- the survey's published results ---------------------------------------------------------


RESULTS_ANCHOR = "told-us"


def _theme_anchor(theme_id: int) -> str:
    return f"{RESULTS_ANCHOR}-theme-{theme_id}"


def survey_results_sections(survey) -> list[ResultsSection]:
    """The "What people told us" section of ``survey``'s public results page (a translation
    counts as its original, whose comments were coded), only once the forum has agreed the
    write-up; [] before that, and again if the council takes it back. The findings in the
    forum's agreed words, each linked to its theme's row in the counts the draft was written
    from (``WriteUp.counts``: small numbers already hidden). The words are the council's
    English ones on every language's page, as the forum last agreed them (``WriteUp.agreed``:
    kept while a new round is with the forum), without the quotes of comments no longer
    approved for the public (``agreed_for_public``). Two queries."""
    write_up = (_agreed(WriteUp.objects.filter(survey__translation_key=survey.translation_key))
                .only("pk", "agreed", "survey_id", "consultation_id", "withdrawn_quotes")
                .first())
    if write_up is None:
        return []
    agreed = agreed_for_public(write_up)  # a comment withheld since is not quoted
    counts = agreed.get("counts", [])
    shown = {t["theme"] for table in counts for t in table["themes"]}
    findings = [{"text": f["text"], "theme": f["name"], "withdrawn": f["withdrawn"],
                 "removed_on": f.get("removed_on"),
                 "anchor": _theme_anchor(f["theme"]) if f["theme"] in shown else ""}
                for f in agreed.get("findings", [])]
    tables = [{**table, "themes": [{**t, "anchor": _theme_anchor(t["theme"])}
                                   for t in table["themes"]]}
              for table in counts]
    return [ResultsSection(
        anchor=RESULTS_ANCHOR, title=gettext("What people told us"),
        template="analysis/survey_results_write_up.html",
        context={"text": agreed.get("text", ""), "removed_on": agreed.get("removed_on"),
                 "findings": findings, "tables": tables})]


# --- the outcome waits for the forum's agreement of the analysis ----------------------------


def outcome_publish_refusal(page) -> str | None:
    """Why ``page`` (a consultation or a survey as it would be published) may not be
    published yet: it publishes an outcome (a consultation's "You said, we did", a survey's
    results) while its written answers have a coding frame and the forum has not agreed
    their "What people told us" write-up (the working agreement: the analysis goes back to
    the forum before the outcome is published). None otherwise: no outcome, no frame
    (nothing was analysed here), or the write-up agreed. A translation counts as its
    original, whose answers were analysed. At most three queries, none for a page that
    publishes no outcome."""
    if isinstance(page, ConsultationPage):
        publishing = bool((page.outcome or "").strip())
    elif isinstance(page, SurveyPage):
        publishing = bool(page.results_published)
    else:
        return None
    if not publishing:
        return None
    field = analysed_field(page)
    same_page = {f"{field}__translation_key": page.translation_key}
    frame = CodingFrame.objects.filter(**same_page).order_by("pk").first()
    if frame is None:
        return None
    write_up = WriteUp.objects.filter(**same_page).only("status", "agreed").first()
    if write_up is not None and write_up.agreed:
        return None
    # What the officer reads depends on what the public sees now (the page's stored row is
    # its live version) and on where the write-up is.
    live = type(page).objects.filter(pk=page.pk, live=True)
    with_forum = write_up is not None and write_up.status == WriteUp.Status.WITH_FORUM
    if field == "survey":
        link = LinkedReason.link(reverse("analysis_survey_page", args=[frame.survey_id]))
        if live.filter(results_published=True).exists():
            words = (gettext(
                "The results are already public, but without \u201cWhat people told "
                "us\u201d about this survey\u2019s comments: the forum has not agreed it "
                "again yet (it is with the forum now). These changes can be published once "
                "the forum agrees it: %(link)s.") if with_forum else gettext(
                "The results are already public, but without \u201cWhat people told "
                "us\u201d about this survey\u2019s comments: the council took it back to "
                "change, and the forum has not agreed it again. These changes can be "
                "published once it does: send it to the forum from %(link)s."))
        elif with_forum:
            words = gettext(
                "The results are not published yet: the forum has not agreed \u201cWhat "
                "people told us\u201d for this survey\u2019s comments yet (it is with the "
                "forum now). The results can be published once they agree it: %(link)s.")
        else:
            words = gettext(
                "The results are not published yet: the forum has not agreed \u201cWhat "
                "people told us\u201d for this survey\u2019s comments. Send the analysis to "
                "the forum from %(link)s; the results can be published once they agree it.")
        return LinkedReason(words, link)
    link = LinkedReason.link(reverse("analysis_page", args=[frame.consultation_id]))
    if live.exclude(outcome="").exists():
        words = (gettext(
            "The outcome is already public, but without \u201cWhat people told us\u201d: "
            "the forum has not agreed it again yet (it is with the forum now). These changes "
            "can be published once the forum agrees it: %(link)s.") if with_forum else gettext(
            "The outcome is already public, but without \u201cWhat people told us\u201d: "
            "the council took it back to change, and the forum has not agreed it again. These "
            "changes can be published once it does: send it to the forum from %(link)s."))
    elif with_forum:
        words = gettext(
            "The outcome is not published yet: the forum has not agreed \u201cWhat people "
            "told us\u201d for this consultation yet (it is with the forum now). The outcome "
            "can be published once they agree it: %(link)s.")
    else:
        words = gettext(
            "The outcome is not published yet: the forum has not agreed \u201cWhat people "
            "told us\u201d for this consultation. Send the analysis to the forum from "
            "%(link)s; the outcome can be published once they agree it.")
    return LinkedReason(words, link)


class LinkedReason(str):
    """A refusal in plain words (a ``str``: the page's address in brackets after its name)
    whose HTML (``__html__``, used by ``conditional_escape`` and the templates) makes the
    page a link."""

    def __new__(cls, words: str, link: tuple[str, str]):
        name, url = link
        made = super().__new__(cls, words % {"link": f"{name} ({url})"})
        made.html = format_html(escape(words).replace("%(link)s", "{}"),
                                format_html('<a href="{}">{}</a>', url, name))
        return made

    def __str__(self):
        return self

    def __html__(self):
        return self.html

    @staticmethod
    def link(url: str) -> tuple[str, str]:
        """The analysis page, named in the reader's language, and its address."""
        return gettext("the analysis page"), url


# --- answers put before the forum, as the forum reads them --------------------------------


@dataclass(frozen=True)
class FlagShown:
    """An answer (or survey comment) an officer put before the forum, as the forum's frame
    page shows it (``flags_shown``): the ``flag`` (who, when), its words cleared as every
    reader outside the officers' own screens reads them (``text``; "" when a survey comment
    is not approved for the public, then ``withheld`` says so), the officer's ``note``
    cleared the same way, and the words' ``language`` and text direction (``dir``)."""

    flag: object
    text: str
    note: str
    language: str
    dir: str
    withheld: str = ""


def _moderation_removed(text: str, public: str) -> list[str]:
    """The runs of words of ``text`` (a comment as typed) that its words approved for the
    public (``public``) left out, compared word by word whatever the case and punctuation:
    what moderation took out, to take out of a flag's note too."""
    typed = re.findall(r"\w+", text)
    kept = re.findall(r"\w+", public.replace(writeup.REMOVED, " "))
    matcher = difflib.SequenceMatcher(a=[w.casefold() for w in typed],
                                      b=[w.casefold() for w in kept], autojunk=False)
    return [" ".join(typed[i1:i2]) for tag, i1, i2, _j1, _j2 in matcher.get_opcodes()
            if tag in ("delete", "replace")]


def flags_shown(frame) -> list[FlagShown]:
    """The answers put before the forum on ``frame`` (``selectors.flags_open``), each as it
    is read outside the officers' own screens (bk15i, F7): a consultation's answer, only
    when its respondent agreed to be quoted (``QuoteConsent``; else a plain notice), without
    the words an officer removed from it (its ``Redaction``s, which words removed from the
    write-up also make) or removed from the write-up since (``WriteUp.removed_words``); a
    survey comment in the words approved for the public (as written, or with words
    removed), or a plain notice while it waits for an officer or was not published. The
    officer's note loses the same words (and those moderation took out of the comment); a
    consultation's answers and notes also lose the words removed from any of its answers'
    quotes, as the themes' example quotes on the same page do. Five queries."""
    flagged = selectors.flags_open(frame)
    if not flagged:
        return []
    field = "survey_id" if frame.survey_id else "consultation_id"
    keys = _removed_words_of(**{field: getattr(frame, field)})
    known, lengths = removed_known(keys)

    def cleared(text: str, phrases: list[str], runs: tuple[str, ...] = (), *,
                answer: bool = True) -> str:
        # An answer loses its own removals as its quote does (``redact``, which also takes
        # a removal kept from before that is part of a word); the officer's note loses them
        # only as whole words, so "Ola" removed never takes "szkoła" from it.
        text = (writeup.redact(text, phrases) if answer
                else writeup.remove_phrases(text, phrases)[0])
        text = writeup.remove_phrases(text, runs)[0]
        return writeup.remove_known_runs(text, known, lengths)[0] if keys else text

    shown = []
    if frame.survey_id:
        public = (SurveyComment.Moderation.APPROVED, SurveyComment.Moderation.REDACTED)
        for item in flagged:
            comment = item.flag.comment  # read with the flag
            if comment.moderation in public:
                words = (comment.public_text or (
                    comment.text if comment.moderation == SurveyComment.Moderation.APPROVED
                    else "")).strip()
                taken = _moderation_removed(comment.text, words)
                withheld = ""
            else:
                words, taken = "", []
                withheld = (gettext("This comment is waiting for an officer to approve it "
                                    "for the public, so its words are not shown here.")
                            if comment.moderation == SurveyComment.Moderation.PENDING else
                            gettext("This comment was not published, so its words are not "
                                    "shown here."))
            shown.append(FlagShown(item.flag, cleared(words, []) if words else "",
                                   cleared(item.flag.note or "", [], tuple(taken),
                                           answer=False),
                                   item.language,
                                   item.dir, withheld))
        return shown
    ids = {item.flag.response_id for item in flagged}
    removed = _redactions(ids)
    # A name removed from any answer's quote goes from every answer and note the page
    # shows, as from the themes' example quotes on the same page (review r15q, F3).
    everywhere = quote_removals(frame.consultation_id)
    # The forum is outside the council: a respondent's words reach it only as they would
    # be quoted, so only with their agreement to be quoted (the officer's note still does).
    agreed = set(QuoteConsent.objects.filter(response_id__in=ids)
                 .values_list("response_id", flat=True))
    for item in flagged:
        phrases = [r.words for r in removed.get((item.flag.response_id, frame.question_id), [])]
        if item.flag.response_id in agreed:
            text = writeup.remove_phrases(cleared(item.text, phrases), everywhere)[0]
            withheld = ""
        else:
            text, withheld = "", gettext(
                "This person did not agree to be quoted, so their words are not shown "
                "outside the council. The officer's note says why it was put before the "
                "forum.")
        # The answer's own removals are among them.
        shown.append(FlagShown(item.flag, text,
                               cleared(item.flag.note or "", everywhere, answer=False),
                               item.language, item.dir, withheld))
    return shown


def removed_from_log_texts(page_ids: Iterable[int]
                           ) -> dict[int, tuple[Callable[[str], tuple[str, int]],
                                                dt.date | None]]:
    """For each of ``page_ids`` (the pages evidence entries are about) that is a survey or a
    consultation whose write-up had words removed as personal details: a function giving a
    text kept beside the log (a comment's moderation reason, a note) with those words
    replaced by ``writeup.REMOVED`` and how many passages went (``writeup.remove_known_runs``,
    as a comment approved later loses them), and the day of the write-up's latest removal
    (None if none is logged). So the board's copy of the log (``charter.record``, through
    ``charter.hooks.log_texts_removed``) does not keep removed words inside a reason written
    before they were removed (review bk15i, F4). Two queries; none without ids."""
    ids = set(page_ids)
    if not ids:
        return {}
    keys: dict[int, set[str]] = {}
    subjects: dict[str, int] = {}
    label = WriteUp._meta.label_lower
    for pk, survey_id, consultation_id, words in WriteUp.objects.filter(
            Q(survey_id__in=ids) | Q(consultation_id__in=ids)).values_list(
            "pk", "survey_id", "consultation_id", "removed_words"):
        if not words:
            continue
        page_id = survey_id or consultation_id
        keys.setdefault(page_id, set()).update(words)
        subjects[f"{label}:{pk}"] = page_id
    if not keys:
        return {}
    latest: dict[int, dt.datetime] = {}
    for subject, at in (EvidenceEntry.objects
                        .filter(kind=EvidenceEntry.Kind.TEXT_REMOVED, subject__in=subjects)
                        .values_list("subject", "recorded_at")):
        page_id = subjects[subject]
        latest[page_id] = max(at, latest.get(page_id, at))
    found = {}
    for page_id, page_keys in keys.items():
        known, lengths = removed_known(page_keys)
        when = latest.get(page_id)
        found[page_id] = (
            lambda text, known=known, lengths=lengths: writeup.remove_known_runs(
                text, known, lengths),
            timezone.localdate(when) if when else None)
    return found
