"""What a policy page type adds to carry eligibility rules: the checker's route.

``PolicyPage`` takes ``EligibilityCheckerMixin`` (before its routable mixin) and stores the
rules in a StreamField ``eligibility_rules`` of ``EligibilityRulesBlock`` (at most one), so
they are part of each revision: versioned, compared and reviewed with the page.
"""

from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField

from eligibility import rules as rule_module
from eligibility import views
from eligibility.blocks import EligibilityRulesBlock, rules_data
from eligibility.wording import describe_rules


def eligibility_rules_field() -> StreamField:
    return StreamField([("rules", EligibilityRulesBlock())], blank=True, max_num=1,
                       verbose_name="Eligibility rules",
                       help_text="Optional: what this version decides, for the checker "
                                 "\"What would this mean for my child?\".")


class EligibilityCheckerMixin:
    """Adds ``<page>/checker/`` to a routable page with an ``eligibility_rules`` field."""

    eligibility_checker = True

    def checker_rules(self) -> rule_module.Rules | None:
        data = rules_data(self.eligibility_rules)
        return rule_module.rules_from_data(data) if data is not None else None

    def comparable_rules(self) -> list[tuple[str, str, str]]:
        """The rules as one section of the comparison of versions ([] when there are none),
        in the reader's language (``wording.describe_rules``), as the page's other compared
        fields are."""
        rules = self.checker_rules()
        if rules is None:
            return []
        return [("eligibility_rules", _("Eligibility rules (for the checker)"),
                 describe_rules(rules))]

    def extra_review_sections(self) -> list[tuple[str, str, str]]:
        """The rules as a section the forum reads and comments on (``charter.selectors``)."""
        return self.comparable_rules()

    def review_sections(self) -> list[tuple[str, str]]:
        """The page's sections, then the rules: the forum may comment on either."""
        return [*super().review_sections(),
                *[(key, heading) for key, heading, _text in self.comparable_rules()]]

    @path("checker/", name="eligibility_checker")
    def checker_view(self, request):
        return views.checker(request, self)

    @path("checker/what-if/", name="eligibility_what_if")
    def what_if_view(self, request):
        return views.what_if(request, self)
