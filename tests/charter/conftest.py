import pytest
from wagtail.rich_text import RichText

from charter.coproduction import coproduction_workflow


def send_to_forum(page, user, *, in_short="A clearer summary for families.",
                  change_note="Clearer summary after the forum asked."):
    """An officer changes the draft and sends it to the forum, as the editor does."""
    page = page.get_latest_revision_as_object()
    page.in_short = in_short
    page.change_note = change_note
    page.save_revision(user=user)
    coproduction_workflow().start(page, user)
    return page.current_workflow_task_state.specific


@pytest.fixture
def review(tree, officer):
    return send_to_forum(tree.policy, officer)


@pytest.fixture
def section_ids(tree):
    return [block.id for block in tree.policy.sections]


def rich(text):
    return RichText(text)
