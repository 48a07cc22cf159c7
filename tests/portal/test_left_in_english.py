"""A paragraph, heading or list item a translator left in English inside translated rich
text is marked lang="en" dir="ltr"; translated ones, and ones already marked, are not."""

from portal.left_in_english import block_texts, mark_left_in_english

ENGLISH_SOURCE = ("<h3>Who can ask</h3><p>Your child does not need an EHCP to ask for help.</p>"
                  "<ul><li>their age</li><li>the route</li></ul><p>01234 567 890</p>")


def test_the_english_sentences_are_marked_and_the_translated_ones_not():
    english = block_texts(ENGLISH_SOURCE)
    translated = ('<p>Każdy może poprosić.</p><p>Your child does not need an '
                  '<a href="/x">EHCP</a> to ask for help.</p><ul><li>wiek dziecka</li>'
                  "<li>the route</li></ul><p>01234 567 890</p>")
    marked = mark_left_in_english(translated, english)
    assert marked == ('<p>Każdy może poprosić.</p><p lang="en" dir="ltr">Your child does not '
                      'need an <a href="/x">EHCP</a> to ask for help.</p><ul><li>wiek dziecka'
                      '</li><li lang="en" dir="ltr">the route</li></ul><p>01234 567 890</p>')


def test_a_number_alone_says_nothing_of_its_language():
    assert "01234 567 890" not in block_texts(ENGLISH_SOURCE)


def test_nothing_english_leaves_the_html_as_it_was():
    html = '<p class="a"  data-x="1">Każdy może poprosić.</p>'
    assert mark_left_in_english(html, block_texts(ENGLISH_SOURCE)) == html


def test_an_element_already_marked_is_not_marked_twice():
    html = '<p lang="en" dir="ltr">Your child does not need an EHCP to ask for help.</p>'
    assert mark_left_in_english(html, block_texts(ENGLISH_SOURCE)) == html
