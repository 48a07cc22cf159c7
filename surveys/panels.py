"""Editor panels for surveys and the question bank."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from wagtail.admin.panels import Panel


def responses_answering(question) -> int:
    """How many responses answered a question (a multiple choice counts once per response)."""
    if not question.pk:
        return 0
    return (question.answers.order_by().values("response_id")
            .union(question.comments.order_by().values("response_id")).count())


def invitation_counts(survey) -> dict[str, int]:
    """Invited, codes used, and addresses still held, in one query."""
    # Aliases must not be field names ("used"), so they carry a prefix until returned.
    counts = survey.invitations.aggregate(
        n_invited=Count("pk"), n_used=Count("pk", filter=Q(used=True)),
        n_held=Count("pk", filter=~Q(email="")),
        n_waiting=Count("pk", filter=Q(used=False) & ~Q(email="")))
    return {key.removeprefix("n_"): value or 0 for key, value in counts.items()}


class SurveyStatusPanel(Panel):
    """Where the survey is, how many have answered, and links to invitations, comments
    waiting for moderation and the responses CSV."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "surveys/admin/status_panel.html"

        def get_context_data(self, parent_context=None):
            from surveys.models import SurveyComment

            context = super().get_context_data(parent_context)
            page = self.instance
            if page.pk:
                context.update(
                    status_label=page.status_label if page.opens and page.closes else "",
                    response_count=page.responses.count(),
                    pending_count=SurveyComment.objects.filter(
                        survey=page, moderation=SurveyComment.Moderation.PENDING).count(),
                    invitations=invitation_counts(page),
                    invitations_url=reverse("surveys_invitations", args=[page.pk]),
                    comments_url=reverse("surveys_comments", args=[page.pk]),
                    export_url=reverse("surveys_responses_csv", args=[page.pk]),
                )
            return context


class QuestionLockPanel(Panel):
    """Tells the officer, on a question with answers, that changing its meaning makes a new
    question; and shows which question it replaced or was replaced by."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "surveys/admin/question_lock_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            question = self.instance
            if question.pk:
                context.update(
                    saved=True,
                    answer_count=responses_answering(question),
                    replaces=question.replaces,
                    replaced_by=list(question.replaced_by.all()),
                )
            return context
