"""The response form's contact fields say what they hold (WCAG 1.3.5), so a browser fills
them in and a phone shows its number pad; the address and number read left to right on an
Arabic page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _input(html, name):
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)


def test_the_contact_fields_say_what_they_hold(client, consultation):
    html = client.get(consultation.url + "respond/").content.decode()
    name, email, phone = (_input(html, f"contact_{n}") for n in ("name", "email", "phone"))
    assert 'autocomplete="name"' in name
    assert 'type="email"' in email and 'autocomplete="email"' in email and 'dir="ltr"' in email
    assert 'type="tel"' in phone and 'autocomplete="tel"' in phone and 'dir="ltr"' in phone
