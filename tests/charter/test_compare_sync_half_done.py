"""A Polish or Arabic comparison while a wagtail-localize sync is half done: a new English
section published into the translation before anyone translated it is marked
``lang="en" dir="ltr"``, and the translated words around it are not."""

import re

import pytest
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource

from tests.charter.test_translated_record import translate
from tests.factories import publish

pytestmark = pytest.mark.django_db
ENGLISH = '<span lang="en" dir="ltr">'


def _sync_and_publish_untranslated(page, code):
    """"Sync translated pages" with "Publish immediately": the changes are published in the
    translation in English, until a translator translates them."""
    source, _ = TranslationSource.update_or_create_from_instance(page)
    for target in Translation.objects.filter(source=source,
                                             target_locale__language_code=code):
        target.save_target(publish=True)


@pytest.mark.parametrize("code", ["pl", "ar"])
def test_a_new_english_section_synced_into_a_translation_is_marked_english(client, tree,
                                                                           code):
    words = {}
    translated = translate(tree.policy, words, code=code)
    page = tree.policy
    page.sections.append(("section", {
        "heading": "Snow days", "body": RichText("<p>On snow days the bus may not run.</p>"),
        "summary": []}))
    page.change_note = "A section on snow days."
    publish(page)
    _sync_and_publish_untranslated(page, code)
    translated = page.get_translation(Locale.objects.get(language_code=code))
    # Published as wagtail-localize does once the commit is made.
    translated.get_latest_revision().publish()
    translated.refresh_from_db()
    html = client.get(translated.url + "compare/1/2/").content.decode()
    assert "no-translated-comparison" not in html
    flat = re.sub(r"\s+", " ", html)
    # The new section's heading and words, in English, are marked English.
    assert re.search(r'lang="en" dir="ltr">Snow days', flat), flat[flat.find("Snow"):][:400]
    assert re.search(r'<span lang="en" dir="ltr">On snow days the bus may not run\.', flat)
    # The sections already translated are not ("Zdanie numer" is the made-up translation).
    assert not re.search(r'lang="en" dir="ltr">Zdanie numer', flat)
    assert "Zdanie numer" in flat
