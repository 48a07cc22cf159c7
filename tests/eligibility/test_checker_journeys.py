"""What the last browser review found, as a parent meets it: a changed age never carries
answers into other questions, Back works (a link on every question, and the browser's own
button: every page is a GET), the error summary's link has a target, the answers stay out
of the logs, and the answer page is honest when the age or the distance is not known."""
# ruff: noqa: F811

import copy
import logging
import runpy
from pathlib import Path

import pytest
from django.utils.http import urlencode

# The fixtures ``policy`` and ``proposal`` are test_checker's: used by name as arguments.
from tests.eligibility.test_checker import (  # noqa: F401
    RULES,
    answer,
    checker_url,
    policy,
    proposal,
    translated_policy,
    with_rules,
)

pytestmark = pytest.mark.django_db


def test_changing_the_age_to_a_young_adult_asks_the_distance_again_as_the_college_one(
        client, policy):
    """The review: a school distance became a college distance."""
    result = answer(client, policy, age="7", area="yes", distance={"distance_miles": "1.8"},
                    needs="no", school="yes")
    age_link = {n: link for n, _q, _a, link in result.context["summary"]}["age"]
    page = client.get(age_link)
    assert page.context["name"] == "age"
    assert ("was_age", "7") in page.context["carried"]
    data = {**dict(page.context["carried"]), "question": "age", "age": "21"}
    page = client.get(checker_url(policy), data)
    # The young adult's own questions, asked again, and the page says why.
    assert page.context["name"] == "send"
    html = page.content.decode()
    assert "age, so some questions are different now. We ask them again:" in html
    assert "How far is it from home to the college or training place?" in html
    carried = dict(page.context["carried"])
    assert "distance_miles" not in carried and "needs" not in carried \
        and "school" not in carried
    assert carried["area"] == "yes"  # the same question for every age: kept


def test_changing_the_age_within_school_age_keeps_the_answers(client, policy):
    result = answer(client, policy, age="7", area="yes", distance={"distance_miles": "1.8"},
                    needs="no", school="yes")
    carried = dict(result.context["carried"])
    response = client.get(checker_url(policy),
                          {**carried, "age": "9", "was_age": "7", "question": "age"})
    assert "shown" in response.context  # nothing to ask again: the answer page
    assert response.context["shown"][0].label == "Not likely to get help"


def test_changing_the_age_to_sixth_form_drops_the_walking_answers(client, policy):
    result = answer(client, policy, age="7", area="yes", distance={"distance_miles": "1.8"},
                    needs="no", school="yes")
    carried = dict(result.context["carried"])
    response = client.get(checker_url(policy),
                          {**carried, "age": "17", "was_age": "7", "question": "age"})
    assert response.context["name"] == "benefits"
    assert not {"distance_miles", "needs", "school"} & set(dict(response.context["carried"]))
    # Back to 7: the walking questions are asked again, never read from before.
    response = client.get(checker_url(policy), {**dict(response.context["carried"]),
                                                "age": "7", "was_age": "17",
                                                "question": "age"})
    assert response.context["name"] == "distance"
    assert response.context["miles_value"] == ""


def test_every_question_has_a_back_link_to_the_one_before_with_its_answer(client, policy):
    url = checker_url(policy)
    first = client.get(url, {"start": "1"})
    assert first.context["back_link"] == url
    assert 'class="govuk-back-link"' in first.content.decode()
    page = client.get(url, {"age": "7", "area": "yes", "question": "area"})
    assert page.context["name"] == "distance"
    back = client.get(page.context["back_link"])
    assert back.context["name"] == "area" and back.context["value"] == "yes"
    # From the area question, Back goes to the age, still answered.
    again = client.get(back.context["back_link"])
    assert again.context["name"] == "age" and again.context["value"] == "7"


def test_every_checker_page_is_a_get_that_refers_no_one(client, policy):
    """So the browser's Back never asks to resubmit a form, and following a link from a
    checker page does not hand its address (with the answers) to the next page."""
    url = checker_url(policy)
    for params in ({}, {"start": "1"}, {"age": "7", "question": "age"},
                   {"age": "7", "area": "yes", "distance": "unknown", "needs": "no",
                    "school": "yes", "question": "school"}):
        response = client.get(url, params)
        assert response.status_code == 200
        assert response["Referrer-Policy"] == "no-referrer"
        assert "no-store" in response["Cache-Control"]
        assert 'method="post"' not in response.content.decode()


@pytest.mark.parametrize(("params", "target"), [
    ({"question": "age"}, "age-1"),
    ({"age": "7", "area": "yes", "question": "distance", "distance_miles": "lots"},
     "distance_miles"),
])
def test_the_error_summary_links_to_a_field_that_is_on_the_page(client, policy, params,
                                                                  target):
    html = client.get(checker_url(policy), params).content.decode()
    assert f'<a href="#{target}">' in html
    assert f'id="{target}"' in html


def test_the_answers_are_in_no_log_line(client, policy, caplog):
    """The Django request log lines and the app servers' access log (gunicorn's format in
    deploy/gunicorn.conf.py) keep the checker's path, never its answers."""
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    query = urlencode({"age": "7", "area": "yes", "distance_miles": "1.83",
                       "question": "distance"})
    path = checker_url(policy)
    with caplog.at_level(logging.INFO):
        logging.getLogger("django.server").info('"%s" %s %s', f"GET {path}?{query} HTTP/1.1",
                                                 "200", "0")
        client.get(f"{path}?{query}")
    assert "1.83" not in caplog.text
    assert f"{path}?[removed]" in caplog.text

    settings = runpy.run_path(str(Path(__file__).parents[2] / "deploy" / "gunicorn.conf.py"))
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", settings["access_log_format"])

    class Response:
        status, response_length, sent = "200 OK", 10, 10
        headers = ()

    class Request:
        headers = ()

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
               "RAW_URI": f"{path}?{query}", "SERVER_PROTOCOL": "HTTP/1.1",
               "REMOTE_ADDR": "127.0.0.1", "HTTP_REFERER": f"{path}?{query}"}
    import datetime as dt
    atoms = Logger(config).atoms(Response(), Request(), environ, dt.timedelta(seconds=0.1))
    line = settings["access_log_format"] % atoms
    assert path in line and "1.83" not in line and "?" not in line


def test_without_an_age_the_answer_says_it_needs_it_and_sets_out_the_rules(client, policy):
    """The review: "I don't know" the age gave "case by case", which the policy never says."""
    response = answer(client, policy, age="unknown", area="yes")
    html = response.content.decode()
    assert response.context["shown"][0].label == "We need your child&#x27;s age to tell you" \
        or response.context["shown"][0].label == "We need your child's age to tell you"
    assert "The council decides case by case" not in html
    assert "Children under 8 walk up to 2 miles." in html
    assert "Tell us your child" in html
    assert response.context["age_link"] in html.replace("&amp;", "&")


def test_a_changed_limit_is_said_when_the_distance_is_not_known(client, proposal, policy):
    """The review: "Nothing" changes for "I don't know" the distance, though the limit does."""
    response = answer(client, policy, age="7", area="yes", distance="unknown", needs="no",
                      school="yes")
    html = response.content.decode()
    assert "Nothing: the proposal does not change" not in html
    assert ("If your child&#x27;s walk is more than 1.5 miles and up to 2 miles, they would no "
            "longer be expected to walk.") in html


def test_saved_rules_with_a_mistake_stop_the_checker_rather_than_read_other_numbers(
        client, tree):
    """Rules saved before the admin checked them (young adults from 25 to 19): the checker
    says it cannot answer; it never reads 19 to 25 instead."""
    rules = copy.deepcopy(RULES)
    rules["post19_min_age"], rules["post19_max_age"] = 25, 19
    policy = with_rules(tree.policy, rules)
    response = client.get(checker_url(policy), {"age": "21", "question": "age"})
    assert response.status_code == 200
    assert "the rules for the checker have a mistake" in response.content.decode()
    assert "shown" not in response.context and "question" not in response.context


def test_a_typed_distance_comes_back_in_the_readers_number_format(client, tree, policy):
    url = translated_policy(tree, policy, "pl").url + "checker/"
    response = client.get(url, {"age": "7", "area": "yes", "distance_miles": "1,8",
                                "change": "distance"})
    assert response.context["miles_value"] == "1,8"
    html = client.get(url, {"age": "17", "area": "yes", "benefits": "no",
                            "question": "benefits"}).content.decode()
    import re
    assert "1,000" not in html, re.findall(r"(?s).{60}1,000.{30}", html)


def test_an_age_left_unanswered_after_a_change_still_asks_the_changed_questions_again(
        client, policy):
    """The second review: "Change" the age, press Continue without choosing, then choose 20:
    the child's walk to school was read as the young adult's distance to college."""
    result = answer(client, policy, age="7", area="yes", distance={"distance_miles": "1.8"},
                    needs="no", school="yes")
    age_link = {n: link for n, _q, _a, link in result.context["summary"]}["age"]
    page = client.get(age_link)
    error_page = client.get(checker_url(policy),
                            {**dict(page.context["carried"]), "question": "age"})
    assert error_page.context["error"] and error_page.context["name"] == "age"
    assert ("was_age", "7") in error_page.context["carried"]
    page = client.get(checker_url(policy), {**dict(error_page.context["carried"]),
                                            "question": "age", "age": "20"})
    assert page.context["name"] == "send"
    assert not {"distance_miles", "needs", "school"} & set(dict(page.context["carried"]))
    assert "We ask them again" in page.content.decode()


@pytest.mark.parametrize("crafted", ["²", "①", "٣", "7x", "-7", "99999"])
def test_a_crafted_earlier_age_is_ignored_not_a_server_error(client, policy, crafted):
    response = client.get(checker_url(policy), {"question": "age", "age": "7",
                                                "was_age": crafted, "area": "yes"})
    assert response.status_code == 200
    assert response.context["name"] == "distance"


def test_a_question_not_asked_at_this_age_cannot_be_opened_by_its_address(client, policy):
    """``?change=someone`` showed a young adult's question as "Question 1" to a 7-year-old."""
    response = client.get(checker_url(policy), {"age": "7", "area": "yes",
                                                "change": "someone"})
    assert response.context["name"] == "distance"


def test_an_underscore_in_a_typed_distance_is_refused_not_read_as_a_bigger_number(
        client, policy):
    """Python reads "1_8" as 18; a parent who typed it meant neither."""
    response = client.get(checker_url(policy), {"age": "7", "area": "yes", "distance": "typed",
                                                "distance_miles": "1_8",
                                                "question": "distance"})
    assert response.context["name"] == "distance" and response.context["error"]
    assert response.context["miles_value"] == "1_8"
