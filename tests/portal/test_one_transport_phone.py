"""The urgent number is changed once, in the English Service details: the banner and the
search's urgent box give the new number in every language, and ``check --deploy`` names
every place (a language's copy; a number still typed in the FAQ, the home help box or a
promoted search: tests/portal/test_phone_written_once.py) that still gives the old one."""

import pytest
from wagtail.models import Site

from portal.checks import one_transport_phone
from portal.models import PortalSettings, ServiceDetails

pytestmark = pytest.mark.django_db

NEW = "01234 111 222"
NEW_TEL = 'href="tel:+441234111222"'


def _english_details():
    return PortalSettings.for_site(Site.objects.get(is_default_site=True)).service_details


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "taxi late"), ("/pl", "taksówka spóźniona"), ("/ar", "الباص ما اجا"),
])
def test_a_number_changed_once_is_given_in_every_language(demo, client, prefix, words):
    details = ServiceDetails.objects.get(pk=_english_details().pk)
    details.phone = NEW
    details.save()
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    box = html.split("data-portal-urgent-answer", 1)[1].split("</div>", 1)[0]
    assert NEW_TEL in box
    assert 'href="tel:+441234567890"' not in box
    # The banner at the top of every page, in the reader's language.
    top = html.split('id="main-content"', 1)[0]
    assert NEW_TEL in top and 'href="tel:+441234567890"' not in top


def test_check_deploy_names_each_place_still_giving_the_old_number(demo):
    details = ServiceDetails.objects.get(pk=_english_details().pk)
    details.phone = NEW
    details.save()
    # Saving the English details gives every copy the new number; copies saved before
    # they were kept so (written straight to the table here) are named.
    ServiceDetails.objects.exclude(pk=details.pk).update(phone="01234 567 890")
    found = one_transport_phone(None)
    assert [w.id for w in found] == ["portal.W004"]
    said = found[0].msg
    for place in ("Service details in pl", "Service details in ar", "01234 567 890"):
        assert place in said
    # The FAQ and the promoted searches say "{phone}": they follow Service details.
    assert "FAQ" not in said and "promoted search" not in said
    assert "Service details in en-gb" not in said


def test_nothing_to_warn_while_every_place_gives_the_number(demo):
    assert one_transport_phone(None) == []
