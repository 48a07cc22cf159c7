"""Families respond without an account; nothing typed is lost, nothing is stored twice."""

import csv
import io

import pytest
from django.urls import reverse

from consultations.models import ConsultationResponse
from tests.consultations.conftest import make_consultation, question_ids
from tests.css import classes_around_input, hiding_classes
from tests.exports.flow import export_download, export_text

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]


def _respond_url(page):
    return page.url + "respond/"


def _answers(page, **extra):
    agree, single, multi, free = question_ids(page)
    data = {"respondent_type": "parent", f"q_{agree}": "Agree", f"q_{single}": "Bus pass",
            f"q_{multi}": ["Monday", "Friday"], f"q_{free}": "My son is 6 and anxious.",
            "submission_key": "key-1"}
    data.update(extra)
    return data


@pytest.mark.calendar
def test_a_parent_responds_and_gets_a_reference(client, consultation):
    response = client.post(_respond_url(consultation), _answers(consultation))
    assert response.status_code == 302
    stored = ConsultationResponse.objects.get()
    assert response["Location"].endswith(f"respond/thank-you/{stored.reference}/")
    page = client.get(response["Location"]).content.decode()
    assert stored.reference in page and "Response sent" in page
    agree, single, multi, free = question_ids(consultation)
    assert stored.answers == {agree: "Agree", single: "Bus pass", multi: ["Monday", "Friday"],
                              free: "My son is 6 and anxious."}
    assert stored.channel == "online" and stored.respondent_type == "parent"


def test_a_missing_required_answer_shows_an_error_summary_and_keeps_the_rest(client,
                                                                              consultation):
    agree, *_ = question_ids(consultation)
    data = _answers(consultation)
    del data[f"q_{agree}"]
    response = client.post(_respond_url(consultation), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_q_{agree}_0"' in html  # the group's first radio, which takes focus
    assert ("Answer question 1, “Under-8s should walk no more than 1.5 miles.”: it is "
            "needed.") in html
    assert "My son is 6 and anxious." in html  # kept
    assert 'value="Bus pass" checked' in html
    assert not ConsultationResponse.objects.exists()


@pytest.mark.parametrize("field,value,message", [
    ("single", "Helicopter", "Question 2, “How does your child get to school?”: choose one "
                             "of the answers shown."),
    ("free", "x" * 101, "Question 4, “Anything else?”: keep this answer to 100 characters. "
                        "It has 101 now."),
    ("respondent_type", "robot", "Say who you are answering as: choose one of the answers "
                                 "shown."),
])
def test_bad_answers_get_clear_messages(client, consultation, field, value, message):
    agree, single, multi, free = question_ids(consultation)
    key = {"single": f"q_{single}", "free": f"q_{free}"}.get(field, field)
    response = client.post(_respond_url(consultation), _answers(consultation, **{key: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_a_double_click_stores_one_response(client, consultation):
    first = client.post(_respond_url(consultation), _answers(consultation))
    second = client.post(_respond_url(consultation), _answers(consultation))
    reference = ConsultationResponse.objects.get().reference
    assert first["Location"].endswith(f"/{reference}/")
    assert second.status_code == 200
    assert (f"You have already sent this; your reference is {reference}."
            in second.content.decode())


def test_contact_details_are_kept_only_with_consent(client, consultation):
    client.post(_respond_url(consultation), _answers(
        consultation, contact_name="Sam", contact_email="sam@example.org", submission_key="a"))
    assert ConsultationResponse.objects.get().contact_email == ""
    client.post(_respond_url(consultation), _answers(
        consultation, contact_consent="on", contact_name="Sam", contact_email="sam@example.org",
        submission_key="b"))
    assert ConsultationResponse.objects.get(submission_key="b").contact_email == "sam@example.org"


def test_consent_without_a_way_to_contact_is_refused(client, consultation):
    response = client.post(_respond_url(consultation), _answers(consultation,
                                                                contact_consent="on"))
    assert response.status_code == 400
    assert "Give an email address or phone number" in response.content.decode()


def test_free_text_is_stored_as_typed_and_shown_as_text(client, login_as, consultation):
    *_, free = question_ids(consultation)
    typed = "<script>alert(1)</script>Hello <b>there</b>.\n\nI wrote to <transport@example.gov.uk>"
    client.post(_respond_url(consultation), _answers(consultation, **{f"q_{free}": typed}))
    assert ConsultationResponse.objects.get().answers[free] == typed
    login_as("officer")
    html = client.get(reverse("consultations_responses", args=[consultation.pk])).content.decode()
    assert "<script>alert" not in html
    assert ("<li><p>&lt;script&gt;alert(1)&lt;/script&gt;Hello &lt;b&gt;there&lt;/b&gt;.</p>\n\n"
            "<p>I wrote to &lt;transport@example.gov.uk&gt;</p></li>") in html


def test_the_export_holds_the_characters_typed(client, login_as, consultation):
    *_, free = question_ids(consultation)
    typed = "Fish & chips <at> 5 > 4"
    client.post(_respond_url(consultation), _answers(
        consultation, **{f"q_{free}": typed}, contact_name="Anna <Nowak> & co",
        contact_consent="on", contact_email="anna@example.com"))
    login_as("officer")
    text = export_text(client, reverse("consultations_export", args=[consultation.pk]))
    rows = list(csv.reader(io.StringIO(text)))
    assert typed in rows[1] and "Anna <Nowak> & co" in rows[1]
    assert "&amp;" not in text and "&lt;" not in text


def test_invisible_characters_go_and_a_null_is_no_error(client, consultation):
    *_, free = question_ids(consultation)
    response = client.post(_respond_url(consultation), _answers(
        consultation, **{f"q_{free}": "Late\x00 every day\u202e.", "contact_name": "A\x00B",
                         "contact_email": "a@example.com\x00", "contact_consent": "on"}))
    assert response.status_code == 302, response.content.decode()
    stored = ConsultationResponse.objects.get()
    assert stored.answers[free] == "Late every day."
    assert (stored.contact_name, stored.contact_email) == ("AB", "a@example.com")


def test_arabic_answers_keep_their_characters(client, consultation):
    *_, free = question_ids(consultation)
    arabic = "ابني عمره ٦ سنوات\u200f ويخاف من الحافلة\u200c."
    client.post(_respond_url(consultation), _answers(consultation, **{f"q_{free}": arabic},
                                                     submission_key="ar-1"))
    assert ConsultationResponse.objects.get().answers[free] == arabic


def test_an_officer_keys_in_what_was_written_on_paper(client, login_as, consultation):
    *_, free = question_ids(consultation)
    login_as("officer")
    typed = "Letter says: <see attached> & call me."
    response = client.post(reverse("consultations_add_response", args=[consultation.pk]),
                           {**_answers(consultation, **{f"q_{free}": typed + "\x00"}),
                            "channel": "paper"})
    assert response.status_code == 302
    assert ConsultationResponse.objects.get().answers[free] == typed


def test_the_honeypot_stops_robots_quietly(client, consultation):
    response = client.post(_respond_url(consultation), _answers(consultation,
                                                                website="http://spam"))
    assert response.status_code == 400
    assert not ConsultationResponse.objects.exists()


def test_a_flood_from_one_address_is_stopped_with_a_clear_message(client, consultation):
    for i in range(10):
        assert client.post(_respond_url(consultation), _answers(
            consultation, submission_key=f"k{i}")).status_code == 302
    response = client.post(_respond_url(consultation), _answers(consultation,
                                                                submission_key="k-last"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Many responses have come from your internet connection in the last hour" in html
    assert "My son is 6 and anxious." in html  # shown back, not thrown away
    assert ConsultationResponse.objects.count() == 10


@pytest.mark.calendar
def test_a_consultation_not_yet_open_says_when_it_opens(client, consultation_index, calendar):
    page = make_consultation(consultation_index, calendar, opens_in_days=5, slug="soon")
    html = client.get(_respond_url(page)).content.decode()
    assert "This consultation is not open yet." in html
    response = client.post(_respond_url(page), _answers(page))
    assert not ConsultationResponse.objects.exists()
    assert response.status_code == 200


@pytest.mark.calendar
def test_a_closed_consultation_says_when_it_closed(client, consultation_index, calendar):
    page = make_consultation(consultation_index, calendar, opens_in_days=-40,
                             closes_in_days=-1, slug="closed")
    assert "This consultation closed at" in client.get(_respond_url(page)).content.decode()
    client.post(_respond_url(page), _answers(page))
    assert not ConsultationResponse.objects.exists()


def test_the_response_form_is_never_served_from_the_page_cache(client, consultation):
    client.get(_respond_url(consultation))
    second = client.get(_respond_url(consultation))
    assert second.get("X-Page-Cache") != "hit"
    assert client.get(consultation.url).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_respond_and_only_officers_see_responses(client, consultation, login_as,
                                                              role):
    login_as(role)
    assert client.get(_respond_url(consultation)).status_code == 200
    for name in ("consultations_responses", "consultations_add_response",
                 "consultations_export"):
        response = client.get(reverse(name, args=[consultation.pk]))
        if role == "officer":
            assert response.status_code == 200
        else:
            assert response.status_code in (302, 403)


def test_officers_key_in_paper_responses_marked_with_their_channel(client, login_as,
                                                                   consultation):
    user = login_as("officer")
    agree, *_ = question_ids(consultation)
    url = reverse("consultations_add_response", args=[consultation.pk])
    response = client.post(url, {"respondent_type": "parent", f"q_{agree}": "Disagree"})
    assert response.status_code == 400
    assert "Say how this response came in." in response.content.decode()
    response = client.post(url, {"respondent_type": "parent", f"q_{agree}": "Disagree",
                                 "channel": "paper"})
    assert response.status_code == 302
    stored = ConsultationResponse.objects.get()
    assert stored.channel == "paper" and stored.entered_by == user


def test_summaries_count_each_answer_and_search_free_text(client, login_as, consultation):
    for i, (agree, text) in enumerate([("Agree", "Too far"), ("Agree", "fine"),
                                       ("Disagree", "far too far")]):
        a, _, _, free = question_ids(consultation)
        client.post(_respond_url(consultation), {"respondent_type": "parent", f"q_{a}": agree,
                                                 f"q_{free}": text, "submission_key": f"s{i}"})
    login_as("officer")
    html = client.get(reverse("consultations_responses", args=[consultation.pk])).content.decode()
    assert "3 responses" in html
    assert "<td>Agree</td><td>2</td><td>67%</td>" in html
    searched = client.get(reverse("consultations_responses", args=[consultation.pk])
                          + "?q=far").content.decode()
    assert "2 answers containing “far”" in searched
    assert "<li>fine</li>" not in searched


def test_the_export_holds_every_response(client, login_as, consultation):
    for i in range(5):
        client.post(_respond_url(consultation), _answers(consultation, submission_key=f"e{i}"))
    login_as("officer")
    response = export_download(client, reverse("consultations_export", args=[consultation.pk]))
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{consultation.slug}-responses.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content)
                                       .decode("utf-8-sig"))))
    assert rows[0][0] == "reference" and "Anything else?" in rows[0]
    assert len(rows) == 6
    assert "Monday; Friday" in rows[1]


def test_the_home_page_lists_consultations_open_now(client, consultation):
    html = client.get("/").content.decode()
    assert "Have your say: consultations open now" in html
    assert "Walking distances" in html


def test_a_crash_while_saving_gives_the_answers_back(client, consultation, monkeypatch):
    from consultations import services

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "response_submit", broken)
    response = client.post(_respond_url(consultation), _answers(consultation))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Your response was not saved" in html
    assert "My son is 6 and anxious." in html
    assert 'value="key-1"' in html  # the same key, so re-sending cannot make a double


@pytest.mark.parametrize("role", ROLES)
def test_everyone_can_read_consultations(client, consultation, login_as, role):
    login_as(role)
    for url in ("/consultations/", consultation.url, consultation.url + "respond/"):
        assert client.get(url).status_code == 200


def test_the_form_is_sent_to_a_short_address_that_skips_the_page_tree(client, consultation):
    url = reverse("consultation_respond", args=[consultation.pk])
    assert f'action="{url}"' in client.get(_respond_url(consultation)).content.decode()
    response = client.post(url, _answers(consultation))
    assert response.status_code == 302
    assert ConsultationResponse.objects.count() == 1
    assert client.post(reverse("consultation_respond", args=[999999]),
                       _answers(consultation)).status_code == 404


def test_the_form_speaks_polish_to_a_polish_reader(client, consultation):
    html = client.get("/pl" + _respond_url(consultation)).content.decode()
    assert '<html lang="pl"' in html
    assert "W jakiej roli odpowiadasz?" in html
    assert "Wyślij moją odpowiedź" in html


def test_the_honeypot_is_hidden_by_the_built_stylesheet(client, consultation):
    html = client.get(_respond_url(consultation)).content.decode()
    wrapper = classes_around_input(html, "website")
    assert wrapper, "the honeypot field is on the form"
    assert set(wrapper) & hiding_classes(), (
        f"the honeypot's wrapper ({wrapper}) has no class the built CSS hides, "
        "so families see 'Leave this empty'")
