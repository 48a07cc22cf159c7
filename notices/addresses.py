"""E-mail addresses as notices keep and compare them: plain rules, no database.

A domain has two spellings, its Unicode one ("żółw.pl") and its ASCII (IDNA, punycode) one
("xn--w-uga1v8h.pl"); both reach the same mailbox. An address is written to with its domain
in Unicode and lower case (``written``): readable on the pages and e-mails that show it, and
sent by Django in its ASCII form. It is matched under either spelling (``spellings``), so an
address kept before domains were written one way is found too.
"""

from __future__ import annotations

import idna


def ascii_domain(domain: str) -> str:
    """``domain`` in its ASCII (punycode) form by today's rules (IDNA 2008 with the UTS #46
    mapping, the ``idna`` package), lower case: "żółw.pl", "ŻÓŁW.PL" and "xn--w-uga1v8h.pl"
    all give "xn--w-uga1v8h.pl", and "straße.de" gives "xn--strae-oqa.de", not Python's
    older "strasse.de" (another domain). One the rules refuse is returned lower case as it
    is (the form's own check decides whether it is an address at all)."""
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return domain.lower()


def unicode_domain(domain: str) -> str:
    """``domain`` in its Unicode form, lower case: "xn--w-uga1v8h.pl" and "żółw.pl" both
    give "żółw.pl". Django sends a domain that is not ASCII with Python's older IDNA 2003
    codec; where that would reach another domain ("straße.de" as "strasse.de", a joiner
    dropped), the ASCII form is given instead, which Django sends as it is. One that cannot
    be decoded is returned lower case as it is."""
    ascii_form = ascii_domain(domain)
    try:
        unicode_form = idna.decode(ascii_form)
        sent_as = unicode_form.encode("idna").decode("ascii").lower()
    except (idna.IDNAError, UnicodeError):
        return domain.lower()
    return unicode_form if sent_as == ascii_form else ascii_form


def written(email: str) -> str:
    """``email`` as it is written to: stripped, its local part exactly as typed (it may be
    case-sensitive: RFC 5321 section 2.4) and its domain in lower case and in its Unicode
    form (``unicode_domain``; a domain never is case-sensitive, and its two spellings are
    one domain)."""
    local, at, domain = email.strip().rpartition("@")
    return f"{local}{at}{unicode_domain(domain)}" if at else email.strip()


def spellings(email: str) -> list[str]:
    """The spellings under which ``email`` may be kept: as ``written`` and with its domain
    in ASCII form (an address kept before domains were written one way). Compare each
    without regard to case."""
    local, at, domain = written(email).rpartition("@")
    if not at:
        return [email.strip()]
    return list(dict.fromkeys([f"{local}@{domain}", f"{local}@{ascii_domain(domain)}"]))
