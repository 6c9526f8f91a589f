-- Reports (admin): what was sold and given back, and what is owed to distributors, read from
-- facts written in the very transactions that move the money, so that every figure agrees
-- with the ledger to the minor unit.

-- Film hire: a share of a movie's net box office, owed to its distributor, with a minimum
-- per screening shown.
CREATE TABLE film_hire_terms (
    movie_id              bigint  PRIMARY KEY REFERENCES movies (id) ON DELETE CASCADE,
    -- Hundredths of a percent of the net box office: 3550 is 35.5 %.
    percent_hundredths    integer NOT NULL CHECK (percent_hundredths BETWEEN 0 AND 10000),
    -- In minor units of the screenings' currency, per screening shown.
    minimum_per_screening bigint  NOT NULL DEFAULT 0 CHECK (minimum_per_screening >= 0)
);

CREATE TYPE sale_kind AS ENUM ('sale', 'refund');
CREATE TYPE payment_method AS ENUM ('wallet', 'card');

-- One row per seat sold (its payment reached the revenue account) or given back with its
-- money returned, written by the triggers below and never changed: an append-only record
-- that concurrent sales add to without touching a shared row. Copies what the reports group
-- by (movie, theater, start, ticket type, method), as sold.
CREATE TABLE sales (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                sale_kind      NOT NULL,
    at                  timestamptz    NOT NULL DEFAULT now(),
    booking_id          bigint         NOT NULL REFERENCES bookings (id),
    screening_id        bigint         NOT NULL REFERENCES screenings (id),
    movie_id            bigint         NOT NULL,
    theater_id          bigint         NOT NULL,
    screening_starts_at timestamptz    NOT NULL,
    ticket_type         ticket_type    NOT NULL,
    payment_method      payment_method NOT NULL,
    currency            text           NOT NULL,
    -- +1 for a seat sold, -1 for one given back.
    tickets             smallint       NOT NULL,
    -- In minor units of `currency`: the list price of a seat sold (with any surcharge), the
    -- discount on it, and the money returned for a seat given back.
    gross               bigint         NOT NULL CHECK (gross >= 0),
    discount            bigint         NOT NULL DEFAULT 0 CHECK (discount >= 0),
    refund              bigint         NOT NULL CHECK (refund >= 0),
    CONSTRAINT sales_kind_check CHECK (
        (kind = 'sale' AND tickets = 1 AND refund = 0 AND discount <= gross)
        OR (kind = 'refund' AND tickets = -1 AND gross = 0 AND discount = 0))
);
-- A period's sales (every report but film hire); a screening's (its report, film hire); a
-- booking's sale, which its refunds copy.
CREATE INDEX sales_at_idx ON sales (at);
CREATE INDEX sales_screening_id_idx ON sales (screening_id);
CREATE INDEX sales_booking_id_idx ON sales (booking_id) WHERE kind = 'sale';

-- The seats a payment sold: the booking's items not given back, at their amounts.
CREATE FUNCTION record_sale(sold_booking bigint, method payment_method) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO sales (kind, booking_id, screening_id, movie_id, theater_id,
                       screening_starts_at, ticket_type, payment_method, currency, tickets,
                       gross, refund)
    SELECT 'sale', b.id, s.id, s.movie_id, s.theater_id, s.starts_at, i.ticket_type, method,
           b.currency, 1, i.amount, 0
    FROM bookings b
    JOIN screenings s ON s.id = b.screening_id
    JOIN booking_items i ON i.booking_id = b.id AND i.released_at IS NULL
    WHERE b.id = sold_booking;
$$;

-- Seats given back with their money: each item's amount as the refund, with the method of
-- the booking's sale. Items of a booking that was never paid have no sale and are skipped.
CREATE FUNCTION record_refunds(items booking_items[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO sales (kind, booking_id, screening_id, movie_id, theater_id,
                       screening_starts_at, ticket_type, payment_method, currency, tickets,
                       gross, refund)
    SELECT 'refund', sold.booking_id, sold.screening_id, sold.movie_id, sold.theater_id,
           sold.screening_starts_at, i.ticket_type, sold.payment_method, sold.currency, -1, 0,
           i.amount
    FROM unnest(items) AS i
    JOIN LATERAL (
        SELECT * FROM sales f WHERE f.booking_id = i.booking_id AND f.kind = 'sale' LIMIT 1
    ) sold ON true;
$$;

CREATE FUNCTION wallet_sale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM record_sale(NEW.booking_id, 'wallet');
    RETURN NULL;
END;
$$;
CREATE TRIGGER payments_sold AFTER INSERT ON payments
    FOR EACH ROW EXECUTE FUNCTION wallet_sale();

-- A card payment sells when its money moves to revenue (its transfer is recorded).
CREATE FUNCTION card_sale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM record_sale(NEW.booking_id, 'card');
    RETURN NULL;
END;
$$;
CREATE TRIGGER card_payments_sold AFTER UPDATE OF transfer_id ON card_payments
    FOR EACH ROW WHEN (OLD.transfer_id IS NULL AND NEW.transfer_id IS NOT NULL)
    EXECUTE FUNCTION card_sale();

-- Some seats of a paid booking given back (a partial cancellation refunds them).
CREATE FUNCTION booking_items_refunded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM record_refunds(ARRAY(
        SELECT n::booking_items FROM after_update n
        WHERE n.released_at IS NOT NULL AND EXISTS (
            SELECT FROM before_update o
            WHERE (o.booking_id, o.row_index, o.number) = (n.booking_id, n.row_index, n.number)
              AND o.released_at IS NULL)));
    RETURN NULL;
END;
$$;
CREATE TRIGGER booking_items_refunded AFTER UPDATE ON booking_items
    REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
    FOR EACH STATEMENT EXECUTE FUNCTION booking_items_refunded();

-- A paid booking cancelled whole: every seat it still had is refunded.
CREATE FUNCTION booking_refunded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM record_refunds(ARRAY(
        SELECT i FROM booking_items i WHERE i.booking_id = NEW.id AND i.released_at IS NULL));
    RETURN NULL;
END;
$$;
CREATE TRIGGER bookings_refunded AFTER UPDATE OF status ON bookings
    FOR EACH ROW WHEN (OLD.status = 'confirmed' AND NEW.status = 'cancelled')
    EXECUTE FUNCTION booking_refunded();

-- What was sold and refunded before this migration, at the times the ledger moved the money:
-- a wallet payment's creation, a card payment's transfer; a seat given back after its sale
-- at its release, the rest of a booking cancelled whole at its last refund.
WITH sold AS (
    SELECT p.booking_id, 'wallet'::payment_method AS method, p.created_at AS at
    FROM payments p
    UNION ALL
    SELECT c.booking_id, 'card', t.created_at
    FROM card_payments c JOIN transfers t ON t.id = c.transfer_id
)
INSERT INTO sales (kind, at, booking_id, screening_id, movie_id, theater_id,
                   screening_starts_at, ticket_type, payment_method, currency, tickets, gross,
                   refund)
SELECT 'sale', d.at, b.id, s.id, s.movie_id, s.theater_id, s.starts_at, i.ticket_type,
       d.method, b.currency, 1, i.amount, 0
FROM sold d
JOIN bookings b ON b.id = d.booking_id
JOIN screenings s ON s.id = b.screening_id
JOIN booking_items i ON i.booking_id = b.id AND (i.released_at IS NULL OR i.released_at > d.at)
ORDER BY d.at;

WITH refunded_whole AS (
    SELECT p.booking_id, max(r.created_at) AS at
    FROM payments p JOIN payment_refunds r ON r.payment_id = p.id
    WHERE p.status = 'refunded'
    GROUP BY p.booking_id
    UNION ALL
    SELECT c.booking_id, max(r.created_at)
    FROM card_payments c JOIN card_refunds r ON r.card_payment_id = c.id
    WHERE c.status = 'refunded' AND c.transfer_id IS NOT NULL AND r.transfer_id IS NOT NULL
    GROUP BY c.booking_id
)
INSERT INTO sales (kind, at, booking_id, screening_id, movie_id, theater_id,
                   screening_starts_at, ticket_type, payment_method, currency, tickets, gross,
                   refund)
SELECT 'refund', coalesce(i.released_at, w.at), f.booking_id, f.screening_id, f.movie_id,
       f.theater_id, f.screening_starts_at, i.ticket_type, f.payment_method, f.currency, -1, 0,
       i.amount
FROM (SELECT DISTINCT ON (booking_id) * FROM sales WHERE kind = 'sale'
      ORDER BY booking_id, id) f
JOIN booking_items i ON i.booking_id = f.booking_id
LEFT JOIN refunded_whole w ON w.booking_id = f.booking_id
WHERE (i.released_at IS NOT NULL AND i.released_at > f.at)
   OR (i.released_at IS NULL AND w.at IS NOT NULL)
ORDER BY 2;

-- What the service may do: add facts (the triggers run as it), read them; set film hire.
GRANT SELECT, INSERT ON sales TO boxoffice_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON film_hire_terms TO boxoffice_app;
