"""Prepare the benchmark's consultation and measure the export. Run inside the bench's site.

    consult.py prepare   -> JSON: the respond URL and the question field names
    consult.py count     -> JSON: responses stored
    consult.py export N  -> JSON: seconds and peak memory to export N responses as CSV
"""

import json
import os
import sys

import django


def main() -> None:
    sys.path.insert(0, os.getcwd())
    django.setup()
    from consultations.models import ConsultationPage, ConsultationResponse
    from consultations.models.settings import consultation_settings

    command = sys.argv[1]
    consultation = ConsultationPage.objects.filter(alias_of__isnull=True,
                                                   slug="bench-consultation").first()
    if command == "prepare":
        import datetime as dt

        from django.utils import timezone

        from consultations.models import ConsultationIndexPage, SchoolCalendar

        settings = consultation_settings()
        settings.responses_per_hour = 32_000  # every bench client shares one address
        settings.save()
        # Made once; a second run (make cluster-bench again) reuses it.
        if consultation is None:
            index = ConsultationIndexPage.objects.filter(alias_of__isnull=True).first()
            now = timezone.now()
            consultation = index.add_child(instance=ConsultationPage(
                title="Bench consultation", slug="bench-consultation",
                calendar=SchoolCalendar.objects.first(), summary="For the benchmark.",
                pre_opens=now - dt.timedelta(days=20), pre_closes=now - dt.timedelta(days=10),
                opens=now - dt.timedelta(days=1), closes=now + dt.timedelta(days=30),
                questions=[
                    ("agree_scale", {"question": "Agree?", "help_text": "", "required": True,
                                     "statement": "A statement."}),
                    ("free_text", {"question": "Why?", "help_text": "", "required": False,
                                   "max_length": 2000}),
                ],
                change_note="Bench."))
            consultation.save_revision().publish()
        ids = [b.id for b in consultation.questions]
        from django.urls import reverse

        print(json.dumps({"url": consultation.url + "respond/",
                          "post": reverse("consultation_respond", args=[consultation.pk]),
                          "agree": f"q_{ids[0]}", "free": f"q_{ids[1]}"}))
    elif command == "count":
        print(json.dumps({"stored": ConsultationResponse.objects.filter(
            consultation=consultation).count()}))
    elif command == "export":
        import csv
        import time
        import tracemalloc

        from consultations.selectors import export_rows

        wanted = int(sys.argv[2])
        have = ConsultationResponse.objects.filter(consultation=consultation).count()
        ids = [b.id for b in consultation.questions]
        batch = []
        for i in range(have, wanted):
            batch.append(ConsultationResponse(
                consultation=consultation, respondent_type="parent", submission_key=f"x{i}",
                answers={ids[0]: "Agree", ids[1]: f"Answer number {i}, with some words."}))
            if len(batch) == 5000:
                ConsultationResponse.objects.bulk_create(batch)
                batch = []
        ConsultationResponse.objects.bulk_create(batch)

        class Sink:
            bytes = 0

            def write(self, text):
                self.bytes += len(text)

        sink = Sink()
        writer = csv.writer(sink)
        tracemalloc.start()
        started = time.perf_counter()
        rows = 0
        for row in export_rows(consultation):
            writer.writerow(row)
            rows += 1
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        print(json.dumps({"rows": rows - 1, "seconds": round(seconds, 2),
                          "peak_mb": round(peak / 1e6, 1), "csv_mb": round(sink.bytes / 1e6, 1)}))


if __name__ == "__main__":
    main()
