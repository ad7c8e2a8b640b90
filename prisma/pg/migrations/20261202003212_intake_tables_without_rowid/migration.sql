-- SQLite only (prisma/migrations/20261202003212_intake_tables_without_rowid): PostgreSQL tables
-- have no rowid, so nothing changes here. Kept so both migration histories have the same steps.
SELECT 1;
