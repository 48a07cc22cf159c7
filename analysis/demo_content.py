"""The demo consultation's written answers and coding frame, loaded by the demo loader
(``portal/demo/loader.py``) through the same services the officers' screens use.

The 309 hand-coded demo answers (``analysis.demo``) become responses to "Walking distances
for children under 8" (paper, phone and e-mail ones keyed in by the demo officer, each
logged by its fingerprint as a real response is), the ten themes its frame, and the first
200 answers' hand codes the officer's confirmed codes (and the invented agreements to be
quoted, about four in five, as ``QuoteConsent``), so the coding screen opens with 109
answers still to code. Suggested codes for those are made as the officer's button would
(on this machine, a second or two).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from analysis import demo, selectors, services, suggest
from analysis.checks import configured_method
from analysis.models import CodingFrame, QuoteConsent, Theme
from charter.models import EvidenceEntry
from charter.record import response_fingerprint
from charter.services import evidence_append
from consultations.blocks import AGREE_SCALE
from consultations.models import ConsultationPage, ConsultationResponse

DEMO_SLUG = "walking-distances-under-8"
CODED_IN_DEMO = 200
#: Where each channel's respondent said their words may be quoted (the demo invents it).
CONSENT_GIVEN = {"online": "Ticked on the online form", "paper": "Ticked on the paper form",
                 "phone": "Said yes on the phone", "email": "Said yes in their e-mail"}


def _agreement(themes: tuple[str, ...], n: int) -> str:
    if "welcome-change" in themes:
        return AGREE_SCALE[n % 2]
    if "against-change" in themes:
        return AGREE_SCALE[3 + n % 2]
    return AGREE_SCALE[2 + n % 2]


@transaction.atomic
def load(*, officer, log=print) -> CodingFrame | None:
    """Load the demo answers, frame and codes once; None when the demo consultation is
    missing or already has its frame."""
    consultation = ConsultationPage.objects.filter(slug=DEMO_SLUG).first()
    if consultation is None:
        return None
    kinds = {b.block_type: b.id for b in consultation.questions}
    question = kinds["free_text"]
    if CodingFrame.objects.filter(consultation=consultation, question_id=question).exists():
        return None
    answers = demo.answers()
    online = ConsultationResponse.Channel.ONLINE
    responses = ConsultationResponse.objects.bulk_create([
        ConsultationResponse(
            consultation=consultation, respondent_type=a.respondent_type, channel=a.channel,
            entered_by=None if a.channel == online else officer,
            answers={kinds["agree_scale"]: _agreement(a.themes, n), question: a.text})
        for n, a in enumerate(answers)])
    for response in responses:
        evidence_append(kind=EvidenceEntry.Kind.RESPONSE_RECEIVED,
                        subject=f"page:{consultation.pk}", page=consultation,
                        affects_public_pages=False,
                        payload={"consultation": consultation.pk, "response": response_fingerprint(
                            reference=response.reference, answers=response.answers)})
    now = timezone.now()
    QuoteConsent.objects.bulk_create([
        QuoteConsent(response=response, how=CONSENT_GIVEN[answer.channel], recorded_by=officer,
                     recorded_at=now)
        for response, answer in zip(responses, answers, strict=True) if answer.quote_consent])
    frame = services.frame_start(consultation=consultation, question_id=question, user=officer)
    themes = {t.code: t for t in Theme.objects.bulk_create([
        Theme(frame=frame, code=t.code, name=t.name, description=t.description, sort_order=i)
        for i, t in enumerate(demo.frame())])}
    by_theme: dict[str, list[ConsultationResponse]] = {}
    for response, answer in zip(responses[:CODED_IN_DEMO], answers, strict=False):
        for code in answer.themes:
            by_theme.setdefault(code, []).append(response)
    for code, coded in by_theme.items():
        services.answers_code(frame=frame, responses=coded, theme=themes[code], user=officer)
    method = configured_method()
    made = suggest.suggest_codes(selectors.written_answers(frame),
                                 selectors.confirmed_by_answer(frame), list(themes),
                                 method=method)
    stored = services.store_suggestions(frame=frame, suggestions=made, method=method)
    log(f"Written answers: {len(responses)} loaded, {CODED_IN_DEMO} coded, "
        f"{stored} suggested codes waiting.")
    return frame
