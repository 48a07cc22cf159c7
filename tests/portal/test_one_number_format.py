"""One way of writing a decimal on each page: the page language's (a comma in Polish and
Arabic), in tables, charts and sentences alike. English words shown on the page (marked
``lang="en"``) keep theirs, as the English page writes them."""

import re
from html.parser import HTMLParser

import pytest
from django.utils import formats, translation

pytestmark = pytest.mark.django_db

PAGES = ["/", "/surveys/2025/results/", "/surveys/2024/results/",
         "/consultations/walking-distances-under-8/",
         "/policies/travel-assistance/checker/", "/policies/travel-assistance/"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "rect", "line", "circle", "polyline", "path"}


class _ReaderText(HTMLParser):
    """The text a reader sees in the page's own language: outside scripts and outside
    anything marked as another language."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(tag in ("script", "style") for tag, _ in self.stack):
            return
        if any(lang and lang.startswith("en") for _, lang in self.stack):
            return
        self.text.append(data)


def _decimals(html: str) -> list[str]:
    parser = _ReaderText()
    parser.feed(html.split("<body", 1)[1])
    # Phone numbers, times and dates are not decimals: only digits on both sides of one
    # separator, with no other digit group touching.
    text = " ".join(parser.text)
    return re.findall(r"(?<![\d.,:])\d+[.,]\d(?![\d.,:])", text)


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_every_decimal_on_a_polish_or_arabic_page_uses_its_separator(demo, client, language):
    with translation.override(language):
        separator = formats.get_format("DECIMAL_SEPARATOR")
    seen = []
    for path in PAGES:
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        found = _decimals(response.content.decode())
        seen += found
        wrong = [n for n in found if separator not in n]
        assert wrong == [], (path, wrong)
    assert seen, "the pages show decimals to check"


def test_english_pages_write_decimals_with_a_point(demo, client):
    found = _decimals(client.get("/surveys/2025/results/").content.decode())
    assert found and all("." in n for n in found)
