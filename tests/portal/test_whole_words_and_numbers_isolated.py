"""Review F12: a search for "bus pass" marks "passes" but not "Passenger" (whole words);
the 500 page and "Give us your answers another way" give the number and address as every
page does: a tel: or mailto: link whose text is isolated left to right, in Arabic too."""

import re
from types import SimpleNamespace

from django.template import loader
from django.test import RequestFactory

from portal.excerpts import excerpt
from portal.views import server_error


def _marked(text, query):
    return [part for part, matched in excerpt(text, query) if matched]


def test_bus_pass_marks_whole_words_only():
    text = "Passenger assistants ride the bus. A bus pass, or two passes, is free."
    assert _marked(text, "bus pass") == ["bus", "bus", "pass", "passes"]
    assert "Passenger" not in _marked(text, "pass")
    assert _marked("Children walk or go walking.", "walk") == ["walk", "walking"]


def test_the_500_page_gives_the_number_as_a_tel_link_isolated_left_to_right():
    for path in ("/", "/ar/faq/"):
        html = server_error(RequestFactory().get(path)).content.decode()
        assert re.search(r'<a class="govuk-link portal-tel" href="tel:\+441234567890">'
                         r'<bdi dir="ltr">01234 567 890</bdi></a>', html), path
    assert 'dir="rtl"' in server_error(RequestFactory().get("/ar/")).content.decode()


def test_other_ways_to_answer_isolate_the_address_and_the_number():
    details = SimpleNamespace(phone="01234 567 890", email="transport@example.org",
                              opening_hours="")
    portal = SimpleNamespace(service_details=SimpleNamespace(localized=details))
    html = loader.get_template("consultations/includes/other_ways_to_answer.html").render(
        {"settings": {"portal": {"PortalSettings": portal}}})
    assert ('<a class="govuk-link" href="mailto:transport@example.org">'
            '<bdi dir="ltr">transport@example.org</bdi></a>') in html
    assert '<bdi dir="ltr">01234 567 890</bdi>' in html
    assert 'href="tel:+441234567890"' in html
