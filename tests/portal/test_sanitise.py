import pytest

from portal.sanitise import clean_html, clean_text, visible_length


def test_allowed_formatting_is_kept():
    html = "<p><strong>Bold</strong>, <em>italic</em></p><ul><li>one</li></ul>"
    assert clean_html(html) == html


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        "<SCRIPT src=x>alert(1)</SCRIPT >",
        "<style>body{display:none}</style>",
        "<iframe src='https://evil.example'></iframe>",
        "<script>never closed alert(1)",
    ],
)
def test_scripts_styles_and_frames_vanish_with_their_contents(dirty):
    cleaned = clean_html(f"<p>Hi</p>{dirty}")
    assert cleaned == "<p>Hi</p>"


def test_javascript_links_lose_their_href():
    cleaned = clean_html('<a href="javascript:alert(1)">click</a>')
    assert "javascript" not in cleaned
    assert "click" in cleaned


def test_safe_links_are_kept_and_marked_nofollow():
    cleaned = clean_html('<a href="https://example.org/x" onclick="x()">see</a>')
    assert cleaned == '<a href="https://example.org/x" rel="nofollow noopener">see</a>'


def test_event_handlers_and_styles_are_removed():
    cleaned = clean_html('<p style="color:red" onmouseover="x()">text</p>')
    assert cleaned == "<p>text</p>"


def test_bare_addresses_become_links():
    assert 'href="https://example.org"' in clean_html("<p>see https://example.org</p>")


def test_disallowed_tags_keep_their_text():
    cleaned = clean_html("<h1>Title</h1><div>body</div>")
    assert "<" not in cleaned and "Title" in cleaned and "body" in cleaned


def test_clean_text_removes_every_tag():
    assert clean_text("<p>Hello <b>there</b></p><script>x()</script>") == "Hello there"


def test_clean_text_keeps_the_characters_typed_not_entities():
    assert clean_text("Fish & chips <b>at 5</b> < 6") == "Fish & chips at 5 < 6"


def test_visible_length_ignores_markup():
    assert visible_length("<p><strong>abc</strong>   def</p>") == 7


def test_empty_input():
    assert clean_html("") == "" and clean_text(None) == ""
