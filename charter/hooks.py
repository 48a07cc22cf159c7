"""What the page apps tell the co-production engine, through Wagtail hooks.

Layers run one way: plain rules -> ``charter`` -> the page apps (``portal``,
``consultations``, ``surveys``). When the engine needs something only a page app knows (a
page's plain-language score, the consultations that changed a policy, the year's survey
results for the board), it names a hook here and calls whatever is registered; the app
that knows registers a function in its ``wagtail_hooks.py``. ``charter`` imports none of
them, and with no app registered each hook gives nothing (the panel is hidden, the list is
empty). ``charter/calendars.py`` works the same way for school calendars.

- ``register_readability_panel``: ``fn(page, form) -> dict``, the "Plain language check"
  panel's context (``charter.panels.ReadabilityPanel``). Answered by ``portal``.
- ``register_reading_age``: ``fn(revision) -> float | None``, the reading age kept for a
  published revision, stored on its version. Answered by ``portal``.
- ``register_compare_findings``: ``fn(page_id, from_number, to_number) -> list``, the
  consultations whose outcome changed the page between two versions, each once, for the
  compare view. Answered by ``consultations``.
- ``register_forum_draft``: ``fn(page) -> (context, sections) | None``, a draft as the
  public page would show it, for the forum's draft page: the page type's reading context
  and its commentable sections as ``(block_id, heading, template, item)``; None for a
  page type the app does not render. Answered by ``portal`` (policies, the FAQ).
- ``register_compare_finding_themes``: ``fn(findings) -> dict``, for the compare view's
  findings (the list above), each finding's key -> its findings theme by theme, as
  ``[{"theme": name, "text": words, "url": address, "removed": bool}]`` (``removed``: the
  words were removed as personal details, ``text`` is the notice in the reader's
  language). Answered by ``analysis``.
- ``register_board_sections``: ``fn() -> dict``, more context for the board's home page
  and each board pack (the year's surveys). Answered by ``surveys``.
- ``register_forum_draft_links``: ``fn(page, user) -> list[(label, url)]``, links the
  forum's draft page offers beside the draft (what a policy's proposed rules would change
  for families). Answered by ``eligibility``.
- ``register_publish_guard``: ``fn(page) -> str | None``, why ``page`` (a page as it would
  be published: the revision's content) may not be published yet, or None. Asked on every
  route that publishes a co-produced page (``CoProducedPageMixin.publish``, the editor's
  Publish, bulk publish, the forum's agreement, scheduled publishing). Answered by
  ``analysis`` (a consultation's outcome, or a survey's results, waits for the forum to
  agree the analysis of its written answers).
- ``register_log_texts_removed``: ``fn(page_ids) -> {page_id: (remove, day)}``, for the
  pages entries are about whose app removed words as personal details after the texts
  beside the log were written: ``remove(text) -> (text without those words, how many
  went)`` and the day they were removed (or None). The board's copy of the log and the
  board pack show texts beside the log through it (``log_texts_removed``). Answered by
  ``analysis`` (words removed from a write-up, inside an earlier moderation reason).
- ``register_glossary_terms``: ``fn(locale_ids) -> list[(translation_key, locale_id, term,
  aliases)]``, the jargon buster's live terms in those locales (``aliases`` one spelling a
  line): an untranslated copy of a page is indexed under the reader's names of the terms it
  uses (``charter.search``). Answered by ``portal``.
"""

from __future__ import annotations

from wagtail import hooks

READABILITY_PANEL_HOOK = "register_readability_panel"
READING_AGE_HOOK = "register_reading_age"
COMPARE_FINDINGS_HOOK = "register_compare_findings"
COMPARE_FINDING_THEMES_HOOK = "register_compare_finding_themes"
BOARD_SECTIONS_HOOK = "register_board_sections"
FORUM_DRAFT_HOOK = "register_forum_draft"
FORUM_DRAFT_LINKS_HOOK = "register_forum_draft_links"
PUBLISH_GUARD_HOOK = "register_publish_guard"
GLOSSARY_TERMS_HOOK = "register_glossary_terms"
LOG_TEXTS_REMOVED_HOOK = "register_log_texts_removed"


def reading_age(revision) -> float | None:
    """The reading age a page app kept for ``revision`` (years), or None if none did."""
    for find in hooks.get_hooks(READING_AGE_HOOK):
        age = find(revision)
        if age is not None:
            return age
    return None


def compare_findings(page_id: int, from_number: int, to_number: int) -> list:
    """Every registered app's findings that changed page ``page_id`` after version
    ``from_number`` up to ``to_number``, in the order the apps were registered."""
    return [item for find in hooks.get_hooks(COMPARE_FINDINGS_HOOK)
            for item in find(page_id, from_number, to_number)]


def compare_finding_themes(findings: list) -> dict:
    """Every registered app's findings theme by theme for ``findings`` (key -> list), merged;
    {} with none registered."""
    found: dict = {}
    for find in hooks.get_hooks(COMPARE_FINDING_THEMES_HOOK):
        for key, items in find(findings).items():
            found.setdefault(key, []).extend(items)
    return found


def forum_draft(page) -> tuple[dict, list[tuple]] | None:
    """The first registered app's rendering of ``page`` for the forum (see above), or None."""
    for render in hooks.get_hooks(FORUM_DRAFT_HOOK):
        found = render(page)
        if found is not None:
            return found
    return None


def forum_draft_links(page, user) -> list[tuple[str, str]]:
    """Every registered app's (label, url) links for the forum's draft page of ``page``
    (the live page), in the order the apps were registered; [] with none."""
    return [link for find in hooks.get_hooks(FORUM_DRAFT_LINKS_HOOK) for link in find(page, user)]


def board_sections() -> dict:
    """The context every registered app adds to the board's home page and packs."""
    context: dict = {}
    for section in hooks.get_hooks(BOARD_SECTIONS_HOOK):
        context.update(section())
    return context


def publish_refusal(page) -> str | None:
    """The first registered app's reason why ``page`` (as it would be published) may not be
    published yet, or None when none objects (and with none registered)."""
    for guard in hooks.get_hooks(PUBLISH_GUARD_HOOK):
        reason = guard(page)
        if reason:
            return str(reason)
    return None


def glossary_terms(locale_ids) -> list[tuple]:
    """Every registered app's live glossary terms in ``locale_ids``, as ``(translation_key,
    locale_id, term, aliases)``; [] with none registered."""
    return [row for find in hooks.get_hooks(GLOSSARY_TERMS_HOOK) for row in find(locale_ids)]


def log_texts_removed(page_ids) -> dict:
    """Every registered app's ``{page_id: (remove, day)}`` for ``page_ids`` (see above),
    merged (a page two apps answer for: the first app's); {} with none registered or no
    ids."""
    ids = {pk for pk in page_ids if pk is not None}
    found: dict = {}
    if not ids:
        return found
    for find in hooks.get_hooks(LOG_TEXTS_REMOVED_HOOK):
        for page_id, marker in find(ids).items():
            found.setdefault(page_id, marker)
    return found
