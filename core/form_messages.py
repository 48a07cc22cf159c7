"""Plain, translated words for the errors Django's form fields raise, so no parent reads
“Null characters are not allowed” or “Ensure this value has at most 150 characters”.
Used by the forum's forms and by the consultation and survey response forms.

A plain module (Django's forms and translation only, no Wagtail, no page app), so the
co-production engine in ``charter/`` may use it too."""

from __future__ import annotations

from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext


def escaped(text: str) -> str:
    # Messages Django formats with the validator's values (%(show_value)s...): keep a "%"
    # typed by an editor in a question's words from being read as a placeholder.
    return str(text).replace("%", "%%")


def plain_errors(field: forms.Field, *, about: str = "") -> None:
    """Replace Django's wording (“Null characters are not allowed”, “Ensure this value has
    at most 150 characters”, “Select a valid choice”) with plain, translated words.

    ``about`` names the question ("Question 3, “How does your child get to school?”") and
    starts every message, so an error summary read out of context still says which question
    it is about.
    """
    def say(problem: str, *, formatted: bool) -> str:
        if not about:
            return problem[:1].upper() + problem[1:]
        name = escaped(about) if formatted else about
        return gettext("%(about)s: %(problem)s") % {"about": name, "problem": problem}

    field.error_messages.update({
        "invalid_choice": say(gettext("choose one of the answers shown."), formatted=True),
        "invalid_list": say(gettext("choose from the answers shown."), formatted=False),
        "null_characters_not_allowed": say(gettext(
            "remove the hidden character in this answer. It can come from text copied from "
            "another program: type it again, or paste it as plain text."), formatted=False),
        "max_length": say(gettext("keep this answer to %(limit_value)s characters. It has "
                                  "%(show_value)s now."), formatted=True),
    })


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


def too_many_from_here() -> str:
    """What a form limited per internet address says past its limit (the subscribe form,
    the password reset), in the active language: plain, and it gives away nobody's
    account or subscription; the typed words stay in the form."""
    return gettext(
        "Too many requests from here; try again later. Many people have asked from "
        "this internet connection in the last hour (a shared one, at a school or a "
        "family hub perhaps). What you typed is kept below: send it again in an "
        "hour.")


def too_many_for_address() -> str:
    """What a form limited per e-mail address says past its limit (the subscribe form, the
    password reset), in the active language."""
    return gettext(
        "This e-mail address has been asked for too many times in the last hour. "
        "What you typed is kept below: send it again in an hour, or look in your "
        "inbox for a link we sent earlier.")
