"""The governance board reads every coding frame and write-up, read only: its status, who
agreed it on the forum's behalf and when, and the counts the forum agreed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _send_and_agree,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/board/analysis/"


@pytest.fixture
def agreed(published, agreed_frame, officer, forum_rep):  # noqa: F811
    return _send_and_agree(_generate(published, officer), officer, forum_rep)


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("parent", 403),
                                          ("forum_rep", 403), ("officer", 200),
                                          ("board_member", 200)])
def test_who_reads_the_boards_view_of_the_analysis(client, login_as, agreed, role, status):
    login_as(role)
    response = client.get(URL)
    assert response.status_code == status
    if status == 302:
        assert "sign-in" in response["Location"]
    if status == 200:
        html = response.content.decode()
        assert "Late transport" in html and "Agreed with the forum" in html
        # Who agreed, when, and the counts agreed (a small one still hidden).
        assert html.count("by forumrep on") == 2  # the frame and the write-up
        assert "the counts the forum agreed" in html
        assert "<bdi>20</bdi>" in html and "held back" in html and "fewer than 10" not in html
        # Read only: no form to change or agree anything.
        assert "<form" not in html.replace('action="/sign-out/"', "").split("</nav>", 1)[1]


def test_the_board_home_links_to_it(client, login_as, agreed):
    login_as("board_member")
    assert reverse("analysis_board") in client.get("/board/").content.decode()


def test_the_boards_view_takes_a_fixed_number_of_queries(
        client, login_as, agreed, published, officer, forum_rep, survey_index,  # noqa: F811
        django_assert_max_num_queries):
    login_as("board_member")
    client.get(URL)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


def test_each_counts_table_has_its_own_id_and_a_name_with_its_write_ups_title(
        client, login_as, agreed):
    import re
    from html import unescape
    login_as("board_member")
    html = client.get(URL).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)

    def text_of(element_id):
        m = re.search(rf'<(\w+)[^>]*\bid="{re.escape(element_id)}"[^>]*>(.*?)</\1>', html, re.S)
        return " ".join(unescape(re.sub(r"<[^>]+>", "", m.group(2))).split())

    names = []
    for labelled_by in re.findall(r'role="region" aria-labelledby="([^"]+)"', html):
        names.append(" ".join(text_of(i) for i in labelled_by.split()))
    counts = [n for n in names if "How many people raised each theme" in n]
    assert counts, names
    assert len(names) == len(set(names)), names
    assert all(agreed.page.title in n for n in counts), counts
