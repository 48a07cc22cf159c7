"""The officers' coding screen: filters, search, bulk tagging, flags, suggestions confirmed
or rejected (and counting for nothing until then), suggested themes, progress, the evidence
log's summaries, and who may use any of it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from analysis import demo, selectors, services
from analysis.models import (
    Coding,
    CodingFrame,
    Flag,
    SuggestedCode,
    SuggestionRun,
    Theme,
    ThemeSuggestion,
)
from charter.models import EvidenceEntry
from consultations.models import ConsultationResponse
from tests.analysis.conftest import free_text_id

pytestmark = pytest.mark.usefixtures("term_day")
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member", "admin"]
ALLOWED = {"officer", "admin"}
ANSWERS = 60


@pytest.fixture
def responses(consultation, officer):
    """The first 60 demo answers as responses: online ones and paper, phone and e-mail ones
    keyed in by an officer; English, Polish and Arabic."""
    question = free_text_id(consultation)
    return ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=consultation, respondent_type=a.respondent_type,
                             channel=a.channel, reference=f"R{n:07d}",
                             entered_by=None if a.channel == "online" else officer,
                             answers={question: a.text})
        for n, a in enumerate(demo.answers()[:ANSWERS])])


def _url(frame, name="analysis_code", *args):
    return reverse(name, args=[frame.consultation_id, frame.question_id, *args])


def _theme(frame, code):
    return frame.themes.get(code=code)


def _refs(response):
    return [r.reference for r in response.context["rows"]]


def _coded(frame, code):
    return set(Coding.objects.filter(theme__frame=frame, theme__code=code, removed_at__isnull=True)
               .values_list("response__reference", flat=True))


def _coding_entries():
    """The coding sessions' summaries in the evidence log, once every open session is closed
    (the clock is frozen: each test's decisions make one session)."""
    services.coding_sessions_close()
    return [selectors.session_logged(e) for e in EvidenceEntry.objects.filter(
        kind=services.CODING_KIND)]


def _logged_actions():
    """action -> (decisions, answers) of the one session summed up."""
    [entry] = _coding_entries()
    return {a: (c["decisions"], c["answers"]) for a, c in entry["actions"].items()}


# --- filters and search -------------------------------------------------------------------


def test_the_list_filters_by_channel_language_respondent_and_theme(client, login_as, frame,
                                                                   responses):
    officer = login_as("officer")
    truth = demo.answers()[:ANSWERS]
    everything = client.get(_url(frame))
    assert everything.status_code == 200
    assert everything.context["page"].paginator.count == ANSWERS
    paper = client.get(_url(frame), {"channel": "paper"})
    assert _refs(paper) == [r.reference for r, a in zip(responses, truth, strict=True)
                            if a.channel == "paper"][:25]
    polish = client.get(_url(frame), {"language": "pl"})
    expected = [r.reference for r, a in zip(responses, truth, strict=True) if a.language == "pl"]
    assert expected and _refs(polish) == expected
    arabic = client.get(_url(frame), {"language": "ar"}).content.decode()
    assert 'lang="ar" dir="rtl"' in arabic
    schools = client.get(_url(frame), {"respondent_type": "school"})
    assert {r.respondent_type for r in schools.context["rows"]} <= {"school"}
    services.answers_code(frame=frame, responses=responses[:3], user=officer,
                          theme=_theme(frame, "cost-fairness"))
    assert _refs(client.get(_url(frame), {"theme": "cost-fairness"})) == [
        r.reference for r in responses[:3]]
    uncoded = client.get(_url(frame), {"theme": "uncoded"})
    assert uncoded.context["page"].paginator.count == ANSWERS - 3
    assert responses[0].reference not in _refs(uncoded)


def test_search_reads_words_as_search_does_in_each_language(client, login_as, frame,
                                                            responses):
    login_as("officer")
    truth = demo.answers()[:ANSWERS]
    found = client.get(_url(frame), {"q": "bridges"})
    assert _refs(found) == [r.reference for r, a in zip(responses, truth, strict=True)
                            if "bridge" in a.text.lower()]
    assert found.context["rows"]
    # An unknown filter value is read as "any", never an error.
    assert client.get(_url(frame), {"theme": "nonsense", "channel": "fax"}).status_code == 200


def test_the_list_pages_and_keeps_its_filters(client, login_as, frame, responses):
    login_as("officer")
    first = client.get(_url(frame), {"language": "en"})
    second = client.get(_url(frame), {"language": "en", "p": 2})
    assert set(_refs(first)).isdisjoint(_refs(second))
    assert "language=en&amp;p=2" in first.content.decode()


# --- coding one answer, bulk, keyboard ------------------------------------------------------


def test_ticking_an_answers_themes_without_javascript_saves_them_and_comes_back(
        client, login_as, frame, responses):
    login_as("officer")
    themes = [_theme(frame, "unsafe-route"), _theme(frame, "weather-dark")]
    back = _url(frame) + "?channel=paper"
    reply = client.post(_url(frame), {"action": "code", "answer": responses[1].pk,
                                      "theme": [t.pk for t in themes], "next": back})
    assert reply.status_code == 302 and reply["Location"] == back + f"#answer-{responses[1].pk}"
    assert _coded(frame, "unsafe-route") == {responses[1].reference}
    client.post(_url(frame), {"action": "code", "answer": responses[1].pk,
                              "theme": [themes[0].pk]})
    removed = Coding.objects.get(theme=themes[1])
    assert removed.removed_at and removed.removed_by.username == "officer"
    # A "next" leading anywhere else is not followed.
    elsewhere = client.post(_url(frame), {"action": "code", "answer": responses[1].pk,
                                          "theme": [themes[0].pk], "next": "https://evil.example/"})
    assert elsewhere["Location"].startswith(_url(frame))


def test_the_keyboard_toggle_answers_with_the_answer_redrawn(client, login_as, frame,
                                                             responses):
    login_as("officer")
    theme = _theme(frame, "child-needs")
    data = {"action": "toggle", "answer": responses[2].pk, "theme": theme.pk}
    on = client.post(_url(frame), data, headers={"Accept": "application/json"})
    assert on.status_code == 200
    body = on.json()
    assert body["ok"] and "added" in body["message"]
    assert f'value="{theme.pk}" data-theme="{theme.pk}" data-key="5" checked' in body["html"]
    assert _coded(frame, "child-needs") == {responses[2].reference}
    off = client.post(_url(frame), data, headers={"Accept": "application/json"}).json()
    assert "taken off" in off["message"] and not _coded(frame, "child-needs")


def test_bulk_tagging_adds_and_removes_a_theme_on_the_selected_answers(client, login_as,
                                                                       frame, responses):
    login_as("officer")
    theme = _theme(frame, "still-too-far")
    chosen = [r.pk for r in responses[:12]]
    client.post(_url(frame), {"action": "bulk", "theme": theme.pk, "selected": chosen,
                              "direction": "add"})
    assert _coded(frame, "still-too-far") == {r.reference for r in responses[:12]}
    page = client.get(_url(frame), follow=True).content.decode()
    assert "12 answers coded to ‘Still too far’" in page
    client.post(_url(frame), {"action": "bulk", "theme": theme.pk, "direction": "remove",
                              "selected": chosen[:3]})
    assert _coded(frame, "still-too-far") == {r.reference for r in responses[3:12]}
    assert Coding.objects.filter(theme=theme, removed_at__isnull=False).count() == 3
    # Nothing selected: told so, nothing changes.
    nothing = client.post(_url(frame), {"action": "bulk", "theme": theme.pk}, follow=True)
    assert "Select at least one answer first." in nothing.content.decode()


def test_a_coding_session_goes_in_the_evidence_log_as_one_summary_without_the_texts(
        client, login_as, frame, responses):
    login_as("officer")
    theme = _theme(frame, "still-too-far")
    client.post(_url(frame), {"action": "bulk", "theme": theme.pk, "direction": "add",
                              "selected": [r.pk for r in responses[:12]]})
    client.post(_url(frame), {"action": "bulk", "theme": theme.pk, "direction": "remove",
                              "selected": [r.pk for r in responses[:3]]})
    client.post(_url(frame), {"action": "flag", "answer": responses[5].pk,
                              "note": "Names a school."})
    assert not EvidenceEntry.objects.filter(kind=services.CODING_KIND).exists()  # one session
    [entry] = _coding_entries()
    assert entry["by"] == "officer" and entry["decisions"] == 3
    assert {a: (c["decisions"], c["answers"]) for a, c in entry["actions"].items()} == {
        "coded": (1, 12), "uncoded": (1, 3), "flagged": (1, 1)}
    assert entry["themes"] == {"still-too-far": {"name": "Still too far", "added": 12,
                                                 "removed": 3}}
    assert len(entry["decisions_sha256"]) == 64
    log = " ".join(e.payload_json for e in EvidenceEntry.objects.filter(kind=services.CODING_KIND))
    for response in responses:
        assert response.answers[frame.question_id][:30] not in log
    assert "Names a school" not in log


def test_a_theme_of_another_frame_or_an_answer_elsewhere_is_not_found(client, login_as,
                                                                      frame, responses,
                                                                      consultation):
    login_as("officer")
    other = CodingFrame.objects.create(consultation=consultation, question_id="elsewhere")
    stranger = Theme.objects.create(frame=other, code="x", name="X")
    assert client.post(_url(frame), {"action": "toggle", "answer": responses[0].pk,
                                     "theme": stranger.pk}).status_code == 404
    assert client.post(_url(frame), {"action": "toggle", "answer": 10**9,
                                     "theme": _theme(frame, "cost-fairness").pk}
                       ).status_code == 404
    assert not Coding.objects.exists()


# --- flags --------------------------------------------------------------------------------


def test_an_answer_is_flagged_for_the_forum_with_a_note_and_cleared_on_record(client, login_as,
                                                                              frame, responses):
    login_as("officer")
    client.post(_url(frame), {"action": "flag", "answer": responses[4].pk,
                              "note": "Mentions a named driver."})
    flag = Flag.objects.get()
    assert flag.note == "Mentions a named driver." and flag.flagged_by.username == "officer"
    flagged = client.get(_url(frame), {"theme": "flagged"})
    assert _refs(flagged) == [responses[4].reference]
    assert "Mentions a named driver." in flagged.content.decode()
    # What the forum's side reads (analysis.selectors.flags_open).
    assert [(o.flag.note, o.text) for o in selectors.flags_open(frame)] == [
        ("Mentions a named driver.", responses[4].answers[frame.question_id])]
    client.post(_url(frame), {"action": "unflag", "answer": responses[4].pk})
    flag.refresh_from_db()
    assert flag.cleared_at and flag.cleared_by.username == "officer"
    assert not _refs(client.get(_url(frame), {"theme": "flagged"}))


def test_a_refused_note_is_shown_again_with_the_words_typed(client, login_as, frame, responses):
    login_as("officer")
    long_note = "This answer needs the forum. " * 40
    reply = client.post(_url(frame), {"action": "flag", "answer": responses[4].pk,
                                      "note": long_note})
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "Keep the note to 1,000 characters." in html and long_note.strip()[:200] in html
    assert not Flag.objects.exists()


# --- suggested codes ----------------------------------------------------------------------


def test_a_suggestion_counts_for_nothing_until_confirmed_and_a_rejection_is_kept_out(
        client, login_as, frame, responses):
    login_as("officer")
    theme = _theme(frame, "cost-fairness")
    SuggestedCode.objects.bulk_create([
        SuggestedCode(response=r, question_id=frame.question_id, theme=theme, confidence=0.81,
                      method="tfidf") for r in responses[:2]])
    page = client.get(_url(frame), {"theme": "suggested"}).content.decode()
    assert "(81% confidence)" in page
    assert selectors.frame_table(frame, minimum=1).base.count == 0
    first, second = SuggestedCode.objects.order_by("response_id")
    client.post(_url(frame), {"action": "confirm", "answer": first.response_id,
                              "suggestion": first.pk})
    client.post(_url(frame), {"action": "reject", "answer": second.response_id,
                              "suggestion": second.pk})
    coding = Coding.objects.get()
    assert coding.response_id == first.response_id and coding.from_suggestion
    assert not SuggestedCode.objects.exists()
    counted = {row.theme: row.total.count for row in selectors.frame_table(frame, minimum=1).rows}
    assert counted["cost-fairness"] == 1
    assert _logged_actions() == {"coded": (1, 1), "suggestion_rejected": (1, 1)}


def test_the_suggest_button_runs_the_task_and_shows_its_progress(client, login_as, frame,
                                                                 responses,
                                                                 django_capture_on_commit_callbacks):
    officer = login_as("officer")
    truth = {a.text: a.themes for a in demo.answers()}
    for response in responses[:30]:
        services.answer_set_themes(frame=frame, answer=response, user=officer, themes=list(
            frame.themes.filter(code__in=truth[response.answers[frame.question_id]])))
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(_url(frame, "analysis_suggest"), {"kind": "codes"})
    run = SuggestionRun.objects.get()
    assert reply["Location"] == _url(frame, "analysis_run", run.pk)
    assert run.finished_at and run.made == SuggestedCode.objects.count() >= 30
    progress = client.get(_url(frame, "analysis_run", run.pk)).content.decode()
    assert f"Finished: {run.made} suggested codes made." in progress
    assert '<progress max="3" value="3"' in progress
    assert client.get(_url(frame, "analysis_run", run.pk), {"format": "json"}).json()[
        "status"] == "finished"
    # While working, the page says so and offers to check again (no JavaScript needed).
    SuggestionRun.objects.filter(pk=run.pk).update(finished_at=None, done=1)
    working = client.get(_url(frame, "analysis_run", run.pk)).content.decode()
    assert "Comparing the answers (step 2 of 3)." in working and "check again" in working


def test_a_run_that_fails_says_so_and_offers_to_start_again(client, login_as, frame, responses,
                                                            django_capture_on_commit_callbacks,
                                                            monkeypatch):
    login_as("officer")

    def broken(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr("analysis.suggest.suggest_themes", broken)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(frame, "analysis_suggest"), {"kind": "themes"})
    run = SuggestionRun.objects.get()
    page = client.get(_url(frame, "analysis_run", run.pk)).content.decode()
    assert "could not be made (MemoryError)" in page and "Start again" in page


# --- suggested themes ---------------------------------------------------------------------


@pytest.fixture
def grouped(client, login_as, consultation, officer, responses,
            django_capture_on_commit_callbacks):
    """An empty frame, and suggested themes from its uncoded answers."""
    frame = services.frame_start(consultation=consultation, user=officer,
                                 question_id=free_text_id(consultation))
    login_as("officer")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(frame, "analysis_suggest"), {"kind": "themes"})
    return frame


def test_suggested_themes_show_three_quotes_and_are_accepted_renamed_merged_or_ignored(
        client, grouped, responses):
    frame = grouped
    waiting = list(ThemeSuggestion.objects.filter(frame=frame))
    assert len(waiting) >= 3
    page = client.get(_url(frame, "analysis_themes")).content.decode()
    first = waiting[0]
    quote = responses[0].answers[frame.question_id]
    texts = {r.pk: r.answers[frame.question_id] for r in responses}
    assert len(first.quote_ids) == 3
    for pk in first.quote_ids:
        assert texts[pk][:40] in page or texts[pk].split()[0] in page
    assert quote  # the answers exist
    client.post(_url(frame, "analysis_themes"), {"action": "accept", "suggestion": first.pk,
                                                 "name": "Dark winter mornings"})
    theme = Theme.objects.get(frame=frame)
    # Its code carries no words (a first name may be a person's): "t" and a number.
    assert theme.name == "Dark winter mornings" and theme.code == "t1"
    client.post(_url(frame, "analysis_themes"), {"action": "merge", "suggestion": waiting[1].pk,
                                                 "theme": theme.pk})
    client.post(_url(frame, "analysis_themes"), {"action": "ignore",
                                                 "suggestion": waiting[2].pk})
    statuses = dict(ThemeSuggestion.objects.values_list("pk", "status"))
    assert [statuses[s.pk] for s in waiting[:3]] == ["accepted", "merged", "ignored"]
    # None of this coded an answer.
    assert not Coding.objects.exists()
    assert set(_logged_actions()) == {
        "theme_added", "suggested_theme_merged", "suggested_theme_ignored"}
    # A name the frame already has is refused, with the words typed kept.
    again = client.post(_url(frame, "analysis_themes"), {"action": "accept",
                                                         "suggestion": waiting[3].pk,
                                                         "name": "dark winter mornings",
                                                         "description": "My words."})
    assert again.status_code == 400
    assert "already has a theme called" in again.content.decode()
    assert "My words." in again.content.decode()


def test_a_theme_is_added_by_hand(client, login_as, frame):
    login_as("officer")
    client.post(_url(frame, "analysis_themes"), {"action": "add", "name": "Bus drivers",
                                                 "description": "About the drivers."})
    theme = frame.themes.get(name="Bus drivers")
    assert theme.sort_order == 10 and theme.description == "About the drivers."


# --- the list of questions ----------------------------------------------------------------


def test_the_list_shows_each_written_question_and_starts_a_frame(client, login_as,
                                                                 consultation, responses):
    login_as("officer")
    page = client.get(reverse("analysis_index")).content.decode()
    assert "Anything else?" in page and "Not started" in page and f"{ANSWERS} answers" in page
    reply = client.post(reverse("analysis_index"), {"consultation": consultation.pk,
                                                    "question": free_text_id(consultation)})
    frame = CodingFrame.objects.get()
    assert reply["Location"] == _url(frame, "analysis_themes")
    assert f"0 of {ANSWERS}" in client.get(reverse("analysis_index")).content.decode()
    # Only a written question gets a frame.
    client.post(reverse("analysis_index"), {"consultation": consultation.pk,
                                            "question": consultation.questions[0].id})
    assert CodingFrame.objects.count() == 1


# --- query counts --------------------------------------------------------------------------


def test_the_coding_screen_takes_a_fixed_number_of_queries(client, login_as, frame, responses,
                                                           django_assert_max_num_queries):
    officer = login_as("officer")
    theme = _theme(frame, "unsafe-route")
    services.answers_code(frame=frame, responses=responses[:20], theme=theme, user=officer)
    SuggestedCode.objects.bulk_create([
        SuggestedCode(response=r, question_id=frame.question_id, theme=theme, confidence=0.6,
                      method="tfidf") for r in responses[20:40]])
    for r in responses[40:45]:
        services.flag_set(frame=frame, answer=r, user=officer)
    client.get(_url(frame))  # warm the session and the admin's own caches
    with django_assert_max_num_queries(22) as few:
        client.get(_url(frame))
    first = len(few.captured_queries)
    # 16 for the consultations' questions, and at most 5 for the surveys' comments.
    with django_assert_max_num_queries(21) as few:
        client.get(reverse("analysis_index"))
    listing = len(few.captured_queries)
    ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=frame.consultation, respondent_type="parent",
                             reference=f"S{n:07d}", answers={frame.question_id: f"More {n}"})
        for n in range(60)])
    with django_assert_max_num_queries(first):
        client.get(_url(frame), {"theme": "suggested"})
    with django_assert_max_num_queries(listing):
        client.get(reverse("analysis_index"))


# --- who may --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["index", "code", "themes", "run"])
def test_who_can_open_each_coding_page(client, login_as, frame, responses, officer, role, name):
    run = services.run_start(frame=frame, kind="codes", user=officer)
    url = {"index": reverse("analysis_index"), "code": _url(frame),
           "themes": _url(frame, "analysis_themes"), "run": _url(frame, "analysis_run", run.pk)}
    login_as(role)
    response = client.get(url[name])
    if role in ALLOWED:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/" in response["Location"] \
            or "sign-in" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_can_code_flag_or_ask_for_suggestions(client, login_as, frame, responses,
                                                            role):
    login_as(role)
    theme = _theme(frame, "unsafe-route")
    client.post(_url(frame), {"action": "bulk", "theme": theme.pk, "direction": "add",
                              "selected": [responses[0].pk]})
    client.post(_url(frame), {"action": "flag", "answer": responses[0].pk})
    client.post(_url(frame, "analysis_suggest"), {"kind": "codes"})
    client.post(_url(frame, "analysis_themes"), {"action": "add", "name": "New"})
    allowed = role in ALLOWED
    assert Coding.objects.exists() == allowed
    assert Flag.objects.exists() == allowed
    assert SuggestionRun.objects.exists() == allowed
    assert frame.themes.filter(name="New").exists() == allowed


def test_the_services_refuse_anyone_but_an_officer(frame, responses, forum_rep, board_member):
    for user in (forum_rep, board_member):
        with pytest.raises(PermissionDenied):
            services.answers_code(frame=frame, responses=responses[:1], user=user,
                                  theme=_theme(frame, "unsafe-route"))
        with pytest.raises(PermissionDenied):
            services.flag_set(frame=frame, answer=responses[0], user=user)
