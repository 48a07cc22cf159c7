from .invitations import SurveyInvitation
from .pages import (
    Audience,
    SurveyAction,
    SurveyAudience,
    SurveyIndexPage,
    SurveyPage,
    SurveyPlacement,
    SurveyStatus,
)
from .questions import SurveyQuestion
from .responses import SurveyAnswer, SurveyComment, SurveyResponse, SurveyResponseCount
from .settings import SurveySettings

__all__ = [
    "Audience",
    "SurveyAction",
    "SurveyAnswer",
    "SurveyAudience",
    "SurveyComment",
    "SurveyIndexPage",
    "SurveyInvitation",
    "SurveyPage",
    "SurveyPlacement",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyResponseCount",
    "SurveySettings",
    "SurveyStatus",
]
