"""What a coding frame codes: a consultation frame's written answers (each the answer of one
``ConsultationResponse`` to the frame's free-text question), or a survey frame's comments
(each a ``SurveyComment`` to the frame's survey question).

The coding screen, its services and its reads are one implementation, given the one of
these two that ``coded(frame)`` returns: which field of a ``Coding``, ``SuggestedCode`` and
``Flag`` names the answer, how the screen's words and addresses differ, how an answer is
read, found from a posted key and checked to belong to the frame.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from analysis.models import CodingFrame
from analysis.suggest import guess_language
from consultations.forms import ResponseForm
from consultations.models.responses import ConsultationResponse
from surveys.models import Audience, SurveyComment, SurveyQuestion

#: The languages an answer is shown in: code -> (its name in itself, text direction).
LANGUAGES = {"en": ("English", "ltr"), "pl": ("Polski", "ltr"), "ar": ("العربية", "rtl")}


@dataclass(frozen=True)
class Written:
    """One written answer as read for the screen and the suggestions. ``pk``: the response's
    key (an int) or the comment's (a UUID); ``reference``: what the screen calls it (a
    response's reference, a comment's first eight characters); ``language``: a key of
    ``LANGUAGES``; ``channel``: "" for a survey comment (the survey keeps none)."""

    pk: object
    reference: str
    text: str
    language: str
    respondent_type: str
    channel: str


def _language(stored: str, text: str) -> str:
    """The page's language when it was kept and is one the screen knows, else read from the
    text (a consultation response keeps none)."""
    code = (stored or "")[:2]
    return code if code in LANGUAGES else guess_language(text)


class Coded:
    """What one kind of frame codes (see the module's docstring). ``field``: the foreign key
    naming the answer on ``Coding``, ``SuggestedCode`` and ``Flag``; ``one`` and ``many``:
    what the screens call an answer; ``url_prefix``: the screens' URL names begin with it
    (``<prefix>code``, ``themes``, ``suggest``, ``run``); ``related``: what to
    ``select_related`` from a row naming the answer for ``written_one`` to read it."""

    field: str
    related: str
    one: str
    many: str
    url_prefix: str
    respondent_label: str
    has_channel: bool

    @property
    def key(self) -> str:
        return f"{self.field}_id"

    def owner(self, frame: CodingFrame):
        """The consultation or survey page the frame belongs to."""
        raise NotImplementedError

    def url_args(self, frame: CodingFrame) -> tuple:
        """The screens' URL arguments: (owner page's key, question id)."""
        raise NotImplementedError

    def respondent_labels(self) -> dict[str, str]:
        """Respondent type -> the words the screen shows for it."""
        raise NotImplementedError

    def questions(self, frame: CodingFrame) -> dict[str, str]:
        """The owner's frames: question id -> the question's words, in the owner's order
        (for the question filter; the frame's own among them). One or two queries."""
        raise NotImplementedError

    def written(self, frame: CodingFrame) -> list[Written]:
        """Every non-empty written answer of the frame, in the order the screen lists them.
        One query."""
        raise NotImplementedError

    def written_one(self, frame: CodingFrame, answer) -> Written:
        """One answer (as ``find`` gives it) read as ``written`` reads it. No query."""
        raise NotImplementedError

    def find(self, frame: CodingFrame, keys) -> list:
        """The frame's answers among ``keys`` (posted strings; ones that are not keys are
        ignored). One query."""
        raise NotImplementedError

    def texts(self, frame: CodingFrame, keys) -> dict[str, str]:
        """str(key) -> the answer's words, for the answers among ``keys``. One query."""
        raise NotImplementedError

    def check(self, frame: CodingFrame, answers) -> None:
        """Raise ``ValidationError`` unless each of ``answers`` is a non-empty written
        answer to the frame's question."""
        raise NotImplementedError

    def text(self, frame: CodingFrame, answer) -> str:
        raise NotImplementedError

    def log_reference(self, answer) -> str:
        """What names the answer in the evidence log's hash of a decision."""
        raise NotImplementedError


class ResponseAnswers(Coded):
    """A consultation frame's answers: ``ConsultationResponse.answers[question_id]``."""

    field, one, many = "response", "answer", "answers"
    related = "response"
    url_prefix = "analysis_"
    respondent_label = "Respondent"
    has_channel = True

    def owner(self, frame):
        return frame.consultation

    def url_args(self, frame):
        return (frame.consultation_id, frame.question_id)

    def respondent_labels(self):
        return {k: str(v) for k, v in ResponseForm.RESPONDENT_TYPES}

    def questions(self, frame):
        framed = set(CodingFrame.objects.filter(consultation_id=frame.consultation_id)
                     .values_list("question_id", flat=True))
        return {b.id: b.value["question"] for b in frame.consultation.questions
                if b.id in framed}

    def _read(self, frame, pk, reference, answers, kind, channel) -> Written | None:
        text = answers.get(frame.question_id)
        if not isinstance(text, str) or not text.strip():
            return None
        return Written(pk, reference, text, guess_language(text), kind, channel)

    def written(self, frame):
        rows = (ConsultationResponse.objects.filter(consultation_id=frame.consultation_id)
                .order_by("submitted_at", "pk")
                .values_list("pk", "reference", "answers", "respondent_type", "channel"))
        return [w for w in (self._read(frame, *row) for row in rows) if w is not None]

    def written_one(self, frame, answer):
        return self._read(frame, answer.pk, answer.reference, answer.answers,
                          answer.respondent_type, answer.channel)

    def find(self, frame, keys):
        wanted = [int(k) for k in keys if str(k).isdigit()]
        return list(ConsultationResponse.objects.filter(
            pk__in=wanted, consultation_id=frame.consultation_id))

    def texts(self, frame, keys):
        wanted = [int(k) for k in keys if str(k).isdigit()]
        return {str(pk): answers.get(frame.question_id) or "" for pk, answers in
                ConsultationResponse.objects.filter(pk__in=wanted)
                .values_list("pk", "answers")}

    def check(self, frame, answers):
        for response in answers:
            if response.consultation_id != frame.consultation_id:
                raise ValidationError("This response is not to the frame's consultation.")
            text = response.answers.get(frame.question_id)
            if not isinstance(text, str) or not text.strip():
                raise ValidationError("This response has no written answer to the frame's "
                                      "question.")

    def text(self, frame, answer):
        return answer.answers.get(frame.question_id) or ""

    def log_reference(self, answer):
        return answer.reference


def _uuids(keys) -> list[uuid.UUID]:
    found = []
    for key in keys:
        try:
            found.append(uuid.UUID(str(key)))
        except ValueError:
            continue
    return found


class SurveyComments(Coded):
    """A survey frame's answers: the ``SurveyComment``s to its question (``question_id``:
    the ``SurveyQuestion``'s key), typed by their response's audience."""

    field, one, many = "comment", "comment", "comments"
    related = "comment__response"
    url_prefix = "analysis_survey_"
    respondent_label = "Audience"
    has_channel = False

    def owner(self, frame):
        return frame.survey

    def url_args(self, frame):
        return (frame.survey_id, frame.question_id)

    def respondent_labels(self):
        return {k: str(v) for k, v in Audience.choices}

    def questions(self, frame):
        framed = list(CodingFrame.objects.filter(survey_id=frame.survey_id)
                      .order_by("pk").values_list("question_id", flat=True))
        words = dict(SurveyQuestion.objects.filter(pk__in=[q for q in framed if q.isdigit()])
                     .values_list("pk", "wording"))
        return {q: words.get(int(q), q) if q.isdigit() else q for q in framed}

    def _read(self, pk, text, language, audience) -> Written | None:
        if not text.strip():
            return None
        return Written(pk, str(pk)[:8], text, _language(language, text), audience, "")

    def written(self, frame):
        rows = (SurveyComment.objects.filter(survey_id=frame.survey_id,
                                             question_id=frame.question_id)
                .order_by("pk").values_list("pk", "text", "language", "response__audience"))
        return [w for w in (self._read(*row) for row in rows) if w is not None]

    def written_one(self, frame, answer):
        return self._read(answer.pk, answer.text, answer.language, answer.response.audience)

    def find(self, frame, keys):
        return list(SurveyComment.objects.filter(
            pk__in=_uuids(keys), survey_id=frame.survey_id, question_id=frame.question_id)
            .select_related("response"))

    def texts(self, frame, keys):
        return {str(pk): text for pk, text in SurveyComment.objects.filter(
            pk__in=_uuids(keys)).values_list("pk", "text")}

    def check(self, frame, answers):
        for comment in answers:
            if (frame.survey_id is None or comment.survey_id != frame.survey_id
                    or str(comment.question_id) != frame.question_id):
                raise ValidationError("This comment is not an answer to the frame's question.")
            if not comment.text.strip():
                raise ValidationError("This comment is empty.")

    def text(self, frame, answer):
        return answer.text

    def log_reference(self, answer):
        return str(answer.pk)


RESPONSES, COMMENTS = ResponseAnswers(), SurveyComments()


def coded(frame: CodingFrame) -> Coded:
    """What ``frame`` codes: a survey's comments for a survey frame, else a consultation's
    responses."""
    return COMMENTS if frame.survey_id else RESPONSES
