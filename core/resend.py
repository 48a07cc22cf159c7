"""What a form turned away by an expired security token gives back to the person who typed it.

Plain Python, no Django: posted fields in (a name and its values, as a browser sends them),
decisions out. The page that uses it is ``portal.views.csrf_failure``.

The promise (README, "Nothing you typed is lost"): everything a person typed comes back,
ready to send again, except what must never be echoed into a page: the old security token,
passwords and one-time codes, and the hidden fields that catch robots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: this module imports no Django
    from django import forms

# The token itself, and the hidden fields that catch robots (consultation and survey forms).
NEVER_ECHOED = frozenset({"csrfmiddlewaretoken", "website"})
# Any field whose name says it holds a secret.
_SECRET = re.compile(r"password|passwd|passcode|secret|token|(^|[_-])otp($|[_-])", re.IGNORECASE)
# Values that are machine made rather than written: numbers, ids, keys, dates, JSON.
_MACHINE_MADE = re.compile(r"^[\w:./+-]*$|^[\[{].*[\]}]$", re.DOTALL)


@dataclass(frozen=True)
class Posted:
    """One field as the browser sent it: its name and every value (a list of checkboxes
    sends several)."""

    name: str
    values: tuple[str, ...]


def never_echoed(name: str, *, also: frozenset[str] = frozenset()) -> bool:
    """True for a field that must not be written back into a page: the security token,
    a password or one-time code, a robot trap (``NEVER_ECHOED``, or ``also`` for a form's
    own)."""
    return name in NEVER_ECHOED or name in also or bool(_SECRET.search(name))


def looks_written(value: str) -> bool:
    """True when a value reads as something a person wrote (words), not a machine-made id,
    key, number, date or JSON: such fields are shown to be read and changed when no form
    describes them."""
    text = value.strip()
    if not text:
        return False
    return not _MACHINE_MADE.match(text) or len(text) > 60 and " " in text


def humanise(name: str) -> str:
    """A label made from a field's name when no form gives one: ``contact_name`` -> "Contact
    name", ``body-0-value`` -> "Body 0 value"."""
    words = re.sub(r"[_\-\[\].]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else name


def carried(fields: list[Posted], *, also_secret: frozenset[str] = frozenset()) -> list[Posted]:
    """The fields to send again, in the order they were sent, without those never echoed."""
    return [f for f in fields if not never_echoed(f.name, also=also_secret)]


# --- sending a form again after its security token ran out -----------------------------

#: Wagtail hook each app registers to describe its forms to the "send it again" page:
#: ``fn(request) -> ResendSpec | None`` for the POST that was refused.
RESEND_FORM_HOOK = "portal_resend_form"


@dataclass(frozen=True)
class ResendSpec:
    """What an app knows about a form that was refused for its security token: the form
    (unbound; its fields give labels, kinds and choices), the language it was written in
    when the address does not say, what it was for (shown as the caption), and any fields
    of its own that must never be echoed (robot traps)."""

    form: forms.Form | None = None
    language: str = ""
    title: str = ""
    secret_fields: frozenset[str] = field(default_factory=frozenset)
