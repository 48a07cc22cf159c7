"""Reading a file of e-mail addresses to invite to a survey.

Plain functions: bytes in, frozen values and one message per bad line out. A
file is either clean (every line read) or refused whole, so an officer never
sends half a list and wonders who was missed. Standard library only: the
audiences a file may name are passed in by the caller.

The file is CSV with a column ``email`` and optionally ``audience`` and
``language`` (en, pl or ar; empty means English); the header row may be left out,
in which case the first column is the address, the second (if any) the audience
and the third (if any) the language.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MAX_BYTES = 1_000_000
MAX_ROWS = 20_000
EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a whole address
# Column names as _key() writes them: "E-mail address" is "e mail address".
EMAIL_HEADERS = ("email", "e mail", "email address", "e mail address", "emailaddress", "mail")
AUDIENCE_HEADERS = ("audience", "group", "who")
LANGUAGE_HEADERS = ("language", "lang", "language code")
#: The languages an invitation can be written in, by the codes a file may give.
LANGUAGES = ("en", "pl", "ar")

# Deliberately plain: something@somewhere.tld with no spaces. Anything stranger is far more
# likely a slip in a spreadsheet than a real address, and a clear message beats a bounce.
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


def gettext_noop(text: str) -> str:
    """``text`` unchanged: the name marks it for the translators' catalogue (Django's
    ``makemessages`` looks for it), and the page that shows it translates it."""
    return text


def _english_count(number: int) -> str:
    return f"{number:,}"


@dataclass(frozen=True)
class Names:
    """Words listed in a problem (audiences), joined with the reader's list comma."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class Count:
    """A count in a problem ("more than 20,000 addresses"), grouped as the reader writes it."""

    number: int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, in words the officer can be shown in their language.

    ``template`` is English with ``%(name)s`` places, marked for translation; ``params``
    holds (name, value) pairs, where a value may itself be a ``Problem``, a tuple of them
    (joined with "; "), a ``Names`` (joined with ", ", "، " in Arabic) or a ``Count``
    (written by ``number``: "20,000" in English; line numbers stay plain ints). ``str()``
    gives the English; ``render(gettext, number=...)`` a translation, counts in its way.
    """

    template: str
    params: tuple[tuple[str, object], ...] = ()

    def render(self, translate: Callable[[str], str] = gettext_noop,
               number: Callable[[int], str] = _english_count) -> str:
        values = {}
        for name, value in self.params:
            if isinstance(value, Problem):
                value = value.render(translate, number)
            elif isinstance(value, tuple):
                value = translate("; ").join(part.render(translate, number) for part in value)
            elif isinstance(value, Names):
                value = translate(", ").join(value.names)
            elif isinstance(value, Count):
                value = number(value.number)
            values[name] = value
        return translate(self.template) % values

    def __str__(self) -> str:
        return self.render()


def _problem(template: str, **params) -> Problem:
    return Problem(template, tuple(params.items()))


@dataclass(frozen=True)
class InvitationLine:
    """One address read from the file, with the line it was on."""

    line: int
    email: str
    audience: str
    language: str = "en"


@dataclass(frozen=True)
class ParseResult:
    """The addresses read, or why the file was refused: ``problems`` holds ``Problem``s (or
    strings already in the reader's language); ``errors`` gives them in English and
    ``translated(gettext)`` in the officer's language."""

    lines: tuple[InvitationLine, ...]
    problems: tuple[Problem | str, ...]

    @property
    def errors(self) -> tuple[str, ...]:
        return tuple(str(problem) for problem in self.problems)

    def translated(self, translate: Callable[[str], str],
                   number: Callable[[int], str] = _english_count) -> tuple[str, ...]:
        return tuple(problem.render(translate, number) if isinstance(problem, Problem)
                     else problem for problem in self.problems)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.lines)

    def by_language(self) -> dict[str, int]:
        """How many addresses for each language code, in the order they first appear."""
        counts: dict[str, int] = {}
        for item in self.lines:
            counts[item.language] = counts.get(item.language, 0) + 1
        return counts

    def by_audience(self) -> dict[str, int]:
        """How many addresses for each audience, in the order they first appear."""
        counts: dict[str, int] = {}
        for item in self.lines:
            counts[item.audience] = counts.get(item.audience, 0) + 1
        return counts


def is_email(text: str) -> bool:
    if len(text) > EMAIL_MAX_LENGTH or ".." in text:
        return False
    local = text.split("@", 1)[0]
    if local.startswith(".") or local.endswith(".") or len(local) > 64:
        return False
    return bool(_EMAIL.match(text))


def _key(text: str) -> str:
    """An audience as people type it: 'Young people', 'young-people', 'YOUNG_PEOPLE'."""
    return " ".join(re.split(r"[\s_-]+", text.strip().lower()))


def _audience_lookup(audiences: Mapping[str, str]) -> dict[str, str]:
    """Stored value or label, loosely spelt, to the stored value."""
    lookup = {}
    for value, label in audiences.items():
        lookup[_key(value)] = value
        lookup[_key(str(label))] = value
    return lookup


def _audience_hint(audiences: Mapping[str, str]) -> Problem | str:
    names = [_key(v) for v in audiences]
    if len(names) < 2:
        return "".join(names)
    return _problem(gettext_noop("%(some)s or %(last)s"), some=Names(tuple(names[:-1])),
                    last=names[-1])


TOO_BIG = gettext_noop("The file is larger than 1 MB. Split it into smaller files, or check it "
                       "is the right file.")
EMPTY = gettext_noop("The file is empty.")


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """(text, None) for UTF-8 text of an allowed size, else (None, a ``Problem`` saying
    why)."""
    if len(data) > MAX_BYTES:
        return None, _problem(TOO_BIG)
    if not data.strip():
        return None, _problem(EMPTY)
    if data.startswith(b"PK\x03\x04"):
        return None, _problem(gettext_noop(
            "This looks like an Excel workbook, not a CSV file. In Excel choose File > Save "
            "as > CSV UTF-8, then upload that."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, _problem(gettext_noop(
            "The file is not text saved as UTF-8. Save it as CSV UTF-8 (in Excel: File > "
            "Save as > CSV UTF-8) and upload it again."))
    if "\x00" in text:
        return None, _problem(gettext_noop(
            "The file is not a text file. Upload a CSV file of e-mail addresses."))
    return text, None


def parse_bytes(data: bytes, *, audiences: Mapping[str, str], default: str) -> ParseResult:
    """An uploaded file, checked for size and encoding before it is read."""
    text, problem = decode(data)
    if problem:
        return ParseResult((), (problem,))
    return parse_csv(text, audiences=audiences, default=default)


def _delimiter(first_line: str) -> str:
    # Spreadsheets set to some European locales write semicolons; tab-separated text is
    # what pasting from a spreadsheet gives.
    for candidate in (",", ";", "\t"):
        if candidate in first_line:
            return candidate
    return ","


def parse_csv(text: str, *, audiences: Mapping[str, str], default: str) -> ParseResult:
    """Read addresses, one a line. ``audiences`` maps stored values to labels (either may be
    written in the file); ``default`` is used where no audience is given.

    Refused whole with one message per bad line: not an address, an unknown audience, an
    address repeated from an earlier line; or no addresses, or more than ``MAX_ROWS``.
    """
    if len(text.encode("utf-8")) > MAX_BYTES:
        return ParseResult((), (_problem(TOO_BIG),))
    text = text.lstrip("\ufeff")
    if not text.strip():
        return ParseResult((), (_problem(EMPTY),))
    first_line = next(line for line in text.splitlines() if line.strip())
    rows = csv.reader(io.StringIO(text), delimiter=_delimiter(first_line))
    lookup = _audience_lookup(audiences)
    i_email, i_audience, i_language = 0, 1, 2
    lines: list[InvitationLine] = []
    errors: list[Problem] = []
    seen: dict[str, int] = {}
    count = 0
    header_checked = False
    try:
        for row in rows:
            number = rows.line_num  # the physical line, even after a quoted line break
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if not header_checked and not any("@" in cell for cell in cells):
                header_checked = True
                header = [_key(cell) for cell in cells]
                found = next((i for i, h in enumerate(header) if h in EMAIL_HEADERS), None)
                if found is None:
                    return ParseResult((), (_problem(gettext_noop(
                        "Line %(number)s: expected a header row with a column called email "
                        "(and, if you like, audience), or an e-mail address."),
                        number=number),))
                i_email = found
                i_audience = next((i for i, h in enumerate(header) if h in AUDIENCE_HEADERS),
                                  None)
                i_language = next((i for i, h in enumerate(header) if h in LANGUAGE_HEADERS),
                                  None)
                continue
            header_checked = True
            count += 1
            if count > MAX_ROWS:
                return ParseResult((), (_problem(gettext_noop(
                    "The file has more than %(most)s addresses. Split it into smaller "
                    "files."), most=Count(MAX_ROWS)),))
            email = cells[i_email].lower() if i_email < len(cells) else ""
            given = cells[i_audience] if i_audience is not None and i_audience < len(cells) \
                else ""
            language = cells[i_language].lower() if i_language is not None \
                and i_language < len(cells) else ""
            problems = []
            if not email:
                problems.append(_problem(gettext_noop("there is no e-mail address")))
            elif not is_email(email):
                problems.append(_problem(gettext_noop("“%(typed)s” is not an e-mail address"),
                                         typed=cells[i_email]))
            audience = lookup.get(_key(given)) if given else default
            if audience is None:
                problems.append(_problem(gettext_noop(
                    "“%(typed)s” is not an audience (use %(choices)s, or leave it empty for "
                    "%(default)s)"), typed=given, choices=_audience_hint(audiences),
                    default=_key(default)))
            if language and language not in LANGUAGES:
                problems.append(_problem(gettext_noop(
                    "“%(typed)s” is not a language the invitation can be written in (use en, "
                    "pl or ar, or leave it empty for English)"), typed=cells[i_language]))
            if email and email in seen:
                problems.append(_problem(gettext_noop("%(email)s is already on line %(line)s"),
                                         email=email, line=seen[email]))
            if problems:
                errors.append(_problem(gettext_noop("Line %(number)s: %(problems)s."),
                                       number=number, problems=tuple(problems)))
                continue
            seen[email] = number
            lines.append(InvitationLine(number, email, audience, language or "en"))
    except csv.Error as error:
        # An unmatched quote, most often: name the line rather than fail the whole request.
        return ParseResult((), (_problem(gettext_noop(
            "Line %(number)s: the file cannot be read as CSV (%(error)s)."),
            number=rows.line_num, error=str(error)),))
    if not lines and not errors:
        errors.append(_problem(gettext_noop("The file has no e-mail addresses in it.")))
    return ParseResult(tuple(lines), tuple(errors))


def to_rows(lines: tuple[InvitationLine, ...] | list[InvitationLine]) -> list[list[str]]:
    """Plain lists (e-mail, audience, language), small enough to keep in the session until
    confirmed."""
    return [[item.email, item.audience, item.language] for item in lines]


def rows_digest(survey_id: int, rows: list[list[str]]) -> str:
    """A short fingerprint of exactly which checked list would be sent to which survey
    (hex, 32 characters): the same rows for the same survey always give the same digest,
    and any other list, or the same list for another survey, a different one.

    The check step's "Send" button carries it, so a confirm sends the list the officer
    looked at or nothing: another upload in the same session (another tab) replaces the
    checked list, and its digest no longer matches. ``rows`` are ``to_rows``'s lists."""
    text = json.dumps([survey_id, rows], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
