"""An existing site picks up new search rules (Arabic synonyms, spellings, glossary names,
search fields) when it is upgraded, without anyone remembering ``update_index``: ``migrate``
builds the index again when the rules it was built under differ from the code's, ``manage.py
refresh_search_index`` does it by hand, and ``manage.py check`` warns (portal.W003) while the
index is stale. The demo loader, run again, gives its terms the names a later demo added."""

import io

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import Locale, Page
from wagtail.search.models import IndexEntry

from core import normalising
from portal.demo import glossary as demo_glossary
from portal.demo.loader import DemoLoader
from portal.models import GlossaryTerm, HomePage, SearchIndexState
from portal.selectors import search_index_rules, search_index_stale
from portal.services import search_index_refresh

pytestmark = pytest.mark.django_db


def _w003() -> list:
    return [m for m in run_checks() if m.id == "portal.W003"]


def _pretend_built_under_old_rules(*pages) -> None:
    """The index as a site left it before an upgrade: built under other rules, and the old
    words of ``pages`` not what the new rules find (here, none at all: their entries gone;
    the other pages' entries stay)."""
    SearchIndexState.objects.update_or_create(pk=1, defaults={"rules": "0" * 64})
    IndexEntry.objects.filter(object_id__in=[str(p.pk) for p in pages]).delete()
    assert IndexEntry.objects.exists()


def _entries(page) -> bool:
    return IndexEntry.objects.filter(object_id=str(page.pk)).exists()


def test_a_migrated_database_records_the_rules_its_index_was_built_under():
    # What ``migrate`` sends once every migration has run (the test database's own record
    # may come from a migrated copy made before these rules: tests/sqlite_template.py).
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    state = SearchIndexState.objects.get(pk=1)
    assert state.rules == search_index_rules()
    assert not search_index_stale()
    assert _w003() == []


def test_new_synonyms_make_the_index_stale(monkeypatch):
    before = search_index_rules()
    monkeypatch.setitem(normalising.SYNONYMS, "ar", {**normalising.SYNONYMS["ar"],
                                                     "اتوبيسات": "حافلة"})
    assert search_index_rules() != before
    assert search_index_stale()
    [warning] = _w003()
    assert "synonyms" in warning.msg and "refresh_search_index" in warning.hint


def test_migrate_builds_a_stale_index_again(tree):
    _pretend_built_under_old_rules(tree.policy, tree.faq)
    assert len(_w003()) == 1
    # What ``migrate`` sends once every migration has run.
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert not search_index_stale()
    assert _w003() == []
    assert _entries(tree.policy) and _entries(tree.faq)


def test_an_index_up_to_date_is_left_as_it_is(tree):
    search_index_refresh()
    assert search_index_refresh() is False
    built = SearchIndexState.objects.get(pk=1).built_at
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert SearchIndexState.objects.get(pk=1).built_at == built


def test_the_command_builds_it_by_hand(tree):
    _pretend_built_under_old_rules(tree.policy)
    out = io.StringIO()
    call_command("refresh_search_index", stdout=out)
    assert "built again" in out.getvalue()
    assert _entries(tree.policy)
    out = io.StringIO()
    call_command("refresh_search_index", stdout=out)
    assert "up to date" in out.getvalue()
    call_command("refresh_search_index", "--force", stdout=out)
    assert "built again" in out.getvalue()


def test_an_index_holding_nothing_yet_only_records_the_rules():
    """A database just made or emptied: its pages are indexed as they are saved, and the
    index is not built for nothing (a test database copied for each process stays empty)."""
    IndexEntry.objects.all().delete()
    SearchIndexState.objects.all().delete()
    assert search_index_stale()
    assert search_index_refresh() is False
    assert not search_index_stale()
    assert not IndexEntry.objects.exists()
    assert search_index_refresh(force=True) is True
    assert IndexEntry.objects.exists()


def test_after_a_stale_index_is_built_again_the_arabic_words_find_their_page(demo, client):
    """The upgrade path as a site lives it: the index holds the old words (here, none), and
    the new code's search finds nothing until migrate has run."""
    policy = Page.objects.get(url_path__endswith="/travel-assistance/",
                              locale__language_code="ar")
    _pretend_built_under_old_rules(policy)
    html = client.get("/ar/search/", {"q": "الباص"}).content.decode()
    assert 'href="/ar/policies/travel-assistance/"' not in html
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    html = client.get("/ar/search/", {"q": "الباص"}).content.decode()
    assert 'href="/ar/policies/travel-assistance/"' in html


def test_the_demo_loader_gives_a_term_the_names_a_later_demo_added(demo, client):
    english = Locale.get_default()
    term = GlossaryTerm.objects.get(locale=english, slug="passenger-assistant")
    term.aliases = "passenger assistants\nchaperone"
    term.save_revision().publish()
    DemoLoader(log=lambda *args: None).glossary(HomePage.objects.get(locale=english))
    term.refresh_from_db()
    [demo_aliases] = [a for _, slug, _, a, _ in demo_glossary.TERMS
                      if slug == "passenger-assistant"]
    assert term.aliases.splitlines() == ["passenger assistants", "chaperone",
                                         *(a for a in demo_aliases
                                           if a != "passenger assistants")]
    assert term.live and not term.has_unpublished_changes
    html = client.get("/search/", {"q": "escort"}).content.decode()
    assert "passenger assistant" in html.lower()


def test_the_loader_leaves_a_term_with_a_draft_waiting(demo):
    term = GlossaryTerm.objects.get(locale=Locale.get_default(), slug="passenger-assistant")
    term.aliases = "passenger assistants"
    term.save_revision().publish()
    term.explanation = "A draft an officer has not published yet."
    term.save_revision()
    DemoLoader(log=lambda *args: None).glossary(
        HomePage.objects.get(locale=Locale.get_default()))
    term.refresh_from_db()
    assert term.aliases == "passenger assistants"
    assert term.has_unpublished_changes
