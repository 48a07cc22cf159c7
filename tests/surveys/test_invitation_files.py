"""Reading a file of addresses to invite: clean files are read whole, bad lines are named.

Plain functions; no database."""

import pytest

from surveys.invitation_files import (
    MAX_ROWS,
    InvitationLine,
    is_email,
    parse_bytes,
    parse_csv,
    to_rows,
)

AUDIENCES = {"parents": "Parents and carers", "young_people": "Young people",
             "schools": "Schools and colleges", "operators": "Transport operators"}


def parse(text):
    return parse_csv(text, audiences=AUDIENCES, default="parents")


def parse_file(data: bytes):
    return parse_bytes(data, audiences=AUDIENCES, default="parents")


def test_a_file_with_a_header_reads_every_address_and_audience():
    result = parse("email,audience\nAlex@Example.org,parents\nsam@example.org,Young people\n"
                   "head@school.example.org,schools\n")
    assert result.ok and result.errors == ()
    assert result.lines == (
        InvitationLine(2, "alex@example.org", "parents"),
        InvitationLine(3, "sam@example.org", "young_people"),
        InvitationLine(4, "head@school.example.org", "schools"),
    )
    assert result.by_audience() == {"parents": 1, "young_people": 1, "schools": 1}


def test_the_header_is_optional_and_the_audience_defaults_to_parents():
    result = parse("alex@example.org\nsam@example.org,operators\n")
    assert result.ok
    assert [(x.line, x.email, x.audience) for x in result.lines] == [
        (1, "alex@example.org", "parents"), (2, "sam@example.org", "operators")]


def test_columns_are_found_by_name_in_any_order_and_blank_lines_are_skipped():
    result = parse("\nName,Audience,E-mail address\nAlex,,alex@example.org\n\n"
                   "Sam,young-people,sam@example.org\n")
    assert result.ok
    assert [(x.email, x.audience) for x in result.lines] == [
        ("alex@example.org", "parents"), ("sam@example.org", "young_people")]


def test_semicolon_separated_files_from_european_spreadsheets_are_read():
    result = parse("email;audience\nalex@example.org;schools\n")
    assert result.ok and result.lines[0].audience == "schools"


def test_each_bad_line_gets_one_message_naming_the_line_and_nothing_is_read():
    result = parse("email,audience\n"
                   "alex@example.org,parents\n"
                   "not an address,parents\n"
                   "sam@example.org,teachers\n"
                   "ALEX@example.org,\n"
                   ",schools\n"
                   "bad@,nobody\n")
    assert not result.ok
    assert result.errors == (
        "Line 3: “not an address” is not an e-mail address.",
        "Line 4: “teachers” is not an audience (use parents, young people, schools or "
        "operators, or leave it empty for parents).",
        "Line 5: alex@example.org is already on line 2.",
        "Line 6: there is no e-mail address.",
        "Line 7: “bad@” is not an e-mail address; “nobody” is not an audience (use parents, "
        "young people, schools or operators, or leave it empty for parents).",
    )


def test_a_header_without_an_email_column_is_refused():
    result = parse("name,school\nAlex,Hove Park\n")
    assert result.errors == ("Line 1: expected a header row with a column called email (and, "
                             "if you like, audience), or an e-mail address.",)


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff"])
def test_an_empty_file_is_refused(text):
    assert parse(text).errors == ("The file is empty.",)


def test_a_header_and_no_addresses_is_refused():
    assert parse("email,audience\n").errors == ("The file has no e-mail addresses in it.",)


def test_more_than_the_row_limit_is_refused():
    text = "email\n" + "".join(f"p{i}@example.org\n" for i in range(MAX_ROWS + 1))
    result = parse(text)
    assert not result.ok
    assert result.errors == ("The file has more than 20,000 addresses. Split it into smaller "
                             "files.",)
    assert parse("email\n" + "".join(f"p{i}@example.org\n" for i in range(MAX_ROWS))).ok


def test_a_file_over_one_megabyte_is_refused_before_it_is_read():
    data = b"email\n" + b"someone.with.a.long.address@example.org\n" * 30_000
    assert len(data) > 1_000_000
    assert parse_file(data).errors[0].startswith("The file is larger than 1 MB.")


def test_a_file_that_is_not_utf8_text_is_refused():
    assert "not text saved as UTF-8" in parse_file(b"email\nj\xe9r\xf4me@example.org\n").errors[0]
    assert "not a text file" in parse_file(b"email\n\x00\x01").errors[0]
    assert "Excel workbook" in parse_file(b"PK\x03\x04\x14\x00binary").errors[0]


def test_utf8_with_a_byte_order_mark_is_read():
    result = parse_file("email\nzoë@example.org\n".encode("utf-8-sig"))
    assert result.errors == ("Line 2: “zoë@example.org” is not an e-mail address.",)
    result = parse_file("\ufeffemail\nzoe@example.org\n".encode())
    assert result.ok and result.lines[0].email == "zoe@example.org"


@pytest.mark.parametrize("address", ["alex@example.org", "a.b+tag@sub.example.co.uk",
                                     "o'neill@example.ie"])
def test_ordinary_addresses_are_accepted(address):
    assert is_email(address)


@pytest.mark.parametrize("address", ["alex", "alex@", "@example.org", "alex@example",
                                     "alex@@example.org", "al ex@example.org",
                                     "alex..b@example.org", ".alex@example.org",
                                     "alex@-example.org", "a" * 250 + "@example.org"])
def test_things_that_are_not_addresses_are_refused(address):
    assert not is_email(address)


def test_rows_for_the_session_are_plain_lists():
    result = parse("alex@example.org,schools\n")
    assert to_rows(result.lines) == [["alex@example.org", "schools", "en"]]
