import pytest
from django.test import override_settings
from wagtail.models import Locale

from portal.models import FAQIndexPage
from portal.selectors import search_vocabulary
from tests.factories import GlossaryTermFactory, make_policy, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeals(tree):
    return make_policy(
        tree.policies,
        title="Asking us to look again",
        slug="appeals",
        in_short="How to appeal a decision.",
        sections=[section("Stage two", "<p>An independent panel reviews the decision.</p>")],
    )


def test_search_finds_a_policy_by_a_word_in_its_body(client, appeals):
    response = client.get("/search/", {"q": "independent panel"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/policies/appeals/"' in html
    assert "<mark>independent</mark> <mark>panel</mark>" in html


def test_search_finds_faq_answers(client, tree):
    html = client.get("/search/", {"q": "miles"}).content.decode()
    assert 'href="/faq/"' in html


def test_search_shows_matching_glossary_terms(client, tree):
    GlossaryTermFactory(term="Ombudsman", slug="ombudsman",
                        explanation="An independent person who looks at complaints.")
    html = client.get("/search/", {"q": "Ombudsman"}).content.decode()
    assert "An independent person who looks at complaints." in html


def test_search_does_not_show_drafts_or_unpublished_pages(client, appeals):
    appeals.unpublish()
    html = client.get("/search/", {"q": "independent panel"}).content.decode()
    assert "/policies/appeals/" not in html
    assert "0 results" in html


def test_empty_search_explains_what_to_do(client, tree):
    html = client.get("/search/").content.decode()
    assert "Type a word or two" in html


def test_over_long_query_is_cut_with_a_message(client, tree):
    response = client.get("/search/", {"q": "walk " * 100})
    assert response.status_code == 200
    assert "Search for 200 characters or fewer." in response.content.decode()


def test_results_are_paginated(client, tree):
    for n in range(12):
        make_policy(tree.policies, title=f"Route {n}", slug=f"route-{n}",
                    sections=[section("Buses", "<p>Zigzag buses run here.</p>")])
    first = client.get("/search/", {"q": "zigzag"}).content.decode()
    second = client.get("/search/", {"q": "zigzag", "page": 2}).content.decode()
    assert "12 results" in first
    assert first.count('class="portal-results__item"') == 10
    assert second.count('class="portal-results__item"') == 2
    assert client.get("/search/", {"q": "zigzag", "page": "x"}).status_code == 200
    assert client.get("/search/", {"q": "zigzag", "page": 99}).status_code == 200


@override_settings(LANGUAGE_CODE="en-gb")
def test_search_in_polish_searches_polish_pages_only(client, appeals):
    html = client.get("/pl/search/", {"q": "independent panel"}).content.decode()
    results = html.split('class="govuk-list portal-results"', 1)[1].split("</ol>", 1)[0]
    assert "/policies/appeals/" not in results
    # Only offered apart, as the English site's result (tests/portal/test_results_in_english.py).
    english = html.split("data-portal-english-results", 1)[1].split("</div>", 1)[0]
    assert 'href="/policies/appeals/" hreflang="en" lang="en"' in english


# --- search that forgives -------------------------------------------------------


def _locale_policy(tree, code, title, slug, body):
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code=code)
    index = tree.policies.copy_for_translation(locale, copy_parents=True)
    index.save_revision().publish()
    page = make_policy(index, title=title, slug=slug, sections=[section("Zasady", body)])
    return page


@pytest.fixture
def polish_policy(tree):
    return _locale_policy(
        tree, "pl", "Transport do szkoły", "transport-pl",
        "<p>Sprawdzamy odległości do szkoły. Taksówka przyjeżdża rano.</p>",
    )


@pytest.fixture
def arabic_policy(tree):
    return _locale_policy(
        tree, "ar", "النقل إلى المدرسة", "transport-ar",
        "<p>نرسل سيارة أجرة إلى المدرسة. تقدّم الاستئناف خلال عشرين يوماً.</p>",
    )


@pytest.mark.parametrize("typed", ["odleglosci", "odległości", "ODLEGLOSC", "taksowka", "taksowki",
                                   "szkoly"])
def test_polish_words_typed_without_diacritics_find_the_polish_page(client, polish_policy, typed):
    html = client.get("/pl/search/", {"q": typed}).content.decode()
    assert "transport-pl/" in html, typed


@pytest.mark.parametrize("typed", [
    "المدرسه",      # ه typed for ة
    "مدرسة",        # without the article
    "للمدرسة",      # with a prefix
    "اجرة",         # alif without hamza
    "استيناف",      # ي for ئ
    "سيارة الأجرة",  # two words
])
def test_arabic_words_typed_on_a_phone_find_the_arabic_page(client, arabic_policy, typed):
    html = client.get("/ar/search/", {"q": typed}).content.decode()
    assert "transport-ar/" in html, typed


@pytest.fixture
def arabic_moving(tree):
    return _locale_policy(tree, "ar", "المساعدة في التنقل", "moving-ar",
                          "<p>نساعد الأطفال في التنقل إلى المدرسة.</p>")


@pytest.mark.parametrize("typed", [
    "التنقل",     # Form V verbal noun of نقل, as the moving page's title has it
    "تنقل",       # without the article
    "بالتنقل",    # with a preposition
    "التنقلات",   # plural
    "الانتقال",   # Form VIII verbal noun
    "انتقال",
])
def test_arabic_derived_forms_find_the_page_with_the_plain_word(client, arabic_policy, typed):
    """"النقل إلى المدرسة" (transport to school) is found by the derived forms of نقل."""
    html = client.get("/ar/search/", {"q": typed}).content.decode()
    assert "transport-ar/" in html, typed


@pytest.mark.parametrize("typed", ["النقل", "نقل", "للنقل", "انتقال"])
def test_the_plain_arabic_word_finds_the_page_with_the_derived_form(client, arabic_moving,
                                                                     typed):
    html = client.get("/ar/search/", {"q": typed}).content.decode()
    assert "moving-ar/" in html, typed


@pytest.mark.parametrize("typed", ["appeals", "Appealing", "panels"])
def test_english_words_find_their_other_forms(client, appeals, typed):
    html = client.get("/search/", {"q": typed}).content.decode()
    assert 'href="/policies/appeals/"' in html, typed


def test_a_polish_word_does_not_find_an_unrelated_page(client, polish_policy):
    html = client.get("/pl/search/", {"q": "autobus"}).content.decode()
    assert "transport-pl/" not in html


def test_a_misspelling_gets_a_suggestion_from_the_sites_own_words(client, tree):
    GlossaryTermFactory(term="Appeal", slug="appeal", explanation="Asking us to look again.")
    html = client.get("/search/", {"q": "apeal"}).content.decode()
    assert 'Did you mean <bdi><a class="govuk-link" href="?q=appeal">appeal</a></bdi>?' in html


@pytest.mark.parametrize(("language", "sentence"), [
    ("pl", 'Czy chodziło Ci o <bdi><a class="govuk-link" href="?q=appeal" lang="en" dir="ltr">'
           "appeal</a></bdi>?"),
    ("ar", 'هل تقصد <bdi><a class="govuk-link" href="?q=appeal" lang="en" dir="ltr">'
           "appeal</a></bdi>؟"),
])
def test_did_you_mean_offers_english_as_a_last_resort_marked_english(
        client, tree, language, sentence):
    """Nothing in the reader's language is near "apeal", and the jargon buster has no
    translation of "appeal": the English word, in one translated sentence, marked English."""
    Locale.objects.get_or_create(language_code=language)
    GlossaryTermFactory(term="Appeal", slug="appeal", explanation="Asking us to look again.")
    html = client.get(f"/{language}/search/", {"q": "apeal"}).content.decode()
    assert sentence in html


@pytest.mark.parametrize(("language", "word", "sentence"), [
    ("pl", "odwołanie", 'Czy chodziło Ci o <bdi><a class="govuk-link" href="?q=odwo%C5%82anie">'
                        "odwołanie</a></bdi>?"),
    ("ar", "الاستئناف", "هل تقصد <bdi><a class=\"govuk-link\" href=\"?q=%D8%A7%D9%84%D8%A7"
                        "%D8%B3%D8%AA%D8%A6%D9%86%D8%A7%D9%81\">الاستئناف</a></bdi>؟"),
])
def test_a_misspelt_english_word_is_offered_in_the_readers_language(
        client, tree, language, word, sentence):
    """"apeal" on the Polish page: the jargon buster's Polish word for "appeal", not the
    English one, and not marked English."""
    locale, _ = Locale.objects.get_or_create(language_code=language)
    english = GlossaryTermFactory(term="Appeal", slug="appeal", aliases="appeals",
                                  explanation="Asking us to look again.")
    copy = english.copy_for_translation(locale)
    copy.term, copy.live = word, True
    copy.save()
    html = client.get(f"/{language}/search/", {"q": "apeal"}).content.decode()
    assert sentence in html


def test_an_untranslated_copy_gives_no_words_to_the_readers_language(client, tree):
    """An English page shown untranslated on the Polish site is not Polish: its title's words
    are not offered to a Polish reader before Polish ones."""
    polish, _ = Locale.objects.get_or_create(language_code="pl")
    index = tree.policies.copy_for_translation(polish, copy_parents=True)
    index.save_revision().publish()
    make_policy(index, title="Wnioski i odwołania", slug="wnioski",
                sections=[section("Zasady", "<p>Jak złożyć wniosek.</p>")])
    make_policy(tree.policies, title="Appeals and complaints", slug="appeals-en",
                sections=[section("Stage two", "<p>An independent panel.</p>")])
    tree.policies.get_children().get(slug="appeals-en").specific.copy_for_translation(
        polish, alias=True)
    words = search_vocabulary(polish, faq_pages=FAQIndexPage.objects.all()).words
    assert "odwołania" in words
    assert not {"appeals", "complaints", "travel", "policies"} & words
    html = client.get("/pl/search/", {"q": "odwolaina"}).content.decode()
    assert 'href="?q=odwo%C5%82ania">odwołania</a>' in html
    # The English word only as the last resort, marked English.
    html = client.get("/pl/search/", {"q": "apeals"}).content.decode()
    assert 'href="?q=appeals" lang="en" dir="ltr">appeals</a>' in html


def test_common_english_words_get_no_correction(client, tree):
    # "How" is one of the site's words; "show" is an English word, not a misspelling of it.
    GlossaryTermFactory(term="How far walking", slug="how-far",
                        explanation="How far your child walks.")
    for typed in ("no show", "show"):
        html = client.get("/search/", {"q": typed}).content.decode()
        assert "Did you mean" not in html, typed
        assert "no how" not in html
    assert "Did you mean" in client.get("/search/", {"q": "walkng"}).content.decode()


def test_a_search_that_finds_something_suggests_nothing(client, appeals):
    html = client.get("/search/", {"q": "appeal"}).content.decode()
    assert "Did you mean" not in html


def test_a_misspelt_word_inside_a_phrase_gets_the_corrected_phrase(client, tree):
    """"buss" is an English word (a kiss), so it was never corrected: "buss pass" is a
    misspelt "bus pass", a phrase the site uses."""
    make_policy(tree.policies, title="Bus passes", slug="bus-passes",
                sections=[section("Using it", "<p>Show your pass to the driver.</p>")])
    html = client.get("/search/", {"q": "buss pass"}).content.decode()
    assert 'Did you mean <bdi><a class="govuk-link" href="?q=bus+pass">bus pass</a></bdi>?' in html
    # An English word that makes no phrase the site uses is left as it is.
    assert "Did you mean" not in client.get("/search/", {"q": "kiss pass"}).content.decode()


def test_a_search_that_found_something_still_suggests_the_corrected_phrase(client, tree):
    """An officer promoted "pass" (a page is found), yet "buss pass" meant "bus pass"."""
    policy = make_policy(tree.policies, title="Bus passes", slug="bus-passes",
                         sections=[section("Using it", "<p>Show your pass to the driver.</p>")])
    _promote("pass", policy)
    html = client.get("/search/", {"q": "buss pass"}).content.decode()
    assert "data-portal-promotions" in html
    assert 'Did you mean <bdi><a class="govuk-link" href="?q=bus+pass">bus pass</a></bdi>?' in html
    # Found, and no phrase to offer: a word near a title's word is not "corrected".
    _promote("passe", policy)
    assert "Did you mean" not in client.get("/search/", {"q": "passe"}).content.decode()


def test_an_empty_result_points_to_the_faq_jargon_buster_and_urgent_help(client, tree):
    from wagtail.models import Site

    from portal.models import PortalSettings, ServiceDetails

    details = ServiceDetails.objects.create(locale=tree.home.locale, phone="01234 567 890")
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.service_details = details
    settings.save()
    html = client.get("/search/", {"q": "qwertyuiop"}).content.decode()
    assert "0 results" in html
    assert 'href="/faq/"' in html
    assert 'href="/jargon-buster/"' in html
    assert 'href="tel:+441234567890"' in html


def test_a_result_page_does_not_show_the_empty_result_help(client, appeals):
    html = client.get("/search/", {"q": "independent"}).content.decode()
    assert "data-portal-search-help" not in html


def _promote(query, page, description=""):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    return SearchPromotion.objects.create(query=Query.get(query), page=page,
                                          description=description)


def test_an_officer_promoted_result_comes_first_for_an_everyday_word(client, tree):
    before = client.get("/search/", {"q": "cab"}).content.decode()
    assert "data-portal-promotions" not in before
    _promote("cab", tree.faq, "What to do if the taxi does not come.")
    after = client.get("/search/", {"q": "Cab "}).content.decode()
    assert "data-portal-promotions" in after
    assert 'href="/faq/"' in after
    assert "What to do if the taxi does not come." in after
    assert "data-portal-search-help" not in after


def test_a_promotion_for_polish_words_matches_without_diacritics(client, polish_policy):
    from wagtail.models import Page

    _promote("taksówka się spóźnia", Page.objects.get(pk=polish_policy.pk))
    html = client.get("/pl/search/", {"q": "taksowka sie spoznia"}).content.decode()
    assert "data-portal-promotions" in html


def test_search_page_queries_stay_few(client, tree, django_assert_max_num_queries):
    for n in range(5):
        make_policy(tree.policies, title=f"Route {n}", slug=f"route-{n}",
                    sections=[section("Buses", "<p>Zigzag buses run here.</p>")])
    with django_assert_max_num_queries(25):
        client.get("/search/", {"q": "zigzag"})
    with django_assert_max_num_queries(25):
        client.get("/search/", {"q": "qwertyuiop"})


@pytest.mark.parametrize("role, allowed", [
    ("anonymous", False), ("parent", False), ("forum_rep", False), ("officer", True),
    ("board_member", False), ("admin", True),
])
def test_only_officers_and_admins_manage_promoted_results(client, tree, login_as, role, allowed):
    login_as(role)
    response = client.get("/admin/searchpicks/add/")
    assert (response.status_code == 200) is allowed, (role, response.status_code)
