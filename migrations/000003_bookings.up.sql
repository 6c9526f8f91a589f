-- Bookings: seats of a screening held for a user, then paid (confirmed), cancelled or expired.

CREATE TYPE booking_status AS ENUM ('pending', 'confirmed', 'cancelled', 'expired');

CREATE TABLE bookings (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint         NOT NULL REFERENCES users (id),
    screening_id bigint         NOT NULL REFERENCES screenings (id),
    seats        integer        NOT NULL CHECK (seats BETWEEN 1 AND 10),
    -- seats × the screening's price at booking time, in minor units of `currency`.
    amount       bigint         NOT NULL CHECK (amount >= 0),
    currency     text           NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status       booking_status NOT NULL DEFAULT 'pending',
    -- A pending booking holds its seats until then.
    expires_at   timestamptz    NOT NULL,
    created_at   timestamptz    NOT NULL DEFAULT now()
);

-- Serves `GET /v1/bookings` (the caller's bookings, keyset on id).
CREATE INDEX bookings_user_id_idx ON bookings (user_id, id);
-- Serves the foreign key and the reclaim of one screening's expired holds.
CREATE INDEX bookings_screening_id_idx ON bookings (screening_id);
-- Serves the periodic sweep of expired holds; pending bookings are few, so the index is small.
CREATE INDEX bookings_pending_expires_at_idx ON bookings (expires_at) WHERE status = 'pending';

-- Screenings as clients see them: seats held by pending bookings whose hold has lapsed count as
-- available even before the sweep returns them (bookings_screening_id_idx).
CREATE VIEW screenings_now AS
SELECT s.id, s.movie_id, s.theater_id, s.starts_at, s.ends_at, s.price, s.currency,
       s.total_seats,
       s.available_seats + coalesce((
           SELECT sum(b.seats)::int FROM bookings b
           WHERE b.screening_id = s.id AND b.status = 'pending' AND b.expires_at <= now()
       ), 0) AS available_seats
FROM screenings s;
