"""Officers publish policies from the Wagtail editor; each version says what changed."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.models import PolicyPage

pytestmark = pytest.mark.django_db


def _form_data(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "in_short": page.in_short,
        "effective_date": "2026-09-01",
        "change_note": "",
        "eligibility_rules": streamfield([]),
        "sections": streamfield(
            [
                (
                    "section",
                    {
                        "heading": "Who can get help",
                        "body": rich_text("<p>Children aged 5 to 16.</p>"),
                        "summary": {"count": "0"},
                    },
                )
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_publishing_without_a_change_note_is_refused_and_keeps_the_edits(client, tree, login_as):
    login_as("officer")
    page = tree.policy
    data = _form_data(page, in_short="A new plain summary.", **{"action-publish": "publish"})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say what changed in this version before you send it on or publish it." in html
    assert "A new plain summary." in html  # what was typed is kept
    page.refresh_from_db()
    assert page.in_short != "A new plain summary."


def test_reusing_the_published_change_note_is_refused(client, tree, login_as):
    login_as("officer")
    page = tree.policy
    data = _form_data(page, change_note="First version.", **{"action-publish": "publish"})
    html = client.post(f"/admin/pages/{page.pk}/edit/", data).content.decode()
    assert "This is the note of the version already published." in html


def test_saving_a_draft_needs_no_change_note(client, tree, login_as):
    login_as("officer")
    page = tree.policy
    response = client.post(f"/admin/pages/{page.pk}/edit/", _form_data(page, in_short="Draft."))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().in_short == "Draft."


def test_sending_to_the_forum_needs_a_change_note(client, tree, login_as):
    login_as("officer")
    page = tree.policy
    data = _form_data(page, in_short="Clearer summary.", **{"action-submit": "submit"})
    html = client.post(f"/admin/pages/{page.pk}/edit/", data).content.decode()
    assert "Say what changed in this version before you send it on or publish it." in html
    assert not page.workflow_in_progress


def test_sending_to_the_forum_with_a_change_note_starts_its_review(client, tree, login_as):
    login_as("officer")
    page = tree.policy
    data = _form_data(
        page,
        in_short="Clearer summary.",
        change_note="Made the summary clearer after forum comments.",
        **{"action-submit": "submit"},
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    live = PolicyPage.objects.get(pk=page.pk)
    assert live.workflow_in_progress
    # Nothing is public until the forum agrees.
    assert live.in_short != "Clearer summary."
    assert "Clearer summary." not in client.get(live.url).content.decode()


def test_faq_answer_linking_to_a_missing_policy_section_is_refused(tree):
    from django.core.exceptions import ValidationError

    from portal.blocks import FAQQuestionBlock

    block = FAQQuestionBlock()
    value = block.to_python(
        {"question": "Q?", "answer": "<p>A.</p>", "policy": tree.policy.pk,
         "policy_section": "No such heading"}
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    message = str(error.value.block_errors["policy_section"])
    assert "has no section headed “No such heading”" in message
    assert "Walking distances" in message
    ok = block.to_python(
        {"question": "Q?", "answer": "<p>A.</p>", "policy": tree.policy.pk,
         "policy_section": "walking distances"}
    )
    assert block.clean(ok)["policy_section"] == "walking distances"


def test_the_revert_page_and_a_publish_posted_onto_it_speak_plainly(client, tree, login_as):
    """A revision with no user (the system's) is not "by None"; a Publish posted onto the
    revert form saves a draft for the forum and says so in the portal's words."""
    officer = login_as("officer")
    page = tree.policy
    first = page.get_latest_revision()
    first.user = None
    first.save(update_fields=["user"])
    live = page.live_revision_id
    draft = page.get_latest_revision_as_object()
    draft.title = "A newer draft"
    draft.save_revision(user=officer)
    url = f"/admin/pages/{page.pk}/revisions/{first.pk}/revert/"
    html = client.get(url).content.decode()
    assert "You are viewing a previous version of this page" in html
    assert "by None" not in html
    data = _form_data(page, change_note="Back to the first words.",
                      **{"action-publish": "publish"})
    response = client.post(url, data, follow=True)
    assert "Saved as a draft, not published" in response.content.decode()
    page.refresh_from_db()
    assert page.live_revision_id == live
    assert page.get_latest_revision().user == officer
