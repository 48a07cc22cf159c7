"""A parent types "kid not back from school" (review F9) or slips on the phone keyboard
("taxi latee", "الباص تأخرر", review F12): the page reads it as urgent and puts the number
first, and does not ask "Did you mean" about words it understood."""

import pytest

from portal.search_text import is_urgent

TEL = 'href="tel:+441234567890"'


@pytest.mark.parametrize(("language", "words"), [
    ("en", "kid not back from school"), ("en", "child not back"),
    ("en", "my son is not back from school"), ("en", "taxi latee"),
    ("en", "bus nevr came"), ("ar", "الباص تأخرر"), ("ar", "وين الباصص"),
    ("ar", "الباص ماوصلل"),
])
def test_a_missing_child_or_one_slip_of_the_thumb_is_urgent(language, words):
    assert is_urgent(words, language)


@pytest.mark.parametrize(("language", "words"), [
    ("en", "back pain"), ("en", "bus pass"), ("ar", "العام السابق"), ("ar", "تأخير الدفع"),
])
def test_other_words_one_letter_away_are_not_urgent(language, words):
    assert not is_urgent(words, language)


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words"), [
    ("", "kid not back from school"), ("", "taxi latee"), ("/ar", "الباص تأخرر"),
])
def test_the_page_puts_the_number_first_and_no_did_you_mean(demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    assert "data-portal-urgent-answer" in html
    assert TEL in html[:html.index("data-portal-urgent-answer") + 3000]
    if words == "kid not back from school":
        assert "data-portal-suggestion" not in html
