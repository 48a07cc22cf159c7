"""Each address is invited to a survey once: one checked list confirmed by several presses at
the same moment makes one mailing, two lists carrying the same address give it one code,
and a list with nobody new makes no mailing at all (nor an entry in the evidence log)."""

import json

import pytest
from django.db import IntegrityError, connection, transaction

from charter.models import EvidenceEntry
from surveys import invitation_files, services
from surveys.models import SurveyInvitation, SurveyMailing

Kind = EvidenceEntry.Kind
pytestmark = pytest.mark.django_db


def _rows(names):
    return [services.InvitationRow(f"{name}@example.org", "parents") for name in names]


def _digest(survey, rows):
    return invitation_files.rows_digest(survey.pk, [[r.email, r.audience, r.language]
                                                    for r in rows])


@pytest.fixture
def unseen(monkeypatch):
    """Each confirm as a press at the same moment as the others sees the database: on
    PostgreSQL each runs in its own transaction, and none sees the others' mailing or
    invitations before they commit; only the database's unique constraints stand between
    them (SQLite runs them one after another, so sees everything, the easy case)."""
    monkeypatch.setattr(services, "_list_mailing", lambda survey, key: None)
    monkeypatch.setattr(services, "_invited", lambda survey: set())


def test_presses_at_the_same_moment_for_one_list_make_one_mailing(survey, officer, unseen):
    rows = _rows(f"parent{n}" for n in range(300))
    key = _digest(survey, rows)
    results = [services.invitations_send(survey=survey, rows=rows, user=officer, key=key)
               for _press in range(4)]
    [mailing] = SurveyMailing.objects.all()
    assert [created for _m, created in results] == [True, False, False, False]
    assert {m.pk for m, _created in results} == {mailing.pk}
    assert mailing.total == 300 and SurveyInvitation.objects.count() == 300
    assert EvidenceEntry.objects.filter(kind=Kind.SURVEY_INVITATIONS_SENT).count() == 1


def test_two_lists_at_the_same_moment_give_each_address_one_code(survey, officer, unseen):
    first = _rows(["alex", "sam", "kim", "jo"])
    second = _rows(["jo", "KIM", "lee"])
    third = _rows(["alex", "Sam"])
    made = [services.invitations_send(survey=survey, rows=rows, user=officer,
                                      key=_digest(survey, rows))
            for rows in (first, second, third)]
    emails = sorted(SurveyInvitation.objects.values_list("email", flat=True))
    assert emails == [f"{n}@example.org" for n in ("alex", "jo", "kim", "lee", "sam")]
    assert [m.total if m else None for m, _created in made] == [4, 1, None]
    assert SurveyMailing.objects.count() == 2  # none of "0 of 0"
    logged = [json.loads(e.payload_json)["invitations"] for e in EvidenceEntry.objects.filter(
        kind=Kind.SURVEY_INVITATIONS_SENT).order_by("sequence")]
    assert logged == [4, 1]


def test_a_code_taken_at_the_same_moment_is_given_a_new_one(survey, officer, monkeypatch):
    taken = SurveyInvitation.objects.create(survey=survey, email="first@example.org")
    codes = iter([taken.code, "NEWCODE2"])
    monkeypatch.setattr(services, "_unique_codes", lambda invitations: None)
    monkeypatch.setattr(services, "new_code", lambda: next(codes))
    mailing = services.invitations_create(survey=survey, rows=_rows(["second"]), user=officer)
    assert mailing.total == 1
    assert SurveyInvitation.objects.get(email="second@example.org").code == "NEWCODE2"


def test_a_list_with_nobody_new_makes_no_mailing_and_logs_nothing(
        client, login_as, survey, officer, django_capture_on_commit_callbacks):
    services.invitations_send(survey=survey, rows=_rows(["alex", "sam"]), user=officer)
    assert services.invitations_send(survey=survey, rows=_rows(["SAM", "alex"]),
                                     user=officer, key="another list") == (None, False)
    assert SurveyMailing.objects.count() == 1
    assert EvidenceEntry.objects.filter(kind=Kind.SURVEY_INVITATIONS_SENT).count() == 1
    login_as("officer")
    url = f"/admin/surveys/{survey.pk}/invitations/"
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(url, {"action": "upload", "file": SimpleUploadedFile(
        "again.csv", b"email\nalex@example.org\n", "text/csv")})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "confirm",
                                     "checked": client.session["pending_invitations"]["digest"]},
                               follow=True)
    html = " ".join(response.content.decode().split())
    assert "Every address in this list had been invited already" in html
    assert "0 of 0" not in html
    assert SurveyMailing.objects.count() == 1


def test_the_database_refuses_a_second_invitation_to_one_address(survey):
    SurveyInvitation.objects.create(survey=survey, email="jo@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyInvitation.objects.create(survey=survey, email="Jo@Example.org")
    # Deleted addresses (the survey closed) do not count.
    SurveyInvitation.objects.filter(email="jo@example.org").update(email="")
    SurveyInvitation.objects.create(survey=survey, email="")
    SurveyInvitation.objects.create(survey=survey, email="jo@example.org")
    assert connection.vendor in ("sqlite", "postgresql")
