from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext
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


# --- plain words for form errors ----------------------------------------------------------


def _too_long(what, limit: int) -> str:
    return gettext("%(what)s must be %(limit)s characters or fewer.") % {
        "what": what, "limit": number_format(limit, force_grouping=True)}


def _null_character(what) -> str:
    return gettext(
        "%(what)s has a hidden character in it that cannot be saved. This happens when text "
        "is pasted from some programs: delete that part and type it again."
    ) % {"what": what}


def plain_text_messages(field: forms.CharField, what) -> forms.CharField:
    """Give a text field plain, translated error messages instead of Django's wording.

    ``what`` names the field's content as a sentence starts it ("Your comment"), so a too long
    comment reads "Your comment must be 2,000 characters or fewer." (the number in the
    reader's language's style) and a pasted null character says what to do about it.
    Returns the field, changed in place.
    """
    if field.max_length is not None:
        field.error_messages["max_length"] = lazy(_too_long, str)(what, field.max_length)
    field.error_messages["null_characters_not_allowed"] = lazy(_null_character, str)(what)
    return field


def error_summary(form: forms.Form, anchors: dict[str, str] | None = None) -> list[dict]:
    """The GOV.UK error summary's rows for ``form``: each message with the id of the field
    it is about (``anchors`` maps a field name to its element id when the template does not
    use Django's ``id_<name>``). Messages about the whole form come last, with no link.
    Shape: ``[{"message": str, "href": "#id" or ""}]``.
    """
    anchors = anchors or {}
    rows = []
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            continue
        target = anchors.get(name) or (form[name].id_for_label if name in form.fields else "")
        rows.extend({"message": str(e), "href": f"#{target}" if target else ""} for e in errors)
    rows.extend({"message": str(e), "href": ""} for e in form.non_field_errors())
    return rows


# --- sending a form again after its security token ran out -----------------------------

#: Wagtail hook each app registers to describe its forms to the "send it again" page:
#: ``fn(request) -> ResendSpec | None`` for the POST that was refused.
RESEND_FORM_HOOK = "portal_resend_form"


@dataclass(frozen=True)
class ResendSpec:
    """What an app knows about a form that was refused for its security token: the form
    (unbound; its fields give labels, kinds and choices), the language it was written in
    when the address does not say, what it was for (shown as the caption), and any fields
    of its own that must never be echoed (robot traps)."""

    form: forms.Form | None = None
    language: str = ""
    title: str = ""
    secret_fields: frozenset[str] = field(default_factory=frozenset)
