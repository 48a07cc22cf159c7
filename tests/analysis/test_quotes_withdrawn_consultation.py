"""A consultation's agreed write-up: a quote whose respondent's consent is withdrawn, or
whose answer had personal details removed, after the forum agreed it, is taken out of the
public findings (the findings page and the compare view read ``published_findings``)."""

from __future__ import annotations

import pytest

from analysis import writeup_selectors, writeup_services
from analysis.models import QuoteConsent
from tests.analysis.test_write_up import _agree, coded  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("term_day")


def test_a_quote_whose_consent_is_withdrawn_or_details_removed_is_no_longer_public(
        frame, consultation, officer, forum_rep, coded):  # noqa: F811
    _agree(frame, officer, forum_rep)
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    writeup_services.write_up_agree(write_up=write_up, user=forum_rep)

    def public() -> str:
        found = writeup_selectors.published_findings([consultation])[consultation.pk]
        return "\n".join(f.text for f in found)

    question = frame.question_id
    shown = public()
    quoted = [r for r in coded if r.answers[question].strip() in shown]
    assert len(quoted) >= 3
    withdrawn, redacted, kept = quoted[:3]
    QuoteConsent.objects.filter(response=withdrawn).delete()
    words = redacted.answers[question].split()[0]
    writeup_services.redaction_add(response=redacted, question_id=question, words=words,
                                   reason="names the school", user=officer)
    now = public()
    assert withdrawn.answers[question].strip() not in now
    assert redacted.answers[question].strip() not in now
    assert kept.answers[question].strip() in now
    found = writeup_selectors.published_findings([consultation])[consultation.pk]
    assert sum(f.withdrawn for f in found) == 2
