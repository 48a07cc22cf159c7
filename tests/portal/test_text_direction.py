"""Which text on a Polish or Arabic page is English (no database)."""

import pytest

from portal.text_direction import is_english


@pytest.mark.parametrize("language", ["en-gb", "en", ""])
def test_nothing_is_marked_on_an_english_page(language):
    assert not is_english("Overall satisfaction", language=language, untranslated=True)


def test_everything_on_an_untranslated_page_is_english():
    assert is_english("Pytania", language="pl", untranslated=True)
    assert is_english("أسئلة", language="ar", untranslated=True)


def test_latin_text_on_an_arabic_page_is_a_string_left_in_english():
    assert is_english("How satisfied are you with the travel help you get?", language="ar")
    assert is_english("<p>Under 8: up to 2 miles.</p>", language="ar")


def test_arabic_text_with_an_english_acronym_is_arabic():
    assert not is_english("وجود خطة EHCP لا يعني", language="ar")
    assert not is_english("راضٍ جدًا", language="ar")
    assert not is_english("88 %", language="ar")


def test_polish_text_is_not_judged_by_its_letters():
    assert not is_english("Overall satisfaction", language="pl")
