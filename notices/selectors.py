"""Reads the notices pages and messages need."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, gettext_lazy
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Revision, TaskState

from charter import selectors as charter_selectors
from charter import versions
from charter.coproduction import CoProducedPageMixin
from charter.models.comments import ForumComment
from charter.models.evidence import EvidenceEntry
from charter.models.reviews import ForumReviewTaskState
from charter.models.versions import PageVersion, TranslationVersion
from charter.permissions import FORUM_GROUP, OFFICERS_GROUP
from consultations.models.pages import ConsultationPage
from consultations.windows import window_conflict_checks
from notices import addresses, staff_topics, tokens, topics
from notices.models import (
    ConfirmationSent,
    StaffNoticePreference,
    Subscriber,
    UsedConfirmation,
)
from outbox.models import SentEmail

User = get_user_model()


def followable_page(page_id) -> Page | None:
    """The live, public, co-produced page ``page_id`` names (specific), or ``None`` for any
    other id (a draft, a private page, a page that is not co-produced, nonsense)."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    return page if isinstance(page, CoProducedPageMixin) else None


def page_titles(page_ids: list[int]) -> list[Page]:
    """The pages ``page_ids`` name that still exist, in that order (to name them: a policy a
    subscriber stopped following). One query, none for no ids."""
    if not page_ids:
        return []
    found = Page.objects.in_bulk(page_ids)
    return [found[pk] for pk in page_ids if pk in found]


def pages_in(pages, language: str) -> dict[int, Page]:
    """How each of ``pages`` is named to a reader of ``language``, by the page's id: its live
    translation in that language (not an alias, which holds the English words), else its
    live copy in the default language (English, which the page marks as such), else the
    page itself. A subscriber follows the page they subscribed from, whichever language
    that was; their manage page is in the language they read now. One query, none for no
    pages."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    try:
        code = get_supported_content_language_variant(language)
    except LookupError:
        code = default
    copies = {(copy.translation_key, copy.locale.language_code): copy
              for copy in Page.objects.filter(
                  translation_key__in={page.translation_key for page in pages},
                  locale__language_code__in={code, default}, live=True,
                  alias_of__isnull=True).select_related("locale")}
    return {page.pk: copies.get((page.translation_key, code))
            or copies.get((page.translation_key, default)) or page for page in pages}


def confirmation_link_used(*keys: str) -> bool:
    """Whether the confirmation link remembered by any of ``keys`` (``tokens.used_link_key``,
    and ``tokens.confirm_token_hash`` for one used before links were remembered by their
    request) was pressed before. One query."""
    return UsedConfirmation.objects.filter(token_hash__in=[k for k in keys if k]).exists()


def subscriber_for_link(subscriber_id: int) -> Subscriber | None:
    """The subscriber a manage or unsubscribe link signed with ``subscriber_id`` reaches:
    that subscriber, or the one it was merged into (one address in other capitals,
    ``MergedSubscriberLink``), or None (unsubscribed). One query."""
    return (Subscriber.objects.filter(Q(pk=subscriber_id)
                                      | Q(merged_links__old_id=subscriber_id))
            .order_by("pk").first())


def address_q(email: str) -> Q:
    """The subscribers whose address is ``email``, whatever its case and however its domain
    is spelt ("żółw.pl" or "xn--w-uga1v8h.pl": ``addresses.spellings``)."""
    found = Q()
    for spelling in addresses.spellings(email):
        found |= Q(email__iexact=spelling)
    return found


def is_subscribed(email: str) -> bool:
    """Whether ``email`` (as a confirmation link carries it: stripped, as typed) is a
    confirmed subscriber's address, whatever its case and however its domain is spelt
    (``address_q``). For the holder of that address's link only: one query."""
    return Subscriber.objects.filter(address_q(email)).exists()


def subscriber_language(email: str) -> str | None:
    """The language of the e-mails the subscriber at ``email`` gets (``address_q``), or
    ``None`` when the address is not subscribed. For the holder of that address's link
    only (it tells whether the address is subscribed): one query."""
    return (Subscriber.objects.filter(address_q(email)).order_by("pk")
            .values_list("language", flat=True).first())


def version_changes_what_readers_see(page_id: int, number: int | None,
                                     known: dict | None = None) -> bool:
    """Whether version ``number`` of a page changes anything its readers see: its comparison
    with the version before (the one a notice links to: ``charter.selectors.sections_of``,
    ``charter.versions.diff_versions``) shows a section added, removed, moved or changed. A
    first version always does. A version that only saves the page again, or changes fields
    no reader sees (menus, the change note alone), does not. A few queries; none when
    ``known`` (a dict kept for one run) holds the comparison already."""
    if not number or number <= 1:
        return True
    found = _section_diffs(page_id, number, known)
    return found is None or bool(found[0])


def _section_diffs(page_id: int, number: int, known: dict | None = None):
    """The sections version ``number`` added, removed, moved or changed against the version
    before, as (diffs, old sections, new sections), the fields' labels in the default
    language; ``None`` when either version is unknown. Kept in ``known`` when given."""
    if known is not None and (page_id, number) in known:
        return known[(page_id, number)]
    with translation.override(settings.LANGUAGE_CODE):
        found = _compare(page_id, number)
    if known is not None:
        known[(page_id, number)] = found
    return found


def _compare(page_id: int, number: int):
    pair = {v.number: v for v in PageVersion.objects.filter(
        page_id=page_id, number__in=[number - 1, number]).select_related("revision")}
    if len(pair) < 2:
        return None
    old, new = (charter_selectors.sections_of(pair[n].revision) for n in (number - 1, number))
    diffs = [d for d in versions.diff_versions(old, new) if d.status != versions.UNCHANGED]
    return diffs, old, new


@dataclass(frozen=True)
class SectionChange:
    """One section a new version changed, as a notice names it: ``status``
    (``charter.versions.ADDED``, ``REMOVED``, ``CHANGED`` or ``MOVED``), ``heading`` (its
    heading in the reader's language where the page's translation has it, else the English
    page's) and ``in_english`` (the heading is the English page's words, for a reader of
    another language)."""

    status: str
    heading: str
    in_english: bool = False


def changed_sections(page_id: int, number: int | None, language: str,
                     copy: ReaderCopy | None = None,
                     known: dict | None = None) -> list[SectionChange]:
    """The sections version ``number`` of a page (default language) added, removed, moved or
    changed, from the same comparison that decides a version is announced
    (``version_changes_what_readers_see``), in page order; empty for a first version.
    ``copy`` (``reader_copy``) is where a reader of ``language`` reads it: a translation
    that has caught up gives the headings in its words (its own revisions of the two
    versions, by block id). The field labels ("Title", "In short") are the interface's, said
    in ``language``. ``known``: as for ``version_changes_what_readers_see``. A few
    queries."""
    if not number or number <= 1:
        return []
    found = _section_diffs(page_id, number, known)
    with translation.override(language):
        if found is None:
            return []
        diffs, old, new = found
        headings = {s.block_id: s.heading for s in (*old, *new)}
        own: dict[str, str] = {}
        if copy is not None and copy.standing == CURRENT:
            pair = charter_selectors.translated_revisions(copy.page.pk, number - 1, number)
            revisions = pair or (copy.page.live_revision,)
            for revision in revisions:
                if revision is not None:
                    own.update({s.block_id: s.heading
                                for s in charter_selectors.sections_of(revision)})
        english_reader = copy is None or copy.standing == ""
        changes = []
        for diff in diffs:
            if versions.heading_is_label(diff.block_id):
                # The interface's label, compared in the default language: said in theirs.
                heading, in_english = gettext(headings[diff.block_id]), False
            elif diff.block_id in own:
                heading, in_english = own[diff.block_id], False
            else:
                heading, in_english = headings[diff.block_id], not english_reader
            changes.append(SectionChange(status=diff.status, heading=str(heading).strip(),
                                         in_english=in_english))
        return changes


@dataclass(frozen=True)
class ReaderCopy:
    """Where a reader of one language can read a new version of a page: ``page`` (their
    language's live copy, or the page itself), ``standing`` (``CURRENT``: the copy translates
    this version or a later one; ``PENDING``: a translation not caught up, or not known to
    have; ``UNTRANSLATED``: no translation, the page is read in English; ``""`` for a page in
    the reader's own language), ``compare_in_language`` (the copy has both versions
    translated, so its own comparison has no English) and ``note`` (the copy's change note
    when it is translated, else empty)."""

    page: Page
    standing: str
    compare_in_language: bool = False
    note: str = ""


CURRENT, PENDING, UNTRANSLATED = "current", "pending", "untranslated"


def reader_copy(page: Page, language: str, number: int | None) -> ReaderCopy:
    """Where a reader of ``language`` can read version ``number`` of ``page`` (a page in the
    default language): see ``ReaderCopy``. A translation's standing is what it records it
    translates (``charter.models.TranslationVersion``, as the page itself says when it is
    behind), once its words for the change are translated (``translation_coverage``). An
    alias (wagtail-localize's untranslated copy) is English words: untranslated. A few
    queries."""
    try:
        code = get_supported_content_language_variant(language)  # "en-gb" reads "en" pages
    except LookupError:
        return ReaderCopy(page=page, standing="")
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None or page.locale_id == locale.pk:
        return ReaderCopy(page=page, standing="")
    translated = page.get_translation_or_none(locale)
    if translated is None or not translated.live or translated.alias_of_id is not None:
        return ReaderCopy(page=page, standing=UNTRANSLATED)
    recorded = (TranslationVersion.objects.filter(page_id=translated.pk,
                                                  revision_id=translated.live_revision_id)
                .select_related("source_version").first())
    if (number is None or recorded is None or recorded.source_version.number < number
            or translation_coverage(translated.pk)[recorded.pk].through < number):
        # Behind, or published with the change still in English words (not yet translated).
        return ReaderCopy(page=translated, standing=PENDING)
    compare_in_language = number > 1 and charter_selectors.translated_revisions(
        translated.pk, number - 1, number) is not None
    translated = translated.specific
    note = (getattr(translated, "change_note", "") or "").strip()
    english_notes = {(n or "").strip() for n in PageVersion.objects.filter(
        page_id=page.pk).values_list("change_note", flat=True)}
    return ReaderCopy(page=translated, standing=CURRENT,
                      compare_in_language=compare_in_language,
                      note="" if note in english_notes else note)


# --- forum representatives and officers ------------------------------------------------


def subscription_state(subscriber: Subscriber, followed: list) -> str:
    """A fingerprint of what ``subscriber`` follows (``followed``: their subscriptions), how
    often and in which language, as the manage page shows it: the page carries it, so a save
    from a page opened before another tab changed the choices is noticed rather than
    silently undoing that change. An HMAC (the page shows it to its holder only), no query."""
    chosen = sorted(f"{s.topic}:{s.page_id or ''}" for s in followed)
    words = "|".join([*chosen, subscriber.frequency, subscriber.language])
    return salted_hmac("notices.manage-state", words, algorithm="sha256").hexdigest()[:32]


def reads_default_language(language: str) -> bool:
    """Whether a reader of ``language`` reads the default language's pages in their own
    language ("en-gb" reads "en" pages). No query."""
    try:
        code = get_supported_content_language_variant(language)
    except LookupError:
        return False
    return code == get_supported_content_language_variant(settings.LANGUAGE_CODE)


def titles_in(pages, language: str) -> dict:
    """The titles of ``pages`` as their live copies in ``language`` have them (a translation,
    not an alias, which is the English words): translation key -> title, for the pages
    translated; empty for a reader of a page's own language. One query at most."""
    try:
        code = get_supported_content_language_variant(language)
    except LookupError:
        return {}
    keys = {p.translation_key for p in pages if p is not None}
    # Staff events are about the default language's pages: its readers need no lookup.
    if not keys or code == get_supported_content_language_variant(settings.LANGUAGE_CODE):
        return {}
    return dict(Page.objects.filter(translation_key__in=keys, locale__language_code=code,
                                    live=True, alias_of__isnull=True)
                .values_list("translation_key", "title"))



@dataclass(frozen=True)
class StaffEvent:
    """One thing staff are told of: its ``kind`` (``staff_topics``), the object a notice of it
    is recorded against in the outbox (``about``: an evidence entry, a revision, a review, a
    consultation), ``variant`` (a notice sent again when it changes, e.g. a new calendar
    problem), when it happened, the page, the forum review it belongs to, who did it (never
    told of their own act) and what the message says of it (``details``)."""

    kind: str
    about: Model
    when: dt.datetime
    page: Page | None
    review_id: int | None = None
    actor_id: int | None = None
    variant: str = ""
    details: dict = field(default_factory=dict)

    @property
    def outbox_kind(self) -> str:
        """The outbox ``kind`` of a notice of this event ("staff:<kind>", cut to the
        field's 40 characters): how sending records it and how a release is matched."""
        return f"staff:{self.kind}"[:40]


def staff(people_groups: dict[str, str]) -> list[tuple[object, staff_topics.Person]]:
    """Active staff with an e-mail address, each with their roles: ``people_groups`` maps a
    Django group's name to a role (``staff_topics.FORUM``, ``OFFICERS``). Superusers count
    as officers (``charter.permissions``). Returns (user, person) pairs, with each user's
    notice preference loaded."""
    users = (User.objects.filter(is_active=True).exclude(email="")
             .filter(Q(groups__name__in=list(people_groups)) | Q(is_superuser=True))
             .distinct().select_related("notice_preference").prefetch_related("groups")
             .order_by("pk"))
    found = []
    for user in users:
        roles = {people_groups[g.name] for g in user.groups.all() if g.name in people_groups}
        if user.is_superuser:
            roles.add(staff_topics.OFFICERS)
        found.append((user, staff_topics.Person(user.pk, frozenset(roles))))
    return found


def _logged_events(since: dt.datetime, until: dt.datetime) -> list[StaffEvent]:
    entries = list(EvidenceEntry.objects.filter(
        kind__in=staff_topics.LOGGED_KINDS, recorded_at__gt=since, recorded_at__lte=until)
        .select_related("page").order_by("sequence"))
    payloads = {entry.pk: json.loads(entry.payload_json) for entry in entries}
    # A moved deadline's typed reason is kept beside its entry, not in the payload.
    reasons = charter_selectors.typed_texts(
        [e for e in entries if e.kind == "review_deadline_changed"], payloads, "reason")
    comment_ids = {payloads[e.pk].get("comment") for e in entries} - {None}
    comments = {c.pk: c for c in ForumComment.objects.filter(pk__in=comment_ids)}
    events = []
    for entry in entries:
        payload = payloads[entry.pk]
        if entry.pk in reasons:
            payload = {**payload, "reason": reasons[entry.pk]}
        comment = comments.get(payload.get("comment"))
        review_id = payload.get("review") or (comment.review_id if comment else None)
        # Whoever made a comment is not told of it; a decision reaches every representative,
        # the one who recorded it too (their copy of what the forum is on record as saying).
        actor = comment.author_id if entry.kind == "comment_made" and comment else None
        events.append(StaffEvent(
            kind=entry.kind, about=entry, when=entry.recorded_at, page=entry.page,
            review_id=review_id, actor_id=actor,
            details={key: payload[key] for key in ("decision", "from", "to", "reason",
                                                   "deadline", "disposition", "section")
                     if payload.get(key) not in (None, "")}))
    return events


def in_forum_review(revision: Revision) -> bool:
    """Whether ``revision`` is a draft of a page the forum is reviewing now (the only
    revisions a staff notice is about: ``_draft_changes``). One query for a page's revision,
    none for a snippet's."""
    page_type = ContentType.objects.get_for_model(Page)
    if revision.base_content_type_id != page_type.pk:
        return False
    return ForumReviewTaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, workflow_state__base_content_type=page_type,
        workflow_state__object_id=str(revision.object_id)).exists()


def _page_id(review: ForumReviewTaskState) -> int:
    return int(review.workflow_state.object_id)


def _draft_changes(since: dt.datetime, until: dt.datetime) -> list[StaffEvent]:
    """Drafts saved again while the forum reviewed them, from ``since`` to ``until``: during
    a review still open, or one that has ended since ``since`` (a day's e-mail keeps a change
    made that day before the forum decided). Autosave is off during a review
    (``charter.views.admin``), so each such revision is an officer's explicit save."""
    reviews = list(ForumReviewTaskState.objects.filter(
        Q(status=TaskState.STATUS_IN_PROGRESS) | Q(finished_at__gt=since))
        .select_related("workflow_state").order_by("started_at"))
    if not reviews:
        return []
    by_page: dict[int, list[ForumReviewTaskState]] = {}
    for review in reviews:
        by_page.setdefault(_page_id(review), []).append(review)
    revisions = (Revision.page_revisions.filter(object_id__in=[str(pk) for pk in by_page],
                                                created_at__gt=since, created_at__lte=until)
                 .order_by("created_at"))
    pages = Page.objects.in_bulk(list(by_page))
    events = []
    for revision in revisions:
        # The review the draft was saved during: begun before it, not yet ended at the time.
        review = next((r for r in by_page[int(revision.object_id)]
                       if r.started_at < revision.created_at
                       and (r.finished_at is None or revision.created_at <= r.finished_at)),
                      None)
        if review is None or revision.pk == review.revision_id:
            continue
        events.append(StaffEvent(kind=staff_topics.DRAFT_CHANGED, about=revision,
                                 when=revision.created_at, page=pages.get(_page_id(review)),
                                 review_id=review.pk, actor_id=revision.user_id))
    return events


def _deadlines_near(now: dt.datetime) -> list[StaffEvent]:
    today = timezone.localdate(now)
    reviews = list(ForumReviewTaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, deadline__gte=today).select_related("workflow_state"))
    if not reviews:
        return []
    closed = charter_selectors.deadline_closed_days(
        range(today.year, max(r.deadline.year for r in reviews) + 1))
    pages = Page.objects.in_bulk([_page_id(r) for r in reviews])
    return [StaffEvent(kind=staff_topics.DEADLINE_SOON, about=review, when=now,
                       page=pages.get(_page_id(review)), review_id=review.pk,
                       details={"deadline": review.deadline.isoformat()})
            for review in reviews if staff_topics.reminder_due(today, review.deadline, closed)]


def _consultation_windows(now: dt.datetime) -> list[StaffEvent]:
    consultations = ConsultationPage.objects.live().filter(alias_of__isnull=True)
    events = []
    for consultation in consultations.filter(closes__gt=now, opens__lte=now + dt.timedelta(
            days=staff_topics.WINDOW_NOTICE_DAYS)):
        kind = staff_topics.window_soon(now, consultation.opens, consultation.closes)
        if kind:
            moment = consultation.opens if kind == staff_topics.OPENS_SOON else consultation.closes
            events.append(StaffEvent(kind=kind, about=consultation, when=now, page=consultation,
                                     variant=f"{moment:%Y%m%d%H%M}",
                                     details={"at": moment.isoformat()}))
    for conflict in window_conflict_checks(consultations, now=now):
        # A notice goes again when the problems change; keyed by the admin's words, as
        # before the messages were worded in each reader's language.
        digest = hashlib.sha256("\n".join(conflict.problems()).encode()).hexdigest()[:12]
        events.append(StaffEvent(
            kind=staff_topics.WINDOW_IN_HOLIDAY, about=conflict.consultation, when=now,
            page=conflict.consultation, variant=digest,
            details={"problems": staff_topics.clash_facts(
                conflict.public, holidays_waived=conflict.holidays_waived,
                forum=conflict.forum)}))
    return events


def _as_they_stand(events: list[StaffEvent]) -> list[StaffEvent]:
    """``events`` with their review as it stands now in ``details``: ``review_status``
    (Wagtail's task state status: ``in_progress``, ``approved``, ``rejected``,
    ``cancelled``...), ``review_decision`` (``ForumReviewTaskState.Decision``, empty while
    undecided) and ``review_deadline`` (ISO date). A message sent later than the event (a
    day's e-mail, a worker down) then says a draft was decided, or its new deadline, rather
    than what was true when it happened. One query for all."""
    ids = {event.review_id for event in events} - {None}
    if not ids:
        return events
    reviews = ForumReviewTaskState.objects.filter(pk__in=ids).only(
        "pk", "status", "decision", "deadline").in_bulk()
    for event in events:
        review = reviews.get(event.review_id)
        if review is not None:
            event.details.update({
                "review_status": review.status, "review_decision": review.decision,
                "review_deadline": review.deadline.isoformat() if review.deadline else ""})
    return events


def staff_events(*, now: dt.datetime, since: dt.datetime) -> list[StaffEvent]:
    """Every event staff are told of, from ``since`` to ``now``: the evidence log's entries,
    drafts saved during a review, deadlines two school days away, consultations opening or
    closing within two days, and windows the school calendar no longer allows (the last three
    are states at ``now``; the outbox makes each notice of them go once). Each event about a
    review carries the review as it stands at ``now`` (``_as_they_stand``)."""
    return _as_they_stand(
        _logged_events(since, now) + _draft_changes(since, now) + _deadlines_near(now)
        + _consultation_windows(now))


# --- translations catching up with a change told in English ----------------------------


@dataclass(frozen=True)
class CatchUp:
    """A published translation (``recorded``: its ``TranslationVersion``) that now covers
    versions of the default-language page it did not cover before (``covered_from`` <
    number <= ``recorded.source_version.number``): ``told`` maps each subscriber of its
    language who was told of one of those versions before it caught up (so in English: the
    translation was behind, or missing) to the latest such version's evidence entry."""

    recorded: TranslationVersion
    covered_from: int
    told: dict[int, EvidenceEntry]


_LETTERS = re.compile(r"[^\W\d_]")


def _translator_words(revision) -> dict[str, str]:
    """The words of a revision a translator writes, by section: the title, the short
    summary and the sections the page's authors wrote (the page's other fields, dates and
    audiences, the site writes in the reader's language). No query."""
    return {s.block_id: s.text.strip()
            for s in charter_selectors.sections_of(revision, from_content=True)
            if s.block_id in ("title", "intro") or not versions.heading_is_label(s.block_id)}


def left_in_english(recorded: TranslationVersion, covered_from: int) -> bool:
    """Whether a published translation still shows the English page's words where it was to
    catch up: its title, or a section that changed after version ``covered_from`` (every
    section, for a first translation), reads word for word as the English version it
    translates. That is what wagtail-localize publishes for a string nobody has translated
    yet ("Translate this page", or "Sync translated pages" with "Publish immediately":
    "the changes will use the original language until translated"). A few queries."""
    english = _translator_words(recorded.source_version.revision)
    own = _translator_words(recorded.revision)
    changed = set(english)
    if covered_from:
        before = (PageVersion.objects.filter(page_id=recorded.source_version.page_id,
                                             number=covered_from)
                  .select_related("revision").first())
        if before is not None:
            old = _translator_words(before.revision)
            changed = {key for key, text in english.items() if old.get(key) != text}
            changed.add("title")
    return any(key in own and own[key] == english[key] and _LETTERS.search(english[key])
               for key in changed)


@dataclass(frozen=True)
class Coverage:
    """What one published revision of a translation covers: ``covered_from`` (the agreed
    version the translation had caught up with before it; 0: none), ``caught_up`` (it
    caught up with a later one, its own ``source_version``) and ``through`` (the latest
    version covered once it is published)."""

    covered_from: int
    caught_up: bool
    through: int


def translation_coverage(page_id: int) -> dict[int, Coverage]:
    """``Coverage`` of each published revision of a translated page, by the id of its
    ``TranslationVersion``. A revision catches up when it translates a later version than
    the translation covered and its words for what changed are translated
    (``left_in_english``): a copy published with the English words still in it covers
    nothing, so the translated words published later are what catch up. A few queries a
    revision."""
    covered = 0
    found: dict[int, Coverage] = {}
    for recorded in (TranslationVersion.objects.filter(page_id=page_id)
                     .select_related("source_version__revision", "revision")
                     .order_by("revision_id")):
        number = recorded.source_version.number
        caught_up = number > covered and not left_in_english(recorded, covered)
        before, covered = covered, number if caught_up else covered
        found[recorded.pk] = Coverage(covered_from=before, caught_up=caught_up,
                                      through=covered)
    return found


def _version_number(entry: EvidenceEntry) -> int | None:
    return json.loads(entry.payload_json).get("version")


def translation_catch_ups(*, since: dt.datetime, until: dt.datetime,
                          subscribers: list[Subscriber]) -> list[CatchUp]:
    """The translations published from ``since`` to ``until`` that caught up with a change
    some of ``subscribers`` were told of before they did (``CatchUp``). A subscriber was
    told of a version at once (the outbox's attempted ``notice`` about its evidence entry)
    or in a weekly digest (an attempted ``digest`` to them after the version, for a page
    they followed since before it), before the translation was published; only subscribers
    whose language is the translation's count. A translation published again without
    covering a new version, published with the English words still in it
    (``translation_coverage``), or covering only versions nobody was told of, catches up
    with nothing. A query when no translation was published; a few more for each."""
    rows = list(TranslationVersion.objects.filter(recorded_at__gt=since, recorded_at__lte=until)
                .select_related("source_version", "page", "page__locale").order_by("pk"))
    if not rows or not subscribers:
        return []
    entry_type = ContentType.objects.get_for_model(EvidenceEntry)
    subscriber_type = ContentType.objects.get_for_model(Subscriber)
    found = []
    coverage: dict[int, dict] = {}
    for recorded in rows:
        if recorded.page_id not in coverage:
            coverage[recorded.page_id] = translation_coverage(recorded.page_id)
        covered_from = coverage[recorded.page_id][recorded.pk].covered_from
        number = recorded.source_version.number
        if not coverage[recorded.page_id][recorded.pk].caught_up:
            continue
        language = recorded.page.locale.language_code
        readers = {}
        for subscriber in subscribers:
            try:
                code = get_supported_content_language_variant(subscriber.language)
            except LookupError:
                continue
            if code == language:
                readers[subscriber.pk] = subscriber
        if not readers:
            continue
        entries = [entry for entry in EvidenceEntry.objects.filter(
            kind=EvidenceEntry.Kind.VERSION_PUBLISHED,
            page_id=recorded.source_version.page_id,
            recorded_at__lte=recorded.recorded_at).select_related("page").order_by("sequence")
            if covered_from < (_version_number(entry) or 0) <= number]
        if not entries:
            continue
        told: dict[int, EvidenceEntry] = {}
        by_id = {entry.pk: entry for entry in entries}
        # Only readers who still follow the page (or everything) hear it has caught up.
        page_key = entries[0].page.translation_key
        readers = {pk: s for pk, s in readers.items() if _follows(s, page_key)}
        if not readers:
            continue
        keys = {f"subscriber:{pk}": pk for pk in readers}
        for object_id, key in SentEmail.objects.filter(
                kind="notice", content_type=entry_type, object_id__in=list(by_id),
                recipient_key__in=list(keys), attempted_at__isnull=False,
                attempted_at__lte=recorded.recorded_at).values_list("object_id", "recipient_key"):
            _latest(told, keys[key], by_id[object_id])
        digests = SentEmail.objects.filter(
            kind="digest", content_type=subscriber_type, object_id__in=list(readers),
            attempted_at__isnull=False, attempted_at__lte=recorded.recorded_at,
            attempted_at__gt=entries[0].recorded_at).values_list("object_id", "attempted_at")
        for subscriber_id, at in digests:
            subscriber = readers[subscriber_id]
            for entry in entries:
                if entry.recorded_at < at and subscriber.confirmed_at < entry.recorded_at:
                    _latest(told, subscriber_id, entry)
        if told:
            found.append(CatchUp(recorded=recorded, covered_from=covered_from, told=told))
    return found


def _follows(subscriber: Subscriber, page_key) -> bool:
    """Whether ``subscriber`` follows the page whose translation key is ``page_key``, or
    everything (their subscriptions prefetched: no query)."""
    return any(s.topic == topics.EVERYTHING
               or (s.topic == topics.PAGE and s.page is not None
                   and s.page.translation_key == page_key)
               for s in subscriber.subscriptions.all())


def _latest(told: dict, subscriber_id: int, entry: EvidenceEntry) -> None:
    if subscriber_id not in told or told[subscriber_id].sequence < entry.sequence:
        told[subscriber_id] = entry


# --- the officers' "E-mails never confirmed" page (``outbox.kinds``) ---------------------


def outbox_pages_about(rows: list[SentEmail]) -> dict[int, str]:
    """What notices recorded in the outbox are about, by outbox row id: the title of the page
    of the evidence entry (``notice``) or published translation (``caught_up``) each was
    about. One query a kind; never an address."""
    found: dict[int, str] = {}
    for model, kind in ((EvidenceEntry, "notice"), (TranslationVersion, "caught_up")):
        mine = [row for row in rows if row.kind == kind]
        if not mine:
            continue
        titles = dict(model.objects.filter(pk__in={row.object_id for row in mine})
                      .values_list("pk", "page__title"))
        found.update({row.pk: titles.get(row.object_id) or "" for row in mine})
    return found


#: What each event a staff notice tells of is called on the officers' pages.
STAFF_EVENT_NAMES = {
    "review_opened": gettext_lazy("a draft sent for the forum's review"),
    "comment_answered": gettext_lazy("a forum comment answered"),
    staff_topics.DRAFT_CHANGED: gettext_lazy("the draft changed during the forum's review"),
    "review_deadline_changed": gettext_lazy("the forum's review deadline changed"),
    staff_topics.DEADLINE_SOON: gettext_lazy("two school days left to review"),
    "review_agreement_pending": gettext_lazy("an agreement waiting for a second "
                                             "representative"),
    "review_decided": gettext_lazy("the forum's decision recorded"),
    "comment_made": gettext_lazy("a new forum comment"),
    "disagreement_stated": gettext_lazy("a disagreement stated by the forum"),
    staff_topics.OPENS_SOON: gettext_lazy("a consultation opening soon"),
    staff_topics.CLOSES_SOON: gettext_lazy("a consultation closing soon"),
    staff_topics.WINDOW_IN_HOLIDAY: gettext_lazy("consultation dates clashing with the "
                                                 "school calendar"),
}


def period_name(recipient_key: str) -> str:
    """The week or day a digest's outbox key names, in the active language: ``week:2027-W10``
    reads "week of 8 March 2027" (its Monday), ``day:2027-03-01`` "1 March 2027". A key of
    another shape is returned as it is."""
    shape, _sep, value = recipient_key.partition(":")
    try:
        if shape == "week":
            year, week = value.split("-W")
            monday = dt.date.fromisocalendar(int(year), int(week), 1)
            return gettext("week of %(day)s") % {"day": date_format(monday, "j E Y")}
        if shape == "day":
            return date_format(dt.date.fromisoformat(value), "j E Y")
    except ValueError:
        pass
    return recipient_key


def outbox_periods(rows: list[SentEmail]) -> dict[int, str]:
    """The week or day a digest was for ("week of 8 March 2027", "1 March 2027":
    ``period_name``) and the event a staff notice was of ("a forum comment answered":
    ``STAFF_EVENT_NAMES``), in the active language, by outbox row id, read from the row
    itself: no query."""
    found = {}
    for row in rows:
        if row.kind.endswith("digest"):
            found[row.pk] = period_name(row.recipient_key)
        else:
            event = row.kind.removeprefix("staff:")
            found[row.pk] = str(STAFF_EVENT_NAMES.get(event, event.replace("_", " ")))
    return found


def released_confirmations_not_going(releases: list) -> dict[int, str]:
    """Why each released confirmation e-mail (``outbox.models.ReleasedEmail`` of the
    confirmation kind, not sent since) will never go, by release id: its link was used (the
    first e-mail reached them after all), the address unsubscribed (its request was emptied),
    or its link expired. One still to go is left out. One query; never an address."""
    rows = ConfirmationSent.objects.filter(pk__in={r.object_id for r in releases})
    expired_before = timezone.now() - dt.timedelta(days=tokens.CONFIRM_DAYS)
    ended = {}
    for pk, state, token, asked_at in rows.values_list("pk", "ended", "token", "asked_at"):
        if not state and not token:
            # Kept before the reason was stored (``notices/0007``): its request was emptied
            # then only when its link expired or was used (an e-mail sent or refused is
            # never released).
            state = (ConfirmationSent.Ended.EXPIRED if asked_at < expired_before
                     else ConfirmationSent.Ended.USED)
        elif not state and asked_at < expired_before:
            state = ConfirmationSent.Ended.EXPIRED
        ended[pk] = state
    why = {
        ConfirmationSent.Ended.USED: gettext(
            "the link was already used (so the first e-mail did reach them)."),
        ConfirmationSent.Ended.UNSUBSCRIBED: gettext("the person unsubscribed."),
        ConfirmationSent.Ended.EXPIRED: gettext(
            "the link has expired; the person can ask again on the subscribe page."),
    }
    found = {}
    for release in releases:
        state = ended.get(release.object_id, ConfirmationSent.Ended.EXPIRED)
        if state in why:
            found[release.pk] = why[state]
    return found


def _key_id(recipient_key: str, prefix: str) -> int | None:
    """The id in an outbox recipient key such as ``subscriber:12`` or ``user:3:variant``."""
    parts = recipient_key.split(":")
    return int(parts[1]) if len(parts) > 1 and parts[0] == prefix and parts[1].isdigit() \
        else None


def notice_event(entry: EvidenceEntry) -> topics.Event:
    """The plain ``topics.Event`` of an evidence entry: for a consultation opening, with the
    translation key of the policy it is about (``ConsultationPage.policy``). One query for
    such an entry, none for others."""
    policy_key = None
    if entry.kind in topics.POLICY_KINDS:
        policy = getattr(entry.page.specific, "policy", None)
        policy_key = str(policy.translation_key) if policy is not None else None
    return topics.Event(kind=entry.kind, page_key=str(entry.page.translation_key),
                        policy_key=policy_key)


def subscriber_interests(subscriber: Subscriber) -> list[topics.Interest]:
    """What ``subscriber`` follows, as plain ``topics.Interest`` values (their subscriptions,
    prefetched with their pages, or one query)."""
    return [topics.Interest(topic=s.topic,
                            page_key=str(s.page.translation_key) if s.page_id else None)
            for s in subscriber.subscriptions.all()]


def _too_old(days: int) -> str:
    return gettext("what it tells of is more than %(days)s days old, and the notices run "
                   "looks back no further.") % {"days": days}


def released_notices_not_going(releases: list) -> dict[int, str]:
    """Why each released notice to a subscriber (``notice``, ``caught_up``: keyed
    ``subscriber:<id>``) will never go, by release (or unconfirmed row) id, as
    ``services.notices_send`` decides: the subscriber unsubscribed (they are deleted), what
    it tells of (the change, or the translation catching up) is older than the run's
    look-back (``topics.LOOK_BACK``), or (a notice of a change) the subscriber no longer
    follows what the change is about (``topics.concerns``). One still to go is left out.
    At most five queries (one when nobody is left); never an address."""
    ids = {_key_id(r.recipient_key, "subscriber") for r in releases} - {None}
    subscribers = Subscriber.objects.filter(pk__in=ids).prefetch_related("subscriptions__page")
    interests = {s.pk: subscriber_interests(s) for s in subscribers}
    since = timezone.now() - topics.LOOK_BACK
    of_kind = {kind: {r.object_id for r in releases if r.kind == kind
                      and _key_id(r.recipient_key, "subscriber") in interests}
               for kind in ("notice", "caught_up")}
    entries = (EvidenceEntry.objects.filter(pk__in=of_kind["notice"]).select_related("page")
               .in_bulk() if of_kind["notice"] else {})
    caught_up = (dict(TranslationVersion.objects.filter(pk__in=of_kind["caught_up"])
                      .values_list("pk", "recorded_at")) if of_kind["caught_up"] else {})
    events = {pk: notice_event(entry) for pk, entry in entries.items()
              if entry.page_id is not None and entry.recorded_at > since}
    found = {}
    for release in releases:
        subscriber_id = _key_id(release.recipient_key, "subscriber")
        if subscriber_id not in interests:
            found[release.pk] = gettext("the person unsubscribed.")
        elif release.kind == "caught_up":
            if caught_up.get(release.object_id, since) <= since:
                found[release.pk] = _too_old(topics.LOOK_BACK.days)
        elif release.object_id not in events:
            found[release.pk] = _too_old(topics.LOOK_BACK.days)
        elif not topics.concerns(events[release.object_id], interests[subscriber_id]):
            found[release.pk] = gettext(
                "the person no longer follows what this change is about.")
    return found


def released_subscriber_notices_not_going(releases: list) -> dict[int, str]:
    """Why each released notice of a change to a subscriber (``notice``, keyed
    ``subscriber:<id>``) will never go, by release (or unconfirmed row) id
    (``released_notices_not_going``: unsubscribed, too old, no longer followed). One to a
    subscriber who reads weekly now goes too, at once ("Send notices" sends a released
    notice whichever way its reader reads, and the weekly e-mail leaves it out:
    ``services._released_to_subscribers``). One still to go is left out. Never an
    address."""
    return released_notices_not_going(releases)


def released_subscriber_emails_not_going(releases: list) -> dict[int, str]:
    """Why each released e-mail about a subscriber (``digest``, ``subscribed``: about the
    ``Subscriber``) will never go, by release (or unconfirmed row) id: the subscriber
    unsubscribed, or (a digest) now hears at once, so the changes it listed go that way.
    One still to go is left out. One query; never an address."""
    frequency = dict(Subscriber.objects.filter(pk__in={r.object_id for r in releases})
                     .values_list("pk", "frequency"))
    found = {}
    for release in releases:
        if release.object_id not in frequency:
            found[release.pk] = gettext("the person unsubscribed.")
        elif (release.kind == "digest"
              and frequency[release.object_id] != Subscriber.Frequency.WEEKLY):
            found[release.pk] = gettext("they now hear at once: what it listed goes that way.")
    return found


#: The Django groups that hold each staff role (``charter.permissions``); superusers count
#: as officers.
STAFF_ROLES = {FORUM_GROUP: staff_topics.FORUM, OFFICERS_GROUP: staff_topics.OFFICERS}


def released_staff_notices_not_going(releases: list) -> dict[int, str]:
    """Why each released notice to the forum or officers (``staff:<event>``, keyed
    ``user:<id>``) will never go, by release (or unconfirmed row) id, as
    ``services.staff_notices_send`` decides: the account was deleted or is switched off, has
    no e-mail address now, no longer holds a role the event is told to
    (``staff_topics.AUDIENCES``: a representative's notice to someone now only an officer),
    or the person turned these e-mails off (their notices' page, or their mail program's
    one-click unsubscribe), or the run no longer finds what it tells of (``staff_events``
    over ``staff_topics.LOOK_BACK``: it happened longer ago, or the deadline, opening or
    closing it told of has passed, or the calendar problem changed). One to someone who
    reads a daily e-mail now goes too, at once (the daily e-mail leaves it out:
    ``services._released_to_staff``). One still to go is left out. Two queries, and those of
    ``staff_events`` when any is left; never an address."""
    ids = {_key_id(r.recipient_key, "user") for r in releases} - {None}
    users = {pk: (active, bool(email), superuser, frequency) for pk, active, email, superuser,
             frequency in get_user_model().objects.filter(pk__in=ids).values_list(
                 "pk", "is_active", "email", "is_superuser", "notice_preference__frequency")}
    roles: dict[int, set] = {}
    for pk, group in get_user_model().objects.filter(
            pk__in=ids, groups__name__in=list(STAFF_ROLES)).values_list("pk", "groups__name"):
        roles.setdefault(pk, set()).add(STAFF_ROLES[group])
    lost = {frozenset({staff_topics.FORUM}): gettext(
                "the person is no longer a forum representative, and this notice is for "
                "representatives."),
            frozenset({staff_topics.OFFICERS}): gettext(
                "the person is no longer an officer, and this notice is for officers.")}
    found = {}
    for release in releases:
        user_id = _key_id(release.recipient_key, "user")
        if user_id not in users:
            found[release.pk] = gettext("the account was deleted.")
            continue
        active, has_email, superuser, frequency = users[user_id]
        held = roles.get(user_id, set()) | ({staff_topics.OFFICERS} if superuser else set())
        audience = staff_topics.AUDIENCES.get(release.kind.removeprefix("staff:"), frozenset())
        if not active:
            found[release.pk] = gettext("the account is switched off.")
        elif not has_email:
            found[release.pk] = gettext("the account has no e-mail address now.")
        elif not held:
            found[release.pk] = gettext(
                "the person is no longer a forum representative or officer.")
        elif not held & audience:
            found[release.pk] = lost.get(audience, gettext(
                "the person is no longer a forum representative or officer."))
        elif frequency == StaffNoticePreference.Frequency.OFF:
            found[release.pk] = gettext("the person turned these e-mails off.")
    waiting = [r for r in releases if r.pk not in found]
    if waiting:
        now = timezone.now()
        current = {(e.outbox_kind, ContentType.objects.get_for_model(e.about).pk,
                    e.about.pk, e.variant)
                   for e in staff_events(now=now, since=now - staff_topics.LOOK_BACK)}
        for release in waiting:
            variant = release.recipient_key.split(":", 2)[2:]
            if (release.kind, release.content_type_id, release.object_id,
                    variant[0] if variant else "") not in current:
                found[release.pk] = _staff_event_over(release.kind.removeprefix("staff:"))
    return found


def _staff_event_over(event: str) -> str:
    """Why a staff notice of ``event`` no run will send any more: the state it told of is
    over (a deadline passed, a consultation opened or closed, a calendar problem changed),
    or, for the rest, it happened longer ago than the run looks back."""
    over = {
        staff_topics.DEADLINE_SOON: gettext(
            "the review's deadline has passed, or the review has ended."),
        staff_topics.OPENS_SOON: gettext(
            "the consultation has opened since, or its dates changed."),
        staff_topics.CLOSES_SOON: gettext(
            "the consultation has closed since, or its dates changed."),
        staff_topics.WINDOW_IN_HOLIDAY: gettext(
            "the calendar problem it told of has changed or been put right."),
    }
    return over.get(event) or _too_old(staff_topics.LOOK_BACK.days)


def released_staff_digests_not_going(releases: list) -> dict[int, str]:
    """Why each released daily e-mail to the forum or officers (``staff_digest``, about the
    ``StaffNoticePreference``) will never go, by release (or unconfirmed row) id: the person
    turned these e-mails off, now hears at once (what it listed goes that way), or their
    account was deleted. One still to go is left out. One query; never an address."""
    frequency = dict(StaffNoticePreference.objects.filter(
        pk__in={r.object_id for r in releases}).values_list("pk", "frequency"))
    found = {}
    for release in releases:
        now = frequency.get(release.object_id)
        if now is None:
            found[release.pk] = gettext("the account was deleted.")
        elif now == StaffNoticePreference.Frequency.OFF:
            found[release.pk] = gettext("the person turned these e-mails off.")
        elif now != StaffNoticePreference.Frequency.DAILY:
            found[release.pk] = gettext("they now hear at once: what it listed goes that way.")
    return found
