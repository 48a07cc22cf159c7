"""The demo consultation's written answers and coding frame, loaded by the demo loader
(``portal/demo/loader.py``) through the same services the officers' screens use.

The 309 hand-coded demo answers (``analysis.demo``) become responses to "Walking distances
for children under 8" (paper, phone and e-mail ones keyed in by the demo officer, each
logged by its fingerprint as a real response is), the ten themes its frame, and the first
200 answers' hand codes the officer's confirmed codes (and the invented agreements to be
quoted, about four in five, as ``QuoteConsent``), so the coding screen opens with 109
answers still to code. Suggested codes for those are made as the officer's button would
(on this machine, a second or two).

The demo surveys' written comments ("One thing to improve", ``surveys/demo.py``) are coded
to the end (``load_survey_comments``): each survey's frame has the ten themes of
``analysis/demo/survey_frame.json``, sent to the forum and agreed by its representative,
and every comment carries its hand codes, so the officer finds a finished analysis. A
survey whose results are published (2023 to 2025) has its "What people told us" agreed with
the forum, as the rule asks of results with a frame; this year's (results not published) has
its write-up in progress, a draft.

The earlier consultation on the same policy ("How far young children walk to school: your
first views", ``consultations/demo.py``) is the finished example for consultations
(``load_finished``): every other hand-coded answer (155) as its responses, every one coded
to its hand codes in a frame the forum agreed, its "What people told us" written, sent and
agreed, and its outcome published through the forum's review, naming the policy version it
changed (the travel policy's version 2, whose compare view then shows each finding with its
theme).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from analysis import demo, selectors, services, suggest
from analysis.checks import configured_method
from analysis.models import CodingFrame, QuoteConsent, Theme, ThemeExample, WriteUp
from analysis.writeup_services import (
    frame_agree,
    frame_send,
    write_up_agree,
    write_up_generate,
    write_up_send,
)
from charter.coproduction import coproduction_workflow
from charter.models import EvidenceEntry, ForumReviewTaskState, PageVersion
from charter.record import response_fingerprint
from charter.services import evidence_append, review_decide
from consultations.blocks import AGREE_SCALE
from consultations.demo import EARLIER_SLUG
from consultations.models import ConsultationPage, ConsultationResponse
from surveys.models import SurveyComment, SurveyPage, SurveyQuestion

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
    responses = _responses(consultation, answers, officer=officer)
    frame = services.frame_start(consultation=consultation, question_id=question, user=officer)
    themes = _themes(frame)
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


def _responses(consultation: ConsultationPage, answers, *, officer
               ) -> list[ConsultationResponse]:
    """``answers`` (hand-coded demo answers) as responses to ``consultation``'s agreement and
    written questions (paper, phone and e-mail ones keyed in by ``officer``), each logged by
    its fingerprint as a real response is, with the quote agreements they invent."""
    kinds = {b.block_type: b.id for b in consultation.questions}
    online = ConsultationResponse.Channel.ONLINE
    responses = ConsultationResponse.objects.bulk_create([
        ConsultationResponse(
            consultation=consultation, respondent_type=a.respondent_type, channel=a.channel,
            entered_by=None if a.channel == online else officer,
            answers={kinds["agree_scale"]: _agreement(a.themes, n), kinds["free_text"]: a.text})
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
    return responses


def _themes(frame: CodingFrame) -> dict[str, Theme]:
    """The demo frame's ten themes in ``frame``, by code."""
    return {t.code: t for t in Theme.objects.bulk_create([
        Theme(frame=frame, code=t.code, name=t.name, description=t.description, sort_order=i)
        for i, t in enumerate(demo.frame())])}


def finished_answers() -> tuple[demo.DemoAnswer, ...]:
    """The hand-coded answers the earlier (finished) demo consultation received: every other
    one (155 of 309, in English, Polish and Arabic alike), so its findings quote some of
    each."""
    return demo.answers()[::2]


#: What the council decided after the earlier consultation ("You said, we did").
FINISHED_OUTCOME = (
    "You said: many of you want a shorter walk for children under 8. Many told us that a "
    "child's needs matter more than the miles. We did: our travel policy now says we look at "
    "each child. Your child does not need a plan to ask for help. This is version 2 of the "
    "policy. A new distance would change the rules. So we are asking about it now, in "
    "\u201cWalking distances for children under 8\u201d.")


@transaction.atomic
def load_finished(*, officer, forum_rep, log=print) -> WriteUp | None:
    """The finished example: the earlier consultation's answers (``finished_answers``), a
    frame of the demo's themes sent to the forum by ``officer`` and agreed by ``forum_rep``,
    every answer coded to its hand codes, the "What people told us" written, sent and agreed,
    and the outcome published through the forum's review with the travel policy's version 2
    as the version it changed, each step by the services the officers' screens use (so each
    is in the evidence log). Once: None when the earlier consultation is missing or already
    has its frame, or the policy has no version 2."""
    consultation = ConsultationPage.objects.filter(slug=EARLIER_SLUG).first()
    if consultation is None:
        return None
    question = next(b.id for b in consultation.questions if b.block_type == "free_text")
    if CodingFrame.objects.filter(consultation=consultation, question_id=question).exists():
        return None
    version = PageVersion.objects.filter(page_id=consultation.policy_id, number=2).first()
    if version is None:
        return None
    answers = finished_answers()
    responses = _responses(consultation, answers, officer=officer)
    # Answers came in while it was open, not when the demo was loaded.
    ConsultationResponse.objects.filter(pk__in=[r.pk for r in responses]).update(
        submitted_at=consultation.opens + (consultation.closes - consultation.opens) / 2)
    frame = services.frame_start(consultation=consultation, question_id=question, user=officer)
    themes = _themes(frame)
    frame_send(frame=frame, user=officer)
    frame_agree(frame=frame, user=forum_rep)
    by_theme: dict[str, list[ConsultationResponse]] = {}
    for response, answer in zip(responses, answers, strict=True):
        for code in answer.themes:
            by_theme.setdefault(code, []).append(response)
    for code, coded in by_theme.items():
        services.answers_code(frame=frame, responses=coded, theme=themes[code], user=officer)
    services.coding_sessions_close(frame=frame)
    write_up = write_up_generate(consultation=consultation, user=officer)
    write_up_send(write_up=write_up, user=officer)
    write_up = write_up_agree(write_up=write_up, user=forum_rep)
    most = [f.theme.name for f in write_up.findings.select_related("theme")[:3]]
    draft = consultation.get_latest_revision_as_object()
    draft.analysis = (f"We read all {len(responses)} written answers. We gave each one the "
                      f"themes it raised. The forum agreed the themes and what we wrote. "
                      f"Raised most: {', '.join(most[:-1])} and {most[-1]}.")
    draft.outcome = FINISHED_OUTCOME
    draft.outcome_version = version
    draft.change_note = "Added what people told us and the outcome."
    draft.save_revision(user=officer)
    coproduction_workflow().start(draft, officer)
    review_decide(review=draft.current_workflow_task_state.specific, user=forum_rep,
                  decision=ForumReviewTaskState.Decision.AGREED)
    log(f"Earlier consultation: {len(responses)} answers, every one coded; the forum agreed "
        f"the frame and \u201cWhat people told us\u201d; outcome published.")
    return write_up


@transaction.atomic
def load_survey_comments(*, officer, forum_rep, log=print) -> list[CodingFrame]:
    """Code every demo survey's written comments, once: for each survey (oldest first) with
    comments to the bank's "One thing to improve" and no frame for it yet, a frame of the
    demo's themes (each with its example), sent to the forum by ``officer`` and agreed by
    ``forum_rep``, then every comment coded to its hand codes (``demo.survey_codes``) by the
    officer, that coding session summed up in the evidence log. A comment the hand codes do
    not name (typed by someone trying the demo) is left for an officer to code. Returns the
    frames made."""
    question = SurveyQuestion.objects.filter(short_name=demo.survey_question(),
                                             retired=False).first()
    if question is None:
        return []
    codes = demo.survey_codes()
    made, coded, left = [], 0, 0
    surveys = (SurveyPage.objects.filter(locale=Locale.get_default(),
                                         placements__question=question)
               .distinct().order_by("year", "pk"))
    for survey in surveys:
        if CodingFrame.objects.filter(survey=survey, question_id=str(question.pk)).exists():
            continue
        comments = [c for c in SurveyComment.objects.filter(survey=survey, question=question)
                    .select_related("response").order_by("pk") if c.text.strip()]
        if not comments:
            continue
        by_theme: dict[str, list[SurveyComment]] = {}
        mine = [c for c in codes if c.year == survey.year]
        for comment in comments:
            found = next((c for c in mine if comment.text.startswith(c.starts)), None)
            if found is None:
                left += 1
                continue
            coded += 1
            for code in found.themes:
                by_theme.setdefault(code, []).append(comment)
        frame = services.survey_frame_start(survey=survey, question_id=str(question.pk),
                                            user=officer)
        themes = {t.code: t for t in Theme.objects.bulk_create([
            Theme(frame=frame, code=t.code, name=t.name, description=t.description,
                  sort_order=i) for i, t in enumerate(demo.survey_frame())])}
        ThemeExample.objects.bulk_create([
            ThemeExample(theme=themes[t.code], text=t.example) for t in demo.survey_frame()])
        frame_send(frame=frame, user=officer)
        frame_agree(frame=frame, user=forum_rep)
        for code, chosen in by_theme.items():
            services.comments_code(frame=frame, comments=chosen, theme=themes[code],
                                   user=officer)
        services.coding_sessions_close(frame=frame)
        _write_up(survey, officer=officer, forum_rep=forum_rep)
        made.append(frame)
    if made:
        log(f"Survey comments: {len(made)} frame(s) agreed with the forum, {coded} comments "
            f"coded{f', {left} left to code' if left else ''}; published results have their "
            f"\u201cWhat people told us\u201d agreed with the forum.")
    return made


def _write_up(survey: SurveyPage, *, officer, forum_rep) -> None:
    """The survey's "What people told us", as the rule asks: results already published (a
    past year's) have theirs written from the confirmed themes by ``officer``, sent to the
    forum and agreed by ``forum_rep`` (each step in the evidence log); a survey whose results
    are not published yet (this year's) shows a write-up in progress, a draft."""
    write_up = write_up_generate(survey=survey, user=officer)
    if not survey.results_published:
        return
    write_up_send(write_up=write_up, user=officer)
    write_up_agree(write_up=write_up, user=forum_rep)
