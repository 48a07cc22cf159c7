"""Words removed from a write-up as personal details go again when they come back in a
theme's name, description or example quotes, typed, pasted or saved from a form opened
before the removal, as they go in the draft editor: replaced by "[personal details
removed]", every other word kept, and the officer told. A form refused is shown back as
typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from analysis import services, writeup_services
from analysis.models import Theme
from analysis.writeup import REMOVED
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

NAME = "Jayden Okafor"
REASON = "It named a child whose mum asked us to take his name out."


@pytest.fixture
def removed(frame, officer, forum_rep):  # noqa: F811
    """The frame's first theme was named after a child; the forum agreed the frame, the
    draft was written, then the name was removed as personal details and the frame taken
    back to change it."""
    late = frame.themes.get(code="late")
    late.name = f"{NAME}'s late bus"
    late.save(update_fields=["name"])
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    draft = _generate(frame.survey, officer)
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=[NAME], reason=REASON,
                                             user=officer)
    assert NAME not in Theme.objects.get(pk=late.pk).name
    writeup_services.frame_take_back(frame=frame, user=officer)
    return frame


def test_a_form_opened_before_the_removal_does_not_put_the_name_back(removed, officer):
    late = removed.themes.get(code="late")
    saved = writeup_services.theme_save(
        frame=removed, user=officer, theme=late, name=f"{NAME}'s late bus",
        description=f"Answers about {NAME.upper()} and the bus.",
        examples=[f"{NAME} waits every day.", "The bus is late."])
    late.refresh_from_db()
    assert late.name == f"{REMOVED}'s late bus"
    assert late.description == f"Answers about {REMOVED} and the bus."
    assert [e.text for e in late.examples.all()] == [f"{REMOVED} waits every day.",
                                                     "The bus is late."]
    assert saved.taken_out_again == 3


def test_a_theme_added_on_the_coding_screen_loses_them_too(removed, officer):
    theme = services.theme_add(frame=removed, name=f"Taxi for {NAME}",
                               description="jayden  okafor and his taxi", user=officer)
    assert theme.name == f"Taxi for {REMOVED}"
    assert theme.description == f"{REMOVED} and his taxi"
    assert theme.taken_out_again == 2


def test_words_never_removed_are_kept_as_typed(removed, officer):
    theme = services.theme_add(frame=removed, name="Jaydenson Okafor's route",
                               description="Okafor alone is not the name.", user=officer)
    assert theme.name == "Jaydenson Okafor's route" and theme.taken_out_again == 0


def test_the_officer_is_told_and_a_refused_form_comes_back_as_typed(
        client, removed, officer):
    client.force_login(officer)
    url = reverse("analysis_frame_theme", args=[removed.pk])
    late = removed.themes.get(code="late")
    response = client.post(url, {"theme_id": late.pk, "theme-name": f"{NAME}'s late bus",
                                 "theme-description": "", "theme-examples": ""}, follow=True)
    html = response.content.decode()
    assert "were taken out again" in html
    assert NAME not in Theme.objects.get(pk=late.pk).name
    # Named as another theme once the words are out: refused, the typed words shown back.
    other = removed.themes.get(code="kind")
    typed = f"{NAME}'s late bus"
    refused = client.post(url, {"theme_id": other.pk, "theme-name": typed,
                                "theme-description": "Typed with care.",
                                "theme-examples": ""})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "already has a theme with this name" in page
    assert "Typed with care." in page
    assert Theme.objects.get(pk=other.pk).name == "Kind staff"
