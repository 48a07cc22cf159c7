"""The search rule on plain strings: words typed on a phone meet the words on the page."""

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from core import normalising
from portal import search_text
from portal.demo import faq_translations, glossary_translations, translations
from portal.demo import search as demo_search
from portal.search_text import (
    did_you_mean,
    english_words,
    fold_polish,
    normalise,
    normalise_arabic_letters,
    query_words,
    strip_arabic_prefixes,
    vocabulary,
    word_pairs,
)

POLISH_PAIRS = [
    ("odległości", "odleglosci"), ("taksówka", "taksowka"), ("taksówki", "taksowka"),
    ("szkoły", "szkoly"), ("szkoła", "szkola"), ("odwołanie", "odwolanie"),
    ("Żłobek", "zlobek"), ("dojazd", "dojazdu"), ("się", "sie"),
]
ARABIC_PAIRS = [
    ("المدرسة", "المدرسه"),   # ta marbuta typed as ha
    ("المدرسة", "مدرسة"),     # with and without the article
    ("والمدرسة", "مدرسة"),    # with a conjunction
    ("للمدرسة", "مدرسه"),     # li + al
    ("أجرة", "اجره"),        # hamza on alif left off
    ("إلى", "الي"),          # alif maqsura typed as ya
    ("استئناف", "استيناف"),   # hamza on ya left off
    ("مَدْرَسَةٌ", "مدرسة"),     # tashkeel
    ("مــدرسة", "مدرسة"),     # tatweel
    ("مسؤول", "مسوول"),      # hamza on waw left off
    ("التنقل", "النقل"),      # Form V verbal noun and the plain word: one root, نقل
    ("التنقلات", "نقل"),      # its plural
    ("الانتقال", "النقل"),    # Form VIII verbal noun
    ("التسجيل", "سجل"),      # Form II verbal noun
    ("المواصلات", "مواصلات"),  # with and without the article, plural
]
ENGLISH_PAIRS = [("turned", "turn"), ("appeals", "appeal"), ("Walking", "walk"),
                 ("distances", "distance")]


def test_polish_words_typed_without_diacritics_meet_the_written_form():
    for written, typed in POLISH_PAIRS:
        assert normalise(written, "pl") == normalise(typed, "pl"), (written, typed)


def test_arabic_words_typed_the_common_ways_meet_the_written_form():
    for written, typed in ARABIC_PAIRS:
        assert normalise(written, "ar") == normalise(typed, "ar"), (written, typed)


def test_english_inflections_meet():
    for a, b in ENGLISH_PAIRS:
        assert normalise(a, "en-gb") == normalise(b, "en-gb"), (a, b)


def test_different_words_stay_different():
    assert normalise("taksówka", "pl") != normalise("autobus", "pl")
    assert normalise("مدرسة", "ar") != normalise("سيارة", "ar")
    # A root starting with hamza is left whole: "delay" does not meet "last".
    assert normalise("تأخر", "ar") != normalise("آخر", "ar")
    assert normalise("متأخر", "ar") != normalise("آخر", "ar")


def test_a_misspelt_word_inside_a_phrase_is_corrected_to_the_phrase():
    phrases = ["Bus pass", "New bus passes for the spring term", "How do I appeal?"]
    words, pairs = vocabulary(phrases), word_pairs(phrases)
    known = english_words()
    assert "buss" in known  # a dictionary word...
    assert did_you_mean("buss pass", words, known=known, pairs=pairs) == "bus pass"
    assert did_you_mean("buss", words, known=known, pairs=pairs) is None  # ...alone, left be
    # Once the search found something, only a phrase the site uses is suggested.
    assert did_you_mean("buss pass", words, known=known, pairs=pairs, strict=True) == (
        "bus pass")
    assert did_you_mean("apeal", words, known=known, pairs=pairs, strict=True) is None
    assert did_you_mean("apeal", words, known=known, pairs=pairs) == "appeal"


def test_short_arabic_words_keep_letters_that_look_like_prefixes():
    assert strip_arabic_prefixes("وقت") == "وقت"  # "time": و is part of the word
    assert strip_arabic_prefixes("بيت") == "بيت"


def test_query_words_keep_what_was_typed_and_add_the_normalised_form():
    assert query_words("Taksówka", "pl") == "taksówka taksowk"


POLISH_LETTERS = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"


@given(st.text(alphabet=st.sampled_from("abcdefghijklmnoprstuwyz" + POLISH_LETTERS), max_size=30))
def test_folding_leaves_no_polish_diacritic_and_keeps_length(text):
    folded = fold_polish(text)
    assert not set(folded) & set(POLISH_LETTERS)
    assert len(folded) == len(text)


@given(st.text(max_size=40))
def test_normalising_twice_changes_nothing_in_the_arabic_letters(text):
    once = normalise_arabic_letters(text)
    assert normalise_arabic_letters(once) == once
    assert not set(once) & set("أإآٱةىؤئـ")


@given(st.text(alphabet=st.characters(whitelist_categories=("L", "N", "Zs", "Mn")), max_size=40),
       st.sampled_from(["en-gb", "pl", "ar"]))
def test_normalise_never_fails_and_gives_lower_case_words(text, language):
    result = normalise(text, language)
    assert result == result.lower()
    assert "  " not in result


def test_a_misspelling_gets_the_nearest_site_word():
    words = vocabulary(["How do I appeal a decision?", "Walking distances", "Jargon buster"])
    assert did_you_mean("apeal", words) == "appeal"
    assert did_you_mean("walkin distances", words) == "walking distances"
    assert did_you_mean("appeal", words) is None  # nothing to correct
    assert did_you_mean("xylophone", words) is None  # nothing near enough


def test_a_known_english_word_is_never_corrected_to_a_site_word():
    words = vocabulary(["How long does it take?", "How do I appeal a decision?"])
    known = english_words()
    assert did_you_mean("no show", words, known=known) is None  # not "no how"
    assert did_you_mean("show", words) == "how"  # what it did with no dictionary
    assert did_you_mean("apeal", words, known=known) == "appeal"


def test_a_polish_misspelling_is_matched_without_diacritics():
    words = vocabulary(["Odległości pieszo"])
    assert did_you_mean("odlegosci", words) == "odległości"  # a letter missed, no diacritics
    assert did_you_mean("odleglosci", words) is None  # only diacritics missing: search finds it


# Plurals as families type them (no hamza, ه for ة, ي for ى) and the singular the site writes.
ARABIC_PLURALS = [
    ("الشكاوى", "الشكوى"), ("شكاوي", "شكوى"), ("الشكاوي", "والشكوى"),
    ("المدارس", "المدرسة"), ("مدارس", "مدرسه"),
    ("الاطفال", "طفل"), ("اسئلة", "سؤال"), ("اقساط", "قسط"), ("اسابيع", "أسبوع"),
    ("التذاكر", "تذكرة"), ("الرسوم", "رسم"), ("النوادي", "نادٍ"), ("اولياء", "ولي"),
    ("المواعيد", "الموعد"), ("المشاكل", "مشكلة"),
    # Sound plurals: the ending ات cut evenly.
    ("سيارات", "سيارة"), ("الطلبات", "طلب"), ("الحافلات", "الحافلة"), ("الباصات", "الباص"),
]
# Letters said alike in many dialects, typed one for the other.
ARABIC_CONFUSIONS = [("تزكرة", "تذكرة"), ("التزكره", "التذكرة"), ("ضروف", "ظروف"),
                     ("نضام", "نظام")]


def test_arabic_plurals_typed_on_a_phone_meet_the_singular():
    for typed, written in ARABIC_PLURALS:
        assert normalise(typed, "ar") == normalise(written, "ar"), (typed, written)


def test_arabic_letters_typed_for_dhal_and_dha_meet_the_written_word():
    for typed, written in ARABIC_CONFUSIONS:
        assert normalise(typed, "ar") == normalise(written, "ar"), (typed, written)


def test_arabic_plurals_stay_apart_from_other_words():
    assert normalise("الشكاوى", "ar") != normalise("المدارس", "ar")
    assert normalise("المدارس", "ar") != normalise("الدروس", "ar")
    assert normalise("سيارات", "ar") != normalise("حافلات", "ar")
    assert normalise("التذاكر", "ar") != normalise("القرار", "ar")


def test_folding_dhal_and_dha_joins_no_two_of_the_sites_arabic_words(monkeypatch):
    words = set()
    for module in (translations, faq_translations, glossary_translations, demo_search):
        words.update(re.findall(r"[\u0600-\u06ff]+", Path(module.__file__).read_text()))

    def forms() -> dict[str, set[str]]:
        normalising.normalise_word.cache_clear()
        found: dict[str, set[str]] = {}
        for word in words:
            found.setdefault(normalising.normalise_word(word, "ar"), set()).add(word)
        return found

    folded = forms()
    monkeypatch.setattr(normalising, "_ARABIC_CONFUSIONS", {})
    apart = forms()
    normalising.normalise_word.cache_clear()
    assert len(words) > 400
    assert sorted(map(sorted, folded.values())) == sorted(map(sorted, apart.values()))


def test_one_slip_of_the_thumb_in_a_short_word_gets_the_site_word():
    words = vocabulary(["Taxi late", "Make a complaint", "Bus pass"])
    known = english_words()
    assert did_you_mean("texi", words, known=known) == "taxi"
    assert did_you_mean("texi late", words, known=known) == "taxi late"
    assert did_you_mean("bus pas", words, known=known) is None  # "pas" too short to judge


def test_a_real_word_with_two_letters_swapped_is_corrected_when_nothing_was_found():
    words = vocabulary(["Make a complaint", "Appeals and complaints"])
    known = english_words()
    assert did_you_mean("compliant", words, known=known) == "complaint"
    # A search that found pages is not told its real word is a slip.
    assert did_you_mean("compliant", words, known=known, strict=True) is None
    # A real word one letter off, not swapped, is still left alone ("show" is not "how").
    assert did_you_mean("no show", vocabulary(["How do I appeal?"]), known=known) is None


def test_did_you_mean_can_offer_another_word_for_the_nearest():
    """The nearest English glossary spelling, offered as the reader's word for it."""
    offer = {"appeal": "odwołanie", "appeals": "odwołanie"}
    assert search_text.did_you_mean("apeal", offer, offer=offer) == "odwołanie"
    assert search_text.did_you_mean("zzqq", offer, offer=offer) is None
