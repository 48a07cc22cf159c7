"""The eligibility rules part of a policy page: structured fields officers fill in the admin.

The fields are the data ``eligibility.rules.rules_from_data`` reads; the rule itself lives
in ``eligibility/rules.py``. They sit in the policy page's revisions, so each version of the
policy carries its own rules, and the comparison of versions reads them as text
(``eligibility.wording.describe_rules``).
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from eligibility import rules as rule_module

SECTION_HELP = "The heading of the policy section this rule comes from (the checker links to it)."


def _section(label):
    return blocks.CharBlock(required=False, max_length=120, label=label, help_text=SECTION_HELP)


class AgeBandBlock(blocks.StructBlock):
    min_age = blocks.IntegerBlock(min_value=0, max_value=30, label="From age")
    max_age = blocks.IntegerBlock(min_value=0, max_value=30, label="To age (included)")
    miles = blocks.DecimalBlock(min_value=0.1, max_value=50, decimal_places=2,
                                label="Walks up to (miles)")

    class Meta:
        icon = "arrow-right"
        label = "Age band"


def _check_bands(rows, name, errors):
    seen = []
    for row in rows or []:
        low, high = row.get("min_age"), row.get("max_age")
        if low is None or high is None:
            continue
        if high < low:
            errors[name] = ValidationError("An age band ends before it starts.")
            return
        if any(low <= b and a <= high for a, b in seen):
            errors[name] = ValidationError("Two age bands cover the same age.")
            return
        seen.append((low, high))


class EligibilityRulesBlock(blocks.StructBlock):
    """What the policy decides, as the checker reads it. Every amount is the policy's own."""

    area_name = blocks.CharBlock(max_length=80, label="The council's area",
                                 help_text="Where a child must live, e.g. Stoke-on-Trent.")
    school_age_from = blocks.IntegerBlock(default=5, min_value=5, max_value=8,
                                          label="Statutory school age from")
    school_age_to = blocks.IntegerBlock(default=16, min_value=10, max_value=19,
                                        label="Statutory school age to")
    who_section = _section("Section: who can ask")
    walking_bands = blocks.ListBlock(AgeBandBlock(), min_num=1, label="Walking distances")
    walking_section = _section("Section: walking distances")
    unsafe_walk_duty = blocks.ChoiceBlock(
        choices=[("will_consider", "The council will consider help"),
                 ("must", "The council must help")], default="will_consider",
        label="A child whose needs mean they cannot walk safely, even with an adult",
        help_text="Say \"must\" only if the policy promises it: the checker then says "
                  "\"likely to get help\".")
    choice_section = _section("Section: nearest school or parents' choice")
    low_income_bands = blocks.ListBlock(
        AgeBandBlock(), min_num=0, default=[], label="Shorter distances for low-income families",
        help_text="Only if the policy has them: families on income-related benefits.")
    low_income_section = _section("Section: low-income families")
    under_age_discretionary = blocks.BooleanBlock(
        required=False, default=True, label="Under school age: the council may help case by case")
    post16_discretionary = blocks.BooleanBlock(
        required=False, default=True,
        label="After school age, to 18: the council may help case by case")
    post16_section = _section("Section: over 16 and under 5")
    contribution_pounds = blocks.IntegerBlock(required=False, min_value=0, default=0,
                                              label="Yearly charge (£)")
    contribution_low_income_pounds = blocks.IntegerBlock(
        required=False, min_value=0, default=0,
        label="Yearly charge with income-related benefits (£)")
    contribution_instalments = blocks.IntegerBlock(required=False, min_value=1, max_value=12,
                                                   default=1, label="Paid in up to (parts)")
    post19_min_age = blocks.IntegerBlock(default=19, min_value=16, max_value=30,
                                         label="Young adults from age")
    post19_max_age = blocks.IntegerBlock(default=25, min_value=16, max_value=25,
                                         label="Young adults to age")
    post19_min_miles = blocks.DecimalBlock(default=3, min_value=0, decimal_places=2,
                                           label="Young adults: more than (miles)")
    post19_section = _section("Section: young adults")
    appeal_page = blocks.PageChooserBlock(required=False, label="How to appeal (page)")

    class Meta:
        icon = "tick-inverse"
        label = "Eligibility rules"
        help_text = ("What this version of the policy decides, for the \"What would this mean "
                     "for my child?\" checker. Versioned, compared and reviewed with the page.")

    def clean(self, value):
        """The fields' own checks, then the rules as the checker reads them: impossible
        rules (young adults from 25 to 19, school age from 0, two bands covering one age)
        are refused here, with the message on the field, so the checker never meets them
        (``eligibility.rules.Rules.problems``)."""
        value = super().clean(value)
        errors = {}
        _check_bands(value.get("walking_bands"), "walking_bands", errors)
        _check_bands(value.get("low_income_bands"), "low_income_bands", errors)
        if not errors:
            data = dict(value)
            data["walking_bands"] = [dict(b) for b in value.get("walking_bands") or []]
            data["low_income_bands"] = [dict(b) for b in value.get("low_income_bands") or []]
            try:
                rule_module.rules_from_data(data)
            except rule_module.RulesError as error:
                errors[error.field] = ValidationError(str(error))
        if errors:
            raise StructBlockValidationError(errors)
        return value


def rules_data(stream) -> dict | None:
    """The rules of a page's ``eligibility_rules`` stream as a plain dict, or None."""
    for block in stream or []:
        value = dict(block.value)
        value["walking_bands"] = [dict(b) for b in value.get("walking_bands") or []]
        value["low_income_bands"] = [dict(b) for b in value.get("low_income_bands") or []]
        return value
    return None
