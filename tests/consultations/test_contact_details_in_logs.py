"""A save that fails never puts a respondent's contact details in the log or in the error
report administrators get; their answers are still there, so nothing is lost."""

import logging

import pytest
from django.views.debug import ExceptionReporter

from tests.consultations.conftest import question_ids

pytestmark = pytest.mark.django_db

CONTACT = {"contact_consent": "on", "contact_name": "Joanna Kowalska",
           "contact_email": "joanna.kowalska@example.org", "contact_phone": "07700 900123"}
PERSONAL = ("Joanna", "Kowalska", "joanna.kowalska", "07700 900123", "900123")


def _answers(page):
    agree, single, multi, free = question_ids(page)
    return {"respondent_type": "parent", f"q_{agree}": "Agree", f"q_{single}": "Bus pass",
            f"q_{multi}": ["Monday"], f"q_{free}": "My son is 6 and anxious.",
            "submission_key": "key-1", **CONTACT}


def _report(record, request) -> str:
    """The log line, its traceback, and the e-mail report (text and HTML) for ``record``."""
    formatter = logging.Formatter()
    reporter = ExceptionReporter(request, *record.exc_info, is_email=True)
    return "\n".join([record.getMessage(), formatter.formatException(record.exc_info),
                      reporter.get_traceback_text(), reporter.get_traceback_html()])


def _assert_no_contact_details(text: str) -> None:
    for words in PERSONAL:
        assert words not in text, words


def test_a_failing_save_logs_the_answers_but_not_the_contact_details(
        client, consultation, monkeypatch, caplog):
    from consultations import services

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "response_submit", broken)
    with caplog.at_level(logging.ERROR, logger="consultations"):
        response = client.post(consultation.url + "respond/", _answers(consultation))
    assert response.status_code == 500
    # The form comes back with what they typed, contact details included.
    assert "joanna.kowalska@example.org" in response.content.decode()
    [record] = [r for r in caplog.records if "Could not store a response" in r.getMessage()]
    assert "My son is 6 and anxious." in record.getMessage()  # nothing written is lost
    _assert_no_contact_details(_report(record, response.wsgi_request))


def test_a_crash_nobody_caught_reports_no_contact_details(
        client, consultation, monkeypatch, caplog):
    from consultations import services

    def broken(**kwargs):
        raise RuntimeError("the cache went away")

    monkeypatch.setattr(services, "rate_limited", broken)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post(consultation.url + "respond/", _answers(consultation))
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.exc_info]
    report = _report(record, response.wsgi_request)
    assert "the cache went away" in report and "respondent_type" in report
    _assert_no_contact_details(report)
