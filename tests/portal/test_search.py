import pytest
from django.test import override_settings

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
    assert "/policies/appeals/" not in html
