"""Phone numbers as ``tel:`` links: ``{% load phone_links %}``.

``{{ html|tel_links:request }}`` links every UK number in already-safe HTML (rendered rich
text, or plain text after ``linebreaksbr``/``escape``); ``{{ details.phone|tel_href }}`` gives
the ``tel:`` address of one number; ``{{ text|transport_phone_filled:request }}`` writes the
transport team's number (Service details) where an officer wrote ``{phone}``. The rule is
``portal.phone_numbers``.

Both take the request: the number is then the one in the Service details of the request's
site, read with the site and settings the page has already read (``charter.routing``,
``PortalSettings.for_site``), so linking costs no query. Without one (a template rendered
with no request) they read the default site's, one more query on the first request after
a publish.
"""

from django import template
from django.http import HttpRequest
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from portal.phone_numbers import link_email_addresses, link_phone_numbers, tel_href
from portal.selectors import transport_phone, with_transport_phone

register = template.Library()


def _render(href: str, text: str) -> str:
    return format_html('<a class="govuk-link portal-tel" href="{}"><bdi dir="ltr">{}</bdi></a>',
                       href, mark_safe(text))  # noqa: S308 - text is from escaped HTML


def _request(request) -> HttpRequest | None:
    # A template without ``request`` in its context passes "" (string_if_invalid).
    return request if isinstance(request, HttpRequest) else None


@register.filter(is_safe=True)
def tel_links(value, request=None) -> str:
    """``value`` (escaped here unless already safe) with each phone number a tel: link: each
    UK number (``portal.phone_numbers.link_phone_numbers``) and the number in Service
    details whatever its form (what ``{phone}`` fills in: ``transport_phone_filled``,
    ``portal.selectors.with_transport_phone``), as ``request``'s site's settings give it
    (``{{ html|tel_links:request }}``; the default site's without a request)."""
    return mark_safe(link_phone_numbers(str(conditional_escape(value)), _render,  # noqa: S308
                                        also=transport_phone(_request(request))))


register.filter("tel_href", tel_href)


def _render_mail(href: str, text: str) -> str:
    return format_html('<a class="govuk-link" href="{}"><bdi dir="ltr">{}</bdi></a>',
                       href, mark_safe(text))  # noqa: S308 - text is from escaped HTML


@register.filter(is_safe=True)
def mail_links(value) -> str:
    """``value`` (escaped here unless already safe) with each e-mail address a ``mailto:``
    link, isolated left to right (an Arabic sentence does not split or reorder it)."""
    return mark_safe(link_email_addresses(str(conditional_escape(value)), _render_mail))  # noqa: S308


@register.simple_tag
def phone_link(number) -> str:
    """One number as every page shows it: ``{% phone_link details.phone %}`` is a ``tel:``
    link (``tel_href``) whose text is the number isolated left to right (``<bdi dir="ltr">``,
    so an Arabic sentence does not reverse its digit groups). "" for no number."""
    number = str(number or "").strip()
    if not number:
        return ""
    return _render(tel_href(number), str(conditional_escape(number)))


@register.filter
def transport_phone_filled(value, request=None) -> str:
    """Plain ``value`` with each ``{phone}`` the number and each ``{email}`` the address in
    Service details, as written (``request``'s site's, the default site's without one:
    ``portal.selectors.with_transport_phone``); ``{{ text|transport_phone_filled:request }}``.
    Escape or ``linebreaksbr`` it after, and ``tel_links``/``mail_links`` make them links."""
    return with_transport_phone(str(value or ""), _request(request))
