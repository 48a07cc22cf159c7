"""Reads the public pages need, shaped for their templates.

Each selector does a fixed number of queries whatever the size of the content:
rich text for a whole page is expanded in one pass, glossary terms come from
the cache, and page links are resolved in bulk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from copy import copy as shallow_copy
from dataclasses import dataclass, field
from html import unescape as html_unescape
from pathlib import Path

import snowballstemmer
from celery import schedules as celery_schedules
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import OuterRef, Subquery
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.html import (
    conditional_escape,
    escape,
    format_html,
    format_html_join,
    strip_tags,
)
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info
from django_celery_beat.models import PeriodicTask
from django_celery_results.models import TaskResult
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import expand_db_html
from wagtail.search.index import get_indexed_models

from charter import search as charter_search
from charter.models import CharterPage, ForumReviewTaskState, WorkingAgreementPage
from core import jargon, memo, normalising
from core.cache import current_generation
from core.jargon import Term, build_matcher, explain_first_uses
from portal import hooks
from portal.blocks import section_anchor
from portal.jobs import cadence_words, job_description, schedule_cadence
from portal.left_in_english import block_texts, left_in_english, line_texts, mark_left_in_english
from portal.models.search_index import SearchIndexState
from portal.models.settings import PortalSettings
from portal.models.terms import GlossaryTerm
from portal.phone_numbers import (
    email_filled_in,
    email_filled_in_html,
    phone_filled_in,
    phone_filled_in_html,
    phone_numbers_in,
)
from portal.readability import score_sections
from portal.search_text import is_urgent, matching_phrases, vocabulary, word_pairs
from portal.text_direction import english_runs, text_language, written_in

_SPLIT = "<!--portal-fragment-->"


def expand_rich_texts(sources: list[str]) -> list[str]:
    """Expand many stored rich-text values at once, so links resolve in one query per kind."""
    if not sources:
        return []
    expanded = expand_db_html(_SPLIT.join(sources))
    return expanded.split(_SPLIT)


# --- which language content is in ----------------------------------------------------


@dataclass(frozen=True)
class ContentLanguages:
    """Which language each locale's content is written in.

    ``by_locale`` maps a locale's id to its language code ("en-gb", "pl", "ar");
    ``alias_sources`` maps each page that is an alias of a page in another locale (a
    wagtail-localize copy not yet translated) to the locale its words come from.
    """

    by_locale: dict[int, str]
    alias_sources: dict[int, int]


_languages_memo: dict[int, ContentLanguages] = {}


def content_languages() -> ContentLanguages:
    """Every locale's language and every untranslated alias's source locale: two queries,
    cached until the next publish (publishing is what makes or ends an alias), and kept in
    memory for the same cache generation, so a page marking many items asks the cache once
    per item and the database not at all."""
    generation = current_generation()
    found = _languages_memo.get(generation)
    if found is not None:
        return found
    key = f"portal:content-languages:{generation}"
    found = cache.get(key)
    if found is None:
        by_locale = dict(Locale.objects.values_list("id", "language_code"))
        alias_sources = {
            page_id: source_locale
            for page_id, locale_id, source_locale in Page.objects.filter(
                alias_of__isnull=False).values_list("id", "locale_id", "alias_of__locale_id")
            if locale_id != source_locale
        }
        found = ContentLanguages(by_locale=by_locale, alias_sources=alias_sources)
        cache.set(key, found, 3600)
    _languages_memo.clear()
    _languages_memo[generation] = found
    return found


def forget_content_languages() -> None:
    """Drop this process's memo of ``content_languages`` (the tests do, between tests: a
    frozen clock can give two databases the same cache generation)."""
    _languages_memo.clear()


def content_language(obj) -> str:
    """The language code of the words ``obj`` (a page or a translatable snippet) holds: its
    own locale's, or for an untranslated alias its source page's; "" for anything else."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return ""
    languages = content_languages()
    if getattr(obj, "alias_of_id", None):
        locale_id = languages.alias_sources.get(obj.pk, locale_id)
    return languages.by_locale.get(locale_id, "")


# --- glossary ---------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryContext:
    terms: tuple[Term, ...]
    url: str
    # Per term slug, in a language copy of the glossary: whether its explanation is still
    # the English one (not translated yet), and the English original's words (its term,
    # what it stands for, its other spellings), which a translation may quote in brackets.
    english: dict[str, tuple[bool, tuple[str, ...]]] = field(default_factory=dict)


def glossary_context(locale_id: int) -> GlossaryContext:
    """Published terms and the glossary page's URL for a locale, cached until the next publish."""
    key = f"portal:glossary:{current_generation()}:{locale_id}"
    found = cache.get(key)
    if found is None:
        terms = tuple(
            t.as_term()
            for t in GlossaryTerm.objects.filter(live=True, locale_id=locale_id).order_by("term")
        )
        # The glossary page is found by its content type: the page classes use this module,
        # so it names none of them.
        glossaries = Page.objects.live().filter(content_type__app_label="portal",
                                                content_type__model="glossarypage")
        page = glossaries.filter(locale_id=locale_id).first() or glossaries.first()
        found = GlossaryContext(terms=terms, url=page.url if page else "",
                                english=_english_originals(locale_id))
        cache.set(key, found, 3600)
    return found


def _english_originals(locale_id: int) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """For a language copy's terms (see ``GlossaryContext.english``); empty for English."""
    default = Locale.get_default()
    if locale_id == default.pk:
        return {}
    originals = {t.translation_key: t for t in GlossaryTerm.objects.filter(locale=default)}
    out = {}
    for copy in GlossaryTerm.objects.filter(live=True, locale_id=locale_id):
        original = originals.get(copy.translation_key)
        if original is None:
            continue
        words = tuple(w for w in (original.term, original.stands_for, *original.alias_list) if w)
        out[copy.slug] = (copy.as_term().explanation == original.as_term().explanation, words)
    return out


_matchers: dict[tuple[Term, ...], tuple] = {}


def _matcher(terms: tuple[Term, ...]):
    # Compiling the pattern is the costly part; terms change rarely, so keep a few.
    matcher = _matchers.get(terms)
    if matcher is None:
        if len(_matchers) > 16:
            _matchers.clear()
        matcher = _matchers[terms] = build_matcher(terms)
    return matcher


_ENGLISH_MARK = mark_safe(' lang="en" dir="ltr"')  # noqa: S308 - a fixed string


def _gloss_marks(explanation: str, language: str,
                 english: tuple[bool, tuple[str, ...]] | None) -> tuple[str, str]:
    """The tip's own language attributes and its HTML (WCAG 3.1.2): an explanation in
    English on a Polish or Arabic page (not translated yet) is marked English; one in the
    page's language says so (on a page shown untranslated it sits inside English words
    marked ``lang="en"``), with the English original's words quoted in brackets in it
    ("(Education, Health and Care plan)") marked English."""
    base = (language or "").split("-")[0]
    if not base or base == "en":
        return "", explanation
    untranslated, phrases = english or (False, ())
    runs = english_runs(explanation, language=base, untranslated=untranslated,
                        english_phrases=phrases)
    if runs == [(explanation, True)]:
        return _ENGLISH_MARK, explanation
    own = format_html(' lang="{}" dir="{}"', base, "rtl" if get_language_info(base)["bidi"]
                      else "ltr")
    body = format_html_join("", "{}", ((format_html("<span{}>{}</span>", _ENGLISH_MARK, run)
                                        if english else run,) for run, english in runs))
    return own, body


@dataclass(frozen=True)
class ExplainedTerm:
    """A row of a page's "Words explained on this page" box: the ``term`` as the reader
    meets it, and its ``explanation`` (HTML) with ``marks``, the explanation's own
    `` lang="…" dir="…"`` on a Polish or Arabic page ("" on an English one), as its tip
    has (``_gloss_marks``): on a page still in English the explanation is in the reader's
    language, and only the term is English."""

    term: str
    slug: str
    explanation: SafeString
    marks: SafeString


def explained_entries(terms: list[Term], locale_id: int) -> list[ExplainedTerm]:
    """The box's rows for ``terms`` (from ``explain_terms``), each explanation marked with
    its own language."""
    glossary = glossary_context(locale_id)
    language = content_languages().by_locale.get(locale_id, "")
    out = []
    for term in terms:
        marks, body = _gloss_marks(term.explanation, language, glossary.english.get(term.slug))
        out.append(ExplainedTerm(term=term.term, slug=term.slug,
                                 explanation=conditional_escape(body), marks=marks))
    return out


def explain_terms(fragments: list[str], locale_id: int) -> tuple[list[str], list[Term]]:
    """Explain the first use of each glossary term across a page's fragments."""
    glossary = glossary_context(locale_id)
    language = content_languages().by_locale.get(locale_id, "")

    def render(term: Term, text: str) -> str:
        return format_html(
            '<span class="portal-term"><a class="portal-term__link" href="{}#{}" '
            'aria-describedby="term-{}">{}</a><span class="portal-term__tip" role="tooltip" '
            'id="term-{}"{}>{}</span></span>',
            glossary.url,
            term.slug,
            term.slug,
            mark_safe(text),  # noqa: S308 - already-escaped HTML text from the fragment
            term.slug,
            *_gloss_marks(term.explanation, language, glossary.english.get(term.slug)),
        )

    return explain_first_uses(fragments, glossary.terms, render, matcher=_matcher(glossary.terms))


def glossary_terms_by_letter(locale_id: int) -> list[tuple[str, list]]:
    """The published terms of a locale under their first letter, A to Z ("#" for a term
    that does not start with a Latin letter): ``[(letter, [GlossaryTerm, ...]), ...]``.

    Each term's ``stands_for_runs`` is what its letters stand for as ``english_runs`` cuts
    it, ``[(run, is_english)]``: all English when a translation still gives the English
    source's words, and the source's words quoted in a translation ("Plan edukacji,
    zdrowia i opieki (Education, Health and Care plan)") English on their own, to be
    marked English (WCAG 3.1.2). One query."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    source = GlossaryTerm.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=default)
    terms = (GlossaryTerm.objects.filter(live=True, locale_id=locale_id).order_by("term")
             .select_related("locale")
             .annotate(source_stands_for=Subquery(source.values("stands_for")[:1])))
    letters: dict[str, list] = {}
    for term in terms:
        translated = term.locale.language_code != default
        term.stands_for_runs = english_runs(
            term.stands_for, language=term.locale.language_code if translated else "",
            untranslated=translated and term.stands_for == term.source_stands_for,
            english_phrases=(term.source_stands_for or "",))
        first = term.term[:1].upper()
        letter = first if "A" <= first <= "Z" else "#"
        letters.setdefault(letter, []).append(term)
    return sorted(letters.items())


# --- plain language ---------------------------------------------------------


def plain_language_settings(site=None):
    """The site's plain-language settings (target, sentence limit, words to avoid)."""
    site = site or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return PortalSettings.for_site(site) if site else PortalSettings()


def page_readability(page, *, site=None):
    """Score a page (saved or not) for the editor panel and the publish record.

    Returns None for pages with no prose to score.
    """
    if not hasattr(page, "plain_text_sections"):
        return None
    options = plain_language_settings(site or (page.get_site() if page.pk else None))
    glossary = glossary_context(page.locale_id).terms if page.locale_id else ()
    sections = page.reading_sections() if hasattr(page, "reading_sections") else (
        page.plain_text_sections())
    return score_sections(
        sections,
        intro=page.plain_text_intro(),
        glossary=glossary,
        words_to_avoid=options.words_to_avoid_list,
        long_sentence_words=options.long_sentence_words,
        language=page.locale.language_code if page.locale_id else "en",
        reading_age_target=options.reading_age_target,
    )


# --- policies ---------------------------------------------------------------


@dataclass
class Section:
    block_id: str
    anchor: str
    heading: str
    body: SafeString
    summary: list[str] = field(default_factory=list)


def _unique_anchor(heading: str, used: set[str]) -> str:
    anchor = base = section_anchor(heading)
    n = 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor


def kept_reading_view(page, request, build) -> dict:
    """``build(page, request)`` (``policy_reading_view``, ``faq_reading_view``) for a published page
    being served, kept until the next purge (``core.memo``): the jargon rule, anchors and
    rich-text expansion give the same answer for every reader until the page, a glossary term
    or any other page is published, and each of those purges. A preview (draft words) or an
    unsaved page is built afresh. Each caller gets its own lists; the items are shared and
    read-only."""
    if getattr(request, "is_preview", False) or page.pk is None:
        return build(page, request)
    found = memo.remember(
        (build.__name__, page.pk, page.live_revision_id, page.locale_id),
        lambda: build(page, request))
    return {key: list(value) if isinstance(value, list) else value
            for key, value in found.items()}


def english_source(page):
    """The English (default locale) page ``page`` is a translation of, of its own type, or
    None: for ``page`` in the default locale, for an alias (the whole page is marked
    English already) or a page with no English source. One query."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if page.pk is None or getattr(page, "alias_of_id", None) or not page.translation_key:
        return None
    locale = getattr(page, "locale", None)
    if locale is None or locale.language_code == default:
        return None
    return (type(page).objects.filter(translation_key=page.translation_key,
                                      locale__language_code=default)
            .exclude(pk=page.pk).first())


def _english_texts(sources: list[str]) -> set[str]:
    found: set[str] = set()
    for source in sources:
        found |= block_texts(source)
    return found


def policy_reading_view(page, request=None) -> dict:
    """Sections with anchors and explained jargon, the contents list, and the terms explained.

    On a translation, each paragraph, heading or list item still in the English source's
    words (wagtail-localize's fallback for a missing translation) is marked
    ``lang="en" dir="ltr"`` (``portal.left_in_english``); so is each section heading and
    summary point (``LeftInEnglish``, marked by the template's ``english_attrs``)."""
    blocks = list(page.sections)
    bodies = expand_rich_texts([b.value["body"].source for b in blocks])
    source = english_source(page)
    lines: set[str] = set()
    if source is not None:
        english = _english_texts([b.value["body"].source for b in source.sections])
        bodies = [mark_left_in_english(body, english) for body in bodies]
        lines = line_texts([line for b in source.sections
                            for line in (b.value["heading"], *b.value["summary"])])
    fragments, explained = explain_terms([escape(page.in_short), *bodies], page.locale_id)
    used: set[str] = set()
    sections = [
        Section(
            block_id=b.id,
            anchor=_unique_anchor(b.value["heading"], used),
            heading=left_in_english(b.value["heading"], lines),
            body=mark_safe(body),  # noqa: S308 - rich text already sanitised by Wagtail
            summary=[left_in_english(point, lines) for point in b.value["summary"]],
        )
        for b, body in zip(blocks, fragments[1:], strict=True)
    ]
    return {
        "in_short_html": mark_safe(fragments[0]),  # noqa: S308 - escaped above
        "sections": sections,
        "explained_terms": explained_entries(explained, page.locale_id),
    }


# --- the transport team's number -----------------------------------------------------


def transport_phone(request=None) -> str:
    """The transport team's number as written ("01234 567 890"): the one in Settings >
    Portal settings > Service details of ``request``'s site (the default site without a
    request), which the banners, footers and urgent boxes give in every language
    (``ServiceDetails.localized``); ``PORTAL_TRANSPORT_PHONE`` (the error page's) when none
    is set; "" when neither is. What every ``{phone}`` an officer wrote shows
    (``portal.phone_numbers.PHONE_PLACEHOLDER``). Kept until the next purge
    (``core.memo``): saving Service details or Portal settings purges."""

    def read() -> str:
        site = (Site.find_for_request(request) if request is not None
                else Site.objects.filter(is_default_site=True).first())
        details = PortalSettings.for_site(site).service_details if site is not None else None
        return (details.phone if details is not None else "") or (
            settings.PORTAL_TRANSPORT_PHONE or "")

    return memo.remember(("transport-phone", request.get_host() if request else ""), read)


def transport_email(request=None) -> str:
    """The transport team's e-mail address as written: the one in Service details of
    ``request``'s site (the default site without a request), the English row's, which the
    footer gives in every language; "" when none is set. What every ``{email}`` an officer
    wrote shows (``portal.phone_numbers.EMAIL_PLACEHOLDER``). Kept until the next purge."""

    def read() -> str:
        site = (Site.find_for_request(request) if request is not None
                else Site.objects.filter(is_default_site=True).first())
        details = PortalSettings.for_site(site).service_details if site is not None else None
        return (details.email if details is not None else "") or ""

    return memo.remember(("transport-email", request.get_host() if request else ""), read)


def _tel_link(href: str, text: str) -> str:
    # As the template's tel_links draws a number (portal/templatetags/phone_links.py).
    return format_html('<a class="govuk-link portal-tel" href="{}"><bdi dir="ltr">{}</bdi></a>',
                       href, mark_safe(text))  # noqa: S308 - text escaped by the caller


def _mail_link(href: str, text: str) -> str:
    # As the template's mail_links draws an address (portal/templatetags/phone_links.py);
    # the href is escaped here (an address with a quote cannot leave the attribute).
    return format_html('<a class="govuk-link" href="{}"><bdi dir="ltr">{}</bdi></a>',
                       href, mark_safe(text))  # noqa: S308 - text escaped by the caller


def with_transport_phone_html(html: str, request=None) -> str:
    """Rendered rich text with each ``{phone}`` the transport team's number
    (``transport_phone``) as a ``tel:`` link, and each ``{email}`` its address
    (``transport_email``) as a ``mailto:`` link."""
    return email_filled_in_html(phone_filled_in_html(html, transport_phone(request), _tel_link),
                                transport_email(request), _mail_link)


def with_transport_phone(text: str, request=None) -> str:
    """Plain text with each ``{phone}`` the transport team's number (``transport_phone``)
    and each ``{email}`` its address (``transport_email``), as written: a template's
    ``tel_links`` and ``mail_links`` make them links."""
    return email_filled_in(phone_filled_in(text, transport_phone(request)),
                           transport_email(request))


# --- FAQs -------------------------------------------------------------------


@dataclass
class Question:
    block_id: str
    question: str
    answer: SafeString
    policy_title: str = ""
    policy_url: str = ""
    policy: Page | None = None  # the page linked: in the reader's language where there is one


@dataclass
class Topic:
    anchor: str
    title: str
    questions: list[Question]
    block_id: str = ""


def _json_ld(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False)
    # The same escapes as Django's json_script, so the JSON cannot close the <script>.
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308


def policies_in_locale(policies, locale_id: int) -> dict:
    """Each policy's live page in the language ``locale_id`` (a translation, or the alias
    that shows it untranslated in that language), by translation key: what Wagtail's
    ``Page.localized`` gives for each, in one query for them all (the policies' own page
    class is asked, so this module names none)."""
    given = [p for p in policies if p is not None]
    keys = {p.translation_key for p in given if p.locale_id != locale_id}
    if not keys:
        return {}
    return {p.translation_key: p for p in type(given[0]).objects.live().filter(
        locale_id=locale_id, translation_key__in=keys)}


def section_anchors(policy) -> dict[str, str]:
    """Each section's fragment id on the policy's page, by block id (as
    ``policy_reading_view`` gives them: a heading with no Latin letters, or one used twice,
    is numbered)."""
    used: set[str] = set()
    return {b.id: _unique_anchor(b.value["heading"], used) for b in policy.sections}


def _section_fragment(policy, target, heading: str) -> str:
    """The fragment id, on ``target`` (``policy`` or its translation), of the section headed
    ``heading`` in ``target`` or ``policy``: wagtail-localize keeps each section's block id,
    so a heading in either language is found by it."""
    wanted = section_anchor(heading)
    # The heading itself first, on either page: a translated FAQ may still choose the
    # English policy while its section names the translated heading, and a heading without
    # Latin letters (Arabic) has no slug of its own ("section"), so slugs alone would take
    # every Arabic heading for the first section.
    blocks = [b for page in (target, policy) for b in page.sections
              if b.value["heading"].strip() == heading.strip()]
    if not blocks and wanted != section_anchor(""):
        blocks = [b for b in policy.sections if section_anchor(b.value["heading"]) == wanted]
    for block in blocks:
        anchor = section_anchors(target).get(block.id)
        if anchor:
            return anchor
    return wanted


def _language_tag(code: str) -> str:
    """A language code as a BCP 47 tag, as schema.org's ``inLanguage`` takes it: "en-gb"
    gives "en-GB", "pl" gives "pl"."""
    language, _, region = (code or "").partition("-")
    return f"{language}-{region.upper()}" if region else language


def faq_anchors(page) -> tuple[dict[str, str], list[str]]:
    """The FAQ page's fragment ids, as its template gives them: each topic's, by its block id,
    and each question's, in reading order ("q-" and the question's words; a second use of
    the same words is numbered)."""
    used: set[str] = set()
    topics: dict[str, str] = {}
    questions: list[str] = []
    for topic in page.topics:
        for q in topic.value["questions"]:
            if topic.id not in topics:
                topics[topic.id] = _unique_anchor(topic.value["title"], used)
            questions.append(f"q-{_unique_anchor(q['question'], used)}")
    return topics, questions


@dataclass(frozen=True)
class UrgentAnswer:
    """The FAQ's answer for "my child's transport has not come", shown as a search's first
    best answer: the question and its answer in plain text (its phone number made tappable
    where it is shown), the address of the question on the FAQ page, and that page;
    ``description`` is the words an officer gave their promoted link to that FAQ page for
    the search, shown with the answer ("" when none)."""

    question: str
    answer: str
    url: str
    faq: Page
    description: str = ""


def _urgent_questions(faq) -> list[int]:
    """The places (in reading order) of ``faq``'s questions that read as "transport has not
    come" (``portal.search_text.is_urgent``), in the FAQ's own language."""
    language = content_language(faq) or faq.locale.language_code
    return [n for n, q in enumerate(q for topic in faq.topics for q in topic.value["questions"])
            if is_urgent(q["question"], language)]


def urgent_faq_answer(locale, *, faq_pages, request=None) -> UrgentAnswer | None:
    """The urgent answer from the FAQ in ``locale`` (the first live page in it of
    ``faq_pages``, the FAQ pages' queryset): its question that reads as "transport has not
    come", or, where the translation words it otherwise, the one in the same place as such
    a question of the page it translates (wagtail-localize keeps each topic's block and its
    questions' order). Of several, the first whose answer gives a phone number (the one to
    tap), else the first. None when the FAQ has no such question, or there is no FAQ.

    Two or three queries (the FAQ, and the page it translates when its own words do not
    say it), and one when the answer links to a page."""
    faq = faq_pages.live().filter(locale=locale).specific().first()
    if faq is None:
        return None
    items = [(topic.id, place, q) for topic in faq.topics
             for place, q in enumerate(topic.value["questions"])]
    found = _urgent_questions(faq)
    if not found:
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        source = faq_pages.live().filter(
            translation_key=faq.translation_key, locale__language_code=default).exclude(
            locale=locale).specific().first()
        if source is not None:
            source_items = [(topic.id, place) for topic in source.topics
                            for place, _ in enumerate(topic.value["questions"])]
            urgent = {source_items[n] for n in _urgent_questions(source)}
            found = [n for n, (topic, place, _) in enumerate(items) if (topic, place) in urgent]
    if not found:
        return None
    answers = {n: with_transport_phone(strip_tags(html), request) for n, html in zip(
        found, expand_rich_texts([items[n][2]["answer"].source for n in found]), strict=True)}
    chosen = next((n for n in found if phone_numbers_in(answers[n])), found[0])
    _, anchors = faq_anchors(faq)
    return UrgentAnswer(question=items[chosen][2]["question"],
                        answer=" ".join(html_unescape(answers[chosen]).split()),
                        url=f"{faq.get_url(request)}#{anchors[chosen]}", faq=faq)


# Where a block of rich text ends (a paragraph, heading, list item, line break): a reader
# sees a gap there, so the structured data keeps a space.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|ul|ol)\s*>|<br\s*/?>", re.IGNORECASE)


def _read_as_text(html: str) -> str:
    """Rich text ``html`` as plain text a reader sees: tags out, a space where a paragraph,
    heading, list item or line ends ("…first.</p><p>Then…" is "…first. Then…"), runs of
    whitespace one space, entities as written by ``strip_tags``."""
    return " ".join(strip_tags(_BLOCK_END.sub(lambda m: m.group(0) + " ", html)).split())


def faq_reading_view(page, request=None) -> dict:
    """Topics and questions with explained jargon, policy links, and the FAQPage JSON-LD.

    A question's "Read more in the policy" link goes to the policy in the FAQ's language
    where it is published there (its section found by block id, as headings are
    translated), else to the English policy (``Question.policy`` says which, so the
    template can mark an English title).
    """
    items = [
        (topic, q) for topic in page.topics for q in topic.value["questions"]
    ]
    localised = policies_in_locale([q["policy"] for _, q in items], page.locale_id)
    # "{phone}" is the number in Service details, a tel: link (and in the structured data).
    plain_answers = [with_transport_phone_html(html, request) for html in
                     expand_rich_texts([q["answer"].source for _, q in items])]
    source = english_source(page)
    lines: set[str] = set()
    if source is not None:
        english = _english_texts([q["answer"].source for topic in source.topics
                                  for q in topic.value["questions"]])
        plain_answers = [mark_left_in_english(html, english) for html in plain_answers]
        # Topic titles and questions still in the English source's words are marked too.
        lines = line_texts([line for topic in source.topics for line in (
            topic.value["title"], *(q["question"] for q in topic.value["questions"]))])
    # The structured data carries the words a reader sees, without the glossary tips.
    answers, explained = explain_terms(plain_answers, page.locale_id)
    topics: dict[str, Topic] = {}
    topic_anchors, question_anchors = faq_anchors(page)
    entities = []
    for (topic_block, q), answer, plain, anchor in zip(items, answers, plain_answers,
                                                       question_anchors, strict=True):
        topic = topics.get(topic_block.id)
        if topic is None:
            title = left_in_english(topic_block.value["title"], lines)
            topic = topics[topic_block.id] = Topic(
                topic_anchors[topic_block.id], title, [], block_id=topic_block.id
            )
        policy = q["policy"]
        url = ""
        if policy is not None and policy.live:
            policy = localised.get(policy.translation_key, policy)
            url = policy.url or ""
            if url and q["policy_section"]:
                url = f"{url}#{_section_fragment(q['policy'], policy, q['policy_section'])}"
        topic.questions.append(
            Question(
                block_id=anchor,
                question=left_in_english(q["question"], lines),
                answer=mark_safe(answer),  # noqa: S308 - rich text already sanitised by Wagtail
                policy_title=policy.title if policy is not None else "",
                policy_url=url,
                policy=policy,
            )
        )
        entities.append(
            {
                "@type": "Question",
                "name": q["question"],
                "acceptedAnswer": {"@type": "Answer", "text": _read_as_text(plain)},
            }
        )
    # The language of the words themselves: English on a Polish or Arabic address that
    # shows the English page untranslated (an alias).
    json_ld = {"@context": "https://schema.org", "@type": "FAQPage",
               "inLanguage": _language_tag(content_language(page)), "mainEntity": entities}
    return {
        "topics": list(topics.values()),
        "faq_json_ld": _json_ld(json_ld),
        "explained_terms": explained,
    }


# --- home -------------------------------------------------------------------


def home_sections(page, *, policies, faq_pages, glossary_pages, updates) -> dict:
    """What the home page ``page`` lists in its language: its policies by title, the FAQ and
    glossary pages, the three latest updates, the charter pages, the drafts with the forum,
    and what the page apps add (``portal.hooks``). The home page hands over its sibling page
    types' querysets (``policies``, ``faq_pages``, ``glossary_pages``, ``updates``), so this
    module names no page class. A fixed number of queries."""
    locale_id = page.locale_id

    def published_lists() -> dict:
        return {
            "policies": list(
                policies.live().public().filter(locale_id=locale_id)
                .only("id", "title", "in_short", "url_path", "path", "depth", "locale_id",
                      "slug", "alias_of_id")
                .order_by("title")),
            "faq_page": faq_pages.live().filter(locale_id=locale_id).first(),
            "glossary_page": glossary_pages.live().filter(locale_id=locale_id).first(),
            "updates": list(
                updates.live().public().filter(locale_id=locale_id)
                .only("id", "title", "date", "url_path", "path", "depth", "locale_id", "slug")
                .order_by("-date", "-id")[:3]),
            "charter_pages": list(
                Page.objects.live().public().filter(locale_id=locale_id).type(
                    CharterPage, WorkingAgreementPage).order_by("path")),
        }

    # Only publishing changes these lists, and it purges: read once per purge (core.memo).
    # The drafts with the forum and what is open now are read on every request.
    published = {key: list(value) if isinstance(value, list) else value
                 for key, value in memo.remember(("home-lists", locale_id),
                                                 published_lists).items()}
    in_review = (
        ForumReviewTaskState.objects.filter(status="in_progress")
        .select_related("workflow_state").only("deadline", "workflow_state__object_id")
    )
    review_ids = {int(r.workflow_state.object_id): r.deadline for r in in_review}
    drafts = [
        {"title": p.title, "deadline": review_ids[p.pk], "page": p}
        for p in Page.objects.filter(pk__in=review_ids).only(
            "id", "title", "locale_id", "alias_of_id").order_by("title")
    ]
    return {
        **published,
        "drafts_with_forum": drafts,
        **hooks.home_sections(locale_id),
    }


def active_locale() -> Locale:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def translations_for(page: Page | None) -> dict[str, Page]:
    """Live versions of a page in every language, keyed by language code."""
    if page is None:
        return {}
    pages = (
        Page.objects.live().filter(translation_key=page.translation_key)
        .select_related("locale").only("id", "url_path", "locale__language_code", "alias_of_id",
                                       "path", "depth", "title", "slug")
    )
    return {p.locale.language_code: p for p in pages}


def translation_urls(page: Page) -> dict[str, str]:
    """The address of each live version of ``page`` (``translations_for``), keyed by
    language code; kept until the next purge (``core.memo``): publishing, unpublishing or
    moving any page purges. Read-only: the same dictionary is shared between requests."""
    return memo.remember(("translation-urls", page.pk), lambda: {
        code: found.url for code, found in translations_for(page).items()})


# --- which page and route an address leads to ------------------------------------------


@dataclass(frozen=True)
class PageRoute:
    """The page an address on the public site leads to, and the name and arguments of its
    routable sub-page (``url_name`` is "" for the page itself)."""

    page: Page
    url_name: str
    kwargs: dict


def page_route(request) -> PageRoute | None:
    """Where ``request``'s address leads in the page tree (the language prefix already taken
    off by Django's URL resolver), or None when it leads to no live page. Used by the page
    that offers a refused form again, to find out which form it was."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name != "wagtail_serve":
        return None
    # Wagtail's serve pattern captures the page path positionally.
    path = match.args[0] if match.args else match.kwargs.get("path", "")
    route = Page.route_for_request(request, path)
    if route is None:
        return None
    page = route.page.specific
    resolver = getattr(request, "routable_resolver_match", None)
    if resolver is None or not route.args:
        return PageRoute(page, "", {})
    return PageRoute(page, resolver.url_name or "", dict(resolver.kwargs))


# --- search -----------------------------------------------------------------


@dataclass(frozen=True)
class Promotion:
    """A result an officer promoted for a search, in the reader's language where translated."""

    title: str
    url: str
    description: str
    page: Page | None = None  # the page in the reader's language, or the English one


def search_promotions(query: str, request=None, *, urgent: bool | None = None
                      ) -> list[Promotion]:
    """The promoted results officers chose for this search (Wagtail's search promotions).

    A promoted search matches when all its words are in the search, in any order and in
    any form (``portal.search_text.matching_phrases``: "late" and "taxi late" match "my
    taxi is late"; Polish and Arabic spellings fold as searches do), so an officer's
    promotion is also a synonym for every search that contains it. Each page is given once,
    from its most specific match; when several matches lead to the same page, the one whose
    description is written in the reader's language (``portal.text_direction.text_language``:
    officers promote "EHCP" three times, in English, Polish and Arabic words). Two queries,
    and one per page shown.

    With ``urgent=False`` (the search does not read as "transport has not come":
    ``portal.search_text.is_urgent``), a promotion whose own words are urgent ("late",
    "taxi", "driver") is left out: "late application" is not given the not-turned-up answer.
    """
    locale = active_locale()
    candidates = list(SearchPromotion.objects.select_related("query", "page").order_by(
        "query_id", "sort_order"))
    order = matching_phrases(query, [p.query.query_string for p in candidates],
                             locale.language_code)
    reader = locale.language_code.split("-")[0]
    matched: dict[object, list[SearchPromotion]] = {}
    for promotion in (candidates[i] for i in order):
        if urgent is False and is_urgent(promotion.query.query_string, locale.language_code):
            continue
        target = promotion.page_id or promotion.external_link_url
        if target:
            matched.setdefault(target, []).append(promotion)
    out = []
    # "{phone}" and "{email}" in a description are those in Service details, as written.
    for same_target in matched.values():
        # The most specific match, unless another match for the same page is written in the
        # reader's language: "EHCP" on the Polish page reads its Polish description.
        promotion = next((p for p in same_target
                          if text_language(with_transport_phone(p.description or "", request))
                          == reader), same_target[0])
        description = with_transport_phone(promotion.description or "", request)
        if promotion.page_id:
            page = promotion.page.localized
            if not page.live:
                continue
            out.append(Promotion(page.title, page.get_url(request), description, page))
        elif promotion.external_link_url:
            out.append(Promotion(promotion.external_link_text or promotion.external_link_url,
                                 promotion.external_link_url, description))
    return out


@dataclass(frozen=True)
class SearchVocabulary:
    """The site's own words in one language (lower case) and the pairs of words it uses side
    by side (normalised: ``portal.search_text.word_pairs``), for "Did you mean".

    ``equivalents`` maps each spelling of an English glossary term (lower case: "appeal",
    "appeals") to the term in this vocabulary's language ("odwołanie", "الاستئناف"), where
    the jargon buster has it translated: a reader who misspells the English word is offered
    their own. Empty for English."""

    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    equivalents: dict[str, str] = field(default_factory=dict)
    #: The normalised forms (``core.normalising.normalise_word``) of every word the pages
    #: really in this language and its jargon buster hold (terms, other spellings and
    #: explanations): a word spelt as the site spells it, never "corrected". Empty for English
    #: (the pronouncing dictionary knows English words).
    indexed: frozenset[str] = frozenset()


def _glossary_equivalents(locale) -> dict[str, str]:
    """English glossary spellings (lower case) → the live term with the same translation key
    in ``locale``, where it is written in that language. One query; empty for English."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if locale.language_code == default:
        return {}
    terms = GlossaryTerm.objects.filter(
        live=True, locale__language_code__in=[default, locale.language_code]).values_list(
        "translation_key", "locale_id", "term", "aliases")
    english, translated = {}, {}
    for key, locale_id, term, aliases in terms:
        if locale_id == locale.pk:
            if written_in(term, language=locale.language_code):
                translated[key] = term
        else:
            english[key] = [term, *aliases.splitlines()]
    return {spelling.strip().lower(): translated[key] for key, spellings in english.items()
            if key in translated for spelling in spellings if spelling.strip()}


def search_vocabulary(locale, *, faq_pages) -> SearchVocabulary:
    """The site's own words in ``locale``'s language, for "Did you mean": page titles, FAQ
    topics and questions (of ``faq_pages``, the FAQ pages' queryset), glossary terms and
    their other spellings, and the searches officers promoted. In another language than
    English, only pages really translated count (not an untranslated copy of an English
    page), and only words written in that language (``portal.text_direction.written_in``: a
    title or question a translation left in English, an English promoted search, are left
    out), so a Polish reader is not offered English words for Polish ones. In Polish and
    Arabic, the words of the pages' text and jargon buster (``_indexed_texts``) too. Kept
    until the next purge (``core.memo``): every search asks, and they change only when something is
    published (a promoted search is seen after the next purge, as the search page's cached
    copy is)."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    english = locale.language_code == default

    def read() -> SearchVocabulary:
        pages = Page.objects.live().filter(locale=locale)
        faqs = faq_pages.live().filter(locale=locale)
        if not english:
            pages, faqs = pages.filter(alias_of__isnull=True), faqs.filter(alias_of__isnull=True)
        phrases = list(pages.values_list("title", flat=True))
        for faq in faqs:
            for topic in faq.topics:
                phrases.append(topic.value["title"])
                phrases += [q["question"] for q in topic.value["questions"]]
        for term, aliases in GlossaryTerm.objects.filter(live=True, locale=locale).values_list(
            "term", "aliases"
        ):
            phrases += [term, *aliases.splitlines()]
        if not english:
            phrases = [p for p in phrases if written_in(p, language=locale.language_code)]
        phrases += [p for p in Query.objects.filter(editors_picks__isnull=False).values_list(
            "query_string", flat=True) if written_in(p, language=locale.language_code)]
        words = vocabulary(phrases)
        indexed: frozenset[str] = frozenset()
        if not english:
            indexed = indexed_stems(locale)
            if normalising.language_of(locale.language_code) in ("ar", "pl"):
                texts = _indexed_texts(pages, locale)
                # Few Arabic or Polish words are titles or questions: "حافلة" (bus) and
                # "bilet" (ticket) are in the pages' text, so "حفالة" and "bilte" are
                # offered them.
                words |= {w for w in vocabulary(texts)
                          if written_in(w, language=locale.language_code)}
        return SearchVocabulary(frozenset(words), word_pairs(phrases, locale.language_code),
                                _glossary_equivalents(locale), indexed)

    return memo.remember(("search-vocabulary", locale.pk), read)


def _indexed_texts(pages, locale) -> list[str]:
    """The words the search index holds for ``pages`` (live pages in ``locale``, untranslated
    copies left out), as plain text, one string a page (``searchable_plain_text``, which
    every indexed page type has through ``charter.search.NormalisedSearchMixin``), and the
    live jargon buster's terms, other spellings and explanations in ``locale``."""
    texts = [page.searchable_plain_text() for page in pages.specific()
             if hasattr(page, "searchable_plain_text")]
    for row in GlossaryTerm.objects.filter(live=True, locale=locale).values_list(
            "term", "aliases", "explanation"):
        texts.append("\n".join(row))
    return texts


def indexed_stems(locale) -> frozenset[str]:
    """The normalised forms (``core.normalising.search_words`` in ``locale``'s language) of
    every word the live pages really in ``locale`` (not untranslated copies) and its jargon
    buster hold (``_indexed_texts``). Kept until the next purge (``core.memo``)."""

    def read() -> frozenset[str]:
        pages = Page.objects.live().filter(locale=locale, alias_of__isnull=True)
        return frozenset(normalising.search_words("\n".join(_indexed_texts(pages, locale)),
                                                  locale.language_code))

    return memo.remember(("indexed-stems", locale.pk), read)


def polish_word(word: str) -> bool:
    """Whether ``word`` (typed, maybe without its diacritics: "taksowka") is a word the
    Polish pages or jargon buster hold, in any of its forms (``indexed_stems``): what tells
    Polish typed without its letters from English in a search shown back. False on a site
    without a Polish locale. The Polish words are read once per purge."""
    locale = memo.remember(("locale", "pl"),
                           lambda: Locale.objects.filter(language_code="pl").first())
    return locale is not None and normalising.normalise_word(word, "pl") in indexed_stems(locale)


def english_page_word(word: str) -> bool:
    """Whether ``word`` is a word the English pages or jargon buster hold, in any of its
    forms (``indexed_stems`` of the default locale): "EHCP", "SENCo", "PaCC". With
    ``polish_word``, what tells a word both languages' pages use (an acronym) from Polish
    typed without its letters: such a word is not judged Polish (r13k F5). Read once per
    purge."""
    locale = default_locale()
    return normalising.normalise_word(word, locale.language_code) in indexed_stems(locale)


def live_glossary_rows(locale_ids) -> list[tuple]:
    """The jargon buster's live terms in ``locale_ids``, each as ``(translation_key,
    locale_id, term, aliases)`` (``aliases`` one spelling a line): what the engine indexes an
    untranslated copy's names from (``charter.search.untranslated_page_names``). One
    query."""
    return list(GlossaryTerm.objects.filter(live=True, locale_id__in=list(locale_ids))
                .values_list("translation_key", "locale_id", "term", "aliases"))


def glossary_source_spellings(query: str, locale) -> tuple[str, ...]:
    """The English spellings of the jargon buster's terms that ``query``, typed on a page in
    ``locale``, names in that locale's words ("الاستئناف" → "appeal", "appeals"): what to
    mark in the excerpt of an English page shown untranslated, found by those words
    (``charter.search.untranslated_page_names``). Empty on the English pages. One query,
    kept until the next purge (``core.memo``)."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if locale.language_code == default:
        return ()

    def read() -> tuple[tuple[str, tuple[str, ...]], ...]:
        rows = GlossaryTerm.objects.filter(
            live=True, locale__language_code__in=(default, locale.language_code)
        ).values_list("translation_key", "locale_id", "term", "aliases")
        english, own = {}, {}
        for key, locale_id, term, aliases in rows:
            spellings = (term, *(a.strip() for a in aliases.splitlines() if a.strip()))
            (own if locale_id == locale.pk else english)[key] = spellings
        return tuple((name, english[key]) for key, names in own.items() if key in english
                     for name in names)

    pairs = memo.remember(("glossary-source-spellings", locale.pk), read)
    found = matching_phrases(query, [name for name, _ in pairs], locale.language_code)
    return tuple(dict.fromkeys(s for i in found for s in pairs[i][1]))


# --- the search index and the rules it was built under ---------------------------------


def search_index_rules() -> str:
    """A fingerprint (64 hex digits) of everything that decides the words the search index
    holds for a page or term: the folding rule and its tables (``core.normalising``: Arabic
    synonyms, broken plurals, Polish and Arabic letters), the glossary-name rule
    (``core.jargon``), what a page gives the index (``charter.search``), the Snowball
    stemmers' version, and each indexed model's search fields. It changes with any of them,
    so an index built under other rules is known to be stale (``search_index_stale``).
    No query."""
    digest = hashlib.sha256()
    for module in (normalising, jargon, charter_search):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(json.dumps([normalising.SYNONYMS, normalising.BROKEN_PLURALS],
                             sort_keys=True, ensure_ascii=False).encode())
    digest.update(getattr(snowballstemmer, "__version__", "").encode())
    for model in sorted(get_indexed_models(), key=lambda m: m._meta.label):
        fields = sorted(str(f.field_name) for f in model.get_search_fields())
        digest.update(f"{model._meta.label}:{','.join(fields)};".encode())
    return digest.hexdigest()


def search_index_state() -> SearchIndexState | None:
    """The record of the last whole build of the search index, or None: never built since
    the record was kept, or the database cannot be read yet (before its first migrate). One
    query."""
    try:
        return SearchIndexState.objects.filter(pk=1).first()
    except DatabaseError:
        return None


def search_index_stale() -> bool:
    """True when the search index was last built whole under other rules than this code's
    (``search_index_rules``), or no build is recorded: its stored words may not match what
    searches now look for (new Arabic synonyms, names or search fields). One query."""
    state = search_index_state()
    return state is None or state.rules != search_index_rules()


def is_default_locale(locale) -> bool:
    """True when ``locale`` is the site's default (English) one; no query."""
    return locale.language_code == get_supported_content_language_variant(
        settings.LANGUAGE_CODE)


def default_locale() -> Locale:
    """The site's default locale (English), kept until the next purge (``core.memo``)."""
    return memo.remember(("default-locale",), Locale.get_default)


def has_locale(language_code: str) -> bool:
    """Whether the site has a locale in ``language_code`` ("pl", "ar"), kept until the next
    purge (``core.memo``)."""
    return memo.remember(("has-locale", language_code),
                         lambda: Locale.objects.filter(language_code=language_code).exists())


def empty_search_help(locale, *, faq_pages, glossary_pages, home_pages) -> dict:
    """Where to turn when a search finds nothing: the FAQ, the jargon buster and the
    home page's urgent-help box, in ``locale`` (each the first live page in it of the
    queryset given)."""
    return {
        "faq_page": faq_pages.live().filter(locale=locale).first(),
        "glossary_page": glossary_pages.live().filter(locale=locale).first(),
        "home_page": home_pages.live().filter(locale=locale).first(),
    }


def jargon_buster(locale, *, glossary_pages):
    """The jargon buster in ``locale``: the first live page in it of ``glossary_pages`` (the
    glossary pages' queryset), or None."""
    return glossary_pages.live().filter(locale=locale).first()


# --- the admin's "Scheduled jobs" page ------------------------------------------------

#: How late a job may start before the page says the scheduler may have stopped: beat wakes
#: at least every five minutes and writes its runs down every three (django-celery-beat).
OVERDUE_AFTER = dt.timedelta(minutes=10)
#: django-celery-results' states, as the page names them.
_OUTCOMES = {"SUCCESS": "succeeded", "FAILURE": "failed", "RETRY": "retrying",
             "STARTED": "running", "REVOKED": "cancelled"}


@dataclass(frozen=True)
class ScheduledJob:
    """One scheduled job as officers read it.

    ``title``, ``what`` and ``for_whom`` come from ``portal.jobs`` (a job it does not
    describe has its scheduler name as title and empty ``what``/``for_whom``); ``when`` is
    its schedule in words. ``last_run_at`` is when its last run started (None: never), and
    ``outcome`` how that run ended: "succeeded", "failed", "retrying", "running",
    "cancelled", or None when no record is kept (runs over eight days ago). ``next_run_at``
    is None for a paused job; ``overdue`` means it should have started more than
    ``OVERDUE_AFTER`` ago.
    """

    name: str
    task: str
    title: str
    what: str
    for_whom: str
    when: str
    paused: bool
    run_count: int
    last_run_at: dt.datetime | None
    outcome: str | None
    next_run_at: dt.datetime | None
    overdue: bool


@dataclass(frozen=True)
class ScheduledJobs:
    """``jobs``, next to run first (paused ones last); ``scheduler_started`` is False until
    celery beat has started once (the jobs then come from ``CELERY_BEAT_SCHEDULE``)."""

    jobs: list[ScheduledJob]
    scheduler_started: bool


def _next_run(schedule, last: dt.datetime | None, now: dt.datetime) -> dt.datetime | None:
    """When ``schedule`` (a Celery schedule object) runs next after a run at ``last`` (or,
    never run, from ``now``), as Celery beat reckons it; None if it cannot say.

    A schedule gives the time left until its next run from its own clock (``nowfun``); a
    copy is made to read ``now`` instead, so the time left is reckoned from the same moment
    it is added to. Otherwise the clock has moved on by the time the schedule reads it and
    every next run comes out a little before the schedule's own minute (00:14:59.98 for
    "every day at 00:15", which the page shows as 00:14).
    """
    try:
        reckoned = shallow_copy(schedule)
        reckoned.nowfun = lambda: now
        return now + reckoned.remaining_estimate(last or now)
    except Exception:  # noqa: BLE001 - a solar schedule without its astronomy package, ...
        return None


def _scheduled_job(*, name, task, schedule, paused, run_count, last_run_at, outcome,
                   now) -> ScheduledJob:
    description = job_description(task)
    when = cadence_words(schedule_cadence(schedule) if schedule is not None else None)
    zone = getattr(schedule, "tz", None)
    if zone is not None and str(zone) != settings.TIME_ZONE:
        when = f"{when} ({zone})"
    next_run = None if paused or schedule is None else _next_run(schedule, last_run_at, now)
    return ScheduledJob(
        name=name, task=task, when=when, paused=paused, run_count=run_count,
        title=str(description.title) if description else name,
        what=str(description.what) if description else "",
        for_whom=str(description.for_whom) if description else "",
        last_run_at=last_run_at, outcome=outcome, next_run_at=next_run,
        overdue=next_run is not None and next_run < now - OVERDUE_AFTER)


def scheduled_jobs(*, now: dt.datetime | None = None) -> ScheduledJobs:
    """Every job celery beat runs, with its last run, how it ended and its next run.

    The schedule is ``CELERY_BEAT_SCHEDULE``; beat copies it into django-celery-beat's
    ``PeriodicTask`` rows on start (with any job an administrator added or paused there),
    and those rows are what it runs: they are read here, with each task's latest kept
    result (django-celery-results, kept for scheduled runs only: ``portal.schedulers``).
    A job of the settings that beat has not copied yet is listed from the settings, never
    run. One query, whatever the number of jobs.
    """
    now = now or timezone.now()
    latest = TaskResult.objects.filter(task_name=OuterRef("task")).order_by("-date_done")
    rows = list(PeriodicTask.objects.select_related("crontab", "interval", "solar", "clocked")
                .annotate(last_status=Subquery(latest.values("status")[:1]),
                          last_done=Subquery(latest.values("date_done")[:1])))
    jobs = []
    for row in rows:
        try:
            schedule = row.schedule
        except Exception:  # noqa: BLE001 - a row whose schedule was deleted: beat disables it
            schedule = None
        # Beat writes its runs to these rows every few minutes; a kept result is written
        # when the run ends: the later of the two is the last run.
        last = max(filter(None, (row.last_run_at, row.last_done)), default=None)
        once_done = row.one_off and row.total_run_count > 0
        jobs.append(_scheduled_job(
            name=row.name, task=row.task, schedule=schedule,
            paused=not row.enabled or once_done, run_count=row.total_run_count,
            last_run_at=last, outcome=_OUTCOMES.get(row.last_status), now=now))
    stored = {row.name for row in rows}
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        if name not in stored:
            schedule = entry["schedule"]
            if isinstance(schedule, (int, float, dt.timedelta)):
                schedule = celery_schedules.schedule(schedule)
            jobs.append(_scheduled_job(name=name, task=entry["task"], schedule=schedule,
                                       paused=False, run_count=0, last_run_at=None,
                                       outcome=None, now=now))
    far = now + dt.timedelta(days=36600)
    jobs.sort(key=lambda job: (job.paused, job.next_run_at or far, str(job.title)))
    return ScheduledJobs(jobs=jobs, scheduler_started=bool(rows))
