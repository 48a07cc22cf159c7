"""Fields every co-produced page type shares, defined once so they cannot drift apart."""

from django.db import models

from portal.forms import CHANGE_NOTE_HELP


def change_note_field() -> models.TextField:
    """The note each version carries: required to send a draft to the forum or publish it."""
    return models.TextField(max_length=1000, blank=True,
                            verbose_name="What changed in this version",
                            help_text=CHANGE_NOTE_HELP)
