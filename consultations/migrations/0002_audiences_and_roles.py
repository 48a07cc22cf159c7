"""Who consultations are for, and what officers may do with calendars and responses."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

AUDIENCES = ["Parents and carers", "Young people", "Schools and colleges",
             "Transport operators", "Others"]
OFFICER_MODELS = ["schoolcalendar", "holidayperiod", "consultationresponse",
                  "consultationsettings", "consultationaudience"]


def forwards(apps, schema_editor):
    Audience = apps.get_model("consultations", "ConsultationAudience")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for order, name in enumerate(AUDIENCES):
        Audience.objects.get_or_create(name=name, defaults={"sort_order": order})
    app_config = apps.get_app_config("consultations")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    officers, _ = Group.objects.get_or_create(name="Officers")
    officers.permissions.add(*Permission.objects.filter(
        content_type__app_label="consultations", content_type__model__in=OFFICER_MODELS))


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("charter", "0002_workflow_roles_and_log_guard"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
