"""Every Wagtail admin route that could change a published co-produced page, for every
co-produced page type and every role, through the real admin URLs.

Each route ends one of three ways (the README's decision table): refused, routed through
the forum (the page stays as the forum agreed it), or allowed and logged with who, when and
why. None ends in a server error.
"""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

from charter.coproduction import coproduction_workflow
from charter.models import CharterPage, EvidenceEntry, WorkingAgreementPage
from portal.models import UpdateIndexPage, UpdatePage
from tests.consultations.conftest import make_consultation
from tests.factories import UserFactory, publish, section
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db

PAGE_TYPES = ["policy", "faq", "update", "charter", "working_agreement", "consultation",
              "survey"]
NO_ADMIN_ROLES = ["anonymous", "parent", "forum_rep", "board_member"]
EDITORS = ["officer", "admin"]


# --- one live page of each co-produced type, published once (so on the record) ----------


def _consultation(tree):
    from consultations.demo import TERM_DATES
    from consultations.models import ConsultationIndexPage, HolidayPeriod, SchoolCalendar

    calendar = SchoolCalendar.objects.create(name="County schools")
    HolidayPeriod.objects.bulk_create([
        HolidayPeriod(calendar=calendar, name=n, kind=k, first_day=f, last_day=last)
        for n, k, f, last in TERM_DATES])
    index = publish(tree.home.add_child(instance=ConsultationIndexPage(
        title="Consultations", slug="consultations")))
    return make_consultation(index, calendar)


def _survey(tree):
    from surveys.models import SurveyIndexPage

    index = publish(tree.home.add_child(instance=SurveyIndexPage(
        title="Satisfaction surveys", slug="surveys")))
    return make_survey(index)


def _update(tree):
    index = publish(tree.home.add_child(instance=UpdateIndexPage(title="News", slug="news")))
    return publish(index.add_child(instance=UpdatePage(
        title="New bus passes", slug="bus-passes", date=dt.date(2026, 9, 1),
        summary="New passes for the spring term.",
        body=[section("What changes", "<p>Passes arrive by post.</p>")],
        change_note="First version.")))


def _charter(tree):
    return publish(tree.home.add_child(instance=CharterPage(
        title="Co-production charter", slug="charter", vision="We work together.",
        review_date=dt.date(2030, 1, 1), change_note="First version.")))


def _working_agreement(tree):
    return publish(tree.home.add_child(instance=WorkingAgreementPage(
        title="Working agreement", slug="working-agreement",
        clauses=[("clause", {"heading": "Answers", "text": "We answer every comment."})],
        review_date=dt.date(2030, 1, 1), change_note="First version.")))


BUILDERS = {
    "policy": lambda tree: tree.policy,
    "faq": lambda tree: tree.faq,
    "update": _update,
    "charter": _charter,
    "working_agreement": _working_agreement,
    "consultation": _consultation,
    "survey": _survey,
}


@pytest.fixture
def page_of(tree):
    def build(kind):
        page = BUILDERS[kind](tree)
        page = Page.objects.get(pk=page.pk).specific
        assert page.live and page.coproduced and page.versions.exists()
        return page
    return build


def _elsewhere(page):
    """Another parent this page's type may live under (for moves)."""
    parent = page.get_parent().specific
    fields = {"title": "Elsewhere", "slug": "elsewhere"}
    if hasattr(parent, "intro"):
        fields["intro"] = "Somewhere else."
    return parent.get_parent().add_child(instance=type(parent)(**fields))


def _state(page):
    """What the public could notice about a page: gone, live, where, what it says."""
    fresh = Page.objects.filter(pk=page.pk).first()
    if fresh is None:
        return None
    return (fresh.live, fresh.title, fresh.url_path,
            PageViewRestriction.objects.filter(page=fresh).exists())


def _latest_title_draft(page, user=None):
    """A draft the forum has not seen, so a route that published it would show."""
    draft = page.get_latest_revision_as_object()
    draft.title = f"{page.title} (unagreed draft)"
    return draft.save_revision(user=user)


def _bulk(action, page, next_url="/admin/pages/"):
    return f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}&next={next_url}"


def _no_server_error(response):
    assert response.status_code < 500, response.status_code


def _refused(response) -> bool:
    """Wagtail's admin answers a refused action with 403, or sends the user to the admin's
    home with "Sorry, you do not have permission to access this area"."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/")


# --- roles without the admin: every route turned away ------------------------------------


@pytest.mark.parametrize("role", NO_ADMIN_ROLES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_people_outside_the_admin_reach_no_page_action(client, page_of, login_as, role, kind):
    page = page_of(kind)
    destination = _elsewhere(page)
    revision = page.get_latest_revision()
    login_as(role)
    before = _state(page)
    routes = [
        ("get", f"/admin/pages/{page.pk}/edit/", {}),
        ("post", f"/admin/pages/{page.pk}/edit/", {"action-publish": "publish"}),
        ("post", f"/admin/pages/{page.pk}/copy/",
         {"new_title": "Copy", "new_slug": "copy", "new_parent_page": page.get_parent().pk,
          "publish_copies": "on"}),
        ("post", f"/admin/pages/{page.pk}/unpublish/", {"reason": "Because."}),
        ("post", f"/admin/pages/{page.pk}/delete/", {}),
        ("post", f"/admin/pages/{page.pk}/move/{destination.pk}/confirm/", {}),
        ("post", f"/admin/pages/{page.pk}/privacy/",
         {"restriction_type": "password", "password": "secret"}),
        ("get", f"/admin/pages/{page.pk}/revisions/{revision.pk}/revert/", {}),
        ("post", f"/admin/pages/{page.pk}/revisions/{revision.pk}/unschedule/", {}),
        ("post", _bulk("unpublish", page), {}),
        ("post", _bulk("delete", page), {}),
        ("post", _bulk("move", page), {"chooser": destination.pk}),
        ("post", _bulk("publish", page), {}),
    ]
    for method, url, data in routes:
        response = getattr(client, method)(url, data)
        assert response.status_code in (302, 403), (url, response.status_code)
        if response.status_code == 302:
            assert "/login/" in response["Location"] or response["Location"] == "/admin/"
    assert _state(page) == before


# --- officers and administrators, route by route -------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_publish_button_and_no_publish_by_bulk_action(client, page_of, login_as, role, kind):
    page = page_of(kind)
    user = login_as(role)
    _latest_title_draft(page, user)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in html
    assert "Submit to Co-production" in html
    response = client.post(_bulk("publish", page), {"include_descendants": ""})
    _no_server_error(response)
    assert not Page.objects.get(pk=page.pk).title.endswith("(unagreed draft)")


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_copy_starts_as_a_draft_even_with_publish_ticked(client, page_of, login_as, role,
                                                           kind):
    page = page_of(kind)
    login_as(role)
    form = client.get(f"/admin/pages/{page.pk}/copy/").content.decode()
    assert 'name="publish_copies"' not in form
    response = client.post(f"/admin/pages/{page.pk}/copy/", {
        "new_title": "A copy nobody agreed", "new_slug": "a-copy",
        "new_parent_page": page.get_parent().pk, "publish_copies": "on"})
    _no_server_error(response)
    if getattr(page, "max_count_per_parent", None) == 1:
        # Only one of these may exist (Wagtail's own rule): the form says so, nothing is made.
        assert response.status_code == 200
        assert not Page.objects.filter(title="A copy nobody agreed").exists()
        return
    assert response.status_code == 302
    copy = Page.objects.get(title="A copy nobody agreed", locale=page.locale)
    assert not copy.live
    assert not copy.versions.exists()
    assert not EvidenceEntry.objects.filter(page_id=copy.pk).exists()
    assert Page.objects.get(pk=page.pk).live  # the original is untouched


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_officers_cannot_unpublish(client, page_of, login_as, kind):
    page = page_of(kind)
    login_as("officer")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f"/admin/pages/{page.pk}/unpublish/" not in html
    assert _refused(client.get(f"/admin/pages/{page.pk}/unpublish/"))
    assert _refused(client.post(f"/admin/pages/{page.pk}/unpublish/", {"reason": "Tidying up."}))
    assert Page.objects.get(pk=page.pk).live
    assert not EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.PAGE_UNPUBLISHED).exists()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_administrators_unpublish_only_with_a_reason_that_is_logged(client, page_of, login_as,
                                                                    kind):
    page = page_of(kind)
    login_as("admin")
    url = f"/admin/pages/{page.pk}/unpublish/"
    form = client.get(url).content.decode()
    assert 'name="reason"' in form
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Say why the page must come off the site now." in response.content.decode()
    assert Page.objects.get(pk=page.pk).live
    response = client.post(url, {"reason": "It names a child: a safeguarding risk."})
    assert response.status_code == 302
    assert not Page.objects.get(pk=page.pk).live
    entry = EvidenceEntry.objects.get(kind=EvidenceEntry.Kind.PAGE_UNPUBLISHED, page_id=page.pk)
    payload = json.loads(entry.payload_json)
    assert payload["by"] == "admin"
    # The typed reason is beside the entry (the board reads it), its hash in the payload.
    assert "safeguarding" not in entry.payload_json
    assert [(t.field, t.text) for t in entry.texts.all()] == [
        ("reason", "It names a child: a safeguarding risk.")]


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_page_on_the_record_is_never_deleted(client, page_of, login_as, role, kind):
    page = page_of(kind)
    login_as(role)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f"/admin/pages/{page.pk}/delete/" not in html
    assert _refused(client.get(f"/admin/pages/{page.pk}/delete/"))
    assert _refused(client.post(f"/admin/pages/{page.pk}/delete/"))
    _no_server_error(client.post(_bulk("delete", page)))
    assert Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_page_on_the_record_keeps_its_address(client, page_of, login_as, role, kind):
    page = page_of(kind)
    destination = _elsewhere(page)
    login_as(role)
    before = _state(page)
    assert _refused(client.get(f"/admin/pages/{page.pk}/move/"))
    # Refused by the permission check, or by the hook with a message; never moved.
    _no_server_error(client.post(f"/admin/pages/{page.pk}/move/{destination.pk}/confirm/"))
    _no_server_error(client.post(_bulk("move", page), {"chooser": destination.pk}))
    assert _state(page) == before


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_privacy_cannot_hide_an_agreed_page(client, page_of, login_as, role, kind):
    page = page_of(kind)
    login_as(role)
    url = f"/admin/pages/{page.pk}/privacy/"
    assert _refused(client.get(url))
    assert _refused(client.post(url, {"restriction_type": "password", "password": "secret"}))
    # Nor from the page above it, which would hide it too.
    parent_url = f"/admin/pages/{page.get_parent().pk}/privacy/"
    _no_server_error(client.post(parent_url, {"restriction_type": "password",
                                              "password": "secret"}))
    assert not PageViewRestriction.objects.exists()


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_reverting_makes_a_draft_for_the_forum(client, page_of, login_as, role, kind):
    page = page_of(kind)
    first = page.get_latest_revision()
    user = login_as(role)
    _latest_title_draft(page, user)
    response = client.get(f"/admin/pages/{page.pk}/revisions/{first.pk}/revert/")
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_scheduled_publish_the_forum_agreed_cannot_be_cancelled(client, page_of, login_as,
                                                                   role, kind):
    page = page_of(kind)
    revision = _latest_title_draft(page)
    revision.approved_go_live_at = timezone.now() + dt.timedelta(days=7)
    revision.save(update_fields=["approved_go_live_at"])
    login_as(role)
    url = f"/admin/pages/{page.pk}/revisions/{revision.pk}/unschedule/"
    assert _refused(client.post(url))
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None


def test_autosave_is_on_for_a_page_not_in_review(client, page_of, login_as):
    page = page_of("policy")
    login_as("officer")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "data-w-autosave-interval-value" in html


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_go_live_at_schedules_nothing_around_the_forum(page_of, login_as, role, kind):
    from django.core.management import call_command
    from wagtail.models import Revision

    page = page_of(kind)
    user = login_as(role)
    # Wagtail's editor schedules a "go live at" only when publishing, for someone who may
    # publish (the edit route itself is tested with a policy's form in test_record_routes).
    assert not page.permissions_for_user(user).can_publish()
    before = _state(page)
    # A draft saved with a "go live at" date, as "Save draft" keeps it: the scheduler
    # publishes only approved revisions, so nothing goes live around the forum.
    draft = page.get_latest_revision_as_object()
    draft.title = f"{page.title} (scheduled around the forum)"
    draft.go_live_at = timezone.now() - dt.timedelta(minutes=1)
    draft.save_revision(user=user)
    call_command("publish_scheduled", verbosity=0)
    assert _state(page) == before
    assert not Revision.page_revisions.filter(object_id=str(page.pk),
                                              approved_go_live_at__isnull=False).exists()


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_bulk_unpublish_is_refused(client, page_of, login_as, role, kind):
    page = page_of(kind)
    login_as(role)
    response = client.post(_bulk("unpublish", page), {"include_descendants": ""}, follow=True)
    _no_server_error(response)
    assert Page.objects.get(pk=page.pk).live


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_autosave_is_off_while_the_forum_reviews(client, page_of, login_as, role, kind):
    page = page_of(kind)
    user = login_as(role)
    coproduction_workflow().start(page, user)
    revisions = page.revisions.count()
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "data-w-autosave-interval-value" not in html
    response = client.post(f"/admin/pages/{page.pk}/edit/", {"title": "Half-typed"},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_code"] == "in_forum_review"
    assert page.revisions.count() == revisions


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_translations_are_synchronised_by_administrators_and_logged(
    client, page_of, login_as, kind, django_capture_on_commit_callbacks
):
    page = page_of(kind)
    admin = login_as("admin")
    polish = Locale.objects.get(language_code="pl")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(admin, [polish]).create_translations(page)
    source = TranslationSource.objects.get_for_instance(page)
    url = f"/admin/localize/update/{source.pk}/"
    officer = UserFactory(username="officer", groups=["Officers"])
    client.force_login(officer)
    assert _refused(client.get(url))
    client.force_login(admin)
    logged = EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.TRANSLATION_PUBLISHED).count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    _no_server_error(response)
    translation = page.get_translation(polish)
    assert translation.live
    entries = EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.TRANSLATION_PUBLISHED,
                                           page_id=translation.pk)
    assert entries.count() > logged
    payload = json.loads(entries.last().payload_json)
    assert payload["by"] == "admin" and payload["source_page"] == page.pk
    assert payload["source_version"] == 1
    # The board's row says which English version the translation is of.
    login_as("board_member")
    board = client.get(reverse("board_home")).content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Translation published(?:(?!</tr>).)*</tr>", board,
                    re.S)
    assert row and "Translation of English version 1" in row.group(0)


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_an_officer_publishing_a_translation_is_logged(client, page_of, login_as, kind,
                                                        django_capture_on_commit_callbacks):
    page = page_of(kind)
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    polish = Locale.objects.get(language_code="pl")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(admin, [polish]).create_translations(page)
    translation = page.get_translation(polish)
    login_as("officer")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{translation.pk}/edit/", {"action": "publish"})
    _no_server_error(response)
    entry = EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.TRANSLATION_PUBLISHED,
                                         page_id=translation.pk).last()
    assert json.loads(entry.payload_json)["by"] == "officer"


# --- wagtail-localize: a translation of an agreed version stays a translation ------------


@pytest.fixture
def polish_of(page_of):
    """A co-produced page of each type, with its Polish translation published."""
    from tests.charter.test_translated_record import translate

    def build(kind):
        page = page_of(kind)
        return page, translate(page, {})
    return build


def _editor_links(html: str) -> dict:
    import html as html_module
    import re

    found = re.search(r'class="js-translation-editor" data-props="([^"]*)"', html)
    assert found, "the translation editor is shown"
    return json.loads(html_module.unescape(found.group(1)))["links"]


def _public(page):
    fresh = Page.objects.get(pk=page.pk)
    return (fresh.live, fresh.alias_of_id, fresh.title, fresh.specific.get_latest_revision().pk)


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_translation_is_never_turned_into_an_alias_of_the_english(client, polish_of, login_as,
                                                                    role, kind):
    from wagtail_localize.models import Translation

    page, polish = polish_of(kind)
    login_as(role)
    before = _public(polish)
    assert polish.title != page.title  # the Polish words, not the English
    edit = client.get(f"/admin/pages/{polish.pk}/edit/")
    assert edit.status_code == 200
    links = _editor_links(edit.content.decode())
    # Neither button is offered (an empty address hides "Stop Synced translation").
    assert links["convertToAliasUrl"] is None and links["stopTranslationUrl"] == ""
    assert "/convert_to_alias/" not in edit.content.decode()

    url = f"/admin/localize/page/{polish.pk}/convert_to_alias/"
    for response in (client.get(url), client.post(url),
                     client.post(f"/admin/pages/{polish.pk}/edit/",
                                 {"localize-convert-to-alias": "Convert"})):
        _no_server_error(response)
        assert response.status_code == 302
        assert response["Location"] == f"/admin/pages/{polish.pk}/edit/"
    followed = client.get(f"/admin/pages/{polish.pk}/edit/").content.decode()
    assert "stays a synced translation" in followed
    assert _public(polish) == before

    translation = Translation.objects.get(source__object_id=page.translation_key,
                                          target_locale=polish.locale)
    response = client.post(f"/admin/localize/translate/{translation.pk}/disable/",
                           {"next": f"/admin/pages/{polish.pk}/edit/"})
    _no_server_error(response)
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.enabled
    assert _public(polish) == before
    # Wagtail's log names no conversion; the evidence log has nothing to add.
    assert not EvidenceEntry.objects.filter(page_id=polish.pk,
                                            kind=EvidenceEntry.Kind.PAGE_UNPUBLISHED).exists()


@pytest.mark.parametrize("role", NO_ADMIN_ROLES)
def test_people_outside_the_admin_reach_no_translation_action(client, polish_of, login_as, role):
    from wagtail_localize.models import Translation

    page, polish = polish_of("policy")
    translation = Translation.objects.get(source__object_id=page.translation_key,
                                          target_locale=polish.locale)
    login_as(role)
    before = _public(polish)
    for url in (f"/admin/localize/page/{polish.pk}/convert_to_alias/",
                f"/admin/localize/translate/{translation.pk}/disable/",
                f"/admin/localize/update/{translation.source_id}/"):
        response = client.post(url, {"publish_translations": "on"})
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/login/" in response["Location"] or response["Location"] == "/admin/"
    translation.refresh_from_db()
    assert translation.enabled and _public(polish) == before


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_translation_becomes_an_alias_by_no_route(polish_of, kind):
    """Whatever code tries it (a route not yet known, a script), the model refuses."""
    from django.core.exceptions import PermissionDenied

    page, polish = polish_of(kind)
    polish.alias_of_id = page.pk
    with pytest.raises(PermissionDenied):
        polish.save(update_fields=["alias_of_id"])
    assert Page.objects.get(pk=polish.pk).alias_of_id is None


@pytest.mark.parametrize("role", EDITORS)
def test_a_stopped_translation_can_be_put_back_in_step_and_not_made_an_alias(
    client, polish_of, login_as, role
):
    """A translation stopped before this rule: "Start Synced translation" is offered (it
    publishes nothing), "Convert to alias page" is not."""
    from wagtail_localize.models import Translation

    page, polish = polish_of("policy")
    translation = Translation.objects.get(source__object_id=page.translation_key,
                                          target_locale=polish.locale)
    Translation.objects.filter(pk=translation.pk).update(enabled=False)
    login_as(role)
    before = _public(polish)
    html = client.get(f"/admin/pages/{polish.pk}/edit/").content.decode()
    assert 'name="localize-restart-translation"' in html
    assert 'name="localize-convert-to-alias"' not in html
    response = client.post(f"/admin/pages/{polish.pk}/edit/",
                           {"localize-restart-translation": "Start"})
    _no_server_error(response)
    translation.refresh_from_db()
    assert translation.enabled
    assert _public(polish)[:3] == before[:3]


def test_other_pages_keep_wagtail_localizes_actions(client, tree, login_as):
    """Only pages written with the forum are narrowed: a plain page's translation can still
    be converted back to an alias."""
    from tests.charter.test_translated_record import translate

    index = tree.policy.get_parent().specific
    assert not getattr(index, "coproduced", False)
    polish = translate(index, {})
    login_as("admin")
    response = client.post(f"/admin/localize/page/{polish.pk}/convert_to_alias/")
    _no_server_error(response)
    assert Page.objects.get(pk=polish.pk).alias_of_id == index.pk


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_copy_is_never_a_live_alias(client, page_of, login_as, role, kind):
    """The second review: "Alias" ticked on the copy form put a live copy of a policy at a
    new address, with no forum and no record."""
    page = page_of(kind)
    login_as(role)
    form = client.get(f"/admin/pages/{page.pk}/copy/").content.decode()
    assert 'name="alias"' not in form
    before = Page.objects.count()
    response = client.post(f"/admin/pages/{page.pk}/copy/", {
        "new_title": "An alias nobody agreed", "new_slug": "an-alias",
        "new_parent_page": page.get_parent().pk, "alias": "on"}, follow=True)
    _no_server_error(response)
    assert Page.objects.count() == before
    assert "cannot be copied as an alias" in response.content.decode()


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_the_add_form_offers_no_publish(client, page_of, login_as, role, kind):
    page = page_of(kind)
    login_as(role)
    model = page.specific_class._meta
    response = client.get(f"/admin/pages/add/{model.app_label}/{model.model_name}/"
                          f"{page.get_parent().pk}/")
    _no_server_error(response)
    if response.status_code == 200:
        assert 'name="action-publish"' not in response.content.decode()


@pytest.mark.parametrize("kind", ["policy", "faq"])
def test_translate_this_page_is_offered_only_where_it_is_allowed(client, page_of, login_as, kind):
    """On an untranslated Polish copy (an alias of the English page), "Translate this page"
    is offered to those who may start a translation (administrators); an officer is told
    why not and whom to ask, on the page and at the button's address, never Wagtail's bare
    "Sorry, you do not have permission"."""
    page = page_of(kind)
    alias = page.copy_for_translation(Locale.objects.get(language_code="pl"),
                                      copy_parents=True, alias=True)
    submit = f"/admin/localize/submit/page/{page.pk}/"
    login_as("officer")
    html = client.get(f"/admin/pages/{alias.pk}/edit/").content.decode()
    assert "hasn't been translated yet" in html
    assert submit not in html
    assert "Only an administrator can start a translation of a page" in html
    assert "Ask an administrator to translate" in html
    response = client.get(f"{submit}?select_locale=pl&next=/admin/pages/{alias.pk}/edit/",
                          follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{alias.pk}/edit/"
    told = response.content.decode()
    assert "Sorry, you do not have permission" not in told
    assert "Only an administrator can start a translation of a page" in told
    assert "readers in Polish see the English page" in told
    assert not page.get_translations().filter(alias_of__isnull=True).exists()
    login_as("admin")
    html = client.get(f"/admin/pages/{alias.pk}/edit/").content.decode()
    assert submit in html and "Translate this page" in html
    assert client.get(f"{submit}?select_locale=pl").status_code == 200


def test_sync_translated_pages_is_not_offered_to_officers_and_refused_if_posted(
        client, page_of, login_as, django_capture_on_commit_callbacks):
    page = page_of("policy")
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    polish = Locale.objects.get(language_code="pl")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(admin, [polish]).create_translations(page)
    source = TranslationSource.objects.get_for_instance(page)
    sync = f"/admin/localize/update/{source.pk}/"
    translation = page.get_translation(polish)
    before = _public(translation)
    login_as("officer")
    for screen in (f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.get_parent().pk}/"):
        html = client.get(screen).content.decode()
        assert sync not in html and "Sync translated pages" not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sync, {"publish_translations": "on"})
    assert _refused(response)
    assert _public(translation) == before
    client.force_login(admin)
    listing = client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
    assert sync in listing
