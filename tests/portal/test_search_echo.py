"""The words a reader typed, shown back on the search page, keep their own direction and
punctuation and cannot turn the site's own sentence round: inside <bdi> (with lang and dir
when written in another language than the page's), without bidi control characters (a
U+202E pasted from a chat app); the search box shows what is typed in its own direction."""

import re

import pytest

from portal.search_text import without_bidi_controls

pytestmark = pytest.mark.django_db

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _count_line(html: str) -> str:
    return html.split("data-portal-result-count>", 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize("control", list(CONTROLS))
def test_bidi_controls_are_dropped_and_nothing_else(control):
    assert without_bidi_controls(f"{control}bus late{control}") == "bus late"
    assert without_bidi_controls("الباص تأخر؟ EHCP") == "الباص تأخر؟ EHCP"


@pytest.mark.parametrize(("prefix", "typed", "echo"), [
    ("/ar", "bus didn't come?", '<bdi lang="en" dir="ltr">bus didn&#x27;t come?</bdi>'),
    ("/ar", "EHCP 2025?", '<bdi lang="en" dir="ltr">EHCP 2025?</bdi>'),
    ("", "تاكسي", '<bdi lang="ar" dir="rtl">تاكسي</bdi>'),
    ("/pl", "taksówka", "<bdi>taksówka</bdi>"),
])
def test_the_query_on_the_results_line_is_isolated(demo, client, prefix, typed, echo):
    html = client.get(f"{prefix}/search/", {"q": typed}).content.decode()
    assert echo in _count_line(html)


@pytest.mark.parametrize(("typed", "said"), [
    ("\u202ebus late", "<bdi>bus late</bdi>"),
    ("\u202eapeal", "0 results for “<bdi>apeal</bdi>”"),
])
def test_a_pasted_right_to_left_override_cannot_turn_the_page_round(demo, client, typed, said):
    html = client.get("/search/", {"q": typed}).content.decode()
    assert said in _count_line(html)
    for control in CONTROLS[:5]:
        assert control not in html
    assert 'value="' + typed[1:] + '"' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert f"\u2068{typed[1:]}\u2069" in title


def test_did_you_mean_is_isolated(demo, client):
    html = client.get("/ar/search/", {"q": "apeal?"}).content.decode()
    line = html.split("data-portal-suggestion>", 1)[1].split("</p>", 1)[0]
    assert "<bdi><a " in line and "</a></bdi>" in line


def test_the_search_box_shows_typed_words_in_their_own_direction(demo, client):
    html = client.get("/ar/").content.decode()
    box = re.search(r'<input[^>]*id="site-search"[^>]*>', html).group(0)
    assert 'dir="auto"' in box


# --- a word Polish writes too takes the Polish site's language (issue 13, F5) -----------------


@pytest.mark.parametrize(("typed", "echo"), [
    ("telefon", "<bdi>telefon</bdi>"),
    ("status wniosku", "<bdi>status wniosku</bdi>"),
    ("adres email", "<bdi>adres email</bdi>"),
    ("problem z taksowka", "<bdi>problem z taksowka</bdi>"),
    ("policy", '<bdi lang="en" dir="ltr">policy</bdi>'),
    ("travel help", '<bdi lang="en" dir="ltr">travel help</bdi>'),
])
def test_a_word_polish_writes_too_is_polish_on_the_polish_site(demo, client, typed, echo):
    html = client.get("/pl/search/", {"q": typed}).content.decode()
    assert echo in _count_line(html)
