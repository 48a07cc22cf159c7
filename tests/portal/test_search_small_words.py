""""Did you mean" never turns a real Arabic word into a function word ("الباص ما أتى" is not
"the bus what which"), offers "EHCP" for "ehpc" as the site writes it, and meets Arabic
letter swaps ("حفالة" → "حافلة"); "contact", "phone number", "telefon", "هاتف" find the
transport team's number, and "escort" the passenger assistant."""

import pytest

from portal.search_text import did_you_mean, english_words, vocabulary

pytestmark = pytest.mark.django_db

SITE = vocabulary(["EHCP", "EHC plan", "Education, Health and Care plan", "SENDIASS",
                   "الحافلة", "التي تقدم الخدمة", "الاستئناف", "Appeals"])


@pytest.mark.parametrize(("typed", "meant"), [
    ("ehpc", "EHCP"), ("EHPC", "EHCP"), ("sendias", "SENDIASS"), ("حفالة", "حافلة"),
    ("استئنف", "استئناف"), ("apeal", "appeals"),
])
def test_the_nearest_site_word_as_the_site_writes_it(typed, meant):
    assert did_you_mean(typed, SITE, known=english_words()) == meant


@pytest.mark.parametrize("typed", ["الباص ما أتى", "ما اتى", "لم يأت", "في المدرسه"])
def test_short_arabic_words_are_never_turned_into_function_words(typed):
    found = did_you_mean(typed, SITE, known=english_words()) or ""
    assert "التي" not in found



def _suggestion(html: str) -> str:
    if "data-portal-suggestion>" not in html:
        return ""
    return html.split("data-portal-suggestion>", 1)[1].split("</p>", 1)[0]


def test_the_bus_did_not_come_is_not_corrected_into_nonsense(demo, client):
    html = client.get("/ar/search/", {"q": "الباص ما أتى"}).content.decode()
    assert "التي" not in _suggestion(html)


@pytest.mark.parametrize("prefix", ["", "/pl"])
def test_ehpc_is_offered_ehcp_in_capitals(demo, client, prefix):
    html = client.get(f"{prefix}/search/", {"q": "ehpc"}).content.decode()
    assert ">EHCP</a>" in _suggestion(html)


@pytest.mark.parametrize(("prefix", "typed"), [
    ("", "contact"), ("", "telephone"), ("", "phone number"),
    ("/pl", "telefon"), ("/pl", "kontakt"), ("/ar", "هاتف"), ("/ar", "تلفون"),
])
def test_asking_how_to_reach_someone_finds_the_transport_teams_number(
        demo, client, prefix, typed):
    html = client.get(f"{prefix}/search/", {"q": typed}).content.decode()
    box = html.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]
    assert 'href="tel:+441234567890"' in box


def test_escort_finds_the_passenger_assistant(demo, client):
    html = client.get("/search/", {"q": "escort"}).content.decode()
    assert "0 results" not in html
    assert "passenger assistant" in html.split("Words explained", 1)[1]
