"""Plain, translated words for the errors Django's form fields raise, so no parent reads
“Null characters are not allowed” or “Ensure this value has at most 150 characters”.
Used by the consultation and survey response forms."""

from __future__ import annotations

from django import forms
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
