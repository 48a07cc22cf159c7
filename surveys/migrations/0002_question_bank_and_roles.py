"""The question bank every year's survey draws on, and what officers may do with surveys.

The charter's "how we will know it is working" statements are in the bank as
agree-or-disagree questions, so partners' answers can be compared year on year.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SATISFACTION, AGREE, YES_NO = "satisfaction", "agree", "yes_no"
BANK = [
    # short name, kind, wording, choices, from the charter
    ("Overall satisfaction", SATISFACTION,
     "Overall, how satisfied are you with the travel help you get?", "", False),
    ("Drivers and assistants", SATISFACTION,
     "How satisfied are you with the drivers and passenger assistants?", "", False),
    ("Arrives on time", SATISFACTION,
     "How satisfied are you that transport arrives when it should?", "", False),
    ("Told about changes", SATISFACTION,
     "How satisfied are you with how we tell you about changes to travel?", "", False),
    ("Feels safe", YES_NO, "Does the child feel safe on the journey?", "", False),
    ("Journey time", "single_choice", "How long is the usual journey to school, one way?",
     "Under 30 minutes\n30 to 45 minutes\n45 minutes to 75 minutes\nOver 75 minutes", False),
    ("Kind of travel help", "multiple_choice", "Which travel help do you have?",
     "Bus pass\nShared taxi or minibus\nPassenger assistant\nPersonal travel budget\n"
     "Independent travel training", False),
    ("One thing to improve", "free_text",
     "What one thing would make travel to school better?", "", False),
    ("Equal partner", AGREE, "I am an equal partner and I am listened to.", "", True),
    ("Part of every stage", AGREE, "I can take part at every stage, not only at the end.", "",
     True),
    ("Views in what was written", AGREE, "I can see my views in what was written.", "", True),
    ("Clear information in time", AGREE,
     "I get clear information in good time, in a form I can use.", "", True),
    ("Know what was co-produced", AGREE,
     "I know which policies were written with families.", "", True),
]
OFFICER_MODELS = ["surveyquestion", "surveyinvitation", "surveycomment", "surveyresponse",
                  "surveysettings"]


def forwards(apps, schema_editor):
    Question = apps.get_model("surveys", "SurveyQuestion")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for short_name, kind, wording, choices, charter in BANK:
        Question.objects.get_or_create(wording=wording, kind=kind, defaults={
            "short_name": short_name, "choices": choices, "charter_statement": charter})
    app_config = apps.get_app_config("surveys")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    officers, _ = Group.objects.get_or_create(name="Officers")
    officers.permissions.add(*Permission.objects.filter(
        content_type__app_label="surveys", content_type__model__in=OFFICER_MODELS,
    ).exclude(codename__startswith="delete_"))


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("charter", "0005_alter_evidenceentry_kind"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
