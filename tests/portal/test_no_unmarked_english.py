"""A crawl of every Polish and Arabic page a parent can reach: English words outside an
element marked ``lang="en"`` fail it (WCAG 3.1.2), so a screen reader never reads English
in a Polish or Arabic voice. Each kind of English text (a page's own words while it is
untranslated, the record kept in English, a parent's written answer typed on the English
page) is marked by one template tag, so a page of that kind added later is covered too."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import trans_real

from consultations.models import ConsultationPage
from notices.forms import PageChoice
from portal.models import PolicyPage
from surveys.models import SurveyPage

pytestmark = pytest.mark.django_db

# Common English words that are not also Polish words ("we", "on", "by", "to", "a", "i"
# are): two of them in one run of text is English.
ENGLISH_WORDS = frozenset((
    "the", "and", "you", "your", "our", "with", "what", "when", "which", "people", "answered",
    "this", "that", "have", "has", "will", "are", "is", "for", "from", "about", "how", "not",
    "been", "were", "was", "they", "their", "them", "of", "in", "it", "if", "or", "can", "may",
    "should", "would", "could", "there", "here", "who", "where", "why", "an", "all", "any",
    "each",
))
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SKIPPED = {"head", "script", "style", "template"}
NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|\b\w+\.\w+(\.\w+)+\b")


class _Reader(HTMLParser):
    """Runs of visible text with the language they are in (the nearest ``lang``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.runs: list[tuple[str, str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in VOID:
            return
        hidden = tag in SKIPPED or attrs.get("aria-hidden") == "true"
        self.stack.append((tag, attrs.get("lang"), hidden))

    def handle_startendtag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if any(hidden for _, _, hidden in self.stack) or not data.strip():
            return
        lang = next((lang for _, lang, _ in reversed(self.stack) if lang is not None), "")
        self.runs.append((lang, " ".join(data.split())))


def unmarked_english(html: str, language: str) -> list[str]:
    """The runs of English text in ``html`` (a page in ``language``) outside any element
    marked English: two or more common English words, or on an Arabic page Latin words and
    no Arabic letters."""
    reader = _Reader()
    reader.feed(html)
    found = []
    for lang, text in reader.runs:
        if lang.startswith("en"):
            continue
        # Marked as a third language (a quoted answer in Polish on an Arabic page): what it
        # is in was said, so a screen reader reads it in that language's voice.
        if lang and lang.split("-")[0] not in (language, "en"):
            continue
        words = re.findall(r"[A-Za-z']+", NOT_WORDS.sub(" ", text))
        common = [w for w in words if w.lower() in ENGLISH_WORDS]
        latin_only = (language == "ar" and not re.search(r"[\u0600-\u06ff]", text)
                      and len([w for w in words if len(w) > 1 and not w.isupper()]) >= 2)
        if len(common) >= 2 or latin_only:
            found.append(text)
    return found


def _links(html: str) -> list[str]:
    reader = _Reader()
    reader.feed(html)
    return reader.links


FILES = re.compile(r"\.(csv|pdf|py|ics|json|txt)$|/csv/|/pack/")


def _crawl(client, prefix: str, seeds: list[str], within: str = "/") -> dict[str, list[str]]:
    """Every page under ``prefix`` + ``within`` reachable from its first page and ``seeds``
    (links without a query string; each versions page's first comparison too), with the
    English runs found unmarked on it."""
    language = prefix.strip("/")
    todo, seen, found = [prefix + within, *seeds], set(), {}
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 404) or url not in seeds, url
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if english := unmarked_english(html, language):
            found[url] = english
        for href in _links(html):
            href = href.split("#", 1)[0]
            if (href.startswith(prefix + within) and "?" not in href
                    and not FILES.search(href)):
                todo.append(href)
                if href.endswith("/versions/"):
                    todo.append(href.removesuffix("versions/") + "compare/1/2/")
    return {"pages": sorted(seen), "found": found}


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_no_english_words_outside_an_element_marked_english(demo, client, settings, prefix):
    settings.PORTAL_PAGE_CACHE = False
    consultation = ConsultationPage.objects.get(locale__language_code="en-gb",
                                                slug="walking-distances-under-8")
    policy = PolicyPage.objects.get(locale__language_code="en-gb", slug="appeals-and-complaints")
    seeds = [prefix + path for path in (
        "/consultations/walking-distances-under-8/proposed/",
        "/consultations/walking-distances-under-8/respond/",
        "/surveys/2026/", "/surveys/2025/results/", "/surveys/2024/results/",
        "/surveys/2025/compare/1/2/", "/policies/appeals-and-complaints/versions/",
        "/faq/versions/", f"/notices/subscribe/?page={policy.pk}")]
    with time_machine.travel(consultation.opens + dt.timedelta(hours=2), tick=False):
        crawled = _crawl(client, prefix, seeds)
    assert len(crawled["pages"]) > 40, crawled["pages"]
    assert crawled["found"] == {}
    # The survey pages again while this year's survey takes answers.
    survey = SurveyPage.objects.get(locale__language_code="en-gb", year=2026)
    with time_machine.travel(survey.opens + dt.timedelta(hours=2), tick=False):
        crawled = _crawl(client, prefix, [prefix + "/surveys/2026/respond/"],
                         within="/surveys/")
    assert prefix + "/surveys/2026/respond/" in crawled["pages"]
    assert crawled["found"] == {}


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_the_crawl_finds_english_left_unmarked(demo, client, prefix):
    """The check itself: an English intro, a record note and a comment, unmarked, are found;
    the same words marked English are not; the reader's own words never are."""
    language = prefix.strip("/")
    html = ('<html><head><title>Travel help for you</title></head><body>'
            '<p>410 people answered: 318 parents and carers.</p>'
            '<p lang="en" dir="ltr">Tell us how travel to school went this year.</p>'
            + {"pl": '<p>Transport nie przyjechał? Zadzwoń do zespołu transportu.</p>',
               "ar": '<p>لم تصل المواصلات؟ اتصل بفريق المواصلات:</p>'}[language]
            + '<p><bdi dir="ltr">send.transport@example.gov.uk</bdi></p>'
            '<p>EHCP</p><p aria-hidden="true">Leave this empty if you are a person</p>'
            '<script>if (the && you) {}</script></body></html>')
    assert unmarked_english(html, language) == ["410 people answered: 318 parents and carers."]


def test_the_check_finds_the_readers_own_words_marked_english_whatever_their_letters():
    html = ('<p lang="en" dir="ltr">Podsumowanie</p><p lang="en" dir="ltr">Rok</p>'
            '<p lang="en" dir="ltr">The taxi was late.</p><p>Rok</p>')
    with translation.override("pl"):
        assert marked_english_wrongly(html, "pl") == ["Podsumowanie", "Rok"]


def test_a_followed_policys_title_is_marked_in_the_subscribe_form(demo, client):
    policy = PolicyPage.objects.get(locale__language_code="en-gb", slug="appeals-and-complaints")
    html = client.get(f"/pl/notices/subscribe/?page={policy.pk}").content.decode()
    assert f'<span lang="en" dir="ltr">{policy.title}</span>' in html
    english = client.get(f"/notices/subscribe/?page={policy.pk}").content.decode()
    assert f"Changes to “{policy.title}”" in english
    assert str(PageChoice(policy)) == f"Changes to “{policy.title}”"


@pytest.mark.parametrize(("reader", "typed", "text", "marks"), [
    ("pl", "en", "The taxi was late.", ' lang="en" dir="ltr"'),
    ("ar", "pl", "Taksówka się spóźniła.", ' lang="pl" dir="ltr"'),
    ("en", "ar", "تأخرت سيارة الأجرة", ' lang="ar" dir="rtl"'),
    ("pl", "pl", "Taksówka się spóźniła.", ""),
    ("ar", "", "The taxi was late.", ' lang="en" dir="ltr"'),  # not known: by its letters
    ("pl", "", "The taxi was late.", ""),  # Polish and English share their letters
])
def test_a_written_answer_is_marked_in_the_language_it_was_typed_in(reader, typed, text, marks):
    template = Template("{% load language_marks %}<blockquote"
                        "{% typed_language_attrs language text %}>")
    with translation.override(reader):
        html = template.render(Context({"language": typed, "text": text}))
    assert html == f"<blockquote{marks}>"


def _catalogue_words(language: str) -> set[str]:
    """The translation catalogue's words in ``language`` that differ from their English
    source ("Podsumowanie", "Rok"), read from Django's catalogue, not from the site's code."""
    catalog = trans_real.translation(language)._catalog  # noqa: SLF001
    return {value.strip() for key, value in catalog.items()
            if isinstance(value, str) and value.strip()
            and value != (key[0] if isinstance(key, tuple) else key).split("\x04")[-1]}


def marked_english_wrongly(html: str, language: str) -> list[str]:
    """Runs marked English that are in the reader's language: Arabic letters on an Arabic
    page, Polish letters ("ą", "ó", "ł"...) on a Polish one (a translated label such as
    "W skrócie" inside a ``lang="en"`` element), or, whatever its letters, a run that is one
    of the catalogue's translations ("Podsumowanie", "Rok")."""
    own = {"pl": re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]"), "ar": re.compile(r"[\u0600-\u06ff]")}
    translated = _catalogue_words(language)
    reader = _Reader()
    reader.feed(html)
    return [text for lang, text in reader.runs
            if lang.startswith("en") and (own[language].search(text)
                                          or text.strip("[]():. ") in translated)]


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_the_forum_marks_its_english_and_only_its_english(demo, client, settings, prefix):
    """The forum's pages as a representative reads them in Polish or Arabic: every draft,
    disagreement and decided review the demo holds."""
    from tests.factories import UserFactory

    settings.PORTAL_PAGE_CACHE = False
    client.force_login(UserFactory(username="crawling-rep", groups=["Forum representatives"]))
    language = prefix.strip("/")
    crawled = _crawl(client, prefix, [], within="/forum/")
    assert any("/forum/drafts/" in url for url in crawled["pages"]), crawled["pages"]
    assert crawled["found"] == {}
    wrong = {}
    for url in crawled["pages"]:
        response = client.get(url)
        if response.status_code == 200 and (found := marked_english_wrongly(
                response.content.decode(), language)):
            wrong[url] = found
    assert wrong == {}
