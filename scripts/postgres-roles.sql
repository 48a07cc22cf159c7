-- The portal's two PostgreSQL roles. Run once per cluster, as a superuser:
--
--   psql -v owner_password="'...'" -v app_password="'...'" -f scripts/postgres-roles.sql
--   createdb --owner portal_owner portal
--
-- portal_owner owns the database and every table: migrations (manage.py migrate) run as
--   it, and only it can alter a table or switch a trigger off. Nothing else logs in as it.
-- portal_app is what the running portal connects as (DATABASE_URL). It reads and writes
--   the ordinary tables but may only read and add to the evidence log and its
--   checkpoints: no UPDATE, DELETE or TRUNCATE there, and, owning nothing, it cannot
--   disable the append-only trigger, drop it, or take the table over.
-- After every migrate, run scripts/postgres-grants.sql as portal_owner (new tables).
\set ON_ERROR_STOP on
SELECT :'owner_password' AS owner_password \gset
SELECT :'app_password' AS app_password \gset
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_owner') THEN
        CREATE ROLE portal_owner LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_app') THEN
        CREATE ROLE portal_app LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOINHERIT;
    END IF;
END
$$;
ALTER ROLE portal_owner PASSWORD :'owner_password';
ALTER ROLE portal_app PASSWORD :'app_password';
