"""Typed text is stored as typed and shown safely: nothing a person wrote disappears."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.sanitise import (
    ALLOWED_TAGS,
    TypedEmailField,
    TypedTextField,
    clean_text,
    plain_html,
    rich_html,
    spreadsheet_cell,
    visible_length,
    visible_text,
)


class _Tags(HTMLParser):
    """The live tags and their attributes in some HTML, and its text as a reader sees it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.text.append(" ")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.text.append(" ")

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append(("<!--", {}))


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def _seen(html: str) -> str:
    """What a reader sees, white space removed (paragraphs and line breaks are layout)."""
    return "".join("".join(_parse(html).text).split())


# --- what goes wrong today, one case each ---------------------------------------------


def test_an_address_in_angle_brackets_is_kept_and_shown():
    typed = "I wrote to <transport@example.gov.uk> on Monday."
    assert clean_text(typed) == typed
    shown = rich_html(typed)
    assert "&lt;" in shown and "transport@example.gov.uk" in shown
    assert _seen(shown) == "".join(typed.split())
    assert 'href="mailto:transport@example.gov.uk"' in shown


def test_text_after_a_tag_like_word_stays():
    typed = "The bus was late <again and again> and nobody rang."
    assert _seen(rich_html(typed)) == "".join(typed.split())
    assert _seen(plain_html(typed)) == "".join(typed.split())


def test_blank_lines_make_paragraphs():
    typed = "First point.\r\nStill the first.\r\n\r\n\r\nSecond point."
    assert rich_html(typed) == "<p>First point.<br>\nStill the first.</p><p>Second point.</p>"
    assert plain_html(typed) == "<p>First point.<br>Still the first.</p>\n\n<p>Second point.</p>"


def test_the_markup_the_form_offers_still_works():
    typed = "<p><strong>Bold</strong>, <em>italic</em></p><ul><li>one</li></ul>"
    assert rich_html(typed) == typed


def test_typed_lists_over_several_lines_are_not_broken_up():
    typed = "Two things:\n\n<ul>\n<li>the time</li>\n<li>the place</li>\n</ul>\nThanks."
    assert rich_html(typed) == (
        "<p>Two things:</p><ul><li>the time</li><li>the place</li></ul><p>Thanks.</p>")


@pytest.mark.parametrize("typed", [
    "<script>alert(1)</script>",
    "<SCRIPT src=x>alert(1)</SCRIPT >",
    "<style>body{display:none}</style>",
    "<iframe src='https://evil.example'></iframe>",
    "<img src=x onerror=alert(1)>",
    "<script>never closed alert(1)",
    '<p style="color:red" onmouseover="x()">text</p>',
    "<!-- hidden -->",
])
def test_other_markup_is_shown_as_the_text_it_is(typed):
    shown = rich_html(f"Hi {typed}")
    # Only paragraphs, and a link where an address was typed.
    assert {tag for tag, _attrs in _parse(shown).tags} <= {"p", "a"}
    assert all(set(attrs) <= {"href", "rel"} for _tag, attrs in _parse(shown).tags)
    assert _seen(shown) == "".join(f"Hi {typed}".split())


def test_javascript_links_lose_their_href():
    shown = rich_html('<a href="javascript:alert(1)">click</a>')
    assert "javascript" not in shown and "click" in shown


def test_links_are_kept_and_marked_nofollow():
    # onclick is not offered, so the whole tag is shown as text, not run.
    shown = rich_html('<a href="https://example.org/x" onclick="x()">see</a>')
    assert all("onclick" not in attrs for _tag, attrs in _parse(shown).tags)
    assert 'onclick="x()"&gt;see' in shown.replace("&quot;", '"')
    shown = rich_html('<a href="https://example.org/x?a=1&b=2">see</a>')
    assert shown == ('<p><a href="https://example.org/x?a=1&amp;b=2" '
                     'rel="nofollow noopener">see</a></p>')


def test_bare_addresses_become_links():
    shown = rich_html("see https://example.org/travel.")
    assert 'href="https://example.org/travel"' in shown and shown.endswith(".</p>")


def test_ampersands_and_entities_are_what_was_typed():
    typed = "Fish & chips; &lt; is how you write <"
    assert clean_text(typed) == typed
    assert _seen(rich_html(typed)) == "".join(typed.split())
    assert visible_text(typed) == typed


def test_unclosed_offered_tags_are_closed():
    assert rich_html("<strong>loud") == "<p><strong>loud</strong></p>"


def test_visible_length_ignores_the_offered_markup_only():
    assert visible_length("<p><strong>abc</strong>   def</p>") == 7
    assert visible_length("a <x> c") == 7
    assert visible_length("one\n\ntwo") == 7


def test_empty_input():
    assert clean_text(None) == "" and rich_html("") == "" and plain_html(None) == ""


def test_spreadsheet_cells_do_not_run_and_keep_the_characters():
    assert spreadsheet_cell("=SUM(A1)") == "'=SUM(A1)"
    assert spreadsheet_cell("Fish & chips <b>") == "Fish & chips <b>"


# --- control characters -----------------------------------------------------------------


@pytest.mark.parametrize("invisible", [
    "\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069",
    "\ufeff", "\x00", "\x01", "\x1b", "\x7f", "\x9f", "\x80",
])
def test_invisible_controls_are_removed(invisible):
    assert clean_text(f"pay{invisible}ment") == "payment"


@pytest.mark.parametrize(("typed", "stored"), [
    ("Jan\u200bZieliński", "Jan\u200bZieliński"),
    ("Jan\u200b\u200bZieliński", "Jan\u200bZieliński"), ("محمد\u200bأحمد", "محمد\u200bأحمد"),
    ("pay\u200bment", "pay\u200bment"), ("bus\u200b.", "bus."),
    ("\u200bbus \u200b pass\u200b", "bus  pass"),
])
def test_a_zero_width_space_between_two_words_is_kept_and_goes_elsewhere(typed, stored):
    """bk15j F2: a zero-width space between two word characters may be their only break, so
    it is kept (once), never deleted to glue "Jan" and "Zieliński" into one word; beside a
    space or a sign, or at either end, it separates nothing and goes."""
    assert clean_text(typed) == stored


def test_a_right_to_left_override_cannot_disguise_text():
    assert clean_text("invoice\u202eexe.pdf") == "invoiceexe.pdf"


def test_tabs_and_line_breaks_stay():
    assert clean_text("a\tb\r\nc\rd\u2028e") == "a\tb\nc\nd\ne"


ARABIC = "نقل الأطفال إلى المدرسة\u200f (الحافلة رقم 12) \u200cو\u200dلا\u061c!"


def test_arabic_keeps_its_own_characters():
    assert clean_text(ARABIC) == ARABIC
    assert _seen(rich_html(ARABIC)) == "".join(ARABIC.split())


def test_direction_marks_go_only_where_there_is_no_right_to_left_text():
    assert clean_text("bus\u200e 12\u200f") == "bus 12"
    assert clean_text("emoji \U0001F468\u200d\U0001F469") == "emoji \U0001F468\u200d\U0001F469"


def test_the_form_field_strips_nulls_before_django_refuses_them():
    field = TypedTextField()
    assert field.clean("Hello\x00 there\u202e ") == "Hello there"
    assert TypedEmailField().clean("name@example.com\x00") == "name@example.com"


# --- properties -------------------------------------------------------------------------

# Not the zero-width space: between two words it becomes a space (tested above).
_CONTROLS = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x9f\ufeff"
_INVISIBLE = _CONTROLS + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# What people type: any letters, digits, punctuation, symbols and spaces in any script,
# with line breaks, and the characters that look like markup.
typed_text = st.lists(
    st.one_of(
        st.characters(categories=["L", "M", "N", "P", "S", "Zs"],
                      exclude_characters="\u2028\u2029\u061c\u200e\u200f"),
        st.sampled_from(["\n", "\r\n", "\r", "\t", "<", ">", "&", '"', "'", "/", "="]),
    ),
    max_size=300,
).map("".join)
markup_pieces = st.sampled_from(
    ["<p>", "</p>", "<b>", "</b>", "<strong>", "<em>", "</em>", "<ul>", "<li>", "</li>",
     "</ul>", "<ol>", "</ol>", "<br>", "<br />", "<i>", '<a href="https://x.example/">',
     '<a href="javascript:alert(1)">', "</a>", "<script>", "</script>", "<img src=x "
     "onerror=alert(1)>", "<div onclick='x'>", "<!--", "-->", "<a onclick='x'>",
     "https://example.org/a?b=1&c=2", "someone@example.com", "&amp;", "&#60;", "\n\n"])
anything_typed = st.lists(st.one_of(typed_text, markup_pieces), max_size=20).map("".join)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=300)
@given(typed_text)
def test_any_typed_plain_text_is_stored_as_typed(text):
    assert clean_text(text) == _normalise_newlines(text)


@settings(max_examples=300)
@given(typed_text, st.lists(st.sampled_from(_INVISIBLE), min_size=1))
def test_controls_are_all_that_is_removed(text, invisible):
    mixed = "".join(ch + invisible[i % len(invisible)] for i, ch in enumerate(text))
    assert clean_text(mixed + "".join(invisible)) == _normalise_newlines(text)


@settings(max_examples=300)
@given(typed_text)
def test_every_character_typed_is_shown(text):
    typed = "".join(_normalise_newlines(text).split())
    assert _seen(plain_html(text)) == typed
    if "<" not in text:
        assert _seen(rich_html(text)) == typed


@settings(max_examples=500)
@given(anything_typed)
def test_nothing_shown_is_a_live_tag_other_than_the_offered_ones(text):
    parsed = _parse(rich_html(text))
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS
        if tag == "a":
            assert set(attrs) <= {"href", "title", "rel"}
            assert attrs.get("rel") == "nofollow noopener"
            href = attrs.get("href") or ""
            assert href == "" or href.split(":", 1)[0] in ("https", "http", "mailto")
        else:
            assert attrs == {}
    assert all(tag in ("p", "br") for tag, _attrs in _parse(plain_html(text)).tags)


@settings(max_examples=300)
@given(anything_typed)
def test_the_stored_text_is_the_typed_text(text):
    assert clean_text(text) == _normalise_newlines(text)


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


@settings(max_examples=500)
@given(anything_typed)
def test_nothing_typed_disappears_from_a_comment_but_the_markup_offered(text):
    tags = r"</?(p|br|strong|b|em|i|ul|ol|li)\s*/?>|<a(\s+(href|title|rel)=\"[^\"<>]*\")*>|</a>"
    expected = "".join(re.sub(tags, " ", _normalise_newlines(text), flags=re.I).split())
    assert _is_subsequence(expected, _seen(rich_html(text)))


def test_visible_text_keeps_addresses_and_paragraph_breaks():
    # Used for the editor's list of comments and the board's CSV.
    typed = "<p>One <strong>two</strong></p><p>Write to <transport@example.gov.uk> & wait</p>"
    assert visible_text(typed) == "One two\nWrite to <transport@example.gov.uk> & wait"
