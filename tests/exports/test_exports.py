"""Large exports run as background tasks: Export makes a job, the file is written with its
progress noted, the officer who asked (or an administrator) downloads it, a retried task
leaves one file with each row once, and old files are deleted."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from exports import services, tasks
from exports.kinds import EXPORT_KIND_HOOK, ExportKind, ExportSubject
from exports.models import ExportJob, exports_storage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
KIND = "test_rows"
HEADER = ["number", "words"]
# The progress page: the session, the officer and their groups, the job, and the admin's
# own reads. Its JSON, asked for every two seconds, reads no more than the sign-in needs.
PAGE_QUERIES = 11


class Source:
    """Rows 1..n, the third a formula; ``fail_at`` raises once part-way, as when the disk
    fills or the database goes away while a worker writes."""

    def __init__(self, n=7):
        self.n, self.fail_at, self.failures, self.seen = n, None, 0, []

    def rows(self, subject_id):
        yield HEADER
        for i in range(1, self.n + 1):
            if self.fail_at == i:
                self.fail_at = None
                self.failures += 1
                raise OSError("No space left on device")
            self.seen.append(ExportJob.objects.values_list("rows_done", flat=True).first())
            yield [i, "=SUM(A1:A9)" if i == 3 else f"row {i}"]

    def kind(self):
        return ExportKind(name=KIND, what="rows", rows=self.rows, count=lambda _id: self.n,
                          describe=lambda subject_id: ExportSubject(
                              title="Test subject", filename="test-rows.csv",
                              start_url="/admin/test/export/", back_url="/admin/test/")
                          if subject_id == 1 else None)


@pytest.fixture
def source():
    made = Source()
    with hooks.register_temporarily(EXPORT_KIND_HOOK, made.kind):
        yield made


def _start(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job, created = services.export_request(kind=KIND, subject_id=1, user=officer)
        assert created
        tasks.export_start(job)
    job.refresh_from_db()
    return job


def _rows(job):
    with job.file.open("rb") as f:
        return list(csv.reader(io.StringIO(f.read().decode("utf-8-sig"))))


def _files():
    return sorted(exports_storage().listdir("")[1])


def test_an_export_runs_in_process_and_its_file_holds_every_row_made_safe(
        source, officer, django_capture_on_commit_callbacks):
    job = _start(officer, django_capture_on_commit_callbacks)
    assert job.status == ExportJob.Status.DONE
    assert (job.rows_done, job.rows_total) == (7, 7)
    rows = _rows(job)
    assert rows[0] == HEADER and len(rows) == 8
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 8)]
    assert rows[3][1] == "'=SUM(A1:A9)"  # no formula reaches a spreadsheet
    assert _files() == [f"export-{job.pk}.csv"]


def test_progress_is_noted_while_the_file_is_written(source, officer, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    monkeypatch.setattr(services, "PROGRESS_EVERY", 2)
    _start(officer, django_capture_on_commit_callbacks)
    # What the progress page would have read before each row was written.
    assert source.seen == [0, 0, 2, 2, 4, 4, 6]


def test_a_run_that_fails_part_way_is_retried_and_leaves_one_file_with_each_row_once(
        source, officer, django_capture_on_commit_callbacks):
    source.fail_at = 4
    job = _start(officer, django_capture_on_commit_callbacks)
    assert source.failures == 1  # it did fail, and Celery ran it again
    assert job.status == ExportJob.Status.DONE and job.failure == ""
    assert [r[0] for r in _rows(job)[1:]] == [str(i) for i in range(1, 8)]
    assert _files() == [f"export-{job.pk}.csv"]


def test_a_run_after_a_worker_died_replaces_what_it_left(source, officer):
    job, _ = services.export_request(kind=KIND, subject_id=1, user=officer)
    # The dead worker had saved a half file under the job's name, and got no further.
    left = exports_storage().save(services.storage_name(job), ContentFile(b"number,words\n1,"))
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, file=left,
                                               rows_done=1)
    tasks.write_export.delay(job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    assert len(_rows(job)) == 8
    assert _files() == [f"export-{job.pk}.csv"]
    # Delivered once more after it finished (acks late): nothing changes.
    assert tasks.write_export.delay(job.pk).result == 0
    assert _files() == [f"export-{job.pk}.csv"]


def test_a_failure_every_time_stops_the_export_and_says_why(source, officer, client,
                                                            monkeypatch):
    job, _ = services.export_request(kind=KIND, subject_id=1, user=officer)
    monkeypatch.setattr(Source, "rows", lambda self, _id: (_ for _ in ()).throw(
        OSError("No space left on device")))
    monkeypatch.setattr(tasks.write_export, "max_retries", 1)
    tasks.write_export.delay(job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and not job.file
    client.force_login(officer)
    html = " ".join(client.get(reverse("exports_job", args=[job.pk])).content.decode().split())
    assert "The file could not be written (OSError: No space left on device)." in html
    assert "Export again" in html and _files() == []


def test_a_double_press_reuses_the_job_still_working(source, officer):
    first, created = services.export_request(kind=KIND, subject_id=1, user=officer)
    again, created_again = services.export_request(kind=KIND, subject_id=1, user=officer)
    assert created and not created_again and again.pk == first.pk
    # Another officer's press is their own.
    other = UserFactory(username="other", groups=["Officers"])
    theirs, created = services.export_request(kind=KIND, subject_id=1, user=other)
    assert created and theirs.pk != first.pk


def test_a_job_lost_on_its_way_to_a_worker_is_replaced_by_the_next_press(source, officer):
    with time_machine.travel(timezone.now() - dt.timedelta(minutes=16), tick=False):
        lost, _ = services.export_request(kind=KIND, subject_id=1, user=officer)
    job, created = services.export_request(kind=KIND, subject_id=1, user=officer)
    assert created and job.pk != lost.pk
    lost.refresh_from_db()
    assert lost.status == ExportJob.Status.FAILED


def test_a_finished_export_is_not_reused(source, officer, django_capture_on_commit_callbacks):
    first = _start(officer, django_capture_on_commit_callbacks)
    second = _start(officer, django_capture_on_commit_callbacks)
    assert second.pk != first.pk


def test_the_progress_page_counts_what_is_written_and_updates_itself(
        source, officer, client, django_assert_max_num_queries):
    job, _ = services.export_request(kind=KIND, subject_id=1, user=officer)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, rows_done=3,
                                               rows_total=10, heartbeat_at=timezone.now())
    client.force_login(officer)
    url = reverse("exports_job", args=[job.pk])
    client.get(url)  # the admin's first-visit reads
    with django_assert_max_num_queries(PAGE_QUERIES):
        html = " ".join(client.get(url).content.decode().split())
    assert "3 of 10 rows written." in html
    assert 'max="10" value="3"' in html
    assert 'data-status="working"' in html and "task-progress.js" in html
    assert f'<a href="{url}" data-progress-refresh>check again</a>' in html  # without script
    assert reverse("exports_download", args=[job.pk]) not in html
    with django_assert_max_num_queries(7):
        data = client.get(url, {"format": "json"}).json()
    assert data == {"done": 3, "total": 10, "percent": 30, "status": "working",
                    "summary": "3 of 10 rows written."}


def test_the_finished_page_offers_the_download_and_says_when_it_is_deleted(
        source, officer, client, django_capture_on_commit_callbacks):
    job = _start(officer, django_capture_on_commit_callbacks)
    client.force_login(officer)
    html = " ".join(client.get(reverse("exports_job", args=[job.pk])).content.decode().split())
    assert "All 7 rows written." in html
    assert f'href="{reverse("exports_download", args=[job.pk])}"' in html
    assert "deleted from the portal 24 hours after it was made" in html
    response = client.get(reverse("exports_download", args=[job.pk]))
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="test-rows.csv"'
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\xef\xbb\xbfnumber,words\r\n1,")


ROLES = ["anonymous", "parent", "forum_rep", "board_member", "other_officer", "officer",
         "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_officer_who_asked_and_administrators_see_or_download_it(
        source, officer, client, role, django_capture_on_commit_callbacks):
    job = _start(officer, django_capture_on_commit_callbacks)
    groups = {"parent": [], "forum_rep": ["Forum representatives"],
              "board_member": ["Governance board"], "other_officer": ["Officers"]}
    if role == "officer":
        client.force_login(officer)
    elif role == "admin":
        client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    elif role != "anonymous":
        client.force_login(UserFactory(username=role, groups=groups[role]))
    for url in (reverse("exports_job", args=[job.pk]),
                reverse("exports_job", args=[job.pk]) + "?format=json",
                reverse("exports_download", args=[job.pk])):
        response = client.get(url)
        if role in ("officer", "admin"):
            assert response.status_code == 200
        else:
            assert response.status_code in (302, 403, 404)
            assert response.status_code != 302 or "login" in response["Location"] \
                or "sign-in" in response["Location"] or response["Location"].startswith(
                    "/admin/")
            assert b"number,words" not in b"".join(getattr(response, "streaming_content",
                                                           [response.content]))


def test_an_officer_removed_from_the_officers_loses_their_files(
        source, officer, client, django_capture_on_commit_callbacks):
    job = _start(officer, django_capture_on_commit_callbacks)
    officer.groups.clear()
    officer.is_superuser = False
    officer.save()
    client.force_login(officer)
    assert client.get(reverse("exports_download", args=[job.pk])).status_code in (302, 403, 404)


def test_old_files_are_deleted_by_the_daily_job(source, officer,
                                                django_capture_on_commit_callbacks):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        old = _start(officer, django_capture_on_commit_callbacks)
        stray = exports_storage().save("export-stray.csv", ContentFile(b"a,b\n"))
    with time_machine.travel(start + dt.timedelta(hours=23), tick=False):
        recent = _start(officer, django_capture_on_commit_callbacks)
    with time_machine.travel(start + dt.timedelta(hours=24, minutes=1), tick=False):
        assert tasks.delete_old_exports.delay().result == 2
    assert _files() == [recent.file.name] and stray not in _files()
    old.refresh_from_db()
    assert old.status == ExportJob.Status.EXPIRED and not old.file
    recent.refresh_from_db()
    assert recent.status == ExportJob.Status.DONE


def test_the_daily_deletion_is_on_the_schedule_and_files_are_kept_privately():
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "exports.tasks.delete_old_exports" in tasks_scheduled
    from portal.settings import base

    location = base.STORAGES["exports"]["OPTIONS"]["location"]
    assert base.MEDIA_ROOT not in location.parents and location != base.MEDIA_ROOT
