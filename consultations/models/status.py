"""Where a consultation is in its life. Its own module, so the readers of consultation pages
(selectors, services, views) name the statuses without importing the page classes."""

from django.db import models


class Status(models.TextChoices):
    UPCOMING = "upcoming", "Coming soon"
    PRE_CONSULTATION = "pre_consultation", "With the parent carer forum first"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed: we are reading the responses"
    OUTCOME = "outcome", "Closed: outcome published"
