"""The officer's then/now table of themes whose count changed sits in a scrolling region,
as the counts tables do, so its Polish headings never make the page scroll sideways on a
320 px phone (review bk15h, F7)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from analysis import writeup_services
from analysis.models import Coding, Theme, WriteUp
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    _send_and_agree,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["", "/pl", "/ar"])
def test_the_then_now_table_is_in_a_scrolling_region(
        client, published, agreed_frame, comments, officer, forum_rep, language):  # noqa: F811
    agreed = _send_and_agree(_generate(published, officer), officer, forum_rep)
    late = Theme.objects.get(frame=agreed_frame, code="late")
    Coding.objects.filter(theme=late, comment__in=comments[:12]).update(
        removed_at=timezone.now())
    writeup_services.write_up_reopen(write_up=WriteUp.objects.get(pk=agreed.pk), user=officer)
    client.force_login(officer)
    html = client.get(language + _page_url(published)).content.decode()
    now = {"": "Now", "/pl": "Teraz", "/ar": None}[language]
    tables = re.findall(r'<div class="portal-table-scroll"[^>]*>\s*<table class="govuk-table">'
                        r'.*?</table>', html, flags=re.S)
    changes = [t for t in tables if "govuk-table__header--numeric" in t
               and (now is None or f">{now}</th>" in t)]
    assert changes, "the then/now table is not inside a scrolling region"
    # No then/now table left outside one.
    outside = re.sub(r'<div class="portal-table-scroll".*?</table>', "", html, flags=re.S)
    if now:
        assert f">{now}</th>" not in outside
