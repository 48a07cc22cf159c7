"""The public page shows its versions, what changed and why, and every open disagreement."""

import pytest

from charter import services
from charter.models import ForumReviewTaskState
from tests.charter.conftest import send_to_forum

pytestmark = pytest.mark.django_db
Decision = ForumReviewTaskState.Decision
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]


@pytest.fixture
def second_version(tree, officer, forum_rep, section_ids):
    """Version 2: the forum asked for a change to walking distances; the council made it."""
    review = send_to_forum(tree.policy, officer)
    comment = services.comment_submit(
        review=review, author=forum_rep, block_id=section_ids[1],
        section_heading="Walking distances",
        body="<p>Two miles is too far for children under 8.</p>")
    services.comment_answer(comment=comment, officer=officer, disposition="partly",
                            reason="Under-8s now walk up to 1.5 miles.")
    draft = tree.policy.get_latest_revision_as_object()
    draft.sections[1].value["body"] = type(draft.sections[1].value["body"])(
        "<p>Children under 8 walk up to 1.5 miles.</p>")
    revision = draft.save_revision(user=officer)
    services.comments_resolve(comments=[comment], revision=revision, officer=officer)
    services.review_decide(
        review=review, user=forum_rep, decision=Decision.AGREED_WITH_DISAGREEMENT,
        disagreements=[{"topic": "Walking distance for 8 to 11 year olds",
                        "forum_position": "Three miles is too far for many of our children.",
                        "block_id": section_ids[1], "section_heading": "Walking distances"}],
    )
    tree.policy.refresh_from_db()
    return tree.policy


def test_the_published_page_shows_the_disagreement_near_the_top_and_by_its_section(
    client, second_version
):
    html = client.get(second_version.url).content.decode()
    assert "Where the forum and the council disagree" in html
    assert html.count("Three miles is too far for many of our children.") == 2
    assert "The council has not written its position yet." in html
    # The box comes before the first section.
    assert html.index("Where the forum and the council disagree") < html.index("Who can get help")


def test_a_resolved_disagreement_leaves_the_page(client, second_version, officer, forum_rep,
                                                django_capture_on_commit_callbacks):
    item = second_version.disagreements.get()
    client.get(second_version.url)  # now in the page cache
    with django_capture_on_commit_callbacks(execute=True):
        services.disagreement_mark_resolved(disagreement=item, user=officer)
    assert "Where the forum and the council disagree" in client.get(
        second_version.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.disagreement_mark_resolved(disagreement=item, user=forum_rep)
    assert "Where the forum and the council disagree" not in client.get(
        second_version.url).content.decode()


def test_the_page_lists_its_versions_with_their_change_notes(client, second_version):
    html = client.get(second_version.url).content.decode()
    assert "This is version 2" in html
    versions = client.get(second_version.url + "versions/").content.decode()
    assert "First version." in versions
    assert "Clearer summary after the forum asked." in versions


def test_compare_shows_word_changes_and_the_comment_that_drove_them(client, second_version,
                                                                    forum_rep):
    response = client.get(second_version.url + "compare/1/2/")
    assert response.status_code == 200
    html = response.content.decode()
    assert ('<del data-marker="removed">2 miles.</del>' in html
            or '<del data-marker="removed">2</del>' in html)
    assert '<ins data-marker="added">' in html
    assert "Two miles is too far for children under 8." in html
    assert "Partly accepted" in html and "Under-8s now walk up to 1.5 miles." in html
    # Forum representatives are never named in public.
    assert forum_rep.username not in html
    assert "Forum representative" in html
    # Not colour alone: the changes are struck through or underlined, and said in words.
    assert "Added words are underlined" in html


def test_the_compare_form_redirects_in_order_and_bad_versions_are_not_found(client,
                                                                          second_version):
    response = client.get(second_version.url + "compare/?from=2&to=1")
    assert response.status_code == 302
    assert response["Location"].endswith("compare/1/2/")
    assert client.get(second_version.url + "compare/2/1/").status_code == 404
    assert client.get(second_version.url + "compare/1/9/").status_code == 404
    assert client.get(second_version.url + "compare/?from=x").status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_everyone_can_read_the_record(client, second_version, login_as, role):
    login_as(role)
    for suffix in ("", "versions/", "compare/1/2/"):
        assert client.get(second_version.url + suffix).status_code == 200


def _queries(client, url, django_assert_max_num_queries, limit=60):
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def _another_round(page, officer, forum_rep, section_ids, comments=0):
    from wagtail.rich_text import RichText

    draft = page.get_latest_revision_as_object()
    for block in draft.sections:
        block.value["body"] = RichText(f"<p>Round {draft.get_latest_revision().pk} text.</p>")
    draft.save_revision(user=officer)
    review = send_to_forum(page, officer, in_short=f"Change {page.pk}.",
                           change_note="Another round.")
    for i in range(comments):
        c = services.comment_submit(review=review, author=forum_rep, body=f"<p>Point {i}</p>",
                                    block_id=section_ids[i % 2])
        services.comment_answer(comment=c, officer=officer, disposition="noted", reason="Ok.")
    services.review_decide(
        review=review, user=forum_rep, decision=Decision.AGREED_WITH_DISAGREEMENT,
        disagreements=[{"topic": "More", "forum_position": "Still too far.",
                        "block_id": section_ids[0], "section_heading": "Who can get help"}])


def test_the_public_page_query_count_does_not_grow_with_versions_or_disagreements(
    client, second_version, officer, forum_rep, section_ids, django_assert_max_num_queries
):
    before, _ = _queries(client, second_version.url, django_assert_max_num_queries)
    assert before <= 23
    for _ in range(3):
        _another_round(second_version, officer, forum_rep, section_ids, comments=4)
    after, html = _queries(client, second_version.url, django_assert_max_num_queries)
    assert after == before
    assert "This is version 5" in html
    assert html.count("Still too far.") == 6  # three in the box, three by their section


def test_compare_query_count_does_not_grow_with_comments(
    client, second_version, officer, forum_rep, section_ids, django_assert_max_num_queries
):
    before, _ = _queries(client, second_version.url + "compare/1/2/",
                         django_assert_max_num_queries)
    assert before <= 31
    for _ in range(2):
        _another_round(second_version, officer, forum_rep, section_ids, comments=15)
    after, html = _queries(client, second_version.url + "compare/1/4/",
                           django_assert_max_num_queries)
    assert after == before
    assert html.count("Forum representative") >= 31


def test_many_comments_on_one_change_fold_after_the_first_three(
    client, second_version, officer, forum_rep, section_ids, django_assert_max_num_queries
):
    _another_round(second_version, officer, forum_rep, section_ids, comments=10)
    from django.core.cache import cache

    cache.clear()
    html = client.get(second_version.url + "compare/2/3/").content.decode()
    assert "2 more comments" in html  # 5 on each section: 3 shown, 2 folded
    assert html.count("<details") >= 2
