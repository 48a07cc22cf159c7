#!/usr/bin/env bash
# Proves on a real PostgreSQL that the application role cannot change the evidence log:
# builds a throwaway database owned by portal_owner, migrates it as portal_owner, applies
# the grants, runs the portal as portal_app (append, checkpoint, verify), then tries as
# portal_app what an insider would (UPDATE, DELETE, TRUNCATE, ALTER TABLE ... DISABLE
# TRIGGER, DROP TRIGGER, taking the table over) and fails if any of them is allowed.
# Needs a superuser URL (default postgres://postgres@127.0.0.1:5432) with password-less
# local logins for the two roles (trust), as on the CI machine.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${CI_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
HOSTPART="${BASE#postgres://*@}"
DB="portal_roles_$$"
export PORTAL_VAR_DIR; PORTAL_VAR_DIR="$(mktemp -d)"
cleanup() { psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
            rm -rf "$PORTAL_VAR_DIR"; }
trap cleanup EXIT

psql "$BASE/postgres" -q -v owner_password="roles-check-$$" -v app_password="roles-check-$$" \
  -f scripts/postgres-roles.sql >/dev/null
psql "$BASE/postgres" -qc "CREATE DATABASE $DB OWNER portal_owner"
OWNER_URL="postgres://portal_owner@$HOSTPART/$DB"
APP_URL="postgres://portal_app@$HOSTPART/$DB"

DATABASE_URL="$OWNER_URL" .venv/bin/python manage.py migrate --no-input -v0
psql "$OWNER_URL" -q -v ON_ERROR_STOP=1 -f scripts/postgres-grants.sql

DATABASE_URL="$APP_URL" .venv/bin/python manage.py make_signing_key
DATABASE_URL="$APP_URL" .venv/bin/python manage.py shell --no-imports -c "
from charter.services import evidence_append
evidence_append(kind='meeting_recorded', subject='meeting:1', payload={'meeting': 1})
evidence_append(kind='meeting_recorded', subject='meeting:2', payload={'meeting': 2})
print('portal_app appended two entries')"
DATABASE_URL="$APP_URL" .venv/bin/python manage.py make_checkpoint
DATABASE_URL="$APP_URL" .venv/bin/python manage.py verify_evidence | tail -1

failed=0
for sql in \
  "UPDATE charter_evidenceentry SET payload_json = '{}' WHERE sequence = 1" \
  "DELETE FROM charter_evidenceentry WHERE sequence = 2" \
  "TRUNCATE charter_evidenceentry" \
  "ALTER TABLE charter_evidenceentry DISABLE TRIGGER charter_evidence_append_only" \
  "ALTER TABLE charter_evidenceentry DISABLE TRIGGER ALL" \
  "DROP TRIGGER charter_evidence_append_only ON charter_evidenceentry" \
  "ALTER TABLE charter_evidenceentry OWNER TO portal_app" \
  "UPDATE charter_evidencecheckpoint SET count = 1" \
  "DELETE FROM charter_evidencecheckpoint" \
  "ALTER TABLE charter_evidencecheckpoint DISABLE TRIGGER ALL" \
  "SET session_replication_role = replica"; do
  if out=$(psql "$APP_URL" -qtA -v ON_ERROR_STOP=1 -c "$sql" 2>&1); then
    echo "ALLOWED (must be refused) as portal_app: $sql"; failed=1
  else
    echo "refused as portal_app: $sql -> ${out##*ERROR:  }"
  fi
done
DATABASE_URL="$APP_URL" .venv/bin/python manage.py verify_evidence | tail -1
if [ "$failed" -ne 0 ]; then exit 1; fi
echo "portal_app can add to the evidence log and cannot change, remove or unguard it."
