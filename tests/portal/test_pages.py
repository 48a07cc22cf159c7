"""The public pages as a parent sees them."""

import json
import re

import pytest
from wagtail.models import Locale

from tests.factories import GlossaryTermFactory, make_policy, publish, section

pytestmark = pytest.mark.django_db


def test_home_lists_current_policies_and_the_faq(client, tree):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert tree.policy.title in html
    assert tree.policy.url in html
    assert 'href="/faq/"' in html
    assert 'href="/jargon-buster/"' in html


def test_html_element_has_language_and_direction(client, tree):
    html = client.get("/").content.decode()
    assert '<html lang="en-gb" dir="ltr"' in html


def test_policy_page_has_in_short_contents_sections_and_summary_boxes(client, tree):
    html = client.get(tree.policy.url).content.decode()
    assert "Most children with SEND can get help" in html
    assert 'href="#who-can-get-help"' in html
    assert 'id="who-can-get-help"' in html
    assert 'id="walking-distances"' in html
    assert "Aged 5 to 16" in html  # the summary box
    assert "In force from 1 September 2026" in html
    assert "First version." in html


def test_policy_draft_is_not_shown_to_the_public(client, tree):
    draft = tree.policy
    draft.title = "A draft title nobody has agreed"
    draft.save_revision()
    html = client.get(tree.policy.url).content.decode()
    assert "A draft title nobody has agreed" not in html


def test_unpublished_policy_is_not_found(client, tree):
    tree.policy.unpublish()
    assert client.get("/policies/travel-assistance/").status_code == 404


def test_first_use_of_a_glossary_term_is_explained_and_later_uses_are_not(client, tree):
    GlossaryTermFactory(term="EHCP", slug="ehcp", stands_for="Education, Health and Care plan",
                        explanation="A plan for your child's support.")
    policy = make_policy(
        tree.policies,
        title="Plans",
        slug="plans",
        sections=[
            section("First", "<p>Your EHCP names the school.</p>"),
            section("Second", "<p>An EHCP does not always mean transport.</p>"),
        ],
        in_short="About plans.",
    )
    html = client.get(policy.url).content.decode()
    assert html.count('class="portal-term__link"') == 1
    assert 'href="/jargon-buster/#ehcp"' in html
    assert "Education, Health and Care plan. A plan for your child&#x27;s support." in html
    assert "An EHCP does not always mean transport." in html


def test_draft_glossary_terms_are_not_explained(client, tree):
    GlossaryTermFactory(term="SENCO", slug="senco", live=False)
    policy = make_policy(tree.policies, title="Schools", slug="schools",
                         sections=[section("Ask", "<p>Ask the SENCO.</p>")])
    assert "portal-term" not in client.get(policy.url).content.decode()


def test_faq_answers_are_details_with_policy_section_links_and_json_ld(client, tree):
    html = client.get("/faq/").content.decode()
    assert '<details class="govuk-details portal-faq"' in html
    assert "How far is my child expected to walk?" in html
    assert 'href="/policies/travel-assistance/#walking-distances"' in html
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0]["name"] == "How far is my child expected to walk?"
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Up to 2 miles if under 8."


def test_glossary_page_lists_terms_a_to_z(client, tree):
    GlossaryTermFactory(term="SENDIASS", slug="sendiass", explanation="Free, impartial advice.")
    GlossaryTermFactory(term="Appeal", slug="appeal", explanation="Asking us to look again.")
    GlossaryTermFactory(term="Hidden", slug="hidden", live=False)
    html = client.get("/jargon-buster/").content.decode()
    assert html.index('id="letter-A"') < html.index('id="letter-S"')
    assert 'id="sendiass"' in html and "Free, impartial advice." in html
    assert "Hidden" not in html


def test_unknown_page_is_a_helpful_404(client, tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_untranslated_page_says_so_in_polish_and_links_to_english(client, tree):
    from wagtail_localize.synctree import synchronize_tree

    polish = Locale.objects.get(language_code="pl")
    synchronize_tree(Locale.get_default(), polish)
    response = client.get("/pl/policies/travel-assistance/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl" dir="ltr"' in html
    assert "Strona nie została jeszcze przetłumaczona" in html
    # The link's words are Polish; it names the English page it leads to.
    assert 'href="/policies/travel-assistance/" hreflang="en"' in html


def test_arabic_pages_are_right_to_left(client, tree):
    from wagtail_localize.synctree import synchronize_tree

    synchronize_tree(Locale.get_default(), Locale.objects.get(language_code="ar"))
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl"' in html


def test_language_switcher_links_to_each_language(client, tree):
    from wagtail_localize.synctree import synchronize_tree

    for code in ("pl", "ar"):
        synchronize_tree(Locale.get_default(), Locale.objects.get(language_code=code))
    html = client.get(tree.policy.url).content.decode()
    assert 'href="/pl/policies/travel-assistance/" lang="pl"' in html
    assert 'href="/ar/policies/travel-assistance/" lang="ar"' in html


def test_republishing_updates_the_page(client, tree):
    policy = tree.policy
    policy.in_short = "A new short summary."
    policy.change_note = "Shorter summary."
    publish(policy)
    assert "A new short summary." in client.get(policy.url).content.decode()
