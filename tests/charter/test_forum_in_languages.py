"""The forum's pages in Polish and Arabic (``/pl/forum/``, ``/ar/forum/``), as ``/pl/record/``
is: the interface in the reader's language, the drafts and comments in the words they were
written in (English marked ``lang="en" dir="ltr"``), every redirect kept in the language,
and who may do what exactly as at ``/forum/``."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from charter.models import Disagreement, ForumComment

pytestmark = pytest.mark.django_db
LANGUAGES = ["pl", "ar"]
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]
ENGLISH = 'lang="en" dir="ltr"'


def url_in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def said(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def _comment(client, language, review, block_id, body, key="k-1"):
    return client.post(url_in(language, "forum_comment", review.pk),
                       {"block_id": block_id, "body": body, "submission_key": key})


def test_the_forum_has_an_address_in_each_language(review):
    assert url_in("en-gb", "forum_home") == "/forum/"
    assert url_in("pl", "forum_home") == "/pl/forum/"
    assert url_in("ar", "forum_draft", review.pk) == f"/ar/forum/drafts/{review.pk}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_representative_reads_the_forum_in_their_language(client, review, login_as, tree,
                                                             language):
    login_as("forum_rep")
    direction = "rtl" if language == "ar" else "ltr"
    home = client.get(url_in(language, "forum_home")).content.decode()
    assert f'<html lang="{language}" dir="{direction}"' in home
    assert said(language, "Drafts waiting for the forum") in home
    assert "Drafts waiting for the forum" not in home
    # The policy's title is English, on a page that is not.
    assert re.search(rf'<a class="govuk-link" href="/{language}/forum/drafts/{review.pk}/" '
                     rf'{ENGLISH}>{re.escape(tree.policy.title)}</a>', home)

    draft = client.get(url_in(language, "forum_draft", review.pk)).content.decode()
    assert f'<html lang="{language}" dir="{direction}"' in draft
    for label in ("Draft for the forum", "Comments on the whole draft",
                  "Comment on this section", "The forum's decision"):
        assert said(language, label) in draft
        assert label.replace("'", "&#x27;") not in draft
    assert re.search(rf'<h1 class="govuk-heading-xl" {ENGLISH}>{re.escape(tree.policy.title)}'
                     "</h1>", draft)
    assert re.search(rf'<h2 class="govuk-heading-l" id="heading-[^"]+" {ENGLISH}>'
                     "Walking distances</h2>", draft)
    assert said(language, "Agreed") in draft  # the decisions offered


def test_the_english_forum_marks_nothing_as_english(client, review, login_as):
    login_as("forum_rep")
    html = client.get(url_in("en-gb", "forum_draft", review.pk)).content.decode()
    assert '<html lang="en-gb" dir="ltr"' in html
    assert ENGLISH not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_comment_sent_from_the_polish_or_arabic_forum_is_stored_once_and_shown(
    client, review, login_as, section_ids, language
):
    login_as("forum_rep")
    body = "<p>Please say what happens on snow days.</p>"
    for _ in range(2):  # a double-clicked button
        response = _comment(client, language, review, section_ids[0], body)
        assert response.status_code == 302
    comment = ForumComment.objects.get()
    assert comment.body == body
    # Back to the same draft, in the same language, at the comment.
    assert response["Location"] == (f"/{language}/forum/drafts/{review.pk}/"
                                    f"#comment-{comment.pk}")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert f'<div class="portal-prose" {ENGLISH}><p>Please say what happens on snow days.' \
           in html
    assert said(language, "Your comment is sent. The council will answer it.") in html
    assert said(language, "Not answered yet.") in html


def test_a_comment_typed_in_polish_is_not_marked_as_english(client, review, login_as,
                                                           section_ids):
    login_as("forum_rep")
    _comment(client, "pl", review, section_ids[0], "<p>Proszę dodać, co się dzieje zimą.</p>")
    html = client.get(url_in("pl", "forum_draft", review.pk)).content.decode()
    assert '<div class="portal-prose"><p>Proszę dodać, co się dzieje zimą.' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_comment_comes_back_in_the_readers_language_with_the_words_kept(
    client, review, login_as, section_ids, language
):
    login_as("forum_rep")
    response = client.post(url_in(language, "forum_comment", review.pk),
                           {"block_id": section_ids[0], "body": "  ",
                            "quote": "the words I picked"})
    assert response.status_code == 400
    html = response.content.decode()
    assert said(language, "Write your comment before you send it.") in html
    assert "the words I picked" in html
    assert ForumComment.objects.count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_switcher_keeps_the_reader_on_the_same_forum_page(
    client, review, login_as, language
):
    login_as("forum_rep")
    html = client.get(url_in(language, "forum_draft", review.pk)).content.decode()
    switcher = html.split('class="portal-languages"', 1)[1].split("</nav>", 1)[0]
    others = {"en-gb": f"/forum/drafts/{review.pk}/", "pl": f"/pl/forum/drafts/{review.pk}/",
              "ar": f"/ar/forum/drafts/{review.pk}/"}
    del others[language]
    for code, address in others.items():
        assert re.search(rf'href="{re.escape(address)}" lang="{code}" dir="(ltr|rtl)" '
                         rf'hreflang="{code}"', switcher), switcher
    assert re.search(rf'<span aria-current="true" lang="{language}" dir="(ltr|rtl)">', switcher)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_decision_from_the_polish_or_arabic_forum_goes_back_to_that_forum(
    client, review, login_as, language
):
    login_as("forum_rep")
    response = client.post(url_in(language, "forum_decide", review.pk),
                           {"decision": "changes_requested", "note": "Say what a snow day is.",
                            "seen_revision": review.revision_id})
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/forum/"
    review.refresh_from_db()
    assert review.decision == "changes_requested"
    html = client.get(response["Location"]).content.decode()
    assert said(language, "Recently decided") in html
    assert said(language, "Sent back for changes") in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_forums_position_on_a_disagreement_is_saved_in_the_readers_language(
    client, tree, login_as, language
):
    user = login_as("forum_rep")
    item = Disagreement.objects.create(page=tree.policy, topic="Snow days",
                                       forum_position="The forum wants a plan.",
                                       stated_by=user)
    address = url_in(language, "forum_disagreement", item.pk)
    html = client.get(address).content.decode()
    assert said(language, "Save the forum's position") in html
    assert f'<h1 class="govuk-heading-xl" {ENGLISH}>Snow days</h1>' in html
    # The switcher stays on the disagreement (not the policy it is about).
    assert f'href="/forum/disagreements/{item.pk}/"' in html
    response = client.post(address, {"position": "The forum wants a written plan."})
    assert response.status_code == 302
    assert response["Location"] == address
    item.refresh_from_db()
    assert item.forum_position == "The forum wants a written plan."
    assert said(language, "The forum's position is saved.") in client.get(address).content \
        .decode()


def _outcome(response) -> tuple[int, str]:
    """The status, and where a redirect sends the visitor with the language taken out."""
    location = response.get("Location", "")
    return response.status_code, re.sub(r"/(pl|ar)/", "/", location)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_use_the_forum_is_the_same_in_every_language(client, review, login_as,
                                                             section_ids, role, language):
    login_as(role)
    for name in ("forum_home", "forum_draft"):
        args = () if name == "forum_home" else (review.pk,)
        english = client.get(url_in("en-gb", name, *args))
        translated = client.get(url_in(language, name, *args))
        assert _outcome(translated) == _outcome(english)
        if role == "anonymous":
            assert translated.status_code == 302
            # Sent to the sign-in page in the language they were reading, keeping next.
            assert translated["Location"].startswith(f"/{language}/sign-in/?next=")
            assert english["Location"].startswith("/sign-in/?next=")
            assert f"next=/{language}/forum/" in translated["Location"]
        elif role in ("forum_rep", "officer"):
            assert translated.status_code == 200
        else:  # a parent, a board member
            assert translated.status_code == 403
    response = _comment(client, language, review, section_ids[0], "<p>From afar.</p>")
    if role == "forum_rep":
        assert response.status_code == 302
        assert ForumComment.objects.count() == 1
    else:
        assert response.status_code in (302, 403)
        assert ForumComment.objects.count() == 0


def test_a_refusal_in_polish_or_arabic_is_in_that_language(client, review, login_as):
    login_as("board_member")
    for language in LANGUAGES:
        response = client.get(url_in(language, "forum_home"))
        assert response.status_code == 403
        assert f'<html lang="{language}"' in response.content.decode()


def _runs_marked_english(html: str) -> list[str]:
    """The text of every element marked ``lang="en"`` (its own text, to the next tag)."""
    return [m.group(1) for m in re.finditer(r'lang="en" dir="ltr"[^>]*>([^<]*)<', html)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_english_word_on_the_forum_is_marked_and_no_translated_label_is(
    client, review, login_as, forum_rep, section_ids, language
):
    """The changed-section list says "In short" in the reader's language, unmarked; the
    draft's own headings, the section drop-down's options, the calendar's name and a
    pre-filled English position are marked English; nothing English is left unmarked."""
    from charter import services
    from consultations.models import SchoolCalendar
    from tests.portal.test_no_unmarked_english import unmarked_english

    SchoolCalendar.objects.create(name="County schools")
    disagreement = services.disagreement_state(
        page=review.workflow_state.content_object, user=forum_rep, topic="Distance",
        forum_position="Two miles is too far for young children.")
    login_as("forum_rep")
    in_short = said(language, "In short")
    assert in_short != "In short"
    draft = client.get(url_in(language, "forum_draft", review.pk)).content.decode()
    assert f"<li>{in_short}</li>" in draft  # the changed sections: a label, unmarked
    assert in_short not in "".join(_runs_marked_english(draft))
    assert re.search(rf'<option value="{section_ids[0]}" {ENGLISH}>', draft)
    assert re.search(r'<option value="" selected>[^<]+</option>', draft)
    assert f'<span {ENGLISH}>County schools</span>' in draft
    assert unmarked_english(draft, language) == []
    page = client.get(url_in(language, "forum_disagreement", disagreement.pk)).content.decode()
    assert re.search(rf'<textarea [^>]*name="position"[^>]*{ENGLISH}>Two miles', page)
    assert unmarked_english(page, language) == []
    home = client.get(url_in(language, "forum_home")).content.decode()
    assert unmarked_english(home, language) == []


@pytest.mark.parametrize(("language", "month"), [("pl", "listopada"), ("en-gb", "November")])
def test_the_versions_to_compare_are_dated_as_the_reader_says_dates(client, tree, language,
                                                                    month):
    import time_machine

    from tests.factories import publish

    with time_machine.travel("2026-11-30 10:00"):
        draft = tree.policy.get_latest_revision_as_object()
        draft.in_short = "A second version."
        draft.change_note = "Second."
        publish(draft)
    with translation.override(language):
        url = tree.policy.get_url() + "versions/"
    if language == "pl":
        url = "/pl" + tree.policy.get_url() + "versions/"
    html = client.get(url).content.decode()
    assert f"2 (30 {month} 2026)</option>" in html
    assert "Lis 2026" not in html and "Nov 2026" not in html


POLISH_MONTHS = ("stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|"
                 "października|listopada|grudnia")
POLISH_SCHOOL_DAYS = "poniedziałek|wtorek|środa|czwartek|piątek"


def test_the_polish_forum_says_the_deadline_as_polish_running_text(client, review, login_as):
    login_as("forum_rep")
    for name, args in (("forum_home", ()), ("forum_draft", (review.pk,))):
        html = client.get(url_in("pl", name, *args)).content.decode()
        # The month in the genitive, the weekday in lower case after it: right after the
        # colon, as after "do" or "od".
        assert re.search(rf"Termin decyzji: {review.deadline.day} ({POLISH_MONTHS}) "
                         rf"{review.deadline.year} \(({POLISH_SCHOOL_DAYS})\)", html), name
        assert not re.search(r"Poniedziałek|Wtorek|Środa|Czwartek|Piątek", html)
        assert "Decyzja do:" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_section_name_in_the_readers_own_comment_is_marked_english(
        client, review, forum_rep, section_ids, language):
    from charter import services
    from tests.portal.test_no_unmarked_english import unmarked_english

    services.comment_submit(review=review, author=forum_rep, block_id=section_ids[1],
                            section_heading="Walking distances",
                            body="<p>Dwie mile to za daleko dla małych dzieci.</p>")
    client.force_login(forum_rep)
    draft = client.get(url_in(language, "forum_draft", review.pk)).content.decode()
    change = draft[draft.index(said(language, "Change your comment")):]
    change = change[:change.index("</a>")]
    assert f"<span {ENGLISH}>Walking distances</span>" in change
    assert unmarked_english(draft, language) == []
