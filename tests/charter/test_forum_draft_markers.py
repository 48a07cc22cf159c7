"""A forum representative reading a draft's changes in Polish or Arabic: the draft's words
are marked English piece by piece, so the "added"/"removed" markers (which a screen reader
reads) and the "[Summary]" label are in the reader's language, as on the public proposal
page (WCAG 3.1.2)."""

import re

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from tests.consultations.test_proposed_languages import _Markers
from tests.portal.test_no_unmarked_english import marked_english_wrongly, unmarked_english

pytestmark = pytest.mark.django_db


def _drafts(client, language: str) -> dict[str, str]:
    home = client.get(f"/{language}/forum/").content.decode()
    urls = sorted(set(re.findall(rf'href="(/{language}/forum/drafts/\d+/)"', home)))
    assert urls, home
    return {url: client.get(url).content.decode() for url in urls}


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_markers_and_summary_label_are_in_the_readers_language(demo, client, settings,
                                                               language):
    settings.PORTAL_PAGE_CACHE = False
    client.force_login(User.objects.get(username="forumrep"))
    with translation.override(language):
        summary = f"[{translation.gettext('Summary')}]"
    markers, labelled = [], []
    for url, html in _drafts(client, language).items():
        reader = _Markers()
        reader.feed(html)
        markers += [(url, tag, lang) for tag, lang in reader.markers]
        labelled += [(url, lang, run) for lang, run in reader.runs if summary in run]
        assert marked_english_wrongly(html, language) == [], url
        assert unmarked_english(html, language) == [], url
    assert markers, "the demo's drafts add and remove words"
    assert [m for m in markers if m[2] != language] == []
    assert labelled, "a demo draft changes a summary box"
    assert [x for x in labelled if x[1] != language] == []
