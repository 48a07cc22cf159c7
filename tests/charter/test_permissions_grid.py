"""Every co-production URL against every role: who gets in, who is turned away."""

import pytest
from django.urls import reverse

from charter import services

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]

# GET: which roles may read each page (others are sent to sign in, or refused).
READERS = {
    "forum_home": {"forum_rep", "officer"},
    "forum_draft": {"forum_rep", "officer"},
    "forum_disagreement": {"forum_rep", "officer"},
    "board_home": {"board_member", "officer"},
    "board_page": {"board_member", "officer"},
    "board_pack": {"board_member", "officer"},
    "board_csv": {"board_member", "officer"},
    "board_record_csv": {"board_member", "officer"},
    "charter_remove_text": {"officer"},
    "charter_reviews": {"officer"},
    "charter_page_comments": {"officer"},
}


@pytest.fixture
def objects(review, forum_rep, tree):
    disagreement = services.disagreement_state(page=tree.policy, user=forum_rep, topic="T",
                                               forum_position="P")
    return {"review": review, "page": tree.policy, "disagreement": disagreement}


def _url(name, objects):
    args = {
        "forum_draft": [objects["review"].pk],
        "forum_disagreement": [objects["disagreement"].pk],
        "board_page": [objects["page"].pk], "board_pack": [objects["page"].pk],
        "board_csv": [objects["page"].pk], "charter_page_comments": [objects["page"].pk],
        "charter_remove_text": ["disagreement", objects["disagreement"].pk],
    }.get(name, [])
    return reverse(name, args=args)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(READERS))
def test_who_can_read_each_page(client, objects, login_as, role, name):
    login_as(role)
    response = client.get(_url(name, objects))
    if role in READERS[name]:
        assert response.status_code == 200
    elif role == "anonymous" or name.startswith("charter_"):
        assert response.status_code == 302  # to sign in (the admin's, for admin views)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_who_can_change_each_record(client, objects, login_as, role, officer):
    login_as(role)
    review, disagreement = objects["review"], objects["disagreement"]
    client.post(reverse("charter_review_deadline", args=[review.pk]),
                {"deadline": "2030-01-01", "reason": "Agreed at the meeting."})
    client.post(reverse("charter_disagreement", args=[disagreement.pk]),
                {"position": "Council view."})
    client.post(reverse("forum_disagreement", args=[disagreement.pk]), {"position": "Forum view."})
    review.refresh_from_db()
    disagreement.refresh_from_db()
    assert (str(review.deadline) == "2030-01-01") == (role == "officer")
    assert (disagreement.council_position == "Council view.") == (role == "officer")
    assert (disagreement.forum_position == "Forum view.") == (role == "forum_rep")
