"""Fixtures from the other apps, for the tests of forms that belong to every app (the page
that offers a form refused for its security token again)."""

from tests.charter.conftest import review, section_ids  # noqa: F401
from tests.consultations.conftest import calendar, consultation, consultation_index  # noqa: F401
from tests.surveys.conftest import survey, survey_index  # noqa: F401
