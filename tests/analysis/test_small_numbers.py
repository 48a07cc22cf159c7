"""The small-number rule in the officer's own words, without a database: a count under the
minimum typed into a write-up is found, in digits or in words; shares, measures, larger
numbers and a respondent's quoted words are not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.small_numbers import ARABIC_WORDS, ONE_PERSON, POLISH_WORDS, WORDS, small_numbers
from analysis.writeup import ThemeSummary, draft
from surveys.statistics import DEFAULT_MINIMUM_RESPONSES as MINIMUM

NAMES = {v: k for k, v in WORDS.items()}
PEOPLE = st.sampled_from(["families", "parents", "people", "schools", "carers",
                          "of the families", "respondents"])
VERBS = st.sampled_from(["said", "told us", "wrote about", "asked for"])


def test_the_reported_example_is_found_with_its_sentence():
    text = "Most families were happy. 4 families said the bus was late. Thank you."
    [found] = small_numbers(text)
    assert found.sentence == "4 families said the bus was late."
    assert (found.typed, found.value) == ("4", 4)


@given(st.integers(1, MINIMUM - 1), st.booleans(), PEOPLE, VERBS)
def test_a_count_under_the_minimum_is_found_in_digits_or_words(n, as_word, who, verb):
    typed = NAMES[n].capitalize() if as_word else str(n)
    [found] = small_numbers(f"We read every answer. {typed} {who} {verb} the route.")
    assert found.value == n
    assert found.sentence.startswith(typed)


@given(st.integers(MINIMUM, 999), st.booleans(), PEOPLE, VERBS)
def test_a_count_at_or_over_the_minimum_is_not(n, as_word, who, verb):
    typed = NAMES.get(n, str(n)) if as_word else str(n)
    assert small_numbers(f"{typed} {who} {verb} the route.") == []


@given(st.integers(1, MINIMUM - 1), st.sampled_from(["%", " %", " per cent", " percent"]))
def test_a_share_is_not_a_count(n, sign):
    assert small_numbers(f"About {n}{sign} of families said so.") == []


@given(st.integers(1, MINIMUM - 1),
       st.sampled_from(["miles", "weeks", "minutes", "March", "am", "days"]))
def test_a_measure_is_not_a_count(n, measure):
    assert small_numbers(f"Some waited {n} {measure} for the bus.") == []


def test_larger_numbers_decimals_ordinals_and_years_are_not_counts():
    assert small_numbers("In 2025, 14 of 24 people (58 %) said so; 4.5 on average; "
                         "the 2nd route.") == []


def test_a_respondents_quoted_words_are_theirs_not_a_count():
    assert small_numbers("Late transport: 20 of 24 people.\n“My 2 children wait.”") == []


def test_one_is_a_count_only_before_people():
    assert small_numbers("One answer can raise several; 24 people wrote one.") == []
    [found] = small_numbers("One family said the escort was rude.")
    assert found.value == 1


@given(st.lists(st.tuples(st.integers(0, 400), st.booleans()), min_size=1, max_size=6),
       st.integers(10, 500))
def test_the_generated_draft_never_gives_a_small_number(counts, base):
    themes = [ThemeSummary(code=str(i), name=f"Theme {'ABCDEF'[i]}",
                           count=None if 0 < c < MINIMUM else c, base=base,
                           under_minimum=0 < c < MINIMUM)
              for i, (c, _) in enumerate(counts)]
    intro, findings = draft(themes, base=base, minimum=MINIMUM)
    assert small_numbers("\n".join([intro, *(f.text for f in findings)])) == []


def test_a_quote_of_several_sentences_is_skipped_whole():
    text = ("Walking: 12 of 40 people (30 %).\n“My daughter is 5. Two are under 8. We live "
            "1.8 miles away.”\n“I'm on my own with four kids.”")
    assert small_numbers(text) == []


def test_a_quote_left_open_hides_nothing_after_it():
    for mark in ("\"", "“", "‘"):
        text = (f"Some called it {mark}always late. 2 families said the driver never rings."
                "\nLate transport: 20 of 24 people.\nOne mum said it was fine.")
        found = small_numbers(text)
        assert [f.value for f in found] == [2, 1], mark
    # Inches are not an opening quote mark, and do not hide the sentence after them.
    assert [f.value for f in small_numbers('A 7" screen. Later 2 families said so.')][-1] == 2


@given(st.integers(1, MINIMUM - 1), st.sampled_from(["\"", "“", "‘"]),
       st.text(alphabet="abc .,", max_size=30))
def test_an_unclosed_quote_never_switches_the_check_off(n, mark, words):
    text = f"Some said {mark}{words}\n{n} parents told us the bus was late."
    assert [f.value for f in small_numbers(text)][-1] == n


def test_numbers_that_name_things_are_not_counts():
    assert small_numbers("Routes 4 and 7 were late. Year 6 was hard. Question 3. Children "
                         "under 8 walk no more than 1.5 miles, and 3 miles at age 8. The 7.40 "
                         "bus left at 7:40 on May 5.") == []
    [found] = small_numbers("On route 4 the driver was rude: 3 families said so.")
    assert found.value == 3


LABELLED = st.sampled_from(["This year", "In the north area", "At this stage",
                            "Across the ward", "On route", "In year", "Question"])
FAMILY = st.sampled_from(["families", "parents", "mums", "dads", "grandparents",
                          "foster carers", "of the parents", "kids"])


@given(LABELLED, st.integers(1, MINIMUM - 1), st.booleans(), FAMILY)
def test_a_count_of_people_is_found_whatever_word_is_before_it(label, n, as_word, who):
    typed = NAMES[n] if as_word else str(n)
    [found] = small_numbers(f"{label} {typed} {who} told us the bus was late.")
    assert found.value == n


def test_the_reported_bypasses_are_found():
    for text in ("This year 3 parents told us the bus was late.",
                 "In the north area 4 families said so.",
                 "3 may not get a seat next term.", "Four may lose their place.",
                 "One mum said the bus was late.", "One dad said so.", "One mum's son.",
                 "One grandparent said so.", "One foster carer said so.",
                 "One said the driver never rings.", "Year 6 pupils: 4 said so.",
                 "4families said so.", "4.0 families said so.",
                 "Half a dozen parents said so.", "Under 5 said so."):
        assert small_numbers(text), text


@given(st.integers(1, MINIMUM - 1),
       st.sampled_from(["January", "March", "May", "June", "December"]))
def test_a_month_is_a_date_only_with_its_capital(n, month):
    assert small_numbers(f"On {n} {month} the route changed.") == []
    assert small_numbers(f"{n} {month.lower()} not get a seat.")


def test_a_quoted_answer_over_two_lines_is_still_the_respondents():
    assert small_numbers("Late: 12 of 40 people.\n“My 2 boys wait.\nEvery day.”") == []
    # ...but not over a blank line, nor into the next quotation.
    assert small_numbers("Some said “late.\n\n2 families said so.”")
    assert small_numbers("Some said “late. 2 families said so.\n“Fine.”")


# --- Polish and Arabic ------------------------------------------------------------------

POLISH_NAMES = st.sampled_from(sorted(POLISH_WORDS))
ARABIC_NAMES = st.sampled_from(sorted(ARABIC_WORDS))
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"


@given(POLISH_NAMES, st.sampled_from(["rodziny", "rodziców", "osób", "dzieci", "opiekunów"]),
       st.booleans())
def test_a_polish_number_word_before_people_is_a_count(word, who, capital):
    typed = word.capitalize() if capital else word
    [found] = small_numbers(f"Przeczytaliśmy odpowiedzi. {typed} {who} pisało o trasie.")
    assert (found.typed, found.value) == (typed, POLISH_WORDS[word])


@given(ARABIC_NAMES, st.sampled_from(["عائلات", "أسر", "أطفال", "أشخاص", "أولياء"]))
def test_an_arabic_number_word_before_people_is_a_count(word, who):
    [found] = small_numbers(f"قرأنا كل الإجابات. قالت {word} {who} إن الحافلة متأخرة.")
    assert (found.typed, found.value) == (word, ARABIC_WORDS[word])


@given(st.integers(1, MINIMUM - 1), st.sampled_from([ARABIC_INDIC, PERSIAN]),
       st.sampled_from(["عائلات", "أولياء أمور", "families", "rodzin"]))
def test_arabic_indic_and_persian_digits_are_counts(n, digits, who):
    typed = digits[n]
    [found] = small_numbers(f"{typed} {who} ...")
    assert (found.typed, found.value) == (typed, n)


@given(st.integers(MINIMUM, 999), st.sampled_from([ARABIC_INDIC, PERSIAN]))
def test_arabic_indic_digits_at_or_over_the_minimum_are_not(n, digits):
    typed = "".join(digits[int(d)] for d in str(n))
    assert small_numbers(f"قالت {typed} عائلات إن الحافلة متأخرة.") == []


def test_every_polish_and_arabic_form_from_one_to_nine_is_known():
    for words in (POLISH_WORDS, ARABIC_WORDS):
        assert set(words.values()) == set(range(1, 10))
    for word in ("jeden", "jedna", "jedno", "dwa", "dwie", "dwóch", "dwoje", "trzy", "trzech",
                 "troje", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć", "واحد",
                 "واحدة", "اثنان", "اثنين", "اثنتان", "ثلاثة", "ثلاث", "أربعة", "خمسة", "ستة",
                 "سبعة", "ثمانية", "تسعة"):
        assert word in POLISH_WORDS or word in ARABIC_WORDS


@pytest.mark.parametrize(("text", "typed"), [
    ("Dwie rodziny napisały, że autobus się spóźnia.", "Dwie"),
    ("Trzech rodziców skarżyło się na kierowcę.", "Trzech"),
    ("Jedna mama napisała o kierowcy.", "Jedna"),
    ("Jedna napisała, że asystentka jest miła.", "Jedna"),
    ("Pięcioro dzieci czeka na przystanku.", "Pięcioro"),
    ("W tym roku czworo dzieci nie miało transportu.", "czworo"),
    ("قالت ثلاث عائلات إن الحافلة متأخرة.", "ثلاث"),
    ("واحدة قالت إن السائق لطيف.", "واحدة"),
    ("اثنان من الآباء قالا إن الطريق طويل.", "اثنان"),
    ("قال ٤ أولياء أمور إن الحافلة متأخرة.", "٤"),
    ("گفتند ۳ خانواده", "۳"),
])
def test_polish_and_arabic_counts_are_found(text, typed):
    [found] = small_numbers(text)
    assert found.typed == typed


@pytest.mark.parametrize("text", [
    "Jedno pytanie dotyczy trasy 4.",  # "one" with no people, and a route
    "Autobus spóźnia się 3 dni w tygodniu.",  # a measure
    "Dzieci w wieku 8 lat.",  # an age
    "Trasa 5 i linia 7 jeżdżą rano.",
    "السؤال ٣ عن المسار.",  # a question's number
    "تأخرت الحافلة ٣ أيام.",  # a measure
    "قرأنا ٢٠٢٥ إجابة.",  # a larger number
    "Odpowiedziało 25 rodzin.",
])
def test_polish_and_arabic_names_measures_and_large_numbers_are_not_counts(text):
    assert small_numbers(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("One, a grandmother, said the driver shouted.", 1),
    ("One – a grandmother – said so.", 1),
    ("A father, the only one, said so.", 1),
    ("Just one.", 1),
    ("Only one parent came.", 1),
    ("All bar one agreed.", 1),
    ("Everyone but one agreed.", 1),
    ("Every family except 2 agreed.", 2),
    ("All agreed but two.", 2),
    ("A couple said the bus was late.", 2),
    ("Both families at Oakfield said this.", 2),
    ("Both said so.", 2),
    ("A single father told us about it.", 1),
    ("A lone parent said so.", 1),
    ("A pair of grandparents wrote.", 2),
])
def test_english_ways_of_saying_one_or_two_are_counts(text, value):
    [found] = small_numbers(text)
    assert found.value == value


@pytest.mark.parametrize("text", [
    "No one, not even the drivers, knew.",
    "I, for one, agree.",
    "Both the bus and the taxi were late.",
    "A couple of days later the bus came.",
    "Only one route runs there.",
    "A pair of shoes was found.",
    "But one thing is clear: the bus is late.",
    "A single bus runs.",
    "All but 12 agreed.",
])
def test_plain_english_with_one_or_two_that_counts_nobody_is_not_flagged(text):
    assert small_numbers(text) == []


# --- people named one by one ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("A mum and a dad said the bus was late.", 2),
    ("A mother and a father wrote to us about the route.", 2),
    ("A grandparent and an aunt told us the escort was kind.", 2),
    ("A mum, a dad and a gran said so.", 3),
    ("A young carer and a foster parent said so.", 2),
    ("We heard it from a mum and dad.", 2),
    ("A mum and dad said so.", 2),
    ("Mama i tata napisali, że autobus się spóźnia.", 2),
    ("Napisała babcia i ciocia.", 2),
    ("Matka oraz ojciec stwierdzili, że kierowca był miły.", 2),
    ("قالت أم وأب إن الحافلة تتأخر.", 2),
    ("أم وأب قالا إن الحافلة تتأخر.", 2),
    ("الجدة والعمة اشتكتا من السائق.", 2),
])
def test_people_named_one_by_one_are_a_count(text, value):
    [found] = small_numbers(text)
    assert found.value == value


@pytest.mark.parametrize("text", [
    "A parent or a carer can apply for a bus pass.",  # one person
    "The parent and carer forum met in March.",
    "A parent and carer forum agreed the themes.",
    "Mama i tata mogą złożyć wniosek.",  # no one said anything: who may apply
    "يمكن للأم والأب تقديم الطلب.",
    "Late transport: 20 of 24 people (83 %).",
])
def test_a_pair_that_counts_no_one_is_not(text):
    assert small_numbers(text) == []


@given(st.sampled_from(sorted(ONE_PERSON)), st.sampled_from(sorted(ONE_PERSON)),
       st.sampled_from(["a", "one", "another"]), VERBS)
def test_any_two_people_named_one_by_one_are_a_count_of_two(first, second, article, verb):
    [found] = small_numbers(f"We read every answer. A {first} and {article} {second} {verb} "
                            "the route.")
    assert found.value == 2 and found.sentence.startswith("A ")
