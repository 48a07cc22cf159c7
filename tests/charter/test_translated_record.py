"""Every language shows the same record: a translated page says which agreed version it
translates, warns when the English has moved on, shows the forum's disagreements (marked as
English), and its comparison compares translated text only."""

import re

import pytest
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from charter.models import TranslationVersion
from tests.charter.test_public_record import second_version  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

ENGLISH_WORDS = ["Children under 8 walk up to", "Children aged 5 to 16", "Who can get help",
                 "Walking distances", "Most children with SEND", "A clearer summary",
                 "Travel help for children with SEND"]


def translate(page, words: dict, code="pl"):
    """Translate the page's live content into ``code`` as a translator would with
    wagtail-localize (every string, in made-up Polish), and publish the translation."""
    locale = Locale.objects.get(language_code=code)
    if page.get_translation_or_none(locale) is None:
        TranslationCreator(user=None, target_locales=[locale]).create_translations(page)
    source, _ = TranslationSource.update_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string",
                                                                              "context"):
        polish = words.setdefault(segment.string.data, f"Zdanie numer {len(words) + 1}")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=locale, context=segment.context,
            defaults={"data": polish, "translation_type": "manual"})
    translation.save_target()
    translated = page.get_translation(locale)
    # An officer publishes the translation (wagtail-localize would publish after the commit).
    translated.get_latest_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.fixture
def words():
    return {}


@pytest.fixture
def polish_v1(tree, words):
    """The policy's version 1, translated into Polish."""
    return translate(tree.policy, words)


def test_the_translation_records_the_version_it_was_made_from(tree, polish_v1, words,
                                                              second_version):  # noqa: F811
    assert TranslationVersion.objects.get(page=polish_v1).source_version.number == 1
    translate(second_version, words)
    latest = TranslationVersion.objects.filter(page=polish_v1).order_by("-revision_id").first()
    assert latest.source_version.number == 2


def test_a_translation_one_version_behind_says_so_and_shows_the_disagreement(
    client, polish_v1, second_version  # noqa: F811
):
    html = client.get(polish_v1.url).content.decode()
    assert polish_v1.url.startswith("/pl/")
    assert 'id="translation-version"' in html
    # In the reader's language.
    assert "tłumaczeniem wersji 1 strony angielskiej" in html
    assert "to teraz wersja 2" in html
    assert f'href="{second_version.url}" hreflang="en"' in html
    # The forum's stated disagreement, in English and marked as English, twice: in the box
    # near the top and by its section.
    assert html.count('<span lang="en" dir="ltr">Walking distance for 8 to 11 year olds'
                      '</span>') == 2
    assert 'lang="en" dir="ltr"><p>Three miles is too far' in html
    assert "(po angielsku)" in html
    # Not labelled as the English version it does not show.
    assert "This is version 2" not in html


def test_the_versions_list_of_a_translation_is_the_english_record(client, polish_v1,
                                                                  second_version):  # noqa: F811
    html = client.get(polish_v1.url + "versions/").content.decode()
    assert '<span lang="en" dir="ltr">Clearer summary after the forum asked.</span>' in html
    assert '<span lang="en" dir="ltr">First version.</span>' in html


def test_a_translated_comparison_has_no_english_words_from_the_page(
    client, polish_v1, words, second_version, django_assert_max_num_queries  # noqa: F811
):
    translate(second_version, words)
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(40):
        response = client.get(polish_v1.url + "compare/1/2/")
    html = response.content.decode()
    assert response.status_code == 200
    for english in ENGLISH_WORDS:
        assert english not in html
    assert "Zdanie numer" in html
    # The change markers a screen reader announces are in Polish too.
    assert '<del data-marker="usunięto">' in html and '<ins data-marker="dodano">' in html
    assert "[added" not in html and "[removed" not in html
    assert "no-translated-comparison" not in html
    # The forum's comment behind the change is the record, shown in English and marked.
    assert 'lang="en" dir="ltr"><p>Two miles is too far for children under 8.</p>' in html


@pytest.fixture
def arabic_v1(tree, words):
    """The policy's version 1, translated into Arabic."""
    return translate(tree.policy, words, code="ar")


def test_an_arabic_comparison_marks_added_and_removed_words_in_arabic(
    client, arabic_v1, words, second_version  # noqa: F811
):
    arabic = arabic_v1
    translate(second_version, words, code="ar")
    html = client.get(arabic.url + "compare/1/2/").content.decode()
    assert arabic.url.startswith("/ar/")
    assert 'id="no-translated-comparison"' not in html
    assert '<del data-marker="حُذف">' in html and '<ins data-marker="أضيف">' in html
    for english in ENGLISH_WORDS:
        assert english not in html
    for marker in ('data-marker="added"', 'data-marker="removed"', "New section",
                   ">Changed<", "Section removed"):
        assert marker not in html


def test_a_version_never_translated_offers_the_english_comparison(client, polish_v1,
                                                                   second_version):  # noqa: F811
    html = client.get(polish_v1.url + "compare/1/2/").content.decode()
    assert 'id="no-translated-comparison"' in html
    assert f'href="{second_version.url}compare/1/2/" hreflang="en"' in html
    for english in ENGLISH_WORDS:
        assert english not in html.split('id="no-translated-comparison"')[1].split(
            "What each version said changed")[0]
    assert "sections changed" not in html
    # The notice itself is in the reader's language, and says the record is in English.
    assert "Nie ma porównania wersji 1 i wersji 2" in html
    assert "Porównaj wersje angielskie" in html
    for english in ("There is no comparison", "Compare the English versions", "(in English)"):
        assert english not in html


def test_an_untranslated_copy_republished_with_its_source_is_not_logged_as_a_translation(
        tree):
    # wagtail-localize keeps an alias of each page in every language until someone
    # translates it; Wagtail republishes the alias whenever the source is published. No one
    # translated anything, so the record must not say "translation published".
    from wagtail_localize.synctree import synchronize_tree

    from charter.models import EvidenceEntry
    from tests.factories import publish

    synchronize_tree(Locale.get_default(), Locale.objects.get(language_code="pl"))
    tree.policy.change_note = "A new walking distance."
    publish(tree.policy)
    assert not EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.TRANSLATION_PUBLISHED)


def test_a_translation_one_version_behind_says_so_at_the_top(client, polish_v1,
                                                             second_version):  # noqa: F811
    html = client.get(polish_v1.url).content.decode()
    top = html.index('id="translation-behind"')
    # Under the title, before the policy's words, in the reader's language with a link to
    # the current English page; the fuller notice stays with the versions.
    assert html.index("<h1") < top < html.index("portal-in-short")
    banner = html[top:html.index("</div>", top)]
    assert "to teraz wersja 2" in banner
    assert f'href="{second_version.url}" hreflang="en"' in banner
    assert 'id="translation-version"' in html


def test_a_translation_up_to_date_has_no_notice_at_the_top(client, polish_v1):
    assert 'id="translation-behind"' not in client.get(polish_v1.url).content.decode()


def test_an_english_change_note_on_a_translation_is_marked_english(client, tree):
    # The translator left the change note in English (the record's words).
    polish = translate(tree.policy, {"First version.": "First version."})
    html = client.get(polish.url).content.decode()
    assert ('<span lang="en" dir="ltr">First version.</span> '
            '<span class="portal-muted govuk-body-s">(po angielsku)</span>') in html


def test_a_translated_change_note_is_not_marked_english(client, polish_v1):
    html = client.get(polish_v1.url).content.decode()
    note = re.search(r'class="portal-change-note">.*?</div>', html, re.S).group(0)
    assert 'lang="en"' not in note and "(po angielsku)" not in note
