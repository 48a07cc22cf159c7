"""The reading age an editor sees: a short paragraph wholly in bold is a heading, as an
<h2> is, and "Mr.", "Dr.", "e.g." and "i.e." do not end a sentence."""

from portal.readability import html_to_prose, score_text, split_sentences

BODY = "<p>Any parent or carer can ask. Most help is for children aged 5 to 16.</p>"


def test_a_short_bold_paragraph_is_a_heading_not_a_sentence():
    bold = html_to_prose(f"<p><strong>Who can get help</strong></p>{BODY}")
    assert "Who can get help" not in bold
    assert bold == html_to_prose(f"<h2>Who can get help</h2>{BODY}")
    assert (score_text(bold, reading_age_target=9).reading_age
            == score_text(html_to_prose(f"<h2>Who can get help</h2>{BODY}"),
                          reading_age_target=9).reading_age)


def test_a_bold_sentence_or_a_long_bold_paragraph_is_still_read():
    assert "You must apply by 31 March." in html_to_prose(
        "<p><strong>You must apply by 31 March.</strong></p>")
    long = ("We look at your child's needs, the distance, the route and the school you "
            "chose before we decide")
    assert long in html_to_prose(f"<p><b>{long}</b></p>{BODY}")
    # Bold inside a sentence is not a heading.
    assert "Phone us" in html_to_prose("<p><strong>Phone us</strong> if the bus is late.</p>")


def test_titles_and_abbreviations_do_not_end_a_sentence():
    assert split_sentences("Mr. Khan and Dr. Patel met Mrs. Jones. They agreed.") == [
        "Mr. Khan and Dr. Patel met Mrs. Jones.", "They agreed."]
    assert split_sentences("Ask for help, e.g. A bus pass. Or i.e. This one.") == [
        "Ask for help, e.g. A bus pass.", "Or i.e. This one."]
    assert split_sentences("No. An EHCP is important.") == ["No.", "An EHCP is important."]
