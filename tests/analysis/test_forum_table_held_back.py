"""The counts a forum representative is shown beside a draft (or beside an agreed version
whose coding changed) are made by the published counts' rule, held against every table shown
outside the council before, and kept as shown: set beside the published table, or beside the
table they saw at an earlier visit, they give no number from 1 to 9 by subtraction. While 1
to 9 answers were added, taken out or recoded since the last table shown, it keeps that
table's figures ("Counts not updated"); a figure within 9 of one shown before is held back.

First the rule over a sequence of views, without a database (hypothesis); then the forum
representative's own pages."""

from __future__ import annotations

import itertools
import re

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import writeup_services
from analysis.counting import counts_to_show, differs_by_few
from analysis.models import Coding, Theme, WriteUp
from surveys.models import SurveyComment, SurveyResponse
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    _send_and_agree,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

MINIMUM = 10
THEMES = ("late", "kind", "sooner")


# --- the rule over a sequence of views, without a database ------------------------------------


def _table(answers: dict[str, str]) -> dict:
    """One frame's counts table as ``writeup_selectors.frame_counts`` keeps it, from answer
    key -> its themes (joined by ","): a count under the minimum hidden, and a base under
    it too (a toy of ``counting.theme_table``, enough for the figures compared here)."""
    base = len(answers)
    counts = {t: sum(1 for themes in answers.values() if t in themes.split(","))
              for t in THEMES}

    def shown(n):
        return None if 0 < n < MINIMUM else n

    return {"frame": 1, "question": "Q", "minimum": MINIMUM, "base": shown(base),
            "themes": [{"theme": t, "name": t, "count": shown(counts[t]),
                        "under_minimum": 0 < counts[t] < MINIMUM, "percent": None,
                        "low": None, "high": None} for t in THEMES]}


def _figures(table) -> dict:
    found = {"base": table["base"]}
    found.update({t["theme"]: t["count"] for t in table["themes"]})
    return found


CHANGES = st.lists(st.tuples(st.sampled_from(["add", "drop", "recode"]),
                             st.integers(0, 14), st.sampled_from(["late", "kind", "sooner",
                                                                  "late,kind", ""])),
                   min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.integers(10, 40), st.lists(CHANGES, min_size=2, max_size=7))
def test_no_two_views_show_a_figure_differing_by_a_few(start, visits):
    """A representative's visits, each after a few or many answers were added, taken out
    or recoded: every figure they were ever shown differs from every other shown figure of
    the same count by nothing or by the minimum or more."""
    answers = {str(n): THEMES[n % 3] for n in range(start)}
    rounds, before, seen = [], {}, []
    counter = itertools.count(start)
    for changes in visits:
        for what, index, themes in changes:
            keys = sorted(answers)
            if what == "add" or not keys:
                answers[str(next(counter))] = themes or "late"
            elif what == "drop":
                answers.pop(keys[index % len(keys)])
            else:
                answers[keys[index % len(keys)]] = themes
        tables, before = counts_to_show(rounds, before, {"1": dict(answers)},
                                        [_table(answers)])
        rounds.append(tables)
        seen.append(_figures(tables[0]))
    for a, b in itertools.combinations(seen, 2):
        for key in a:
            assert not differs_by_few(a[key], b[key], MINIMUM), (key, a[key], b[key])


def test_a_few_answers_keep_the_table_shown_until_they_build_up_to_the_minimum():
    answers = {str(n): "late" for n in range(24)}
    [first], before = counts_to_show([], {}, {"1": dict(answers)}, [_table(answers)])
    rounds = [[first]]
    for n in range(24, 33):  # nine more, one visit each: the first table stays
        answers[str(n)] = "late"
        [shown], before = counts_to_show(rounds, before, {"1": dict(answers)},
                                         [_table(answers)])
        assert _figures(shown) == _figures(first) and shown["not_updated"]
        rounds.append([shown])
    answers["33"] = "late"  # the tenth: new figures, ten from the first
    [shown], before = counts_to_show(rounds, before, {"1": dict(answers)}, [_table(answers)])
    assert shown["base"] == 34 and _figures(shown)["late"] == 34
    assert "not_updated" not in shown


# --- the forum representative's pages ----------------------------------------------------------


def _more(page, frame, officer, n: int, code: str, start: int = 100) -> list[SurveyComment]:  # noqa: F811
    """``n`` new comments, approved, coded to the theme ``code`` by a person."""
    theme = Theme.objects.get(frame=frame, code=code)
    made = []
    for i in range(n):
        response = SurveyResponse.objects.create(survey=page, audience="parents",
                                                 submitted_on=page.opens.date())
        made.append(SurveyComment.objects.create(
            response=response, survey=page, question_id=frame.question_id, language="en",
            text=f"More about this, number {start + i}.",
            moderation=SurveyComment.Moderation.APPROVED))
    Coding.objects.bulk_create([Coding(comment=c, question_id=frame.question_id, theme=theme,
                                       coded_by=officer, coded_at=timezone.now())
                                for c in made])
    return made


_CELL = re.compile(r'<th scope="row" class="govuk-table__header"[^>]*>([^<]+)</th>\s*'
                   r'<td class="govuk-table__cell govuk-table__cell--numeric">(?:<bdi>)?'
                   r'([\d,]+|held back)')


def _rep_sees(client, forum_rep, page) -> tuple[dict, str]:
    """The counts table a representative is shown on the analysis page (theme -> count, None
    when held back; "base" -> people coded), and the page."""
    client.force_login(forum_rep)
    response = client.get(_page_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    table = html.split("How many people raised each theme", 1)[1].split("</table>", 1)[0]
    seen = {name: None if value == "held back" else int(value.replace(",", ""))
            for name, value in _CELL.findall(table)}
    coded = re.search(r"(\d+) people’s answers have been coded", html)
    seen["base"] = int(coded.group(1)) if coded else None
    return seen, html


def _never_a_few_apart(*views: dict) -> None:
    for a, b in itertools.combinations(views, 2):
        for key in a.keys() & b.keys():
            assert not differs_by_few(a[key], b[key], MINIMUM), (key, a[key], b[key])


@pytest.mark.django_db
def test_a_representative_cannot_subtract_an_earlier_view_from_the_table_now(
        client, published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    first, html = _rep_sees(client, forum_rep, published)
    assert first == {"Late transport": 20, "Kind staff": None, "Tell us sooner": 0,
                     "base": 24}
    assert "Counts not updated" not in html
    _more(published, agreed_frame, officer, 3, "late")
    second, html = _rep_sees(client, forum_rep, published)
    # Three answers more: the table the representative saw stays, and says why.
    assert second == first
    assert "Counts not updated: fewer than 10 answers were added, taken out or recoded" in html
    assert "27 people’s answers have been coded" not in html
    _more(published, agreed_frame, officer, 4, "late", start=200)
    assert _rep_sees(client, forum_rep, published)[0] == first  # seven: still the same
    _more(published, agreed_frame, officer, 3, "late", start=300)
    third, html = _rep_sees(client, forum_rep, published)
    # Ten answers since the table shown: the counts now, ten from those shown before.
    assert third == {"Late transport": 30, "Kind staff": None, "Tell us sooner": 0,
                     "base": 34}
    _more(published, agreed_frame, officer, 2, "kind", start=400)
    fourth, _html = _rep_sees(client, forum_rep, published)
    assert fourth == third
    _never_a_few_apart(first, second, third, fourth)
    # What was shown is kept, in order, with the draft's own counts first.
    # (A table is kept when its figures, or its "not updated", differ from the last one.)
    rounds = WriteUp.objects.get(pk=write_up.pk).shown_rounds
    assert [r["to"] for r in rounds] == ["forum"] * 4
    assert [r["sent"] for r in rounds] == [True, False, False, False]
    assert [bool(r["tables"][0].get("not_updated")) for r in rounds] == [
        False, True, False, True]


@pytest.mark.django_db
def test_a_representative_cannot_subtract_the_published_table_from_the_table_now(
        client, published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    public = {t["name"]: t["count"] for t in write_up.agreed["counts"][0]["themes"]}
    public["base"] = write_up.agreed["counts"][0]["base"]
    assert public == {"Late transport": 20, "Kind staff": None, "Tell us sooner": 0,
                      "base": 24}
    # Twelve answers coded since: five "Late transport" (20 to 25: held back, five from the
    # published 20), seven "Kind staff" (4 to 11: shown, the 4 was never given).
    _more(published, agreed_frame, officer, 5, "late")
    _more(published, agreed_frame, officer, 7, "kind", start=200)
    client.force_login(forum_rep)
    html = client.get(_page_url(published)).content.decode()
    assert "Coding has changed since the forum agreed this." in html
    changes = html.split("Themes whose count has changed", 1)[1].split("</table>", 1)[0]
    rows = {name: now.strip() for name, _then, now in re.findall(
        r'<th scope="row"[^>]*>([^<]+)</th>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>',
        changes, re.S)}
    assert rows == {"Late transport": "held back", "Kind staff": "<bdi>11</bdi>"}
    assert "answers recoded" not in html and "<bdi>25</bdi>" not in html
    # The public's table is still the one agreed.
    assert WriteUp.objects.get(pk=write_up.pk).agreed["counts"] == write_up.agreed["counts"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "parent", "board_member"])
def test_no_one_else_is_shown_the_forums_table_and_nothing_is_kept_for_them(
        client, login_as, published, agreed_frame, comments, officer, forum_rep,  # noqa: F811
        role):
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    _more(published, agreed_frame, officer, 12, "late")
    kept = WriteUp.objects.get(pk=write_up.pk).shown_rounds
    login_as(role)
    response = client.get(_page_url(published))
    assert response.status_code in (302, 403, 404)
    assert WriteUp.objects.get(pk=write_up.pk).shown_rounds == kept


@pytest.mark.django_db
def test_the_officer_sees_todays_table_by_type_and_no_view_of_theirs_is_kept(
        client, published, agreed_frame, comments, officer):  # noqa: F811
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    _more(published, agreed_frame, officer, 3, "late")
    kept = WriteUp.objects.get(pk=write_up.pk).shown_rounds
    client.force_login(officer)
    html = client.get(_page_url(published)).content.decode()
    assert "How many people raised each theme, by who they are" in html
    assert "27 people’s answers have been coded" in html
    assert WriteUp.objects.get(pk=write_up.pk).shown_rounds == kept
