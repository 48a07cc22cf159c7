"""The ``ANALYSIS_METHOD`` setting, read and checked when the site starts.

``configured_method()`` is what the analysis's tasks pass to ``analysis.suggest``; the system
check (``manage.py check``, and every start) reports an unknown method, or the embeddings
method without its optional packages, before an officer asks for suggestions.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from analysis.methods import DEFAULT_METHOD, METHODS, embeddings_available


def configured_method() -> str:
    """The method named by ``settings.ANALYSIS_METHOD`` ("tfidf" when unset)."""
    return getattr(settings, "ANALYSIS_METHOD", DEFAULT_METHOD) or DEFAULT_METHOD


def check_analysis_method(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Errors for an unknown ``ANALYSIS_METHOD`` or a missing embeddings extra (the packages
    are looked for, not imported: the model loads only when suggestions are first made)."""
    method = configured_method()
    if method not in METHODS:
        return [checks.Error(
            f"ANALYSIS_METHOD is {method!r}.", hint=f"Use one of: {', '.join(METHODS)}.",
            id="analysis.E001")]
    if method == "embeddings" and not embeddings_available():
        return [checks.Error(
            "ANALYSIS_METHOD is 'embeddings' but its packages are not installed.",
            hint="pip install '.[embeddings]' (with the CPU build of torch), or use 'tfidf'.",
            id="analysis.E002")]
    return []
