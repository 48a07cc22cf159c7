from tests.consultations.conftest import calendar, consultation_index  # noqa: F401
