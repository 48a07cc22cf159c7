"""The plain-language rule, on plain strings: no database, no Wagtail."""

from hypothesis import given, settings
from hypothesis import strategies as st

from core.jargon import Term
from portal.readability import (
    NOTABLE_YEARS,
    PLAIN_SYLLABLES_PER_WORD,
    html_to_text,
    page_verdict,
    plain_sentence_words,
    reading_age_from_grade,
    score_sections,
    score_text,
    split_sentences,
    what_raises_the_score,
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


# --- prose as a reader hears it -------------------------------------------------

from portal.readability import count_words, heard_list, html_to_prose, prose_lines  # noqa: E402

STRUCTURED = (
    "<h3>What we look at</h3>"
    "<p>We think about:</p>"
    "<ul><li>your child's age</li><li>their needs and how they affect the trip</li>"
    "<li>if the walk is safe</li></ul>"
    "<h3>Walking</h3>"
    "<p>We measure the shortest safe walking route.</p>"
    "<ul><li>Under 8 years old: up to 2 miles.</li>"
    "<li>8 years old and over: up to 3 miles.</li></ul>"
)
AS_PROSE = (
    "We think about: your child's age, their needs and how they affect the trip, "
    "if the walk is safe. We measure the shortest safe walking route. "
    "Under 8 years old: up to 2 miles. 8 years old and over: up to 3 miles."
)


def test_a_text_with_headings_and_lists_scores_the_same_as_its_prose_form():
    structured = score_text(html_to_prose(STRUCTURED))
    prose = score_text(AS_PROSE)
    assert structured == prose
    assert structured.sentences == 4
    assert structured.words == 43  # the headings' words are not counted


def test_headings_and_list_fragments_no_longer_pull_the_score_down():
    # The old rule read each heading and list item as a sentence of its own.
    per_line = score_text(". ".join(html_to_text(STRUCTURED).splitlines()) + ".")
    assert score_text(html_to_prose(STRUCTURED)).reading_age > per_line.reading_age


def test_a_list_without_a_lead_in_is_heard_as_one_sentence_and_a_lone_line_as_a_heading():
    assert prose_lines("Costs\nWe ask for money.\nbus pass\ntaxi\nminibus") == [
        "We ask for money.", "bus pass, taxi, minibus."]
    assert prose_lines("A last line with no full stop") == ["A last line with no full stop."]


def test_a_joined_list_longer_than_the_limit_is_a_long_sentence():
    text = "We think about:\n" + "\n".join(["one more thing to think about"] * 6)
    report = score_text(text, long_sentence_words=25)
    assert len(report.long_sentences) == 1


def test_polish_and_arabic_get_no_english_reading_age():
    polish = score_text("Każdy może poprosić. Możesz poprosić, jeśli dziecko ma od 5 do 16 lat.",
                        language="pl", words_to_avoid=["poprosić"])
    arabic = score_text("يمكن لأي شخص أن يطلب المساعدة.", language="ar")
    for report in (polish, arabic):
        assert not report.measured
        assert report.reading_age == 0.0
        assert report.words_to_avoid == ()
        assert report.meets(9)
    assert (arabic.words, arabic.sentences) == (6, 1)
    assert score_text(SIMPLE, language="en-gb").measured


def test_above_target_always_names_what_to_fix():
    text = ("Transport arrangements are determined individually, considering educational "
            "requirements. Eligibility depends on documentation. Applications require evidence.")
    report = score_text(text, reading_age_target=9)
    assert report.reading_age > 9
    assert not report.long_sentences  # nothing over the length limit...
    assert report.advice == ("words",)  # ...and the words are what is long
    assert "eligibility" in report.hardest_words
    assert score_text(SIMPLE, reading_age_target=9).hardest_sentences == ()
    assert score_text(SIMPLE, reading_age_target=9).advice == ()


# The working agreement as it was: short sentences (11 words on average), long words.
AGREEMENT = (
    "Our policies follow the government's travel guidance and the Education Act.\n"
    "Forum representatives speak for parent carers. They report back to the forum and ask "
    "its members when needed.\n"
    "Every policy and change to the service is written with the forum, in words parents "
    "understand.\n"
    "Before we consult families, we plan the questions, the wording and how we will use the "
    "answers with the forum. We agree how long the forum needs.")
# One long sentence of short words.
RAMBLING = ("We will ring you and we will tell you the time the bus will come and the name of "
            "the man who will drive it and we will ring you back if it is late or if there is "
            "a change to the route or the time or the bus or the man who drives it.")


def test_short_sentences_of_long_words_are_told_to_use_shorter_words_not_to_split():
    report = score_text(AGREEMENT, reading_age_target=9)
    assert report.reading_age > 9
    assert report.words_per_sentence < plain_sentence_words(9)
    assert report.causes == ("words",)
    assert report.advice == ("words",)
    assert report.hardest_sentences == ()
    assert report.hardest_words[0] == "representatives"  # the longest first
    assert ("representatives", "people who speak for") in report.plainer


def test_long_sentences_of_short_words_are_told_to_split_them():
    report = score_text(RAMBLING, reading_age_target=9)
    assert report.reading_age > 9
    assert report.causes == ("sentences",)
    assert report.hardest_sentences == (RAMBLING,)
    assert report.hardest_words == ()


def test_long_sentences_of_long_words_get_both_the_weightier_first():
    report = score_text(LEGAL, reading_age_target=9)
    assert report.causes == ("sentences", "words")  # 38 words a sentence weighs most
    assert report.hardest_sentences == (LEGAL,)
    assert ("accordance", "under") in report.plainer
    assert ("arrangements", "plans") in report.plainer  # a plural, by its singular


def test_words_inside_the_name_of_an_act_or_organisation_are_not_flagged():
    named = ("The Education Act says who can get help. The Department for Education writes "
             "the guidance. Parent Carers' Council representatives check our letters.")
    report = score_text(named, reading_age_target=5)
    assert "education" not in report.hardest_words
    assert "department" not in report.hardest_words
    assert "representatives" in report.hardest_words  # not capitalised: not a name
    # The same word outside a name is a word to change.
    plain = score_text("We check each child's education plan and their education needs.",
                       reading_age_target=5)
    assert "education" in plain.hardest_words


def test_when_every_long_word_is_a_name_the_editor_is_not_told_to_split_short_sentences():
    text = "Read the Education Act. Ask the Parent Carers' Council."
    report = score_text(text, reading_age_target=5)
    assert report.above(5)
    assert report.hardest_words == ()
    assert report.advice == ("kept_words",)
    assert report.hardest_sentences == ()


DISCRETIONARY = Term(slug="discretionary", term="discretionary",
                     explanation="We can choose to help, but do not have to.")


def test_two_short_sentences_with_an_explained_word_are_not_told_to_split():
    """Above the target only because of a word the jargon buster explains: the advice says
    so, and names no sentence to split (6 words a sentence is well under the length that
    meets the target)."""
    report = score_text("This help is discretionary. Ask us.", reading_age_target=9,
                        glossary=[DISCRETIONARY])
    assert report.above(9)
    assert report.words_per_sentence < plain_sentence_words(9)
    assert "sentences" not in report.advice
    assert report.hardest_sentences == ()
    assert report.advice == ("kept_words",)
    verdict = page_verdict(score_sections([("s", "Help", "This help is discretionary. Ask us.")],
                                          glossary=[DISCRETIONARY], reading_age_target=9), 9)
    assert verdict.status == "above_kept"
    # Said once: the whole page's reason is the section's.
    assert [(f.part, f.within, f.cause) for f in verdict.findings] == [
        ("page", (("s", "Help"),), "kept_words")]


# 51 words, 1.29 syllables a word: plain words, one very long sentence.
ONE_LONG_SENTENCE = (
    "We will phone you on the evening before and tell you the time the taxi will come to "
    "your home and the name of the driver who will take your child to school, and we will "
    "telephone you again if the taxi is running late or your eligibility for help changes.")


def test_a_long_sentence_of_short_words_is_told_only_to_split():
    report = score_text(ONE_LONG_SENTENCE, reading_age_target=9)
    assert (report.words, report.syllables_per_word) == (51, 1.29)
    assert report.above(9)
    assert report.causes == ("sentences",)
    assert report.advice == ("sentences",)
    assert report.hardest_words == ()  # "eligibility" is not blamed for a 51-word sentence


def test_a_long_sentence_of_long_words_is_told_both():
    report = score_text(ONE_LONG_SENTENCE.replace("phone you on", "telephone you on")
                        .replace("will come", "will arrive"), reading_age_target=9)
    assert report.syllables_per_word > PLAIN_SYLLABLES_PER_WORD + NOTABLE_YEARS / 11.8
    assert report.causes == ("sentences", "words")
    assert "eligibility" in report.hardest_words


def test_a_page_within_target_with_a_word_to_avoid_says_where_not_needs_work():
    page = score_sections([("a", "Who can get help", "We help your child get to school."),
                           ("b", "Paying", "We commence help in June. Ask us.")],
                          intro="We help with travel.", words_to_avoid=["commence"],
                          reading_age_target=9)
    assert not page.whole.above(9)
    verdict = page_verdict(page, 9)
    assert verdict.status == "within"
    assert [(f.part, f.heading, f.cause, f.examples) for f in verdict.findings] == [
        ("b", "Paying", "avoid", ("commence",))]
    assert [row.findings for row in verdict.rows if row.key != "b"] == [(), ()]


def test_a_page_within_target_with_an_introduction_above_it_names_the_introduction():
    page = score_sections(
        [("a", "Help", "We help. Ask us. We call you. You can ring us. We take your child "
                       "to school. We bring them home. Tell us if you move.")],
        intro="Transport arrangements are determined individually.", reading_age_target=9)
    assert page.whole.reading_age <= 9 < page.intro.reading_age
    verdict = page_verdict(page, 9)
    assert verdict.status == "within"
    assert [(f.part, f.cause) for f in verdict.findings] == [("intro", "words")]


def test_a_page_with_nothing_to_look_at_meets_the_target():
    verdict = page_verdict(score_sections([("a", "Help", SIMPLE)], reading_age_target=9), 9)
    assert verdict.meets
    assert verdict.findings == ()


def test_a_page_above_target_needs_work_and_says_why():
    verdict = page_verdict(score_sections([("a", "Law", LEGAL)], reading_age_target=9), 9)
    assert verdict.status == "needs_work"
    # The one section's long sentence is the page's reason: said once, naming the section.
    assert ("page", (("a", "Law"),), "sentences") in [(f.part, f.within, f.cause)
                                                      for f in verdict.findings]
    # The section's row says its long sentences once: the reason, with how many.
    row = verdict.rows[0].findings
    assert [(f.cause, f.over) for f in row if "sentence" in f.cause] == [
        ("sentences", len(verdict.rows[0].report.long_sentences))]


_WORDS = ["we", "help", "your", "child", "get", "to", "school", "ask", "us", "bus", "pass",
          "eligibility", "arrangements", "individually", "discretionary", "documentation",
          "Education", "Act", "commence", "SENCO", "family", "holiday"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40), min_size=1,
                max_size=6),
       st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30), max_size=3),
       st.integers(6, 12))
def test_status_and_advice_always_agree(intro_sentences, section_sentences, target):
    """Whatever the text: a status other than "meets" always says why; a page within the
    target is never "needs work"; splitting is advised only where sentences are longer
    than the rule's plain length; an explained word is never advice."""
    def text(sentences):
        return " ".join(" ".join(words).capitalize() + "." for words in sentences)
    sections = [(f"s{i}", f"Part {i}", text([words])) for i, words in enumerate(section_sentences)]
    page = score_sections(sections, intro=text(intro_sentences), glossary=[DISCRETIONARY],
                          words_to_avoid=["commence"], reading_age_target=target)
    verdict = page_verdict(page, target)
    assert (verdict.status == "meets") == (not verdict.findings)
    if not page.whole.above(target):
        assert verdict.status in ("meets", "within")
    else:
        assert verdict.status in ("needs_work", "above_kept")
    reports = {"page": page.whole, "intro": page.intro,
               **{s.key: s.report for s in page.sections}}
    for finding in verdict.findings:
        report = reports[finding.part]
        if finding.cause == "sentences":
            assert report.words_per_sentence > plain_sentence_words(target)
        if finding.cause == "words":
            assert "discretionary" not in finding.examples
            assert report.syllables_per_word > PLAIN_SYLLABLES_PER_WORD
    for row in verdict.rows:
        assert bool(row.findings) or not row.report.above(target)
    # Each reason once: a part never says both "long sentences" and "N sentences over the
    # limit", and a part whose reason the whole page names is not listed again for it.
    reasons = [(f.part, "sentences" if f.cause == "long_sentence" else f.cause)
               for f in verdict.findings]
    assert len(reasons) == len(set(reasons))
    named = {(part, f.cause) for f in verdict.findings for part, _ in f.within}
    assert not named & {(f.part, f.cause) for f in verdict.findings}


@given(st.floats(1, 60), st.floats(1, 4), st.integers(6, 14))
def test_a_text_above_target_always_has_a_cause_and_only_a_true_one(
        per_sentence, per_word, target):
    causes = what_raises_the_score(per_sentence, per_word, target)
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    assert bool(causes) == (reading_age_from_grade(grade) > target)
    if per_sentence <= plain_sentence_words(target):
        assert "sentences" not in causes
    if per_word <= PLAIN_SYLLABLES_PER_WORD:
        assert "words" not in causes
    # A term is named only when it adds a year or more, or adds the most.
    words_excess = 11.8 * (per_word - PLAIN_SYLLABLES_PER_WORD)
    sentences_excess = 0.39 * (per_sentence - plain_sentence_words(target))
    if "words" in causes:
        assert words_excess >= NOTABLE_YEARS or words_excess >= sentences_excess


def test_a_word_the_jargon_buster_explains_is_not_also_a_word_to_avoid():
    discretionary = Term(slug="discretionary", term="discretionary",
                         explanation="We can choose to help, but do not have to.")
    text = "This help is discretionary."
    assert score_text(text, words_to_avoid=["discretionary"]).words_to_avoid == ("discretionary",)
    explained = score_text(text, words_to_avoid=["discretionary"], glossary=[discretionary])
    assert explained.words_to_avoid == ()
    assert explained.glossary_terms == ("discretionary",)


def test_the_demo_policies_meet_the_sites_own_target_under_the_honest_measure():
    from portal.demo import glossary, policies
    from portal.models.settings import DEFAULT_WORDS_TO_AVOID

    terms = [Term(slug=slug, term=term, aliases=tuple(aliases), explanation=explanation)
             for term, slug, _, aliases, explanation in glossary.TERMS]
    for policy in policies.POLICIES:
        sections = [
            (heading, heading, "\n".join([html_to_prose(body), *summary]))
            for heading, body, summary in policy["sections"]
        ]
        report = score_sections(sections, intro=policy["in_short"], glossary=terms,
                                words_to_avoid=DEFAULT_WORDS_TO_AVOID.splitlines(),
                                reading_age_target=9)
        assert report.whole.meets(9), (policy["slug"], report.whole)
        for section in report.sections:
            assert section.report.meets(9), (policy["slug"], section.heading, section.report)


# --- paragraphs without their full stop ------------------------------------------

HARD_NO_STOPS = (
    "<p>The local authority shall, in accordance with section 508B of the Education Act "
    "1996, make such travel arrangements as it considers necessary in order to secure that "
    "suitable home to school travel arrangements are made for eligible children</p>"
    "<p>Determinations regarding eligibility are undertaken individually, considering "
    "documentation, educational requirements and additional circumstances</p>"
    "<p>Ask us</p>"
)


def test_hard_paragraphs_without_full_stops_are_scored_not_dropped():
    report = score_text(html_to_prose(HARD_NO_STOPS), reading_age_target=9)
    with_stops = score_text(html_to_prose(HARD_NO_STOPS.replace("</p>", ".</p>")),
                            reading_age_target=9)
    assert report == with_stops
    assert report.sentences == 3
    assert report.reading_age > 18  # not 5.0, as when the two paragraphs were dropped
    assert report.words == count_words(html_to_text(HARD_NO_STOPS))


def test_a_long_plain_line_without_a_full_stop_is_a_sentence_a_short_one_a_heading():
    hard = LEGAL.rstrip(".")
    assert prose_lines(f"{hard}\nAsk us.") == [f"{hard}.", "Ask us."]
    assert score_text(f"{hard}\nAsk us.").reading_age > 15
    assert prose_lines("How we decide\nAsk us.") == ["Ask us."]  # a heading's length
    # Two sentences in one line with no final full stop: a paragraph, however short.
    assert prose_lines("We help. Ask us\nCall today.") == ["We help. Ask us.", "Call today."]


def test_headings_are_left_out_and_lists_joined_when_paragraphs_lack_full_stops():
    text = html_to_prose(
        "<h3>Who can get help</h3>"
        "<p>We think about</p>"
        "<ul><li>your child's age</li><li>their needs</li></ul>"
        "<p>You can ask us to look again if you disagree with what we decided</p>"
        "<p>We think about:</p><ul><li>the route</li><li>the weather</li></ul>"
    )
    assert prose_lines(text) == [
        "We think about.",
        "your child's age, their needs.",
        "You can ask us to look again if you disagree with what we decided.",
        "We think about: the route, the weather.",
    ]
    assert "Who can get help" not in text


def test_a_short_paragraph_in_rich_text_is_a_sentence_not_a_heading():
    # Only marked-up headings are headings: "<p>Call us now</p>" is read out as a sentence.
    assert prose_lines(html_to_prose("<p>Call us now</p><p>We answer every day.</p>")) == [
        "Call us now.", "We answer every day."]
    # A line break inside a paragraph runs on, as an address is read out: nothing dropped.
    assert html_to_prose("<p>Fish &amp; chips<br>on Friday</p>") == "Fish & chips, on Friday."


# --- every block a reader reads is scored ------------------------------------------

HARD_ITEM = "Discretionary supplementary transportation entitlements apply"


def test_a_single_list_item_is_read_and_scored_not_taken_for_a_heading():
    text = html_to_prose(f"<p>Ask us.</p><ul><li>{HARD_ITEM}</li></ul><p>We help.</p>")
    assert f"{HARD_ITEM}." in prose_lines(text)
    report = score_text(text)
    assert report.words == 2 + 5 + 2
    assert report.reading_age > 9  # not 5.0, as when the item was dropped


def test_quotes_table_cells_and_boxes_are_read_each_as_a_sentence():
    text = html_to_prose(
        f"<blockquote><p>{HARD_ITEM}</p></blockquote>"
        "<table><tr><th>Age</th><td>Under 8 years old</td></tr></table>"
        "<div>Call us</div><p>We help.</p>")
    assert prose_lines(text) == [f"{HARD_ITEM}.", "Age.", "Under 8 years old.", "Call us.",
                                 "We help."]


def test_only_real_headings_are_left_out():
    text = html_to_prose(f"<h2>{HARD_ITEM}</h2><p>We help.</p>")
    assert prose_lines(text) == ["We help."]


def test_a_summary_box_of_one_short_point_is_scored_and_a_short_intro_too():
    assert heard_list([HARD_ITEM]) == [f"{HARD_ITEM}."]
    assert heard_list(["Bus pass", "Taxi"], "We offer:") == ["We offer: Bus pass, Taxi."]
    report = score_sections([("a", "Help", "\n".join(["We help.", *heard_list([HARD_ITEM])])),
                             ("b", "More", "Ask us.")],
                            intro="Free travel to school")
    assert report.whole.words == 4 + 2 + 5 + 2
    assert report.intro.words == 4
    assert report.sections[0].report.words == 7


def test_no_shorter_word_advice_for_everyday_words_or_explained_ones():
    discretionary = Term(slug="discretionary", term="discretionary", explanation="A choice.")
    text = ("Everyone in the family remembered the holiday yesterday. Transport arrangements "
            "are determined individually. This help is discretionary.")
    report = score_text(text, reading_age_target=5, glossary=[discretionary])
    assert "arrangements" in report.hardest_words
    assert "individually" in report.hardest_words
    for word in ("everyone", "family", "remembered", "holiday", "yesterday", "discretionary"):
        assert word not in report.hardest_words


def test_every_sentence_counts_however_short():
    """textstat leaves out sentences of one or two words, so "Phone us." once made a page of
    short sentences score as if its sentences were long. Short sentences a reader reads
    lower the words a sentence, and the reading age with them."""
    longer = ("You can ask us for help with school transport at any time of the year. "
              "We can talk it through with you.")
    with_short = longer + " Phone us. Yes. No."
    before, after = score_text(longer), score_text(with_short)
    assert after.sentences == before.sentences + 3
    assert after.reading_age < before.reading_age
    # The formula's words a sentence is the page's own: 26 words in 5 sentences.
    assert score_text(with_short, reading_age_target=0.1).words_per_sentence == 5.2


STATUTORY_AGE = Term(slug="statutory-school-age", term="statutory school age",
                     explanation="From 5 to 16.")
RISK_ASSESSMENT = Term(slug="risk-assessment", term="risk assessment",
                       aliases=("risk assessments",), explanation="A check of what could go wrong.")


def test_words_inside_an_explained_term_are_neither_to_avoid_nor_to_change():
    """"statutory" in "statutory school age" and "assessments" in "risk assessments" are
    explained where they stand (plural or not): the panel must not also flag them."""
    text = ("Children of statutory school age can get help. We do risk assessments for "
            "every journey with a passenger assistant, considering transportation.")
    report = score_text(text, glossary=(STATUTORY_AGE, RISK_ASSESSMENT),
                        words_to_avoid=("statutory",), reading_age_target=0.1)
    assert report.glossary_terms == ("statutory school age", "risk assessment")
    assert report.words_to_avoid == ()
    assert "assessments" not in report.hardest_words
    assert "statutory" not in report.hardest_words
    # The same word outside the term is still one to avoid.
    alone = score_text("Statutory rules apply.", glossary=(STATUTORY_AGE,),
                       words_to_avoid=("statutory",))
    assert alone.words_to_avoid == ("statutory",)


def test_a_first_word_closed_by_a_comma_is_not_part_of_the_name_after_it():
    """"Additionally, Amaze can help.": the panel offers "also" rather than calling
    "additionally" part of a name to keep."""
    report = score_text("Additionally, Amaze can help. Consequently, SENDIASS will call.",
                        reading_age_target=0.1)
    assert ("additionally", "also") in report.plainer
    assert ("consequently", "so") in report.plainer


def test_a_whole_page_reason_the_same_as_one_sections_is_listed_once_naming_it():
    page = score_sections([("a", "Help", "We help. Ask us. We call you."),
                           ("b", "Phoning", ONE_LONG_SENTENCE)], reading_age_target=9)
    verdict = page_verdict(page, 9)
    assert verdict.status == "needs_work"
    assert [(f.part, f.within, f.heading, f.cause, f.over) for f in verdict.findings] == [
        ("page", (("b", "Phoning"),), "Phoning", "sentences", 1)]
    # The section's own row still says what to fix, once: long sentences, and how many.
    row = next(r for r in verdict.rows if r.key == "b")
    assert [(f.cause, f.over) for f in row.findings] == [("sentences", 1)]


def test_a_whole_page_reason_shared_by_two_sections_is_said_once_naming_both():
    page = score_sections([("a", "Taxis", ONE_LONG_SENTENCE), ("b", "Phoning", ONE_LONG_SENTENCE
                                                                .replace("phone", "call"))],
                          reading_age_target=9)
    verdict = page_verdict(page, 9)
    assert [(f.part, f.within, f.cause, f.over) for f in verdict.findings] == [
        ("page", (("a", "Taxis"), ("b", "Phoning")), "sentences", 2)]
    # Each section's row still says what to fix there.
    assert [[(f.cause, f.over) for f in r.findings] for r in verdict.rows] == [
        [("sentences", 1)], [("sentences", 1)]]
