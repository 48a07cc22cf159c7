"""The built stylesheet styles every GOV.UK class the templates use.

GOV.UK Frontend's components, used one by one, bring neither the utilities
(``govuk-visually-hidden``) nor the overrides (``govuk-!-…``); a class missing from
the build does nothing, so hidden text ("Error:", the honeypot's "Leave this empty")
shows on screen.
"""

import re
from pathlib import Path

import pytest

from tests.css import defined_classes, hiding_classes

ROOT = Path(__file__).resolve().parents[2]
PYTHON_DIRS = ("portal", "charter", "consultations", "surveys", "accounts")

# GOV.UK markup hooks that carry no styles of their own in GOV.UK Frontend 6 (the
# styles sit on their children); they are part of the documented markup.
UNSTYLED_HOOKS = frozenset({
    "govuk-checkboxes", "govuk-radios",
    "govuk-table__head", "govuk-table__body", "govuk-table__row",
})


def _used_classes() -> dict[str, list[str]]:
    files = list((ROOT / "templates").rglob("*.html"))
    files += [p for d in PYTHON_DIRS for p in (ROOT / d).rglob("*.py")
              if "migrations" not in p.parts]
    used: dict[str, list[str]] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name in re.findall(r"(?<![\w-])govuk-[A-Za-z0-9_!-]*[A-Za-z0-9]", text):
            used.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return used


USED = _used_classes()


def test_templates_use_govuk_classes_at_all():
    assert "govuk-visually-hidden" in USED and any(n.startswith("govuk-!-") for n in USED)


@pytest.mark.parametrize("name", sorted(set(USED) - UNSTYLED_HOOKS))
def test_every_govuk_class_used_is_in_the_built_css(name):
    assert name in defined_classes(), (
        f"{name} (used in {', '.join(sorted(set(USED[name]))[:3])}) is not in portal.css: "
        "@use its GOV.UK module in frontend/portal.scss and run `make css`")


def test_visually_hidden_really_hides():
    assert "govuk-visually-hidden" in hiding_classes()


@pytest.mark.parametrize("name", ["govuk-!-margin-bottom-0", "govuk-!-font-weight-bold",
                                  "govuk-!-display-none", "govuk-!-text-align-right"])
def test_override_classes_are_built(name):
    assert name in defined_classes()
