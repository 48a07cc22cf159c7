"""Anonymity that survives the database: a code's use is a hash in a store of its own
(never a write to the invitation), and responses, answers and written answers take
random keys, so no sequence tells the order they arrived in.

Rows already stored are kept: used codes are copied into the store, and the three
response tables are rebuilt under random keys (copied in a shuffled order), then the old
tables are dropped and the new ones take their names.
"""

import hashlib
import random
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _hash(survey_id, code):
    # As surveys.models.invitations.code_hash (a migration keeps its own copy).
    return hashlib.sha256(f"{survey_id}:{code}".encode()).hexdigest()


def codes_to_store(apps, schema_editor):
    Invitation = apps.get_model("surveys", "SurveyInvitation")
    UsedCode = apps.get_model("surveys", "SurveyUsedCode")
    used = []
    for invitation in Invitation.objects.all().only("pk", "survey_id", "code", "used"):
        digest = _hash(invitation.survey_id, invitation.code)
        Invitation.objects.filter(pk=invitation.pk).update(code_hash=digest)
        if invitation.used:
            used.append(UsedCode(code_hash=digest, survey_id=invitation.survey_id))
    used.sort(key=lambda row: row.code_hash)
    UsedCode.objects.bulk_create(used, batch_size=1000)


def responses_rekeyed(apps, schema_editor):
    Old = apps.get_model("surveys", "SurveyResponse")
    OldAnswer = apps.get_model("surveys", "SurveyAnswer")
    OldComment = apps.get_model("surveys", "SurveyComment")
    New = apps.get_model("surveys", "SurveyResponseV2")
    NewAnswer = apps.get_model("surveys", "SurveyAnswerV2")
    NewComment = apps.get_model("surveys", "SurveyCommentV2")
    old_ids = list(Old.objects.values_list("pk", flat=True))
    random.SystemRandom().shuffle(old_ids)
    keys = {old_id: uuid.uuid4() for old_id in old_ids}
    for start in range(0, len(old_ids), 500):
        batch = old_ids[start:start + 500]
        rows = {r.pk: r for r in Old.objects.filter(pk__in=batch)}
        New.objects.bulk_create([
            New(id=keys[pk], survey_id=rows[pk].survey_id, audience=rows[pk].audience,
                submitted_on=rows[pk].submitted_on, submission_key=rows[pk].submission_key,
                late=rows[pk].late) for pk in batch])
        NewAnswer.objects.bulk_create([
            NewAnswer(response_id=keys[a.response_id], survey_id=a.survey_id,
                      question_id=a.question_id, value_int=a.value_int, value_text=a.value_text)
            for a in OldAnswer.objects.filter(response_id__in=batch)], batch_size=1000)
        NewComment.objects.bulk_create([
            NewComment(response_id=keys[c.response_id], survey_id=c.survey_id,
                       question_id=c.question_id, text=c.text, moderation=c.moderation,
                       public_text=c.public_text, moderation_reason=c.moderation_reason,
                       moderated_by_id=c.moderated_by_id, moderated_at=c.moderated_at)
            for c in OldComment.objects.filter(response_id__in=batch)], batch_size=1000)


AUDIENCES = [('parents', 'Parents and carers'), ('young_people', 'Young people'),
             ('schools', 'Schools and colleges'), ('operators', 'Transport operators')]
MODERATION = [('pending', 'Waiting for an officer'), ('approved', 'Approved as written'),
              ('redacted', 'Approved with words removed'), ('withheld', 'Not published')]


class Migration(migrations.Migration):

    dependencies = [
        ('surveys', '0004_survey_mailings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # --- a code's use, apart from the invitation --------------------------------
        migrations.CreateModel(
            name='SurveyUsedCode',
            fields=[
                ('code_hash', models.CharField(max_length=64, primary_key=True, serialize=False)),
                ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='surveys.surveypage')),
            ],
        ),
        migrations.AddField(
            model_name='surveyinvitation',
            name='code_hash',
            field=models.CharField(db_index=True, default='', editable=False, max_length=64),
        ),
        migrations.RunPython(codes_to_store, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name='surveyinvitation',
            name='surveys_sur_survey__1bdbe5_idx',
        ),
        migrations.RemoveField(
            model_name='surveyinvitation',
            name='used',
        ),
        # --- responses under random keys ------------------------------------------------
        migrations.CreateModel(
            name='SurveyResponseV2',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('audience', models.CharField(choices=AUDIENCES, max_length=20)),
                ('submitted_on', models.DateField()),
                ('submission_key', models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True)),
                ('late', models.BooleanField(default=False, help_text='Sent after the close, from answers started before it, inside the grace period (Settings > Survey settings).')),
                ('survey', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='surveys.surveypage')),
            ],
        ),
        migrations.CreateModel(
            name='SurveyAnswerV2',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('value_int', models.SmallIntegerField(blank=True, null=True)),
                ('value_text', models.CharField(blank=True, max_length=200)),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='surveys.surveyresponsev2')),
                ('survey', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='surveys.surveypage')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='surveys.surveyquestion')),
            ],
        ),
        migrations.CreateModel(
            name='SurveyCommentV2',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('text', models.TextField()),
                ('moderation', models.CharField(choices=MODERATION, default='pending', max_length=20)),
                ('public_text', models.TextField(blank=True, help_text='The words shown in public.')),
                ('moderation_reason', models.TextField(blank=True)),
                ('moderated_at', models.DateTimeField(blank=True, null=True)),
                ('moderated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='surveys.surveyresponsev2')),
                ('survey', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='surveys.surveypage')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='surveys.surveyquestion')),
            ],
        ),
        migrations.RunPython(responses_rekeyed, migrations.RunPython.noop),
        migrations.DeleteModel(name='SurveyComment'),
        migrations.DeleteModel(name='SurveyAnswer'),
        migrations.DeleteModel(name='SurveyResponse'),
        migrations.RenameModel(old_name='SurveyResponseV2', new_name='SurveyResponse'),
        migrations.RenameModel(old_name='SurveyAnswerV2', new_name='SurveyAnswer'),
        migrations.RenameModel(old_name='SurveyCommentV2', new_name='SurveyComment'),
        # The names the code uses, now that the old tables are gone.
        migrations.AlterField(
            model_name='surveyresponse',
            name='survey',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='responses', to='surveys.surveypage'),
        ),
        migrations.AlterField(
            model_name='surveyanswer',
            name='response',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='surveys.surveyresponse'),
        ),
        migrations.AlterField(
            model_name='surveyanswer',
            name='question',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='surveys.surveyquestion'),
        ),
        migrations.AlterField(
            model_name='surveycomment',
            name='response',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='surveys.surveyresponse'),
        ),
        migrations.AlterField(
            model_name='surveycomment',
            name='question',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='comments', to='surveys.surveyquestion'),
        ),
        migrations.AlterModelOptions(
            name='surveycomment',
            options={'ordering': ['question_id', 'pk']},
        ),
        migrations.AddIndex(
            model_name='surveyresponse',
            index=models.Index(fields=['survey', 'audience'], name='surveys_response_audience'),
        ),
        migrations.AddIndex(
            model_name='surveyanswer',
            index=models.Index(fields=['survey', 'question', 'value_int', 'value_text'], name='surveys_answers_counted'),
        ),
        migrations.AddIndex(
            model_name='surveycomment',
            index=models.Index(fields=['survey', 'moderation'], name='surveys_comment_moderation'),
        ),
    ]
