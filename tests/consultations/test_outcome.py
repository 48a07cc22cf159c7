"""After a consultation closes: the forum reviews the analysis, the outcome is published and
linked to the policy version it changed, and contact details are removed later."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from charter import services as charter_services
from charter.models import EvidenceEntry, ForumReviewTaskState, PageVersion
from consultations.models import ConsultationPage, ConsultationResponse, Status
from consultations.models.pages import consultation_status
from consultations.services import consultation_events_record, response_submit
from tests.charter.conftest import send_to_forum
from tests.consultations.conftest import make_consultation

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize("now,outcome,expected", [
    (NOW - 20 * DAY, False, Status.UPCOMING),
    (NOW - 8 * DAY, False, Status.PRE_CONSULTATION),
    (NOW - 2 * DAY, False, Status.UPCOMING),  # between the forum's window and opening
    (NOW, False, Status.OPEN),
    (NOW + 30 * DAY, False, Status.CLOSED),
    (NOW + 30 * DAY, True, Status.OUTCOME),
    (NOW, True, Status.OPEN),  # an outcome written early is not shown while still open
])
def test_status_comes_from_the_dates(now, outcome, expected):
    assert consultation_status(now=now, pre_opens=NOW - 10 * DAY, pre_closes=NOW - 5 * DAY,
                               opens=NOW - DAY, closes=NOW + 20 * DAY,
                               has_outcome=outcome) == expected


@pytest.fixture
def closed(consultation_index, calendar, tree):
    page = make_consultation(consultation_index, calendar, policy=tree.policy,
                             opens_in_days=-40, closes_in_days=-2, slug="closed")
    for i in range(3):
        ConsultationResponse.objects.create(
            consultation=page, respondent_type="parent", answers={}, contact_consent=True,
            contact_email=f"p{i}@example.org", contact_name=f"Parent {i}")
    return page


def test_the_outcome_goes_through_the_forum_and_links_to_the_policy_version(
    closed, officer, forum_rep, tree, client
):
    policy_review = send_to_forum(tree.policy, officer, in_short="Under-8s walk 1.5 miles.",
                                  change_note="After the consultation.")
    charter_services.review_decide(review=policy_review, user=forum_rep,
                                   decision=ForumReviewTaskState.Decision.AGREED)
    version = PageVersion.objects.get(page=tree.policy, number=2)

    draft = closed.get_latest_revision_as_object()
    draft.analysis = "Most of the 3 families agreed; two said 2 miles is unsafe for under-8s."
    draft.outcome = "We have lowered the distance for under-8s to 1.5 miles."
    draft.outcome_version = version
    draft.change_note = "Added what people told us and what we did."
    draft.save_revision(user=officer)
    from charter.coproduction import coproduction_workflow

    coproduction_workflow().start(draft, officer)
    review = draft.current_workflow_task_state.specific
    # Nothing is public until the forum has reviewed the analysis.
    assert "We have lowered the distance" not in client.get(closed.url).content.decode()
    charter_services.review_decide(review=review, user=forum_rep,
                                   decision=ForumReviewTaskState.Decision.AGREED)
    page = ConsultationPage.objects.get(pk=closed.pk)
    assert page.status == Status.OUTCOME
    html = client.get(page.url).content.decode()
    assert "You said, we did" in html
    assert "compare/1/2/" in html
    kinds = set(EvidenceEntry.objects.values_list("kind", flat=True))
    assert {"analysis_reviewed", "outcome_published"} <= kinds
    # Their typed words are beside the entries (the board reads them), hashed in public.
    for kind, field in (("analysis_reviewed", "analysis"), ("outcome_published", "outcome")):
        entry = EvidenceEntry.objects.get(kind=kind)
        assert set(json.loads(entry.payload_json)[field]) == {"text_sha256"}
        assert entry.texts.get(field=field).text == getattr(page, field)
    assert "lowered the distance" not in "".join(
        EvidenceEntry.objects.values_list("payload_json", flat=True))
    compare = client.get(tree.policy.url + "compare/1/2/").content.decode()
    assert "What families told us in consultation" in compare
    assert "two said 2 miles is unsafe" in compare


@pytest.mark.calendar
def test_contact_details_are_removed_after_the_agreed_time_once(closed, officer, forum_rep):
    from charter.services import evidence_append

    evidence_append(kind=EvidenceEntry.Kind.OUTCOME_PUBLISHED, subject=f"page:{closed.pk}",
                    page=closed, payload={"consultation": closed.pk})
    call_command("anonymise_consultation_contacts")
    assert ConsultationResponse.objects.exclude(contact_email="").count() == 3  # too soon
    from consultations.services import anonymise_contacts

    later = timezone.now() + dt.timedelta(days=181)
    assert anonymise_contacts(now=later) == 3
    assert not ConsultationResponse.objects.exclude(contact_email="").exists()
    assert ConsultationResponse.objects.filter(contact_anonymised_at__isnull=False).count() == 3
    assert anonymise_contacts(now=later) == 0  # idempotent
    assert EvidenceEntry.objects.filter(kind="contacts_anonymised").count() == 1


@pytest.mark.calendar
def test_windows_opening_and_closing_are_logged_once(closed):
    assert consultation_events_record(ConsultationPage.objects.all()) == 4
    assert consultation_events_record(ConsultationPage.objects.all()) == 0
    closed_entry = EvidenceEntry.objects.get(kind="consultation_closed")
    assert '"responses":3' in closed_entry.payload_json


def test_officers_key_in_responses_after_closing_but_the_public_cannot(closed, officer):
    from consultations.services import ConsultationNotOpen

    with pytest.raises(ConsultationNotOpen):
        response_submit(consultation=closed, respondent_type="parent", answers={})
    response, created = response_submit(consultation=closed, respondent_type="parent",
                                        answers={}, channel="paper", entered_by=officer)
    assert created and response.channel == "paper"


def test_the_proposed_draft_is_readable_beside_the_live_policy(client, consultation_index,
                                                              calendar, tree, officer):
    from wagtail.rich_text import RichText

    draft = tree.policy.get_latest_revision_as_object()
    draft.sections[1].value["body"] = RichText("<p>Children under 8 walk up to 1.5 miles.</p>")
    proposed = draft.save_revision(user=officer)
    page = make_consultation(consultation_index, calendar, policy=tree.policy,
                             proposed_revision=proposed, slug="proposed")
    html = client.get(page.url + "proposed/").content.decode()
    assert "This is a proposal we are consulting on." in html
    assert '<ins data-marker="added">1.5</ins>' in html or '<ins data-marker="added">' in html
    assert "Children under 8 walk up to 1.5 miles." in html
    live = client.get(tree.policy.url).content.decode()
    assert "1.5 miles" not in live
