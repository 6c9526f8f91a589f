-- Tickets and admission: one ticket per seat of a paid booking, checked in at most once, void
-- once its seat is given back; and the staff role that checks tickets in.

-- Staff scan tickets at the door and read check-in counts; nothing else of an admin's.
-- (Not used in this migration: a new enum value cannot be used in the transaction that adds it.)
ALTER TYPE user_role ADD VALUE 'staff' AFTER 'admin';

CREATE TABLE tickets (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id    bigint      NOT NULL,
    row_index     smallint    NOT NULL,
    number        smallint    NOT NULL,
    -- Copied from the booking item: the code signs them, and check-in reads them alone.
    screening_id  bigint      NOT NULL,
    seat_label    text        NOT NULL,
    ticket_type   ticket_type NOT NULL,
    issued_at     timestamptz NOT NULL DEFAULT now(),
    -- Set when the seat is given back (a cancellation); the ticket never admits after.
    voided_at     timestamptz,
    checked_in_at timestamptz,
    checked_in_by bigint      REFERENCES users (id),
    -- One ticket per booked seat.
    UNIQUE (booking_id, row_index, number),
    FOREIGN KEY (booking_id, row_index, number) REFERENCES booking_items,
    CONSTRAINT tickets_checked_in_by_check
        CHECK ((checked_in_at IS NULL) = (checked_in_by IS NULL)),
    -- An admitted ticket cannot be voided, nor a void one admitted: of a check-in and a
    -- cancellation racing for one ticket, exactly one happens (the other is refused with
    -- 409 ticket_checked_in, or finds the ticket void).
    CONSTRAINT tickets_admitted_not_void
        CHECK (voided_at IS NULL OR checked_in_at IS NULL)
);

-- Check-in counts per screening (screening_checkins).
CREATE INDEX tickets_screening_id_idx ON tickets (screening_id);

-- The paid bookings of before this migration get their tickets.
INSERT INTO tickets (booking_id, row_index, number, screening_id, seat_label, ticket_type)
SELECT i.booking_id, i.row_index, i.number, i.screening_id, i.seat_label, i.ticket_type
FROM booking_items i
JOIN bookings b ON b.id = i.booking_id
WHERE b.status = 'confirmed' AND i.released_at IS NULL
ORDER BY i.booking_id, i.row_index, i.number;

GRANT SELECT, INSERT ON tickets TO boxoffice_app;
GRANT UPDATE (voided_at, checked_in_at, checked_in_by) ON tickets TO boxoffice_app;
