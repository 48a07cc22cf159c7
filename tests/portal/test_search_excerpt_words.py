"""A result's excerpt is cut around the words the search looked for, not the question words
it left out: "how do i appeal" shows the FAQ question about appeals, "ile kosztuje" the one
about costs, and neither "how" nor "Ile" is marked. "كم يكلف" and "بكم" (how much), the
everyday ways to ask the price in Arabic, find the page about costs."""

import re

import pytest

pytestmark = pytest.mark.django_db

DROPPED = {"how", "do", "does", "it", "i", "much", "ile", "czy", "كم", "of", "بكم"}


def _faq_excerpt(client, prefix: str, words: str) -> str:
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    items = re.findall(r'<li class="portal-results__item">(.*?)</li>', html, re.S)
    faq = [i for i in items if f'href="{prefix}/faq/"' in i]
    assert faq, (words, [re.findall(r'href="([^"]+)"', i)[0] for i in items])
    return faq[0].split("</h2>", 1)[1]


@pytest.mark.parametrize(("prefix", "words", "shown"), [
    ("", "how do i appeal", "appeal"),
    ("", "how much does it cost", "Costs: Do I have to pay?"),
    ("", "out of hours", "out of hours"),
    ("/pl", "ile kosztuje", "Koszty: Czy muszę płacić?"),
    ("/pl", "czy musze placic", "Czy muszę płacić"),
    ("/ar", "كم التكلفة", "التكاليف: هل"),
    ("/ar", "كم يكلف", "التكاليف: هل عليّ أن أدفع؟"),
    ("/ar", "بكم", "التكاليف: هل عليّ أن أدفع؟"),
])
def test_the_excerpt_shows_the_part_holding_the_searched_words(demo, client, prefix, words,
                                                              shown):
    excerpt = _faq_excerpt(client, prefix, words)
    assert shown.casefold() in re.sub(r"<[^>]+>", "", excerpt).casefold(), excerpt
    marked = {m.casefold() for m in re.findall(r"<mark>(.*?)</mark>", excerpt)}
    assert not marked & DROPPED, marked
