-- Webhooks: HTTP endpoints that receive the events they subscribe to, signed as Standard
-- Webhooks say and retried until delivered or given up on. Each event is fanned out to the
-- subscribed endpoints by a trigger on the outbox, so a delivery exists exactly when its
-- event does: in the same transaction, or not at all.

CREATE TABLE webhooks (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url         text        NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2000),
    -- The event types it receives (`booking.created`, …).
    event_types text[]      NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 20),
    -- The signing secret (`whsec_` and base64). The service signs with it, so it is kept,
    -- not hashed; the API shows it only once, when the webhook is created.
    secret      text        NOT NULL CHECK (secret LIKE 'whsec\_%'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TYPE webhook_delivery_status AS ENUM ('pending', 'delivered', 'dead');

CREATE TABLE webhook_deliveries (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id       bigint      NOT NULL REFERENCES webhooks ON DELETE CASCADE,
    event_position   bigint      NOT NULL REFERENCES events (position),
    status           webhook_delivery_status NOT NULL DEFAULT 'pending',
    -- Attempts started. A worker claims a delivery by raising it, and records the outcome
    -- only if it is still the number it claimed: a worker whose claim lapsed cannot
    -- overwrite a newer attempt.
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- When a pending delivery may next be claimed. Claiming moves it past the attempt's
    -- timeout (a lease), so one that a dying worker never finished is claimed again later.
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    -- Retries stop (the delivery is dead) once the next one would fall later than the retry
    -- window after this: its creation, or its last manual retry.
    retry_from       timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz,
    -- The HTTP status of the last answer; NULL when none came (timeout, refused address…).
    last_status_code integer,
    -- Why the last attempt failed; NULL after a success.
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- An event goes to an endpoint once (retries are attempts of the same delivery).
    UNIQUE (webhook_id, event_position),
    CONSTRAINT webhook_deliveries_delivered_at_check
        CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);

-- The workers' claim: due pending deliveries, soonest first.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at)
    WHERE status = 'pending';
-- GET /v1/webhooks/{id}/deliveries pages by id.
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, id);

-- Each event, to every webhook subscribed to its type.
CREATE FUNCTION fan_out_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (webhook_id, event_position)
    SELECT id, NEW.position FROM webhooks WHERE NEW.type = ANY (event_types);
    RETURN NULL;
END;
$$;
CREATE TRIGGER events_fan_out AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION fan_out_event();

GRANT SELECT, INSERT, DELETE ON webhooks TO boxoffice_app;
GRANT SELECT, INSERT ON webhook_deliveries TO boxoffice_app;
GRANT UPDATE (status, attempts, next_attempt_at, retry_from, last_attempt_at, last_status_code,
              last_error, delivered_at)
    ON webhook_deliveries TO boxoffice_app;
