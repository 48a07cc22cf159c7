"""Forum forms with a problem: the title says "Error:", the summary links to the field, and
the messages are plain words in the reader's language rather than Django's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from charter import services
from charter.forms import CommentForm, DecisionForm, PositionForm
from charter.models import ForumComment

pytestmark = pytest.mark.django_db


def _title(html):
    return html.split("<title>", 1)[1].split("</title>", 1)[0].strip()


def test_an_over_long_comment_is_explained_and_linked_to_its_box(client, review, login_as,
                                                                 section_ids):
    login_as("forum_rep")
    response = client.post(reverse("forum_comment", args=[review.pk]),
                           {"block_id": section_ids[0], "body": "word " * 450})
    html = response.content.decode()
    assert response.status_code == 400
    assert _title(html).startswith("Error:")
    assert 'class="govuk-error-summary"' in html and 'tabindex="-1"' in html
    assert (f'<a href="#body-{section_ids[0]}">Your comment must be 2,000 characters or fewer.'
            in html)
    assert f'id="body-{section_ids[0]}"' in html
    assert not ForumComment.objects.exists()


def test_a_null_character_is_dropped_not_refused(client, review, login_as):
    # A pasted null is invisible to the person: it is removed, and the comment goes in,
    # rather than a message about a character nobody can see (core.sanitise).
    login_as("forum_rep")
    response = client.post(reverse("forum_comment", args=[review.pk]),
                           {"block_id": "", "body": "Snow\x00 days"})
    assert response.status_code == 302
    assert ForumComment.objects.get().body == "Snow days"


def test_changing_a_comment_to_nothing_links_to_the_box(client, review, login_as, section_ids):
    rep = login_as("forum_rep")
    item = services.comment_submit(review=review, author=rep, body="<p>First.</p>",
                                   block_id=section_ids[0], section_heading="S")
    response = client.post(reverse("forum_comment_edit", args=[item.pk]),
                           {"body": "", "quote": "q" * 501})
    html = response.content.decode()
    assert response.status_code == 400
    assert _title(html).startswith("Error:")
    assert '<a href="#body">Write your comment before you send it.</a>' in html
    assert '<a href="#quote">The words you quote must be 500 characters or fewer.</a>' in html


def test_a_decision_without_a_choice_links_to_the_choices(client, review, login_as):
    login_as("forum_rep")
    response = client.post(reverse("forum_decide", args=[review.pk]),
                           {"seen_revision": review.revision_id, "note": "n" * 2001})
    html = response.content.decode()
    assert _title(html).startswith("Error:")
    assert '<a href="#decision-agreed">Choose what the forum decided.</a>' in html
    assert ('<a href="#id_note">Your note to the council must be 2,000 characters or fewer.'
            in html)
    assert 'id="decision-agreed"' in html and 'id="id_note"' in html


def test_an_empty_position_links_to_its_box(client, tree, login_as):
    rep = login_as("forum_rep")
    item = services.disagreement_state(page=tree.policy, user=rep, topic="T", forum_position="P")
    response = client.post(reverse("forum_disagreement", args=[item.pk]), {"position": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert _title(html).startswith("Error:")
    assert '<a href="#position">Write the position before you save it.</a>' in html


@pytest.mark.parametrize("lang,too_long,service", [
    ("pl", "Cytowane słowa: najwyżej 500 znaków.", "Twój komentarz może mieć najwyżej"),
    ("ar", "الكلمات التي تقتبسها: 500 حرف على الأكثر.", "يجب ألا يزيد تعليقك على"),
])
def test_the_plain_messages_are_translated(review, forum_rep, lang, too_long, service):
    with translation.override(lang):
        form = CommentForm({"body": "a\x00b", "quote": "q" * 501})
        assert not form.is_valid()
        assert form.errors["quote"] == [too_long]
        assert "body" not in form.errors
        with pytest.raises(ValidationError) as error:
            services.comment_submit(review=review, author=forum_rep, body="word " * 450)
        assert service in " ".join(error.value.messages)
        decision = DecisionForm({"seen_revision": 1}, sections=())
        assert not decision.is_valid()
        assert "Choose what the forum decided." not in decision.errors["decision"]
        assert not PositionForm({"position": ""}).is_valid()
