-- The door's check-in list with deltas: a scanner that pulled a screening's tickets asks
-- again for what changed since (voids, admissions at other doors). Each ticket notes the
-- transaction that last changed it; a list's cursor is the oldest transaction still running
-- when it was read (pg_snapshot_xmin), so a change that commits after the read, whatever its
-- order, has a transaction id at or past the cursor and comes with the next delta.
ALTER TABLE tickets ADD COLUMN changed_xid xid8;
COMMENT ON COLUMN tickets.changed_xid IS
    'The transaction that last inserted or updated the ticket; null for tickets not changed '
    'since before migration 000031 (they are in every full list and in no delta).';

CREATE FUNCTION tickets_note_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_xid := pg_current_xact_id();
    RETURN NEW;
END
$$;

CREATE TRIGGER tickets_note_change BEFORE INSERT OR UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_note_change();

-- A screening's changes since a cursor (checkin_list_changes).
CREATE INDEX tickets_screening_changed_idx ON tickets (screening_id, changed_xid);
