"""Too large a request gets a plain refusal (400 or 413), never a server error."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_form_over_the_size_limit_gets_the_400_page(client, consultation, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.raise_request_exception = False
    response = client.post(consultation.url + "respond/", {"respondent_type": "x" * 20_000})
    assert response.status_code == 400
    assert 'class="portal-header' in response.content.decode()  # the site's own 400 page


def test_a_form_with_too_many_fields_gets_the_400_page(client, consultation, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    client.raise_request_exception = False
    response = client.post(consultation.url + "respond/", {f"f{n}": "1" for n in range(80)})
    assert response.status_code == 400


def test_a_body_over_the_request_limit_is_refused_before_it_is_read(client, tree, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 1000
    response = client.post("/sign-in/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/plain")
    assert "too large" in response.content.decode()
    # Under the limit, the same address works as before.
    assert client.post("/sign-in/", {"username": "x", "password": "y"}).status_code == 200


def test_the_production_limits_are_set():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 2000
    assert settings.PORTAL_MAX_REQUEST_BYTES == 20 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
