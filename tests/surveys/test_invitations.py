"""Invitation codes: officers upload addresses, check them, and only then send; the addresses
go when the survey closes, and no answer can be traced back to an invitation."""

import datetime as dt
import io
import json
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import ForeignKey
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.users.models import UserProfile

from charter.models import EvidenceEntry
from surveys import invitation_files, services
from surveys.models import SurveyInvitation, SurveyPage, SurveyResponse, SurveyUsedCode
from surveys.views.admin import PENDING_INVITATIONS
from tests.exports.flow import export_text
from tests.surveys.conftest import make_survey, question_ids

pytestmark = pytest.mark.django_db
Kind = EvidenceEntry.Kind
CLEAN = (b"email,audience\n"
         b"alex@example.org,parents\n"
         b"Sam@Example.org,young people\n"
         b"head@school.example.org,schools\n")


def _text(response) -> str:
    """The page's HTML with runs of spaces and line breaks made one space."""
    return " ".join(response.content.decode().split())


def _url(survey):
    return reverse("surveys_invitations", args=[survey.pk])


def _upload(client, survey, content, name="invite.csv"):
    return client.post(_url(survey), {"action": "upload",
                                      "file": SimpleUploadedFile(name, content, "text/csv")})


def _follow(client, response):
    """Follow the redirect after the request's transaction committed and its tasks ran (as
    they do in-process with no broker), collecting the redirect chain like ``follow=True``."""
    chain = []
    while response.status_code in (301, 302):
        chain.append((response.url, response.status_code))
        response = client.get(response.url)
    response.redirect_chain = chain
    return response


def _checked(response) -> str:
    """The checked list the check step's Send button names."""
    return re.search(r'name="checked" value="([0-9a-f]+)"', response.content.decode()).group(1)


def _confirm(client, survey, capture, checked=None):
    """Press Send on the check step: the list named by ``checked``, by default the one
    waiting in the session."""
    if checked is None:
        checked = (client.session.get(PENDING_INVITATIONS) or {}).get("digest", "")
    with capture(execute=True):
        response = client.post(_url(survey), {"action": "confirm", "checked": checked})
    return _follow(client, response)


def _invited_days_ago(days=3):
    """The invitations went ``days`` ago (reminders wait 48 hours after an invitation)."""
    SurveyInvitation.objects.update(sent_at=timezone.now() - dt.timedelta(days=days))


def _close(survey):
    """The survey's closing time passes (as it would overnight)."""
    SurveyPage.objects.filter(pk=survey.pk).update(
        closes=timezone.now() - dt.timedelta(minutes=1),
        opens=timezone.now() - dt.timedelta(days=30))
    survey.refresh_from_db()


def test_an_upload_is_previewed_and_nothing_is_saved_or_sent(client, login_as, survey):
    login_as("officer")
    response = _upload(client, survey, CLEAN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check the addresses before you send" in html
    html = _text(response)
    assert "3 addresses read from invite.csv: 1 parent or carer, 1 young person, " \
           "1 school or college." in html
    assert "sam@example.org" in html
    assert "Send 3 invitations" in html
    assert not SurveyInvitation.objects.exists()
    assert mail.outbox == []
    assert client.session[PENDING_INVITATIONS]["rows"][1] == ["sam@example.org", "young_people",
                                                                  "en"]


def test_each_bad_line_is_named_and_nothing_can_be_sent(client, login_as, survey,
                                                        django_capture_on_commit_callbacks):
    login_as("officer")
    response = _upload(client, survey, CLEAN + b"not-an-address,parents\n"
                                               b"jo@example.org,teachers\n"
                                               b"alex@example.org,\n")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing has been sent or saved. 3 problems in invite.csv:" in html
    assert "Line 5: “not-an-address” is not an e-mail address." in html
    assert "Line 6: “teachers” is not an audience" in html
    assert "Line 7: alex@example.org is already on line 2." in html
    assert "Send 3 invitations" not in html
    follow = _confirm(client, survey, django_capture_on_commit_callbacks)
    assert "There is no checked file waiting to be sent." in follow.content.decode()
    assert not SurveyInvitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("content, message", [
    (b"", "The file is empty."),
    (b"email\njo\xe9@example.org\n", "not text saved as UTF-8"),
    (b"email\n" + b"someone.with.a.long.address@example.org\n" * 30_000,
     "larger than 1 MB"),
])
def test_files_that_cannot_be_read_say_why(client, login_as, survey, content, message):
    login_as("officer")
    response = _upload(client, survey, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SurveyInvitation.objects.exists()


def test_confirming_makes_one_code_per_address_and_emails_it_with_the_link(
    client, login_as, survey, django_capture_on_commit_callbacks
):
    login_as("officer")
    _upload(client, survey, CLEAN)
    response = _confirm(client, survey, django_capture_on_commit_callbacks)
    assert response.redirect_chain[-1][0].startswith(_url(survey).replace("invitations/",
                                                                          "mailings/"))
    assert "3 of 3 invitations sent." in _text(response)
    page = _text(client.get(_url(survey)))
    assert "3 invited</strong> · 0 codes used · 3 addresses still held." in page
    assert "3 of 3 sent." in page
    invitations = {i.email: i for i in SurveyInvitation.objects.filter(survey=survey)}
    assert sorted(invitations) == ["alex@example.org", "head@school.example.org",
                                   "sam@example.org"]
    assert invitations["sam@example.org"].audience == "young_people"
    assert all(i.sent_at for i in invitations.values())
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        invitation = invitations[message.to[0]]
        assert invitation.code in message.body
        # After "#", which browsers never send: the code is in no address the server sees.
        assert f"{survey.url}respond/#code={invitation.code}" in message.body
        assert "?code=" not in message.body
        # A sentence starts with a capital, and the message says which language it is in.
        assert message.body.startswith("We would like to know what you think")
        assert message.extra_headers["Content-Language"] == "en-GB"
        # From the portal by name, as its other e-mails are, not from a bare address.
        assert message.from_email == "SEND travel portal <send-travel@example.gov.uk>"
    assert PENDING_INVITATIONS not in client.session
    entry = EvidenceEntry.objects.get(kind=Kind.SURVEY_INVITATIONS_SENT)
    assert json.loads(entry.payload_json)["invitations"] == 3
    assert "alex@example.org" not in entry.payload_json


def test_an_address_already_invited_does_not_get_a_second_code(
    client, login_as, survey, django_capture_on_commit_callbacks
):
    login_as("officer")
    _upload(client, survey, CLEAN)
    _confirm(client, survey, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    html = _upload(client, survey, b"email\nALEX@example.org\nnew@example.org\n").content.decode()
    assert "1 was invited before and will not get a second code." in html
    assert "Send 1 invitation" in html
    response = _confirm(client, survey, django_capture_on_commit_callbacks)
    assert "1 address was already invited and will not get a second code." in _text(response)
    assert "1 of 1 invitations sent." in _text(response)
    assert SurveyInvitation.objects.filter(email="alex@example.org").count() == 1
    assert [m.to for m in mail.outbox] == [["new@example.org"]]


def test_reminders_go_only_to_codes_not_yet_used(client, login_as, survey,
                                                 django_capture_on_commit_callbacks):
    login_as("officer")
    _upload(client, survey, CLEAN)
    _confirm(client, survey, django_capture_on_commit_callbacks)
    used = SurveyInvitation.objects.get(email="alex@example.org")
    ids = question_ids(survey)
    services.survey_submit(survey=survey, audience="parents",
                           answers={ids["Overall satisfaction"]: 5}, code=used.code)
    _invited_days_ago()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(survey), {"action": "remind-confirm"})
    response = _follow(client, response)
    assert "2 of 2 reminders sent." in _text(response)
    assert sorted(m.to[0] for m in mail.outbox) == ["head@school.example.org",
                                                    "sam@example.org"]
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox)
    used.refresh_from_db()
    assert used.reminded_at is None


@pytest.mark.calendar
def test_closing_deletes_the_addresses_once_and_logs_it(client, login_as, survey,
                                                        django_capture_on_commit_callbacks):
    login_as("officer")
    _upload(client, survey, CLEAN)
    _confirm(client, survey, django_capture_on_commit_callbacks)
    call_command("record_survey_events", stdout=io.StringIO())  # opened, still open
    assert SurveyInvitation.objects.exclude(email="").count() == 3
    _close(survey)
    out = io.StringIO()
    call_command("record_survey_events", stdout=out)
    assert "Survey invitation addresses deleted: Travel satisfaction survey 2026" in \
        out.getvalue()
    assert not SurveyInvitation.objects.exclude(email="").exists()
    assert SurveyInvitation.objects.count() == 3  # the codes stay, for the counts
    call_command("record_survey_events", stdout=io.StringIO())
    entries = EvidenceEntry.objects.filter(kind=Kind.SURVEY_ADDRESSES_DELETED)
    assert entries.count() == 1
    assert json.loads(entries.get().payload_json)["addresses"] == 3
    html = _text(client.get(_url(survey)))
    assert "Its invitation addresses were deleted when it closed." in html
    assert "3 invited</strong> · 0 codes used · 0 addresses still held." in html
    assert 'name="file"' not in html
    assert "Send a reminder" not in html


@pytest.mark.calendar
def test_a_closed_survey_takes_no_more_invitations(client, login_as, survey_index,
                                                   django_capture_on_commit_callbacks):
    login_as("officer")
    closed = make_survey(survey_index, year=2025, opens_in_days=-60, closes_in_days=-30)
    # A stale preview from before it closed cannot be sent either.
    session = client.session
    rows = [["a@example.org", "parents", "en"]]
    session[PENDING_INVITATIONS] = {"survey": closed.pk, "rows": rows,
                                    "digest": invitation_files.rows_digest(closed.pk, rows)}
    session.save()
    response = _confirm(client, closed, django_capture_on_commit_callbacks)
    assert "This survey has closed: no more invitations." in response.content.decode()
    assert not SurveyInvitation.objects.exists()
    assert mail.outbox == []


def test_a_used_code_never_links_to_a_response(client, login_as, survey,
                                               django_capture_on_commit_callbacks):
    login_as("officer")
    _upload(client, survey, CLEAN)
    _confirm(client, survey, django_capture_on_commit_callbacks)
    invitation = SurveyInvitation.objects.get(email="sam@example.org")
    before = SurveyInvitation.objects.filter(pk=invitation.pk).values().get()
    ids = question_ids(survey)
    response, created = services.survey_submit(
        survey=survey, audience="parents", answers={ids["Overall satisfaction"]: 2},
        code=invitation.code)
    assert created
    # Its use is only a hash in the used-code store; the invitation row is not written.
    assert SurveyUsedCode.objects.filter(code_hash=invitation.code_hash).exists()
    assert SurveyInvitation.objects.filter(pk=invitation.pk).values().get() == before
    # The audience is the invitation's, not the one the caller gave.
    assert response.audience == invitation.audience == "young_people"
    # Nothing on a response points at an invitation, and nothing on an invitation at a
    # response.
    assert not [f for f in SurveyResponse._meta.get_fields()
                if isinstance(f, ForeignKey) and f.related_model is SurveyInvitation]
    assert not [f for f in SurveyInvitation._meta.get_fields()
                if getattr(f, "related_model", None) is SurveyResponse]
    row = SurveyResponse.objects.filter(pk=response.pk).values().get()
    assert invitation.code not in str(row) and invitation.email not in str(row)
    assert row["submitted_on"] == timezone.localdate()  # a day, not a time to match
    body = export_text(client, reverse("surveys_responses_csv", args=[survey.pk]))
    assert invitation.code not in body and invitation.email not in body


def test_a_code_already_taken_is_replaced_before_it_is_sent(survey, officer, monkeypatch):
    SurveyInvitation.objects.create(survey=survey, code="AAAAAAAA", email="first@example.org")
    # The generator hands out the taken code twice (once for each new address), then others.
    codes = iter(["AAAAAAAA", "AAAAAAAA", "BBBBBBBB", "CCCCCCCC"])
    monkeypatch.setattr(services, "new_code", lambda: next(codes))
    mailing = services.invitations_create(
        survey=survey, user=officer,
        rows=[services.InvitationRow("one@example.org", "parents"),
              services.InvitationRow("two@example.org", "parents")])
    assert mailing.total == 2
    stored = dict(SurveyInvitation.objects.values_list("email", "code"))
    assert stored == {"first@example.org": "AAAAAAAA", "one@example.org": "BBBBBBBB",
                      "two@example.org": "CCCCCCCC"}
    services.mailing_send(mailing_id=mailing.pk)
    assert all(i.sent_at for i in SurveyInvitation.objects.exclude(email="first@example.org"))
    assert sorted(m.to[0] for m in mail.outbox) == ["one@example.org", "two@example.org"]


def test_two_new_addresses_never_share_a_code(survey, officer, monkeypatch):
    codes = iter(["DDDDDDDD", "DDDDDDDD", "EEEEEEEE"])
    monkeypatch.setattr(services, "new_code", lambda: next(codes))
    services.invitations_create(
        survey=survey, user=officer,
        rows=[services.InvitationRow("one@example.org", "parents"),
              services.InvitationRow("two@example.org", "schools")])
    assert dict(SurveyInvitation.objects.values_list("email", "code")) == {
        "one@example.org": "DDDDDDDD", "two@example.org": "EEEEEEEE"}


def _buttons(response) -> list[str]:
    """The page's own buttons (below its header), in the order a keyboard reaches them."""
    html = response.content.decode()
    html = html[html.index('class="nice-padding"'):]
    return [" ".join(re.sub(r"<[^>]+>", " ", b).split())
            for b in re.findall(r"<button\b[^>]*>(.*?)</button>", html, re.S)]


def test_checking_a_second_file_offers_its_own_send_first_and_no_reminder(
        client, login_as, survey, django_capture_on_commit_callbacks):
    login_as("officer")
    _upload(client, survey, CLEAN)
    _confirm(client, survey, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    response = _upload(client, survey, b"email\nnew1@example.org\nnew2@example.org\n")
    assert "Check the addresses before you send" in _text(response)
    buttons = _buttons(response)
    assert buttons[0] == "Send 2 invitations"
    assert "Cancel: send nothing" in buttons
    assert not any("remind" in b.lower() for b in buttons)
    # The ordinary page: inviting first, then reminding in a section of its own.
    page = _text(client.get(_url(survey)))
    assert page.index("Invite people") < page.index("Remind people who have not answered")
    assert _buttons(client.get(_url(survey)))[-1] == "Remind people who have not answered…"


def test_one_press_of_remind_sends_nothing_and_says_how_many_would_get_one(
        client, login_as, survey, django_capture_on_commit_callbacks):
    login_as("officer")
    _upload(client, survey, CLEAN)
    _confirm(client, survey, django_capture_on_commit_callbacks)
    _invited_days_ago()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(survey), {"action": "remind"})
    assert response.status_code == 200
    assert mail.outbox == []
    assert not SurveyInvitation.objects.filter(reminded_at__isnull=False).exists()
    assert "Send 3 reminders?" in _text(response)
    assert _buttons(response) == ["Yes, send 3 reminders", "Back: send nothing"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(survey), {"action": "remind-confirm"})
    assert "3 of 3 reminders sent." in _text(_follow(client, response))
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("language, words", [
    ("pl", ["Kody zaproszeń", "Sprawdź adresy przed wysłaniem",
            "3 adresy odczytane z invite.csv:", "Wyślij 3 zaproszenia",
            "Anuluj: nic nie wysyłaj"]),
    ("ar", ["رموز الدعوة", "راجع العناوين قبل الإرسال", "أرسل الدعوات (3)"]),
])
def test_an_officer_whose_admin_reads_polish_or_arabic_reads_the_invitations_page_in_it(
    client, login_as, survey, language, words, django_capture_on_commit_callbacks
):
    officer = login_as("officer")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = language
    profile.save()
    page = _text(client.get(_url(survey)))
    assert {"pl": "Zaproś osoby", "ar": "دعوة الأشخاص"}[language] in page
    assert "Invite people" not in page and "Read the file" not in page
    preview = _text(_upload(client, survey, CLEAN))
    for said in words:
        assert said in preview
    assert "Check the addresses before you send" not in preview
    progress = _text(_confirm(client, survey, django_capture_on_commit_callbacks))
    assert {"pl": "Wysłano zaproszenia: 3 z 3.", "ar": "أُرسلت الدعوات: 3 من 3."}[language] \
        in progress
    assert {"pl": "Wróć do kodów zaproszeń", "ar": "العودة إلى رموز الدعوة"}[language] \
        in progress
    assert "invitations sent" not in progress and "Back to invitation codes" not in progress
    page = _text(client.get(_url(survey)))
    assert {"pl": "3 zaproszone osoby</strong> · 0 kodów użytych",
            "ar": "عدد المدعوين: 3</strong>"}[language] in page
    assert {"pl": "wysłano 3 z 3", "ar": "أُرسل 3 من 3"}[language] in page
    assert "invited</strong>" not in page and "Sent from here" not in page


@pytest.mark.parametrize(("language", "said", "english"), [
    ("pl", "Wiersz 3: „not-an-address” nie jest adresem e-mail; „pupils” nie jest grupą "
           "odbiorców (użyj ", "is not an e-mail address"),
    ("ar", "السطر 3: «not-an-address» ليس عنوان بريد إلكتروني؛ «pupils» ليست فئة جمهور",
     "is not an audience"),
])
def test_what_is_wrong_with_a_file_is_said_in_the_officers_admin_language(
    client, login_as, survey, language, said, english
):
    officer = login_as("officer")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = language
    profile.save()
    response = _upload(client, survey, b"email,audience\nann@example.org,parents\n"
                                       b"not-an-address,pupils\n")
    assert response.status_code == 400
    page = _text(response)
    assert said in page
    assert english not in page


def test_polish_dates_on_the_invitations_pages_are_in_the_genitive(
    client, login_as, survey, django_capture_on_commit_callbacks
):
    """"30 listopada 2026", as the public site writes it, not "30 Listopad 2026"."""
    officer = login_as("officer")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "pl"
    profile.save()
    _upload(client, survey, CLEAN)
    progress = _text(_confirm(client, survey, django_capture_on_commit_callbacks))
    page = _text(client.get(_url(survey)))
    with translation.override("pl"):
        today = timezone.localtime()
        genitive = formats.date_format(today, "j E Y")
        nominative = formats.date_format(today, "j F Y")
    assert genitive != nominative
    assert f"Zakończono {genitive}" in progress and nominative not in progress
    assert f"Zaproszenia, {genitive}" in page and nominative not in page


FILE_A = b"email\nfilea0@example.org\nfilea1@example.org\n"
FILE_B = b"email\nfileb0@example.org\nfileb1@example.org\nfileb2@example.org\n"


def test_send_in_a_tab_whose_list_another_tab_replaced_sends_nothing_and_says_why(
        client, login_as, survey, django_capture_on_commit_callbacks):
    login_as("officer")
    tab_a = _upload(client, survey, FILE_A, name="fileA.csv")
    assert "Send 2 invitations" in _text(tab_a)
    tab_b = _upload(client, survey, FILE_B, name="fileB.csv")
    assert "Send 3 invitations" in _text(tab_b)
    # Tab A's button still shows "Send 2 invitations": pressing it sends nothing at all.
    response = _confirm(client, survey, django_capture_on_commit_callbacks,
                        checked=_checked(tab_a))
    text = _text(response)
    assert "Nothing was sent. You pressed Send for 2 addresses from fileA.csv, but that " \
           "list was replaced by another upload (3 addresses from fileB.csv), perhaps in " \
           "another tab." in text
    assert mail.outbox == []
    assert not SurveyInvitation.objects.exists()
    # Tab B's list is still waiting and goes as checked, to its own three addresses.
    response = _confirm(client, survey, django_capture_on_commit_callbacks,
                        checked=_checked(tab_b))
    assert "3 of 3 invitations sent." in _text(response)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "fileb0@example.org", "fileb1@example.org", "fileb2@example.org"]


def test_send_pressed_twice_for_one_checked_list_sends_it_once_and_shows_its_progress(
        client, login_as, survey, django_capture_on_commit_callbacks):
    login_as("officer")
    checked = _checked(_upload(client, survey, FILE_A, name="fileA.csv"))
    _confirm(client, survey, django_capture_on_commit_callbacks, checked=checked)
    # Back, and the same button again (or the same list checked in a second tab).
    response = _confirm(client, survey, django_capture_on_commit_callbacks, checked=checked)
    text = _text(response)
    assert "This list (2 addresses from fileA.csv) was already sent: here is how far it " \
           "has got." in text
    assert "2 of 2 invitations sent." in text
    assert sorted(m.to[0] for m in mail.outbox) == ["filea0@example.org",
                                                    "filea1@example.org"]


def test_a_send_that_names_no_checked_list_sends_nothing(
        client, login_as, survey, django_capture_on_commit_callbacks):
    login_as("officer")
    _upload(client, survey, FILE_A, name="fileA.csv")
    response = _confirm(client, survey, django_capture_on_commit_callbacks, checked="")
    assert "Nothing was sent: the checked list you pressed Send for is no longer waiting " \
           "(the one waiting now is 2 addresses from fileA.csv)." in _text(response)
    assert mail.outbox == [] and not SurveyInvitation.objects.exists()


def test_the_same_rows_for_the_same_survey_name_the_same_list_and_any_change_another():
    rows = [["a@example.org", "parents", "en"], ["b@example.org", "schools", "pl"]]
    digest = invitation_files.rows_digest(7, rows)
    assert digest == invitation_files.rows_digest(7, [list(r) for r in rows])
    assert digest != invitation_files.rows_digest(8, rows)
    assert digest != invitation_files.rows_digest(7, rows[:1])
    assert digest != invitation_files.rows_digest(7, [rows[0], ["b@example.org", "schools",
                                                                "ar"]])
