"""Where a consultation is in its life. Its own module, so the readers of consultation pages
(selectors, services, views) name the statuses without importing the page classes."""

from django.db import models
from django.utils.translation import gettext_lazy


class Status(models.TextChoices):
    # Shown to readers in their language (the consultations list's headings, each page's tag).
    UPCOMING = "upcoming", gettext_lazy("Coming soon")
    PRE_CONSULTATION = "pre_consultation", gettext_lazy("With the parent carer forum first")
    OPEN = "open", gettext_lazy("Open")
    CLOSED = "closed", gettext_lazy("Closed: we are reading the responses")
    OUTCOME = "outcome", gettext_lazy("Closed: outcome published")
