"""Editor panels for co-produced pages."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.panels import Panel

from charter import selectors
from charter.hooks import READABILITY_PANEL_HOOK


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
            context = super().get_context_data(parent_context)
            page = self.instance
            comments = list(selectors.page_comments(page.pk)) if page.pk else []
            context.update(
                comments_url=reverse("charter_page_comments", args=[page.pk]) if page.pk else "",
                comment_count=len(comments),
                unanswered=[c for c in comments if not c.is_answered],
                to_resolve=[c for c in comments
                            if c.is_answered and not c.answer.resolved_by_revision_id
                            and c.answer.disposition in ("accepted", "partly")],
                open_disagreements=list(selectors.page_disagreements(page.pk, open_only=True))
                if page.pk else [],
                # Warned before sending, from the saved draft; the forum sees the same.
                warnings=selectors.draft_warnings(page, page.get_latest_revision()) if page.pk
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


class ReadabilityPanel(Panel):
    """The plain-language score of the page and of each section, beside the target.

    It is shown while editors write and refreshed from the unsaved form (see
    ``portal/static/portal/js/readability-panel.js``), so an editor sees the effect of a
    shorter sentence without saving a draft. What it shows comes from the
    ``register_readability_panel`` hook; with no app answering it, the panel is hidden.
    """

    def __init__(self, heading="Plain language check", **kwargs):
        super().__init__(heading=heading, **kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "plain_language"

    class BoundPanel(Panel.BoundPanel):
        template_name = "portal/admin/readability_panel.html"

        def is_shown(self):
            return bool(hooks.get_hooks(READABILITY_PANEL_HOOK)) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            for fill in hooks.get_hooks(READABILITY_PANEL_HOOK):
                context.update(fill(self.instance, self.form))
            return context
