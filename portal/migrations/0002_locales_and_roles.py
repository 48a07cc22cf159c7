"""Languages and the roles people hold on the portal.

Polish and Arabic are kept in step with English by wagtail-localize: a page
published in English appears in each language (as the English text, marked
"not translated yet") until a translation is made.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICERS = "Officers"
FORUM = "Forum representatives"
BOARD = "Governance board"

OFFICER_MODEL_PERMISSIONS = {
    "portal": ["glossaryterm", "servicedetails", "portalsettings"],
    "wagtaildocs": ["document"],
    "wagtailimages": ["image"],
}
OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]


def _ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")

    english = Locale.objects.filter(language_code="en-gb").first()
    if english is None:
        english = Locale.objects.order_by("pk").first()
        english.language_code = "en-gb"
        english.save()
    for code in ("pl", "ar"):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        # Saved through the historical model, so no background sync runs here;
        # the demo loader and the editor's page creation keep the trees in step.
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": english})

    _ensure_permissions(apps)
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    Group.objects.get_or_create(name=FORUM)
    Group.objects.get_or_create(name=BOARD)

    officers.permissions.add(admin_access)
    for app_label, models in OFFICER_MODEL_PERMISSIONS.items():
        for model in models:
            officers.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, content_type__model=model
                )
            )
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in OFFICER_PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=officers, page=root, permission=permission
            )
    collection = Collection.objects.filter(depth=1).first()
    if collection is not None:
        for permission in Permission.objects.filter(
            content_type__app_label__in=["wagtaildocs", "wagtailimages"],
            codename__in=["add_document", "change_document", "choose_document",
                          "add_image", "change_image", "choose_image"],
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=officers, collection=collection, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
