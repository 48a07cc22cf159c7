"""A page is found by the words a reader sees on it, with or without Polish diacritics: the
policy section an FAQ answer points to, which the FAQ page does not show, no longer makes
"odległości" list the FAQ (with nothing marked) while "odleglosci" does not (finding F9 of
issue 13)."""

import pytest

from portal.models import FAQIndexPage


def _results(html):
    results = html.split('class="govuk-list portal-results"', 1)[1].split("</ol>", 1)[0]
    return [(item.split("</a>", 1)[0].rsplit(">", 1)[1], item.split('<p class="govuk-body"', 1)[1])
            for item in results.split("<h2")[1:]]


@pytest.mark.django_db
def test_the_same_pages_with_and_without_polish_letters_each_showing_why(demo, client):
    typed = _results(client.get("/pl/search/", {"q": "odległości"}).content.decode())
    plain = _results(client.get("/pl/search/", {"q": "odleglosci"}).content.decode())
    assert typed, "nothing found"
    # The same pages (PostgreSQL ranks the word exactly as typed a little higher).
    assert sorted(title for title, _ in typed) == sorted(title for title, _ in plain)
    faq = FAQIndexPage.objects.get(locale__language_code="pl", alias_of__isnull=True).title
    for title, text in typed + plain:
        if title == faq:
            assert "<mark>" in text.split("</p>", 1)[0], text


@pytest.mark.django_db
def test_the_faq_index_holds_its_questions_and_answers_not_the_hidden_section(demo):
    faq = FAQIndexPage.objects.get(locale__language_code="pl", alias_of__isnull=True)
    text = faq.visible_topics_text()
    first = faq.topics[0].value["questions"][0]
    assert first["question"] in text and faq.topics[0].value["title"] in text
    hidden = {q["policy_section"] for t in faq.topics for q in t.value["questions"]}
    assert "Odległości pieszo" in hidden and "Odległości pieszo" not in text
