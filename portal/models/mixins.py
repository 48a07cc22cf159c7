from core.cache import CachedPageMixin
from portal.search_text import normalise
from portal.selectors import untranslated_page_names

# Landed migrations name the page cache's mixin at its first address; it lives in
# core/cache.py now, and this name keeps those migrations as they were applied.
__all__ = ["CachedPageMixin", "NormalisedSearchMixin", "UntranslatedNamesMixin"]


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
        """The page's words normalised by its language's rules; for a page shown untranslated
        in another language, also the names in that language of the jargon buster's terms
        it uses (``portal.selectors.untranslated_page_names``), so the reader's own word
        finds it."""
        code = self.locale.language_code if self.locale_id else "en"
        text = self.searchable_plain_text()
        names = untranslated_page_names(self, text)
        return normalise("\n".join([text, *names]), code)


class UntranslatedNamesMixin:
    """Indexes, for a copy of a page shown untranslated in another language, the names in
    that language of the jargon buster's terms its words use
    (``portal.selectors.untranslated_page_names``), so the reader's own word finds it: for
    page types whose words are indexed as they are (consultations, surveys), which
    ``NormalisedSearchMixin`` does for the others.

    Add ``index.SearchField("untranslated_names_search_text")`` to the page's
    ``search_fields``; the page gives ``plain_text_intro`` and ``plain_text_sections``.
    """

    def untranslated_names_search_text(self) -> str:
        """"" for a page in its own language (no query); the names, normalised, for a copy.

        The words are read from the page the copy shows: a copy's related rows (a survey's
        questions) are saved after the copy itself, when it has been indexed already."""
        if not getattr(self, "alias_of_id", None):
            return ""
        source = type(self).objects.filter(pk=self.alias_of_id).first() or self
        parts = [source.title, source.plain_text_intro()]
        for _, heading, text in source.plain_text_sections():
            parts += [heading, text]
        names = untranslated_page_names(self, "\n".join(p for p in parts if p))
        return normalise("\n".join(names), self.locale.language_code)
