"""No log line keeps a survey invitation code, even for an old link that put it in the
address: the development server's request lines and Django's request warnings."""

import logging

import pytest

from portal.log_redaction import without_codes


class _Kept(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.mark.parametrize("logger_name", ["django.server", "django.request"])
def test_a_code_in_a_logged_address_is_removed(logger_name):
    logger = logging.getLogger(logger_name)
    kept = _Kept()
    logger.addHandler(kept)
    try:
        # As the development server writes a request line: the request line is an argument.
        logger.warning('"%s" %s %s', "GET /surveys/2026/respond/?code=ABCD2345 HTTP/1.1",
                       "302", "0")
    finally:
        logger.removeHandler(kept)
    assert kept.lines == ['"GET /surveys/2026/respond/?code=[removed] HTTP/1.1" 302 0']


def test_only_the_code_is_removed():
    assert without_codes("/s/?return=check&code=ab-12&x=1") == \
        "/s/?return=check&code=[removed]&x=1"
    assert without_codes("/s/#code=ABCD2345") == "/s/#code=[removed]"
    assert without_codes("/s/?postcode=AB1") == "/s/?postcode=AB1"


@pytest.mark.parametrize("address", [
    "/policies/travel/checker/?age=7&distance_miles=1.8",
    # Typed or shared without the slash (answered with a redirect), or percent-encoded (served).
    "/policies/travel/checker?age=7&distance_miles=1.8",
    "/policies/travel/%63hecker/?age=7&distance_miles=1.8",
    "/pl/policies/travel/CHECKER/?age=7",
])
def test_a_checkers_answers_are_in_no_log_line_however_the_address_is_written(address):
    line = without_codes(f'"GET {address} HTTP/1.1" 200 512')
    assert "age=" not in line and "[removed]" in line


def test_other_addresses_keep_their_query_strings():
    line = '"GET /search/?q=taxi+late HTTP/1.1"'
    assert without_codes(line) == line
    assert without_codes("/policies/checkers-guide/?page=2") == "/policies/checkers-guide/?page=2"
