"""What the other page apps add to the public site's pages, through Wagtail hooks.

``consultations`` and ``surveys`` sit beside ``portal`` and use its plain modules and
selectors, so ``portal`` may not import them back. The home page asks this hook instead; the
apps answer it in their ``wagtail_hooks.py`` (as ``charter/hooks.py`` does for the engine).

- ``register_home_sections``: ``fn(locale_id) -> dict``, more context for the home page in
  that language (``open_consultations``, ``open_surveys``). With no app registered, the home
  page shows none.
"""

from __future__ import annotations

from wagtail import hooks

HOME_SECTIONS_HOOK = "register_home_sections"


def home_sections(locale_id: int) -> dict:
    """Every registered app's home page context for the language ``locale_id``."""
    context: dict = {}
    for section in hooks.get_hooks(HOME_SECTIONS_HOOK):
        context.update(section(locale_id))
    return context
