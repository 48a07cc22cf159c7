"""What a co-produced page gives the search index: its words folded as searches fold them,
and, for a copy shown untranslated in another language, the reader's names of the jargon
buster's terms it uses.

Every page type a search lists is indexed this way (the charter and the working agreement
here; policies, the FAQ, news, consultations and surveys in the page apps), so the same
words find a page on SQLite and PostgreSQL alike. The rules are the plain ones below the
engine (``core.normalising`` folds the words, ``core.jargon.reader_names`` names the terms);
the jargon buster's terms come from whichever app keeps them, through
``charter.hooks.glossary_terms`` (the public site, ``portal``), so the engine imports no
page app.
"""

from __future__ import annotations

from wagtail.models import Page

from charter import hooks
from core.jargon import Term, reader_names
from core.normalising import normalise


def untranslated_page_names(page, text: str) -> list[str]:
    """For ``page`` shown untranslated in another language (a wagtail-localize alias of a
    page in another locale) whose words are ``text``: the names in ``page``'s language of
    the jargon buster's terms ``text`` uses (each live translation's term and other
    spellings: ``core.jargon.reader_names``). Empty for any other page. Two queries."""
    if not getattr(page, "alias_of_id", None) or page.locale_id is None:
        return []
    source = Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True).first()
    if source is None or source == page.locale_id:
        return []
    originals, names = [], {}
    for key, locale_id, term, aliases in hooks.glossary_terms((source, page.locale_id)):
        spellings = tuple(a.strip() for a in aliases.splitlines() if a.strip())
        if locale_id == source:
            originals.append(Term(slug=str(key), term=term, aliases=spellings))
        elif locale_id == page.locale_id:
            names[str(key)] = [term, *spellings]
    return reader_names(text, originals, names)


class NormalisedSearchMixin:
    """Indexes a normalised copy of the page's words (``core.normalising``), so a search
    typed without Polish diacritics, Arabic hamza or with ه for ة still finds the page, in
    its own language and on either database; a copy shown untranslated in another language
    is also indexed under the reader's names of the jargon buster's terms it uses
    (``untranslated_page_names``).

    Add ``index.SearchField("normalised_search_text")`` to the page's ``search_fields``. The
    page's words are its title, ``plain_text_intro`` and ``plain_text_sections`` (or its
    ``intro``) and search description: ``searchable_parts`` says which.
    """

    def searchable_parts(self) -> list[str]:
        """The page's words a reader can see, in reading order: title, introduction, each
        section's heading and text, and the search description."""
        parts = [self.title]
        if hasattr(self, "plain_text_sections"):
            parts.append(self.plain_text_intro())
            for _, heading, text in self.plain_text_sections():
                parts += [heading, text]
        else:
            parts.append(getattr(self, "intro", "") or "")
        parts.append(self.search_description or "")
        return parts

    def searchable_plain_text(self) -> str:
        """The page's words as plain text (``searchable_parts``). A copy shown untranslated
        reads the page it shows: a copy's related rows (a survey's questions) are saved
        after the copy itself, when it has been indexed already."""
        page = self
        if getattr(self, "alias_of_id", None):
            page = type(self).objects.filter(pk=self.alias_of_id).first() or self
        return "\n".join(p for p in page.searchable_parts() if p)

    def normalised_search_text(self) -> str:
        """The page's words normalised by its language's rules; for a page shown untranslated
        in another language, also the names in that language of the jargon buster's terms
        it uses, so the reader's own word finds it."""
        code = self.locale.language_code if self.locale_id else "en"
        text = self.searchable_plain_text()
        names = untranslated_page_names(self, text)
        return normalise("\n".join([text, *names]), code)
