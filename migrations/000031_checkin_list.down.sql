-- loses: nothing (only the change marks of tickets, which the list's deltas need)
DROP INDEX tickets_screening_changed_idx;
DROP TRIGGER tickets_note_change ON tickets;
DROP FUNCTION tickets_note_change();
ALTER TABLE tickets DROP COLUMN changed_xid;
