from core.cache import CachedPageMixin

# Landed migrations name the page cache's mixin at its first address; it lives in
# core/cache.py now, and this name keeps those migrations as they were applied. (The search
# mixin the page types share lives with the engine: ``charter.search``.)
__all__ = ["CachedPageMixin"]
