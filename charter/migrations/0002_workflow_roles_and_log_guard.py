"""The Co-production workflow, what each role may do, and the evidence log's guard.

On PostgreSQL a trigger refuses any UPDATE or DELETE on the evidence log, so
not even a bug or a hand-typed query through the application's connection can
rewrite it. (SQLite, the development database, relies on the model's refusal.)
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW = "Co-production"
OFFICER_MODELS = ["coproductionmeeting", "coproductionsettings", "disagreement",
                  "forumcomment", "commentanswer", "evidenceentry"]
OFFICER_ACTIONS = ("add", "change", "view")

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION charter_evidence_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The evidence log is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER charter_evidence_append_only
    BEFORE UPDATE OR DELETE ON charter_evidenceentry
    FOR EACH ROW EXECUTE FUNCTION charter_evidence_append_only();
CREATE TRIGGER charter_evidence_no_truncate
    BEFORE TRUNCATE ON charter_evidenceentry
    FOR EACH STATEMENT EXECUTE FUNCTION charter_evidence_append_only();
"""
DROP_TRIGGER_SQL = """
DROP TRIGGER IF EXISTS charter_evidence_no_truncate ON charter_evidenceentry;
DROP TRIGGER IF EXISTS charter_evidence_append_only ON charter_evidenceentry;
DROP FUNCTION IF EXISTS charter_evidence_append_only();
"""


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ForumReviewTask = apps.get_model("charter", "ForumReviewTask")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    task_type, _ = ContentType.objects.get_or_create(app_label="charter",
                                                     model="forumreviewtask")
    task = ForumReviewTask.objects.filter(name="Forum review").first()
    if task is None:
        task = ForumReviewTask.objects.create(name="Forum review", content_type=task_type,
                                              active=True, school_days=10)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    app_config = apps.get_app_config("charter")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    officers, _ = Group.objects.get_or_create(name="Officers")
    Group.objects.get_or_create(name="Forum representatives")
    Group.objects.get_or_create(name="Governance board")
    officers.permissions.add(*Permission.objects.filter(
        content_type__app_label="charter", content_type__model__in=OFFICER_MODELS,
        codename__in=[f"{a}_{m}" for a in OFFICER_ACTIONS for m in OFFICER_MODELS],
    ).exclude(codename__in=["add_evidenceentry", "change_evidenceentry"]))

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("charter", "0001_initial"),
        ("portal", "0002_locales_and_roles"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
