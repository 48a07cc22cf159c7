"""When an account's e-mail address is changed, the OLD address is told, once, in the
account's language: when, the new address masked (never in full), and whom to contact if it
was not them. Whoever changed it reads the new address, so the old one is where a stolen
account is noticed. Whichever page changes it (the account's own "Name and email" page in
the admin here; any save of the account), through the outbox's send-once rules and a real
SMTP server (aiosmtpd)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Site

from accounts import rules, tasks
from accounts.models import AccountEvent
from notices.models import StaffNoticePreference
from outbox.models import SentEmail
from portal.models import PortalSettings, ServiceDetails
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OLD, NEW = "rep.old@example.org", "newbox@elsewhere.example"


def _to(smtp, address):
    return [m for m in smtp.messages if m["To"] == address]


def _changed(user, new, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user.email = new
        user.save()


def _form_of(page: str, form_id_contains: str = "") -> dict:
    """What a browser sends from the page's main form: each input's, textarea's and
    select's value as the page holds it."""
    soup = BeautifulSoup(page, "html.parser")
    form = next(f for f in soup.find_all("form") if f.get("method", "").lower() == "post"
                and f.find("input", attrs={"name": lambda n: n and n.endswith("email")}))
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


def test_the_old_address_is_told_once_and_the_new_one_is_masked(
        smtp, django_capture_on_commit_callbacks):
    user = UserFactory(username="rep", email=OLD, first_name="Ola")
    _changed(user, NEW, django_capture_on_commit_callbacks)
    [told] = _to(smtp, OLD)
    body = told.get_content()
    assert told["Subject"] == (
        "The e-mail address of your SEND travel portal account was changed")
    assert "n***@elsewhere.example" in body
    assert NEW not in body and "newbox" not in body
    assert "If it was not you" in body
    assert _to(smtp, NEW) == []  # the new address is not where a theft is noticed
    event = AccountEvent.objects.get(kind=AccountEvent.Kind.EMAIL_CHANGED)
    # Told, the old address is forgotten: the audit log keeps only the masked new one.
    assert (event.notice_email, event.detail) == ("", "n***@elsewhere.example")
    # The task run again (a retry, a release) sends nothing more.
    assert tasks.send_email_changed_notice.apply(args=[event.pk]).get() == 0
    assert len(_to(smtp, OLD)) == 1
    assert SentEmail.objects.filter(kind=tasks.EMAIL_CHANGED_KIND).count() == 1


def test_saving_the_account_again_or_a_sign_in_tells_nobody_again(
        smtp, django_capture_on_commit_callbacks):
    user = UserFactory(username="rep2", email=OLD)
    _changed(user, NEW, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        user.first_name = "Renamed"
        user.save()  # the same address: no change to tell
        user.save(update_fields=["last_login"])
    _changed(user, NEW.upper(), django_capture_on_commit_callbacks)  # only its capitals
    assert len(smtp.messages) == 1
    assert AccountEvent.objects.filter(kind=AccountEvent.Kind.EMAIL_CHANGED).count() == 1


def test_an_address_taken_off_tells_the_old_address_so(
        smtp, django_capture_on_commit_callbacks):
    user = UserFactory(username="rep6", email=OLD)
    _changed(user, "", django_capture_on_commit_callbacks)
    [told] = _to(smtp, OLD)
    assert "was taken off on" in told.get_content()
    assert "***" not in told.get_content()


def test_an_account_with_no_address_before_gets_no_notice(
        smtp, django_capture_on_commit_callbacks):
    user = UserFactory(username="rep3", email="")
    _changed(user, NEW, django_capture_on_commit_callbacks)
    assert smtp.messages == []


def test_told_in_the_account_s_language_with_the_service_s_contact(
        smtp, django_capture_on_commit_callbacks):
    details = ServiceDetails.objects.create(phone="01632 960001",
                                            email="transport@council.example")
    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal_settings.service_details = details
    portal_settings.save()
    user = UserFactory(username="rep4", email=OLD)
    StaffNoticePreference.objects.create(user=user, language="pl")
    _changed(user, NEW, django_capture_on_commit_callbacks)
    [told] = _to(smtp, OLD)
    body = told.get_content()
    assert told["Content-Language"] == "pl"
    assert "Adres e-mail" in told["Subject"]
    assert "n***@elsewhere.example" in body and NEW not in body
    assert "transport@council.example" in body and "01632 960001" in body


def test_changed_on_the_account_s_own_name_and_email_page(
        smtp, django_capture_on_commit_callbacks):
    user = UserFactory(username="officer5", email=OLD, groups=["Officers"], first_name="Ola",
                       last_name="Nowak")
    client = Client()
    client.force_login(user)
    page = client.get("/admin/account/")
    assert page.status_code == 200
    form = _form_of(page.content.decode())
    [field] = [name for name in form if name.endswith("email")]
    form[field] = NEW
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/account/", form)
    assert response.status_code == 302  # saved (a refused form shows the page again)
    assert User.objects.get(pk=user.pk).email == NEW
    [told] = _to(smtp, OLD)
    assert "n***@elsewhere.example" in told.get_content()
    assert NEW not in told.get_content()


@given(st.emails())
def test_a_masked_address_keeps_only_the_first_character_and_the_domain(email):
    masked = rules.masked_address(email)
    local, _at, domain = email.rpartition("@")
    assert masked == f"{local[0]}***@{domain}"
    assert len(masked.split("@")[0]) == 4  # however long the address: its length untold


def test_a_masked_address_of_nothing_or_no_address():
    assert rules.masked_address("") == ""
    assert rules.masked_address("no-at-sign") == "***"
