"""The demo site's written answers: what an officer opening the coding screen and the forum
opening the analysis find after ``make run``."""

from __future__ import annotations

import pytest

from analysis import demo
from analysis.demo_content import CODED_IN_DEMO, DEMO_SLUG
from analysis.models import Coding, CodingFrame, QuoteConsent, SuggestedCode
from consultations.models import ConsultationResponse

pytestmark = pytest.mark.usefixtures("demo")


def test_the_demo_consultation_has_its_answers_frame_codes_and_suggestions():
    frame = CodingFrame.objects.get(consultation__slug=DEMO_SLUG)
    responses = ConsultationResponse.objects.filter(consultation__slug=DEMO_SLUG)
    answers = demo.answers()
    assert responses.count() == len(answers)
    assert frame.themes.count() == len(demo.frame())
    coded = Coding.objects.filter(theme__frame=frame, removed_at__isnull=True)
    assert coded.values("response").distinct().count() == CODED_IN_DEMO
    # Suggestions wait only on answers nobody has coded yet.
    suggested = set(SuggestedCode.objects.filter(theme__frame=frame)
                    .values_list("response", flat=True))
    assert suggested and not suggested & set(coded.values_list("response", flat=True))


def test_only_the_demo_respondents_who_agreed_can_be_quoted():
    consents = QuoteConsent.objects.filter(response__consultation__slug=DEMO_SLUG)
    agreed = sum(a.quote_consent for a in demo.answers())
    assert 0 < consents.count() == agreed < len(demo.answers())
    # Each agreement says how it was given, in the channel the respondent used.
    for consent in consents.select_related("response")[:20]:
        channel = consent.response.channel
        assert {"online": "online form", "paper": "paper form", "phone": "phone",
                "email": "e-mail"}[channel] in consent.how
