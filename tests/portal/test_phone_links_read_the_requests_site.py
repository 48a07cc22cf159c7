"""A phone number in a page's text is a ``tel:`` link by the Service details of the site the
reader asked for (whatever its form: "+1 202 …" is linked only because it is that site's
number), read with the site and settings the page has already read, so no query is added
(tests/portal/test_query_counts.py pins the count); every template that links numbers or
fills in ``{phone}`` passes the request."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from wagtail.models import Site

from portal.models import PortalSettings, ServiceDetails
from tests.factories import make_policy, section

pytestmark = pytest.mark.django_db

DEFAULT_NUMBER, OTHER_NUMBER = "+1 202 456 1111", "+1 202 456 2222"


def _give(site, number):
    details = ServiceDetails.objects.create(phone=number)
    found = PortalSettings.for_site(site)
    found.service_details = details
    found.save()


def test_a_page_links_the_number_of_the_site_asked_for(client, tree, settings):
    settings.PORTAL_PAGE_CACHE = False
    default = Site.objects.get(is_default_site=True)
    other = Site.objects.create(hostname="other.example", port=80, root_page=default.root_page,
                                site_name="Other")
    _give(default, DEFAULT_NUMBER)
    _give(other, OTHER_NUMBER)
    policy = make_policy(tree.policies, title="Phones", slug="phones", sections=[
        section("Who to call", f"<p>Phone {DEFAULT_NUMBER} or {OTHER_NUMBER}.</p>", ["A point"]),
    ])
    path = policy.get_url_parts()[2]

    on_other = client.get(path, HTTP_HOST="other.example").content.decode()
    assert 'href="tel:+12024562222"' in on_other
    assert 'href="tel:+12024561111"' not in on_other

    on_default = client.get(path).content.decode()
    assert 'href="tel:+12024561111"' in on_default
    assert 'href="tel:+12024562222"' not in on_default


def test_every_template_passes_the_request_to_the_phone_filters():
    folders = [Path(d) for d in django_settings.TEMPLATES[0]["DIRS"]]
    uses = [(str(path), use)
            for folder in folders for path in folder.rglob("*.html")
            for use in re.findall(r"\|\s*(?:tel_links|transport_phone_filled)[^|}]*",
                                  path.read_text(encoding="utf-8"))]
    assert uses
    assert [(path, use) for path, use in uses if not use.rstrip().endswith(":request")] == []
