"""Officers may add, change and remove promoted search results (Wagtail's search
promotions): the everyday words families type, pointed at the right page."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICERS = "Officers"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_config = apps.get_app_config("wagtailsearchpromotions")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    officers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailsearchpromotions",
            content_type__model="searchpromotion",
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_updates_to_families"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
