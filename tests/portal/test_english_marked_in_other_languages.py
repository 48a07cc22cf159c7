"""English words shown inside a Polish or Arabic page, from pages nobody has translated yet,
are marked ``lang="en" dir="ltr"`` (WCAG 3.1.2), wherever they are listed: cards, breadcrumbs,
search results, the results page, the FAQ's links to the policies. Words in the reader's
language are not."""

import datetime as dt
import re

import pytest
import time_machine

from consultations.models import ConsultationPage
from surveys.models import SurveyPage

pytestmark = pytest.mark.django_db

ENGLISH = ' lang="en" dir="ltr"'
OTHERS = ["/pl", "/ar"]


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _marked(html: str, text: str) -> bool:
    """Whether ``text`` appears inside an element marked English (on the element, or the
    element just around it)."""
    for match in re.finditer(re.escape(text), html):
        opening = html.rfind("<", 0, match.start())
        tag = html[opening:match.start()]
        if ENGLISH in tag:
            return True
        before = html[:opening].rstrip()
        parent = before.rfind("<")
        if ENGLISH in before[parent:] and not before[parent:].startswith("</"):
            return True
    return False


def _unmarked_count(html: str, text: str) -> int:
    return sum(1 for _ in re.finditer(re.escape(text), html)) - (1 if _marked(html, text) else 0)


def _moment_open(page) -> dt.datetime:
    return page.opens + dt.timedelta(hours=2)


@pytest.mark.parametrize("prefix", OTHERS)
def test_open_consultation_and_survey_cards_on_the_home_page_are_marked(demo, client, prefix):
    consultation = ConsultationPage.objects.get(locale__language_code="en-gb",
                                                slug="walking-distances-under-8")
    with time_machine.travel(_moment_open(consultation), tick=False):
        html = _html(client, prefix + "/")
    assert re.search(r'href="[^"]*walking-distances-under-8/"' + ENGLISH
                     + ">Walking distances for children under 8</a>", html)
    survey = SurveyPage.objects.get(locale__language_code="en-gb", year=2026)
    with time_machine.travel(_moment_open(survey), tick=False):
        html = _html(client, prefix + "/")
    assert re.search(r'href="[^"]*surveys/2026/"' + ENGLISH + ">Travel to school survey 2026</a>",
                     html)


def test_english_cards_on_an_english_page_are_not_marked(demo, client):
    consultation = ConsultationPage.objects.get(locale__language_code="en-gb",
                                                slug="walking-distances-under-8")
    with time_machine.travel(_moment_open(consultation), tick=False):
        html = _html(client, "/")
    assert "Walking distances for children under 8" in html
    assert 'lang="en"' not in html.split("<body", 1)[1]


@pytest.mark.parametrize("prefix", OTHERS)
def test_listings_mark_the_titles_and_summaries_of_untranslated_pages(demo, client, prefix):
    html = _html(client, prefix + "/consultations/")
    assert f'{ENGLISH}>Walking distances for children under 8</a>' in html
    assert re.search(r'<p class="govuk-body"' + ENGLISH + r">Today we help children under 8", html)
    html = _html(client, prefix + "/surveys/")
    assert f"{ENGLISH}>Travel to school survey 2025</a>" in html
    assert re.search(r'<p class="govuk-body"' + ENGLISH + r">Tell us how travel", html)


@pytest.mark.parametrize("prefix", OTHERS)
def test_breadcrumbs_mark_untranslated_titles_and_not_translated_ones(demo, client, prefix):
    html = _html(client, prefix + "/policies/travel-assistance/")
    crumbs = html.split('class="govuk-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert f"{ENGLISH}>Travel policies</a>" in crumbs
    # "Home" is the site's own word, in the reader's language.
    assert not re.search(r'lang="en"[^>]*>[^<]*</a>\s*</li>\s*<li[^>]*><a[^>]*>Travel', crumbs)
    results = _html(client, prefix + "/surveys/2025/results/")
    crumbs = results.split('class="govuk-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert f"{ENGLISH}>Satisfaction surveys</a>" in crumbs
    assert f"{ENGLISH}>Travel to school survey 2025</a>" in crumbs


@pytest.mark.parametrize("prefix", OTHERS)
def test_the_charters_in_short_and_its_statements_are_marked(demo, client, prefix):
    html = _html(client, prefix + "/co-production-charter/")
    in_short = html.split('portal-in-short">', 1)[1].split("</div>", 1)[0]
    assert re.search(r'<p class="govuk-body"' + ENGLISH + ">", in_short)
    assert "<h2" in in_short and ENGLISH not in in_short.split("</h2>", 1)[0]  # "Our vision"
    # Inside each bullet, so the bullet stays on the reader's side of a right-to-left page.
    assert re.search(r'<ul class="govuk-list govuk-list--bullet"><li><span' + ENGLISH, html)
    assert re.search(r'href="[^"]*working-agreement/"' + ENGLISH, html)
    agreement = _html(client, prefix + "/co-production-charter/working-agreement/")
    assert re.search(r'<li id="clause-1">\s*(<h2[^>]*' + ENGLISH + r'[^>]*>.*?</h2>\s*)?.*?'
                     r'<p class="govuk-body"' + ENGLISH, agreement, flags=re.S)


@pytest.mark.parametrize("prefix", OTHERS)
def test_the_results_page_marks_the_english_record_and_not_the_translated_labels(
        demo, client, prefix):
    html = _html(client, prefix + "/surveys/2025/results/")
    summary = html.split('portal-in-short">', 1)[1].split("</div>", 1)[0]
    assert f'<p class="govuk-body"{ENGLISH}>410 people answered' in summary
    heading = re.search(r'<h1 class="govuk-heading-xl">(.*?)</h1>', html, flags=re.S).group(1)
    assert f"<span{ENGLISH}>Travel to school survey 2025</span>" in heading
    assert not heading.startswith("<span")  # "Results:" is the reader's language
    # "You said, we did" is kept in English only.
    actions = html.split('id="actions"', 1)[1]
    assert re.search(r'<p class="govuk-body"' + ENGLISH + ">Some journeys take more", actions)
    assert f"{ENGLISH}>Route planning team leader</dd>" in actions
    # A question from the bank is English; the scale's answers and the groups are the
    # reader's own words, and are not.
    assert re.search(r'<h3 class="govuk-heading-m" id="question-1-heading"' + ENGLISH, html)
    rows = re.findall(r'<th scope="row" class="govuk-table__header"([^>]*)>([^<]+)</th>', html)
    translated = [text for attrs, text in rows if ENGLISH not in attrs]
    english = [text for attrs, text in rows if ENGLISH in attrs]
    assert translated and "Very satisfied" not in translated
    assert "Bus pass" in english  # a question's own choices, kept in English
    assert not any(re.search(r"[ąćęłńóśźżء-ي]", text) for text in english), english


@pytest.mark.parametrize("prefix", OTHERS)
def test_results_charts_name_the_english_question_and_choices(demo, client, prefix):
    html = _html(client, prefix + "/surveys/2025/results/")
    assert re.search(r'<title id="chart-question-1-title" lang="en" direction="ltr">'
                     r"How satisfied are you with your travel help", html)
    assert re.search(r'<text [^>]*lang="en"[^>]*>Bus pass</text>', html)
    assert not re.search(r'<text [^>]*lang="en"[^>]*>[^<]*[ąćęłńóśźżء-ي]', html)


def test_english_labels_in_an_arabic_chart_stay_inside_it_left_to_right(demo, client):
    html = _html(client, "/ar/surveys/2025/results/")
    label = re.search(r'<text x="([\d.]+)"[^>]*text-anchor="(\w+)" direction="ltr" '
                      r'unicode-bidi="embed"[^>]*lang="en"[^>]*>Bus pass</text>', html)
    assert label, "an English label in a right-to-left chart is laid out left to right"
    # Written from the right edge leftwards, so it stays inside the 300-wide chart.
    assert label.group(2) == "end" and float(label.group(1)) > 280


@pytest.mark.parametrize("prefix", OTHERS)
def test_search_results_mark_the_words_of_untranslated_pages(untranslated_faq, client, prefix):
    html = _html(client, prefix + "/search/?q=taxi")
    results = html.split('class="govuk-list portal-results"', 1)[1]
    assert f"{ENGLISH}>Questions parents ask</a>" in results
    assert re.search(r'<p class="govuk-body"' + ENGLISH + r">[^<]*<mark>taxi</mark>", results)


@pytest.mark.parametrize("prefix", OTHERS)
def test_promoted_results_in_english_are_marked(untranslated_faq, client, prefix):
    """The urgent best answer from an FAQ nobody translated: its question, its answer and
    the FAQ's title are English, and marked so."""
    html = _html(client, prefix + "/search/?q=taxi+late")
    promoted = html.split("data-portal-promotions", 1)[1].split("</div>", 1)[0]
    assert re.search("data-portal-urgent-faq" + ENGLISH + ">What should I do if transport",
                     promoted)
    assert re.search(r'<p class="govuk-body"' + ENGLISH + ">Phone the transport team", promoted)
    assert f"<span{ENGLISH}>Questions parents ask</span>" in promoted


@pytest.mark.parametrize("prefix", OTHERS)
def test_the_empty_searchs_links_are_marked(untranslated_faq, client, prefix):
    html = _html(client, prefix + "/search/?q=zzqqxx")
    help_box = html.split("data-portal-search-help", 1)[1]
    assert f"{ENGLISH}>Questions parents ask</a>" in help_box
    # The jargon buster is translated in the demo: its title is the reader's, not marked.
    title = {"/pl": "Słowniczek", "/ar": "مسرد المصطلحات"}[prefix]
    assert re.search(rf'<a class="govuk-link" href="{prefix}/jargon-buster/">{title}</a>',
                     help_box)
    assert "Jargon buster" not in help_box
    # The home page's help box is translated in the demo: its heading is not marked.
    assert re.search(r'<h2 class="govuk-heading-m">[^<]+</h2>', help_box)


def test_the_faq_links_to_the_translated_policy_where_there_is_one(demo, client):
    html = _html(client, "/pl/faq/")
    links = re.findall(r'<a class="govuk-link" href="([^"]+)">(Więcej w zasadach: .*?)</a>', html)
    assert links
    translated = [(h, t) for h, t in links if "travel-assistance" in h]
    untranslated = [(h, t) for h, t in links if "appeals-and-complaints" in h]
    assert translated and untranslated
    # The Polish policy, at the Polish section (found by its block, as headings differ).
    assert all(h.startswith("/pl/policies/travel-assistance/#") for h, _ in translated)
    assert ("/pl/policies/travel-assistance/#odlegosci-pieszo",
            "Więcej w zasadach: Pomoc w dojazdach dla dzieci ze SEND") in translated
    assert all(ENGLISH not in t for _, t in translated)
    # A policy nobody translated: its English title is marked.
    assert all(f"<span{ENGLISH}>Asking us to look again" in t for _, t in untranslated)
    policy = _html(client, "/pl/policies/travel-assistance/")
    for href, _ in translated:
        assert f'id="{href.split("#", 1)[1]}"' in policy, href


def test_the_arabic_faq_links_to_the_arabic_sections(demo, client):
    html = _html(client, "/ar/faq/")
    policy = _html(client, "/ar/policies/travel-assistance/")
    hrefs = re.findall(r'href="/ar/policies/travel-assistance/#([^"]+)"', html)
    assert hrefs
    for anchor in hrefs:
        assert f'<section class="portal-section" id="{anchor}"' in policy, anchor
    # "How far is my child expected to walk?" goes to the walking distances, the second
    # section (Arabic headings have no Latin letters, so sections are numbered).
    walk = html.split(">ما المسافة التي يُتوقع أن يمشيها طفلي؟</span>", 1)[1]
    walk = walk.split("</details>", 1)[0]
    assert 'href="/ar/policies/travel-assistance/#section-2"' in walk


@pytest.mark.parametrize("prefix", OTHERS)
def test_the_link_to_the_english_page_speaks_the_readers_language(demo, client, prefix):
    html = _html(client, prefix + "/faq/")
    link = re.search(r'<a class="govuk-link" href="/faq/"([^>]*)>', html)
    assert link and 'hreflang="en"' in link.group(1)
    assert 'lang="en"' not in link.group(1).replace('hreflang="en"', "")


def test_the_english_faq_links_to_the_english_policy(demo, client):
    html = _html(client, "/faq/")
    assert 'href="/policies/travel-assistance/#walking-distances"' in html
    assert ENGLISH not in html.split("<body", 1)[1]


@pytest.mark.parametrize(("prefix", "word", "explained"), [
    ("/pl", "uznaniowa", "Pomoc, której rada może udzielić"),
    ("/ar", "تقديرية", "مساعدة قد يختار المجلس تقديمها"),
])
def test_polish_and_arabic_pages_explain_their_jargon_in_their_language(
        demo, client, prefix, word, explained):
    policy = _html(client, prefix + "/policies/travel-assistance/")
    tip = re.search(r'<a class="portal-term__link" href="' + prefix
                    + r'/jargon-buster/#discretionary"[^>]*>' + word
                    + r'</a><span class="portal-term__tip" role="tooltip" id="term-discretionary"'
                    r' lang="(\w+)" dir="(\w+)">([^<]+)</span>', policy)
    assert tip and explained in tip.group(3)
    # In the reader's language, said so: the page around it may be English words.
    assert tip.group(1, 2) == ((prefix[1:], "rtl") if prefix == "/ar" else (prefix[1:], "ltr"))
    assert f'href="{prefix}/jargon-buster/#ehcp"' in policy  # an acronym kept in both
    buster = _html(client, prefix + "/jargon-buster/")
    assert explained in buster
    assert "Help the council may choose to give" not in buster  # not the English entry
    entries = buster.split("<dl", 1)[1].split("</dl>", 1)[0]
    assert ENGLISH not in entries  # the entries are in the reader's language


@pytest.mark.parametrize("prefix", OTHERS)
def test_an_untranslated_consultation_marks_its_words(demo, client, prefix):
    html = _html(client, prefix + "/consultations/walking-distances-under-8/")
    assert re.search(r'<p class="govuk-body-l"' + ENGLISH + ">Today we help children", html)
    assert f'<p class="govuk-body"{ENGLISH}>Ask us for a paper copy' in html


@pytest.mark.parametrize("path", ["/pl/faq/", "/ar/surveys/", "/pl/search/?q=taxi",
                                  "/ar/co-production-charter/"])
def test_marking_english_reads_a_fixed_number_of_queries(demo, client, settings, path,
                                                        django_assert_max_num_queries):
    """Which pages are English is read once (two queries, cached until the next publish),
    not once per title marked."""
    settings.PORTAL_PAGE_CACHE = False
    client.get(path)  # warm the site root paths and the cached languages
    with django_assert_max_num_queries(QUERIES[path]):
        client.get(path)


QUERIES = {"/pl/faq/": 22, "/ar/surveys/": 19, "/pl/search/?q=taxi": 20,
           "/ar/co-production-charter/": 21}


# --- the site's own Polish words are Polish, whatever their letters -------------------------
# "Podsumowanie" (Summary) and "Rok" (Year) come from the translation catalogue and have no
# letter English lacks: the marking relies on the catalogue, not on the letters.

POLISH_LABELS = ["Podsumowanie", "Rok", "Kiedy", "[Podsumowanie]", "Rok:"]


@pytest.mark.parametrize("by", ["typed", "label", "letters"])
@pytest.mark.parametrize("label", POLISH_LABELS)
def test_a_polish_label_from_the_catalogue_is_never_marked_english(by, label):
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load language_marks %}<th{% english_attrs label by=by %}>")
    with translation.override("pl"):
        html = template.render(Context({"label": label, "by": by}))
    assert html == "<th>"


def test_an_english_label_a_translator_has_not_reached_is_still_marked():
    from django.template import Context, Template
    from django.utils import translation

    template = Template('{% load language_marks %}<th{% english_attrs label by="label" %}>')
    with translation.override("pl"):
        assert template.render(Context({"label": "Results published on time"})) == (
            f"<th{ENGLISH}>")


def test_polish_typed_without_its_letters_is_not_taken_for_english():
    from django.template import Context, Template
    from django.utils import translation

    template = Template('{% load language_marks %}<p{% english_attrs text by="typed" %}>')
    with translation.override("pl"):
        assert template.render(Context({"text": "Dobrze, zgoda"})) == "<p>"
        assert template.render(Context({"text": "The taxi was late."})) == f"<p{ENGLISH}>"


def test_a_compared_english_text_leaves_the_catalogues_polish_lines_unmarked():
    from django.utils import translation

    from portal.templatetags.language_marks import compared_text

    with translation.override("pl"):
        html = str(compared_text("How long is the journey?\nRok\nPodsumowanie", ENGLISH))
    assert f"<span{ENGLISH}>How long is the journey?</span>" in html
    assert f"<span{ENGLISH}>Rok" not in html and "\nRok\n" in html
    assert f"<span{ENGLISH}>Podsumowanie" not in html and html.endswith("\nPodsumowanie")


# --- sentences a translator left in English inside a translated page --------------------------
# wagtail-localize shows the English segment of a sentence nobody translated: the Polish or
# Arabic section then holds an English paragraph among translated ones. Each such paragraph
# or list item is marked; the translated ones are not.

LANGUAGES = {"/pl": "pl", "/ar": "ar"}


def _leave_in_english(prefix: str) -> tuple[str, str, str]:
    """The travel-assistance policy in ``prefix``'s language with its third section's first
    paragraph and first list item as the English source has them (as wagtail-localize shows
    strings left in English), published; gives the two English texts and a translated one."""
    from wagtail.rich_text import RichText

    from portal.left_in_english import block_texts
    from portal.models import PolicyPage

    english = PolicyPage.objects.get(locale__language_code="en-gb", slug="travel-assistance")
    page = PolicyPage.objects.get(locale__language_code=LANGUAGES[prefix],
                                  translation_key=english.translation_key)
    source = english.sections[2].value["body"].source
    paragraph = re.search(r"<p[^>]*>.*?</p>", source, re.S).group(0)
    item = re.search(r"<ul[^>]*>.*?</ul>", source, re.S).group(0)
    body = page.sections[2].value["body"].source
    kept = re.search(r"<p[^>]*>.*?</p>", body.split("</p>", 1)[1], re.S).group(0)
    page.sections[2].value["body"] = RichText(paragraph + item + kept)
    page.save_revision().publish()
    (first, *_), (line, *_) = sorted(block_texts(paragraph)), sorted(block_texts(item))
    return first, line, sorted(block_texts(kept))[0]


def _text_marked(html: str, text: str) -> bool:
    plain = re.sub(r"<(?!/?(p|li)\b)[^>]*>", "", html)  # the glossary's links and tips out
    plain = re.sub(r"\s+", " ", plain)
    start = plain.find(text[:40])
    assert start >= 0, text
    return ENGLISH in plain[plain.rfind("<", 0, start):start]


@pytest.mark.parametrize("prefix", OTHERS)
def test_a_sentence_left_in_english_in_a_translated_policy_is_marked(demo, client, prefix):
    paragraph, item, translated = _leave_in_english(prefix)
    html = _html(client, prefix + "/policies/travel-assistance/")
    assert _text_marked(html, paragraph)
    assert _text_marked(html, item)
    assert not _text_marked(html, translated)


def test_an_english_policy_marks_no_paragraph(demo, client):
    html = _html(client, "/policies/travel-assistance/")
    assert not re.search("<(p|li)" + ENGLISH, html)


# --- headings and summary points a translator left in English (review h13w 3) ------------------


def _leave_heading_and_point_in_english(prefix: str) -> tuple[str, str, str]:
    """The travel-assistance policy in ``prefix``'s language with its third section's heading
    and first summary point as the English source has them, published; gives them and the
    translated heading of another section."""
    from portal.models import PolicyPage

    english = PolicyPage.objects.get(locale__language_code="en-gb", slug="travel-assistance")
    page = PolicyPage.objects.get(locale__language_code=LANGUAGES[prefix],
                                  translation_key=english.translation_key)
    section = next(n for n, s in enumerate(english.sections) if list(s.value["summary"]))
    heading = english.sections[section].value["heading"]
    point = english.sections[section].value["summary"][0]
    page.sections[section].value["heading"] = heading
    page.sections[section].value["summary"][0] = point
    page.save_revision().publish()
    other = next(s.value["heading"] for n, s in enumerate(page.sections) if n != section)
    return heading, point, other


@pytest.mark.parametrize("prefix", OTHERS)
def test_a_heading_and_summary_point_left_in_english_in_a_policy_are_marked(
        demo, client, prefix):
    heading, point, translated = _leave_heading_and_point_in_english(prefix)
    html = _html(client, prefix + "/policies/travel-assistance/")
    main = html.split('id="main-content"', 1)[1]
    assert re.search(r'<h2 class="govuk-heading-l" id="[^"]+"' + ENGLISH + ">"
                     + re.escape(heading) + "</h2>", main)
    # The contents list too.
    assert re.search(r'<a class="govuk-link" href="#[^"]+"' + ENGLISH + ">"
                     + re.escape(heading) + "</a>", main)
    assert f"<li{ENGLISH}>{point}</li>" in main.replace("&#x27;", "'")
    assert not _marked(main, translated)


@pytest.mark.parametrize("prefix", OTHERS)
def test_a_topic_and_question_left_in_english_in_the_faq_are_marked(demo, client, prefix):
    from portal.models import FAQIndexPage

    english = FAQIndexPage.objects.get(locale__language_code="en-gb")
    page = FAQIndexPage.objects.get(locale__language_code=LANGUAGES[prefix],
                                    translation_key=english.translation_key)
    title = english.topics[0].value["title"]
    question = english.topics[0].value["questions"][0]["question"]
    page.topics[0].value["title"] = title
    page.topics[0].value["questions"][0]["question"] = question
    page.save_revision().publish()
    main = _html(client, prefix + "/faq/").split('id="main-content"', 1)[1]
    main = main.replace("&#x27;", "'")
    assert re.search(r'<h2 class="govuk-heading-l" id="[^"]+"' + ENGLISH + ">"
                     + re.escape(title) + "</h2>", main)
    assert f'<span class="govuk-details__summary-text"{ENGLISH}>{question}</span>' in main
    second = page.topics[0].value["questions"][1]["question"] if len(
        page.topics[0].value["questions"]) > 1 else page.topics[1].value["title"]
    assert not _marked(main, second)
