"""What a Polish or Arabic reader's screen reader is told: English text on their page is
marked `lang="en" dir="ltr"`, numbers keep their direction, and every phone number in the
demo can be tapped."""

import json
import re

import pytest

from portal.phone_numbers import _NUMBER, is_phone_number

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/faq/", "/policies/travel-assistance/", "/policies/appeals-and-complaints/",
          "/jargon-buster/", "/news/", "/consultations/", "/surveys/",
          "/search/?q=taxi+late", "/search/?q=apeal"]


def _unlinked_numbers(html: str) -> list[str]:
    """Phone numbers in the page's visible text that are not inside a link."""
    body = html.split("<body", 1)[1]
    body = re.sub(r"<script.*?</script>", "", body, flags=re.S)
    found, inside = [], 0
    for piece in re.split(r"(<[^>]*>)", body):
        if piece.startswith("<"):
            m = re.match(r"<\s*(/?)\s*a\b", piece, re.I)
            if m:
                inside += -1 if m.group(1) else 1
            continue
        if not inside:
            found += [m.group(0) for m in _NUMBER.finditer(piece) if is_phone_number(m.group(0))]
    return found


@pytest.mark.parametrize("prefix", ["", "/pl", "/ar"])
def test_urgent_help_is_on_every_page_with_a_number_to_tap(demo, client, prefix):
    for path in PUBLIC:
        response = client.get(prefix + path)
        assert response.status_code == 200, prefix + path
        html = response.content.decode()
        urgent = html.split('class="portal-urgent"', 1)[1].split("</div>\n</div>", 1)[0]
        assert 'href="tel:+441234567890"' in urgent, prefix + path
        assert html.index('class="portal-urgent"') < html.index('id="main-content"'), path
        assert _unlinked_numbers(html) == [], prefix + path


def test_urgent_help_speaks_the_readers_language(demo, client):
    assert "Transport not turned up?" in client.get("/").content.decode()
    polish = client.get("/pl/").content.decode()
    assert "Transport nie przyjechał?" in polish
    assert "Zadzwoń do zespołu transportu:" in polish
    arabic = client.get("/ar/").content.decode()
    assert "لم تصل المواصلات؟" in arabic
    assert "اتصل بفريق المواصلات:" in arabic
    # The home page's own help box, translated in the demo, comes before the policies.
    assert arabic.index("help-heading") < arabic.index('id="policies"')
    assert "Od razu zadzwoń do zespołu transportu" in polish


def test_the_faq_answer_about_transport_not_turning_up_gives_the_number(demo, client):
    html = client.get("/faq/").content.decode()
    answer = html.split("What should I do if transport does not turn up?", 1)[1]
    answer = answer.split("</details>", 1)[0]
    assert 'href="tel:+441234567890"' in answer


def test_faq_structured_data_carries_the_words_a_reader_sees(demo, client):
    html = client.get("/faq/").content.decode()
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1]
                      .split("</script>", 1)[0])
    answers = [q["acceptedAnswer"]["text"] for q in data["mainEntity"]]
    assert any("EHCP" in a for a in answers)
    assert not any("Education, Health and Care plan" in a and "An EHCPEducation" in a
                   for a in answers)
    assert not any(re.search(r"[A-Z]{3,}[A-Z][a-z]", a) for a in answers), answers


@pytest.mark.parametrize("prefix", ["", "/pl", "/ar"])
def test_faq_structured_data_says_the_language_its_words_are_in(untranslated_faq, client,
                                                                prefix):
    # The FAQ is not translated yet: its words are English at every address.
    html = client.get(prefix + "/faq/").content.decode()
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1]
                      .split("</script>", 1)[0])
    assert data["inLanguage"] == "en-GB"


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_an_untranslated_page_is_marked_as_english_and_its_labels_are_not(
        untranslated_faq, client, prefix):
    html = client.get(prefix + "/faq/").content.decode()
    assert '<h1 class="govuk-heading-xl" lang="en" dir="ltr">Questions parents ask</h1>' in html
    assert ('<span class="govuk-details__summary-text" lang="en" dir="ltr">'
            "What should I do if transport does not turn up?</span>") in html
    # The words of the site itself are translated, and not marked English.
    assert 'id="untranslated-title">' in html
    assert 'id="topics-heading">' in html
    # A translated policy is not marked English; an untranslated one, listed on the
    # translated home page, is.
    policy = client.get(prefix + "/policies/travel-assistance/").content.decode()
    assert '<h1 class="govuk-heading-xl">' in policy
    home = client.get(prefix + "/").content.decode()
    assert re.search(r'href="[^"]*appeals-and-complaints/" lang="en" dir="ltr"', home)
    assert not re.search(r'href="[^"]*travel-assistance/" lang="en"', home)


def test_english_strings_left_in_an_arabic_page_are_marked(demo, client):
    html = client.get("/ar/surveys/2025/results/").content.decode()
    assert re.search(r'<h3 class="govuk-heading-m" id="[^"]+" lang="en" dir="ltr">', html)
    arabic_heading = client.get("/ar/policies/travel-assistance/").content.decode()
    assert 'lang="en" dir="ltr">المساعدة' not in arabic_heading


def test_the_record_in_english_on_a_translated_page_is_marked(demo, client):
    html = client.get("/ar/policies/travel-assistance/versions/").content.decode()
    assert 'lang="en" dir="ltr"' in html


def test_phone_numbers_keep_left_to_right_in_arabic(demo, client):
    html = client.get("/ar/").content.decode()
    assert '<bdi dir="ltr">01234 567 890</bdi>' in html


def test_arabic_results_charts_are_mirrored_with_the_pages_numbers(demo, client):
    arabic = client.get("/ar/surveys/2025/results/").content.decode()
    assert arabic.count('direction="rtl"') >= 2
    assert 'direction="ltr" unicode-bidi="embed"' in arabic  # numbers keep their order
    polish = client.get("/pl/surveys/2025/results/").content.decode()
    charts = "".join(re.findall(r"<svg.*?</svg>", polish, flags=re.S))
    tables = "".join(re.findall(r"<table.*?</table>", polish, flags=re.S))
    # One decimal separator on the page: the charts write shares as the tables do.
    assert re.search(r"\d\.\d\xa0%", charts) is None
    assert re.search(r"\d\.\d", tables) is None
    english = client.get("/surveys/2025/results/").content.decode()
    assert 'direction="rtl"' not in english
