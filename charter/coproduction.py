"""What makes a page type co-produced: it goes through the forum's review to be published."""

from __future__ import annotations

COPRODUCTION_WORKFLOW = "Co-production"


def coproduction_workflow():
    """The active Co-production workflow, if there is one (made by migration)."""
    from wagtail.models import Workflow

    return Workflow.objects.filter(name=COPRODUCTION_WORKFLOW, active=True).first()


class CoProducedPageMixin:
    """For page types the forum writes with the council: policies, FAQs, updates, the charter.

    The Co-production workflow applies to every page of these types wherever it
    sits in the tree, so a new policy index cannot escape the forum's review.
    """

    coproduced = True

    def get_workflow(self):
        workflow = coproduction_workflow()
        return workflow if workflow is not None else super().get_workflow()

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    def review_sections(self) -> list[tuple[str, str]]:
        """(block id, heading) of each section the forum can comment on, in page order."""
        return [(key, heading) for key, heading, _ in self.plain_text_sections()]
