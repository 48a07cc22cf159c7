"""``manage.py check --deploy`` warns when the error page's number (PORTAL_TRANSPORT_PHONE,
read without the database) is unset or is not the number in Settings > Service details."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from wagtail.models import Site

from portal.checks import transport_phone_for_the_error_page
from portal.models import PortalSettings, ServiceDetails

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_phone(db):
    details = ServiceDetails.objects.create(phone="01234 567 890",
                                            email="send.transport@example.gov.uk")
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.service_details = details
    settings.save()
    return details


def _ids(found):
    return [w.id for w in found]


def test_unset_number_warns(settings, service_phone):
    settings.PORTAL_TRANSPORT_PHONE = ""
    assert _ids(transport_phone_for_the_error_page(None)) == ["portal.W001"]


def test_a_number_other_than_the_service_details_warns(settings, service_phone):
    settings.PORTAL_TRANSPORT_PHONE = "01234 999 000"
    found = transport_phone_for_the_error_page(None)
    assert _ids(found) == ["portal.W002"]
    assert "01234 999 000" in found[0].msg and "01234 567 890" in found[0].msg


@pytest.mark.parametrize("written", ["01234 567 890", "+44 1234 567890", "01234567890"])
def test_the_same_number_however_written_is_quiet(settings, service_phone, written):
    settings.PORTAL_TRANSPORT_PHONE = written
    assert transport_phone_for_the_error_page(None) == []


def test_the_check_runs_with_deploy_only(settings, service_phone):
    settings.PORTAL_TRANSPORT_PHONE = ""
    deploy = checks.run_checks(include_deployment_checks=True)
    assert "portal.W001" in _ids(deploy)
    assert "portal.W001" not in _ids(checks.run_checks())


def test_check_deploy_reports_it(settings, service_phone):
    settings.PORTAL_TRANSPORT_PHONE = "01234 999 000"
    with pytest.raises(SystemCheckError, match="portal.W002"):
        call_command("check", "--deploy", "--fail-level", "WARNING")
