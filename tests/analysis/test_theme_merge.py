"""Merging a theme into another moves its answers' codes (once each), and a theme with coded
answers cannot be deleted, only merged: both kept on record (who, when, into which) and
summed up in the evidence log, from the officers' Themes page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from analysis import demo, selectors, services
from analysis.models import Coding, Theme
from charter.models import EvidenceEntry
from consultations.models import ConsultationResponse
from tests.analysis.conftest import free_text_id

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("term_day")]


@pytest.fixture
def responses(consultation):
    question = free_text_id(consultation)
    return ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=consultation, respondent_type=a.respondent_type,
                             reference=f"M{n:07d}", answers={question: a.text})
        for n, a in enumerate(demo.answers()[:8])])


def _theme(frame, code) -> Theme:
    return frame.themes.get(code=code)


def _current(theme) -> set[str]:
    return set(Coding.objects.filter(theme=theme, removed_at__isnull=True)
               .values_list("response__reference", flat=True))


def _themes_url(frame):
    return reverse("analysis_themes", args=[frame.consultation_id, frame.question_id])


@pytest.fixture
def coded(frame, responses, officer):
    """Answers 0-3 coded to "still too far", 2-5 to "cost and fairness" (2 and 3 both)."""
    far, cost = _theme(frame, "still-too-far"), _theme(frame, "cost-fairness")
    services.answers_code(frame=frame, responses=responses[:4], theme=far, user=officer)
    services.answers_code(frame=frame, responses=responses[2:6], theme=cost, user=officer)
    return far, cost


def test_merging_moves_the_codes_once_and_keeps_the_record(frame, responses, officer, coded):
    far, cost = coded
    before = _current(far) | _current(cost)
    moved = services.theme_merge(theme=far, into=cost, user=officer)
    assert moved == 2  # answers 2 and 3 already had "cost and fairness"
    assert _current(cost) == before
    assert Coding.objects.filter(theme=cost, removed_at__isnull=True).count() == 6
    assert not _current(far)
    assert Coding.objects.filter(theme=far, removed_by=officer).count() == 4
    kept = Theme.all_objects.get(pk=far.pk)
    assert kept.merged_into == cost and kept.retired_by == officer and kept.retired_at
    assert far.pk not in set(frame.themes.values_list("pk", flat=True))
    services.coding_sessions_close()
    [entry] = [selectors.session_logged(e) for e in
               EvidenceEntry.objects.filter(kind=services.CODING_KIND)]
    assert entry["actions"]["theme_merged"] == {"decisions": 1, "answers": 4}


def test_a_theme_with_coded_answers_is_not_deleted(frame, officer, coded):
    far, _cost = coded
    with pytest.raises(ValidationError, match="merge it into another theme"):
        services.theme_delete(theme=far, user=officer)
    assert frame.themes.filter(pk=far.pk).exists()


def test_a_theme_without_codes_is_deleted_and_kept_on_record(frame, officer, coded):
    spare = _theme(frame, "information-process")
    services.theme_delete(theme=spare, user=officer)
    assert not frame.themes.filter(pk=spare.pk).exists()
    kept = Theme.all_objects.get(pk=spare.pk)
    assert kept.retired_by == officer and kept.merged_into is None
    # Its code stays taken: a new theme of the same name gets another.
    again = services.theme_add(frame=frame, name=spare.name, user=officer)
    assert again.code != spare.code


def test_a_frame_with_the_forum_keeps_its_themes(frame, officer, coded):
    far, cost = coded
    frame.status = frame.Status.WITH_FORUM
    frame.save()
    with pytest.raises(ValidationError, match="Take the frame back"):
        services.theme_merge(theme=far, into=cost, user=officer)
    assert _current(far)


def test_only_officers_merge_or_delete(frame, forum_rep, coded):
    far, cost = coded
    with pytest.raises(PermissionDenied):
        services.theme_merge(theme=far, into=cost, user=forum_rep)
    with pytest.raises(PermissionDenied):
        services.theme_delete(theme=_theme(frame, "information-process"), user=forum_rep)


def test_the_themes_page_merges_and_refuses_to_delete(client, login_as, frame, coded):
    far, cost = coded
    login_as("officer")
    refused = client.post(_themes_url(frame), {"action": "delete_theme",
                                               "from_theme": cost.pk})
    assert refused.status_code == 400
    assert "merge it into another theme" in refused.content.decode()
    done = client.post(_themes_url(frame), {"action": "merge_theme", "from_theme": far.pk,
                                            "theme": cost.pk}, follow=True)
    html = done.content.decode()
    assert "2 answer(s) moved" in html
    assert "merged into ‘Cost and fairness’ by officer" in html


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member"])
def test_others_cannot_merge_from_the_themes_page(client, login_as, frame, coded, role):
    far, cost = coded
    login_as(role)
    response = client.post(_themes_url(frame), {"action": "merge_theme",
                                                "from_theme": far.pk, "theme": cost.pk})
    assert response.status_code in (302, 403)
    assert _current(far)
