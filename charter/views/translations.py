"""wagtail-localize's routes, narrowed for translations of pages written with the forum.

A Polish or Arabic copy of a co-produced page is a translation of a version the forum
agreed. Two of wagtail-localize's actions would change what its readers read with no forum
step and no log entry, so for these pages they are refused, with a message, and their
buttons are not offered:

- "Convert to alias page" (``/admin/localize/page/<id>/convert_to_alias/``, or the edit
  form's ``localize-convert-to-alias`` button) puts the English words in place of the
  translation at once.
- "Stop Synced translation" (``/admin/localize/translate/<id>/disable/``) cuts the copy
  loose from the English, so later agreed versions no longer reach it and it can be
  rewritten freely.

What stays allowed, and why: editing the translation and publishing it (officers; logged
by ``charter.signals`` with who, when and which agreed version it translates), "Sync
translated pages" (administrators only, through wagtail-localize's own permission; a
published sync is logged the same way), and "Start Synced translation" (it puts a copy back
in step with the English and publishes nothing).
"""

from __future__ import annotations

import html
import json
import re

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, edit_translation, submit_translations

from charter.coproduction import coproduction_workflow
from charter.permissions import is_translation

TRANSLATION_KEPT = (
    "“%(title)s” in %(language)s is a translation of a version agreed with the forum, so it "
    "stays a synced translation: %(action)s would change what its readers read with no forum "
    "step. To correct the translation, edit it and publish it: who published it, and when, "
    "goes in the evidence log.")


#: Said where "Translate this page" is refused; the same words stand in for the button on an
#: untranslated copy's admin page
#: (``templates/wagtail_localize/admin/edit_translatable_alias.html``).
TRANSLATION_NOT_YOURS = (
    "Only an administrator can start a translation of a page. Until one does, readers in "
    "%(language)s see the %(source_language)s page, as it is now. Ask an administrator to "
    "translate “%(title)s”: once a translation is started, you can edit and publish it, and "
    "each publish is logged.")


def cannot_start_translation(page, locale) -> str:
    """Why someone without wagtail-localize's ``submit_translation`` permission (anyone but an
    administrator) may not start a translation of ``page`` into ``locale``, and whom to ask."""
    return _(TRANSLATION_NOT_YOURS) % {
        "language": _language_name(locale), "title": page.title,
        "source_language": _language_name(page.locale)}


def _language_name(locale) -> str:
    """A locale's language named in the reader's language ("Polish"), not in its own, and
    without its region ("English", not "British English": readers choose a language)."""
    for code in (locale.language_code.split("-")[0], locale.language_code):
        try:
            return get_language_info(code)["name_translated"]
        except KeyError:
            continue
    return locale.get_display_name()


def submit_page_translation(request, page_id):
    """wagtail-localize's "Translate this page" (``/admin/localize/submit/page/<id>/``).

    For someone allowed to start translations, wagtail-localize's own view. For anyone else
    (officers: starting or syncing translations is for administrators), not a bare "no
    permission" but a message saying why and whom to ask, back on the page they came from.
    """
    if request.user.has_perm("wagtail_localize.submit_translation"):
        return submit_translations.SubmitPageTranslationView.as_view()(request, page_id=page_id)
    page = get_object_or_404(Page, id=page_id).specific_deferred
    locale = Locale.objects.filter(language_code=request.GET.get("select_locale", "")).first()
    messages.error(request, cannot_start_translation(page, locale or page.locale))
    return redirect(get_valid_next_url_from_request(request)
                    or reverse("wagtailadmin_pages:edit", args=[page.pk]))


def coproduced_translation(page) -> bool:
    """A page written with the forum, in another language than the default one."""
    specific = page.specific_deferred
    return (bool(getattr(specific, "coproduced", False)) and coproduction_workflow() is not None
            and is_translation(page))


def _refuse(request, page, action: str):
    messages.error(request, _(TRANSLATION_KEPT) % {
        "title": page.title, "language": page.locale.get_display_name(), "action": action})
    return redirect(get_valid_next_url_from_request(request)
                    or reverse("wagtailadmin_pages:edit", args=[page.pk]))


def refuse_alias(request, page):
    return _refuse(request, page, _("converting it to an alias of the English page"))


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", refused for co-produced translations."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if coproduced_translation(page):
        return refuse_alias(request, page)
    return convert.convert_to_alias(request, page_id)


def stop_translation(request, translation_id):
    """wagtail-localize's "Stop Synced translation", refused for co-produced translations."""
    translation = get_object_or_404(Translation, id=translation_id)
    page = translation.get_target_instance()
    if isinstance(page, Page) and coproduced_translation(page):
        return _refuse(request, page, _("stopping the synced translation"))
    return edit_translation.stop_translation(request, translation_id)


_EDITOR_PROPS = re.compile(r'(class="js-translation-editor" data-props=")([^"]*)(")')


def editor_without_ways_around(request, page):
    """The translation editor for a co-produced translation, without the "Stop Synced
    translation" and "Convert to alias page" buttons (the routes refuse them too).

    Runs before wagtail-localize's own ``before_edit_page`` hook, which it stands in for
    on these pages. Returns None where that hook should answer (anything else).
    """
    if page.alias_of_id or not coproduced_translation(page):
        return None
    if request.method == "POST" and "localize-convert-to-alias" in request.POST:
        return refuse_alias(request, page)
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True,
    ).select_related("source", "target_locale").first()
    if translation is None:
        return None
    response = edit_translation.edit_translation(request, translation, page)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return response

    def without_links(match):
        props = json.loads(html.unescape(match.group(2)))
        # An empty address: the button is hidden by charter/admin.css (the editor always
        # draws it); no address to post to either.
        props["links"]["stopTranslationUrl"] = ""
        props["links"]["convertToAliasUrl"] = None
        return match.group(1) + escape(json.dumps(props)) + match.group(3)

    response.content = _EDITOR_PROPS.sub(without_links, response.content.decode(), count=1)
    return response
