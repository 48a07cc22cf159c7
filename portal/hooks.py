"""What the other page apps add to the public site's pages, through Wagtail hooks.

``consultations`` and ``surveys`` sit beside ``portal`` and use its plain modules and
selectors, so ``portal`` may not import them back. The home page asks this hook instead; the
apps answer it in their ``wagtail_hooks.py`` (as ``charter/hooks.py`` does for the engine).

- ``register_home_sections``: ``fn(locale_id) -> dict``, more context for the home page in
  that language (``open_consultations``, ``open_surveys``). With no app registered, the home
  page shows none.
- ``register_job_attention``: ``fn() -> list[JobAttention]``, what the work of a scheduled
  job stands at, for Reports > Scheduled jobs (``surveys``: invitation and reminder sendings
  not finished). A job whose run succeeded may still have left work stuck: the page says so
  beside it. With none registered, the page shows none.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail import hooks

HOME_SECTIONS_HOOK = "register_home_sections"
JOB_ATTENTION_HOOK = "register_job_attention"


@dataclass(frozen=True)
class JobAttention:
    """Where the work of the scheduled job ``task`` (its Celery task's name) stands, in the
    reader's language: a ``heading``, a sentence saying what it is (``about``), ``facts``
    ((label, value) pairs, counts without any address) and ``warning``, a sentence when
    something needs a person ("" when all is well), shown beside the job and at the top."""

    task: str
    heading: str
    about: str
    facts: tuple[tuple[str, str], ...]
    warning: str = ""


def jobs_attention() -> list[JobAttention]:
    """Every registered app's ``JobAttention``, in registration order."""
    return [item for find in hooks.get_hooks(JOB_ATTENTION_HOOK) for item in find()]


def home_sections(locale_id: int) -> dict:
    """Every registered app's home page context for the language ``locale_id``."""
    context: dict = {}
    for section in hooks.get_hooks(HOME_SECTIONS_HOOK):
        context.update(section(locale_id))
    return context
