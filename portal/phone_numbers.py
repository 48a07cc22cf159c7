"""Phone numbers a reader can tap: the rule that finds UK numbers in text and makes them
``tel:`` links.

Plain functions over strings (no Django, no Wagtail). A number is found where a reader
would see one: a leading ``0`` or ``+44``, then digits in groups separated by single
spaces or hyphens (or a hyphen with a space either side), 10 or 11 digits in all for ``0…``
numbers (Ofcom's UK numbering plan) and 12 for ``+44…``. Years, prices and counts are never
matched. Text inside an existing link is left alone. What an officer types in Service details
is checked against libphonenumber's numbering data (``phonenumbers``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape as html_escape
from html import unescape as html_unescape
from urllib.parse import unquote

import phonenumbers

# Any space a word processor or an e-mail signature puts between digit groups: non-breaking,
# thin, narrow non-breaking, figure space.
_SPACES = "\u00a0\u2007\u2009\u202f"
# Digits inside an e-mail address ("07700900123@sms.example.gov.uk", "a.07700900123@…",
# "x@01234567890.uk", "texts@sms-07700900123.example.uk") are never a number: the address
# is linked whole, as a mailto: (bk13j F2). Those are left out by the address's span
# (``_numbers``), so "Tel.07700 900 123" and "Mob.07700 900 456" are still numbers (r13k F3).
_NUMBER = re.compile(rf"(?<![\w+@])"
                     rf"(?:\+44[ {_SPACES}-]?(?:\(0\)[ {_SPACES}]?)?|0)\d{{2,5}}"
                     rf"(?:(?:[ {_SPACES}]-[ {_SPACES}]|[ {_SPACES}-])?\d{{2,4}}){{1,3}}"
                     rf"(?![\w@-])(?![.+][\w.+-]*@)")
_ANY_SPACE = re.compile(rf"[\s{_SPACES}]+")
# "+44 (0)300…": the trunk 0 a UK reader skips after +44; not dialled.
_TRUNK = re.compile(r"^(\+44[\s-]*)\(0\)\s*")
# Where the number ends and words begin: "0300 123 4567 (option 2)", "… / 07700 900123".
_AFTER_NUMBER = re.compile(r"[^\d\s+()\-.]")
_TAG = re.compile(r"(<[^>]*>)")
_LINK = re.compile(r"<\s*(/?)\s*a\b", re.IGNORECASE)


# Arabic-Indic and Eastern Arabic-Indic (Persian, Urdu) digits, as pasted from an Arabic
# document: a tel: address holds ASCII digits only (RFC 3966), so they are read as 0-9.
_EASTERN_DIGITS = str.maketrans("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
                                "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
                                "01234567890123456789")


def ascii_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Eastern Arabic-Indic digits as ASCII 0-9
    ("٠١٢٣٤" is "01234"); other characters as they are."""
    return (text or "").translate(_EASTERN_DIGITS)


def _as_shown(text: str) -> str:
    """``text`` as a number is read: ASCII digits (``ascii_digits``), any space character a
    single space, spaces at the ends dropped, "+44 (0)300…" as "+44 300…"."""
    return _TRUNK.sub(r"\1", _ANY_SPACE.sub(" ", ascii_digits(text)).strip())


def tel_href(number: str) -> str:
    """``tel:`` address for a number as shown: "01234 567 890" -> "tel:+441234567890".

    UK numbers are written in international form so a phone abroad dials them too. Any
    space character separates groups; "+44 (0)300…" drops the "(0)"; words after the number
    ("(option 2)", "/ 07700 900123") are left out of the link. A number libphonenumber reads
    as one (UK unless it starts with + or 00 and another country's code; valid, or an Ofcom
    drama number) is written in its E.164 form, so a trunk 0 typed after +44 ("+44 0300…",
    the phone chooser's "tel:+4401234567890"), an international prefix ("0044 300…") or a
    UK number without its 0 ("1234 567890") is dialled as meant: "tel:+443001234567".
    Otherwise the digits as shown. Returns "" when ``number`` holds no digits.
    """
    number = _as_shown(number)
    # Only the number itself: words after it ("(option 2)", "/ 07700 900123") are not dialled.
    cut = _AFTER_NUMBER.search(number)
    if cut:
        number = number[:cut.start()].rstrip(" (-/")
    digits = re.sub(r"[^0-9]", "", number)
    if not digits:
        return ""
    parsed = _parsed(number)
    if parsed is not None:
        return f"tel:{phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)}"
    if number.startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("0"):
        return f"tel:+44{digits[1:]}"
    return f"tel:{digits}"


class NotOneNumber(ValueError):
    """What an officer typed is not one number a phone can dial; ``str()`` says why, plainly."""


# Ofcom's numbers for drama (fiction, demos, tests): never given to a real line, so the
# demo's and the tests' numbers validate without dialling anyone. National significant
# numbers (after the trunk 0) starting so, 10 digits in all. libphonenumber calls them
# invalid, as no network carries them.
_DRAMA_PREFIXES = ("1134960", "1144960", "1154960", "1164960", "1174960", "1184960",
                   "1214960", "1314960", "1414960", "1514960", "1614960", "1914980",
                   "2079460", "2896496", "2920180", "1632960", "3069990", "8081570",
                   "9098790", "7700900")
# One number as a reader writes it: digit groups, each separated by one space, one hyphen,
# or a hyphen with one space either side ("01234 - 567890"), with an optional leading +.
# Dashes a word processor puts for a hyphen (en dash, em dash, non-breaking hyphen, minus
# sign): kept as the hyphen families type.
_DASHES = str.maketrans("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-" * 9)
_SEPARATOR = re.compile(r" - | |-")
_SHAPE = re.compile(r"\+?\d+(?:(?: - | |-)\d+)*")


def _parsed(shown: str) -> phonenumbers.PhoneNumber | None:
    """``shown`` (digits, + and separators) as libphonenumber (``phonenumbers``, Google's
    numbering data) reads it, UK unless it starts with + and another country's code, when
    it calls it valid or it is one of Ofcom's drama numbers; else None."""
    try:
        number = phonenumbers.parse(shown, "GB")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return number
    national = str(number.national_number)
    if (number.country_code == 44 and len(national) == 10
            and national.startswith(_DRAMA_PREFIXES)):
        return number
    return None


def _dialable(shown: str) -> bool:
    """Whether ``shown`` (digits, + and separators) is a number libphonenumber
    (``phonenumbers``, Google's numbering data) calls valid, read as a UK number unless it
    starts with + and another country's code, or is one of Ofcom's drama numbers."""
    return _parsed(shown) is not None


def _another_country(shown: str) -> bool:
    """Whether ``shown`` starts with + and a country code libphonenumber knows, not the UK's."""
    try:
        return shown.startswith("+") and phonenumbers.parse(shown, "GB").country_code != 44
    except phonenumbers.NumberParseException:
        return False


def normalised_phone(text: str) -> str:
    """The transport number as Service details should keep it: as the officer typed it,
    with any space character a single space, spaces at the ends dropped, "+44 (0)300…" as
    "+44 300…", brackets round an area code dropped ("(01234) 567890" is "01234 567890"),
    Arabic-Indic digits as ASCII ("٠٣٠٠" is "0300", ``ascii_digits``: a tel: address holds
    ASCII digits only). Groups stay as typed ("01234 - 567890", "01234 567 890"). "" stays "".

    Raises ``NotOneNumber``, its message plain, for anything else: words ("0300 123 4567
    (option 2)"), two numbers ("0300 123 4567 / 07700 900123"), other digits (full-width),
    more than one separator between two groups ("01234---567890"), a separator at either end
    ("01234567890-"), a UK number split into single digits ("0-1-2-3-4-5-6-7-8-9-0"), or a
    number libphonenumber does not call valid ("+0000000000", "12345"): a UK one
    (0 or +44), or another country's after its + (``_dialable``). Ofcom's drama numbers
    ("01632 960001", "07700 900123") are kept, for the demo and tests."""
    shown = _as_shown(text).translate(_DASHES)
    if not shown:
        return ""
    if re.search(r"[^0-9 +()\-]", shown) or "+" in shown[1:]:
        raise NotOneNumber(
            "Give one number, in digits and spaces only (for example 0300 123 4567). Put "
            "words such as \u201coption 2\u201d or the hours in Opening hours, and a second "
            "number in the footer note.")
    shown = re.sub(r"\(([\d ]+)\) ?", r"\1 ", shown).strip()
    if "(" in shown or ")" in shown:
        raise NotOneNumber(
            "Give one number, in digits and spaces only (for example 0300 123 4567), "
            "without brackets.")
    if not _SHAPE.fullmatch(shown):
        if re.search(r"[ -]{2,}", shown.strip(" -+")):
            raise NotOneNumber(
                "Put one space or one hyphen between groups of digits, not more (for "
                "example 0300 123 4567 or 0300-123-4567).")
        raise NotOneNumber(
            "Start the number with 0 or + and end it with a digit, with nothing before or "
            "after it (for example 0300 123 4567).")
    groups = _SEPARATOR.split(shown)
    # "+33 1 23 45 67 89": one digit may follow a country code, and a country code may be
    # one digit ("+1 202 456 1111", "+7 495 …"); nowhere else in a number.
    single = [n for n, group in enumerate(groups) if len(group.lstrip("+")) == 1]
    if any(not (n in (0, 1) and groups[0].startswith("+")) for n in single):
        raise NotOneNumber(
            "Write the number in groups of digits as it is said, not one digit at a time "
            "(for example 0300 123 4567).")
    if re.match(r"\+44[ -]*0", shown):
        raise NotOneNumber(
            "Leave out the 0 after +44: write +44 300 123 4567, or 0300 123 4567.")
    if not shown.startswith(("0", "+")):
        raise NotOneNumber(
            "Start the number with 0 or + (for example 0300 123 4567).")
    if not _dialable(shown):
        if _another_country(shown):
            raise NotOneNumber(
                f"\u201c{text.strip()}\u201d is not a phone number in the country its code "
                "names: check the digits after the + (for example +33 1 23 45 67 89), or give "
                "a UK number such as 0300 123 4567.")
        raise NotOneNumber(
            f"\u201c{text.strip()}\u201d is not one UK phone number: a UK number has 10 or 11 "
            "digits and starts with 0 (or +44). Give one number, for example 0300 123 4567.")
    return shown


def is_phone_number(text: str) -> bool:
    """Whether ``text`` (already matched by the pattern) is a UK number: a UK number's digit
    count (10 or 11 after 0, 12 after +44), or one libphonenumber reads as a number, UK
    unless an international prefix names another country (``_parsed``): "0800 1111",
    "0044 1234 567890", "+44 0300 123 4567" (its trunk 0 not dialled: ``tel_href``)."""
    digits = re.sub(r"\D", "", _TRUNK.sub(r"\1", text))
    if (len(digits) == 12) if text.startswith("+") else (len(digits) in (10, 11)):
        return True
    return _dialable(_as_shown(text))


def _numbers(text: str, also: str = "") -> list[re.Match]:
    """The phone numbers in plain ``text`` (``_NUMBER`` that ``is_phone_number``), and each
    copy of ``also`` (one number as written, whatever its form: the Service details
    number) standing on its own, leaving out digits that are part of an e-mail address
    (``_ADDRESS``), in order and not overlapping."""
    addresses = [m.span() for m in _ADDRESS.finditer(text)]
    found = [m for m in _NUMBER.finditer(text) if is_phone_number(m.group(0))]
    if also.strip():
        found += re.finditer(rf"(?<![\w+@]){re.escape(also.strip())}(?![\w@])", text)
    out: list[re.Match] = []
    for m in sorted(found, key=lambda m: (m.start(), -m.end())):
        if any(start < m.end() and m.start() < end for start, end in addresses):
            continue
        if out and m.start() < out[-1].end():
            continue
        out.append(m)
    return out


def _numbers_replaced(text: str, change: Callable[[re.Match], str], also: str = "") -> str:
    """``text`` with each phone number (``_numbers``) replaced by ``change(match)``."""
    out, at = [], 0
    for m in _numbers(text, also):
        out += [text[at:m.start()], change(m)]
        at = m.end()
    return "".join(out) + text[at:]


def link_phone_numbers(html: str, render: Callable[[str, str], str], also: str = "") -> str:
    """Wrap each phone number in trusted ``html`` with ``render(href, text)``.

    Only text outside tags and outside ``<a>`` elements is linked; ``render`` receives the
    ``tel:`` address and the number's (escaped) text and returns safe HTML. ``also`` is one
    number as written (the Service details number, which ``{phone}`` fills in as plain
    text): each copy of it is linked whatever its form ("0044 1234 567890", "+1 202 456
    1111"), as ``phone_filled_in_html`` links it in rich text. A ``tel:`` link
    already in ``html`` (as Wagtail's phone link chooser writes it, ``<a
    href="tel:01234567890">01234 567 890</a>``) is made like the site's own
    (``_tel_link_isolated``): its ``href`` as ``tel_href`` writes it, the ``govuk-link
    portal-tel`` classes, its number reading left to right on an Arabic page (r13k F1, F2).
    """
    shown = html_escape(also or "", quote=False)
    return _outside_links(_links_isolated(html, "tel:", _tel_tag, _tel_words),
                          lambda text: _numbers_replaced(
                              text, lambda m: render(tel_href(m.group(0)), m.group(0)),
                              shown))


_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_BDI = re.compile(r"<\s*(/?)\s*bdi\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_ISOLATE = '<bdi dir="ltr">{}</bdi>'


def _with_classes(tag: str, wanted: tuple[str, ...]) -> str:
    """Opening tag ``tag`` with each class in ``wanted`` added to its ``class`` (kept)."""
    m = _CLASS.search(tag)
    if m is None:
        return re.sub(r"^<\s*a\b", lambda a: f'{a.group(0)} class="{" ".join(wanted)}"', tag,
                      flags=re.IGNORECASE)
    have = (m.group(1) if m.group(1) is not None else m.group(2)).split()
    classes = " ".join([*have, *(c for c in wanted if c not in have)])
    return f'{tag[:m.start()]}class="{classes}"{tag[m.end():]}'


def _tel_tag(tag: str, href: str) -> str:
    """A ``tel:`` link's opening ``tag`` as the site writes its own: ``href`` (as found,
    entities and %-escapes read) as ``tel_href`` writes it ("tel:+44 (0)1234 567 890" is
    "tel:+441234567890"; kept when it holds no digits), the ``govuk-link portal-tel``
    classes."""
    dialled = tel_href(unquote(html_unescape(href))[len("tel:"):])
    m = _HREF.search(tag)
    if dialled and m is not None:
        tag = f'{tag[:m.start()]}href="{html_escape(dialled, quote=True)}"{tag[m.end():]}'
    return _with_classes(tag, ("govuk-link", "portal-tel"))


def _tel_words(text: str) -> str:
    """Text inside a ``tel:`` link with its number isolated left to right: all of it when
    it has no letters ("01234 567 890", "+44 (0)1234 567890", Arabic-Indic digits), else
    each UK number in it ("Phone 01234 567 890")."""
    if not _LETTER.search(text):
        core = text.strip()
        return text.replace(core, _ISOLATE.format(core), 1) if core else text
    return _numbers_replaced(text, lambda m: _ISOLATE.format(m.group(0)))


def _mail_tag(tag: str, href: str) -> str:
    """A ``mailto:`` link's opening ``tag`` with the ``govuk-link`` class, as the site's own."""
    return _with_classes(tag, ("govuk-link",))


def _mail_words(text: str) -> str:
    """Text inside a ``mailto:`` link with each address in it isolated left to right."""
    return _ADDRESS.sub(lambda m: _ISOLATE.format(m.group(0)), text)


def _links_isolated(html: str, scheme: str, retag: Callable[[str, str], str],
                    words: Callable[[str], str]) -> str:
    """``html`` with each ``<a>`` whose ``href`` starts with ``scheme`` ("tel:", "mailto:",
    any letter case): its opening tag ``retag(tag, href)``, and each run of its text not
    already in a ``<bdi>`` (as ``_placeholders_filled_in`` writes a number) ``words(text)``.
    Other tags and text kept as they are."""
    out: list[str] = []
    in_link = False
    in_bdi = 0
    for piece in _TAG.split(html or ""):
        if not piece:
            continue
        if piece.startswith("<"):
            link, bdi, href = _LINK.match(piece), _BDI.match(piece), _HREF.search(piece)
            if link and link.group(1):
                in_link, in_bdi = False, 0
            elif link:
                found = href.group(1) if href and href.group(1) is not None else (
                    href.group(2) if href else "")
                in_link = found.strip().lower().startswith(scheme)
                if in_link:
                    piece = retag(piece, found.strip())
            elif bdi and in_link:
                in_bdi = max(0, in_bdi - 1) if bdi.group(1) else in_bdi + 1
            out.append(piece)
        else:
            out.append(words(piece) if in_link and not in_bdi else piece)
    return "".join(out)


def _outside_links(html: str, change: Callable[[str], str]) -> str:
    """``html`` with ``change`` applied to each run of text outside tags and outside ``<a>``
    elements (so nothing already a link is linked again); tags kept as they are."""
    out: list[str] = []
    inside_link = 0
    for piece in _TAG.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            m = _LINK.match(piece)
            if m:
                inside_link = max(0, inside_link - 1) if m.group(1) else inside_link + 1
            out.append(piece)
            continue
        out.append(piece if inside_link else change(piece))
    return "".join(out)


def phone_number_spans(text: str) -> list[tuple[int, int]]:
    """Where each phone number in plain ``text`` starts and ends (``text[start:end]``)."""
    return [m.span() for m in _numbers(text or "")]


def phone_numbers_in(text: str) -> list[str]:
    """The phone numbers in plain ``text``, as written ("01234 567 890"), in order."""
    return [m.group(0) for m in _numbers(text or "")]


# --- the transport team's number, written once ------------------------------------------
#
# An officer writes "{phone}" where a page or a promoted search's description gives the
# transport team's number, and the reader sees the number from Service details (the one the
# banners and footers give), in every language: one place to change it.

PHONE_PLACEHOLDER = "{phone}"
# "{phone}", "{ phone }", "{Phone}": as an officer or a translator may type it.
_PLACEHOLDER = re.compile(r"\{\s*phone\s*\}", re.IGNORECASE)


def has_phone_placeholder(text: str) -> bool:
    """Whether ``text`` holds the transport number's placeholder (``PHONE_PLACEHOLDER``)."""
    return bool(_PLACEHOLDER.search(text or ""))


def phone_filled_in(text: str, number: str) -> str:
    """Plain ``text`` with each ``{phone}`` replaced by ``number`` as written ("01234 567
    890"): the template's ``tel_links`` then makes it a link. ``number`` "" leaves the
    words around it ("phone the transport team on ."), so callers pass a fallback."""
    return _PLACEHOLDER.sub(lambda _m: number, text or "")


def phone_filled_in_html(html: str, number: str, render: Callable[[str, str], str]) -> str:
    """Trusted ``html`` (rendered rich text) with each ``{phone}`` filled in with ``number``
    (``_placeholders_filled_in``): outside links, ``render(tel_href(number), escaped
    number)``, a ``tel:`` link whatever the number's form (an international or short number
    too); inside a link's words, the number as written; inside a tag (``href="tel:{phone}"``,
    as Wagtail's phone link chooser writes it), the number as dialled ("+441234567890"),
    escaped for an attribute. With no number, the placeholder goes."""
    dialled = tel_href(number).removeprefix("tel:")
    return _placeholders_filled_in(html, _PLACEHOLDER, number, dialled,
                                   lambda shown: render(tel_href(number), shown))


def _placeholders_filled_in(html: str, placeholder: re.Pattern, shown: str, bare: str,
                            link: Callable[[str], str]) -> str:
    """``html`` with each match of ``placeholder``: inside a tag (an attribute's value),
    ``bare`` escaped for an attribute (quotes too); inside an ``<a>`` element's words,
    ``shown`` escaped in ``<bdi dir="ltr">`` (a link is not put inside a link, and the
    number still reads left to right on an Arabic page: bk13j F1); elsewhere
    ``link(escaped shown)``.
    With ``shown`` "", every placeholder goes."""
    if not shown:
        return placeholder.sub("", html or "")
    text = html_escape(shown, quote=False)
    attribute = html_escape(bare, quote=True)
    out: list[str] = []
    inside_link = 0
    for piece in _TAG.split(html or ""):
        if piece.startswith("<"):
            m = _LINK.match(piece)
            if m:
                inside_link = max(0, inside_link - 1) if m.group(1) else inside_link + 1
            out.append(placeholder.sub(lambda _m: attribute, piece))
        elif inside_link:
            out.append(placeholder.sub(lambda _m: f'<bdi dir="ltr">{text}</bdi>', piece))
        else:
            out.append(placeholder.sub(lambda _m: link(text), piece))
    return "".join(out)


def typed_copies_replaced(text: str, number: str) -> str:
    """``text`` with each typed copy of ``number`` (the same number as dialled, however it
    is spaced: "01234 567890", "+44 1234 567 890") replaced by ``PHONE_PLACEHOLDER``; other
    numbers (an out-of-hours line, another service's) are left as typed. What the data
    migration does to the FAQ, the home page's help box and promoted searches."""
    wanted = tel_href(number)
    if not wanted:
        return text or ""
    return _numbers_replaced(text or "", lambda m: PHONE_PLACEHOLDER
                             if tel_href(m.group(0)) == wanted else m.group(0))


# --- the transport team's e-mail address, written once ----------------------------------
#
# As "{phone}": an officer writes "{email}" and the reader sees the address in Service
# details (the English row's, the one the footer gives) as a mailto: link, in every language.

EMAIL_PLACEHOLDER = "{email}"
# "{email}", "{ Email }", "{e-mail}": as an officer or a translator may type it.
_EMAIL_PLACEHOLDER = re.compile(r"\{\s*e-?mail\s*\}", re.IGNORECASE)
# An address as a reader would see one in a sentence ("send.transport@example.gov.uk."):
# the full stop ending a sentence is not part of it.
# The local part takes RFC 5322's atext an address is written with ("j.o'neill",
# "a+b", "x!y"), its apostrophe also as escaped HTML ("j.o&#x27;neill"), starting with a
# letter, digit, "+" or "-" (an opening quote before an address is not part of it).
_ADDRESS = re.compile(r"(?<![\w.+-])[\w+-](?:[\w.!#%*+^~'-]|&#x27;|&#39;)*"
                      r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w@-])")
# The one address Service details keeps: letters, digits and ". _ + -" before the @, as
# families type one (``ordinary_email``).
_ORDINARY_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")


def has_email_placeholder(text: str) -> bool:
    """Whether ``text`` holds the transport e-mail's placeholder (``EMAIL_PLACEHOLDER``)."""
    return bool(_EMAIL_PLACEHOLDER.search(text or ""))


def email_filled_in(text: str, address: str) -> str:
    """Plain ``text`` with each ``{email}`` replaced by ``address`` as written: the
    template's ``mail_links`` then makes it a link. ``address`` "" leaves the words around
    it, so callers pass what they have."""
    return _EMAIL_PLACEHOLDER.sub(lambda _m: address, text or "")


def email_filled_in_html(html: str, address: str, render: Callable[[str, str], str]) -> str:
    """Trusted ``html`` with each ``{email}`` filled in with ``address``
    (``_placeholders_filled_in``): outside links, ``render("mailto:" + address, escaped
    address)``; ``render`` escapes the ``href`` it is given (``format_html``). Inside a
    link's words, the address as written; inside a tag (``href="mailto:{email}"``), the
    address escaped for an attribute. With no address, the placeholder goes."""
    return _placeholders_filled_in(html, _EMAIL_PLACEHOLDER, address, address,
                                   lambda shown: render(f"mailto:{address}", shown))


def link_email_addresses(html: str, render: Callable[[str, str], str]) -> str:
    """Wrap each e-mail address in trusted ``html`` with ``render("mailto:…", text)`` (the
    ``href`` as found in ``html``; ``render`` escapes it); text
    inside tags and inside ``<a>`` elements is not linked again (as ``link_phone_numbers``),
    but a ``mailto:`` link already in ``html`` (Wagtail's e-mail link chooser's) gets the
    ``govuk-link`` class and its address isolated left to right, as the site's own (r13k F4)."""
    return _outside_links(_links_isolated(html, "mailto:", _mail_tag, _mail_words),
                          lambda text: _ADDRESS.sub(
                              lambda m: render(f"mailto:{html_unescape(m.group(0))}",
                                               m.group(0)), text))


class NotOneAddress(ValueError):
    """What an officer typed is not an address as families write one; ``str()`` says why."""


def ordinary_email(text: str) -> str:
    """The transport e-mail address as Service details should keep it: ``text`` without the
    spaces around it; "" stays "".

    Raises ``NotOneAddress`` unless it is one address as a reader sees one in a sentence
    (the pattern the site links addresses by: letters, digits and ". _ + -" before the @, a
    domain after it). So a quoted local part (``"…"@example.gov.uk``, which RFC 5322 and
    Django's EmailField allow), spaces, quotes and other signs are refused: such an address
    would not be linked in text and could not stay inside a link's ``href``."""
    address = (text or "").strip()
    if address and not _ORDINARY_ADDRESS.fullmatch(address):
        raise NotOneAddress(
            "Give one e-mail address as families would type it: letters, digits, full "
            "stops, hyphens, underscores or + before the @, with no quotes, spaces or other "
            "signs (for example send.transport@example.gov.uk).")
    return address


def email_address_spans(text: str) -> list[tuple[int, int]]:
    """Where each e-mail address in plain ``text`` starts and ends (``text[start:end]``)."""
    return [m.span() for m in _ADDRESS.finditer(text or "")]


def email_addresses_in(text: str) -> list[str]:
    """The e-mail addresses in plain ``text``, as written, in order."""
    return [m.group(0) for m in _ADDRESS.finditer(text or "")]


def typed_email_copies_replaced(text: str, address: str) -> str:
    """``text`` with each typed copy of ``address`` (any letter case) replaced by
    ``EMAIL_PLACEHOLDER``; other addresses are left as typed."""
    if not address:
        return text or ""
    wanted = address.strip().lower()
    return _ADDRESS.sub(lambda m: EMAIL_PLACEHOLDER if m.group(0).lower() == wanted
                        else m.group(0), text or "")
