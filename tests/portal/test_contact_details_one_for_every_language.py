"""Review F4: the phone number and e-mail address are the English service details', in
every language. On a Polish or Arabic copy the editor shows them but cannot change them (a
value posted anyway is ignored), the translation tool does not offer them, and clearing the
English number clears it in every language alike."""

import pytest
from wagtail.models import Locale, Site
from wagtail_localize.fields import get_translatable_fields

from portal.models import PortalSettings, ServiceDetails

pytestmark = pytest.mark.django_db

OLD_TEL = 'href="tel:+441234567890"'


def _english():
    site = Site.objects.get(is_default_site=True)
    return ServiceDetails.objects.get(pk=PortalSettings.for_site(site).service_details.pk)


def _copy(english, language):
    return ServiceDetails.objects.get(translation_key=english.translation_key,
                                      locale=Locale.objects.get(language_code=language))


def _form_data(details, **changes):
    return {"service_name": details.service_name, "phone": details.phone,
            "email": details.email, "opening_hours": details.opening_hours,
            "footer_note": details.footer_note, **changes}


def test_a_translated_copy_shows_the_number_but_cannot_change_it(demo, client, login_as):
    english = _english()
    polish = _copy(english, "pl")
    login_as("admin")
    url = f"/admin/snippets/portal/servicedetails/edit/{polish.pk}/"
    form = client.get(url).content.decode()
    phone_input = form.split('name="phone"', 1)[1].split(">", 1)[0]
    assert "disabled" in phone_input
    assert "change it on the English service details" in form
    client.post(url, _form_data(polish, phone="0300 999 9999", email="inny@example.org",
                                opening_hours="8-16"))
    polish.refresh_from_db()
    assert (polish.phone, polish.email) == (english.phone, english.email)
    assert polish.opening_hours == "8-16"
    # The English editor still changes it, for every language.
    english_url = f"/admin/snippets/portal/servicedetails/edit/{english.pk}/"
    assert "disabled" not in client.get(english_url).content.decode().split(
        'name="phone"', 1)[1].split(">", 1)[0]


def test_a_copy_saved_with_another_number_keeps_the_english_one(demo):
    english = _english()
    arabic = _copy(english, "ar")
    arabic.phone, arabic.email = "0300 999 9999", "other@example.org"
    arabic.save()
    arabic.refresh_from_db()
    assert (arabic.phone, arabic.email) == (english.phone, english.email)


def test_the_translation_tool_never_offers_the_number():
    fields = {f.field_name: f for f in get_translatable_fields(ServiceDetails)}
    for name in ("phone", "email"):
        assert not fields[name].is_translated(None)
        assert not fields[name].is_overridable(None)


@pytest.mark.parametrize("prefix", ["", "/pl", "/ar"])
def test_a_cleared_english_number_is_cleared_in_every_language(demo, client, prefix):
    english = _english()
    english.phone = ""
    english.save()
    assert {row.phone for row in ServiceDetails.objects.all()} == {""}
    html = client.get(f"{prefix}/").content.decode()
    footer = html.split('id="main-content"', 1)[1]
    assert OLD_TEL not in html.split('id="main-content"', 1)[0]
    assert "portal-urgent__phone" not in html
    assert OLD_TEL not in footer.split("<footer", 1)[-1]
