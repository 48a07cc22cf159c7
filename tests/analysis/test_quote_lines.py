"""A finding's lines each carry their own language: the council's words English, each quote
in the language its writer used (analysis.quote_lines)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from analysis.quote_lines import Line, finding_lines


def test_each_quote_keeps_its_own_language_and_direction():
    text = ("Still too far: 12 of 40 people (30 %).\n"
            "\u201cTo nadal za daleko dla mojego syna, on ma dopiero pi\u0119\u0107 lat.\u201d\n"
            "\u201c\u0627\u0644\u0645\u0633\u0627\u0641\u0629 \u0628\u0639\u064a\u062f\u0629 "
            "\u062c\u062f\u0627 \u0639\u0644\u0649 \u0637\u0641\u0644\u064a\u201d\n"
            "\u201cMake it one mile.\u201d")
    assert [(line.language, line.dir) for line in finding_lines(text)] == [
        ("en", "ltr"), ("pl", "ltr"), ("ar", "rtl"), ("en", "ltr")]


def test_the_councils_words_are_english_even_when_they_name_a_theme_in_arabic_letters():
    # Only a line in quotation marks is a respondent's; the rest is the council's English.
    assert finding_lines("\u0627\u0644\u0645\u0633\u0627\u0641\u0629: 3 people.") == [
        Line("\u0627\u0644\u0645\u0633\u0627\u0641\u0629: 3 people.", "en", "ltr")]


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zl", "Zp", "Cc")),
                        max_size=40), max_size=6))
def test_every_line_is_kept_in_order_with_a_language_and_direction(lines):
    text = "\n".join(lines)
    out = finding_lines(text)
    assert [line.text for line in out] == text.splitlines()
    assert all(line.language in {"en", "pl", "ar"} for line in out)
    assert all(line.dir == ("rtl" if line.language == "ar" else "ltr") for line in out)


def test_a_page_in_any_language_marks_each_line_of_a_finding():
    text = ("Still too far: 12 of 40 people (30 %).\n"
            "\u201c\u0627\u0644\u0645\u0633\u0627\u0641\u0629 \u0628\u0639\u064a\u062f\u0629 "
            "\u062c\u062f\u0627\u201d\n"
            "\u201cTo nadal za daleko dla mojego syna, on ma dopiero pi\u0119\u0107 lat.\u201d")
    lines = text.splitlines()
    marks = [("en", "ltr"), ("ar", "rtl"), ("pl", "ltr")]
    for page in ("pl", "ar", "en-gb"):
        with translation.override(page):
            html = render_to_string("analysis/finding_lines.html", {"text": text})
        # A line in the page's own language needs no mark; every other line has its own.
        # Each line is a paragraph of its own, so its direction sets its alignment too.
        shown = [f'<p class="govuk-body">{line}</p>' if language == page[:2] else
                 f'<p class="govuk-body" lang="{language}" dir="{direction}">{line}</p>'
                 for line, (language, direction) in zip(lines, marks, strict=True)]
        assert html.strip() == "".join(shown)
