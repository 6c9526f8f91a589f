-- Scans made offline at the door and uploaded later (POST /v1/checkins/batch). Each is kept
-- with its result under its scanner's nonce, so that a batch sent again changes nothing and
-- answers the same; one that met a ticket admitted elsewhere or given back is a conflict,
-- and writes ticket.checkin_conflict for a supervisor to look at.
CREATE TYPE scan_outcome AS ENUM (
    'admitted', 'already_checked_in', 'ticket_void', 'wrong_screening', 'invalid_ticket'
);

CREATE TABLE checkin_scans (
    scanner_id    text         NOT NULL CHECK (length(scanner_id) BETWEEN 1 AND 100),
    nonce         text         NOT NULL CHECK (length(nonce) BETWEEN 1 AND 100),
    staff_id      bigint       NOT NULL REFERENCES users (id),
    screening_id  bigint       NOT NULL,
    -- Null when the code named no ticket (or did not verify).
    ticket_id     bigint       REFERENCES tickets (id),
    scanned_at    timestamptz  NOT NULL,
    outcome       scan_outcome NOT NULL,
    -- When the ticket counts as admitted, as the upload found it.
    checked_in_at timestamptz,
    conflict      boolean      NOT NULL,
    uploaded_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (scanner_id, nonce)
);
-- Deleting a ticket (never done; the foreign key's check) and a ticket's scans.
CREATE INDEX checkin_scans_ticket_id_idx ON checkin_scans (ticket_id);

CREATE FUNCTION checkin_conflict_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('ticket', NEW.ticket_id, 'ticket.checkin_conflict',
        jsonb_build_object('id', NEW.ticket_id, 'screening_id', NEW.screening_id,
                           'scanner_id', NEW.scanner_id, 'nonce', NEW.nonce,
                           'scanned_at', NEW.scanned_at, 'outcome', NEW.outcome,
                           'checked_in_at', NEW.checked_in_at, 'staff_id', NEW.staff_id));
    RETURN NULL;
END;
$$;
CREATE TRIGGER checkin_scans_conflict AFTER INSERT ON checkin_scans
    FOR EACH ROW WHEN (NEW.conflict) EXECUTE FUNCTION checkin_conflict_event();

GRANT SELECT, INSERT ON checkin_scans TO boxoffice_app;
