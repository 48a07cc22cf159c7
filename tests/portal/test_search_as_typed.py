"""Search takes whatever a reader types, in any of the site's three languages: a stray quote
is not a server error, a misspelling beside an urgent word still gets its correction, and a
Polish or Arabic reader gets the best answers and the jargon buster in their language."""

import pytest

from portal.search_text import backend_words

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "sent"), [
    ('apeal"', "apeal"),
    ('bus pass"', "bus pass"),
    ('"', ""),
    ('taxi "late', "taxi late"),
    ("child's (bus* NOT ^pass) {a} :b", "child's bus NOT pass a b"),
    ("no-show", "no-show"),
    ('odległości"', "odległości"),
    ('الحافلة" لم تأت', "الحافلة لم تأت"),
])
def test_only_the_words_reach_the_search_backend(typed, sent):
    assert backend_words(typed) == sent


def _main(html: str) -> str:
    return html.split('id="main-content"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(("prefix", "typed", "shown"), [
    ("", 'apeal"', "apeal&quot;"),
    ("", 'bus pass"', "bus pass&quot;"),
    ("", '"', "&quot;"),
    ("", 'taxi "late', "taxi &quot;late"),
    ("/pl", 'odległości"', "odległości&quot;"),
    ("/pl", '"taksowka', "&quot;taksowka"),
    ("/ar", 'apeal"', "apeal&quot;"),
    ("/ar", 'استئناف"', "استئناف&quot;"),
])
def test_a_stray_quote_is_searched_not_a_server_error(demo, client, prefix, typed, shown):
    response = client.get(f"{prefix}/search/", {"q": typed})
    assert response.status_code == 200
    main = _main(response.content.decode())
    assert shown in main  # the reader's words, as typed
    assert "data-portal-result-count" in main


@pytest.mark.parametrize(("prefix", "typed", "found"), [
    ("", 'bus pass"', "data-portal-promotions"),
    ("", 'apeal"', 'Did you mean <bdi><a class="govuk-link" href="?q=appeal">appeal</a></bdi>?'),
    ("/pl", 'odleglosci"', "portal-results__item"),
    ("/ar", 'تاكسي"', "data-portal-urgent-answer"),
])
def test_a_search_with_a_stray_quote_finds_what_it_would_without(demo, client, prefix, typed,
                                                                  found):
    assert found in _main(client.get(f"{prefix}/search/", {"q": typed}).content.decode())


def test_a_lone_quote_offers_the_places_to_look(demo, client):
    main = _main(client.get("/search/", {"q": '"'}).content.decode())
    assert "data-portal-search-help" in main
    assert "0 results" in main


@pytest.mark.parametrize(("typed", "correction"), [
    ("taxi eligibilty", "taxi eligibility"),
    ("late apeal", "late appeal"),
    ("taxi apeal", "taxi appeal"),
])
def test_an_urgent_search_with_a_misspelling_gets_the_number_and_the_correction(
        demo, client, typed, correction):
    main = _main(client.get("/search/", {"q": typed}).content.decode())
    assert "data-portal-urgent-answer" in main
    assert "data-portal-suggestion" in main, typed
    suggestion = main.split("data-portal-suggestion", 1)[1].split("</p>", 1)[0]
    assert f">{correction}</a></bdi>?" in suggestion


@pytest.mark.parametrize("typed", ["taxi late", "driver", "no show"])
def test_a_rightly_spelt_urgent_search_is_not_corrected(demo, client, typed):
    main = _main(client.get("/search/", {"q": typed}).content.decode())
    assert "data-portal-urgent-answer" in main
    assert "data-portal-suggestion" not in main


@pytest.mark.parametrize(("prefix", "typed", "said", "english"), [
    ("/pl", "kierowca", "Od razu zadzwoń do zespołu transportu", "phone the transport team"),
    ("/pl", "taksówka", "Od razu zadzwoń do zespołu transportu", "phone the transport team"),
    ("/pl", "skarga", "jak złożyć skargę", "make a complaint"),
    ("/ar", "السائق", "اتصل بفريق المواصلات فوراً", "phone the transport team"),
    ("/ar", "تاكسي", "اتصل بفريق المواصلات فوراً", "phone the transport team"),
    ("/ar", "شكوى", "كيفية تقديم شكوى", "make a complaint"),
])
def test_a_best_answer_is_in_the_readers_language(demo, client, prefix, typed, said, english):
    main = _main(client.get(f"{prefix}/search/", {"q": typed}).content.decode())
    box = main.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]
    assert said in box
    assert english not in box


@pytest.mark.parametrize(("prefix", "title", "intro"), [
    ("/pl", "Słowniczek", "wyjaśnione prostym językiem"),
    ("/ar", "مسرد المصطلحات", "مشروحة بلغة بسيطة"),
])
def test_the_jargon_buster_has_its_title_and_intro_in_the_readers_language(
        demo, client, prefix, title, intro):
    main = _main(client.get(f"{prefix}/jargon-buster/").content.decode())
    h1 = main.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert title in h1 and 'lang="en"' not in h1
    assert intro in main
    assert "in plain English" not in main
    # The empty search's help names it in the reader's language too.
    help_box = _main(client.get(f"{prefix}/search/", {"q": "xyzzy"}).content.decode())
    assert title in help_box.split("data-portal-search-help", 1)[1]
