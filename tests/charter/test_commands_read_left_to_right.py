"""On the Polish and Arabic record page the verifier's commands and the hashes are marked
English and left to right (WCAG 3.1.2): on an Arabic page they do not lay out right to left
with their quotes on the wrong side, and a screen reader reads them in an English voice."""

import re

import pytest

from tests.charter.test_record import _append, _checkpoint


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "pl"])
def test_every_command_and_hash_on_the_record_page_is_english_left_to_right(client, lang):
    _append(2)
    _checkpoint()
    html = client.get(f"/{lang}/record/").content.decode()
    main = html.split('id="main-content"', 1)[1]
    blocks = re.findall(r"<pre\b[^>]*>", main)
    codes = re.findall(r"<code\b[^>]*>", main)
    assert len(blocks) >= 3 and len(codes) >= 4
    # A <code> inside a marked <pre> is marked by it; every other one carries its own marks.
    for tag in blocks:
        assert 'lang="en"' in tag and 'dir="ltr"' in tag, tag
    unmarked = re.sub(r"<pre\b[^>]*>.*?</pre>", "", main, flags=re.S)
    for tag in re.findall(r"<code\b[^>]*>", unmarked):
        assert 'lang="en"' in tag and 'dir="ltr"' in tag, tag
