"""Plain rules for signing in: who must use two-factor, how long a session may sit idle,
when a second factor may be removed, and where passkeys work.

No Django or Wagtail imports: roles come in as plain names ("admin", "officer", "board",
"forum_rep"), so the rules are tested on their own (tests/accounts/test_rules.py). The
rules are the ones agreed in issue 12 ("Accounts").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

# Roles that must use two-factor: they change or approve what the service publishes.
TWO_FACTOR_REQUIRED_ROLES = frozenset({"admin", "officer", "board"})
# Roles offered two-factor, not made to use it.
TWO_FACTOR_OFFERED_ROLES = frozenset({"forum_rep"})

# Idle minutes before a staff session ends, by role (settings may change each).
DEFAULT_IDLE_MINUTES = {"admin": 30, "officer": 30, "board": 120, "forum_rep": 120}


def two_factor_required(roles: Iterable[str]) -> bool:
    """True when any of ``roles`` must use two-factor."""
    return bool(TWO_FACTOR_REQUIRED_ROLES & set(roles))


def two_factor_offered(roles: Iterable[str]) -> bool:
    """True when the account may set up two-factor (required roles are offered it too)."""
    roles = set(roles)
    return bool((TWO_FACTOR_REQUIRED_ROLES | TWO_FACTOR_OFFERED_ROLES) & roles)


def must_pass_two_factor(roles: Iterable[str], *, has_device: bool, enforced: bool) -> bool:
    """Whether a signed-in account must give a code before going on.

    Someone who set up two-factor always gives a code (otherwise setting it up would protect
    nothing); someone without it must set it up when their role requires it and enforcement
    is on (``enforced`` is False only in the test settings and the browser tests' server).
    """
    if has_device:
        return True
    return enforced and two_factor_required(roles)


def idle_limit_minutes(roles: Iterable[str], limits: Mapping[str, int]) -> int | None:
    """The idle minutes allowed to an account with ``roles``: the shortest of its roles'
    limits (an officer who is also a forum rep gets the officer's), or None for an
    account with no staff role (no idle limit beyond the session's own age)."""
    found = [limits[role] for role in roles if role in limits]
    return min(found) if found else None


def idle_expired(*, last_seen: float | None, now: float, limit_minutes: int | None) -> bool:
    """True when more than ``limit_minutes`` passed between ``last_seen`` and ``now``
    (both seconds since the epoch). No limit, or no last visit recorded, never expires."""
    if limit_minutes is None or last_seen is None:
        return False
    return now - last_seen > limit_minutes * 60


def may_remove_second_factor(roles: Iterable[str], *, others_left: int, enforced: bool) -> bool:
    """Whether an account may remove one of its second factors (a passkey or its
    authenticator app) when ``others_left`` authenticators or passkeys would remain.

    A role that must use two-factor keeps at least one (recovery codes do not count: they
    are for a lost phone, not for every day); anyone else may remove their last one.
    """
    if others_left > 0:
        return True
    return not (enforced and two_factor_required(roles))


def relying_party(base_url: str, extra_origins: Iterable[str] = ()) -> tuple[str, list[str]]:
    """The passkeys' relying party id and the origins allowed to use it, from the site's
    base URL (``PORTAL_BASE_URL``, for example ``https://travel.example.gov.uk``).

    Returns ``(rp_id, origins)``: the id is the base URL's host name
    (``travel.example.gov.uk``), the origins its scheme, host and port followed by
    ``extra_origins`` in their order, without repeats. Browsers refuse an IP address as a
    relying party id and treat ``http://localhost`` as secure, so a loopback address
    (``127.0.0.1``, ``[::1]``) becomes ``localhost``. Passkeys made under one id never work
    under another: changing the site's host means adding passkeys again.

    Raises ValueError when ``base_url`` has no scheme or host.
    """
    parts = urlsplit(base_url.strip())
    host = (parts.hostname or "").lower()
    if not parts.scheme or not host:
        raise ValueError(f"The site's base URL {base_url!r} needs a scheme and a host.")
    if host in ("127.0.0.1", "::1"):
        host = "localhost"
    origin = f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")
    origins = [origin]
    for extra in extra_origins:
        extra = extra.strip().rstrip("/")
        if extra and extra not in origins:
            origins.append(extra)
    return host, origins


def masked_address(email: str) -> str:
    """``email`` as a notice to another address may show it: the first character of the
    part before "@", three stars, then the domain as written ("ann@example.org" reads
    "a***@example.org"), so the holder of the old address recognises a change without
    learning the new address in full. Always three stars, whatever the length, so the
    length is not told either. "" for "" and "***" for a value with no "@"."""
    email = (email or "").strip()
    if not email:
        return ""
    local, at, domain = email.rpartition("@")
    if not at or not local:
        return "***"
    return f"{local[0]}***@{domain}"
