import pytest

from tests.factories import PortalTree


@pytest.fixture
def site(db, settings):
    """A policy at version 1 on a site whose public address is a real one."""
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    return PortalTree()
