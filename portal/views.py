import json
import logging
import re
from dataclasses import replace as dataclass_replace
from functools import lru_cache
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.views import LoginView
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from accounts.session import NOTICE, READER_LANGUAGE, landing_page, remembered_language
from charter.permissions import KEPT_FORM
from core import resend
from core.cache import mark_cacheable
from core.numbers import count as grouped
from core.resend import RESEND_FORM_HOOK, ResendSpec
from outbox import selectors as outbox_selectors
from portal import hooks as portal_hooks
from portal import selectors
from portal.client_address import address_fingerprint
from portal.excerpts import section_excerpt
from portal.models import FAQIndexPage, GlossaryPage, GlossaryTerm, HomePage
from portal.panels import page_language, readability_context
from portal.permissions import can_see_scheduled_jobs
from portal.search_text import (
    QUESTION_WORDS,
    STOP_WORDS,
    backend_words,
    did_you_mean,
    english_words,
    fold_polish,
    is_urgent,
    language_of,
    normalise,
    normalise_arabic_letters,
    without_bidi_controls,
    without_question_words,
)
from portal.selectors import (
    active_locale,
    empty_search_help,
    jargon_buster,
    page_readability,
    plain_language_settings,
    search_promotions,
    search_vocabulary,
    urgent_faq_answer,
)
from portal.templatetags.language_marks import echoed_words
from portal.text_direction import marks_for, text_language

logger = logging.getLogger(__name__)
WORD_RE = re.compile(r"\w+")
csp_logger = logging.getLogger("portal.csp")

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
#: Words explained shown in full on a results page; any others that match are named, each
#: a link to its entry in the jargon buster.
GLOSSARY_RESULTS = 5


def _prefetch_for_excerpts(pages) -> None:
    """Read what the results' excerpts need in one query per kind of related row, not one per
    result: a page class names its related rows in ``excerpt_prefetch`` (a survey, its
    questions and its actions, which its ``plain_text_sections`` reads)."""
    by_class: dict[type, list] = {}
    for page in pages:
        by_class.setdefault(type(page), []).append(page)
    for cls, group in by_class.items():
        if lookups := getattr(cls, "excerpt_prefetch", ()):
            prefetch_related_objects(group, *lookups)


def _excerpt_sections(page) -> list[tuple[str, ...]]:
    """The (heading, text) parts a result's excerpt is cut from, in reading order: the
    page's own (``excerpt_sections``: an FAQ's questions, each with its topic), else its
    introduction and sections, else its introduction or search description."""
    if hasattr(page, "excerpt_sections"):
        return page.excerpt_sections()
    if hasattr(page, "plain_text_sections"):
        return [("", page.plain_text_intro()),
                *((heading, text) for _, heading, text in page.plain_text_sections())]
    return [("", strip_tags(getattr(page, "intro", "") or page.search_description or ""))]


def _result(page, query: str, locale) -> dict:
    """A search result: the page and its excerpt, the words matched by the rules of the
    language the page is written in. An English page shown untranslated on a page in
    ``locale``'s language, found by the reader's word for a term it uses, marks the English
    word ("الاستئناف": "appeal")."""
    language, also = locale.language_code, ()
    if page.alias_of_id:
        # Only an untranslated copy holds words of another language than its locale's.
        language = selectors.content_language(page) or language
        if language_of(language) != language_of(locale.language_code):
            also = selectors.glossary_source_spellings(query, locale)
    return {"page": page, "excerpt": section_excerpt(_excerpt_sections(page), query,
                                                     language=language, also=also)}


def _wanted(words: str, language: str, operator: str = "and"):
    """The backend query for ``words``: as typed, or normalised (``core.normalising``),
    every word needed, or any of them with ``operator="or"``; None when there are none."""
    typed = backend_words(words)
    normalised = normalise(words, language)
    wanted = PlainText(typed, operator=operator) if typed else None
    if normalised and normalised != typed.lower():
        also = PlainText(normalised, operator=operator)
        wanted = wanted | also if wanted else also
    return wanted


def _other_language(language: str, *, own=frozenset(), other=frozenset()):
    """Whether a word typed in a search, left as typed beside a "Did you mean" word in
    ``language`` ("en-gb", "pl", "ar"), is of another language: a page in ``language`` would
    mark it so (``portal.text_direction.marks_for``: Arabic letters on a Latin page, Latin
    words on the Arabic page, Polish letters or English dictionary words where the other is
    offered), or it is one of the ``other`` language's site words ("formularz" beside
    English). A word of ``own`` (the offered language's site words) never is. Words are
    compared in lower case, without diacritics, Arabic letters normalised."""

    def folded(word: str) -> str:
        return fold_polish(normalise_arabic_letters(word.lower()))

    @lru_cache(maxsize=1)
    def words() -> tuple[frozenset[str], frozenset[str]]:
        # Folded only when a suggestion leaves a word as typed beside one it offers.
        own_words = frozenset(folded(w) for w in own)
        return own_words, frozenset(folded(w) for w in other) - own_words

    # The offered language's small words ("na", "do", "po", "mam") are its own, though
    # English has some of them ("do") or a dictionary lists them ("mam").
    small = STOP_WORDS.get(language_of(language), frozenset()) | QUESTION_WORDS.get(
        language_of(language), frozenset())

    def foreign(word: str) -> bool:
        own_words, other_words = words()
        key = folded(word)
        if key in own_words or key in small:
            return False
        return key in other_words or marks_for(word, page_language=language) is not None

    return foreign


def suggest(query: str, locale, *, strict: bool) -> tuple[str | None, bool]:
    """"Did you mean" for ``query`` on the search page in ``locale``, and whether the words
    offered are English: the nearest words of the reader's own language first (its really
    translated pages, ``selectors.search_vocabulary``); else, for a misspelt English word the
    jargon buster has in the reader's language, that word ("apeal" → "odwołanie" on the
    Polish page); else, as a last resort, the nearest English words, to be marked English.
    Each suggestion is in one language: one that would leave a word of another language
    beside the words offered is not given ("apeal form" on the Polish page is not
    "odwołanie form", and is offered as English "appeal form"). ``strict`` as for
    ``portal.search_text.did_you_mean``."""
    faq_pages = FAQIndexPage.objects.all()
    site = search_vocabulary(locale, faq_pages=faq_pages)
    # A word the reader's pages or jargon buster hold is never corrected.
    options = {"known": english_words(), "strict": strict, "indexed": site.indexed}
    readers = _other_language(locale.language_code, own=site.words)
    found = did_you_mean(query, site.words, pairs=site.pairs, language=locale.language_code,
                         foreign=readers, **options)
    if found is not None or selectors.is_default_locale(locale):
        return found, False
    english = search_vocabulary(selectors.default_locale(), faq_pages=faq_pages)
    if site.equivalents:
        found = did_you_mean(query, site.equivalents, offer=site.equivalents,
                             pairs=english.pairs, language="en", foreign=readers, **options)
        if found is not None:
            return found, False
    found = did_you_mean(query, english.words, pairs=english.pairs, language="en",
                         foreign=_other_language("en", own=english.words, other=site.words),
                         **options)
    return found, found is not None


def latin_not_readers(words: str, language: str) -> bool:
    """Whether ``words``, searched on the page in ``language`` ("pl", "ar"), may be English:
    in Latin letters, without a Polish or Arabic letter, and on the Polish page not a word
    the Polish pages hold ("taksowka": ``selectors.polish_word``). "instalments", a British
    spelling no dictionary here knows, may be."""
    typed = WORD_RE.findall(words)
    if not typed or text_language(words) in ("pl", "ar") \
            or not any(c.isascii() and c.isalpha() for c in words):
        return False
    return language_of(language) != "pl" or not any(selectors.polish_word(w) for w in typed)


#: The English site's results listed on a Polish or Arabic search typed in English.
ENGLISH_RESULTS_SHOWN = 3
#: Fewer results than this in the reader's own language (pages really translated, and words
#: explained) and an English search there is also pointed to the English site's results.
FEW_RESULTS = 3


def untranslated_copies_found(live, wanted, locale) -> int:
    """How many of the pages ``wanted`` (a backend query) finds among ``live`` (the live
    pages in ``locale``) are untranslated copies of a page in another language (a survey not
    yet translated, shown in English): results, but not in the reader's language. 0 on the
    English site. One search count."""
    if wanted is None or selectors.is_default_locale(locale):
        return 0
    reader = language_of(locale.language_code)
    languages = selectors.content_languages()
    copies = [page_id for page_id, source in languages.alias_sources.items()
              if language_of(languages.by_locale.get(source, "")) != reader]
    if not copies:
        return 0
    return live.filter(pk__in=copies).search(wanted).count()


def untranslated_best_answers(pages, locale) -> int:
    """How many of ``pages`` (the pages the best answers come from: promoted pages and the
    urgent answer's FAQ; None for an outside link) are untranslated copies shown in another
    language than ``locale``'s (``selectors.content_language``: an alias of the English
    page), marked English as the list marks them, so counted with the English copies
    (``untranslated_count``). 0 on the English site. No query once the pages' languages are
    cached (``selectors.content_languages``)."""
    if selectors.is_default_locale(locale):
        return 0
    reader = language_of(locale.language_code)
    return sum(1 for page in pages if page is not None
               and language_of(selectors.content_language(page) or reader) != reader)


def other_language_search(words: str, locale) -> dict | None:
    """For ``words`` searched on the English site but typed in Arabic (an Arabic letter) or
    Polish (a Polish letter, or a word the Polish pages hold and the English pages do not,
    "taksowka"; not "EHCP"): that site's search
    for the same words, ``{"url", "label", "lang", "dir"}``, the label in that language
    ("Szukaj po polsku", "ابحث بالعربية") to be marked ``lang``/``dir``; None otherwise, on the
    Polish or Arabic site, or without that language's site."""
    if not selectors.is_default_locale(locale):
        return None
    language = text_language(words)
    if language not in ("pl", "ar"):
        # English dictionary words alone ("policy") are English: no Polish words read. A word
        # the English pages hold too ("EHCP", "SENCo") is not Polish (r13k F5).
        typed = [w for w in WORD_RE.findall(words) if w.lower() not in english_words()]
        language = "pl" if any(selectors.polish_word(w) and not selectors.english_page_word(w)
                               for w in typed) else None
    if language is None or not selectors.has_locale(language):
        return None
    with translation.override(language):
        return {"url": f"{reverse('search')}?{urlencode({'q': words})}",
                "label": _("Search in this language"), "lang": language,
                "dir": "rtl" if translation.get_language_bidi() else "ltr"}


def english_site_results(words: str) -> dict | None:
    """For English ``words`` searched on the Polish or Arabic site, which found few pages in
    its language (untranslated copies left out: ``untranslated_copies_found``): the English
    site's first results (``ENGLISH_RESULTS_SHOWN`` pages), how many it has and the address
    of its search for them (``{"pages", "count", "url"}``, the pages' titles to be marked
    ``lang="en"``), or None when it has none either."""
    english = selectors.default_locale()
    wanted = _wanted(words, english.language_code)
    if wanted is None:
        return None
    pages = Page.objects.live().public().filter(locale=english).specific().search(wanted)
    count = pages.count()
    if not count:
        return None
    with translation.override(english.language_code):
        url = f"{reverse('search')}?{urlencode({'q': words})}"
    return {"pages": list(pages[:ENGLISH_RESULTS_SHOWN]), "count": count, "url": url}


def with_officers_words(urgent_faq, promotions):
    """The FAQ's urgent answer carrying the description an officer gave their promoted link
    to the same FAQ page (``UrgentAnswer.description``: the first such link's, the one in the
    reader's language, ``selectors.search_promotions``), and the other promotions: that
    link is not listed a second time, and its words are not lost."""
    same = [p for p in promotions if p.page is not None and p.page.pk == urgent_faq.faq.pk]
    others = [p for p in promotions if p.page is None or p.page.pk != urgent_faq.faq.pk]
    described = next((p.description for p in same if p.description), "")
    return dataclass_replace(urgent_faq, description=described), others


def search(request):
    """Search the public pages and the jargon buster in the reader's language.

    The words are matched as typed and in their normalised form
    (``core.normalising``), so "odleglosci" finds "odległości" and an Arabic
    word typed without hamza still matches. Officers' promoted results come
    first, under the urgent-help box with the phone number when the words read as "my
    child's transport has not come" (``portal.search_text.is_urgent``), in any language,
    whose first best answer is then the FAQ's own answer with the number to tap
    (``selectors.urgent_faq_answer``); a search that finds nothing suggests the nearest word
    of the reader's language the site uses (``suggest``)
    and points to the FAQ, the jargon buster and urgent help; one that found something
    still suggests a misspelt word's correction when it makes a phrase the site uses
    ("buss pass": "Did you mean bus pass?"). Question words are not searched for
    (``portal.search_text.without_question_words``); when no page holds all the other
    words, the pages holding any of them are listed, best first, and the page says so.
    """
    # Bidi control characters (a paste from a chat app) would turn the page's own sentence
    # round where the words are shown back: dropped before anything else reads the words.
    query = without_bidi_controls(request.GET.get("q", "")).strip()
    error = ""
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Search for %(count)s characters or fewer.") % {"count": MAX_QUERY_LENGTH}
        query = query[:MAX_QUERY_LENGTH]
    results, terms, page_obj, promotions, suggestion, help_links = [], [], None, [], None, {}
    urgent_faq = None
    more_terms, glossary_page, place, some_words = [], None, "", False
    english_results = other_search = None
    suggestion_english = False
    count, english_count = ("", ""), ""
    urgent = False
    if query:
        locale = active_locale()
        urgent = is_urgent(query, locale.language_code)
        # The backend is given the words only (a stray quote is query syntax to it), without
        # the question words no page holds ("how much does it cost": "cost").
        asked = without_question_words(query, locale.language_code)
        wanted = every = _wanted(asked, locale.language_code)
        live = Page.objects.live().public().filter(locale=locale).specific()
        pages = live.search(wanted) if wanted is not None else Page.objects.none()
        if wanted is not None and len(backend_words(asked).split()) > 1 and not pages.count():
            # No page holds all the words: those holding some of them, best first, said so.
            wanted = _wanted(asked, locale.language_code, operator="or")
            pages, some_words = live.search(wanted), True
        paginator = Paginator(pages, RESULTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        shown = list(page_obj)
        _prefetch_for_excerpts(shown)
        results = [_result(p, query, locale) for p in shown]
        # Read on every results page, so the count is the same on each; listed on the first,
        # the first few in full and the rest named, each a link to its jargon buster entry.
        matched = list(
            get_search_backend().search(
                every, GlossaryTerm.objects.filter(live=True, locale=locale)
            )
        ) if every is not None else []
        terms, more_terms = matched[:GLOSSARY_RESULTS], matched[GLOSSARY_RESULTS:]
        promotions = search_promotions(query, request, urgent=urgent)
        if urgent:
            # The FAQ's own answer, with the number to tap, whatever officers promoted: an
            # officer's link to the same FAQ page is not listed again, but its words are
            # kept, shown with the answer.
            urgent_faq = urgent_faq_answer(locale, faq_pages=FAQIndexPage.objects.all(),
                                           request=request)
            if urgent_faq is not None:
                urgent_faq, promotions = with_officers_words(urgent_faq, promotions)
        # The count says what is in the reader's language, as the list marks it: English
        # copies not yet translated are counted apart ("and 5 pages in English").
        in_english = untranslated_copies_found(live, wanted, locale)
        # A best answer from an untranslated copy is marked English, and counted so.
        answers_in_english = untranslated_best_answers(
            [p.page for p in promotions] + ([urgent_faq.faq] if urgent_faq else []), locale)
        count = result_count(query, pages=paginator.count - in_english,
                             promotions=len(promotions) + (urgent_faq is not None)
                             - answers_in_english,
                             terms=len(matched))
        english_count = untranslated_count(in_english + answers_in_english)
        if page_obj.number != 1:
            terms, more_terms, promotions, urgent_faq = [], [], [], None
            # The breakdown describes the first page: this one says where the reader is.
            count, place = (count[0], ""), results_place(page_obj)
        if more_terms:
            glossary_page = jargon_buster(locale, glossary_pages=GlossaryPage.objects.all())
        found = bool(results or terms or promotions or urgent_faq)
        some_words = some_words and bool(results)
        if page_obj.number == 1:
            # Also under the urgent box: "late apeal" is urgent and misspelt. A search whose
            # pages or words explained hold the words is offered only a phrase the site uses
            # ("buss pass": "bus pass"); a best answer, or a page holding only some of the
            # words, does not count, as it matched the search's other words ("taxi" in
            # "taxi eligibilty").
            suggestion, suggestion_english = suggest(
                query, locale, strict=bool((results and not some_words) or terms))
        if page_obj.number == 1 and not selectors.is_default_locale(locale) \
                and not (promotions or urgent_faq) \
                and paginator.count - in_english + len(matched) < FEW_RESULTS \
                and latin_not_readers(asked, locale.language_code):
            # English words typed on the Polish or Arabic site, which found few pages in its
            # language (untranslated English copies do not count): the English site may hold
            # them.
            english_results = english_site_results(asked)
            if english_results is not None:
                english_results["few"] = bool(results or terms)
        if page_obj.number == 1:
            other_search = other_language_search(query, locale)
        if not found:
            help_links = empty_search_help(
                locale, faq_pages=FAQIndexPage.objects.all(),
                glossary_pages=GlossaryPage.objects.all(), home_pages=HomePage.objects.all())
    response = TemplateResponse(
        request,
        "portal/search.html",
        {
            "search_query": query,
            "search_error": error,
            "results": results,
            "glossary_results": terms,
            "more_glossary_results": more_terms,
            "glossary_page": glossary_page,
            "page_obj": page_obj,
            "result_count": count[0],
            "result_kinds": count[1],
            "result_english": english_count,
            "result_place": place,
            "promotions": promotions,
            "urgent_faq": urgent_faq,
            "suggestion": suggestion,
            "suggestion_english": suggestion_english,
            "urgent": urgent,
            "some_words": some_words,
            "english_results": english_results,
            "other_search": other_search,
            **help_links,
        },
    )
    return mark_cacheable(response)


# --- editor: live plain-language check ---------------------------------------


def _unsaved_page_from_form(request, page, parent):
    """The page as the editor's unsaved form describes it (fields that fail validation keep
    their saved values), the way Wagtail's preview builds one."""
    form_class = page.get_edit_handler().get_form_class()
    data = request.POST.copy()
    data.setdefault("title", page.title or "Untitled")
    data.setdefault("slug", page.slug or "untitled")
    form = form_class(data, instance=page, parent_page=parent, for_user=request.user)
    form.is_valid()  # fills form.instance with every field that is valid
    return form.instance


@require_POST
def readability_check(request, page_id=None, app_label=None, model_name=None, parent_id=None):
    """Re-score the editor's unsaved form and return the panel's report as HTML."""
    if page_id is not None:
        page = get_object_or_404(Page, pk=page_id).get_latest_revision_as_object()
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        parent = page.get_parent().specific
    else:
        try:
            model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
        except ContentType.DoesNotExist as e:
            raise Http404 from e
        if model is None or not issubclass(model, Page):
            raise Http404
        parent = get_object_or_404(Page, pk=parent_id).specific
        if not parent.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        page = model(locale_id=parent.locale_id)
    page = _unsaved_page_from_form(request, page, parent)
    site = parent.get_site()
    context = readability_context(page_readability(page, site=site), plain_language_settings(site),
                                  language=page_language(page))
    return TemplateResponse(request, "portal/admin/readability_report.html", context)


def scheduled_jobs(request):
    """Admin > Reports > Scheduled jobs: each job celery beat runs, in plain words, when it
    last ran and how that went, and when it runs next; and how many notice e-mails wait to
    be sent or failed (``outbox.selectors.notice_backlog``, counts only, no addresses), and
    how many e-mails of any kind the mail server never confirmed, with the way to the page
    that releases one for sending again (``outbox.views.unconfirmed``).
    Read only (administrators pause a job at /django-admin/). Officers and administrators
    only (``PermissionDenied``)."""
    if not can_see_scheduled_jobs(request.user):
        raise PermissionDenied
    schedule = selectors.scheduled_jobs()
    # What the page apps say of their jobs' work (survey sendings stuck or unfinished).
    attention = portal_hooks.jobs_attention()
    return TemplateResponse(request, "portal/admin/scheduled_jobs.html", {
        "attention": attention, "attention_needed": any(item.warning for item in attention),
        "backlog": outbox_selectors.notice_backlog(),
        "jobs": schedule.jobs, "scheduler_started": schedule.scheduler_started,
        "any_overdue": any(job.overdue for job in schedule.jobs),
        "time_zone": settings.TIME_ZONE,
    })


# --- signing in (forum representatives, board members) -------------------------


class SignInView(LoginView):
    """The portal's sign-in for forum reps, board members and officers.

    django-axes guards it (a locked-out account or address sees ``accounts.views.locked_out``);
    after the password, staff who must use two-factor give a code
    (``accounts.middleware``). "This is a shared computer" ends the session when the
    browser closes.
    """

    template_name = "portal/sign_in.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # A forum form sent after the session ended is kept; say so, so nobody types it again.
        return {**super().get_context_data(**kwargs),
                "kept_form": KEPT_FORM in self.request.session,
                "notice": self.request.session.pop(NOTICE, ""),
                "shared": self.request.POST.get("shared") == "1"}

    def form_valid(self, form):
        response = super().form_valid(form)
        # Signed in at /pl/sign-in/ or /ar/sign-in/: the account and two-factor pages speak
        # that language too (accounts.middleware.AccountLanguageMiddleware).
        language = translation.get_language_from_path(self.request.path_info) or ""
        self.request.session[READER_LANGUAGE] = language
        if self.request.POST.get("shared") == "1":
            self.request.session.set_expiry(0)  # ends when the browser closes
        return response

    def get_default_redirect_url(self):
        # After /pl/sign-in/ with no page to go back to: the Polish home, not the English.
        return landing_page(self.request.user,
                            translation.get_language_from_path(self.request.path_info) or "")


def frontend_login_redirect(request):
    """Wagtail's page-privacy sign-in address (/_util/login/) goes to the portal's sign-in,
    keeping the page to come back to: one sign-in form, with one set of protections."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("sign_in") + (f"?{query}" if query else ""))


# --- error pages ---------------------------------------------------------------------


def reader_language(request, fallback: str = "") -> str:
    """The reader's language: the address's /pl/ or /ar/ prefix first, then ``fallback``
    (the language of the page a form came from), then the language already chosen."""
    return (translation.get_language_from_path(request.path_info) or fallback
            or translation.get_language())


def _error_page(request, template: str, status: int, context=None):
    # At an English-only address (/board/, /account/), the language the person signed in in.
    with translation.override(reader_language(request, remembered_language(request))):
        return render(request, template, context, status=status)


def bad_request(request, exception=None):
    """400: the request could not be read (for example a form with too many fields)."""
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception=None):
    """403: signed in, but this page is for another role; says where their own pages are."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return _error_page(request, "403.html", 403,
                       {"own_pages": landing_page(user) if signed_in else ""})


def page_not_found(request, exception=None):
    """404, in the reader's language."""
    return _error_page(request, "404.html", 404)


def server_error(request):
    """500. Renders with no database and no context processors: whatever failed may be the
    database itself, so the page uses nothing but the template, the static files and the
    translation catalogues."""
    language = translation.get_language_from_path(request.path_info) or "en-gb"
    with translation.override(language):
        html = loader.get_template("500.html").render({
            "LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi(),
            "home_url": "/" if language == "en-gb" else f"/{language}/",
            "transport_phone": settings.PORTAL_TRANSPORT_PHONE,
        })
    return HttpResponseServerError(html)


# --- a form refused for its security token: send it again ------------------------------


def _resend_spec(request) -> ResendSpec:
    for describe in hooks.get_hooks(RESEND_FORM_HOOK):
        try:
            spec = describe(request)
        except Exception:
            # Whatever went wrong, the typed text still comes back, with plainer labels.
            logger.exception("Could not describe the form refused at %s", request.path)
            continue
        if spec is not None:
            return spec
    return ResendSpec()


def _choices(field: forms.Field) -> list | None:
    """A field's choices (its own, or its widget's for a text field shown as a list), or None
    for a field people type into."""
    choices = getattr(field, "choices", None)
    if choices is None:
        choices = getattr(field.widget, "choices", None)
    return list(choices) if choices is not None else None


def _choice_labels(field: forms.Field, values: tuple[str, ...]) -> list[str]:
    if isinstance(field, forms.BooleanField):
        return [_("Yes") if v not in ("", "off", "false", "False", "0") else _("No")
                for v in values]
    names = {}
    for value, label in _choices(field) or ():
        if isinstance(label, list | tuple):  # an optgroup
            names.update({str(v): lab for v, lab in label})
        else:
            names[str(value)] = label
    # An empty value is shown only when it is one of the choices ("The whole page").
    return [str(names[v]) if v in names else v for v in values if v in names or v != ""]


def _resend_rows(request, spec: ResendSpec) -> list[dict]:
    """One row per field to send again, in the order sent: ``kind`` is "text" (shown and
    editable), "choice" (shown, carried unseen), "hidden" or "file" (to choose again)."""
    posted = [resend.Posted(name, tuple(values)) for name, values in request.POST.lists()]
    fields = spec.form.fields if spec.form is not None else {}
    rows = []
    for number, item in enumerate(resend.carried(posted, also_secret=spec.secret_fields)):
        field = fields.get(item.name)
        row = {"name": item.name, "values": item.values, "id": f"resend-{number}",
               "label": str(field.label) if field is not None and field.label
               else resend.humanise(item.name),
               "help": str(field.help_text) if field is not None else ""}
        widget = field.widget if field is not None else None
        single = len(item.values) == 1
        if widget is not None and widget.is_hidden:
            row["kind"] = "hidden"
        elif field is not None and (_choices(field) is not None
                                    or isinstance(field, forms.BooleanField)):
            row.update(kind="choice", shown=_choice_labels(field, item.values))
        elif single and (field is not None or resend.looks_written(item.values[0])):
            long = isinstance(widget, forms.Textarea) or widget is None or (
                len(item.values[0]) > 80 or "\n" in item.values[0])
            row.update(kind="text", value=item.values[0], multiline=long)
        else:
            row["kind"] = "hidden"
        rows.append(row)
    for number, name in enumerate(request.FILES):
        field = fields.get(name)
        rows.append({"name": name, "kind": "file", "id": f"resend-file-{number}",
                     "label": str(field.label) if field is not None and field.label
                     else _("File")})
    return rows


def csrf_failure(request, reason: str = ""):
    """settings.CSRF_FAILURE_VIEW: a form whose security token ran out (cookies cleared, an
    app's own browser, a form opened days ago, a sign-in in another tab) comes back filled in
    with a fresh token, ready to send again to the same address, with a plain explanation.

    Never echoed: the old token, passwords, robot traps (``core.resend``). Files cannot be
    carried, so the page asks for them again. Status 403, as Django's own page.
    """
    try:
        spec = _resend_spec(request)
        rows = _resend_rows(request, spec)
    except Exception:
        # A body that cannot be read still gets a plain page and a way back.
        logger.exception("Could not read the form refused at %s", request.path)
        spec, rows = ResendSpec(), []
    with translation.override(reader_language(request, spec.language)):
        return render(request, "portal/resend.html", {
            "rows": rows,
            "action": request.get_full_path(),
            "form_title": spec.title,
            "has_files": any(r["kind"] == "file" for r in rows),
            "has_text": any(r["kind"] in ("text", "choice") for r in rows),
        }, status=403)


# --- Content-Security-Policy violation reports ---------------------------------------

CSP_REPORTS_PER_ADDRESS_PER_MINUTE = 20
# The fields of a report worth keeping; the rest (the whole page's address with its query
# string, the script sample) may carry what a visitor typed.
CSP_REPORT_FIELDS = ("document-uri", "violated-directive", "effective-directive",
                     "blocked-uri", "source-file", "line-number", "disposition")


def _csp_report_fields(body: bytes) -> dict | None:
    """The kept fields of one ``application/csp-report`` body (what ``report-uri`` gets), or
    None when the body is not one."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    report = data.get("csp-report") if isinstance(data, dict) else None
    if not isinstance(report, dict):
        return None
    kept = {}
    for field in CSP_REPORT_FIELDS:
        value = report.get(field)
        if isinstance(value, str | int):
            text = str(value)
            if field in ("document-uri", "blocked-uri", "source-file"):
                text = text.split("?")[0]  # the query string may hold what someone typed
            kept[field] = text[:300]
    return kept


def result_count(query: str, *, pages: int, promotions: int, terms: int) -> tuple[str, str]:
    """What the search page says above its results, in the reader's language: the number
    of everything it lists for ``query`` (the pages found, on all results pages, the
    officers' best answers and the words explained), with the plural form the language
    uses ("3 wyniki"), and, when it lists more than one kind, how many of each
    ("1 page, 2 words explained"); "" for the second when there is one kind. Numbers are
    grouped as the reader's language writes them ("1,200", "1 200", "1٬200":
    ``core.numbers.count``). The first is HTML (safe): the query inside ``<bdi>``, so its
    punctuation and direction stay its own
    (``portal.templatetags.language_marks.echoed_words``)."""
    total = pages + promotions + terms
    line = mark_safe(conditional_escape(ngettext(  # noqa: S308 - escaped, and the bdi is
        "%(counter)s result for “%(q)s”", "%(counter)s results for “%(q)s”", total))
        % {"counter": grouped(total), "q": echoed_words(query)})
    kinds = [text % {"count": grouped(n)} for n, text in (
        (promotions, ngettext("%(count)s best answer", "%(count)s best answers", promotions)),
        (terms, ngettext("%(count)s word explained", "%(count)s words explained", terms)),
        (pages, ngettext("%(count)s page", "%(count)s pages", pages)),
    ) if n]
    return line, pgettext("between the items of a list", ", ").join(kinds) if len(kinds) > 1 else ""


def untranslated_count(pages: int) -> str:
    """What the search page adds after its count on the Polish or Arabic site when it also
    lists ``pages`` untranslated English copies (``untranslated_copies_found``), which the
    count leaves out: ", and 5 pages in English not yet translated", in the reader's
    language and plural form; "" for none."""
    if not pages:
        return ""
    return ngettext(", and %(count)s page in English not yet translated",
                    ", and %(count)s pages in English not yet translated",
                    pages) % {"count": grouped(pages)}


def results_place(page_obj) -> str:
    """Where a results page after the first is among the pages found, in the reader's
    language ("page 2 of 2: pages 11 to 12 of the 12 found"): its count's breakdown
    describes the first page, which alone lists the best answers and the words explained."""
    first, last = page_obj.start_index(), page_obj.end_index()
    return ngettext(
        "page %(number)s of %(of)s: page %(first)s of the %(found)s found",
        "page %(number)s of %(of)s: pages %(first)s to %(last)s of the %(found)s found",
        last - first + 1,
    ) % {"number": grouped(page_obj.number), "of": grouped(page_obj.paginator.num_pages),
         "first": grouped(first), "last": grouped(last),
         "found": grouped(page_obj.paginator.count)}


@csrf_exempt
@require_POST
def csp_report(request):
    """Log a browser's report of a Content-Security-Policy violation (logger ``portal.csp``).

    Browsers send these without a CSRF token. A body over ``PORTAL_CSP_REPORT_MAX_BYTES`` is
    refused (413) unread; one that is not a report is ignored (400); past
    ``CSP_REPORTS_PER_ADDRESS_PER_MINUTE`` from one address, reports are accepted but not
    logged, so nobody can flood the log. Always an empty response: there is no one to read it.
    """
    limit = settings.PORTAL_CSP_REPORT_MAX_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        return HttpResponse(status=413)
    body = request.read(limit + 1)
    if len(body) > limit:
        return HttpResponse(status=413)
    fields = _csp_report_fields(body)
    if fields is None:
        return HttpResponse(status=400)
    key = f"portal:csp-reports:{address_fingerprint(request)}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        count = 1
    if count <= CSP_REPORTS_PER_ADDRESS_PER_MINUTE:
        csp_logger.warning("Content-Security-Policy violation: %s",
                           json.dumps(fields, sort_keys=True))
    return HttpResponse(status=204)
