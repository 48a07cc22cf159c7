"""Who may see what: every role against the public site and the admin."""

import pytest

from portal.models import PolicyPage

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]
ADMIN_ROLES = {"officer"}


@pytest.fixture
def draft(tree):
    """A policy that has never been published."""
    page = tree.policies.add_child(
        instance=PolicyPage(
            title="Unagreed draft",
            slug="unagreed-draft",
            in_short="Not agreed yet.",
            effective_date="2027-01-01",
            sections=[],
            live=False,
        )
    )
    page.save_revision()
    return page


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", ["/", "/policies/", "/policies/travel-assistance/", "/faq/",
                                 "/jargon-buster/", "/search/?q=walk"])
def test_everyone_can_read_the_public_site(client, tree, login_as, role, url):
    login_as(role)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_nobody_sees_an_unpublished_draft_on_the_public_site(client, draft, login_as, role):
    login_as(role)
    assert client.get("/policies/unagreed-draft/").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_can_preview_drafts(client, draft, login_as, role):
    login_as(role)
    response = client.get(f"/admin/pages/{draft.pk}/view_draft/")
    if role in ADMIN_ROLES:
        assert response.status_code == 200
        assert "Not agreed yet." in response.content.decode()
    else:
        assert response.status_code in (302, 403)
        assert "Not agreed yet." not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/snippets/portal/glossaryterm/",
        "/admin/settings/portal/portalsettings/",
        "/admin/pages/{policy}/edit/",
    ],
)
def test_only_officers_reach_the_admin(client, tree, login_as, role, path):
    login_as(role)
    response = client.get(path.format(policy=tree.policy.pk), follow=False)
    if role in ADMIN_ROLES:
        assert response.status_code in (200, 302)
        if response.status_code == 302:  # settings redirect to the default site's form
            assert "/admin/login/" not in response["Location"]
    elif role == "anonymous":
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"] or response["Location"] == "/admin/"


def test_officer_can_edit_a_policy_and_publish_only_through_the_forum(tree, login_as):
    officer = login_as("officer")
    perms = tree.policy.permissions_for_user(officer)
    assert perms.can_edit() and perms.can_submit_for_moderation()
    assert not perms.can_publish()  # the Co-production workflow publishes when the forum agrees
    assert tree.glossary.permissions_for_user(officer).can_publish()


@pytest.mark.parametrize("role", ["parent", "forum_rep", "board_member"])
def test_other_roles_cannot_edit_or_publish_pages(tree, login_as, role):
    user = login_as(role)
    perms = tree.policy.permissions_for_user(user)
    assert not perms.can_edit()
    assert not perms.can_publish()


def test_django_admin_is_for_superusers_only(client, tree, login_as):
    login_as("officer")
    assert client.get("/django-admin/").status_code == 302
