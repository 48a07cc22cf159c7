"""Editor panels for co-produced pages."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class ForumCommentsPanel(Panel):
    """The forum's comments on this page, and which ones the revision being saved resolves.

    Ticked comments are linked to the revision when the officer saves (see the
    ``after_edit_page`` hook in ``charter/wagtail_hooks.py``).
    """

    def __init__(self, heading="Forum comments", **kwargs):
        super().__init__(heading=heading, **kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "forum_comments"

    class BoundPanel(Panel.BoundPanel):
        template_name = "charter/admin/forum_comments_panel.html"

        def get_context_data(self, parent_context=None):
            from charter.selectors import draft_warnings, page_comments, page_disagreements

            context = super().get_context_data(parent_context)
            page = self.instance
            comments = list(page_comments(page.pk)) if page.pk else []
            context.update(
                comments_url=reverse("charter_page_comments", args=[page.pk]) if page.pk else "",
                comment_count=len(comments),
                unanswered=[c for c in comments if not c.is_answered],
                to_resolve=[c for c in comments
                            if c.is_answered and not c.answer.resolved_by_revision_id
                            and c.answer.disposition in ("accepted", "partly")],
                open_disagreements=list(page_disagreements(page.pk, open_only=True))
                if page.pk else [],
                # Warned before sending, from the saved draft; the forum sees the same.
                warnings=draft_warnings(page, page.get_latest_revision()) if page.pk
                else {"undone": [], "put_back": []},
            )
            return context


class ReviewDuePanel(Panel):
    """Tells editors when the partners' agreed review date has passed."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "charter/admin/review_due_panel.html"

        def is_shown(self):
            return bool(self.instance.pk and getattr(self.instance, "review_date", None)
                        and self.instance.review_overdue)
