from .actions import SurveyAction
from .audiences import Audience, SurveyAudience
from .invitations import SurveyInvitation, SurveyStoppedAddress, SurveyUsedCode
from .mailings import SurveyMailing
from .pages import SurveyIndexPage, SurveyPage
from .placements import SurveyPlacement
from .questions import SurveyQuestion
from .responses import (
                        SurveyAnswer,
                        SurveyComment,
                        SurveyResponse,
                        SurveyResponseCount,
                        SurveyResultsShown,
)
from .settings import SurveySettings
from .status import SurveyStatus

__all__ = [
    "Audience",
    "SurveyAction",
    "SurveyAnswer",
    "SurveyAudience",
    "SurveyComment",
    "SurveyIndexPage",
    "SurveyInvitation",
    "SurveyMailing",
    "SurveyPage",
    "SurveyPlacement",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyResponseCount",
    "SurveyResultsShown",
    "SurveySettings",
    "SurveyStatus",
    "SurveyStoppedAddress",
    "SurveyUsedCode",
]
