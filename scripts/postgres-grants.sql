-- What the application role (portal_app) may do. Run as portal_owner after every
-- `manage.py migrate` (idempotent):  psql "$OWNER_DATABASE_URL" -f scripts/postgres-grants.sql
-- See scripts/postgres-roles.sql for the two roles.
GRANT USAGE ON SCHEMA public TO portal_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portal_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO portal_app;
-- The evidence log and its checkpoints: read and append, nothing more.
REVOKE ALL ON charter_evidenceentry, charter_evidencecheckpoint FROM portal_app;
GRANT SELECT, INSERT ON charter_evidenceentry, charter_evidencecheckpoint TO portal_app;
-- Texts kept beside the log may be emptied (removal of personal data), never deleted.
REVOKE DELETE, TRUNCATE ON charter_evidencetext FROM portal_app;
REVOKE TRUNCATE ON ALL TABLES IN SCHEMA public FROM portal_app;
