#!/usr/bin/env bash
# make cluster: the portal as a council would run it, on this one machine. Two gunicorn app
# servers, a Celery worker and beat, all on PostgreSQL and Redis, behind Varnish (installed
# from Debian's packages when missing) on http://127.0.0.1:8000. Ctrl-C stops them all.
#
# Settings: production's, from var/cluster.env (written once: a fresh SECRET_KEY). Override
# PORTAL_CLUSTER_DB (default postgres://postgres@127.0.0.1:5432/portal_cluster) and
# REDIS_URL (default redis://127.0.0.1:6379/5) to use others.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-varnish.sh

mkdir -p var/varnish
if [ ! -f var/cluster.env ]; then
    secret=$(.venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))")
    cat > var/cluster.env <<ENV
DJANGO_SETTINGS_MODULE=portal.settings.production
SECRET_KEY=$secret
ALLOWED_HOSTS=127.0.0.1,localhost
PORTAL_BASE_URL=http://127.0.0.1:8000
PORTAL_TRUSTED_PROXIES=1
SECURE_SSL_REDIRECT=0
EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
ENV
fi
set -a
# shellcheck disable=SC1091
. var/cluster.env
DATABASE_URL=${PORTAL_CLUSTER_DB:-postgres://postgres@127.0.0.1:5432/portal_cluster}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/5}
CELERY_BROKER_URL=${CELERY_BROKER_URL:-$REDIS_URL}
# Varnish stands in front and adds the visitor's address to X-Forwarded-For: without this
# every visitor would share Varnish's address, and its limits (confirmations, sign-ins).
PORTAL_TRUSTED_PROXIES=${PORTAL_TRUSTED_PROXIES:-1}
set +a

db_name=${DATABASE_URL##*/}
db_server=${DATABASE_URL%/*}
if ! psql "$db_server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$db_name'" | grep -q 1; then
    psql "$db_server/postgres" -qc "CREATE DATABASE \"$db_name\""
fi
# Production settings refuse to start without the evidence log's signing key: make it first.
DJANGO_SETTINGS_MODULE=portal.settings.dev .venv/bin/python manage.py make_signing_key --if-missing
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py collectstatic --no-input -v 0
if [ "$(.venv/bin/python manage.py shell -c 'from wagtail.models import Page; print(Page.objects.count())' 2>/dev/null | tail -1)" -le 2 ]; then
    PORTAL_DEMO=1 .venv/bin/python manage.py load_demo_content
fi
# Only the running processes purge Varnish (nothing listens while the demo loads).
export PORTAL_FRONTEND_CACHE_URL=http://127.0.0.1:8000
exec .venv/bin/honcho -f Procfile.cluster start
