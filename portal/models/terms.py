"""The jargon buster's words: each explained where it first appears on a page."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

from core.jargon import Term
from core.normalising import normalise


class GlossaryTerm(DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    """A word or acronym from the jargon buster, explained in plain words.

    Published terms are explained automatically where they first appear on a
    policy or FAQ page; editors do not mark them up by hand.
    """

    term = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    stands_for = models.CharField(
        max_length=200, blank=True, help_text="For an acronym: what the letters stand for."
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other ways of writing it, one per line (plurals, spellings, full name).",
    )
    explanation = models.TextField(max_length=400, help_text="One or two short, plain sentences.")
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="glossary_term")

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("stands_for"),
        FieldPanel("aliases"),
        FieldPanel("explanation"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.SearchField("stands_for", boost=2),
        index.SearchField("aliases"),
        index.SearchField("explanation"),
        index.SearchField("normalised_search_text"),
        index.AutocompleteField("term"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["term"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = "glossary term"

    def __str__(self):
        return self.term

    @property
    def revisions(self):
        return self._revisions

    @property
    def alias_list(self) -> tuple[str, ...]:
        return tuple(a.strip() for a in self.aliases.splitlines() if a.strip())

    def normalised_search_text(self) -> str:
        """The term's words folded as ``core.normalising`` folds a search."""
        text = "\n".join([self.term, self.stands_for, *self.alias_list, self.explanation])
        return normalise(text, self.locale.language_code if self.locale_id else "en")

    def as_term(self) -> Term:
        """The plain value the jargon rule works on."""
        explanation = self.explanation
        if self.stands_for:
            explanation = f"{self.stands_for}. {explanation}"
        return Term(
            slug=self.slug,
            term=self.term,
            aliases=self.alias_list,
            explanation=explanation,
        )
