-- The outbox: every state change that other systems care about writes an event in its own
-- transaction, by triggers on the tables that hold the state, so that no code path can change
-- that state without its event, and a rolled-back change leaves none. The columns follow
-- Debezium's outbox event router (id, aggregatetype, aggregateid, type, payload), so a Kafka
-- Connect deployment can stream this table unchanged.

CREATE TABLE events (
    -- Insertion order, for the feed's keyset (with txid).
    position      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            uuid        NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    aggregatetype text        NOT NULL,
    aggregateid   text        NOT NULL,
    type          text        NOT NULL,
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- The transaction that wrote it. Positions are taken in insertion order but become visible
    -- in commit order, so the feed pages by (txid, position) and shows only events of
    -- transactions older than every one still running: a page never skips an event that
    -- commits later.
    txid          xid8        NOT NULL DEFAULT pg_current_xact_id()
);

-- The feed: GET /v1/events pages by (txid, position).
CREATE INDEX events_feed_idx ON events (txid, position);

CREATE FUNCTION emit_event(aggregatetype text, aggregateid bigint, type text, payload jsonb)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO events (aggregatetype, aggregateid, type, payload)
    VALUES (aggregatetype, aggregateid::text, type, payload);
$$;

-- booking.created, then booking.confirmed | cancelled | expired.
CREATE FUNCTION booking_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('booking', NEW.id,
        'booking.' || CASE WHEN TG_OP = 'INSERT' THEN 'created' ELSE NEW.status::text END,
        jsonb_build_object('id', NEW.id, 'user_id', NEW.user_id,
                           'screening_id', NEW.screening_id, 'seats', NEW.seats,
                           'amount', NEW.amount, 'currency', NEW.currency,
                           'status', NEW.status, 'expires_at', NEW.expires_at));
    RETURN NULL;
END;
$$;
CREATE TRIGGER bookings_created AFTER INSERT ON bookings
    FOR EACH ROW EXECUTE FUNCTION booking_event();
CREATE TRIGGER bookings_status_changed AFTER UPDATE OF status ON bookings
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION booking_event();

-- payment.completed.
CREATE FUNCTION payment_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('payment', NEW.id, 'payment.completed',
        jsonb_build_object('id', NEW.id, 'booking_id', NEW.booking_id,
                           'account_id', NEW.account_id, 'transfer_id', NEW.transfer_id,
                           'amount', NEW.amount, 'currency', NEW.currency));
    RETURN NULL;
END;
$$;
CREATE TRIGGER payments_completed AFTER INSERT ON payments
    FOR EACH ROW EXECUTE FUNCTION payment_event();

-- payment.refunded: each refund, of the whole booking or of some seats.
CREATE FUNCTION payment_refund_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('payment', p.id, 'payment.refunded',
        jsonb_build_object('id', p.id, 'booking_id', p.booking_id,
                           'account_id', p.account_id, 'transfer_id', NEW.transfer_id,
                           'amount', NEW.amount, 'currency', p.currency))
    FROM payments p WHERE p.id = NEW.payment_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER payment_refunds_made AFTER INSERT ON payment_refunds
    FOR EACH ROW EXECUTE FUNCTION payment_refund_event();

-- order.created, then order.confirmed | cancelled.
CREATE FUNCTION order_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('order', NEW.id,
        'order.' || CASE WHEN TG_OP = 'INSERT' THEN 'created' ELSE NEW.status::text END,
        jsonb_build_object('id', NEW.id, 'user_id', NEW.user_id, 'sku', NEW.sku,
                           'quantity', NEW.quantity, 'unit_price', NEW.unit_price,
                           'currency', NEW.currency, 'status', NEW.status));
    RETURN NULL;
END;
$$;
CREATE TRIGGER orders_created AFTER INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION order_event();
CREATE TRIGGER orders_status_changed AFTER UPDATE OF status ON orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION order_event();

-- ticket.checked_in.
CREATE FUNCTION ticket_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM emit_event('ticket', NEW.id, 'ticket.checked_in',
        jsonb_build_object('id', NEW.id, 'booking_id', NEW.booking_id,
                           'screening_id', NEW.screening_id, 'seat_label', NEW.seat_label,
                           'checked_in_at', NEW.checked_in_at,
                           'checked_in_by', NEW.checked_in_by));
    RETURN NULL;
END;
$$;
CREATE TRIGGER tickets_checked_in AFTER UPDATE OF checked_in_at ON tickets
    FOR EACH ROW WHEN (OLD.checked_in_at IS NULL AND NEW.checked_in_at IS NOT NULL)
    EXECUTE FUNCTION ticket_event();

GRANT SELECT, INSERT ON events TO boxoffice_app;
