"""An officer's typed reason for removing personal details may itself name someone ("it
named Amira Khan"). From the list of removals (Forum reviews > Removals of personal
details), an officer removes only that reason, after confirming: it is emptied beside the
log (never in the log, which holds only its salted hash), one ``text_removed`` entry says a
reason was removed (with no words), and the forum's, the board's and officers' pages read
"personal details" again. Nobody else can: anonymous visitors, parents, forum
representatives and board members are refused."""

import json

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from charter import record, services
from charter.models import EvidenceEntry, EvidenceText, ForumComment
from tests.charter.test_public_record import second_version  # noqa: F401  (the fixture)
from tests.charter.test_removal_reason_beside_the_log import AGAIN, REASON, _staff_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def removal(second_version, officer):  # noqa: F811
    comment = ForumComment.objects.get(page=second_version)
    return record.text_remove(record=comment, officer=officer, reason=REASON)


def _reason(entry) -> EvidenceText:
    return EvidenceText.objects.get(entry=entry, field="reason")


def _reason_removals():
    return [e for e in EvidenceEntry.objects.filter(kind="text_removed")
            if record.REASON_OF in json.loads(e.payload_json)]


def _urls(entry) -> tuple[str, str]:
    return (reverse("charter_removals"),
            reverse("charter_remove_reason", args=[entry.sequence]))


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member"])
def test_only_officers_see_the_removals_or_remove_a_reason(client, login_as, removal, role):
    login_as(role)
    listing, confirm = _urls(removal)
    for response in (client.get(listing), client.get(confirm), client.post(confirm)):
        assert response.status_code in (302, 403)
        assert REASON not in response.content.decode()
        if response.status_code == 302:
            assert "login" in response["Location"] or "sign-in" in response["Location"]
    assert _reason(removal).text == REASON
    assert _reason_removals() == []


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_an_officer_removes_a_reason_after_confirming(client, login_as, removal, role):
    login_as(role)
    listing, confirm = _urls(removal)
    page = client.get(listing).content.decode()
    assert REASON in page
    assert confirm in page  # "Remove the reason" beside it
    asked = client.get(confirm)
    assert asked.status_code == 200
    assert REASON in asked.content.decode()  # the officer sees what is about to go
    assert "Yes, remove the reason" in asked.content.decode()
    assert _reason(removal).text == REASON  # asking removes nothing

    sent = client.post(confirm, follow=True)
    assert sent.redirect_chain[-1][0] == listing
    html = sent.content.decode()
    assert "The reason was removed." in html
    assert REASON not in html
    assert "Reason removed" in html
    kept = _reason(removal)
    assert kept.text == "" and kept.salt == "" and kept.removed_at is not None
    assert REASON not in kept.removed_reason
    # One entry says so, with no words; the removal's own entry is unchanged.
    (logged,) = _reason_removals()
    payload = json.loads(logged.payload_json)
    assert payload[record.REASON_OF] == removal.sequence
    assert payload["entries"] == [removal.sequence]
    assert "reason" not in payload and not logged.texts.exists()
    assert "Amira" not in logged.payload_json
    assert EvidenceEntry.objects.filter(kind="text_removed").count() == 2
    assert services.evidence_verify().intact
    assert record.evidence_audit().intact


def test_the_forum_the_board_and_officers_read_personal_details_after(
        client, login_as, removal, second_version):  # noqa: F811
    comment = ForumComment.objects.get(page=second_version)
    login_as("officer")
    client.post(_urls(removal)[1])
    for role in ("forum_rep", "board_member", "officer"):
        login_as(role)
        for where, url in _staff_pages(comment, second_version).items():
            response = client.get(url)
            if response.status_code != 200:
                continue  # not this role's page
            html = response.content.decode()
            assert "Amira" not in html, (role, where)
            assert "personal details" in html, (role, where)
    lines = b"".join(client.get(reverse("board_record_download")).streaming_content).decode()
    assert "Amira" not in lines


def test_a_reason_removed_already_cannot_be_removed_again(client, login_as, removal):
    login_as("officer")
    confirm = _urls(removal)[1]
    client.post(confirm)
    again = client.post(confirm)
    assert again.status_code == 400
    assert "there is nothing to remove" in again.content.decode()
    assert len(_reason_removals()) == 1


def test_removing_the_text_again_shows_the_new_reason(
        client, login_as, removal, second_version, officer):  # noqa: F811
    comment = ForumComment.objects.get(page=second_version)
    login_as("officer")
    client.post(_urls(removal)[1])
    record.text_remove(record=comment, officer=officer, reason=AGAIN)
    html = client.get(reverse("charter_page_comments", args=[second_version.pk])).content \
        .decode()
    assert AGAIN in html
    # The entry that took a reason away is not listed as a removal, nor acted on.
    (reason_removal,) = _reason_removals()
    assert client.get(reverse("charter_remove_reason",
                              args=[reason_removal.sequence])).status_code == 404


def test_only_a_removal_can_have_its_reason_removed(removal, officer, forum_rep):
    other = EvidenceEntry.objects.exclude(kind="text_removed").first()
    with pytest.raises(record.ValidationError):
        record.removal_reason_remove(entry=other, officer=officer)
    with pytest.raises(record.PermissionDenied):
        record.removal_reason_remove(entry=removal, officer=forum_rep)
    assert _reason(removal).text == REASON


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_the_removals_pages_speak_the_officers_language(client, login_as, removal, language):
    officer = login_as("officer")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = language
    profile.save()
    listing, confirm = _urls(removal)
    words = {"pl": ("Usuń powód", "Tak, usuń powód", "Powód został usunięty."),
             "ar": ("أزِل السبب", "نعم، أزِل السبب", "أُزيل السبب.")}[language]
    assert words[0] in client.get(listing).content.decode()
    assert words[1] in client.get(confirm).content.decode()
    done = client.post(confirm, follow=True).content.decode()
    assert words[2] in done
    assert "Remove the reason" not in done and "The reason was removed" not in done
