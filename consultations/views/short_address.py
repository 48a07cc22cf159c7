"""The short address a consultation's response form is sent to: ``/consultations/respond/<id>/``
(and under ``/pl/``, ``/ar/``). Apart from ``consultations/views/public.py`` because it looks
the page up by its id, and the page's own routes call that module."""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from consultations.models import ConsultationPage
from consultations.views.public import CONTACT_FIELDS, respond


@sensitive_post_parameters(*CONTACT_FIELDS)
@csrf_protect
def respond_by_id(request, page_id):
    """Where the response form is sent. A plain URL rather than the page's own, so a busy
    consultation skips the page tree lookups on every response (the form itself is shown at
    the consultation's address). Under each language's prefix (``/pl/``, ``/ar/``) so the
    answer comes back in the reader's language; the id may be any language's copy.
    Raises ``Http404`` when no live consultation has that id."""
    try:
        consultation = ConsultationPage.objects.live().get(pk=page_id)
    except ConsultationPage.DoesNotExist as error:
        raise Http404 from error
    return respond(request, consultation)
