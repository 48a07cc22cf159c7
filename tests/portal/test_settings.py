"""Settings: production is safe by default and the portal calls no outside host."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x" * 20 + "-production-like-secret-key-for-the-check-0123456789",
    "ALLOWED_HOSTS": "portal.example.gov.uk",
    "PORTAL_BASE_URL": "https://portal.example.gov.uk",
    "EVIDENCE_SIGNING_KEY": "dGVzdC1vbmx5LWV2aWRlbmNlLXNpZ25pbmcta2V5ISE=",
    "CELERY_BROKER_URL": "redis://queue.example:6379/1",
    "REDIS_URL": "redis://cache.example:6379/0",
    # The error page's number (portal.checks: warned about when unset).
    "PORTAL_TRANSPORT_PHONE": "01234 567 890",
}


def _manage(*args, env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    full_env.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env,
        capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_the_deployment_check_with_no_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = dict(PRODUCTION_ENV)
    env.pop("SECRET_KEY")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_the_sites_address():
    # Every e-mail's links are built on it: without it families would get links to 127.0.0.1.
    env = dict(PRODUCTION_ENV)
    env.pop("PORTAL_BASE_URL")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "PORTAL_BASE_URL must be set in production" in result.stderr


@pytest.mark.parametrize("name", ["CELERY_BROKER_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_the_task_queue_or_the_shared_cache(name):
    # Without them tasks run inside web requests, nothing runs on a schedule, and each
    # process keeps its own rate limits.
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != name}
    result = _manage("check", env={**env, name: ""})
    assert result.returncode != 0
    assert f"{name} must be set in production" in result.stderr


def test_production_sends_mail_through_the_relay_and_from_the_address_it_is_given():
    code = (
        "from django.conf import settings as s;"
        "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD,"
        " s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.DEFAULT_FROM_EMAIL, s.SERVER_EMAIL)"
    )
    env = {**PRODUCTION_ENV, "EMAIL_HOST": "relay.council.example", "EMAIL_PORT": "587",
           "EMAIL_HOST_USER": "portal", "EMAIL_HOST_PASSWORD": "pw", "EMAIL_USE_TLS": "1",
           "DEFAULT_FROM_EMAIL": "send-travel@council.example",
           "SERVER_EMAIL": "portal-errors@council.example"}
    result = _manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.split() == [
        "relay.council.example", "587", "portal", "pw", "True", "False",
        "send-travel@council.example", "portal-errors@council.example"], result.stderr
    both = _manage("check", env={**env, "EMAIL_USE_SSL": "1"})
    assert both.returncode != 0 and "not both" in both.stderr


def test_production_takes_the_keys_before_a_rotation_from_the_environment():
    """So a rotated ``SECRET_KEY`` forgets no survey stop and breaks no link sent before."""
    code = "from django.conf import settings as s; print(len(s.SECRET_KEY_FALLBACKS))"
    old = ["old-key-one-" + "a1b2c3d4e5" * 5, "old-key-two-" + "f6g7h8i9j0" * 5]
    result = _manage("shell", "--no-imports", "-c", code,
                     env={**PRODUCTION_ENV, "SECRET_KEY_FALLBACKS": " ".join(old)})
    assert result.stdout.split() == ["2"], result.stderr
    none = _manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert none.stdout.split() == ["0"], none.stderr


@pytest.mark.parametrize("key,words", [
    ("dev-only-not-secret", "default or development key"),
    ("too-short-but-otherwise-random-9f8e7d", "at least 50 characters"),
    ("ab" * 30, "different characters"),
])
def test_production_refuses_to_start_with_a_weak_secret_key(key, words):
    result = _manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and words in result.stderr


def test_database_and_cache_come_from_the_environment():
    code = (
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE']);"
        "print(settings.CACHES['default']['BACKEND'])"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": "postgres://portal@db.example:5432/portal",
        "REDIS_URL": "redis://cache.example:6379/0",
    }
    result = _manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "django_redis.cache.RedisCache",
    ], result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/policies/travel-assistance/", "/faq/", "/jargon-buster/",
                                 "/search/?q=walk", "/missing/"])
def test_public_pages_load_nothing_from_other_hosts(client, tree, url):
    html = client.get(url).content.decode()
    external = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', html)
    assert external == []


@pytest.mark.django_db
def test_admin_makes_no_outside_requests(client, login_as, tree):
    from django.conf import settings

    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    login_as("officer")
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
