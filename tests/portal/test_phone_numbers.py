"""Phone numbers a reader can tap: the rule (no database)."""

from hypothesis import given
from hypothesis import strategies as st

from portal.phone_numbers import link_phone_numbers, tel_href


def _render(href: str, text: str) -> str:
    return f'<a href="{href}">{text}</a>'


def test_a_uk_number_as_written_becomes_an_international_tel_address():
    assert tel_href("01234 567 890") == "tel:+441234567890"
    assert tel_href("0300 123-4567") == "tel:+443001234567"
    assert tel_href("+44 1234 567890") == "tel:+441234567890"
    assert tel_href("") == ""


def test_numbers_in_text_are_linked_and_nothing_else_is():
    html = ("<p>Phone 01234 567 890 or 0800 123 4567. Since 2026, £1,000 a year; "
            "children aged 5 to 16; up to 75 minutes.</p>")
    linked = link_phone_numbers(html, _render)
    assert '<a href="tel:+441234567890">01234 567 890</a>' in linked
    assert '<a href="tel:+448001234567">0800 123 4567</a>' in linked
    assert linked.count("<a ") == 2
    assert "Since 2026, £1,000 a year; children aged 5 to 16; up to 75 minutes." in linked


def test_a_number_already_inside_a_link_is_left_alone():
    html = '<p><a href="tel:+441234567890">01234 567 890</a> and 01234 567 891</p>'
    linked = link_phone_numbers(html, _render)
    assert linked.count("<a ") == 2
    assert '<a href="tel:+441234567891">01234 567 891</a>' in linked


def test_numbers_inside_tags_are_not_touched():
    html = '<p data-id="01234 567 890">x</p>'
    assert link_phone_numbers(html, _render) == html


@given(st.integers(min_value=0, max_value=99_999_999))
def test_counts_years_and_prices_are_never_phone_numbers(number):
    for text in (f"{number}", f"£{number:,}", f"{number} people", f"{number}%"):
        assert "tel:" not in link_phone_numbers(text, _render), text
