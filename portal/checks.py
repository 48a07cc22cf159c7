"""System checks for the public site (``manage.py check --deploy``)."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError, connection
from wagtail.contrib.search_promotions.models import SearchPromotion

from portal.models import FAQIndexPage, HomePage, PortalSettings, SearchIndexState, ServiceDetails
from portal.phone_numbers import email_addresses_in, phone_numbers_in, tel_href
from portal.selectors import search_index_stale, search_index_state


def service_phones() -> dict[str, str]:
    """Each site's transport phone number in Settings > Portal settings > Service details
    (site host name → number as shown); sites without one are left out. One query; empty when
    the database cannot be read yet (before the first migrate)."""
    try:
        rows = list(PortalSettings.objects.select_related("site", "service_details"))
    except DatabaseError:
        return {}
    return {row.site.hostname: row.service_details.phone for row in rows
            if row.service_details is not None and row.service_details.phone}


@register(Tags.compatibility, deploy=True)
def transport_phone_for_the_error_page(app_configs, **kwargs):
    """Warn when the 500 page's number, ``PORTAL_TRANSPORT_PHONE`` (read without the
    database, as the database may be what failed), is unset (portal.W001: the page then says
    "phone the transport team" with no number) or is not the number in a site's Settings >
    Portal settings > Service details (portal.W002: an officer changed the number there, and
    the error page still gives the old one). Numbers are compared as dialled
    (``portal.phone_numbers.tel_href``: "01234 567 890" is "+44 1234 567890")."""
    phone = (settings.PORTAL_TRANSPORT_PHONE or "").strip()
    if not phone:
        return [Warning(
            "PORTAL_TRANSPORT_PHONE is not set: the error page (500) gives no number to phone.",
            hint="Set PORTAL_TRANSPORT_PHONE to the transport team's number, the one in "
                 "Settings > Portal settings > Service details.",
            id="portal.W001")]
    return [Warning(
        f"PORTAL_TRANSPORT_PHONE ({phone}) is not the number in Settings > Portal settings > "
        f"Service details for {host} ({number}): the error page (500) gives another number.",
        hint="Set PORTAL_TRANSPORT_PHONE to the number in Service details, or correct the "
             "Service details.",
        id="portal.W002")
        for host, number in service_phones().items() if tel_href(number) != tel_href(phone)]


@register(Tags.compatibility)
def search_index_built_under_these_rules(app_configs, **kwargs):
    """Warn when the search index was built under other search rules than this code's
    (portal.W003: ``portal.selectors.search_index_stale``): new Arabic synonyms, spellings,
    glossary names or search fields are in the code, and the words stored for each page are
    the old ones, so some searches miss pages they should find. ``migrate`` builds the index
    again when this is so; ``manage.py refresh_search_index`` does it by hand. Nothing
    before the database's first migrate."""
    try:
        if SearchIndexState._meta.db_table not in connection.introspection.table_names():
            return []
    except DatabaseError:
        return []
    if not search_index_stale():
        return []
    state = search_index_state()
    when = (f"was built on {state.built_at:%Y-%m-%d %H:%M} under other rules"
            if state else "has no record of being built under these rules")
    return [Warning(
        f"The search index {when} than this code's search rules (synonyms, spellings, "
        "glossary names or search fields): some searches will miss pages they should find.",
        hint="Run manage.py migrate (it builds the index again when the rules changed) or "
             "manage.py refresh_search_index.",
        id="portal.W003")]


def other_numbers(current: str) -> list[str]:
    """Where a number other than ``current`` (Portal settings' Service details, compared as
    dialled) is still given to families: each language's Service details row, each FAQ page's
    answers, each home page's help box and each promoted search's description, as "where
    (number)". Empty when nothing differs. A few queries, one per kind of place."""
    wanted = tel_href(current)
    places = [(f"Service details in {row.locale.language_code}", row.phone)
              for row in ServiceDetails.objects.select_related("locale")]
    return [f"{where} ({number})" for where, text in [*places, *_places_families_read()]
            for number in phone_numbers_in(text) if tel_href(number) != wanted]


def _places_families_read() -> list[tuple[str, str]]:
    """Each place an officer types contact details families read, as (where, its text):
    each FAQ page's answers, each home page's help box, each promoted search's description.
    Three queries."""
    return [
        *((f"FAQ {page.title!r} in {page.locale.language_code}",
           json.dumps(list(page.topics.raw_data), ensure_ascii=False))
          for page in FAQIndexPage.objects.select_related("locale")),
        *((f"home page help box in {page.locale.language_code}", page.help_text)
          for page in HomePage.objects.select_related("locale")),
        *((f"promoted search {promotion.query.query_string!r}", promotion.description)
          for promotion in SearchPromotion.objects.select_related("query")),
    ]


@register(Tags.compatibility, deploy=True)
def one_transport_phone(app_configs, **kwargs):
    """Warn when a place families read still gives another number than Service details
    (portal.W004: ``other_numbers``): an officer changed the number once, and a language's
    copy, the FAQ's urgent answer, a home page's help box or a promoted search's description
    still gives the old one. The banner, footer and urgent box in every language read the
    number from the row Portal settings points at (``ServiceDetails.localized``)."""
    try:
        places = {host: other_numbers(number) for host, number in service_phones().items()}
    except DatabaseError:
        return []
    return [Warning(
        f"The transport phone number in Service details for {host} is {number}, but "
        f"{'; '.join(places[host])} still give another number.",
        hint="Change the number in each place listed (Snippets > Service details, the FAQ "
             "page, the home page, Settings > Promoted search results).",
        id="portal.W004")
        for host, number in service_phones().items() if places.get(host)]


def service_emails() -> dict[str, str]:
    """Each site's transport e-mail address in Service details (site host name → address);
    sites without one are left out. Empty when the database cannot be read yet."""
    try:
        rows = list(PortalSettings.objects.select_related("site", "service_details"))
    except DatabaseError:
        return {}
    return {row.site.hostname: row.service_details.email for row in rows
            if row.service_details is not None and row.service_details.email}


def other_addresses(current: str) -> list[str]:
    """Where an e-mail address other than ``current`` (Service details, any letter case) is
    typed in a place families read: each FAQ page's answers, each home page's help box and
    each promoted search's description, as "where (address)". A place that writes
    ``{email}`` follows Service details and is not named. A few queries."""
    wanted = current.strip().lower()
    return [f"{where} ({address})" for where, text in _places_families_read()
            for address in email_addresses_in(text) if address.lower() != wanted]


@register(Tags.compatibility, deploy=True)
def one_transport_email(app_configs, **kwargs):
    """Warn when a place families read types an e-mail address other than the one in
    Service details (portal.W005: ``other_addresses``): an address typed out (the demo's, or
    an old one) does not follow the officer's change; ``{email}`` does."""
    try:
        places = {host: other_addresses(address) for host, address in service_emails().items()}
    except DatabaseError:
        return []
    return [Warning(
        f"The transport e-mail address in Service details for {host} is {address}, but "
        f"{'; '.join(places[host])} still give another address.",
        hint="Write {email} where the transport team's address is meant (it shows the one in "
             "Service details), or correct the address in each place listed (the FAQ page, "
             "the home page, Settings > Promoted search results).",
        id="portal.W005")
        for host, address in service_emails().items() if places.get(host)]
