"""A comparison of two versions read in Polish or Arabic: a section's heading is marked
English only where its words are the English source. A field's label ("Title", "In short")
is said in the reader's language, so it carries the page's language even when the page's
own words are still the English ones; a heading the page's authors wrote carries theirs."""

import re

import pytest
from django.contrib.auth.models import User

from charter import services
from charter.models import ForumComment, ForumReviewTaskState
from portal.models import PolicyPage
from tests.portal.test_no_unmarked_english import marked_english_wrongly, unmarked_english

pytestmark = pytest.mark.django_db

HEADING = re.compile(r'<h2 class="govuk-heading-m" id="diff-\d+"([^>]*)>(.*?)</h2>', re.S)
TAGS = re.compile(r"<[^>]+>")


@pytest.fixture
def appeals_version_2(demo, settings):
    """The demo's draft of the appeals policy (plainer "In short" words, with the forum)
    answered and agreed: version 2, which the untranslated Polish and Arabic copies show."""
    settings.PORTAL_PAGE_CACHE = False
    policy = PolicyPage.objects.get(locale__language_code="en-gb", slug="appeals-and-complaints")
    review = policy.current_workflow_task_state.specific
    officer, rep = User.objects.get(username="officer"), User.objects.get(username="forumrep")
    for comment in ForumComment.objects.filter(review=review):
        services.comment_answer(comment=comment, officer=officer, disposition="accepted",
                                reason="The number is now in the first section.")
    services.review_decide(review=review, user=rep,
                           decision=ForumReviewTaskState.Decision.AGREED)
    return policy


def _headings(html: str) -> list[tuple[str, str]]:
    """Each compared section's heading: (its attributes and markup, its words). The words
    are marked piece by piece, so an English heading's mark is on the words inside."""
    return [(attrs + words, TAGS.sub("", words)) for attrs, words in HEADING.findall(html)]


@pytest.mark.parametrize(("prefix", "title"), [("/ar", "العنوان"), ("/pl", "Tytuł")])
def test_a_translated_field_label_is_not_marked_english(appeals_version_2, client, prefix,
                                                          title):
    response = client.get(f"{prefix}/policies/appeals-and-complaints/compare/1/2/")
    assert response.status_code == 200
    html = response.content.decode()
    headings = {words: attrs for attrs, words in _headings(html)}
    assert title in headings, headings
    assert 'lang="en"' not in headings[title]
    assert marked_english_wrongly(html, prefix.strip("/")) == []
    # The English words on the page are still marked English.
    assert unmarked_english(html, prefix.strip("/")) == []


def test_an_english_heading_the_authors_wrote_stays_marked_english(appeals_version_2, client):
    """The Arabic copy is an untranslated alias: the headings its authors wrote are the
    English source's, and are marked so."""
    html = client.get("/ar/policies/appeals-and-complaints/compare/1/2/").content.decode()
    written = [(attrs, words) for attrs, words in _headings(html)
               if not re.search(r"[\u0600-\u06ff]", words)]
    assert written, _headings(html)
    assert all('lang="en" dir="ltr"' in attrs for attrs, _ in written), written


def test_the_english_comparison_marks_no_heading(appeals_version_2, client):
    html = client.get("/policies/appeals-and-complaints/compare/1/2/").content.decode()
    headings = _headings(html)
    assert "Title" in [words for _, words in headings]
    assert all("lang=" not in attrs for attrs, _ in headings), headings


@pytest.mark.parametrize(("prefix", "label"),
                         [("/ar", "سارية اعتباراً من"), ("/pl", "Obowiązuje od")])
def test_the_effective_date_row_is_headed_in_the_readers_language(appeals_version_2, client,
                                                                   prefix, label):
    html = client.get(f"{prefix}/policies/appeals-and-complaints/compare/1/2/").content.decode()
    words = [words for _, words in _headings(html)]
    assert label in words, words
    assert "In force from" not in html
