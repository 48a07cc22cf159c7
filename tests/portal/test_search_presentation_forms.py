"""Arabic copied from a PDF in presentation forms ("ﺍﻟﺤﺎﻓﻠﺔ") finds what the ordinary letters
("الحافلة") find (finding F10 of issue 13)."""

import pytest

from core.normalising import normalise_arabic_letters, search_words


def test_presentation_forms_are_the_ordinary_letters():
    assert normalise_arabic_letters("ﺍﻟﺤﺎﻓﻠﺔ") == normalise_arabic_letters("الحافلة")
    assert normalise_arabic_letters("ﻻ") == "لا"
    assert search_words("ﺍﻟﺤﺎﻓﻠﺔ", "ar") == search_words("الحافلة", "ar")


def _titles(html):
    results = html.split('class="govuk-list portal-results"', 1)[1].split("</ol>", 1)[0]
    return [h.split(">", 2)[2].split("<", 1)[0] for h in results.split('<h2')[1:]]


@pytest.mark.django_db
def test_a_search_in_presentation_forms_finds_the_same_pages(demo, client):
    ordinary = _titles(client.get("/ar/search/", {"q": "الحافلة"}).content.decode())
    pasted = _titles(client.get("/ar/search/", {"q": "ﺍﻟﺤﺎﻓﻠﺔ"}).content.decode())
    assert len(ordinary) >= 2
    assert pasted == ordinary
