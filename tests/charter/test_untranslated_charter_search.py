"""The charter and the working agreement shown untranslated on the Polish and Arabic sites
(wagtail-localize aliases of the English pages) are found by the reader's own names of the
jargon buster's terms they use, as every other untranslated copy is: the engine indexes
them through ``charter.search`` (the plain rules in ``core``, the terms through a hook the
public site answers), importing no page app."""

import pytest
from wagtail.models import Locale

from charter import hooks
from charter.models import CharterPage, WorkingAgreementPage
from charter.search import untranslated_page_names
from portal.models import GlossaryTerm

pytestmark = pytest.mark.django_db

# The demo's charter uses "co-production", its working agreement "consultation"; the demo's
# jargon buster has them in English only. A translator adds them in each language.
NAMES = {
    "co-production": {"pl": ("współtworzenie", ["współpraca przy tworzeniu"]),
                      "ar": ("الإنتاج المشترك", ["التشارك في الإنتاج"])},
    "consultation": {"pl": ("konsultacja", ["konsultacje społeczne"]),
                     "ar": ("الاستشارة", ["استشارة عامة"])},
}
# Each page, with the reader's words for its term typed as on a phone.
TYPED = {
    ("pl", CharterPage): ["współtworzenie", "wspoltworzenie", "WSPÓŁTWORZENIE",
                          "wspolpraca przy tworzeniu"],
    ("pl", WorkingAgreementPage): ["konsultacja", "konsultacje spoleczne", "konsultacji"],
    ("ar", CharterPage): ["الإنتاج المشترك", "الانتاج المشترك", "انتاج مشترك",
                          "الإنْتَاج المُشْتَرَك", "التشارك في الانتاج"],
    ("ar", WorkingAgreementPage): ["الاستشارة", "الاستشاره", "استشاره عامه", "والاستشارة"],
}


def _translate(slug: str, code: str) -> GlossaryTerm:
    english = GlossaryTerm.objects.get(locale=Locale.get_default(), slug=slug)
    copy = english.copy_for_translation(Locale.objects.get(language_code=code))
    copy.term, aliases = NAMES[slug][code]
    copy.aliases = "\n".join(aliases)
    copy.live = False
    copy.save()
    copy.save_revision().publish()
    return copy


def _result_urls(client, code: str, words: str) -> str:
    html = client.get(f"/{code}/search/", {"q": words}).content.decode()
    return html.split('id="main-content"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(("code", "cls"), list(TYPED))
def test_the_untranslated_charter_pages_are_found_by_the_readers_name(demo, client, code, cls):
    page = cls.objects.get(locale__language_code=code)
    assert page.alias_of_id
    assert f'href="{page.url}"' not in _result_urls(client, code, TYPED[code, cls][0])
    for slug in NAMES:
        _translate(slug, code)
    for typed in TYPED[code, cls]:
        assert f'href="{page.url}"' in _result_urls(client, code, typed), typed


def test_the_english_pages_and_their_names_are_left_alone(demo):
    _translate("co-production", "pl")
    english = CharterPage.objects.get(locale=Locale.get_default())
    assert untranslated_page_names(english, english.searchable_plain_text()) == []
    polish = CharterPage.objects.get(locale__language_code="pl")
    names = untranslated_page_names(polish, polish.searchable_plain_text())
    assert "współtworzenie" in names and "współpraca przy tworzeniu" in names
    assert "wspoltworzen" in polish.normalised_search_text().split()


def test_the_engine_reads_the_terms_through_its_hook(demo, monkeypatch):
    """With no app answering the hook, an untranslated copy has no names, and nothing
    fails: the engine needs no page app to index its pages."""
    _translate("consultation", "ar")
    arabic = WorkingAgreementPage.objects.get(locale__language_code="ar")
    assert untranslated_page_names(arabic, arabic.searchable_plain_text())
    monkeypatch.setattr(hooks, "glossary_terms", lambda locale_ids: [])
    assert untranslated_page_names(arabic, arabic.searchable_plain_text()) == []
