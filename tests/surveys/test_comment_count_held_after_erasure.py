"""While the public results keep the last round's figures after a response is erased
("Counts not updated"), the written answers' "N are published so far" does not move by one
beside them: the number is left out until the figures are updated (review bk15i, F5)."""

from __future__ import annotations

import pytest

from surveys.models import SurveyComment
from tests.surveys.test_results import main_of, results_url
from tests.surveys.test_results_held_after_erasure import (  # noqa: F401 - fixtures
    _erase,
    published,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]


@pytest.fixture
def erased_one(published, officer):  # noqa: F811
    comment = SurveyComment.objects.order_by("pk").first()
    published.erased_words = comment.public_text
    _erase(comment, officer)
    return published


def test_the_count_is_given_while_the_figures_are_updated(client, published):  # noqa: F811
    page = main_of(client.get(results_url(published)))
    assert "40 are published so far." in page
    assert "Any published so far are shown below." not in page


@pytest.mark.parametrize("role", ROLES)
def test_after_one_erasure_no_published_count_moves_beside_counts_not_updated(
        client, login_as, erased_one, role):
    login_as(role)
    page = main_of(client.get(results_url(erased_one)))
    assert "Counts not updated" in page
    assert "39 are published so far" not in page and "are published so far" not in page
    assert "Any published so far are shown below." in page
    # How many wrote an answer stays as shown; the erased person's comment has gone.
    assert "40 people wrote an answer." in page
    assert erased_one.erased_words not in page and page.count("Late, day") == 39


@pytest.mark.parametrize(("language", "said", "count"), [
    ("pl", "Poniżej pokazujemy te, które do tej pory opublikowano.", "Do tej pory opublikowano"),
    ("ar", "نعرض أدناه ما نُشر منها حتى الآن.", "نُشرت"),
])
def test_the_words_are_in_the_readers_language(client, published, officer, language,  # noqa: F811
                                               said, count):
    before = main_of(client.get(f"/{language}" + results_url(published)))
    assert count in before and said not in before
    _erase(SurveyComment.objects.order_by("pk").first(), officer)
    page = main_of(client.get(f"/{language}" + results_url(published)))
    assert said in page and count not in page
