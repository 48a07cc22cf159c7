"""A consultation's published findings hold after a response is deleted at the respondent's
request: their counts and shares are the ones stored when the forum agreed the analysis
(``WriteUp.counts``, ``analysis.counting.published_counts``), so a saved copy of the
findings page beside the new one does not tell what the deleted person said; only the
person's quoted words go."""

from __future__ import annotations

import re

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from analysis.models import Coding
from tests.analysis.test_response_erased import HOW, published_findings  # noqa: F401
from tests.analysis.test_write_up_outcome import (  # noqa: F401 - fixtures
    agreed_write_up,
    closed,
)

pytestmark = pytest.mark.django_db


def _main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def _counts(html: str) -> list[str]:
    """What the findings say in numbers, as a saved copy shows them: how many wrote, then
    each theme's line ("Welcomes the lower distance: 18 of 60 people (30 %)." or "held
    back"), without the quotes that follow it."""
    wrote = re.findall(r"We read every written answer: [^.]*\.", html)
    lines = re.findall(r'aria-labelledby="(theme-\d+)">.*?<p class="govuk-body"[^>]*>'
                       r"(.*?)(?:<br>|</p>)", html, re.DOTALL)
    return wrote + [f"{theme} {line.strip()}" for theme, line in lines]


def test_the_published_counts_and_shares_do_not_move_when_a_response_is_deleted(
        client, officer, closed, published_findings):  # noqa: F811
    response, words = published_findings
    themes = set(Coding.objects.filter(response=response).values_list("theme_id", flat=True))
    findings_url = reverse("analysis_findings", args=[closed.pk])
    before = _main(Client().get(findings_url).content.decode())
    assert words in before
    counts = _counts(before)
    # Theme ids are the database's (not 1 on PostgreSQL, whose sequences run on).
    assert any(re.fullmatch(r"theme-\d+ Welcomes the lower distance: 18 of 60 people \(30 %\)\.",
                            line) for line in counts), counts
    assert "We read every written answer: 60 people wrote one." in counts
    # The person deleted is counted in a theme whose number is shown.
    assert any(line.startswith(f"theme-{theme} ") and " of 60 people (" in line
               for line in counts for theme in themes)

    client.force_login(officer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = client.post(reverse("analysis_response_erase", args=[closed.pk]),
                           {"erase-reference": response.reference, "erase-how": HOW,
                            "erase-confirm": "on"})
    assert sent.status_code == 302

    after = _main(Client().get(findings_url).content.decode())
    assert words not in after
    assert not any(w in after for w in words.split() if len(w) > 8 and w not in before
                   .replace(words, ""))
    assert "Quoted words were taken out after the forum agreed this" in after
    assert _counts(after) == counts  # not 17 of 59, nor 59 people
    # The consultation's own page, where the outcome is published, says the same.
    page = _main(Client().get(closed.url).content.decode())
    assert words not in page
