"""The survey comments' coding screen: the consultation's screen, given a survey's comments.
Filters (theme, uncoded, audience, question, language, flagged, with suggestions), search,
paging, the keyboard's posts, bulk tagging, flags the forum sees, suggestions that count for
nothing until confirmed, suggested themes, and who may use any of it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from analysis import demo, selectors, services, writeup_services
from analysis.models import (
    Coding,
    CodingFrame,
    Flag,
    SuggestedCode,
    SuggestionRun,
    Theme,
    ThemeSuggestion,
)
from analysis.suggest import SuggestedTheme
from surveys import scales
from surveys import services as survey_services
from surveys.models import SurveyComment, SurveyPlacement, SurveyQuestion, SurveyResponse
from tests.surveys.conftest import question_ids, survey, survey_index  # noqa: F401

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member", "admin"]
ALLOWED = {"officer", "admin"}
AUDIENCES = ["parents", "parents", "young_people", "schools", "operators"]
COMMENTS = 60


def _make_comments(survey, question_id, texts, start=0):  # noqa: F811 - the survey fixture
    """One response per comment, its audience and page language taken in turn."""
    responses = SurveyResponse.objects.bulk_create([
        SurveyResponse(survey=survey, audience=AUDIENCES[(start + n) % len(AUDIENCES)],
                       submitted_on=survey.opens.date()) for n in range(len(texts))])
    return SurveyComment.objects.bulk_create([
        SurveyComment(response=r, survey=survey, question_id=question_id, text=text,
                      language=language)
        for r, (text, language) in zip(responses, texts, strict=True)])


@pytest.fixture
def comments(survey):  # noqa: F811
    """Sixty comments in English, Polish and Arabic (the demo set's words), from parents,
    young people, schools and transport operators, listed in the screen's order."""
    question = question_ids(survey)["One thing to improve"]
    made = _make_comments(survey, question, [(a.text, a.language)
                                             for a in demo.answers()[:COMMENTS]])
    return sorted(made, key=lambda c: c.pk)


@pytest.fixture
def frame(survey, officer, comments):  # noqa: F811
    """The survey question's frame, with the demo survey frame's ten themes."""
    frame = services.survey_frame_start(
        survey=survey, question_id=str(question_ids(survey)["One thing to improve"]),
        user=officer)
    Theme.objects.bulk_create([Theme(frame=frame, code=t.code, name=t.name, sort_order=i)
                               for i, t in enumerate(demo.survey_frame())])
    return frame


def _url(frame, name="code", *args):
    return reverse(f"analysis_survey_{name}", args=[frame.survey_id, frame.question_id, *args])


def _keys(response):
    return [r.pk for r in response.context["rows"]]


def _theme(frame, code):
    return frame.themes.get(code=code)


def _coded(frame, code):
    return set(Coding.objects.filter(theme__frame=frame, theme__code=code,
                                     removed_at__isnull=True).values_list("comment_id", flat=True))


# --- one implementation -----------------------------------------------------------------


def test_the_survey_screen_is_the_consultation_screen_given_comments(client, login_as, frame):
    login_as("officer")
    page = client.get(_url(frame))
    assert page.status_code == 200
    assert [t.name for t in page.templates][:2] == ["analysis/coding.html",
                                                    "wagtailadmin/base.html"]
    html = page.content.decode()
    assert "Coding written comments" in html and f"0 of {COMMENTS} comments coded" in html
    # The same keys and the same help as the consultation's screen.
    for words in ("<kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous comment",
                  "add or take off the theme with that number on the comment you are on",
                  "select or unselect the comment, for the bulk actions",
                  "confirm the comment's most confident suggestion"):
        assert words in html
    assert 'src="/static/analysis/coding.js"' in html
    # A survey keeps no channel, so none is offered.
    assert "channel" not in page.context["form"].fields


def test_the_list_of_written_questions_leads_to_the_comments_screens(client, login_as, frame):
    login_as("officer")
    index = client.get(reverse("analysis_index")).content.decode()
    assert f'href="{_url(frame)}"' in index and f'href="{_url(frame, "themes")}"' in index
    assert f"0 of {COMMENTS}" in index


# --- filters, search, paging --------------------------------------------------------------


def test_the_list_filters_by_audience_language_and_theme(client, login_as, frame, comments):
    officer = login_as("officer")
    schools = client.get(_url(frame), {"respondent_type": "schools"})
    assert _keys(schools) == [c.pk for c in comments if c.response.audience == "schools"]
    assert "Schools and colleges" in schools.content.decode()
    polish = client.get(_url(frame), {"language": "pl"})
    assert _keys(polish) == [c.pk for c in comments if c.language == "pl"] != []
    arabic = client.get(_url(frame), {"language": "ar"}).content.decode()
    assert 'lang="ar" dir="rtl"' in arabic
    services.comments_code(frame=frame, comments=comments[:3], user=officer,
                           theme=_theme(frame, "same-staff"))
    assert _keys(client.get(_url(frame), {"theme": "same-staff"})) == [
        c.pk for c in comments[:3]]
    uncoded = client.get(_url(frame), {"theme": "uncoded"})
    assert uncoded.context["page"].paginator.count == COMMENTS - 3
    assert comments[0].pk not in _keys(uncoded)
    # An unknown value is read as "any", never an error.
    assert client.get(_url(frame), {"theme": "nonsense", "language": "xx",
                                    "per_page": "7"}).status_code == 200


def test_search_reads_words_in_each_language(client, login_as, frame, comments):
    login_as("officer")
    found = client.get(_url(frame), {"q": "bridges"})
    assert _keys(found) == [c.pk for c in comments if "bridge" in c.text.lower()] != []


def test_the_list_pages_at_the_size_chosen_and_keeps_its_filters(client, login_as, frame):
    login_as("officer")
    first = client.get(_url(frame), {"language": "en"})
    assert len(first.context["rows"]) == 25
    second = client.get(_url(frame), {"language": "en", "p": 2})
    assert set(_keys(first)).isdisjoint(_keys(second))
    assert "?language=en&amp;p=2" in first.content.decode()
    fifty = client.get(_url(frame), {"per_page": 50})
    assert len(fifty.context["rows"]) == 50
    assert "per_page=50&amp;p=2" in fifty.content.decode()


def test_the_question_filter_opens_another_question_of_the_survey(client, login_as, frame,
                                                                  survey, officer):  # noqa: F811
    other = SurveyQuestion.objects.create(kind=scales.FREE_TEXT, short_name="Anything else",
                                          wording="Is there anything else?")
    SurveyPlacement.objects.create(page=survey, question=other, step=3, sort_order=20)
    _make_comments(survey, other.pk, [("The escort was brilliant.", "en")])
    second = services.survey_frame_start(survey=survey, question_id=str(other.pk),
                                         user=officer)
    login_as("officer")
    page = client.get(_url(frame))
    asked = SurveyQuestion.objects.get(pk=frame.question_id).wording
    assert page.context["form"].fields["question"].choices == [
        (frame.question_id, asked), (second.question_id, "Is there anything else?")]
    assert page.context["form"]["question"].value() == frame.question_id
    moved = client.get(_url(frame), {"question": second.question_id, "language": "en",
                                     "theme": "same-staff"})
    assert moved.status_code == 302
    assert moved["Location"] == _url(second) + "?language=en"
    there = client.get(moved["Location"])
    assert [r.text for r in there.context["rows"]] == ["The escort was brilliant."]
    assert there.context["form"]["question"].value() == second.question_id


# --- the keyboard's posts, a comment's themes, bulk tagging ---------------------------------


def test_the_keyboard_toggle_answers_with_the_comment_redrawn(client, login_as, frame,
                                                              comments):
    login_as("officer")
    theme = _theme(frame, "safe-calm-journey")  # the fifth theme: key 5
    data = {"action": "toggle", "answer": str(comments[2].pk), "theme": theme.pk}
    on = client.post(_url(frame), data, headers={"Accept": "application/json"})
    assert on.status_code == 200
    body = on.json()
    assert body["ok"] and body["message"] == (
        f"Comment {str(comments[2].pk)[:8]}: ‘A safe, calm journey’ added.")
    assert f'value="{theme.pk}" data-theme="{theme.pk}" data-key="5" checked' in body["html"]
    assert f'id="answer-{comments[2].pk}"' in body["html"]
    assert _coded(frame, "safe-calm-journey") == {comments[2].pk}
    off = client.post(_url(frame), data, headers={"Accept": "application/json"}).json()
    assert "taken off" in off["message"] and not _coded(frame, "safe-calm-journey")


def test_ticking_a_comments_themes_without_javascript_saves_them_and_comes_back(
        client, login_as, frame, comments):
    login_as("officer")
    chosen = [_theme(frame, "long-journey"), _theme(frame, "fits-the-family")]
    back = _url(frame) + "?language=pl"
    reply = client.post(_url(frame), {"action": "code", "answer": str(comments[1].pk),
                                      "theme": [t.pk for t in chosen], "next": back})
    assert reply.status_code == 302
    assert reply["Location"] == back + f"#answer-{comments[1].pk}"
    assert _coded(frame, "long-journey") == _coded(frame, "fits-the-family") == {comments[1].pk}
    elsewhere = client.post(_url(frame), {"action": "code", "answer": str(comments[1].pk),
                                          "theme": [chosen[0].pk],
                                          "next": "https://evil.example/"})
    assert elsewhere["Location"].startswith(_url(frame))
    assert Coding.objects.get(theme=chosen[1]).removed_by.username == "officer"


def test_bulk_tagging_adds_and_takes_off_a_theme_on_the_selected_comments(client, login_as,
                                                                          frame, comments):
    login_as("officer")
    theme = _theme(frame, "told-in-time")
    chosen = [str(c.pk) for c in comments[:12]]
    done = client.post(_url(frame), {"action": "bulk", "theme": theme.pk, "selected": chosen,
                                     "direction": "add"}, follow=True)
    assert "12 comments coded to ‘Told about changes in time’." in done.content.decode()
    assert _coded(frame, "told-in-time") == {c.pk for c in comments[:12]}
    assert "12 of 60 comments coded" in done.content.decode()
    off = client.post(_url(frame), {"action": "bulk", "theme": theme.pk, "direction": "remove",
                                    "selected": chosen[:3]}, follow=True)
    assert "3 comments had ‘Told about changes in time’ taken off." in off.content.decode()
    assert _coded(frame, "told-in-time") == {c.pk for c in comments[3:12]}
    nothing = client.post(_url(frame), {"action": "bulk", "theme": theme.pk,
                                        "selected": ["not-a-key"]}, follow=True)
    assert "Select at least one comment first." in nothing.content.decode()


def test_a_comment_of_another_question_or_a_theme_of_another_frame_is_not_found(
        client, login_as, frame, comments, survey):  # noqa: F811
    login_as("officer")
    [stranger] = _make_comments(survey, question_ids(survey)["Drivers and assistants"],
                                [("Another question's words.", "en")])
    assert client.post(_url(frame), {"action": "toggle", "answer": str(stranger.pk),
                                     "theme": _theme(frame, "kind-staff").pk}
                       ).status_code == 404
    other = CodingFrame.objects.create(survey=survey, question_id="elsewhere")
    stranger_theme = Theme.objects.create(frame=other, code="x", name="X")
    assert client.post(_url(frame), {"action": "toggle", "answer": str(comments[0].pk),
                                     "theme": stranger_theme.pk}).status_code == 404
    assert not Coding.objects.exists()


# --- flags ----------------------------------------------------------------------------------


def test_a_flagged_comment_is_seen_by_the_forum_and_cleared_on_record(client, login_as, frame,
                                                                      comments, forum_rep):
    officer = login_as("officer")
    arabic = next(c for c in comments if c.language == "ar")
    client.post(_url(frame), {"action": "flag", "answer": str(arabic.pk),
                              "note": "Asks for a call back."})
    flag = Flag.objects.get()
    assert flag.comment_id == arabic.pk and flag.response_id is None
    flagged = client.get(_url(frame), {"theme": "flagged"})
    assert _keys(flagged) == [arabic.pk]
    assert "Asks for a call back." in flagged.content.decode()
    assert "1 flagged for the forum" in flagged.content.decode()
    assert [(o.flag.note, o.text, o.dir) for o in selectors.flags_open(frame)] == [
        ("Asks for a call back.", arabic.text, "rtl")]

    # The forum sees it where it sees the frame, in its own language too: in the words
    # approved for the public (bk15i, F7), a plain notice until then.
    writeup_services.frame_send(frame=frame, user=officer)
    client.force_login(forum_rep)
    forum = client.get(reverse("analysis_frame", args=[frame.pk])).content.decode()
    if arabic.moderation == SurveyComment.Moderation.PENDING:
        assert "waiting for an officer to approve it" in forum
        assert arabic.text[:20] not in forum
        survey_services.comment_moderate(comment=arabic, user=officer,
                                         decision=SurveyComment.Moderation.APPROVED)
        forum = client.get(reverse("analysis_frame", args=[frame.pk])).content.decode()
    assert "Put before the forum" in forum and "Asks for a call back." in forum
    assert f'lang="ar" dir="rtl">{arabic.text[:20]}' in forum
    with translation.override("pl"):
        polish_url = reverse("analysis_frame", args=[frame.pk])
    assert "Do uwagi forum" in client.get(polish_url).content.decode()

    client.force_login(officer)
    client.post(_url(frame), {"action": "unflag", "answer": str(arabic.pk)})
    flag.refresh_from_db()
    assert flag.cleared_at and flag.cleared_by == officer
    client.force_login(forum_rep)
    assert "Put before the forum" not in client.get(
        reverse("analysis_frame", args=[frame.pk])).content.decode()


def test_a_refused_note_comes_back_with_the_words_typed(client, login_as, frame, comments):
    login_as("officer")
    long_note = "This comment needs the forum. " * 40
    reply = client.post(_url(frame), {"action": "flag", "answer": str(comments[4].pk),
                                      "note": long_note})
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "Keep the note to 1,000 characters." in html and long_note.strip()[:200] in html
    assert not Flag.objects.exists()


# --- suggestions ----------------------------------------------------------------------------


def test_a_suggestion_counts_for_nothing_until_confirmed(client, login_as, frame, comments):
    login_as("officer")
    theme = _theme(frame, "reaching-the-office")
    SuggestedCode.objects.bulk_create([
        SuggestedCode(comment=c, question_id=frame.question_id, theme=theme, confidence=0.73,
                      method="tfidf") for c in comments[:2]])
    page = client.get(_url(frame), {"theme": "suggested"})
    assert _keys(page) == [c.pk for c in comments[:2]]
    html = page.content.decode()
    assert "Reaching the transport office <span class=\"coding-answer__confidence\">(73% " \
           "confidence)</span>" in html
    assert "Confirm ‘Reaching the transport office’" in html
    assert "2 uncoded with suggestions" in html
    # Waiting suggestions are neither codes nor counted.
    assert not Coding.objects.exists()
    assert selectors.frame_table(frame, minimum=1).base.count == 0
    assert "0 of 60 comments coded" in html
    first, second = SuggestedCode.objects.order_by("comment_id")
    confirmed = client.post(_url(frame), {"action": "confirm", "answer": str(first.comment_id),
                                          "suggestion": first.pk},
                            headers={"Accept": "application/json"}).json()
    assert confirmed["message"].endswith("suggestion ‘Reaching the transport office’ confirmed.")
    client.post(_url(frame), {"action": "reject", "answer": str(second.comment_id),
                              "suggestion": second.pk})
    coding = Coding.objects.get()
    assert coding.comment_id == first.comment_id and coding.from_suggestion
    assert not SuggestedCode.objects.exists()
    counted = {r.theme: r.total.count for r in selectors.frame_table(frame, minimum=1).rows}
    assert counted["reaching-the-office"] == 1


def test_the_suggest_button_suggests_codes_for_the_uncoded_comments(
        client, login_as, frame, comments, django_capture_on_commit_callbacks):
    officer = login_as("officer")
    for theme, chosen in (("late-nobody-rang", comments[:15]), ("same-staff", comments[15:30])):
        services.comments_code(frame=frame, comments=chosen, theme=_theme(frame, theme),
                               user=officer)
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(_url(frame, "suggest"), {"kind": "codes"})
    run = SuggestionRun.objects.get()
    assert reply["Location"] == _url(frame, "run", run.pk)
    assert run.finished_at and run.made == SuggestedCode.objects.count() > 0
    assert set(SuggestedCode.objects.values_list("comment_id", flat=True)) <= {
        c.pk for c in comments[30:]}
    progress = client.get(_url(frame, "run", run.pk)).content.decode()
    assert f"Finished: {run.made} suggested codes made." in progress
    assert f'href="{_url(frame)}?theme=suggested">See the comments with suggestions' in progress
    assert client.get(_url(frame, "run", run.pk), {"format": "json"}).json()["status"] == \
        "finished"


def test_suggested_themes_from_comments_show_their_quotes(client, login_as, frame, comments):
    login_as("officer")
    keys = [c.pk for c in comments[:5]]
    services.store_theme_suggestions(frame=frame, method="tfidf", groups=[
        SuggestedTheme("driver, late, morning", ("driver", "late", "morning"), tuple(keys),
                       tuple(keys[:3]), "en")])
    suggestion = ThemeSuggestion.objects.get()
    assert suggestion.quote_ids == [str(k) for k in keys[:3]]
    page = client.get(_url(frame, "themes")).content.decode()
    for comment in comments[:3]:
        assert escape(comment.text)[:30] in page
    assert "(5 comments)" in page
    client.post(_url(frame, "themes"), {"action": "accept", "suggestion": suggestion.pk,
                                        "name": "Drivers late in the morning"})
    assert frame.themes.filter(name="Drivers late in the morning").exists()
    assert not Coding.objects.exists()


def test_merging_a_survey_theme_moves_its_comments_codes_once(client, login_as, frame,
                                                              comments):
    officer = login_as("officer")
    late, told = _theme(frame, "late-nobody-rang"), _theme(frame, "told-in-time")
    services.comments_code(frame=frame, comments=comments[:4], theme=late, user=officer)
    services.comments_code(frame=frame, comments=comments[2:6], theme=told, user=officer)
    done = client.post(_url(frame, "themes"), {"action": "merge_theme", "from_theme": late.pk,
                                               "theme": told.pk}, follow=True)
    assert "2 comment(s) moved to it." in done.content.decode()
    assert _coded(frame, "told-in-time") == {c.pk for c in comments[:6]}
    assert Coding.objects.filter(theme=told, removed_at__isnull=True).count() == 6


# --- query counts ---------------------------------------------------------------------------


def test_a_page_of_fifty_comments_takes_a_fixed_number_of_queries(
        client, login_as, frame, comments, survey, django_assert_max_num_queries):  # noqa: F811
    officer = login_as("officer")
    services.comments_code(frame=frame, comments=comments[:20], user=officer,
                           theme=_theme(frame, "kind-staff"))
    SuggestedCode.objects.bulk_create([
        SuggestedCode(comment=c, question_id=frame.question_id, confidence=0.6, method="tfidf",
                      theme=_theme(frame, "long-journey")) for c in comments[20:40]])
    for c in comments[40:45]:
        services.flag_set(frame=frame, answer=c, user=officer)
    client.get(_url(frame))  # warm the session and the admin's own caches
    with django_assert_max_num_queries(21) as few:
        page = client.get(_url(frame), {"per_page": 50})
    assert len(page.context["rows"]) == 50
    first = len(few.captured_queries)
    _make_comments(survey, frame.question_id,
                   [(f"More about the minibus {n}", "en") for n in range(60)], start=1)
    with django_assert_max_num_queries(first):
        more = client.get(_url(frame), {"per_page": 50, "p": 2})
    assert len(more.context["rows"]) == 50
    with django_assert_max_num_queries(first):
        client.get(_url(frame), {"per_page": 50, "theme": "suggested", "q": "minibus"})
    # One comment redrawn after a key press: a fixed few, whatever the number of comments.
    kind = _theme(frame, "kind-staff")
    with django_assert_max_num_queries(20):
        client.post(_url(frame), {"action": "toggle", "answer": str(comments[50].pk),
                                  "theme": kind.pk}, headers={"Accept": "application/json"})


# --- who may --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["code", "themes", "run"])
def test_who_can_open_the_survey_coding_pages(client, login_as, frame, officer, role, name):
    run = services.run_start(frame=frame, kind="codes", user=officer)
    login_as(role)
    response = client.get(_url(frame, name, *([run.pk] if name == "run" else [])))
    if role in ALLOWED:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/" in response["Location"] \
            or "sign-in" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_code_flag_or_ask_for_suggestions_on_comments(client, login_as, frame,
                                                                    comments, role):
    login_as(role)
    theme = _theme(frame, "kind-staff")
    key = str(comments[0].pk)
    client.post(_url(frame), {"action": "bulk", "theme": theme.pk, "direction": "add",
                              "selected": [key]})
    client.post(_url(frame), {"action": "toggle", "answer": key,
                              "theme": _theme(frame, "same-staff").pk},
                headers={"Accept": "application/json"})
    client.post(_url(frame), {"action": "flag", "answer": key})
    client.post(_url(frame, "suggest"), {"kind": "codes"})
    client.post(_url(frame, "themes"), {"action": "add", "name": "New"})
    allowed = role in ALLOWED
    assert Coding.objects.filter(theme=theme).exists() == allowed
    assert Coding.objects.filter(theme__code="same-staff").exists() == allowed
    assert Flag.objects.exists() == allowed
    assert SuggestionRun.objects.exists() == allowed
    assert frame.themes.filter(name="New").exists() == allowed
