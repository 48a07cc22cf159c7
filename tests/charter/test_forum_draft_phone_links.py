"""A forum representative reading a draft sees its phone numbers and e-mail addresses as
``tel:`` and ``mailto:`` links, as the public page shows them."""

import pytest
from wagtail.rich_text import RichText

from tests.charter.conftest import send_to_forum

pytestmark = pytest.mark.django_db


def test_a_drafts_section_links_its_phone_number_and_address(client, tree, officer, login_as):
    page = tree.policy.get_latest_revision_as_object()
    first = page.sections[0]
    first.value["body"] = RichText("<p>Ring 01234 567 890 or write to help@example.gov.uk.</p>")
    page.save_revision(user=officer).publish()
    review = send_to_forum(tree.policy, officer)
    login_as("forum_rep")
    html = client.get(f"/forum/drafts/{review.pk}/").content.decode()
    assert 'href="tel:+441234567890"' in html
    assert 'href="mailto:help@example.gov.uk"' in html
