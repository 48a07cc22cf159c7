"""The sign-in audit log in the Wagtail admin: administrators read it, nobody else."""

import pytest

from accounts import services
from accounts.models import AccountEvent
from tests.accounts.conftest import make_user


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "officer",
                                  "board_member"])
def test_only_administrators_read_the_audit_log(client, db, role):
    services.record(AccountEvent.Kind.SIGN_IN_FAILED, username="secret-typo")
    if role != "anonymous":
        client.force_login(make_user(role))
    response = client.get("/admin/sign-in-audit/")
    assert response.status_code in (302, 403)
    assert b"secret-typo" not in response.content


def test_an_administrator_reads_the_audit_log(client, db, django_assert_max_num_queries):
    admin = make_user("admin")
    for n in range(60):
        services.record(AccountEvent.Kind.SIGN_IN_FAILED, username=f"typed{n}")
    services.record(AccountEvent.Kind.SIGNED_IN, user=admin)
    client.force_login(admin)
    with django_assert_max_num_queries(30):
        response = client.get("/admin/sign-in-audit/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Signed in" in text and "typed59" in text and "typed0" not in text  # 50 a page
    only = client.get("/admin/sign-in-audit/?username=typed0").content.decode()
    assert "typed0" in only and "typed59" not in only
