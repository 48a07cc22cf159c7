"""Browsers' reports of Content-Security-Policy violations are logged, briefly and safely."""

import json
import logging

import pytest

pytestmark = pytest.mark.django_db

REPORT = {"csp-report": {
    "document-uri": "https://portal.example.gov.uk/search/?q=my+child%27s+name",
    "violated-directive": "script-src-elem", "effective-directive": "script-src-elem",
    "blocked-uri": "inline", "source-file": "https://portal.example.gov.uk/search/",
    "line-number": 12, "disposition": "enforce", "script-sample": "alert('Joanna')",
}}


def _logged(caplog):
    return [r for r in caplog.records if r.name == "portal.csp"]


def _send(client, body, content_type="application/csp-report"):
    return client.post("/csp-report/", body, content_type=content_type)


def test_a_report_is_logged_without_what_was_typed(client, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = _send(client, json.dumps(REPORT))
    assert response.status_code == 204
    [record] = _logged(caplog)
    message = record.getMessage()
    assert "script-src-elem" in message and "/search/" in message
    assert "child" not in message  # the query string is dropped
    assert "Joanna" not in message  # so is the script sample


@pytest.mark.parametrize("body", ["not json", "[]", '{"csp-report": "x"}', "\xff", "[" * 5000])
def test_a_body_that_is_not_a_report_is_refused_without_a_crash(client, caplog, body):
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        assert _send(client, body).status_code == 400
    assert not _logged(caplog)


def test_a_large_body_is_refused_unread(client, settings, caplog):
    settings.PORTAL_CSP_REPORT_MAX_BYTES = 500
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        assert _send(client, json.dumps({"csp-report": {"x": "y" * 1000}})).status_code == 413
    assert not _logged(caplog)


def test_only_posts_are_accepted(client):
    assert client.get("/csp-report/").status_code == 405


def test_no_security_token_is_needed(tree):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert _send(client, json.dumps(REPORT)).status_code == 204


def test_one_address_cannot_flood_the_log(client, caplog):
    from portal.views import CSP_REPORTS_PER_ADDRESS_PER_MINUTE

    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        for _ in range(CSP_REPORTS_PER_ADDRESS_PER_MINUTE + 10):
            assert _send(client, json.dumps(REPORT)).status_code == 204
    assert len(_logged(caplog)) == CSP_REPORTS_PER_ADDRESS_PER_MINUTE
