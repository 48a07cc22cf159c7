"""Fixtures from the other apps, for the tests of forms that belong to every app (the page
that offers a form refused for its security token again)."""

import pytest
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from portal.models import FAQIndexPage
from tests.charter.conftest import review, section_ids  # noqa: F401
from tests.consultations.conftest import calendar, consultation, consultation_index  # noqa: F401
from tests.surveys.conftest import survey, survey_index  # noqa: F401


@pytest.fixture
def untranslated_faq(demo):
    """The demo with its FAQ not yet translated: the Polish and Arabic copies taken away and
    the tree synchronised again, so each is an alias showing the English page, as before a
    translator starts."""
    english = Locale.objects.get(language_code="en-gb")
    source = FAQIndexPage.objects.get(locale=english)
    for copy in FAQIndexPage.objects.filter(translation_key=source.translation_key).exclude(
            locale=english):
        copy.delete()
    for locale in Locale.objects.exclude(pk=english.pk):
        synchronize_tree(english, locale)
