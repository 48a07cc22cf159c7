# ruff: noqa: F811 - the fixtures imported from test_write_up
"""A name removed from an answer's quote also leaves the themes' example quotes that hold it
(h15z F1): an officer copied the answer into an example, the frame went to the forum (or was
agreed) and can no longer be edited, and the forum's frame page would otherwise show the
name. The officer's and the forum's frame pages, the board's page and the exports then show
the example without it; a removal made before this reached the examples is offered among
the write-up's words to pick, and the write-up's removal takes it out of them."""

from __future__ import annotations

import pytest
from django.test import TestCase
from django.urls import reverse

from analysis import writeup_selectors, writeup_services
from analysis.models import Redaction, Theme, ThemeExample
from analysis.writeup import REMOVED
from charter.models import EvidenceEntry
from consultations.models import ConsultationResponse
from tests.analysis.test_quote_removal_reason_beside_log import _quoted, _redact
from tests.analysis.test_write_up import _agree, coded  # noqa: F401 - a fixture
from tests.surveys.conftest import survey, survey_index  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("term_day")]

SENTENCE = "My daughter Zofia Kowalczyk is 5 and the bus is late."
EXAMPLE = "My daughter Zofia Kowalczyk is 5"
OTHER = "Zofii Kowalczyk nikt nie pomógł"  # the name with another ending, in Polish


def _named(frame, officer) -> ConsultationResponse:
    """A coded answer that names a child, copied into two example quotes of a theme (one in
    Polish, with another ending), and the frame agreed with the forum."""
    response_id, _first = _quoted(frame)
    response = ConsultationResponse.objects.get(pk=response_id)
    response.answers[frame.question_id] = SENTENCE
    response.save(update_fields=["answers"])
    theme = frame.themes.first()
    writeup_services.theme_save(frame=frame, user=officer, theme=theme, name=theme.name,
                                description=theme.description,
                                examples=[EXAMPLE, OTHER, "The driver is kind"])
    return response


def _pages(client, frame, officer, forum_rep, board_member) -> str:
    """What each reader of the frame gets: the officer's and the forum's frame page (in
    every language), the board's page and both exports."""
    seen = []
    for user, urls in (
            (officer, [reverse("analysis_frame", args=[frame.pk]),
                       reverse("analysis_themes_csv", args=[frame.pk])]),
            (forum_rep, [reverse("analysis_frame", args=[frame.pk]),
                         f"/pl/forum/analysis/frames/{frame.pk}/",
                         f"/ar/forum/analysis/frames/{frame.pk}/"]),
            (board_member, [reverse("analysis_board")])):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            seen.append(response.content.decode())
    client.force_login(officer)
    coded_csv = client.get(reverse("analysis_coded_csv", args=[frame.pk]))
    seen.append(b"".join(coded_csv.streaming_content).decode())
    return "\n".join(seen)


def test_removing_a_name_from_a_quote_takes_it_out_of_the_agreed_frames_examples(
        client, frame, coded, officer, forum_rep, board_member):
    response = _named(frame, officer)
    _agree(frame, officer, forum_rep)
    assert "Zofia Kowalczyk" in _pages(client, frame, officer, forum_rep, board_member)
    client.force_login(officer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert _redact(client, frame, response.pk, "Zofia Kowalczyk").status_code == 302
    texts = list(ThemeExample.objects.values_list("text", flat=True))
    assert texts == [f"My daughter {REMOVED} is 5", f"{REMOVED} nikt nie pomógł",
                     "The driver is kind"]
    seen = _pages(client, frame, officer, forum_rep, board_member)
    assert "Zofia" not in seen and "Zofii" not in seen and "Kowalczyk" not in seen
    assert "My daughter [personal details removed] is 5" in seen
    # The removal's one log entry names the examples among the fields changed, never the words.
    entry = EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.TEXT_REMOVED).last()
    assert '"theme_examples"' in entry.payload_json and "Zofia" not in entry.payload_json


def test_a_frame_still_with_the_forum_loses_the_words_too(frame, coded, officer, forum_rep):
    response = _named(frame, officer)
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.redaction_add(response=response, question_id=frame.question_id,
                                   words="Kowalczyk", reason="Names a child", user=officer)
    assert not ThemeExample.objects.filter(text__contains="Kowalczyk").exists()
    assert ThemeExample.objects.filter(text=f"My daughter Zofia {REMOVED} is 5").exists()


def test_an_older_removal_still_in_an_example_is_offered_and_goes_with_the_write_ups_removal(
        client, frame, coded, officer, forum_rep):
    response = _named(frame, officer)
    _agree(frame, officer, forum_rep)
    # As the portal stored it before: the answer's quote lost the words, the examples not.
    Redaction.objects.create(response=response, question_id=frame.question_id,
                             words="Zofia Kowalczyk", reason="Names a child",
                             redacted_by=officer, redacted_at=response.submitted_at)
    write_up = writeup_services.write_up_generate(consultation=frame.consultation, user=officer)
    assert "Zofia Kowalczyk" in writeup_selectors.flagged_phrases(write_up)
    writeup_services.write_up_phrases_remove(write_up=write_up, phrases=["Zofia Kowalczyk"],
                                             reason="Names a child", user=officer)
    assert not ThemeExample.objects.filter(text__icontains="Kowalczyk").exists()
    assert "Zofia Kowalczyk" not in writeup_selectors.flagged_phrases(write_up)
    assert Theme.objects.filter(frame=frame).exists()
