DROP INDEX sessions_family_id_idx;
ALTER TABLE sessions DROP COLUMN family_id;
DROP SEQUENCE session_families;
