"""Polish and Arabic ways of saying "transport did not arrive", "the bus broke down" and "my
child has not come home" are urgent (review bk13h, F5 and F9), with and without diacritics;
a letter that did not arrive, or "no longer", is not."""

import pytest

from portal.search_text import is_urgent

URGENT = [
    ("pl", "transport nie dotarł"), ("pl", "transport nie dotarl"),
    ("pl", "autobus nie dotarł do szkoły"), ("pl", "dziecko nie dotarło do szkoly"),
    ("pl", "autobus się zepsuł"), ("pl", "autobus sie zepsul"),
    ("pl", "syn nie wrocil do domu"), ("pl", "corka nie wrocila ze szkoly"),
    ("pl", "dziecko nie wrocilo ze szkoly"), ("pl", "moje dziecko nie wróciło do domu"),
    ("pl", "dziecka nie ma w domu"),
    ("ar", "الباص تعطل"), ("ar", "الباص خربان"), ("ar", "الحافلة معطلة"),
    ("ar", "ابني لم يعد من المدرسة"), ("ar", "ابني لم يرجع للبيت"),
    ("ar", "ابني ما رجع من المدرسة"), ("ar", "ابني لسه ما رجع"), ("ar", "ابنتي ما رجعت"),
]
NOT_URGENT = [
    ("pl", "list nie dotarł"), ("pl", "decyzja nie dotarła"), ("pl", "wniosek"),
    ("ar", "لم يعد الطلب متاحا"), ("ar", "تذكرة الباص"),
]


@pytest.mark.parametrize(("language", "words"), URGENT)
def test_did_not_arrive_broke_down_and_not_home_are_urgent(language, words):
    assert is_urgent(words, language)


@pytest.mark.parametrize(("language", "words"), NOT_URGENT)
def test_a_letter_that_did_not_arrive_is_not_urgent(language, words):
    assert not is_urgent(words, language)
