"""Answering the annual survey, no log-in: page by page, nothing typed is lost, a code
answers once, and the final form sent twice stores one response."""

import logging

import pytest

from surveys.models import (
    SurveyAnswer,
    SurveyComment,
    SurveyInvitation,
    SurveyResponse,
    SurveyUsedCode,
)
from tests.css import classes_around_input, hiding_classes
from tests.surveys.conftest import make_survey, question_ids

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]


def _url(survey, tail=""):
    return f"{survey.url}respond/{tail}"


def _start(client, survey, audience="parents", code="", **extra):
    return client.post(_url(survey), {"audience": audience, "code": code, **extra})


def _pages(survey, **overrides):
    """What a parent ticks on each page, by page number; overrides replace a field."""
    q = question_ids(survey)
    pages = {
        1: {f"q_{q['Overall satisfaction']}": "4", f"q_{q['Drivers and assistants']}": "5"},
        2: {f"q_{q['Feels safe']}": "1",
            f"q_{q['Kind of travel help']}": ["Bus pass", "Passenger assistant"]},
        3: {f"q_{q['Equal partner']}": "2",
            f"q_{q['One thing to improve']}": "Tell us sooner when the driver changes."},
    }
    for name, value in overrides.items():
        for fields in pages.values():
            if name in fields:
                fields[name] = value
    return pages


def _answer_every_page(client, survey, **overrides):
    for number, fields in _pages(survey, **overrides).items():
        response = client.post(_url(survey, f"{number}/"), fields)
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


def _complete(client, survey, code="", **overrides):
    assert _start(client, survey, code=code).status_code == 302
    _answer_every_page(client, survey, **overrides)
    return client.post(_url(survey, "check/"))


def _used(invitation) -> bool:
    return SurveyUsedCode.objects.filter(code_hash=invitation.code_hash).exists()


def _use(invitation) -> None:
    SurveyUsedCode.objects.create(code_hash=invitation.code_hash, survey_id=invitation.survey_id)


def _kept(client, survey) -> dict:
    return client.session.get(f"survey:{survey.pk}", {})


# --- the whole journey ----------------------------------------------------------------


def test_a_parent_answers_page_by_page_and_checks_the_answers_before_sending(client, survey):
    start = client.get(_url(survey))
    assert start.status_code == 200
    assert "Before you start" in start.content.decode()
    response = _start(client, survey)
    assert response.status_code == 302 and response["Location"] == _url(survey, "1/")

    first = client.get(_url(survey, "1/")).content.decode()
    assert "Page 1 of 3" in first
    assert '<progress class="portal-progress" max="3" value="1"' in first
    assert f'href="{_url(survey)}"' in first  # back to the start
    assert "Very satisfied" in first and "Very dissatisfied" in first

    pages = _pages(survey)
    assert client.post(_url(survey, "1/"), pages[1])["Location"] == _url(survey, "2/")
    second = client.get(_url(survey, "2/")).content.decode()
    assert "Page 2 of 3" in second and f'href="{_url(survey, "1/")}"' in second
    # Going back shows what was ticked before.
    q = question_ids(survey)
    again = client.get(_url(survey, "1/")).content.decode()
    assert f'name="q_{q["Overall satisfaction"]}" id="id_q_{q["Overall satisfaction"]}_1" ' \
           f'value="4" checked' in again

    assert client.post(_url(survey, "2/"), pages[2])["Location"] == _url(survey, "3/")
    assert client.post(_url(survey, "3/"), pages[3])["Location"] == _url(survey, "check/")
    check = client.get(_url(survey, "check/")).content.decode()
    for shown in ("Check your answers before you send them", "Parents and carers", "Satisfied",
                  "Very satisfied", "Yes", "Bus pass, Passenger assistant", "Disagree",
                  "Tell us sooner when the driver changes."):
        assert shown in check
    assert not SurveyResponse.objects.exists()  # nothing stored before the check page is sent

    sent = client.post(_url(survey, "check/"))
    assert sent.status_code == 302 and sent["Location"] == _url(survey, "thank-you/")
    stored = SurveyResponse.objects.get()
    assert stored.audience == "parents" and stored.survey_id == survey.pk
    values = {(a.question_id, a.value_int, a.value_text) for a in stored.answers.all()}
    assert values == {
        (q["Overall satisfaction"], 4, ""), (q["Drivers and assistants"], 5, ""),
        (q["Feels safe"], 1, ""), (q["Kind of travel help"], None, "Bus pass"),
        (q["Kind of travel help"], None, "Passenger assistant"), (q["Equal partner"], 2, "")}
    assert stored.comments.get().text == "Tell us sooner when the driver changes."

    thanks = client.get(sent["Location"]).content.decode()
    assert "Answers sent" in thanks and "Your answers are anonymous" in thanks
    assert "once the forum agrees them" in thanks
    assert "answers" not in _kept(client, survey)  # the session keeps no answers now


def test_changing_an_answer_from_the_check_page_goes_back_to_the_check_page(client, survey):
    _start(client, survey)
    _answer_every_page(client, survey)
    q = question_ids(survey)
    check = client.get(_url(survey, "check/")).content.decode()
    change = _url(survey, "2/") + f"?return=check#group-q_{q['Feels safe']}"
    assert f'href="{change}"' in check
    page = client.get(_url(survey, "2/?return=check")).content.decode()
    assert '<input type="hidden" name="return" value="check">' in page
    assert "Save and go back to check your answers" in page
    response = client.post(_url(survey, "2/"), {**_pages(survey)[2], f"q_{q['Feels safe']}": "0",
                                                "return": "check"})
    assert response["Location"] == _url(survey, "check/")
    check = client.get(_url(survey, "check/")).content.decode()
    assert "<dd class=\"govuk-summary-list__value\">No</dd>" in check
    assert "Tell us sooner when the driver changes." in check  # the other pages are kept


def test_who_you_answer_as_can_be_changed_without_losing_the_answers(client, survey):
    _start(client, survey)
    _answer_every_page(client, survey)
    response = _start(client, survey, audience="schools", **{"return": "check"})
    assert response["Location"] == _url(survey, "check/")
    check = client.get(_url(survey, "check/")).content.decode()
    assert "Schools and colleges" in check and "Tell us sooner" in check
    client.post(_url(survey, "check/"))
    assert SurveyResponse.objects.get().audience == "schools"


# --- bad input: a clear message, and nothing typed is lost ------------------------------


def test_a_skipped_required_question_is_refused_and_the_other_answers_are_kept(client, survey):
    _start(client, survey)
    q = question_ids(survey)
    response = client.post(_url(survey, "1/"), {f"q_{q['Drivers and assistants']}": "2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_q_{q["Overall satisfaction"]}_0"' in html  # the first radio
    assert "Answer question 1, about “Overall satisfaction”: choose an answer." in html
    assert 'value="2" checked' in html  # kept
    assert f'aria-describedby="q_{q["Overall satisfaction"]}-error"' in html
    assert _kept(client, survey)["answers"] == {}
    assert not SurveyResponse.objects.exists()


def test_the_check_page_will_not_send_answers_missing_a_required_question(client, survey):
    _start(client, survey)
    _answer_every_page(client, survey)
    q = question_ids(survey)
    session = client.session
    del session[f"survey:{survey.pk}"]["answers"][str(q["Overall satisfaction"])]
    session.save()
    response = client.post(_url(survey, "check/"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Answer question 1, about “Overall satisfaction”: choose an answer." in html
    assert f'href="{_url(survey, "1/")}?return=check#group-q_{q["Overall satisfaction"]}"' in html
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("question,value,message", [
    ("Overall satisfaction", "7",
     "Question 1, about “Overall satisfaction”: choose one of the five answers shown, from "
     "“Very satisfied” to “Very dissatisfied”."),
    ("Overall satisfaction", "Helicopter", "choose one of the five answers shown"),
    ("Feels safe", "2", "Question 3, about “Feels safe”: choose yes or no."),
    ("Kind of travel help", ["Bus pass", "Helicopter"],
     "Question 4, about “Kind of travel help”: choose only from the answers shown."),
    ("Equal partner", "0",
     "Question 5, about “Equal partner”: choose one of the five answers shown, from "
     "“Strongly agree” to “Strongly disagree”."),
])
def test_an_answer_outside_the_question_is_refused_with_a_message(client, survey, question,
                                                                  value, message):
    _start(client, survey)
    name = f"q_{question_ids(survey)[question]}"
    step = {"Overall satisfaction": 1, "Feels safe": 2, "Kind of travel help": 2,
            "Equal partner": 3}[question]
    response = client.post(_url(survey, f"{step}/"), {**_pages(survey)[step], name: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _kept(client, survey)["answers"] == {}


def test_an_oversized_comment_is_refused_with_the_limit_and_the_text_is_kept(client, survey):
    _start(client, survey)
    q = question_ids(survey)
    text = "The bus was late. " * 111 + "End."  # 2,002 characters
    assert len(text) == 2002
    response = client.post(_url(survey, "3/"), {f"q_{q['One thing to improve']}": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert ("Question 6, about “One thing to improve”: keep this answer to 2,000 characters or "
            "fewer. It has 2,002 now: remove 2.") in html
    assert text in html
    assert "You can write up to 2,000 characters." in html
    assert "maxlength" not in html.split("<textarea")[1].split(">")[0]  # never cut off


def test_a_comment_is_stored_as_typed_and_its_page_shows_it_as_text(client, survey):
    q = question_ids(survey)
    typed = "<script>alert(1)</script>Hello <b>there</b>.\n\nI wrote to <transport@example.gov.uk>"
    _complete(client, survey, **{f"q_{q['One thing to improve']}": typed})
    assert SurveyComment.objects.get().text == typed


def test_the_check_page_shows_a_comment_as_typed(client, survey):
    q = question_ids(survey)
    typed = "Fish & chips <at> five"
    _start(client, survey)
    _answer_every_page(client, survey, **{f"q_{q['One thing to improve']}": typed})
    html = client.get(_url(survey, "check/")).content.decode()
    assert "Fish &amp; chips &lt;at&gt; five" in html


def test_invisible_characters_go_and_a_null_is_no_error(client, survey):
    q = question_ids(survey)
    assert _start(client, survey, code="\x00").status_code == 302
    response = client.post(_url(survey, "3/"), {
        f"q_{q['Equal partner']}": "2",
        f"q_{q['One thing to improve']}": "Ring\x00 us \u202ebefore\u200b."})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _kept(client, survey)["answers"][str(q["One thing to improve"])] == "Ring us before."


def test_arabic_comments_keep_their_characters(client, survey):
    q = question_ids(survey)
    arabic = "السائق لطيف جداً\u200f، شكراً\u200c!"
    _complete(client, survey, **{f"q_{q['One thing to improve']}": arabic})
    assert SurveyComment.objects.get().text == arabic


# --- invitation codes -----------------------------------------------------------------


def test_an_old_link_with_the_code_in_its_address_goes_to_the_start_page_without_it(
        client, survey):
    response = client.get(_url(survey) + "?code=ABCD2345")
    assert response.status_code == 302 and response["Location"] == _url(survey)
    html = client.get(response["Location"]).content.decode()
    # The code is typed, or moved from the link's "#code=" (never sent) by a static script.
    assert "ABCD2345" not in html
    assert 'src="/static/surveys/invitation-code.js"' in html


def test_an_unknown_code_is_refused_and_the_choice_is_kept(client, survey):
    response = _start(client, survey, audience="schools", code="ZZZZ9999")
    assert response.status_code == 400
    html = response.content.decode()
    assert "We do not recognise that code." in html
    assert 'href="#id_code"' in html
    assert 'value="schools" checked' in html and 'value="ZZZZ9999"' in html
    assert client.get(_url(survey, "1/"))["Location"] == _url(survey)  # not started


def test_a_used_code_is_refused(client, survey):
    _use(SurveyInvitation.objects.create(survey=survey, code="USED2345",
                                         email="a@example.org"))
    response = _start(client, survey, code="used2345")
    assert response.status_code == 400
    assert "That code has already been used to answer this survey." in response.content.decode()


def test_a_survey_for_invited_people_only_refuses_a_start_without_a_code(client,
                                                                          survey_index):
    page = make_survey(survey_index, year=2027, requires_code=True)
    assert "You will need the code from your invitation" in client.get(page.url).content.decode()
    response = _start(client, page)
    assert response.status_code == 400
    assert "Enter the code from your invitation." in response.content.decode()
    assert client.get(_url(page, "1/"))["Location"] == _url(page)


def test_a_code_answers_once_and_is_never_linked_to_the_response(client, survey_index):
    page = make_survey(survey_index, year=2027, requires_code=True)
    invitation = SurveyInvitation.objects.create(survey=page, code="ABCD2345",
                                                 email="parent@example.org")
    sent = _complete(client, page, code="abcd-2345")  # typed loosely, as people do
    assert sent.status_code == 302
    assert _used(invitation)
    stored = SurveyResponse.objects.get()
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert not fields & {"invitation", "code", "email"}
    assert "ABCD2345" not in str(SurveyResponse.objects.filter(pk=stored.pk).values().get())

    again = _start(client, page, code="ABCD2345")
    assert again.status_code == 400
    assert "That code has already been used" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_a_code_used_by_someone_else_meanwhile_is_refused_at_the_end(client, survey):
    SurveyInvitation.objects.create(survey=survey, code="ABCD2345", email="a@example.org")
    _start(client, survey, code="ABCD2345")
    _answer_every_page(client, survey)
    _use(SurveyInvitation.objects.get(code="ABCD2345"))
    response = client.post(_url(survey, "check/"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "That code has already been used" in html
    assert "Tell us sooner when the driver changes." in html  # nothing lost
    assert not SurveyResponse.objects.exists()


# --- sent once ------------------------------------------------------------------------


def test_the_final_form_sent_twice_stores_one_response(client, survey):
    first = _complete(client, survey)
    second = client.post(_url(survey, "check/"))
    assert first["Location"] == second["Location"] == _url(survey, "thank-you/")
    assert SurveyResponse.objects.count() == 1
    assert SurveyAnswer.objects.filter(response__isnull=False).count() == 6


def test_answers_sent_again_with_the_same_key_store_one_response(client, survey):
    # Two requests of a double click both carry the answers of the same session.
    _start(client, survey)
    _answer_every_page(client, survey)
    kept = dict(_kept(client, survey))
    client.post(_url(survey, "check/"))
    session = client.session
    session[f"survey:{survey.pk}"] = kept
    session.save()
    assert client.post(_url(survey, "check/"))["Location"] == _url(survey, "thank-you/")
    assert SurveyResponse.objects.count() == 1


def test_a_crash_while_saving_gives_the_answers_back_and_logs_them(client, survey,
                                                                   monkeypatch, caplog):
    from surveys import services

    SurveyInvitation.objects.create(survey=survey, code="ABCD2345", email="a@example.org")
    _start(client, survey, code="ABCD2345")
    _answer_every_page(client, survey)
    real = services.survey_submit

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "survey_submit", broken)
    with caplog.at_level(logging.ERROR, logger="surveys.views.public"):
        response = client.post(_url(survey, "check/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Your answers were not sent" in html
    assert "Tell us sooner when the driver changes." in html
    assert "Tell us sooner when the driver changes." in caplog.text
    assert "ABCD2345" not in caplog.text  # the code would tie the answers to a person
    monkeypatch.setattr(services, "survey_submit", real)
    assert client.post(_url(survey, "check/")).status_code == 302
    assert SurveyResponse.objects.count() == 1


# --- where the answers can be given -------------------------------------------------------


def test_a_page_that_does_not_exist_is_not_found(client, survey):
    _start(client, survey)
    assert client.get(_url(survey, "4/")).status_code == 404
    assert client.get(_url(survey, "0/")).status_code == 404


def test_a_page_or_the_check_page_before_the_start_goes_to_the_start(client, survey):
    assert client.get(_url(survey, "2/"))["Location"] == _url(survey)
    assert client.get(_url(survey, "check/"))["Location"] == _url(survey)
    assert client.post(_url(survey, "check/"))["Location"] == _url(survey)
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("when,message", [
    ({"opens_in_days": 5, "closes_in_days": 30},
     "This survey is not open yet. You can answer it from"),
    ({"opens_in_days": -40, "closes_in_days": -1}, "This survey closed at"),
])
@pytest.mark.calendar
def test_a_survey_not_open_says_so_on_every_answering_address(client, survey_index, when,
                                                              message):
    page = make_survey(survey_index, year=2030, **when)
    for tail in ("", "1/", "2/", "check/", "thank-you/"):
        response = client.get(_url(page, tail))
        assert response.status_code == 200, tail
        assert message in response.content.decode(), tail
    for tail in ("", "1/", "check/"):
        assert message in client.post(_url(page, tail), {"audience": "parents"}) \
            .content.decode()
    assert not SurveyResponse.objects.exists()
    assert "Start the survey" not in client.get(page.url).content.decode()


@pytest.mark.calendar
def test_a_survey_that_closes_while_someone_answers_keeps_nothing(client, survey):
    _start(client, survey)
    _answer_every_page(client, survey)
    type(survey).objects.filter(pk=survey.pk).update(closes=survey.opens)
    response = client.post(_url(survey, "check/"))
    html = response.content.decode()
    assert "This survey closed at" in html
    assert "Tell us sooner when the driver changes." in html  # shown back, read-only
    assert not SurveyResponse.objects.exists()


def test_the_honeypot_stops_robots_quietly(client, survey):
    response = _start(client, survey, website="http://spam.example")
    assert response.status_code == 400
    assert "Our system thought this might have been sent automatically" in (
        response.content.decode())
    assert client.get(_url(survey, "1/"))["Location"] == _url(survey)


def test_answering_pages_are_never_served_from_the_page_cache(client, survey, settings):
    settings.PORTAL_PAGE_CACHE = True
    for tail in ("", "thank-you/"):
        client.get(_url(survey, tail))
        assert client.get(_url(survey, tail)).get("X-Page-Cache") != "hit"


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_answer_without_a_survey_account(client, survey, login_as, role):
    login_as(role)
    assert client.get(_url(survey)).status_code == 200
    assert client.get(_url(survey, "1/")).status_code == 302  # not started yet
    assert _start(client, survey).status_code == 302
    assert client.get(_url(survey, "1/")).status_code == 200
    _answer_every_page(client, survey)
    assert client.get(_url(survey, "check/")).status_code == 200
    assert client.post(_url(survey, "check/")).status_code == 302
    assert client.get(_url(survey, "thank-you/")).status_code == 200
    assert SurveyResponse.objects.count() == 1


def test_answers_given_in_another_language_count_with_the_original_survey(client, tree,
                                                                          survey_index, survey):
    from wagtail.models import Locale

    polish, _created = Locale.objects.get_or_create(language_code="pl")
    tree.home.copy_for_translation(polish, alias=True)
    survey_index.copy_for_translation(polish, alias=True)
    alias = survey.copy_for_translation(polish, alias=True)
    assert alias.url == "/pl/surveys/2026/"
    SurveyInvitation.objects.create(survey=survey, code="ABCD2345", email="a@example.org")
    assert _start(client, alias, code="ABCD2345")["Location"] == _url(alias, "1/")
    _answer_every_page(client, alias)
    assert client.post(_url(alias, "check/"))["Location"] == _url(alias, "thank-you/")
    assert SurveyResponse.objects.get().survey_id == survey.pk
    assert _used(SurveyInvitation.objects.get())


def test_the_honeypot_is_hidden_by_the_built_stylesheet(client, survey):
    wrapper = classes_around_input(client.get(_url(survey)).content.decode(), "website")
    assert wrapper, "the honeypot field is on the form"
    assert set(wrapper) & hiding_classes()
