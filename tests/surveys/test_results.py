"""The public results page, its trends and its CSV: what is shown, what is held back, and
how many queries it takes."""

import csv
import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core.cache import CACHEABLE_ATTR
from surveys.models import (
    SurveyAction,
    SurveyAnswer,
    SurveyComment,
    SurveyPage,
    SurveyQuestion,
    SurveyResponse,
    SurveySettings,
)
from surveys.results import survey_results
from surveys.services import comment_moderate, question_reword
from tests.factories import publish
from tests.surveys.conftest import bank, make_survey, question_ids

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]
# Wagtail's routing (9: site, locale, the page at each depth, aliases, view restrictions),
# the survey settings (1), the default language (1: which copy holds the answers), the
# results (10: questions, answer counts, people per multiple choice question, responses per
# audience, written answers counted and those published, audiences, the other published
# surveys and their counts, actions) and the base template (3: ancestors for the
# breadcrumbs, the untranslated notice, the footer's settings).
MAX_QUERIES = 24
OVERALL = "Overall satisfaction"


# --- building surveys with answers -----------------------------------------------------


def add_responses(survey, answers: list[dict], *, audience: str = "parents"):
    """Store responses the way survey_submit does, for surveys that have closed.

    Each dict maps a question id to a value: an int for scales, text for a choice, a list
    for multiple choice.
    """
    responses = SurveyResponse.objects.bulk_create([
        SurveyResponse(survey=survey, audience=audience, submitted_on=dt.date(2026, 3, 1))
        for _ in answers])
    rows = []
    for response, given in zip(responses, answers, strict=True):
        for question_id, value in given.items():
            for item in value if isinstance(value, list) else [value]:
                rows.append(SurveyAnswer(
                    response=response, survey=survey, question_id=question_id,
                    value_int=item if isinstance(item, int) else None,
                    value_text=item if isinstance(item, str) else ""))
    SurveyAnswer.objects.bulk_create(rows)
    return responses


def scale_answers(question_id: int, points: list[int]) -> list[dict]:
    return [{question_id: p} for p in points]


def closed_survey(index, year, **fields) -> SurveyPage:
    fields.setdefault("results_published", True)
    return make_survey(index, year=year, opens_in_days=-60 - (2026 - year) * 365,
                       closes_in_days=-30 - (2026 - year) * 365, **fields)


def results_url(survey) -> str:
    return survey.url + "results/"


def csv_url(survey) -> str:
    return survey.url + survey.reverse_subpage("results_csv")


def get_csv(survey, user=None):
    """The results CSV as a visitor (or ``user``) downloads it."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(csv_url(survey))


def csv_status(survey) -> int:
    return get_csv(survey).status_code


def set_minimum(value: int) -> None:
    site = Site.objects.get(is_default_site=True)
    SurveySettings.objects.update_or_create(site=site, defaults={"minimum_responses": value})


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


# The 12 answers worked by hand: 5 very satisfied and 4 satisfied make 9 of 12 (75 %);
# Wilson 95 %: 46.8 % to 91.1 %, shown as 47 % to 91 %.
TWELVE = [5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 2, 1]


@pytest.fixture
def published(survey_index):
    survey = closed_survey(survey_index, 2026)
    add_responses(survey, scale_answers(question_ids(survey)[OVERALL], TWELVE))
    return survey


# --- who can see the results, and when -------------------------------------------------


def test_results_are_not_found_while_the_survey_is_open(client, survey):
    SurveyPage.objects.filter(pk=survey.pk).update(results_published=True)
    assert client.get(results_url(survey)).status_code == 404
    assert csv_status(survey) == 404


def test_results_are_not_found_after_closing_until_published(client, survey_index):
    survey = closed_survey(survey_index, 2026, results_published=False)
    assert client.get(results_url(survey)).status_code == 404
    assert csv_status(survey) == 404
    SurveyPage.objects.filter(pk=survey.pk).update(results_published=True)
    assert client.get(results_url(survey)).status_code == 200
    assert csv_status(survey) == 200


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_that_publishes_results_shows_nothing_until_the_forum_agrees(
        client, login_as, survey_index, role):
    survey = closed_survey(survey_index, 2026, results_published=False)
    draft = SurveyPage.objects.get(pk=survey.pk)
    draft.results_published = True
    draft.results_summary = "Draft words the forum has not agreed."
    draft.save_revision()  # waiting for the forum: not published
    login_as(role)
    assert client.get(results_url(survey)).status_code == 404
    assert csv_status(survey) == 404


def test_an_unpublished_survey_page_has_no_results(client, published):
    published.unpublish()
    assert client.get(results_url(published)).status_code == 404


def test_every_role_reads_the_same_public_page(client, login_as, published):
    pages = {}
    for role in ROLES:
        client.logout()
        login_as(role)
        response = client.get(results_url(published))
        assert response.status_code == 200
        pages[role] = main_of(response)
    assert all(main == pages["anonymous"] for main in pages.values())


# --- headline figures ------------------------------------------------------------------


def test_headline_share_and_interval_match_the_hand_worked_numbers(client, published):
    results = survey_results(published, minimum=10)
    overall = next(q for q in results.questions if q.short_name == OVERALL)
    assert (overall.answered, overall.held_back) == (12, False)
    p = overall.headline.proportion
    assert (p.successes, p.total) == (9, 12)
    assert p.low == pytest.approx(0.4677, abs=5e-4)
    assert p.high == pytest.approx(0.9111, abs=5e-4)
    assert (overall.headline.percent, overall.headline.low, overall.headline.high) == (75, 47,
                                                                                       91)
    assert [(s.option, s.count, s.percent) for s in overall.shares] == [
        ("Very satisfied", 5, 41.7), ("Satisfied", 4, 33.3),
        ("Neither satisfied nor dissatisfied", 1, 8.3), ("Dissatisfied", 1, 8.3),
        ("Very dissatisfied", 1, 8.3)]

    html = client.get(results_url(published)).content.decode()
    assert f"Results: {published.title}" in html
    assert "<strong><bdi>75&nbsp;%</bdi></strong> <span>satisfied or very satisfied</span>" in html
    assert "between 47&nbsp;% and 91&nbsp;%, 95&nbsp;% confidence" in html
    assert "12 people answered this survey." in html


def test_each_question_has_a_chart_and_a_table_of_the_same_figures(client, published):
    html = client.get(results_url(published)).content.decode()
    qid = question_ids(published)[OVERALL]
    section = html[html.index(f'id="question-{qid}"'):]
    section = section[:section.index("</section>")]
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in section
    assert f'aria-labelledby="chart-question-{qid}-title chart-question-{qid}-desc"' in section
    assert '<table class="govuk-table">' in section and "<caption" in section
    assert "41.7&nbsp;%" in section  # the table
    assert "41.7\u00a0%" in section  # the chart
    assert "<script" not in html.split("</main>")[0].split("<main")[1]


def test_response_rates_per_audience(published):
    add_responses(published, [{} for _ in range(15)], audience="schools")
    results = survey_results(published, minimum=10)
    rows = {a.audience: a for a in results.audiences}
    assert (rows["parents"].responses, rows["parents"].invited, rows["parents"].percent) == (
        12, 400, 3.0)
    assert (rows["schools"].responses, rows["schools"].percent) == (15, 50.0)
    assert results.responses == 27


def test_multiple_choice_shares_are_of_the_people_who_answered(published):
    qid = question_ids(published)["Kind of travel help"]
    add_responses(published, [{qid: ["Bus pass", "Passenger assistant"]}] * 6
                  + [{qid: ["Bus pass"]}] * 4)
    question = next(q for q in survey_results(published, minimum=10).questions
                    if q.question_id == qid)
    shares = {s.option: (s.count, s.percent) for s in question.shares}
    assert question.answered == 10
    assert shares["Bus pass"] == (10, 100.0)
    assert shares["Passenger assistant"] == (6, 60.0)
    assert shares["Personal travel budget"] == (0, 0.0)


# --- small numbers ---------------------------------------------------------------------


def test_a_survey_with_too_few_responses_shows_no_breakdown_and_says_why(client, survey_index):
    survey = closed_survey(survey_index, 2026)
    add_responses(survey, scale_answers(question_ids(survey)[OVERALL], TWELVE[:9]))
    results = survey_results(survey, minimum=10)
    assert results.held_back and results.responses == 9
    assert all(q.held_back and not q.shares and q.headline is None for q in results.questions)
    assert all(a.responses is None for a in results.audiences)

    html = client.get(results_url(survey)).content.decode()
    assert "Fewer than 10 people answered, so we are not showing any breakdown" in html
    assert "<svg" not in html
    assert "Very satisfied" not in html


def test_the_minimum_is_a_setting(client, survey_index, settings):
    settings.PORTAL_PAGE_CACHE = False  # a change of setting does not purge the page cache
    survey = closed_survey(survey_index, 2026)
    add_responses(survey, scale_answers(question_ids(survey)[OVERALL], TWELVE[:9]))
    set_minimum(5)
    html = client.get(results_url(survey)).content.decode()
    assert "<svg" in html and "Fewer than 5 people answered, so" not in html
    set_minimum(20)
    html = client.get(results_url(survey)).content.decode()
    assert "Fewer than 20 people answered, so we are not showing any breakdown" in html


def test_a_question_few_people_answered_is_held_back_on_its_own(client, published):
    ids = question_ids(published)
    add_responses(published, [{ids["Drivers and assistants"]: 5}] * 4)
    results = survey_results(published, minimum=10)
    drivers = next(q for q in results.questions if q.short_name == "Drivers and assistants")
    overall = next(q for q in results.questions if q.short_name == OVERALL)
    assert drivers.held_back and not drivers.shares and drivers.headline is None
    assert not overall.held_back

    html = client.get(results_url(published)).content.decode()
    assert "Held back: fewer than 10 people answered this question" in html
    assert f'id="chart-question-{ids["Drivers and assistants"]}-title"' not in html


def test_the_note_says_the_rule_the_page_follows_in_every_language(client, published):
    """Question by question: 12 answered "overall", so its answers' counts are shown, 5 who
    chose "very satisfied" among them; 4 answered "drivers", so none of its figures are.
    The note says exactly that, so "5 people" beside it is no contradiction."""
    ids = question_ids(published)
    add_responses(published, [{ids["Drivers and assistants"]: 5}] * 4)
    rule = {
        "en": ("A question answered by fewer than 10 people shows no figures and no chart. "
               "A question answered by 10 people or more shows how many chose each answer, "
               "even an answer fewer than 10 people chose"),
        "pl": ("Pytanie, na które odpowiedziało mniej niż 10 osób, nie ma liczb ani wykresu. "
               "Pytanie, na które odpowiedziało 10 osób lub więcej, pokazuje, ile osób "
               "wybrało każdą odpowiedź, także odpowiedź wybraną przez mniej niż 10 osób"),
        "ar": ("السؤال الذي أجاب عنه أقل من 10 أشخاص لا تظهر له أرقام ولا رسم بياني. "
               "والسؤال الذي أجاب عنه 10 أشخاص أو أكثر يظهر فيه عدد من اختار كل إجابة"),
    }
    for language, words in rule.items():
        prefix = "" if language == "en" else f"/{language}"
        html = client.get(prefix + results_url(published)).content.decode()
        assert words in html, language
        assert "We show no breakdown, chart or written answer based on fewer" not in html
    html = client.get(results_url(published)).content.decode()
    overall = html.split(f'id="question-{ids[OVERALL]}"', 1)[1].split("</section>", 1)[0]
    assert re.search(r"Very satisfied</th>\s*<td[^>]*>5</td>", overall)
    assert "Held back: fewer than 10 people answered this question" in html


def test_a_small_group_is_held_back_with_another_so_the_total_does_not_give_it_away(
        published):
    add_responses(published, [{}] * 3, audience="schools")
    rows = {a.audience: a for a in survey_results(published, minimum=10).audiences}
    assert rows["schools"].responses is None and rows["schools"].percent is None
    assert rows["parents"].responses is None


# --- written answers -------------------------------------------------------------------


def test_only_comments_an_officer_passed_are_shown_and_only_their_public_words(
        client, published, officer):
    qid = question_ids(published)["One thing to improve"]
    responses = SurveyResponse.objects.filter(survey=published).order_by("pk")[:4]
    pending, withheld, approved, redacted = (
        SurveyComment.objects.create(response=r, survey=published, question_id=qid, text=t)
        for r, t in zip(responses, [
            "Still waiting for an officer to read this.",
            "Withheld: names the driver and the school.",
            "The new minibus is much calmer.",
            "Amy at Hillside School waits 40 minutes every day."], strict=True))
    comment_moderate(comment=withheld, user=officer, decision="withheld",
                     reason="It names people.")
    comment_moderate(comment=approved, user=officer, decision="approved")
    comment_moderate(comment=redacted, user=officer, decision="redacted",
                     reason="Names a child.", public_text="[A child] waits 40 minutes every day.")

    html = client.get(results_url(published)).content.decode()
    assert "The new minibus is much calmer." in html
    assert "[A child] waits 40 minutes every day." in html
    assert "Amy at Hillside" not in html
    assert pending.text not in html
    assert "Withheld: names the driver" not in html
    # 4 wrote, fewer than the minimum (10): the number is not given.
    assert "Fewer than 10 people wrote an answer." in html and "4 people" not in html
    assert "2 are published so far." in html



@pytest.mark.parametrize(("language", "said"), [
    ("pl", "Odpowiedź napisało mniej niż 10 osób."),
    ("ar", "كتب إجابةً أقلُّ من 10 أشخاص."),
])
def test_fewer_than_the_minimum_writing_is_said_in_the_readers_language(
        client, published, officer, language, said):
    qid = question_ids(published)["One thing to improve"]
    for response in SurveyResponse.objects.filter(survey=published).order_by("pk")[:3]:
        comment = SurveyComment.objects.create(response=response, survey=published,
                                               question_id=qid, text="The minibus is calmer.")
        comment_moderate(comment=comment, user=officer, decision="approved")
    html = client.get(f"/{language}" + results_url(published)).content.decode()
    assert said in html
    assert "Fewer than 10 people wrote an answer." not in html

def test_no_comment_is_shown_when_the_survey_has_too_few_responses(client, survey_index,
                                                                   officer):
    survey = closed_survey(survey_index, 2026)
    (response,) = add_responses(survey, [{question_ids(survey)[OVERALL]: 5}])
    comment = SurveyComment.objects.create(
        response=response, survey=survey, question_id=question_ids(survey)["One thing to "
                                                                            "improve"],
        text="A comment that is fine to publish.")
    comment_moderate(comment=comment, user=officer, decision="approved")
    html = client.get(results_url(survey)).content.decode()
    assert "A comment that is fine to publish." not in html
    assert "fewer than 10 people answered this survey, so their words" in html


def test_the_page_shows_the_first_hundred_written_answers_and_the_csv_has_them_all(
        client, published):
    qid = question_ids(published)["One thing to improve"]
    responses = add_responses(published, [{}] * 105)
    SurveyComment.objects.bulk_create([
        SurveyComment(response=r, survey=published, question_id=qid, text=f"Answer {i}.",
                      public_text=f"Answer {i}.", moderation=SurveyComment.Moderation.APPROVED)
        for i, r in enumerate(responses)])
    html = " ".join(client.get(results_url(published)).content.decode().split())
    # Written answers come in the order of their random keys, never the order they arrived.
    shown = [i for i in range(105) if f"Answer {i}. " in html or f"Answer {i}.<" in html]
    assert len(shown) == 100
    assert "105 are published so far. Here are the first 100" in html
    written = [r for r in read_csv(get_csv(published)) if r[0] == "written answers"]
    assert sorted(r[2] for r in written) == sorted(f"Answer {i}." for i in range(105))


# --- trends ----------------------------------------------------------------------------


def _three_years(index):
    """Overall satisfaction: 50 % (2024), 90 % (2025: a real rise), 92.5 % (2026: no clear
    change); 2023 asked it too, but its results were never published."""
    surveys = {}
    for year, top in [(2023, 5), (2024, 20), (2025, 36), (2026, 37)]:
        surveys[year] = closed_survey(index, year, results_published=year != 2023)
        add_responses(surveys[year], scale_answers(question_ids(surveys[year])[OVERALL],
                                                   [5] * top + [2] * (40 - top)))
    return surveys


def test_trends_cover_every_published_year_and_flag_only_real_changes(client, survey_index):
    surveys = _three_years(survey_index)
    results = survey_results(surveys[2026], minimum=10)
    (trend,) = [t for t in results.trends if t.short_name == OVERALL]
    assert [y.year for y in trend.years] == [2024, 2025, 2026]
    assert [y.share.percent for y in trend.years] == [50, 90, 93]
    first, rise, steady = trend.years
    assert first.change is None
    assert rise.change.significant and rise.change_words == "Up 40 points: a real change"
    assert not steady.change.significant
    assert steady.change_words == "No clear change (up 3 points)"
    assert [y.current for y in trend.years] == [False, False, True]

    html = client.get(results_url(surveys[2026])).content.decode()
    assert "<strong>Up 40 points: a real change</strong>" in html
    assert "No clear change (up 3 points)" in html
    assert f'id="chart-trend-{trend.question_id}-title"' in html
    assert "2023" not in html


def test_a_question_asked_in_only_one_year_has_no_trend(published):
    assert survey_results(published, minimum=10).trends == ()


def test_a_year_with_too_few_answers_is_held_back_in_the_trend(survey_index):
    surveys = _three_years(survey_index)
    SurveyAnswer.objects.filter(survey=surveys[2025]).exclude(
        pk__in=SurveyAnswer.objects.filter(survey=surveys[2025]).values("pk")[:9]).delete()
    (trend,) = survey_results(surveys[2026], minimum=10).trends
    assert trend.years[1].share is None
    assert trend.years[2].change is None  # nothing to compare with


def test_a_reworded_question_starts_its_own_trend(client, survey_index):
    old = bank(OVERALL)
    earlier = {}
    for year in (2024, 2025):
        earlier[year] = closed_survey(survey_index, year)
        add_responses(earlier[year], scale_answers(old.pk, [5] * 20))
    new = question_reword(question=old, wording="Overall, how happy are you with travel help?")
    assert new.replaces_id == old.pk and bank(OVERALL) == new
    latest = closed_survey(survey_index, 2026)
    add_responses(latest, scale_answers(new.pk, [4] * 20))

    assert survey_results(latest, minimum=10).trends == ()
    (trend,) = survey_results(earlier[2025], minimum=10).trends
    assert trend.question_id == old.pk
    assert [y.year for y in trend.years] == [2024, 2025]
    assert "Overall, how happy are you" not in client.get(results_url(earlier[2025])).content \
        .decode()


# --- you said, we did ------------------------------------------------------------------


def test_actions_show_their_owner_status_and_what_changed(client, tree, published):
    policy = tree.policy
    policy.change_note = "Shorter waiting times."
    publish(policy)
    version = policy.versions.get(number=2)
    SurveyAction.objects.create(
        page=published, sort_order=0, you_said="Waiting for the bus takes too long.",
        action="We changed the pick-up rules.", owner="Transport team manager",
        status=SurveyAction.Status.DONE, linked_page=policy, linked_version=version)
    SurveyAction.objects.create(
        page=published, sort_order=1, you_said="We want to know who to call.",
        action="We will add a contact page.", owner="Communications officer",
        status=SurveyAction.Status.IN_PROGRESS, linked_page=tree.faq)
    SurveyAction.objects.create(
        page=published, sort_order=2, you_said="More buses.", action="Not this year.",
        owner="Head of service", status=SurveyAction.Status.NOT_DONE)

    changed, contact, refused = survey_results(published, minimum=10).actions
    assert changed.link_url == policy.url + "compare/1/2/"
    assert changed.link_text == f"{policy.title}, version 2: what changed"
    assert contact.link_url == tree.faq.url
    assert refused.link_url == ""

    html = client.get(results_url(published)).content.decode()
    assert "Transport team manager" in html and "We changed the pick-up rules." in html
    assert '<strong class="govuk-tag govuk-tag--green">Done</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--blue">In progress</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--red">Not going ahead</strong>' in html
    assert f'href="{policy.url}compare/1/2/"' in html
    assert client.get(policy.url + "compare/1/2/").status_code == 200


def test_the_first_version_of_a_page_links_to_its_versions(tree, published):
    version = tree.policy.versions.get(number=1)
    SurveyAction.objects.create(page=published, you_said="a", action="b", owner="c",
                                linked_version=version, linked_page=tree.policy)
    (action,) = survey_results(published, minimum=10).actions
    assert action.link_url == tree.policy.url + "versions/"


# --- the CSV ---------------------------------------------------------------------------


def test_the_csv_has_the_tables_and_leaves_out_held_back_figures(client, published):
    ids = question_ids(published)
    add_responses(published, [{ids["Drivers and assistants"]: 5}] * 4)
    response = get_csv(published)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="2026-results.csv"' in response["Content-Disposition"]
    assert response.streaming
    rows = read_csv(response)
    assert rows[0] == ["table", "question", "answer", "year", "people", "percent",
                       "95% interval from", "95% interval to", "note"]
    overall = bank(OVERALL).wording
    assert ["answers", overall, "Very satisfied", "2026", "5", "41.7", "", "", ""] in rows
    assert ["headline", overall, "satisfied or very satisfied", "2026", "9", "75.0", "46.8",
            "91.1", "9 of 12"] in rows
    drivers = [r for r in rows if r[1] == bank("Drivers and assistants").wording]
    assert drivers == [["answers", drivers[0][1], "", "2026", "", "", "", "",
                        "Held back: fewer than 10 answers"]]
    # The audiences are too small apart (12 parents, no schools yet) to be split... but
    # 0 identifies nobody, so the schools' row is shown.
    assert ["responses", "", "Parents and carers", "2026", "16", "4.0", "", "",
            "400 could answer"] in rows


def test_the_csv_of_a_held_back_survey_has_no_figures(client, survey_index):
    survey = closed_survey(survey_index, 2026)
    add_responses(survey, scale_answers(question_ids(survey)[OVERALL], [5, 4, 1]))
    rows = read_csv(get_csv(survey))[1:]
    assert all(row[5] == row[6] == row[7] == "" for row in rows)
    assert all(row[4] == "" for row in rows if row[2] != "Everyone")
    assert "Held back: fewer than 10 answers" in rows[0]


def test_csv_cells_that_would_start_a_formula_are_neutralised(client, survey_index):
    SurveyQuestion.objects.create(kind="single_choice", short_name="Formula",
                                  wording="=HYPERLINK(\"http://x\",\"Click\")",
                                  choices="+44 7700 900000\n-1 cheaper\n@SUM(A1)")
    survey = closed_survey(survey_index, 2026, layout=[("Formula", 1, False)])
    qid = question_ids(survey)["Formula"]
    add_responses(survey, [{qid: "+44 7700 900000"}] * 6 + [{qid: "-1 cheaper"}] * 4
                  + [{qid: "@SUM(A1)"}])
    rows = read_csv(get_csv(survey))
    cells = {cell for row in rows for cell in row}
    assert "'=HYPERLINK(\"http://x\",\"Click\")" in cells
    assert {"'+44 7700 900000", "'-1 cheaper", "'@SUM(A1)"} <= cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)


def test_the_csv_is_not_kept_in_the_page_cache(published):
    # The page's serve opts every response into the anonymous cache; a stream cannot be.
    response = get_csv(published)
    assert getattr(response, CACHEABLE_ATTR) is False
    read_csv(response)


def test_the_csv_link_on_the_results_page_downloads_the_csv(client, published):
    html = client.get(results_url(published)).content.decode()
    href = re.search(r'href="([^"]*)" download', html).group(1)
    assert client.get(href).status_code == 200


# --- queries ---------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _answer_everything(survey, n: int, *, start: int = 0):
    ids = question_ids(survey)
    add_responses(survey, [{
        ids[OVERALL]: 1 + (i % 5), ids["Drivers and assistants"]: 1 + (i * 3 % 5),
        ids["Feels safe"]: i % 2, ids["Kind of travel help"]: ["Bus pass", "Passenger "
                                                                           "assistant"][:1 + i % 2],
        ids["Equal partner"]: 1 + (i * 7 % 5)} for i in range(start, start + n)])


def test_query_count_is_flat_from_20_to_200_responses(client, settings, published,
                                                      django_assert_max_num_queries):
    settings.PORTAL_PAGE_CACHE = False
    _answer_everything(published, 20)
    client.get(results_url(published))  # warm Wagtail's site root paths
    small = _count(client, results_url(published))
    _answer_everything(published, 180, start=20)
    assert _count(client, results_url(published)) == small
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(results_url(published))


def test_query_count_is_flat_from_one_year_to_three(client, settings, survey_index,
                                                    django_assert_max_num_queries):
    settings.PORTAL_PAGE_CACHE = False
    latest = closed_survey(survey_index, 2026)
    _answer_everything(latest, 30)
    client.get(results_url(latest))
    one_year = _count(client, results_url(latest))
    for year in (2024, 2025):
        _answer_everything(closed_survey(survey_index, year), 30)
    assert len(survey_results(latest, minimum=10).trends) == 4
    # Publishing the other years purged what is kept between publishes (core.memo): read the
    # page once more, then compare a warm read with a warm read.
    client.get(results_url(latest))
    assert _count(client, results_url(latest)) == one_year
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(results_url(latest))


def test_query_count_is_flat_when_the_survey_asks_every_bank_question(
        client, settings, survey_index, officer):
    settings.PORTAL_PAGE_CACHE = False
    few = closed_survey(survey_index, 2025, layout=[(OVERALL, 1, True)])
    add_responses(few, scale_answers(question_ids(few)[OVERALL], TWELVE))
    client.get(results_url(few))
    few_count = _count(client, results_url(few))
    every = [(q.short_name, 1, False) for q in SurveyQuestion.objects.filter(retired=False)]
    many = closed_survey(survey_index, 2026, layout=every)
    _answer_everything(many, 30)
    (response, *_rest) = SurveyResponse.objects.filter(survey=many)
    comment = SurveyComment.objects.create(
        response=response, survey=many, question_id=question_ids(many)["One thing to improve"],
        text="Fine.")
    comment_moderate(comment=comment, user=officer, decision="approved")
    SurveyAction.objects.create(page=many, you_said="a", action="b", owner="c")
    client.get(results_url(many))  # warm, as ``few_count`` was (core.memo)
    assert _count(client, results_url(many)) <= few_count + 1  # + the multiple choice count


def test_the_page_has_no_inline_script_or_style_for_its_charts(client, published):
    html = client.get(results_url(published)).content.decode()
    main = main_of(client.get(results_url(published)))
    assert not re.search(r"<script|style=", main)
    assert html.count('role="img"') == html.count("<svg")


def test_changing_the_minimum_drops_cached_results_pages(client, published):
    assert client.get(results_url(published))["X-Page-Cache"] == "miss"
    assert client.get(results_url(published))["X-Page-Cache"] == "hit"
    site = Site.objects.get(is_default_site=True)
    settings = SurveySettings.for_site(site)
    settings.minimum_responses = 500
    settings.save()
    response = client.get(results_url(published))
    assert response["X-Page-Cache"] == "miss"
    assert "fewer than 500" in response.content.decode()
