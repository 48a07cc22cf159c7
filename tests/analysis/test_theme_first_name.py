"""A theme's first name never reaches the public: an officer may name a theme after a family
("Amira Khan at Oakfield Primary") and rename it before the forum sees it. The code the
theme is known by is a number, not its words; the public evidence log names themes by key
(their names beside the entries, hashed); the public findings page and the compare view
link to a theme by its key."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis import demo, services, writeup_services
from analysis.models import CodingFrame, QuoteConsent
from consultations.models import ConsultationResponse
from tests.analysis.test_write_up_outcome import _publish_outcome, closed  # noqa: F401

pytestmark = pytest.mark.django_db

FIRST_NAME = "Amira Khan at Oakfield Primary"  # a small number is refused at once
FIRST_DESCRIPTION = "Mrs Khan's son Adam was left at the stop."
TRACES = ("amira", "khan", "oakfield", "adam")


def _public_log(client) -> str:
    client.logout()
    response = client.get(reverse("record_download"))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def _no_trace(text: str) -> None:
    lowered = text.lower()
    for word in TRACES:
        assert word not in lowered, word


def test_a_new_themes_code_is_a_number_never_its_words(closed, officer):  # noqa: F811
    question = next(b.id for b in closed.questions if b.block_type == "free_text")
    frame = CodingFrame.objects.create(consultation=closed, question_id=question)
    first = services.theme_add(frame=frame, name=FIRST_NAME, user=officer)
    second = writeup_services.theme_save(frame=frame, user=officer, name="Amira Khan again",
                                         description="", examples=[])
    assert (first.code, second.code) == ("t1", "t2")
    services.theme_delete(theme=first, user=officer)
    third = services.theme_add(frame=frame, name="Adam Nowak", user=officer)
    assert third.code == "t3"  # a deleted theme's code is never given again


def test_a_renamed_themes_first_name_is_on_no_public_page_nor_in_the_public_record(
        client, closed, officer, forum_rep, tree):  # noqa: F811
    question = next(b.id for b in closed.questions if b.block_type == "free_text")
    frame = CodingFrame.objects.create(consultation=closed, question_id=question)
    for t in demo.frame()[:3]:
        writeup_services.theme_save(frame=frame, user=officer, name=t.name,
                                    description=t.description, examples=[])
    answers = demo.answers()[:40]
    responses = ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=closed, respondent_type=a.respondent_type,
                             reference=f"Q{n:07d}", answers={question: a.text})
        for n, a in enumerate(answers)])
    QuoteConsent.objects.bulk_create([QuoteConsent(response=r, how="form", recorded_by=officer,
                                                   recorded_at=timezone.now())
                                      for r in responses])
    named = writeup_services.theme_save(frame=frame, user=officer, name=FIRST_NAME,
                                        description=FIRST_DESCRIPTION, examples=[])
    for theme, chosen in zip(frame.themes.all(), (responses[:12], responses[12:24],
                                                  responses[24:36], responses[28:40]),
                             strict=True):
        services.answers_code(frame=frame, responses=chosen, theme=theme, user=officer)
    writeup_services.theme_save(frame=frame, user=officer, theme=named,
                                name="Left at the stop", description="Left waiting.",
                                examples=[])
    writeup_services.frame_send(frame=frame, user=officer)  # closes the coding session
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    write_up = writeup_services.write_up_generate(consultation=closed, user=officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    writeup_services.write_up_agree(write_up=write_up, user=forum_rep)
    _publish_outcome(closed, officer, forum_rep, tree)

    log = _public_log(client)
    _no_trace(log)
    sent = next(json.loads(line) for line in log.splitlines()
                if '"coding_frame_sent"' in line)
    assert {"theme": named.pk} in json.loads(sent["payload"])["themes"]
    findings_url = reverse("analysis_findings", args=[closed.pk])
    findings = client.get(findings_url).content.decode()
    assert "Left at the stop" in findings and f'id="theme-{named.pk}"' in findings
    compare = client.get(tree.policy.url + "compare/1/2/").content.decode()
    assert f'href="{findings_url}#theme-{named.pk}"' in compare
    for html in (findings, compare, client.get(closed.url).content.decode(),
                 client.get(reverse("analysis_findings", args=[closed.pk]),
                            HTTP_ACCEPT_LANGUAGE="pl").content.decode()):
        _no_trace(html)
