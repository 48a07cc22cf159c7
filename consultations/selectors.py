"""Reads for consultation pages, the home page, the admin summaries and exports.

The consultation page classes call these (the index page's list, the page's routes), so
nothing here imports them: a read over many consultations takes them as a queryset from
its caller, and the models come from their own modules, never the ``consultations.models``
package, which is still defining the page classes when this module loads."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Locale

from charter.selectors import page_disagreements, sections_of
from charter.versions import diff_versions
from consultations import scheduling
from consultations.blocks import AGREE_SCALE
from consultations.models.calendars import SchoolCalendar
from consultations.models.responses import ConsultationResponse
from consultations.models.settings import consultation_settings
from consultations.models.status import Status
from portal.selectors import policy_reading_view

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from consultations.models.pages import ConsultationPage

GROUP_ORDER = [Status.OPEN, Status.PRE_CONSULTATION, Status.UPCOMING, Status.CLOSED,
               Status.OUTCOME]


def _live_consultations(consultations: QuerySet[ConsultationPage], **filters):
    return (consultations.live().public().filter(**filters)
            .only("id", "title", "summary", "pre_opens", "pre_closes", "opens", "closes",
                  "outcome", "url_path", "path", "depth", "locale_id", "slug")
            .order_by("opens"))


def consultations_by_status(consultations: QuerySet[ConsultationPage]
                            ) -> list[tuple[str, str, list]]:
    """The live, public ``consultations`` (the index page's children) grouped by status, open
    first: (status, its label, the consultations) for each status that has any."""
    now = timezone.now()
    groups: dict[str, list] = {status: [] for status in GROUP_ORDER}
    for consultation in _live_consultations(consultations):
        groups[consultation.status_at(now)].append(consultation)
    return [(status, Status(status).label, items) for status, items in groups.items() if items]


def open_consultations(consultations: QuerySet[ConsultationPage], locale_id: int) -> list:
    """Those of ``consultations`` that are live, public and open now in the locale."""
    now = timezone.now()
    # Open until the end of the closing minute (portal.closing).
    return list(_live_consultations(consultations, locale_id=locale_id, opens__lte=now,
                                    closes__gt=now - dt.timedelta(minutes=1)))


def question_summaries(consultation: ConsultationPage, *, search: str = "") -> list[dict]:
    """Per question: counts and percentages of each answer, or the free-text answers."""
    rows = list(consultation.responses.values_list("answers", flat=True))
    total = len(rows)
    search = search.strip().lower()
    out = []
    for block in consultation.questions:
        value, kind = block.value, block.block_type
        given = [r[block.id] for r in rows if block.id in r]
        item = {"id": block.id, "question": value["question"], "kind": kind,
                "answered": len(given), "total": total}
        if kind == "free_text":
            texts = [t for t in given if not search or search in t.lower()]
            item["texts"] = texts
        else:
            choices = list(AGREE_SCALE) if kind == "agree_scale" else list(value["choices"])
            counts = Counter()
            for answer in given:
                counts.update(answer if isinstance(answer, list) else [answer])
            item["choices"] = [
                {"choice": c, "count": counts[c],
                 "percent": round(100 * counts[c] / len(given)) if given else 0}
                for c in choices
            ]
        out.append(item)
    return out


def response_counts(consultation: ConsultationPage) -> dict:
    """Responses by respondent type and by channel, the total, and how many came late
    (inside the grace after the close): one query."""
    rows = list(consultation.responses.values_list("respondent_type", "channel", "late"))
    by_type = Counter(who for who, _channel, _late in rows)
    by_channel = Counter(channel for _who, channel, _late in rows)
    return {"by_type": dict(by_type), "by_channel": dict(by_channel),
            "total": len(rows), "late": sum(1 for *_, late in rows if late)}


#: The export kind of a consultation's responses (``exports``), its subject the page's id.
RESPONSES_EXPORT = "consultation_responses"


def export_rows(consultation: ConsultationPage):
    """Header, then one row per response, read from the database in chunks (flat memory)."""
    questions = [(b.id, b.value["question"]) for b in consultation.questions]
    yield ["reference", "submitted", "channel", "respondent", "about section",
           *[q for _, q in questions], "contact name", "contact email", "contact phone", "late"]
    rows = (consultation.responses.order_by("pk")
            .values_list("reference", "submitted_at", "channel", "respondent_type",
                         "about_section", "answers", "contact_name", "contact_email",
                         "contact_phone", "late")
            .iterator(chunk_size=2000))
    for ref, at, channel, who, section, answers, name, email, phone, late in rows:
        cells = []
        for block_id, _ in questions:
            value = answers.get(block_id, "")
            cells.append("; ".join(value) if isinstance(value, list) else value)
        yield [ref, at.isoformat(), channel, who, section, *cells, name, email, phone,
               "late" if late else ""]


def proposed_draft(consultation: ConsultationPage) -> dict | None:
    """The proposed policy as parents would read it, and what would change from the live one."""
    revision = consultation.proposed_revision
    policy = consultation.policy
    if revision is None or policy is None:
        return None
    draft = revision.as_object()
    live = policy.specific
    live_revision = live.live_revision
    changes = diff_versions(sections_of(live_revision), sections_of(revision)) \
        if live_revision else []
    return {
        "draft": draft,
        "live": live,
        "reading": policy_reading_view(draft),
        "changes": [c for c in changes if c.status != "unchanged"],
        "disagreements": list(page_disagreements(policy.pk, open_only=True)),
    }


def consultation_findings(consultations: QuerySet[ConsultationPage], page_id: int,
                          from_number: int, to_number: int,
                          language_code: str | None = None) -> list:
    """Those of ``consultations`` whose outcome changed this policy between two versions,
    each once.

    A consultation's translations point at the same policy version, so of each
    consultation the copy in ``language_code`` is given if there is one, else the one in the
    default language (the reader's language: ``get_language()`` when not given). One query.
    """
    wanted = (language_code or get_language() or "").lower()
    default = Locale.get_default().language_code
    rows = list(
        consultations.live().filter(
            outcome_version__page_id=page_id, outcome_version__number__gt=from_number,
            outcome_version__number__lte=to_number)
        .select_related("outcome_version", "locale").order_by("closes", "pk")
    )
    chosen: dict = {}
    for row in rows:
        code = row.locale.language_code.lower()
        rank = 0 if code == wanted else (1 if code == default.lower() else 2)
        held = chosen.get(row.translation_key)
        if held is None or rank < held[0]:
            chosen[row.translation_key] = (rank, row)
    return sorted((row for _, row in chosen.values()), key=lambda c: (c.closes, c.pk))


def response_by_reference(consultation: ConsultationPage, reference: str):
    return ConsultationResponse.objects.filter(consultation=consultation,
                                               reference=reference).first()


def window_suggestions(*, calendar, pre_closes=None, today=None,
                       count: int = 5) -> list[tuple[scheduling.Window, int]]:
    """The next ``count`` public windows that fit ``calendar``, each with its number of
    term-time working days: from today, and after the forum's window if ``pre_closes``
    (an aware datetime) is given. Minimum length from the consultation settings."""
    today = today or timezone.localdate()
    start = scheduling.earliest_public_start(today=today, pre_closes=pre_closes)
    periods = calendar.as_periods(range(start.year - 1, start.year + 4))
    minimum = consultation_settings().minimum_term_days
    windows = scheduling.suggest_windows(start, periods, minimum_term_days=minimum, count=count)
    return [(w, scheduling.check_window(w, periods, minimum_term_days=minimum).term_days)
            for w in windows]


def consultation_of_record(consultation: ConsultationPage) -> ConsultationPage:
    """The consultation responses belong to: the original (English source) page.

    A reader in Polish or Arabic answers an alias or a translation of the consultation; their
    response counts with everyone else's, or the officers' figures would be split by
    language. A page whose original cannot be found is its own record.
    """
    if consultation.alias_of_id:
        original = type(consultation).objects.filter(pk=consultation.alias_of_id).first()
        return original or consultation
    if consultation.locale_id == Locale.get_default().pk:
        return consultation
    original = type(consultation).objects.filter(
        translation_key=consultation.translation_key, locale=Locale.get_default(),
        alias_of__isnull=True).first()
    return original or consultation


def response_by_key(submission_key: str | None):
    """The response already stored from a form with this key, if any."""
    if not submission_key:
        return None
    return ConsultationResponse.objects.filter(submission_key=submission_key).first()


# --- the school calendars the forum's review deadlines can follow ----------------------------


def school_calendar_choices() -> list[tuple[str, str]]:
    """Every school calendar as (key, name), by name: the key is the calendar's id as text."""
    return [(str(pk), name) for pk, name in
            SchoolCalendar.objects.order_by("name", "pk").values_list("pk", "name")]


def school_calendar_closed_periods(key: str, years) -> list[tuple[dt.date, dt.date]] | None:
    """A calendar's closed periods in ``years`` (its own, and the bank holidays it adds) as
    (first day, last day) pairs, or None if no calendar has that key. Two queries."""
    calendar = (SchoolCalendar.objects.filter(pk=int(key)).prefetch_related("periods").first()
                if key.isdigit() else None)
    if calendar is None:
        return None
    return [(p.first_day, p.last_day) for p in calendar.as_periods(years)]
