"""The admin's account page links officers to their choice of co-production e-mails."""

from django.urls import reverse
from wagtail import hooks

from charter.permissions import can_use_forum_area


@hooks.register("register_account_menu_item")
def _staff_notice_preferences(request):
    """Wagtail's "Account" page: a button to the notice preferences, for officers and forum
    representatives (``None`` hides it from everyone else)."""
    if not can_use_forum_area(request.user):
        return None
    return {"url": reverse("notices:staff_preferences"),
            "label": "E-mails about co-production",
            "help_text": "Each forum comment, decision and consultation date as it happens, "
                         "or one e-mail a day."}
