import pytest

# The consultations' own fixtures (a published index, the demo's school calendar), for the
# officers' notices of consultation dates.
from tests.consultations.conftest import calendar, consultation_index  # noqa: F401
from tests.factories import PortalTree


@pytest.fixture
def site(db, settings):
    """A policy at version 1 on a site whose public address is a real one."""
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    return PortalTree()
