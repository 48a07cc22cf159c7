"""The demo's FAQ in Polish and Arabic: a translated page (made through wagtail-localize, so a
change to the English shows as out of date), found by a search in the reader's language with
its own title, its phone number tappable, and no English left unmarked on it."""

import json
import re

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from portal.demo import faq
from portal.models import FAQIndexPage
from tests.portal.test_no_unmarked_english import unmarked_english

pytestmark = pytest.mark.django_db

TITLES = {"/pl": "Pytania, które zadają rodzice", "/ar": "أسئلة يطرحها أولياء الأمور"}
TEL = 'href="tel:+441234567890"'


def _html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("code", ["pl", "ar"])
def test_the_faq_is_a_tracked_translation_of_the_english(demo, code):
    english = FAQIndexPage.objects.get(locale__language_code="en-gb")
    copy = FAQIndexPage.objects.get(translation_key=english.translation_key,
                                    locale__language_code=code)
    assert copy.alias_of_id is None and copy.live
    source = TranslationSource.objects.get_for_instance(english)
    assert Translation.objects.filter(source=source,
                                      target_locale=Locale.objects.get(language_code=code)).exists()
    assert copy.title == TITLES["/" + code]
    assert len(copy.topics) == len(english.topics)


@pytest.mark.parametrize(("prefix", "words"), [
    # Typed as on a phone: without diacritics, without hamza.
    ("/pl", "raty"), ("/pl", "skarga"), ("/pl", "formularz odwolania"),
    ("/ar", "اقساط"), ("/ar", "الشكوى"), ("/ar", "نموذج الاستئناف"),
])
def test_a_search_finds_the_faq_under_its_translated_title(demo, client, prefix, words):
    html = _html(client, prefix + "/search/", q=words)
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert re.search(r'<a class="govuk-link" href="' + prefix + r'/faq/[^"]*">'
                     + re.escape(TITLES[prefix]) + "</a>", main), words
    assert "Questions parents ask" not in main
    assert unmarked_english(html, prefix.strip("/")) == []


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_the_urgent_search_promotes_the_translated_faq(demo, client, prefix):
    words = {"/pl": "taksówka spóźniona", "/ar": "التاكسي تاخر"}[prefix]
    html = _html(client, prefix + "/search/", q=words)
    promoted = html.split("data-portal-promotions", 1)[1].split("</div>", 1)[0]
    assert TITLES[prefix] in promoted
    assert "Questions parents ask" not in promoted


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_the_translated_faq_reads_in_its_own_language_with_a_tappable_number(
        demo, client, prefix):
    html = _html(client, prefix + "/faq/")
    assert f'<h1 class="govuk-heading-xl">{TITLES[prefix]}</h1>' in html
    assert TEL in html
    assert unmarked_english(html, prefix.strip("/")) == []
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1]
                      .split("</script>", 1)[0])
    assert data["inLanguage"] == prefix.strip("/")
    english = {q for _, questions in faq.TOPICS for q, *_ in questions}
    assert len(data["mainEntity"]) == len(english)
    assert not {q["name"] for q in data["mainEntity"]} & english
    # "Read more" goes to the translated travel help policy, at the translated section.
    links = re.findall(r'href="(' + prefix + r'/policies/travel-assistance/#[^"]+)"', html)
    assert links
    policy = _html(client, prefix + "/policies/travel-assistance/")
    for link in set(links):
        assert f'id="{link.split("#", 1)[1]}"' in policy, link
