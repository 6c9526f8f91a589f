-- A waiting list for sold-out screenings: a customer asks for a number of seats together;
-- when seats come free, the earliest entry whose party fits together (by best available's
-- rules) is offered them as a pending booking (src/ticketing/waiting_list_offers.rs). The
-- offer's booking drives the entry: paying it accepts the entry, letting it lapse expires it,
-- cancelling it cancels the entry (the trigger below), so no code path can leave the two
-- disagreeing.
CREATE TYPE waiting_list_status AS ENUM ('waiting', 'offered', 'accepted', 'expired',
                                         'cancelled');

CREATE TABLE waiting_list_entries (
    -- Also the order of the queue: the earliest entry first.
    id               bigint              GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    screening_id     bigint              NOT NULL REFERENCES screenings (id)
                                                  ON DELETE CASCADE,
    user_id          bigint              NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The party, seated together.
    seats            smallint            NOT NULL CHECK (seats BETWEEN 1 AND 10),
    status           waiting_list_status NOT NULL DEFAULT 'waiting',
    -- The offer: a pending booking holding the seats, and when its hold ends. An entry is
    -- offered one booking, once (the unique key): a seat freed once is offered to one entry.
    booking_id       bigint              UNIQUE REFERENCES bookings (id),
    offer_expires_at timestamptz,
    created_at       timestamptz         NOT NULL DEFAULT now(),
    -- Waiting: no offer yet; cancelled: before or after one; otherwise there was one.
    CONSTRAINT waiting_list_entries_offer_check
        CHECK ((booking_id IS NULL) = (offer_expires_at IS NULL)
               AND CASE status WHEN 'waiting' THEN booking_id IS NULL
                               WHEN 'cancelled' THEN true
                               ELSE booking_id IS NOT NULL END)
);

-- One open entry per customer and screening (409 already_waiting).
CREATE UNIQUE INDEX waiting_list_entries_open_key ON waiting_list_entries (screening_id, user_id)
    WHERE status IN ('waiting', 'offered');
-- The queue of a screening, earliest first: what freed seats are offered to.
CREATE INDEX waiting_list_entries_queue_idx ON waiting_list_entries (screening_id, id)
    WHERE status = 'waiting';
-- A customer's entries (GET /v1/waiting-list).
CREATE INDEX waiting_list_entries_user_idx ON waiting_list_entries (user_id, id);

-- An entry as the API shows it: an offer whose hold lapsed reads as expired before the sweep
-- marks it; `position` is the place in the queue while waiting (1: next), else null
-- (waiting_list_entries_queue_idx).
CREATE VIEW waiting_list_entries_as_read AS
SELECT e.id, e.user_id, e.screening_id, e.seats,
       CASE WHEN e.status = 'waiting' THEN
           (SELECT count(*) FROM waiting_list_entries w
            WHERE w.screening_id = e.screening_id AND w.status = 'waiting' AND w.id <= e.id)
       END AS position,
       CASE WHEN e.status = 'offered' AND e.offer_expires_at <= now()
            THEN 'expired' ELSE e.status END AS status,
       e.booking_id, e.offer_expires_at, e.created_at
FROM waiting_list_entries e;

-- The offer's booking decides the entry: paid → accepted (also when a late card payment
-- takes the seats of a lapsed offer again), lapsed → expired, cancelled → cancelled.
CREATE FUNCTION booking_settles_waiting_list_offer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE waiting_list_entries
    SET status = CASE NEW.status WHEN 'confirmed' THEN 'accepted'
                                 WHEN 'expired' THEN 'expired'
                                 ELSE 'cancelled' END::waiting_list_status
    WHERE booking_id = NEW.id
      AND (status = 'offered' OR NEW.status = 'confirmed' AND status = 'expired');
    RETURN NULL;
END;
$$;
CREATE TRIGGER bookings_settle_waiting_list_offer AFTER UPDATE OF status ON bookings
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
                       AND NEW.status IN ('confirmed', 'expired', 'cancelled'))
    EXECUTE FUNCTION booking_settles_waiting_list_offer();

-- waiting_list.offered, in the transaction that makes the offer, so webhooks carry it.
CREATE FUNCTION waiting_list_offer_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('waiting_list_entry', NEW.id, 'waiting_list.offered',
        jsonb_build_object('id', NEW.id, 'screening_id', NEW.screening_id,
                           'user_id', NEW.user_id, 'seats', NEW.seats,
                           'booking_id', NEW.booking_id,
                           'offer_expires_at', NEW.offer_expires_at));
    RETURN NULL;
END;
$$;
CREATE TRIGGER waiting_list_entries_offered AFTER UPDATE OF status ON waiting_list_entries
    FOR EACH ROW WHEN (NEW.status = 'offered' AND OLD.status = 'waiting')
    EXECUTE FUNCTION waiting_list_offer_event();

GRANT SELECT, INSERT ON waiting_list_entries TO boxoffice_app;
GRANT SELECT ON waiting_list_entries_as_read TO boxoffice_app;
GRANT UPDATE (status, booking_id, offer_expires_at) ON waiting_list_entries TO boxoffice_app;
