"""The transport team's e-mail address is written once, in Service details, as the number is
(portal/0009): each typed copy of the address Service details gives (any letter case) in the
FAQ's answers (every language), the home page's help box and promoted searches' descriptions
becomes ``{email}``, which the reader sees as that address, a ``mailto:`` link.

Another address stays as typed, and ``check --deploy`` (portal.W004) names it. A page's row,
its latest revision and its live revision are changed; earlier revisions keep their words.
What a reader sees is the same address as before. Running it again changes nothing. Nothing
is done on a site without an address in Service details.
"""

import json

from django.db import migrations

from portal.phone_numbers import typed_email_copies_replaced


def _replaced(value, address):
    """``value`` (JSON-like: strings, lists, dicts) with each string's typed copies of
    ``address`` replaced."""
    if isinstance(value, str):
        return typed_email_copies_replaced(value, address)
    if isinstance(value, list):
        return [_replaced(v, address) for v in value]
    if isinstance(value, dict):
        return {k: _replaced(v, address) for k, v in value.items()}
    return value


def _revision_replaced(revision, name, address):
    content = dict(revision.content)
    stored = content.get(name)
    if isinstance(stored, str) and name == "topics":
        try:
            new = json.dumps(_replaced(json.loads(stored), address), ensure_ascii=False)
        except ValueError:
            return
        changed = json.loads(new) != json.loads(stored)
    else:
        new = _replaced(stored, address)
        changed = new != stored
    if changed:
        content[name] = new
        revision.content = content
        revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    PortalSettings = apps.get_model("portal", "PortalSettings")
    FAQIndexPage = apps.get_model("portal", "FAQIndexPage")
    HomePage = apps.get_model("portal", "HomePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    SearchPromotion = apps.get_model("wagtailsearchpromotions", "SearchPromotion")
    addresses = [row.service_details.email for row in
                 PortalSettings.objects.select_related("service_details").order_by(
                     "-site__is_default_site", "pk")
                 if row.service_details is not None and row.service_details.email]
    if not addresses:
        return
    address = addresses[0]

    def revisions(page):
        ids = {page.latest_revision_id, page.live_revision_id} - {None}
        return list(Revision.objects.filter(pk__in=ids))

    for page in FAQIndexPage.objects.all():
        raw = json.loads(json.dumps(list(page.topics.raw_data), ensure_ascii=False))
        new = _replaced(raw, address)
        if new != raw:
            page.topics = new
            page.save(update_fields=["topics"])
        for revision in revisions(page):
            _revision_replaced(revision, "topics", address)
    for page in HomePage.objects.all():
        new = typed_email_copies_replaced(page.help_text, address)
        if new != page.help_text:
            page.help_text = new
            page.save(update_fields=["help_text"])
        for revision in revisions(page):
            _revision_replaced(revision, "help_text", address)
    for promotion in SearchPromotion.objects.all():
        new = typed_email_copies_replaced(promotion.description, address)
        if new != promotion.description:
            promotion.description = new
            promotion.save(update_fields=["description"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0011_officers_write_phone_once"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
