"""Theme names and descriptions are shown in public (the survey's results, a consultation's
findings page, the evidence log): a count under the minimum in them is caught as in the
write-up's own words."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from analysis import services, writeup_services
from analysis.models import CodingFrame, Theme, ThemeSuggestion
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_theme_description_giving_a_small_number_is_refused_before_the_forum_sees_it(
        frame, officer):  # noqa: F811
    Theme.objects.filter(frame=frame, code="kind").update(
        description="In the north area 3 mums said the escort was kind.")
    with pytest.raises(ValidationError) as refused:
        writeup_services.frame_send(frame=frame, user=officer)
    assert "In the north area 3 mums said the escort was kind." in str(refused.value)
    assert CodingFrame.objects.get(pk=frame.pk).status == CodingFrame.Status.DRAFT


def test_a_theme_name_is_checked_when_the_write_up_is_sent(
        published, agreed_frame, officer):  # noqa: F811
    write_up = _generate(published, officer)
    Theme.objects.filter(frame=agreed_frame, code="kind").update(name="One mum's kind escort")
    with pytest.raises(ValidationError) as refused:
        writeup_services.write_up_send(write_up=write_up, user=officer)
    assert "One mum's kind escort" in str(refused.value)


# --- checked when a theme is added or renamed, with the typed words kept ----------------------

SMALL = "A mum and a dad said the escort was late"


def test_a_theme_added_with_a_small_number_is_refused_with_its_words_kept(
        client, frame, officer):  # noqa: F811
    client.force_login(officer)
    url = reverse("analysis_survey_themes", args=[frame.survey_id, frame.question_id])
    response = client.post(url, {"action": "add", "name": SMALL,
                                 "description": "Words I typed about the escort."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "a number under 10 can identify a family" in html
    assert f'value="{SMALL}"' in html and "Words I typed about the escort." in html
    assert not Theme.objects.filter(frame=frame, name=SMALL).exists()
    # Said without the number, it is added.
    response = client.post(url, {"action": "add", "name": "Escorts late in the morning"})
    assert response.status_code == 302
    assert Theme.objects.filter(frame=frame, name="Escorts late in the morning").exists()


def test_a_suggested_theme_renamed_with_a_small_number_is_refused(frame, officer):  # noqa: F811
    suggestion = ThemeSuggestion.objects.create(frame=frame, name="late bus morning",
                                                answer_ids=[], quote_ids=[], method="tfidf")
    with pytest.raises(ValidationError) as refused:
        services.theme_suggestion_accept(suggestion=suggestion, user=officer,
                                         name="Two families: late bus")
    assert "Two families: late bus" in " ".join(refused.value.message_dict["name"])
    suggestion.refresh_from_db()
    assert suggestion.status == ThemeSuggestion.Status.WAITING


def test_a_theme_renamed_on_the_frame_page_is_checked_at_once(
        client, frame, officer):  # noqa: F811
    client.force_login(officer)
    kind = Theme.objects.get(frame=frame, code="kind")
    response = client.post(reverse("analysis_frame_theme", args=[frame.pk]),
                           {"theme_id": kind.pk, "theme-name": "Kind staff",
                            "theme-description": "Mama i tata napisali, że eskorta jest miła."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "can identify a family" in html
    assert "Mama i tata napisali, że eskorta jest miła." in html  # typed words kept
    kind.refresh_from_db()
    assert kind.description == ""
    with pytest.raises(ValidationError) as refused:
        writeup_services.theme_save(frame=frame, user=officer, theme=kind,
                                    name="One grandparent's escort", description="",
                                    examples=[])
    assert "name" in refused.value.message_dict


@pytest.mark.parametrize(("language", "words"), [
    ("pl", "a liczba mniejsza niż 10 może pozwolić rozpoznać rodzinę"),
    ("ar", "وقد يكشف عدد أقل من 10 هوية عائلة")])
def test_the_explanation_is_in_the_officers_language(language, words):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        services.theme_words_check(name="Mama i tata napisali o autobusie")
    assert words in refused.value.message_dict["name"][0]


def test_a_share_of_the_published_base_is_refused_in_the_officers_words(
        published, agreed_frame, officer):  # noqa: F811
    """24 people's comments were coded, and the draft says so: a quarter of them is 6."""
    write_up = _generate(published, officer)
    assert "24 of them have been coded so far" in write_up.text
    share = "A quarter of those who wrote asked for a text the day before."
    with pytest.raises(ValidationError) as refused:
        writeup_services.write_up_edit(write_up=write_up, user=officer,
                                       text=f"{write_up.text}\n{share}", findings={})
    assert share in str(refused.value)
    # A share that pins no one passes: half of 24 is 12, leaving 12.
    writeup_services.write_up_edit(
        write_up=write_up, user=officer, findings={},
        text=f"{write_up.text}\nHalf of those who wrote asked for a text the day before.")
