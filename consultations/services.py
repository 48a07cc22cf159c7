"""Writes for consultations: responses, calendar imports, the events the evidence log keeps.

The consultation page's routes (through ``consultations.views.public``) call these, so
nothing here imports the page classes: the daily checks take the consultations to check as
a queryset, and the models come from their own modules."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Locale

from charter.models import EvidenceEntry, EvidenceText
from charter.record import response_fingerprint
from charter.services import evidence_append, evidence_logged
from consultations import scheduling
from consultations.models.calendars import HolidayPeriod, SchoolCalendar
from consultations.models.responses import ConsultationResponse, ResponseCount
from consultations.models.settings import consultation_settings
from consultations.windows import window_conflicts
from core.cache import purge_page_cache
from portal import closing
from portal.client_address import count_stored, stored_this_hour

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from consultations.models.pages import ConsultationPage


class ConsultationNotOpen(ValidationError):
    pass


def _subject(consultation) -> str:
    return f"page:{consultation.pk}"


def _logged_for_consultation(kind: str, consultation) -> bool:
    """True once an event of ``kind`` is in the log for ``consultation`` in any language: its
    English page and its Polish and Arabic translations are one consultation (one
    ``translation_key``), which opens, closes and publishes its outcome once. One query."""
    return EvidenceEntry.objects.filter(
        kind=kind, page__translation_key=consultation.translation_key).exists()


# --- responding -------------------------------------------------------------------


def rate_limited(*, address: str, now: dt.datetime | None = None,
                 per_hour: int | None = None) -> bool:
    """True when ``address`` (a fingerprint from ``portal.client_address``) has already had
    this hour's allowance of stored online responses (Settings > Consultation settings).

    Only stored responses count, never attempts, so someone fixing a mistake ten times is
    never blocked; the count is in the database, so it holds across app servers.
    """
    now = now or timezone.now()
    per_hour = per_hour or consultation_settings().responses_per_hour
    stored = stored_this_hour(ResponseCount, address=address, now=now)
    return stored >= per_hour


def response_verdict(consultation: ConsultationPage, *, now: dt.datetime | None = None,
                     form_opened_at: dt.datetime | None = None) -> closing.Verdict:
    """Whether an online response sent now is taken: on time, late (inside the grace after
    the close, from a form opened before it), or not (``portal.closing``)."""
    now = now or timezone.now()
    # The setting is read only after the close, so pages of an open form cost no query.
    after_close = now >= closing.close_moment(consultation.closes)
    grace = dt.timedelta(minutes=consultation_settings().late_grace_minutes if after_close
                         else closing.DEFAULT_GRACE_MINUTES)
    return closing.verdict(now=now, opens=consultation.opens,
                           closes=consultation.closes, form_opened_at=form_opened_at,
                           grace=grace)


@transaction.atomic
def response_submit(
    *,
    consultation: ConsultationPage,
    respondent_type: str,
    answers: dict,
    about_section: str = "",
    contact_consent: bool = False,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    submission_key: str | None = None,
    channel: str = ConsultationResponse.Channel.ONLINE,
    entered_by=None,
    form_opened_at: dt.datetime | None = None,
    address: str = "",
) -> tuple[ConsultationResponse, bool]:
    """Store one response. A repeated ``submission_key`` returns the first one (created=False),
    so a retry or a second click never stores twice.

    ``consultation`` is the original (English source) page: responses sent from any
    language's copy count towards it. Online responses are taken while the consultation is
    open, until the end of its closing minute, and for a grace period after it from a form
    opened before the close (``form_opened_at``, from the server); those are marked
    ``late``. Anything else raises ``ConsultationNotOpen``. Officers keying in paper or phone
    responses may do so at any time. ``address`` (a fingerprint) is counted for the flood
    limit once the response is stored.
    """
    if submission_key:
        existing = ConsultationResponse.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    late = False
    if channel == ConsultationResponse.Channel.ONLINE:
        verdict = response_verdict(consultation, form_opened_at=form_opened_at)
        if verdict in (closing.Verdict.NOT_YET, closing.Verdict.CLOSED):
            raise ConsultationNotOpen("This consultation is not open for responses.")
        late = verdict == closing.Verdict.LATE
    elif entered_by is None:
        raise ValidationError("Responses by paper, phone or email are keyed in by an officer.")
    if not contact_consent:
        contact_name = contact_email = contact_phone = ""
    try:
        with transaction.atomic():
            response = ConsultationResponse.objects.create(
                consultation=consultation, respondent_type=respondent_type, answers=answers,
                about_section=about_section, contact_consent=contact_consent,
                contact_name=contact_name, contact_email=contact_email,
                contact_phone=contact_phone, submission_key=submission_key or None,
                channel=channel, entered_by=entered_by, late=late,
            )
    except IntegrityError:
        # The same form sent twice at the same moment: the first one stands.
        return ConsultationResponse.objects.get(submission_key=submission_key), False
    # Logged by a fingerprint only (no answer, no contact), so the respondent holds a receipt.
    evidence_append(kind=EvidenceEntry.Kind.RESPONSE_RECEIVED, subject=_subject(consultation),
                    page=consultation, affects_public_pages=False,
                    payload={"consultation": consultation.pk, "response": response_fingerprint(
                        reference=response.reference, answers=answers)})
    if address:
        count_stored(ResponseCount, address=address, now=timezone.now())
    return response, True


# --- calendars --------------------------------------------------------------------


@transaction.atomic
def calendar_import(*, calendar: SchoolCalendar, periods: list[scheduling.Period]) -> int:
    """Replace the calendar's periods with a clean, parsed file's (all or nothing).

    Raises ValueError for an empty list: a calendar is never emptied by an import.
    """
    if not periods:
        raise ValueError("An import needs at least one holiday period.")
    calendar.periods.all().delete()
    HolidayPeriod.objects.bulk_create([
        HolidayPeriod(calendar=calendar, name=p.name[:120], kind=p.kind, first_day=p.first_day,
                      last_day=p.last_day, sort_order=i)
        for i, p in enumerate(sorted(periods))
    ])

    transaction.on_commit(purge_page_cache)
    return len(periods)


# --- the record -------------------------------------------------------------------


@transaction.atomic
def consultation_events_record(consultations: QuerySet[ConsultationPage], *, now=None) -> int:
    """Log each window of ``consultations`` opening and closing once, after it happens (run
    daily over every consultation, and idempotent). Returns how many entries were added.

    A consultation and its translations (real ones, made with wagtail-localize, not only
    aliases) are one consultation: each window event is logged once for all its languages
    (``_logged_for_consultation``), on the English page where it is live, so subscribers are
    told it opened once, in their language."""
    now = now or timezone.now()
    Kind = EvidenceEntry.Kind
    count = 0
    default = Locale.get_default().pk
    live = consultations.live().filter(pre_opens__lte=now, alias_of__isnull=True)
    # The English page first, so the record is about it whenever it is live.
    for consultation in sorted(live, key=lambda page: (page.locale_id != default, page.pk)):
        subject = _subject(consultation)
        moments = [
            (Kind.PRECONSULTATION_OPENED, consultation.pre_opens),
            (Kind.PRECONSULTATION_CLOSED, consultation.pre_closes),
            (Kind.CONSULTATION_OPENED, consultation.opens),
            (Kind.CONSULTATION_CLOSED, consultation.closes),
        ]
        for kind, at in moments:
            if at <= now and not _logged_for_consultation(kind, consultation):
                payload = {"consultation": consultation.pk, "title": consultation.title,
                           "at": at}
                if kind == Kind.CONSULTATION_CLOSED:
                    payload["responses"] = consultation.responses.count()
                evidence_append(kind=kind, subject=subject, page=consultation, payload=payload)
                count += 1
    return count


@dataclass(frozen=True)
class WindowCheck:
    """What the daily check found: events added to the log, and consultations whose
    windows the school calendar no longer allows, each with its problems in words."""

    logged: int
    conflicts: list[tuple[ConsultationPage, list[str]]]


def consultation_windows_check(consultations: QuerySet[ConsultationPage], *, now=None
                               ) -> WindowCheck:
    """The daily job over ``consultations`` (every one: ``manage.py
    check_consultation_windows`` and ``consultations.tasks``): log windows that opened or
    closed, then list calendar conflicts. Safe to re-run."""
    return WindowCheck(logged=consultation_events_record(consultations, now=now),
                       conflicts=window_conflicts(consultations, now=now))


def consultation_published(*, consultation: ConsultationPage, revision) -> None:
    """Log what a newly published version of a consultation adds to the record."""
    Kind = EvidenceEntry.Kind
    subject = _subject(consultation)
    reason = consultation.override_reason.strip()
    # Typed words (the override's reason, the analysis, the outcome) are kept beside their
    # entries, where the board reads them: the public log holds their salted hashes, so a
    # name typed in them can be erased. Entries written before held them in the payload
    # and stay as they are (the log is append-only).
    overrides = EvidenceEntry.objects.filter(kind=Kind.CONSULTATION_OVERRIDE, subject=subject)
    logged_reasons = {
        *(logged for payload in overrides.values_list("payload_json", flat=True)
          if isinstance(logged := json.loads(payload).get("reason"), str)),
        *EvidenceText.objects.filter(entry__in=overrides, field="reason")
        .values_list("text", flat=True)}
    if reason and reason not in logged_reasons:
        evidence_append(kind=Kind.CONSULTATION_OVERRIDE, subject=subject, page=consultation,
                        payload={"consultation": consultation.pk,
                                 "opens": consultation.opens, "closes": consultation.closes},
                        texts={"reason": reason}, source=consultation)
    # Every publish of a consultation went through the forum's review, so an analysis
    # published here is one the forum has reviewed.
    if consultation.analysis.strip() and not evidence_logged(kind=Kind.ANALYSIS_REVIEWED,
                                                             subject=subject):
        evidence_append(kind=Kind.ANALYSIS_REVIEWED, subject=subject, page=consultation,
                        payload={"consultation": consultation.pk,
                                 "revision": revision.pk if revision else None},
                        texts={"analysis": consultation.analysis}, source=consultation)
    # Once per consultation, in whichever language's publish brings the outcome first: a
    # translation published later (or synced) is the same outcome, not news.
    if consultation.outcome.strip() and not _logged_for_consultation(Kind.OUTCOME_PUBLISHED,
                                                                     consultation):
        evidence_append(kind=Kind.OUTCOME_PUBLISHED, subject=subject, page=consultation,
                        payload={"consultation": consultation.pk,
                                 "policy_version": consultation.outcome_version.number
                                 if consultation.outcome_version_id else None},
                        texts={"outcome": consultation.outcome}, source=consultation)


@transaction.atomic
def anonymise_contacts(*, now=None) -> int:
    """Remove contact details once the outcome has been public for the agreed time."""
    now = now or timezone.now()
    after = dt.timedelta(days=consultation_settings().anonymise_after_days)
    total = 0
    published = EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.OUTCOME_PUBLISHED)
    for entry in published:
        if entry.recorded_at + after > now or entry.page_id is None:
            continue
        responses = ConsultationResponse.objects.filter(
            consultation_id=entry.page_id, contact_anonymised_at__isnull=True)
        count = responses.update(contact_name="", contact_email="", contact_phone="",
                                 contact_anonymised_at=now)
        if count:
            evidence_append(kind=EvidenceEntry.Kind.CONTACTS_ANONYMISED, subject=entry.subject,
                            payload={"consultation": entry.page_id, "responses": count})
            total += count
    return total
