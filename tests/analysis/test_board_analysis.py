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
