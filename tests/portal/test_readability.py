"""The plain-language rule, on plain strings: no database, no Wagtail."""

from portal.jargon import Term
from portal.readability import (
    html_to_text,
    reading_age_from_grade,
    score_sections,
    score_text,
    split_sentences,
)

SIMPLE = "The cat sat on the mat. It was a sunny day. We went to the park."
LEGAL = (
    "The local authority shall, in accordance with section 508B of the Education Act 1996, "
    "make such travel arrangements as it considers necessary in order to secure that suitable "
    "home to school travel arrangements are made for eligible children."
)
PCF = Term(slug="pcf", term="parent carer forum", aliases=("PCF",), explanation="A group.")


def test_short_everyday_sentences_score_as_easy():
    report = score_text(SIMPLE)
    assert report.words == 16
    assert report.sentences == 3
    assert report.flesch_reading_ease == 111.5
    # Flesch-Kincaid grade is below zero here; a reading age never goes below five.
    assert report.reading_age == 5.0
    assert report.meets(9)


def test_statute_wording_scores_as_hard_and_is_flagged():
    report = score_text(LEGAL, words_to_avoid=["in accordance with", "utilise"])
    assert report.sentences == 1
    assert report.flesch_reading_ease < 30
    assert report.reading_age > 18
    assert report.long_sentences == (LEGAL,)
    assert report.words_to_avoid == ("in accordance with",)
    assert not report.meets(9)


def test_sentence_length_limit_is_the_editors_setting():
    sentence = " ".join(["word"] * 12) + "."
    assert score_text(sentence, long_sentence_words=25).long_sentences == ()
    assert score_text(sentence, long_sentence_words=10).long_sentences == (sentence,)


def test_glossary_terms_count_as_explained_and_other_acronyms_do_not():
    text = "Ask the PCF. Your SENCO can help. The Education, Health and Care Plan (EHCP) is key."
    report = score_text(text, glossary=[PCF])
    assert report.glossary_terms == ("parent carer forum",)
    assert report.unexplained_acronyms == ("SENCO",)
    assert report.unexplained_count == 1


def test_words_to_avoid_match_whole_words_in_any_case():
    text = "We will Commence soon. The commencement is late."
    report = score_text(text, words_to_avoid=["commence"])
    assert report.words_to_avoid == ("commence",)
    assert score_text("The commencement is late.", words_to_avoid=["commence"]).words_to_avoid == ()


def test_blank_text_is_an_empty_report_not_an_error():
    report = score_text("   ")
    assert report.is_empty
    assert report.words == 0
    assert report.meets(9)


def test_rich_text_becomes_lines_with_entities_decoded():
    text = html_to_text(
        "<p>One &amp; two.</p><ul><li>Bus pass</li><li>Taxi</li></ul><p>End<br>here</p>"
    )
    assert text == "One & two.\nBus pass\nTaxi\nEnd\nhere"


def test_list_items_without_full_stops_are_separate_sentences():
    assert split_sentences("Bus pass\nTaxi\nMileage allowance. Ask us.") == [
        "Bus pass",
        "Taxi",
        "Mileage allowance.",
        "Ask us.",
    ]


def test_reading_age_is_grade_plus_five():
    assert reading_age_from_grade(4.2) == 9.2
    assert reading_age_from_grade(-3) == 5.0


def test_page_score_covers_every_section_and_each_section_has_its_own():
    report = score_sections(
        [("a", "Easy", SIMPLE), ("b", "Hard", LEGAL)], intro="In short: we help.",
    )
    assert [s.key for s in report.sections] == ["a", "b"]
    easy, hard = (s.report for s in report.sections)
    assert easy.reading_age < report.whole.reading_age < hard.reading_age
    assert report.whole.words == easy.words + hard.words + 4
