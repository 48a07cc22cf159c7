"""Someone who pressed "no more e-mails" on a survey invitation is never invited to that
survey again, whatever list an officer sends later: the portal keeps a keyed digest of the
address (never the address), the officer's check of a list says how many are left out for
that reason, and no sending reaches them."""

import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys import no_more_emails, selectors, services
from surveys.models import SurveyInvitation, SurveyMailing, SurveyStoppedAddress

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _url(survey):
    return reverse("surveys_invitations", args=[survey.pk])


def _upload(client, survey, content: bytes):
    return client.post(_url(survey), {"action": "upload", "file": SimpleUploadedFile(
        "list.csv", content, "text/csv")})


def _send(client, survey, capture):
    """Press Send for the checked list, its e-mails sent as they are with no broker."""
    with capture(execute=True):
        response = client.post(_url(survey), {
            "action": "confirm", "checked": client.session["pending_invitations"]["digest"]})
    while response.status_code == 302:
        response = client.get(response["Location"])
    return response


def _stop_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/[a-z]{2}/survey-emails/stop/[^\s]+/)",
                     message.body).group(1)


def test_an_address_that_asked_for_no_more_e_mails_is_not_invited_by_a_later_list(
        client, login_as, survey, django_capture_on_commit_callbacks):
    login_as("officer")
    _upload(client, survey, b"email,audience,language\nok2@x.test,parents,pl\n")
    _send(client, survey, django_capture_on_commit_callbacks)
    [invitation] = mail.outbox
    # The mail program's one-click "Unsubscribe" (RFC 8058), with no page and no cookie.
    client.logout()
    stop = client.post(_stop_link(invitation), {"List-Unsubscribe": "One-Click"})
    assert stop.status_code == 200
    assert SurveyInvitation.objects.get().email == ""
    # The database keeps a keyed digest, not the address.
    [kept] = SurveyStoppedAddress.objects.all()
    assert "ok2" not in kept.address_digest and len(kept.address_digest) == 64

    login_as("officer")
    check = _upload(client, survey, b"email,audience\nOK2@X.test,parents\nnew@x.test,parents\n")
    page = _text(check)
    assert ("1 address asked for no more e-mails about this survey: it is left out and gets "
            "nothing.") in page
    assert "Send 1 invitation" in page
    sent = _send(client, survey, django_capture_on_commit_callbacks)
    assert "1 address asked for no more e-mails about this survey" in _text(sent)
    assert "already invited" not in _text(sent)
    assert [m.to for m in mail.outbox[1:]] == [["new@x.test"]]
    assert SurveyInvitation.objects.count() == 2
    assert not SurveyInvitation.objects.filter(email__iexact="ok2@x.test").exists()


def test_a_list_of_only_such_addresses_offers_nothing_to_send(
        client, login_as, survey, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(survey=survey, user=officer, rows=[
            services.InvitationRow("jo@x.test", "parents")])
    services.invitation_stop(invitation_id=SurveyInvitation.objects.get().pk)
    login_as("officer")
    page = _text(_upload(client, survey, b"email\n Jo@X.Test \n"))
    assert "Everyone in this file has already been invited or asked for no more e-mails " \
           "about this survey: there is nothing to send." in page
    assert "Send 1 invitation" not in page
    # Sent anyway (a form kept from before): nothing is made, and it says why.
    sent = _send(client, survey, django_capture_on_commit_callbacks)
    assert "Nothing was sent: everyone in this list had been invited already or asked for " \
           "no more e-mails about this survey." in _text(sent)
    assert SurveyMailing.objects.count() == 1 and SurveyInvitation.objects.count() == 1


def test_the_rule_holds_in_the_service_whatever_the_page(survey, officer):
    services.invitations_send(survey=survey, user=officer, rows=[
        services.InvitationRow("kim@x.test", "parents")])
    services.invitation_stop(invitation_id=SurveyInvitation.objects.get().pk)
    mailing, created = services.invitations_send(survey=survey, user=officer, rows=[
        services.InvitationRow("KIM@x.test ", "parents"),
        services.InvitationRow("lee@x.test", "parents")], key="second list")
    assert created and mailing.total == 1
    assert sorted(SurveyInvitation.objects.values_list("email", flat=True)) == ["",
                                                                                "lee@x.test"]


def test_a_sending_never_reaches_an_address_that_asked_for_no_more(
        survey, officer, django_capture_on_commit_callbacks):
    """However an invitation holding the address came to be stored (one made before this
    rule, a list confirmed as the button was pressed), the sending and its resumption leave
    it out and delete its address."""
    mailing = services.invitations_create(survey=survey, user=officer, rows=[
        services.InvitationRow("pat@x.test", "parents"),
        services.InvitationRow("sam@x.test", "parents")])
    SurveyStoppedAddress.objects.create(
        survey=survey, address_digest=no_more_emails.digest(survey.pk, "Pat@X.test"),
        stopped_at="2026-12-01T10:00Z")
    assert services.mailing_send(mailing_id=mailing.pk) == 1
    assert [m.to for m in mail.outbox] == [["sam@x.test"]]
    assert SurveyInvitation.objects.filter(email="pat@x.test").count() == 0
    assert services.mailing_send(mailing_id=mailing.pk) == 0
    assert SurveyMailing.objects.get(pk=mailing.pk).finished_at is not None


def test_a_reminder_never_reaches_them_either(survey, officer):
    services.invitations_send(survey=survey, user=officer, rows=[
        services.InvitationRow("ann@x.test", "parents")])
    invitation = SurveyInvitation.objects.get()
    SurveyInvitation.objects.filter(pk=invitation.pk).update(sent_at="2026-01-01T10:00Z")
    services.invitation_stop(invitation_id=invitation.pk)
    assert not services.reminders_due(survey.pk, now=survey.closes).exists()


def test_pressing_it_twice_keeps_one_mark(survey, officer):
    services.invitations_send(survey=survey, user=officer, rows=[
        services.InvitationRow("bo@x.test", "parents")])
    invitation = SurveyInvitation.objects.get()
    assert services.invitation_stop(invitation_id=invitation.pk)
    assert not services.invitation_stop(invitation_id=invitation.pk)  # already: nothing more
    assert SurveyStoppedAddress.objects.count() == 1


def test_the_digests_go_when_the_survey_closes(survey, officer):
    services.invitations_send(survey=survey, user=officer, rows=[
        services.InvitationRow("zoe@x.test", "parents")])
    services.invitation_stop(invitation_id=SurveyInvitation.objects.get().pk)
    assert SurveyStoppedAddress.objects.count() == 1
    services.survey_events_record(type(survey).objects.filter(pk=survey.pk),
                                  now=survey.closes)
    assert not SurveyStoppedAddress.objects.exists()


def test_no_table_holds_the_address_once_stopped(survey, officer):
    services.invitations_send(survey=survey, user=officer, rows=[
        services.InvitationRow("trace.me@x.test", "parents")])
    services.invitation_stop(invitation_id=SurveyInvitation.objects.get().pk)
    with connection.cursor() as cursor:
        for table in ("surveys_surveyinvitation", "surveys_surveystoppedaddress"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed names
            assert "trace.me" not in repr(cursor.fetchall())


# --- the rule, in plain functions ------------------------------------------------------

ADDRESSES = st.emails().filter(str.isascii)


@given(ADDRESSES, st.integers(min_value=1, max_value=10_000))
@settings(max_examples=50)
def test_one_address_however_written_has_one_digest(address, survey_id):
    written = f"  {address.upper()} "
    kept = {no_more_emails.digest(survey_id, address)}
    assert no_more_emails.digest(survey_id, written) in kept
    assert no_more_emails.digest(survey_id + 1, address) not in kept  # one survey's only
    assert no_more_emails.asked(survey_id, [written], kept) == {address.lower()}
    assert no_more_emails.asked(survey_id, ["not." + address], kept) == set()


@given(ADDRESSES)
@settings(max_examples=20)
def test_a_digest_made_before_the_key_was_rotated_still_counts(address):
    kept = {no_more_emails.digest(7, address)}
    with override_settings(SECRET_KEY="another key, long enough to be one " * 2,
                           SECRET_KEY_FALLBACKS=[django_settings.SECRET_KEY]):
        assert no_more_emails.digest(7, address) not in kept
        assert no_more_emails.asked(7, [address], kept) == {address.lower()}


# --- the site's secret key rotated (Django's SECRET_KEY_FALLBACKS) -----------------------

NEW_KEY = "the key after rotation, long and random enough for a test " * 2


def test_stops_pressed_before_the_key_was_rotated_still_hold_with_the_old_key_as_fallback(
        client, login_as, survey, django_capture_on_commit_callbacks):
    """A rotation keeps the old key in ``SECRET_KEY_FALLBACKS`` (Django's own setting): a
    stop kept before it still leaves the address out of every later list and sending, and a
    "no more e-mails" link sent before it still works."""
    old_key = django_settings.SECRET_KEY
    login_as("officer")
    _upload(client, survey, b"email,audience,language\nbefore@x.test,parents,pl\n"
                                     b"link@x.test,parents,ar\n")
    _send(client, survey, django_capture_on_commit_callbacks)
    links = {m.to[0]: _stop_link(m) for m in mail.outbox}
    client.logout()
    assert client.post(links["before@x.test"], {"List-Unsubscribe": "One-Click"}
                       ).status_code == 200
    mail.outbox.clear()
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[old_key]):
        # The link in an e-mail sent before the rotation, pressed after it.
        assert client.post(links["link@x.test"], {"List-Unsubscribe": "One-Click"}
                           ).status_code == 200
        login_as("officer")
        page = _text(_upload(client, survey, b"email,audience\nBEFORE@x.test,parents\n"
                                             b"link@x.test,parents\nnew@x.test,parents\n"))
        assert ("2 addresses asked for no more e-mails about this survey: they are left out "
                "and get nothing.") in page
        assert "Send 1 invitation" in page
        _send(client, survey, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["new@x.test"]]
    assert not SurveyInvitation.objects.filter(email__in=["before@x.test",
                                                          "link@x.test"]).exists()


def test_a_sending_made_before_the_rotation_leaves_out_a_stop_kept_with_the_old_key(
        survey, officer):
    mailing = services.invitations_create(survey=survey, user=officer, rows=[
        services.InvitationRow("pat@x.test", "parents"),
        services.InvitationRow("sam@x.test", "parents")])
    # Kept with the key of the day (an invitation stored before the rule, say, still holds
    # the address).
    SurveyStoppedAddress.objects.create(
        survey=survey, address_digest=no_more_emails.digest(survey.pk, "Pat@X.test"),
        stopped_at="2026-12-01T10:00Z")
    with override_settings(SECRET_KEY=NEW_KEY,
                           SECRET_KEY_FALLBACKS=[django_settings.SECRET_KEY]):
        assert services.mailing_send(mailing_id=mailing.pk) == 1
    assert [m.to for m in mail.outbox] == [["sam@x.test"]]


def test_without_the_old_key_a_stop_kept_before_the_rotation_is_no_longer_recognised(
        survey, officer):
    """Why the README asks to keep the old key as a fallback until every survey open at the
    rotation has closed: the digest cannot be remade without the key, and nothing else
    holds the address."""
    services.invitations_send(survey=survey, user=officer, rows=[
        services.InvitationRow("kept@x.test", "parents")])
    services.invitation_stop(invitation_id=SurveyInvitation.objects.get().pk)
    old_key = django_settings.SECRET_KEY
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[old_key]):
        assert selectors.asked_no_more(survey.pk, ["kept@x.test"]) == {"kept@x.test"}
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]):
        assert selectors.asked_no_more(survey.pk, ["kept@x.test"]) == set()
