"""An item marked English (``<li dir="ltr">``) in a bulleted or numbered list on an Arabic
page draws its marker on its left, outside the item; the list's padding is on the right
there, so the built stylesheet must give that item room on its left, or the marker hangs
past the page's edge and a phone's page scrolls sideways (the forum's draft page, where
the sections changed since the live version are listed by their English headings)."""

import re

import pytest
from django.contrib.auth.models import User

from tests.css import built_css

pytestmark = pytest.mark.django_db

ROOM = re.compile(r"(margin-left|padding-left|margin-inline-end|padding-inline-end):\s*[1-9]"
                  r"|list-style-position:\s*inside|list-style:\s*[^;}]*inside")


def _rule_for(selector: str) -> str:
    """The declarations of the built stylesheet's rules whose selector list has
    ``selector`` (written without spaces, as ``built_css`` gives it), joined."""
    css = built_css()
    return ";".join(body for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
                    if selector in [s.strip() for s in selectors.split(",")])


@pytest.mark.parametrize("kind", ["bullet", "number"])
def test_an_english_item_in_a_right_to_left_list_keeps_its_marker_on_the_page(kind):
    declarations = _rule_for(f"[dir=rtl].govuk-list--{kind}>li[dir=ltr]")
    assert ROOM.search(declarations), declarations


def test_the_arabic_forum_draft_lists_english_items(demo, client, settings):
    """The page where it happens: English headings listed in the Arabic draft page."""
    settings.PORTAL_PAGE_CACHE = False
    client.force_login(User.objects.get(username="forumrep"))
    home = client.get("/ar/forum/").content.decode()
    drafts = sorted(set(re.findall(r'href="(/ar/forum/drafts/\d+/)"', home)))
    pages = [client.get(url).content.decode() for url in drafts]
    assert any(re.search(r'<ul class="govuk-list govuk-list--bullet">\s*<li lang="en" dir="ltr">',
                         html) for html in pages)
