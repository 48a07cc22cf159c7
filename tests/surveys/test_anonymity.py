"""Nobody can tell which answers are whose: not from the database (keys, system columns,
times, order), not from the request log, not from a choice the person answering made."""

import logging

import pytest
from django.core.signals import request_started
from django.db import connection

from surveys import services
from surveys.exports import response_export_rows
from surveys.models import SurveyInvitation, SurveyResponse, SurveyUsedCode
from surveys.statistics import YearChange, wilson_interval
from tests.surveys.conftest import make_survey, question_ids

CODE = "ABCD2345"


def _url(survey, tail=""):
    return f"{survey.url}respond/{tail}"


def _answer_as_invited(client, survey, code=CODE, audience="parents"):
    """The whole journey from an invitation: code typed on the start page, every page,
    then the check page sent."""
    q = question_ids(survey)
    start = client.post(_url(survey), {"audience": audience, "code": code})
    assert start.status_code == 302, start.content.decode()[:1500]
    pages = {1: {f"q_{q['Overall satisfaction']}": "4"},
             2: {f"q_{q['Feels safe']}": "1"},
             3: {f"q_{q['One thing to improve']}": "Tell us sooner when the driver changes."}}
    for number, fields in pages.items():
        assert client.post(_url(survey, f"{number}/"), fields).status_code == 302
    sent = client.post(_url(survey, "check/"))
    assert sent.status_code == 302 and sent["Location"] == _url(survey, "thank-you/")
    return sent


# --- PostgreSQL: no join between the invitation side and the answers ---------------------

INVITATION_SIDE = ["surveys_surveyinvitation", "surveys_surveyusedcode"]
ANSWER_SIDE = ["surveys_surveyresponse", "surveys_surveyanswer", "surveys_surveycomment"]
# Shared by every invitation and response of a survey (they say which survey, and who it
# asked), so they group rows but cannot pick one person's out; and, on the answers' side,
# columns naming a question, an officer or a scale point, the same for everyone (an
# invitation's number could equal a question's by chance).
GROUPING = {"survey_id", "audience"}
NOT_ABOUT_ANYONE = {"question_id", "moderated_by_id", "value_int"}


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT column_name FROM information_schema.columns "
                       "WHERE table_name = %s", [table])
        return [row[0] for row in cursor.fetchall()]


def _linking_rows(left: str, right: str) -> list[tuple]:
    """Every pair of columns (the transaction id ``xmin`` included) on which a row of
    ``left`` equals a row of ``right``, compared as text."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {left} a JOIN {right} b ON a.xmin = b.xmin")  # noqa: S608
        if cursor.fetchall():
            found.append((left, right, "xmin"))
        for a in _columns(left):
            for b in _columns(right):
                if a in GROUPING or b in GROUPING or b in NOT_ABOUT_ANYONE:
                    continue
                cursor.execute(
                    f'SELECT 1 FROM {left} x JOIN {right} y '  # noqa: S608
                    f'ON x."{a}"::text = y."{b}"::text '
                    f'WHERE x."{a}" IS NOT NULL AND x."{a}"::text NOT IN (\'\', \'false\')')
                if cursor.fetchall():
                    found.append((left, right, a, b))
    return found


# Inside a test's transaction each ``transaction.atomic`` block is a savepoint, which
# PostgreSQL gives a transaction id of its own (rows written in it carry that ``xmin``):
# the same separation as the two commits outside tests. (Tests that really commit cannot
# run here: the evidence log refuses the TRUNCATE that would clean up after them.)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="system columns: PostgreSQL")
@pytest.mark.django_db
def test_on_postgresql_no_column_or_system_column_joins_an_invitation_to_its_answers(
        client, survey_index):
    survey = make_survey(survey_index, year=2027, requires_code=True)
    SurveyInvitation.objects.create(survey=survey, code=CODE, email="parent@example.org",
                                    audience="schools")
    SurveyInvitation.objects.create(survey=survey, code="WXYZ6789", email="b@example.org")
    _answer_as_invited(client, survey)

    assert SurveyResponse.objects.get().audience == "schools"
    assert SurveyUsedCode.objects.count() == 1
    for left in INVITATION_SIDE:
        for right in ANSWER_SIDE:
            assert _linking_rows(left, right) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="system columns: PostgreSQL")
@pytest.mark.django_db
def test_on_postgresql_the_nightly_job_leaves_used_codes_in_no_order_of_use(survey_index):
    survey = make_survey(survey_index, year=2027, requires_code=True)
    ids = question_ids(survey)
    for code in ["ZZZZ9999", "AAAA2222", "MMMM5555"]:
        SurveyInvitation.objects.create(survey=survey, code=code, email=f"{code}@example.org")
        services.survey_submit(survey=survey, audience="parents",
                               answers={ids["Overall satisfaction"]: 5}, code=code)
    assert services.used_codes_reorder(survey=survey) == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT code_hash, xmin::text FROM surveys_surveyusedcode "
                       "ORDER BY ctid")
        rows = cursor.fetchall()
    assert [h for h, _x in rows] == sorted(h for h, _x in rows)  # on disk in hash order
    assert len({x for _h, x in rows}) == 1  # one transaction wrote them all


# --- the request log ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_request_log_never_holds_an_invitation_code(client, survey_index, caplog):
    """Each request's line as a web server logs it (method, path and query string, and the
    page it came from), for the whole journey from the invitation e-mail."""
    survey = make_survey(survey_index, year=2027, requires_code=True)
    invitation = SurveyInvitation.objects.create(survey=survey, code=CODE,
                                                 email="parent@example.org")
    log = logging.getLogger("tests.access")

    def access_log(sender, environ, **kwargs):
        query = environ.get("QUERY_STRING", "")
        log.info('"%s %s%s" referer=%s', environ["REQUEST_METHOD"], environ["PATH_INFO"],
                 f"?{query}" if query else "", environ.get("HTTP_REFERER", "-"))

    request_started.connect(access_log)
    try:
        with caplog.at_level(logging.DEBUG):
            # The link in the e-mail: the code is after "#", which the browser never sends.
            client.get(_url(survey))
            sent = _answer_as_invited(client, survey)
            client.get(sent["Location"])
    finally:
        request_started.disconnect(access_log)
    lines = [r.getMessage() for r in caplog.records if r.name == "tests.access"]
    assert len(lines) >= 6 and any("check/" in line for line in lines)
    assert not [line for line in lines if invitation.code in line]
    assert not [r for r in caplog.records if invitation.code in r.getMessage()]
    assert SurveyUsedCode.objects.filter(code_hash=invitation.code_hash).exists()


# --- the audience comes from the invitation -----------------------------------------------


@pytest.mark.django_db
def test_a_code_sent_to_a_school_answers_as_a_school_whatever_is_posted(client, survey):
    SurveyInvitation.objects.create(survey=survey, code=CODE, email="head@school.example.org",
                                    audience="schools")
    _answer_as_invited(client, survey, audience="parents")  # a tampered form
    assert SurveyResponse.objects.get().audience == "schools"


@pytest.mark.django_db
def test_with_a_code_the_check_page_says_who_answers_and_offers_no_change(client, survey):
    SurveyInvitation.objects.create(survey=survey, code=CODE, email="head@school.example.org",
                                    audience="schools")
    assert client.post(_url(survey), {"audience": "parents", "code": CODE}).status_code == 302
    html = client.get(_url(survey, "check/")).content.decode()
    assert "(from your invitation)" in html
    assert "who you are answering as" not in html  # no "Change" link that would do nothing


@pytest.mark.django_db
def test_a_survey_for_invited_people_only_does_not_ask_who_you_are(client, survey_index):
    survey = make_survey(survey_index, year=2027, requires_code=True)
    html = client.get(_url(survey)).content.decode()
    assert 'name="audience"' not in html and 'name="code"' in html
    SurveyInvitation.objects.create(survey=survey, code=CODE, email="a@example.org",
                                    audience="operators")
    start = client.post(_url(survey), {"code": CODE, "audience": "parents"})
    assert start.status_code == 302
    assert client.session[f"survey:{survey.pk}"]["audience"] == "operators"


# --- a code's use and the answers are separate writes ---------------------------------------


@pytest.mark.django_db
def test_answers_that_cannot_be_stored_give_the_code_back(client, survey, monkeypatch):
    SurveyInvitation.objects.create(survey=survey, code=CODE, email="a@example.org")

    def broken(**kwargs):
        raise RuntimeError("database went away")

    real = services.survey_submit
    monkeypatch.setattr(services, "survey_submit", broken)
    with pytest.raises(AssertionError):
        _answer_as_invited(client, survey)
    assert not SurveyUsedCode.objects.exists()  # given back: usable again, from anywhere
    monkeypatch.setattr(services, "survey_submit", real)
    assert client.post(_url(survey, "check/"))["Location"] == _url(survey, "thank-you/")
    assert SurveyUsedCode.objects.count() == 1 and SurveyResponse.objects.count() == 1


@pytest.mark.django_db
def test_a_code_is_used_once_even_when_two_people_send_it(client, survey):
    invitation = SurveyInvitation.objects.create(survey=survey, code=CODE, email="a@example.org")
    services.invitation_code_use(survey=survey, code=CODE)
    with pytest.raises(services.InvitationCodeError):
        services.invitation_code_use(survey=survey, code=CODE.lower())
    assert SurveyUsedCode.objects.get().code_hash == invitation.code_hash


# --- the officers' file ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_responses_file_is_not_in_the_order_the_answers_arrived(survey):
    ids = question_ids(survey)
    arrived = []
    for point in [1, 2, 3, 4, 5, 1, 2, 3]:
        response, _created = services.survey_submit(
            survey=survey, audience="parents", answers={ids["Overall satisfaction"]: point})
        arrived.append(response)
    header, *rows = list(response_export_rows(survey))
    assert header[:4] == ["response", "audience", "submitted on", "late"]
    # In the order of the random keys, numbered in that order.
    by_key = sorted(arrived, key=lambda r: r.pk)
    labels = dict(survey.placements.get(question_id=ids["Overall satisfaction"])
                  .question.options())
    column = header.index("Overall satisfaction") if "Overall satisfaction" in header else 4
    assert [row[column] for row in rows] == [
        labels[r.answers.get().value_int] for r in by_key]
    assert [row[0] for row in rows] == [str(n) for n in range(1, 9)]
    assert all(len(row[2]) == 10 for row in rows)  # a day (YYYY-MM-DD), never a time


# --- small numbers -------------------------------------------------------------------------


def test_intervals_that_touch_once_rounded_are_not_a_real_change():
    # 0.3 to 0.5 and 0.5 to 0.7 do not overlap exactly, but both print 50 %.
    from surveys.statistics import Proportion

    before = Proportion(40, 100, 0.30, 0.4996)
    after = Proportion(60, 100, 0.5004, 0.70)
    assert not before.overlaps(after)
    assert not YearChange("q", before, after).significant
    apart = Proportion(60, 100, 0.52, 0.70)
    assert YearChange("q", before, apart).significant
    # Real intervals far apart stay a real change.
    assert YearChange("q", wilson_interval(20, 100), wilson_interval(80, 100)).significant
