"""A consultation response is logged by a fingerprint only, and its sender gets a receipt."""

import json

import pytest
from django.urls import reverse

from charter.models import EvidenceEntry
from charter.services import evidence_verify
from consultations.models import ConsultationResponse
from tests.consultations.test_responding import _answers, _respond_url

pytestmark = pytest.mark.django_db


def test_a_response_is_logged_without_its_answers_and_the_thanks_page_gives_a_receipt(
        client, consultation):
    response = client.post(_respond_url(consultation), _answers(consultation))
    stored = ConsultationResponse.objects.get()
    entry = EvidenceEntry.objects.get(kind="response_received")
    assert "anxious" not in entry.payload_json and stored.reference not in entry.payload_json
    assert json.loads(entry.payload_json)["consultation"] == consultation.pk
    page = client.get(response["Location"]).content.decode()
    assert "Your receipt in the evidence log" in page
    assert entry.entry_hash[:12] in page
    assert reverse("record_receipt_json", args=[entry.sequence]) in page
    assert evidence_verify().intact


def test_a_double_clicked_response_is_logged_once(client, consultation):
    client.post(_respond_url(consultation), _answers(consultation))
    client.post(_respond_url(consultation), _answers(consultation))
    assert EvidenceEntry.objects.filter(kind="response_received").count() == 1
