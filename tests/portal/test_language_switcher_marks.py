"""Each language's name in the switcher is written in that language and marked with its
language and direction, so a screen reader says "English" in English on an Arabic page and
"العربية" in Arabic on an English one, and the Arabic name sits right-to-left."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _names(html: str) -> dict[str, str]:
    switcher = html.split('class="portal-languages__list"', 1)[1].split("</ul>", 1)[0]
    return {name: attrs for attrs, name in re.findall(r"<(?:a|span)([^>]*)>([^<]+)</", switcher)}


@pytest.mark.parametrize("prefix", ["", "/pl", "/ar"])
@pytest.mark.parametrize("path", ["/", "/search/?q=taxi"])
def test_every_language_name_carries_its_language_and_direction(demo, client, prefix, path):
    names = _names(client.get(prefix + path).content.decode())
    assert 'lang="en-gb"' in names["English"] and 'dir="ltr"' in names["English"]
    assert 'lang="pl"' in names["Polski"] and 'dir="ltr"' in names["Polski"]
    assert 'lang="ar"' in names["العربية"] and 'dir="rtl"' in names["العربية"]
