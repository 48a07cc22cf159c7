"""Which language an account's e-mails are in, first that applies: the language chosen for
notices (/notices/yours/), the admin language the person set, the language of the sign-in a
notice is about (a sign-in notice), or for a password reset and a changed address the
language of their latest sign-in, a bare /sign-in/ counting as the site's default. One
sign-in at /ar/ does not outrank a deliberate admin language, nor fix later e-mails'
language for ever."""

import pytest
from wagtail.users.models import UserProfile

from accounts import tasks
from accounts.models import AccountEvent
from notices.models import StaffNoticePreference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SIGNED_IN = AccountEvent.Kind.SIGNED_IN


def _admin_language(user, code):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()


def _reset(client, email):
    return client.post("/admin/password_reset/", {"email": email},
                       REMOTE_ADDR="192.0.2.10")


def test_the_admin_language_outranks_a_sign_in_on_a_translated_page(
        client, smtp, django_capture_on_commit_callbacks):
    officer = UserFactory(username="officer", email="officer@example.org")
    _admin_language(officer, "pl")
    AccountEvent.objects.create(kind=SIGNED_IN, user=officer, language="ar")
    assert tasks.email_language(officer, "ar") == "pl"  # the sign-in notice
    assert tasks.account_language(officer) == "pl"
    with django_capture_on_commit_callbacks(execute=True):
        _reset(client, "officer@example.org")
    [reset] = smtp.messages
    assert reset["Content-Language"] == "pl"


def test_the_notices_language_outranks_the_admin_language():
    rep = UserFactory(username="rep", email="rep@example.org")
    _admin_language(rep, "pl")
    StaffNoticePreference.objects.create(user=rep, language="ar")
    assert tasks.email_language(rep, "pl") == "ar"
    assert tasks.account_language(rep) == "ar"


def test_with_no_choice_a_sign_in_notice_speaks_its_sign_in_page_s_language():
    parent = UserFactory(username="parent", email="parent@example.org")
    assert tasks.email_language(parent, "ar") == "ar"
    assert tasks.email_language(parent, "") == "en-gb"


def test_a_later_sign_in_at_the_bare_page_brings_resets_back_to_the_default(
        client, smtp, django_capture_on_commit_callbacks):
    parent = UserFactory(username="parent", email="parent@example.org")
    AccountEvent.objects.create(kind=SIGNED_IN, user=parent, language="ar")
    assert tasks.account_language(parent) == "ar"
    AccountEvent.objects.create(kind=SIGNED_IN, user=parent, language="")
    assert tasks.account_language(parent) == "en-gb"
    with django_capture_on_commit_callbacks(execute=True):
        _reset(client, "parent@example.org")
    [reset] = smtp.messages
    assert reset["Content-Language"] == "en-gb"
