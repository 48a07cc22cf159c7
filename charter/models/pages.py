from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from charter.blocks import ClauseBlock, CommitmentThemeBlock, SignatoryBlock, StatementListBlock
from charter.coproduction import (
    CoProducedPageForm,
    CoProducedPageMixin,
    change_note_field,
    shown_date,
)
from charter.panels import ForumCommentsPanel, ReadabilityPanel, ReviewDuePanel
from charter.search import NormalisedSearchMixin
from charter.versions import listed
from core.cache import CachedPageMixin


def _review_date_field():
    return models.DateField(help_text="When the partners agreed to review this.")


class ReviewDateMixin:
    """An agreed review date, and whether it has passed (shown to editors and the public)."""

    @property
    def review_overdue(self) -> bool:
        return self.review_date < timezone.localdate()

    @property
    def days_overdue(self) -> int:
        return (timezone.localdate() - self.review_date).days


class CharterPage(NormalisedSearchMixin, CachedPageMixin, CoProducedPageMixin, ReviewDateMixin,
                  Page):
    """The co-production charter: what the partners promise each other, and how they will know."""

    vision = models.TextField(help_text="The partnership's vision, in two or three sentences.")
    principles = StreamField([("principles", StatementListBlock())], blank=True,
                             help_text="How the partners will work together.")
    commitments = StreamField([("theme", CommitmentThemeBlock())], blank=True)
    measures = StreamField([("measures", StatementListBlock())], blank=True,
                           verbose_name="How we will know it is working")
    signatories = StreamField([("signatory", SignatoryBlock())], blank=True)
    review_date = _review_date_field()
    change_note = change_note_field()

    content_panels = [
        *Page.content_panels,
        ReviewDuePanel(heading="Review date"),
        ReadabilityPanel(),
        FieldPanel("vision"),
        FieldPanel("principles"),
        FieldPanel("commitments"),
        FieldPanel("measures"),
        FieldPanel("signatories"),
        FieldPanel("review_date"),
        MultiFieldPanel([FieldPanel("change_note")], heading="This version"),
        ForumCommentsPanel(),
    ]
    # The words as written, and folded as searches fold them, with an untranslated copy's
    # names in its reader's language (``charter.search``).
    search_fields = [*Page.search_fields, index.SearchField("vision"),
                     index.SearchField("commitments"), index.SearchField("principles"),
                     index.SearchField("normalised_search_text")]
    base_form_class = CoProducedPageForm
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = ["charter.WorkingAgreementPage"]
    template = "charter/charter_page.html"

    class Meta:
        verbose_name = "co-production charter"

    def plain_text_intro(self) -> str:
        return self.vision

    compare_intro_label = gettext_lazy("Our vision")

    def comparable_details(self) -> list[tuple[str, str, str]]:
        return [
            ("review_date", _("Review date"), shown_date(self.review_date)),
            ("signatories", _("Signed by"),
             listed(f"{b.value['role']}, {b.value['organisation']}" for b in self.signatories)),
        ]

    def plain_text_sections(self) -> list[tuple[str, str, str]]:
        out = []
        for block in self.principles:
            out.append((block.id, block.value["heading"], "\n".join(block.value["statements"])))
        for block in self.commitments:
            lines = []
            for c in block.value["commitments"]:
                lines += [c["our_commitment"], c["what_this_means"]]
            out.append((block.id, block.value["theme"], "\n".join(lines)))
        for block in self.measures:
            out.append((block.id, block.value["heading"], "\n".join(block.value["statements"])))
        return out


class WorkingAgreementPage(NormalisedSearchMixin, CachedPageMixin, CoProducedPageMixin,
                           ReviewDateMixin, Page):
    """The working agreement between the service and the forum, clause by clause."""

    intro = models.TextField(blank=True)
    clauses = StreamField([("clause", ClauseBlock())], min_num=1)
    closing = models.TextField(blank=True, help_text="For example, how capacity and time are "
                                                      "agreed, and when this is reviewed.")
    review_date = _review_date_field()
    change_note = change_note_field()

    content_panels = [
        *Page.content_panels,
        ReviewDuePanel(heading="Review date"),
        ReadabilityPanel(),
        FieldPanel("intro"),
        HelpPanel("Clauses are numbered automatically, in order."),
        FieldPanel("clauses"),
        FieldPanel("closing"),
        FieldPanel("review_date"),
        MultiFieldPanel([FieldPanel("change_note")], heading="This version"),
        ForumCommentsPanel(),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("clauses"),
                     index.SearchField("normalised_search_text")]
    base_form_class = CoProducedPageForm
    parent_page_types = ["portal.HomePage", "charter.CharterPage"]
    subpage_types: list[str] = []
    template = "charter/working_agreement_page.html"

    class Meta:
        verbose_name = "working agreement"

    def plain_text_intro(self) -> str:
        return self.intro

    compare_intro_label = gettext_lazy("Introduction")

    def comparable_details(self) -> list[tuple[str, str, str]]:
        return [("review_date", _("Review date"), shown_date(self.review_date)),
                ("closing", _("Closing words"), self.closing)]

    def searchable_parts(self) -> list[str]:
        """The words a search reads (``charter.search``): the clauses, then the closing
        words the page ends with."""
        return [*super().searchable_parts(), self.closing]

    def plain_text_sections(self) -> list[tuple[str, str, str]]:
        return [
            (block.id, f"Clause {n}" + (f": {block.value['heading']}" if block.value["heading"]
                                        else ""), block.value["text"])
            for n, block in enumerate(self.clauses, start=1)
        ]


__all__ = ["CharterPage", "WorkingAgreementPage"]
