"""The published findings exist only in English (the forum agreed them as written): on the
Polish and Arabic findings page and in the policy compare view they say so, in the reader's
language, and their English words are marked ``lang="en" dir="ltr"``; the English pages say
nothing of it (issue 15)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from analysis import writeup_services
from tests.analysis.test_write_up_outcome import (  # noqa: F401 - fixtures
    _publish_outcome,
    agreed_write_up,
    closed,
)

pytestmark = pytest.mark.django_db
NOTICE = "These findings are in English only: they have not been translated into your language."


def _notice(language: str) -> str:
    with translation.override(language):
        return escape(gettext(NOTICE))


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_findings_in_english_say_so_in_polish_and_arabic(
        client, closed, agreed_write_up, officer, forum_rep, tree, language):  # noqa: F811
    writeup_services.write_up_agree(write_up=agreed_write_up, user=forum_rep)
    _publish_outcome(closed, officer, forum_rep, tree)
    finding = agreed_write_up.findings.select_related("theme").first()
    first_line = escape(finding.text.splitlines()[0])
    assert _notice(language) != escape(NOTICE)  # translated

    html = client.get(f"/{language}" + reverse("analysis_findings", args=[closed.pk])
                      ).content.decode()
    assert _notice(language) in html
    # A paragraph of its own: set from the left on an Arabic page (r15p, F5).
    assert f'<p class="govuk-body" lang="en" dir="ltr">{first_line}</p>' in html
    assert re.search(rf'<h2[^>]* lang="en" dir="ltr">{re.escape(escape(finding.theme.name))}',
                     html)

    compare = client.get(f"/{language}{tree.policy.url}compare/1/2/").content.decode()
    assert f"#theme-{finding.theme_id}" in compare
    assert _notice(language) in compare
    assert f'<div lang="en" dir="ltr">{first_line}</div>' in compare

    english = client.get(reverse("analysis_findings", args=[closed.pk])).content.decode()
    assert escape(NOTICE) not in english and first_line in english
    assert escape(NOTICE) not in client.get(f"{tree.policy.url}compare/1/2/").content.decode()
