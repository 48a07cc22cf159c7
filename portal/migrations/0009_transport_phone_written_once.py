"""The transport team's number is written once, in Service details: each typed copy of it in
the FAQ's answers (every language), the home page's help box and promoted searches'
descriptions becomes ``{phone}``, which the reader sees as that number, a ``tel:`` link.

Only copies of the number Portal settings' Service details gives (the same number as
dialled, however spaced) are replaced; another number (an out-of-hours line) stays as typed,
and ``check --deploy`` (portal.W004) still names it when it differs. A page's row, its latest
revision and its live revision are changed (what the reader sees, and what the editor opens
next); the revisions of earlier versions keep their words. What a reader sees is the same
number as before. Running it again changes nothing. Nothing is done on a site without a
number in Service details.
"""

import json

from django.db import migrations

from portal.phone_numbers import typed_copies_replaced


def _replaced(value, number):
    """``value`` (JSON-like: strings, lists, dicts) with each string's typed copies of
    ``number`` replaced."""
    if isinstance(value, str):
        return typed_copies_replaced(value, number)
    if isinstance(value, list):
        return [_replaced(v, number) for v in value]
    if isinstance(value, dict):
        return {k: _replaced(v, number) for k, v in value.items()}
    return value


def _revision_replaced(revision, fields, number):
    if revision is None:
        return
    content, changed = dict(revision.content), False
    for name in fields:
        stored = content.get(name)
        if isinstance(stored, str) and name == "topics":
            try:
                new = json.dumps(_replaced(json.loads(stored), number), ensure_ascii=False)
                changed = changed or json.loads(new) != json.loads(stored)
            except ValueError:
                new = stored
        else:
            new = _replaced(stored, number)
            changed = changed or new != stored
        content[name] = new
    if changed:
        revision.content = content
        revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    PortalSettings = apps.get_model("portal", "PortalSettings")
    FAQIndexPage = apps.get_model("portal", "FAQIndexPage")
    HomePage = apps.get_model("portal", "HomePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    SearchPromotion = apps.get_model("wagtailsearchpromotions", "SearchPromotion")
    numbers = [row.service_details.phone for row in
               PortalSettings.objects.select_related("service_details").order_by(
                   "-site__is_default_site", "pk")
               if row.service_details is not None and row.service_details.phone]
    if not numbers:
        return
    number = numbers[0]

    def revisions(page):
        ids = {page.latest_revision_id, page.live_revision_id} - {None}
        return list(Revision.objects.filter(pk__in=ids))

    for page in FAQIndexPage.objects.all():
        raw = json.loads(json.dumps(list(page.topics.raw_data), ensure_ascii=False))
        new = _replaced(raw, number)
        if new != raw:
            page.topics = new
            page.save(update_fields=["topics"])
        for revision in revisions(page):
            _revision_replaced(revision, ["topics"], number)
    for page in HomePage.objects.all():
        new = typed_copies_replaced(page.help_text, number)
        if new != page.help_text:
            page.help_text = new
            page.save(update_fields=["help_text"])
        for revision in revisions(page):
            _revision_replaced(revision, ["help_text"], number)
    for promotion in SearchPromotion.objects.all():
        new = typed_copies_replaced(promotion.description, number)
        if new != promotion.description:
            promotion.description = new
            promotion.save(update_fields=["description"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0008_search_index_state"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
