from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

CHANGE_NOTE_HELP = (
    "Required to send to the forum or publish: what is different from the last published "
    "version, and why."
)
# The editor's buttons that ask for this draft to become the published version.
_PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class CoProducedPageForm(WagtailAdminPageForm):
    """Sending a draft to the forum, or publishing it, needs a note saying what changed."""

    def clean(self):
        cleaned = super().clean()
        if any(action in self.data for action in _PUBLISHING_ACTIONS):
            note = (cleaned.get("change_note") or "").strip()
            # A live page's row holds the published version; drafts live in revisions.
            published_note = ""
            if self.instance.pk and self.instance.live:
                published_note = (
                    type(self.instance).objects.filter(pk=self.instance.pk)
                    .values_list("change_note", flat=True).first() or ""
                ).strip()
            if not note:
                self.add_error(
                    "change_note",
                    _("Say what changed in this version before you send it on or publish it."),
                )
            elif note == published_note:
                self.add_error(
                    "change_note",
                    _(
                        "This is the note of the version already published. "
                        "Say what changed this time."
                    ),
                )
        return cleaned
