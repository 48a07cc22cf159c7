"""The transport team has one Arabic name everywhere, the one the urgent banner, the footer
and the FAQ use ("فريق المواصلات"): a tired reader meeting another name on an error page or
the eligibility checker would wonder whether it is the same number."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/ar/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.parts[-5])
def test_one_arabic_name_for_the_transport_team(catalogue):
    text = catalogue.read_text(encoding="utf-8")
    assert "فريق النقل" not in text


def test_the_banner_uses_that_name():
    assert "فريق المواصلات" in (ROOT / "portal/locale/ar/LC_MESSAGES/django.po").read_text(
        encoding="utf-8")
