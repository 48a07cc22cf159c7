"""A consultation or survey translated into Polish or Arabic is found by its own words typed
as on a phone: without Polish diacritics, Arabic without hamza, with ه for ة, without the
article, with tashkeel, with the everyday word for the bus. Its words are indexed folded as
searches fold them (``charter.search.NormalisedSearchMixin``), so this holds on SQLite and
PostgreSQL alike (the suite runs on both)."""

import pytest
from wagtail.models import Locale

pytestmark = pytest.mark.django_db

POLISH = {
    "title": "Odległości dojścia dla dzieci poniżej 8 lat",
    "summary": "Chcemy zmienić odległość, jaką najmłodsze dzieci pokonują pieszo do szkoły. "
               "Zamiast taksówki dostaną bezpłatny bilet.",
}
ARABIC = {
    "title": "استبيان التنقل إلى المدرسة",
    "intro": "أخبرنا كيف كانت رحلة طفلك بالحافلة إلى المدرسة هذا العام. يستغرق خمس دقائق.",
    "results_summary": "قال الأهالي إن السائقين لطفاء، وإن المواعيد تأخرت أحياناً.",
}


def _translated(page, code: str, **fields):
    copy = page.copy_for_translation(Locale.objects.get(language_code=code),
                                     copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    assert copy.url.startswith(f"/{code}/")
    return copy


def _found(client, code: str, words: str) -> str:
    """The search page's results for ``words``, holding all of them (not "No page has all
    your words")."""
    html = client.get(f"/{code}/search/", {"q": words}).content.decode()
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert "data-portal-some-words" not in main, words
    return main


@pytest.mark.parametrize("typed", [
    "odleglosci",           # odległości, without its diacritics
    "odleglosc",            # another form of it
    "taksowka",             # taksówki, another case, without diacritics
    "pieszo do szkoly",     # szkoły
    "bilet bezplatny",      # bezpłatny, words the other way round
    "najmlodsze dzieci",
])
def test_a_polish_consultation_is_found_by_its_words_typed_on_a_phone(client, consultation,
                                                                      typed):
    polish = _translated(consultation, "pl", **POLISH)
    assert f'href="{polish.url}"' in _found(client, "pl", typed), typed


@pytest.mark.parametrize("typed", [
    "الحافله",               # ta marbuta typed as ha
    "حافلة",                 # without the article and the preposition
    "باص",                   # the bus, as it is said: searched as حافلة
    "رحله طفلك",             # ه for ة
    "المدرسه",
    "الاهالي",               # without hamza on alif
    "السائقين",
    "المواعيد",
    "الحَافِلَة",              # with tashkeel
])
def test_an_arabic_survey_is_found_by_its_words_typed_on_a_phone(client, survey, typed):
    arabic = _translated(survey, "ar", **ARABIC)
    assert f'href="{arabic.url}"' in _found(client, "ar", typed), typed


def test_an_arabic_consultation_and_a_polish_survey_too(client, consultation, survey):
    arabic = _translated(consultation, "ar", title="مسافات المشي للأطفال",
                         summary="نريد تغيير مسافة المشي إلى المدرسة للأطفال دون الثامنة.")
    polish = _translated(survey, "pl", title="Ankieta o dojazdach do szkoły",
                         intro="Powiedz nam, jak wyglądały dojazdy Twojego dziecka w tym roku.")
    assert f'href="{arabic.url}"' in _found(client, "ar", "مسافه المشي")
    assert f'href="{polish.url}"' in _found(client, "pl", "dojazdy dziecka")
    assert f'href="{polish.url}"' in _found(client, "pl", "wygladaly")


def test_an_analysis_waiting_for_its_outcome_is_not_searched(client, consultation):
    """The page shows the summary of responses only with its outcome: until then its words
    find nothing."""
    polish = _translated(consultation, "pl", **POLISH,
                         analysis="Rodzice pisali o bezpieczeństwie na skrzyżowaniach.")
    html = client.get("/pl/search/", {"q": "skrzyzowaniach"}).content.decode()
    assert f'href="{polish.url}"' not in html
