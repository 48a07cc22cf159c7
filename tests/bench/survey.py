"""Give one survey a very large year and measure its results. Run inside the bench's site.

    survey.py prepare N  -> JSON: the 2025 demo survey topped up to N responses (about ten
                            answers each, one in twenty with a written answer); its URLs
    survey.py measure    -> JSON: the results page in-process (status, SQL queries, seconds)
                            and, for the public results CSV and the officers' responses CSV,
                            the seconds and the peak Python memory to stream each one whole

``run.py`` drives the results page over HTTP itself, with gunicorn and the page cache off.
Run ``measure`` with PORTAL_PAGE_CACHE=0 too, or the second request is a cache hit.
"""

import datetime as dt
import json
import os
import random
import sys
import time

import django

SURVEY_SLUG = "2025"  # closed, results published, with two earlier years to compare
BATCH = 5000


def _survey():
    from surveys.models import SurveyPage

    return SurveyPage.objects.get(slug=SURVEY_SLUG, alias_of__isnull=True,
                                  locale__language_code="en-gb")


def _rows(survey, first_id: int, count: int, seed: int = 2025):
    """(responses, answers, comments) as tuples of column values, consistent with the
    survey's questions. Seeded, so every bench builds the same year."""
    from surveys import scales
    from surveys.models import Audience, SurveyComment

    rng = random.Random(seed)  # noqa: S311 - repeatable bench data
    placements = list(survey.placements.select_related("question"))
    audiences = rng.choices([a.value for a in Audience], weights=[80, 10, 7, 3], k=count)
    days = [survey.opens.date() + dt.timedelta(days=d)
            for d in range((survey.closes - survey.opens).days + 1)]
    responses = [(first_id + i, survey.pk, audiences[i], rng.choice(days))
                 for i in range(count)]
    # One column of values per question, drawn in one call each: far faster than per row.
    columns = []
    for placement in placements:
        question = placement.question
        if question.kind in scales.FIVE_POINT:
            values = rng.choices([5, 4, 3, 2, 1], weights=[40, 44, 8, 5, 3], k=count)
        elif question.kind == scales.YES_NO:
            values = rng.choices([1, 0], weights=[9, 1], k=count)
        elif question.kind == scales.SINGLE:
            values = rng.choices(question.choice_list, k=count)
        elif question.kind == scales.MULTIPLE:
            choices = question.choice_list
            values = [[c for c in choices if rng.random() < 0.3] or choices[:1]
                      for _ in range(count)]
        else:
            values = None  # written answers: below
        columns.append((question, placement.required, values))
    answers, comments = [], []
    pending, approved = SurveyComment.Moderation.PENDING, SurveyComment.Moderation.APPROVED
    for i, (response_id, survey_id, _audience, _day) in enumerate(responses):
        for question, required, values in columns:
            if values is None:
                if i % 20 == 0:
                    text = f"Written answer {i}: the taxi was late twice this term."
                    # Moderated in bulk: comment_moderate would add 5,000 evidence entries.
                    comments.append((response_id, survey_id, question.pk, text,
                                     approved if i % 100 else pending,
                                     text if i % 100 else "", "", None, None))
                continue
            if not required and rng.random() < 0.12:
                continue  # skipped, as people do
            value = values[i]
            if isinstance(value, list):
                answers.extend((response_id, survey_id, question.pk, None, v) for v in value)
            elif isinstance(value, int):
                answers.append((response_id, survey_id, question.pk, value, ""))
            else:
                answers.append((response_id, survey_id, question.pk, None, value))
    return responses, answers, comments


RESPONSE_COLUMNS = ("id", "survey_id", "audience", "submitted_on")
ANSWER_COLUMNS = ("response_id", "survey_id", "question_id", "value_int", "value_text")
COMMENT_COLUMNS = ("response_id", "survey_id", "question_id", "text", "moderation",
                   "public_text", "moderation_reason", "moderated_by_id", "moderated_at")


def _insert_postgresql(responses, answers, comments) -> None:
    """COPY: several times faster than INSERTs for a million rows."""
    from django.db import connection

    from surveys.models import SurveyAnswer, SurveyComment, SurveyResponse

    with connection.cursor() as cursor:
        for model, columns, rows in ((SurveyResponse, RESPONSE_COLUMNS, responses),
                                     (SurveyAnswer, ANSWER_COLUMNS, answers),
                                     (SurveyComment, COMMENT_COLUMNS, comments)):
            table = model._meta.db_table
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        table = SurveyResponse._meta.db_table
        # The ids were given explicitly: move the sequence past them.
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - a model's table
                       f"(SELECT MAX(id) FROM {table}))")
        for model in (SurveyResponse, SurveyAnswer, SurveyComment):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def _insert_bulk(responses, answers, comments) -> None:
    from surveys.models import SurveyAnswer, SurveyComment, SurveyResponse

    for model, columns, rows in ((SurveyResponse, RESPONSE_COLUMNS, responses),
                                 (SurveyAnswer, ANSWER_COLUMNS, answers),
                                 (SurveyComment, COMMENT_COLUMNS, comments)):
        for start in range(0, len(rows), BATCH):
            model.objects.bulk_create([model(**dict(zip(columns, row, strict=True)))
                                       for row in rows[start:start + BATCH]])


def prepare(wanted: int) -> dict:
    from django.db import connection, transaction
    from django.db.models import Max
    from django.urls import reverse

    from surveys.models import SurveyAnswer, SurveyComment, SurveyResponse

    survey = _survey()
    have = survey.responses.count()
    started = time.perf_counter()
    if wanted > have:
        first_id = (SurveyResponse.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        responses, answers, comments = _rows(survey, first_id, wanted - have)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                _insert_postgresql(responses, answers, comments)
            else:
                _insert_bulk(responses, answers, comments)
    return {
        "page_id": survey.pk,
        "results_url": survey.url + survey.reverse_subpage("results"),
        "csv_url": survey.url + survey.reverse_subpage("results_csv"),
        "admin_csv_url": reverse("surveys_responses_csv", args=[survey.pk]),
        "responses": survey.responses.count(),
        "answers": SurveyAnswer.objects.filter(survey=survey).count(),
        "comments": SurveyComment.objects.filter(survey=survey).count(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _export(client, url: str) -> dict:
    """Press Export at ``url`` (the file is written in-process when the bench runs without a
    broker) and download the file; as ``_stream`` for the whole of it."""
    from django.urls import resolve, reverse

    def download_url():
        started = client.post(url)
        if started.status_code != 302:
            return None
        job_id = resolve(started["Location"]).kwargs["job_id"]
        return reverse("exports_download", args=[job_id])

    import tracemalloc

    started = time.perf_counter()
    found = download_url()
    result = _stream(client, found) if found else {"status": "not started"}
    result["seconds"] = round(time.perf_counter() - started, 2)
    tracemalloc.start()
    download_url()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result["write_peak_mb"] = round(peak / 1e6, 1)
    return result


def _stream(client, url: str) -> dict:
    """Fetch ``url`` and read it whole: seconds, megabytes, and peak Python memory (a second
    fetch under tracemalloc, which slows allocation-heavy code too much to time it)."""
    import tracemalloc

    def fetch():
        response = client.get(url)
        if response.status_code != 200:
            return response.status_code, 0
        size = 0
        if response.streaming:
            for chunk in response.streaming_content:
                size += len(chunk)
        else:
            size = len(response.content)
        return 200, size

    started = time.perf_counter()
    status, size = fetch()
    seconds = time.perf_counter() - started
    if status != 200:
        return {"status": status}
    tracemalloc.start()
    fetch()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"status": 200, "seconds": round(seconds, 2), "mb": round(size / 1e6, 1),
            "peak_mb": round(peak / 1e6, 1)}


def measure() -> dict:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    prepared = prepare(0)
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    url = prepared["results_url"]
    first = client.get(url)  # imports and templates warm, as in a running server
    page = {"status": first.status_code}
    if first.status_code == 200:
        timings = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                timings.append(time.perf_counter() - started)
        page.update(queries=len(queries.captured_queries),
                    seconds=round(sorted(timings)[1], 3))
    public_csv = _stream(client, prepared["csv_url"])
    officer = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    officer.force_login(User.objects.get(username="officer"))
    admin_csv = _export(officer, prepared["admin_csv_url"])
    return {"page": page, "public_csv": public_csv, "admin_csv": admin_csv,
            "responses": prepared["responses"], "answers": prepared["answers"]}


def main() -> None:
    sys.path.insert(0, os.getcwd())
    django.setup()
    command = sys.argv[1]
    if command == "prepare":
        print(json.dumps(prepare(int(sys.argv[2]))))
    elif command == "measure":
        print(json.dumps(measure()))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main()
