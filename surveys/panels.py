"""Editor panels for surveys and the question bank."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from wagtail.admin.panels import Panel

from surveys.models.responses import SurveyComment
from surveys.selectors import invitation_counts, responses_answering


class SurveyStatusPanel(Panel):
    """Where the survey is, how many have answered, and links to invitations, comments
    waiting for moderation and the responses CSV."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "surveys/admin/status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            if page.pk:
                # One query for both: every response, and those sent in the grace after the
                # close (marked late).
                counts = page.responses.aggregate(total=Count("pk"),
                                                  late=Count("pk", filter=Q(late=True)))
                context.update(
                    status_label=page.status_label if page.opens and page.closes else "",
                    response_count=counts["total"], late_count=counts["late"],
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
