"""Officers write a policy's eligibility rules in the Wagtail editor, as fields: each save is
a revision of the page, and the checker reads the version it serves."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from eligibility.rules import AgeBand

pytestmark = pytest.mark.django_db


def listblock(items):
    data = {"count": len(items)}
    for i, value in enumerate(items):
        data[str(i)] = {"value": value, "deleted": "", "order": i}
    return data


def rules_form(bands, **overrides):
    rules = {
        "area_name": "our area", "school_age_from": "5", "school_age_to": "16",
        "who_section": "Who can get help",
        "walking_bands": listblock([{"min_age": str(a), "max_age": str(b), "miles": str(m)}
                                    for a, b, m in bands]),
        "walking_section": "Walking distances", "unsafe_walk_duty": "will_consider",
        "choice_section": "", "low_income_bands": listblock([]), "low_income_section": "",
        "under_age_discretionary": "on", "post16_discretionary": "on", "post16_section": "",
        "contribution_pounds": "1000", "contribution_low_income_pounds": "500",
        "contribution_instalments": "8", "post19_min_age": "19", "post19_max_age": "25",
        "post19_min_miles": "3", "post19_section": "", "appeal_page": "",
    }
    rules.update(overrides)
    return rules


def edit_data(page, rules):
    return nested_form_data({
        "title": page.title, "slug": page.slug, "in_short": page.in_short,
        "effective_date": "2026-09-01", "change_note": "Under-8s walk up to 1.5 miles.",
        "sections": streamfield([("section", {"heading": "Who can get help",
                                              "body": rich_text("<p>Children aged 5 to 16.</p>"),
                                              "summary": {"count": "0"}})]),
        "eligibility_rules": streamfield([("rules", rules)] if rules else []),
    })


def test_an_officer_saves_rules_as_a_new_revision_and_the_live_page_keeps_its_own(
        client, tree, login_as):
    login_as("officer")
    page = tree.policy
    response = client.post(f"/admin/pages/{page.pk}/edit/",
                           edit_data(page, rules_form([(5, 7, 1.5), (8, 16, 3)])))
    assert response.status_code == 302
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.checker_rules().walking_bands == (AgeBand(5, 7, 1.5), AgeBand(8, 16, 3.0))
    assert page.checker_rules() is None  # the public page changes only when the forum agrees


def test_overlapping_age_bands_are_refused_and_what_was_typed_is_kept(client, tree, login_as):
    login_as("officer")
    page = tree.policy
    response = client.post(f"/admin/pages/{page.pk}/edit/",
                           edit_data(page, rules_form([(5, 8, 2), (8, 16, 3)])))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Two age bands cover the same age." in html
    assert "our area" in html  # in the editor's block data
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().checker_rules() is None


def test_the_rules_are_optional(client, tree, login_as):
    login_as("officer")
    page = tree.policy
    response = client.post(f"/admin/pages/{page.pk}/edit/", edit_data(page, None))
    assert response.status_code == 302


def test_the_policy_edit_page_links_officers_to_the_what_if_table(client, tree, login_as):
    """While a draft or a consultation proposes other rules, the officer editing the policy
    finds what they would change for families from the page's actions."""
    from tests.eligibility.test_checker import RULES, with_rules

    policy = with_rules(tree.policy, RULES)
    login_as("officer")
    html = client.get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    assert f'href="{policy.url}checker/what-if/"' in html
    assert "What the proposed rules would change for families" in html
    # A policy without rules has no table, so no link.
    other = client.get(f"/admin/pages/{tree.policies.pk}/edit/").content.decode()
    assert "checker/what-if/" not in other


@pytest.mark.parametrize(("overrides", "message"), [
    # The review's cases: young adults from 25 to 19, and school age from 0.
    ({"post19_min_age": "25", "post19_max_age": "19"},
     "The young adults&#x27; ages end before they start: from 25 to 19."),
    ({"school_age_from": "0"}, "Ensure this value is greater than or equal to 5."),
    ({"post19_min_age": "16"}, "Young adults must start after school age ends (after 16)."),
    ({"post19_max_age": "25", "post19_min_age": "19", "school_age_to": "19"},
     "Statutory school age ends at 16 (Education Act 1996, section 8)"),
])
def test_impossible_rules_are_refused_with_a_clear_message_and_kept_as_typed(
        client, tree, login_as, overrides, message):
    login_as("officer")
    page = tree.policy
    response = client.post(f"/admin/pages/{page.pk}/edit/",
                           edit_data(page, rules_form([(5, 7, 2), (8, 16, 3)], **overrides)))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().checker_rules() is None
