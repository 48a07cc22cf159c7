"""The charter, the working agreement and updates to families: co-produced pages like policies."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from charter.models import CharterPage, EvidenceEntry, WorkingAgreementPage
from charter.services import evidence_verify
from portal.models import PolicyPage, UpdatePage

pytestmark = pytest.mark.django_db


def test_the_charter_page_shows_vision_commitments_measures_and_signatories(demo, client):
    html = client.get("/co-production-charter/").content.decode()
    assert "Our vision" in html
    assert "We will answer every comment." in html
    assert "What this means:" in html  # said to screen readers beside each meaning
    assert "How we will know it is working" in html
    assert "Parent carer forum" in html and "Chair" in html
    charter = CharterPage.objects.get(locale__language_code="en-gb")
    assert f"To be reviewed by {charter.review_date.day} {charter.review_date:%B %Y}." in html
    assert not charter.review_overdue


@pytest.mark.calendar
def test_an_overdue_review_date_is_announced(demo, client):
    html = client.get("/co-production-charter/working-agreement/").content.decode()
    assert "This was due to be reviewed on 1 May 2026." in html
    page = WorkingAgreementPage.objects.get(locale__language_code="en-gb")
    assert page.review_overdue


def test_the_working_agreement_numbers_its_clauses(demo, client):
    html = client.get("/co-production-charter/working-agreement/").content.decode()
    assert 'id="clause-9"' in html
    assert "The forum and the council may not agree. If so, the papers say so." in html
    page = WorkingAgreementPage.objects.get(locale__language_code="en-gb")
    assert page.plain_text_sections()[8][1] == "Clause 9: Disagreements"


def test_updates_to_families_list_newest_first(demo, client):
    html = client.get("/news/").content.decode()
    assert "New bus passes for the spring term" in html
    assert client.get("/news/spring-bus-passes/").status_code == 200
    home = client.get("/").content.decode()
    assert "News and letters to families" in home


@pytest.mark.parametrize("model", [CharterPage, WorkingAgreementPage, UpdatePage, PolicyPage])
def test_every_coproduced_type_goes_through_the_forum(model, demo, client, login_as):
    page = model.objects.filter(locale__language_code="en-gb").first()
    assert page.get_workflow().name == "Co-production"
    login_as("officer")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in html
    assert "Plain language check" in html
    assert "Forum comments" in html


def test_the_demo_record_is_real_and_intact(demo, client):
    html = client.get("/policies/travel-assistance/").content.decode()
    assert "Where the forum and the council disagree" in html
    assert "The law sets three miles for this age." in html
    assert "This is version 2" in html
    compare = client.get("/policies/travel-assistance/compare/1/2/").content.decode()
    assert "Your child does not need an EHCP to ask for help." in compare
    assert "Forum comments behind this change" in compare
    home = client.get("/").content.decode()
    assert "Drafts with the forum now" in home
    assert "Asking us to look again" in home
    report = evidence_verify()
    assert report.intact and report.count == EvidenceEntry.objects.count() > 10


def test_the_demo_history_is_not_repeated(demo):
    before = EvidenceEntry.objects.count()
    call_command("load_demo_content", stdout=io.StringIO())
    assert EvidenceEntry.objects.count() == before


@pytest.mark.calendar
def test_the_review_date_panel_text_for_the_public_is_in_the_future_for_a_new_charter():
    # "Today" is London's date, which differs from the server's UTC date for an hour each
    # night in summer.
    today = timezone.localdate()
    assert not CharterPage(review_date=today + dt.timedelta(days=1)).review_overdue
    assert not CharterPage(review_date=today).review_overdue
    assert CharterPage(review_date=today - dt.timedelta(days=1)).review_overdue


def test_editors_are_told_when_a_review_is_overdue(demo, client, login_as):
    login_as("officer")
    agreement = WorkingAgreementPage.objects.get(locale__language_code="en-gb")
    charter = CharterPage.objects.get(locale__language_code="en-gb")
    html = client.get(f"/admin/pages/{agreement.pk}/edit/").content.decode()
    assert "The review of this page is overdue." in html
    html = client.get(f"/admin/pages/{charter.pk}/edit/").content.decode()
    assert "The review of this page is overdue." not in html
    dashboard = client.get("/admin/").content.decode()
    assert "Charter reviews overdue" in dashboard
    assert agreement.title in dashboard
