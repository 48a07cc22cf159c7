"""The co-production records in Django's admin (/django-admin/), read only, with their history.

Officers work in the Wagtail admin; this is where an administrator or auditor
reads every stored version of a comment, answer, disagreement or meeting.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from charter.models import CommentAnswer, CoproductionMeeting, Disagreement, ForumComment
from core.admin import ReadOnlyAdminMixin


class ReadOnlyHistoryAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read only, with each record's stored versions (django-simple-history)."""


@admin.register(ForumComment)
class ForumCommentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["id", "page", "section_heading", "created_at", "updated_at"]
    list_filter = ["created_at"]


@admin.register(CommentAnswer)
class CommentAnswerAdmin(ReadOnlyHistoryAdmin):
    list_display = ["id", "comment", "disposition", "answered_at", "answered_late"]
    list_filter = ["disposition", "answered_late"]


@admin.register(Disagreement)
class DisagreementAdmin(ReadOnlyHistoryAdmin):
    list_display = ["id", "page", "topic", "status", "stated_at"]
    list_filter = ["status"]


@admin.register(CoproductionMeeting)
class CoproductionMeetingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["date", "title"]
