"""Theme names and descriptions are shown in public (the survey's results, a consultation's
findings page, the evidence log): a count under the minimum in them is caught as in the
write-up's own words."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from analysis import writeup_services
from analysis.models import CodingFrame, Theme
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
