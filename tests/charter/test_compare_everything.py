"""The comparison of two versions sees everything a reader sees, not only the words: each
test publishes a version that changes one thing only, and the comparison names that one."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from charter.selectors import compare
from charter.versions import DELETE, INSERT
from tests.factories import make_policy, section

pytestmark = pytest.mark.django_db


def new_version(page, change):
    """Publish a version of ``page`` with ``change(draft)`` applied, as the workflow does."""
    draft = page.get_latest_revision_as_object()
    change(draft)
    draft.save_revision().publish()
    page.refresh_from_db()
    return page


def changes(found) -> dict[str, tuple[str, str]]:
    """block id -> (words removed, words added) for each section that is not unchanged."""
    out = {}
    for row in found["sections"]:
        diff = row["diff"]
        if diff.status == "unchanged":
            continue
        pieces = (*diff.heading, *diff.body)
        out[diff.block_id] = (" ".join(p.text.strip() for p in pieces if p.op == DELETE),
                              " ".join(p.text.strip() for p in pieces if p.op == INSERT))
    return out


def now_reads(found, block_id) -> str:
    """A section's text in the newer version, as the comparison shows it."""
    row = next(r for r in found["sections"] if r["diff"].block_id == block_id)
    return "".join(p.text for p in row["diff"].body if p.op != DELETE)


def set_body(draft, index, html):
    draft.sections[index].value["body"] = RichText(html)


@pytest.fixture
def appeals(tree):
    return make_policy(tree.policies, title="Appeals", slug="appeals")


@pytest.fixture
def linked_policy(tree, appeals):
    """A policy whose first section links to the appeals policy (version 1)."""
    return new_version(tree.policy, lambda d: set_body(
        d, 0, f'<p>You can <a linktype="page" id="{appeals.pk}">appeal</a>.</p>'))


def test_a_link_moved_to_another_page_is_one_changed_section(tree, linked_policy):
    other = make_policy(tree.policies, title="Complaints", slug="complaints")
    new_version(linked_policy, lambda d: set_body(
        d, 0, f'<p>You can <a linktype="page" id="{other.pk}">appeal</a>.</p>'))
    found = compare(linked_policy.pk, 2, 3)
    assert found["changed_count"] == 1
    block = linked_policy.sections[0].id
    removed, added = changes(found)[block]
    assert "/policies/appeals/" in removed and "/policies/complaints/" in added
    # The words stayed; only where the link goes changed, under the line it is in.
    assert (removed, added) == ("/policies/appeals/]", "/policies/complaints/]")


def test_a_link_target_and_the_in_force_date_are_two_changes(client, tree, appeals,
                                                              linked_policy):
    """The case from the issue: it said "0 sections changed"."""
    def change(d):
        set_body(d, 0, '<p>You can <a href="https://www.gov.uk/appeal">appeal</a>.</p>')
        d.effective_date = datetime.date(2027, 1, 4)

    new_version(linked_policy, change)
    html = client.get(linked_policy.url + "compare/2/3/").content.decode()
    assert "2 sections changed." in html
    assert '<del data-marker="removed">/policies/appeals/]</del>' in html
    assert '<ins data-marker="added">https://www.gov.uk/appeal]</ins>' in html
    assert "In force from" in html
    assert '<del data-marker="removed">1 September 2026</del>' in html
    assert '<ins data-marker="added">4 January 2027</ins>' in html


def test_a_document_link_changed(tree):
    documents = get_document_model()
    old = documents.objects.create(title="Bus pass form 2025",
                                   file=ContentFile(b"%PDF-", name="form-2025.pdf"))
    new = documents.objects.create(title="Bus pass form 2026",
                                   file=ContentFile(b"%PDF-", name="form-2026.pdf"))
    html = '<p>Fill in <a linktype="document" id="{}">the form</a>.</p>'
    new_version(tree.policy, lambda d: set_body(d, 1, html.format(old.pk)))
    new_version(tree.policy, lambda d: set_body(d, 1, html.format(new.pk)))
    found = compare(tree.policy.pk, 2, 3)
    assert found["changed_count"] == 1
    assert changes(found)[tree.policy.sections[1].id] == ("2025]", "2026]")
    assert "[link: the form → document: Bus pass form 2026]" in now_reads(
        found, tree.policy.sections[1].id)


@pytest.mark.parametrize(("before", "after", "added"), [
    ("<p>Children under 8 walk up to 2 miles.</p>",
     "<p>Children under 8 walk up to <b>2 miles</b>.</p>", "[bold: 2 miles]"),
    ("<p>Children under 8 walk up to 2 miles.</p>",
     "<p>Children under 8 walk up to <i>2 miles</i>.</p>", "[italic: 2 miles]"),
    ("<p>Under 8: 2 miles.</p><p>8 and over: 3 miles.</p>",
     "<ul><li>Under 8: 2 miles.</li><li>8 and over: 3 miles.</li></ul>", "• •"),
    ("<p>Under 8: 2 miles.</p><p>8 and over: 3 miles.</p>",
     "<ol><li>Under 8: 2 miles.</li><li>8 and over: 3 miles.</li></ol>", "1. 2."),
    ("<p>How far</p><p>Children under 8 walk up to 2 miles.</p>",
     "<h3>How far</h3><p>Children under 8 walk up to 2 miles.</p>", "[heading]"),
])
def test_emphasis_lists_and_headings_are_changes(tree, before, after, added):
    new_version(tree.policy, lambda d: set_body(d, 1, before))
    new_version(tree.policy, lambda d: set_body(d, 1, after))
    found = compare(tree.policy.pk, 2, 3)
    assert found["changed_count"] == 1
    assert changes(found)[tree.policy.sections[1].id] == ("", added)


def test_the_title_changed(tree):
    def change(d):
        d.title = "Help getting to school"

    new_version(tree.policy, change)
    found = compare(tree.policy.pk, 1, 2)
    assert found["changed_count"] == 1
    assert changes(found)["title"] == ("Travel help for children with SEND",
                                       "Help getting to school")


def test_in_short_changed(tree):
    def change(d):
        d.in_short = "Most children with SEND can get help to travel to college."

    new_version(tree.policy, change)
    found = compare(tree.policy.pk, 1, 2)
    assert found["changed_count"] == 1
    assert changes(found)["intro"] == ("school.", "college.")


def test_a_summary_box_point_changed(tree):
    def change(d):
        d.sections[0].value["summary"] = ["Aged 5 to 16", "Living in the county"]

    new_version(tree.policy, change)
    found = compare(tree.policy.pk, 1, 2)
    assert found["changed_count"] == 1
    assert changes(found)[tree.policy.sections[0].id] == ("", "• Living in the county")


def test_the_in_force_date_changed(tree):
    def change(d):
        d.effective_date = datetime.date(2026, 10, 1)

    new_version(tree.policy, change)
    found = compare(tree.policy.pk, 1, 2)
    assert found["changed_count"] == 1
    assert changes(found)["effective_date"] == ("September", "October")


def test_an_faq_answer_pointing_to_another_policy_changed(tree, appeals):
    def change(d):
        d.topics[0].value["questions"][0]["policy"] = appeals
        d.topics[0].value["questions"][0]["policy_section"] = ""

    new_version(tree.faq, change)
    found = compare(tree.faq.pk, 1, 2)
    assert found["changed_count"] == 1
    removed, added = changes(found)[tree.faq.topics[0].id]
    assert "/policies/travel-assistance/" in removed and "Walking distances" in removed
    assert "/policies/appeals/" in added


def test_unchanged_versions_are_unchanged_everywhere(tree, linked_policy):
    new_version(linked_policy, lambda d: None)
    assert compare(linked_policy.pk, 2, 3)["changed_count"] == 0


def test_an_update_to_families_date_changed(tree):
    from portal.models import UpdateIndexPage, UpdatePage
    from tests.factories import publish

    index = publish(tree.home.add_child(instance=UpdateIndexPage(title="Updates",
                                                                 slug="updates")))
    update = publish(index.add_child(instance=UpdatePage(
        title="New bus routes", slug="new-routes", date=datetime.date(2026, 9, 1),
        summary="Routes change in September.", change_note="First.",
        body=[section("What changes", "<p>Two routes change.</p>")])))

    def change(d):
        d.date = datetime.date(2026, 9, 8)

    new_version(update, change)
    found = compare(update.pk, 1, 2)
    assert found["changed_count"] == 1
    assert changes(found)["date"] == ("1", "8")
