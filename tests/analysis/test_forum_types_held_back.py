"""A forum representative is shown the counts by respondent type beside a draft again, each
type's table made, held and kept by the same rule as every other table shown outside the
council (``counting.counts_to_show`` over every table shown before, each type's table a frame
of its own): set beside an earlier view, the table beside it, or the published table, no
figure they were ever shown differs from the same figure shown before by 1 to 9.

First the rule over sequences of visits, without a database (hypothesis); then the
representative's page."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import writeup_selectors, writeup_services
from analysis.counting import counts_to_show, differs_by_few
from analysis.models import WriteUp
from surveys.models import SurveyResponse
from tests.analysis.test_forum_table_held_back import _more, _rep_sees
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

MINIMUM = 10
THEMES = ("late", "kind", "sooner")
TYPES = ("parents", "schools")


def _shown(n: int) -> int | None:
    return None if 0 < n < MINIMUM else n


def _tables(answers: dict[str, tuple[str, str]]) -> list[dict]:
    """The frame's table and one by respondent type (answer key -> (type, themes joined by
    ",")), shaped as ``writeup_selectors.frame_counts`` and ``type_counts`` shape them, a
    count under the minimum hidden (a toy of ``counting.theme_table``)."""

    def table(key, rows, **more):
        counts = {t: sum(1 for _k, themes in rows if t in themes.split(",")) for t in THEMES}
        return {"frame": key, "question": "Q", "minimum": MINIMUM, "base": _shown(len(rows)),
                **more,
                "themes": [{"theme": t, "name": t, "count": _shown(counts[t]),
                            "under_minimum": 0 < counts[t] < MINIMUM, "percent": None,
                            "low": None, "high": None} for t in THEMES]}

    rows = list(answers.values())
    return [table(1, rows), *(table(f"1:{kind}", [r for r in rows if r[0] == kind], of=1,
                                    type=kind) for kind in TYPES)]


def _figures(tables: list[dict]) -> dict:
    found = {}
    for table in tables:
        found[(table["frame"], "base")] = table["base"]
        found.update({(table["frame"], t["theme"]): t["count"] for t in table["themes"]})
    return found


CHANGES = st.lists(st.tuples(st.sampled_from(["add", "drop", "recode", "retype"]),
                             st.integers(0, 30), st.sampled_from(TYPES),
                             st.sampled_from(["late", "kind", "sooner", "late,kind", ""])),
                   min_size=1, max_size=14)


@settings(max_examples=150, deadline=None)
@given(st.integers(10, 50), st.lists(CHANGES, min_size=2, max_size=7))
def test_no_two_tables_shown_differ_by_a_few_by_respondent_type_too(start, visits):
    """A representative's visits, each after a few or many answers were added, taken out,
    recoded or given another respondent type: the tables by type are kept with the frame's
    as the forum service keeps them (their answers not kept), and every figure of every
    table shown differs from the same figure shown at any other visit by nothing or by the
    minimum or more."""
    answers = {str(n): (TYPES[n % 2], THEMES[n % 3]) for n in range(start)}
    rounds, before, seen = [], {}, []
    counter = itertools.count(start)
    for changes in visits:
        for what, index, kind, themes in changes:
            keys = sorted(answers)
            if what == "add" or not keys:
                answers[str(next(counter))] = (kind, themes or "late")
            elif what == "drop":
                answers.pop(keys[index % len(keys)])
            elif what == "recode":
                key = keys[index % len(keys)]
                answers[key] = (answers[key][0], themes)
            else:
                key = keys[index % len(keys)]
                answers[key] = (kind, answers[key][1])
        coded = {"1": {k: themes for k, (_t, themes) in answers.items()}}
        tables, kept = counts_to_show(rounds, before, coded, _tables(answers))
        before = {key: value for key, value in kept.items() if ":" not in key}
        rounds.append(tables)
        seen.append(_figures(tables))
    for a, b in itertools.combinations(seen, 2):
        for key in a.keys() & b.keys():
            assert not differs_by_few(a[key], b[key], MINIMUM), (key, a[key], b[key])


def test_the_tables_by_type_are_split_from_the_frames_own():
    tables = _tables({str(n): (TYPES[n % 2], "late") for n in range(30)})
    own, types = writeup_selectors.by_type(tables)
    assert [t["frame"] for t in own] == [1]
    assert [t["type"] for t in types[1]] == ["parents", "schools"]


# --- the representative's page -----------------------------------------------------------------


_TYPES_TABLE = re.compile(r"How many people raised each theme, by who they are(.*?)</table>",
                          re.S)


def _by_type(html: str) -> dict:
    """The representative's table by respondent type: (type's words, theme or "base") ->
    count, None when held back."""
    table = _TYPES_TABLE.search(html).group(1)
    heads = re.findall(r'<th scope="col" class="govuk-table__header govuk-table__header--'
                       r'numeric">([^<]+)<br><span class="govuk-body-s">(?:<bdi>)?([\d,]+|held '
                       r'back)', table)
    labels = [label for label, _base in heads]
    found = {(label, "base"): None if base == "held back" else int(base.replace(",", ""))
             for label, base in heads}
    for name, cells in re.findall(r'<th scope="row"[^>]*>([^<]+)</th>(.*?)</tr>', table, re.S):
        values = re.findall(r'numeric">(?:<bdi>)?([\d,]+|held back)', cells)
        for label, value in zip(labels, values, strict=True):
            found[(label, name)] = None if value == "held back" else int(value.replace(",", ""))
    return found


@pytest.mark.django_db
def test_a_representative_sees_counts_by_type_held_as_every_table_is(
        client, published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    # Twelve more schools on late transport: 16 parents (12 late, 4 kind), 20 schools (late).
    for comment in _more(published, agreed_frame, officer, 12, "late", start=50):
        SurveyResponse.objects.filter(pk=comment.response_id).update(audience="schools")
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    _own, html = _rep_sees(client, forum_rep, published)
    first = _by_type(html)
    parents, schools = "Parents and carers", "Schools and colleges"
    assert first == {(parents, "base"): 16, (schools, "base"): 20,
                     (parents, "Late transport"): 12, (schools, "Late transport"): 20,
                     (parents, "Kind staff"): None, (schools, "Kind staff"): 0,
                     (parents, "Tell us sooner"): 0, (schools, "Tell us sooner"): 0}
    views = [first]
    for step, (n, code) in enumerate(((3, "late"), (4, "late"), (3, "late"), (12, "kind"))):
        _more(published, agreed_frame, officer, n, code, start=100 * (step + 1))
        views.append(_by_type(_rep_sees(client, forum_rep, published)[1]))
    # Three, then seven answers more: the tables shown stay; ten: the counts now.
    assert views[1] == views[2] == first
    assert views[3][(parents, "base")] == 26 and views[3][(parents, "Late transport")] == 22
    assert views[3][(schools, "base")] == 20
    for a, b in itertools.combinations(views, 2):
        for key in a.keys() & b.keys():
            assert not differs_by_few(a[key], b[key], MINIMUM), (key, a[key], b[key])
    # Every table by type shown is kept, as the frame's are, for the next view and round.
    rounds = WriteUp.objects.get(pk=write_up.pk).shown_rounds
    assert all(any(":" in str(t["frame"]) for t in r["tables"]) for r in rounds)
    # The officer's own view is today's table and keeps nothing.
    kept = WriteUp.objects.get(pk=write_up.pk).shown_rounds
    client.force_login(officer)
    client.get(_page_url(published))
    assert WriteUp.objects.get(pk=write_up.pk).shown_rounds == kept
