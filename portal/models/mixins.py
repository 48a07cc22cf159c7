from core.cache import CachedPageMixin
from portal.search_text import normalise

# Landed migrations name the page cache's mixin at its first address; it lives in
# core/cache.py now, and this name keeps those migrations as they were applied.
__all__ = ["CachedPageMixin", "NormalisedSearchMixin"]


class NormalisedSearchMixin:
    """Indexes a normalised copy of the page's words (see ``portal.search_text``), so a
    search typed without Polish diacritics or Arabic hamza still finds the page.

    Add ``index.SearchField("normalised_search_text")`` to the page's ``search_fields``.
    """

    def searchable_plain_text(self) -> str:
        """The page's words as plain text: title, intro and each section's heading and text."""
        parts = [self.title]
        if hasattr(self, "plain_text_sections"):
            parts.append(self.plain_text_intro())
            for _, heading, text in self.plain_text_sections():
                parts += [heading, text]
        else:
            parts.append(getattr(self, "intro", "") or "")
        parts.append(self.search_description or "")
        return "\n".join(p for p in parts if p)

    def normalised_search_text(self) -> str:
        code = self.locale.language_code if self.locale_id else "en"
        return normalise(self.searchable_plain_text(), code)
