from .comments import CommentAnswer, ForumComment
from .disagreements import Disagreement
from .evidence import EvidenceCheckpoint, EvidenceEntry, EvidenceText
from .meetings import CoproductionMeeting, MeetingAction, MeetingAttendee
from .pages import CharterPage, WorkingAgreementPage
from .reviews import DraftReading, ForumReviewTask, ForumReviewTaskState, ReviewAgreement
from .settings import CoproductionSettings
from .versions import PageVersion, TranslationVersion

__all__ = [
    "CharterPage",
    "WorkingAgreementPage",
    "CommentAnswer",
    "CoproductionMeeting",
    "CoproductionSettings",
    "Disagreement",
    "DraftReading",
    "EvidenceCheckpoint",
    "EvidenceEntry",
    "EvidenceText",
    "ForumComment",
    "ForumReviewTask",
    "ForumReviewTaskState",
    "MeetingAction",
    "MeetingAttendee",
    "PageVersion",
    "ReviewAgreement",
    "TranslationVersion",
]
