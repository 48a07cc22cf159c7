"""A section heading a translator left in English on the Polish or Arabic policy reaches the
browser marked lang="en" dir="ltr" (a screen reader reads it in an English voice, left to
right), and the page stays clean under axe."""

import json

import pytest

from tests.e2e.conftest import manage_shell

pytestmark = pytest.mark.e2e

POLICY = "/policies/travel-assistance/"

# Sets the copy's first section heading to ``heading`` (the English one, or back to what it
# was), published as a translator's copy is; prints the heading it had.
SET_HEADING = """
from portal.models import PolicyPage
english = PolicyPage.objects.get(locale__language_code="en-gb", slug="travel-assistance")
page = PolicyPage.objects.get(locale__language_code={language!r},
                              translation_key=english.translation_key)
was = page.sections[0].value["heading"]
page.sections[0].value["heading"] = {heading!r} or english.sections[0].value["heading"]
page.save_revision().publish()
print(was)
"""


def _set_heading(language: str, heading: str = "") -> str:
    return manage_shell(SET_HEADING.format(language=language, heading=heading))


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_an_english_heading_on_a_translated_policy_is_marked(page, portal_url, axe_violations,
                                                             language):
    was = _set_heading(language)
    try:
        page.goto(f"{portal_url}/{language}{POLICY}")
        heading = page.locator("section.portal-section h2").first
        english = json.loads(manage_shell(
            "import json; from portal.models import PolicyPage; print(json.dumps(PolicyPage."
            "objects.get(locale__language_code='en-gb', slug='travel-assistance')"
            ".sections[0].value['heading']))"))
        assert heading.inner_text().strip() == english
        assert heading.get_attribute("lang") == "en"
        assert heading.get_attribute("dir") == "ltr"
        assert page.locator("html").get_attribute("lang").startswith(language)
        assert axe_violations(page) == []
    finally:
        _set_heading(language, was)
