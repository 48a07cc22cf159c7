"""Which text on a Polish or Arabic page is English (no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.text_direction import is_english, typed_in_english, written_in


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


# --- what a person typed (forum comments, positions, the council's answers) -------------


@pytest.mark.parametrize("language", ["en-gb", "en", ""])
def test_nothing_typed_is_marked_on_an_english_page(language):
    assert not typed_in_english("Please say what happens on snow days.", language=language)


def test_typed_english_on_a_polish_page_is_english():
    assert typed_in_english("<p>Please say what happens on snow days.</p>", language="pl")


def test_typed_polish_is_polish_by_its_own_letters():
    assert not typed_in_english("<p>Proszę dodać, co się dzieje zimą.</p>", language="pl")
    assert not typed_in_english("Żółw", language="pl")


def test_typed_arabic_and_english_on_an_arabic_page():
    assert typed_in_english("Please add a plan for snow days.", language="ar")
    assert not typed_in_english("نرجو إضافة خطة لأيام الثلج EHCP", language="ar")


def test_typed_text_without_letters_is_not_english():
    assert not typed_in_english("", language="pl")
    assert not typed_in_english("12 / 2026", language="pl")
    assert not typed_in_english("12 / 2026", language="ar")


@given(st.text())
def test_text_with_a_polish_letter_is_never_english_on_a_polish_page(text):
    assert not typed_in_english(text + "ł", language="pl")
    assert not typed_in_english(text, language="en-gb")


@pytest.mark.parametrize(("text", "language", "written"), [
    ("Pomoc w dojazdach dla dzieci ze SEND", "pl", True),  # Polish without its letters
    ("odwołanie", "pl", True),
    ("Travel policies", "pl", False),  # an untranslated copy's title
    ("taxi late", "pl", False),
    ("EHCP", "pl", True),  # an acronym is both
    ("EHCP", "en-gb", True),
    ("taxi late", "en-gb", True),
    ("skarga", "en-gb", False),
    ("تاكسي", "en-gb", False),
    ("تاكسي", "ar", True),
    ("bus pass", "ar", False),
    ("تاكسي", "pl", False),
])
def test_a_phrase_is_judged_written_in_a_language(text, language, written):
    assert written_in(text, language=language) is written
